/**
 * The shape of the code (issue 10), checked on every run: SQL only in repositories and db/, no file in
 * src/server over 400 lines (the matcher's data tables excepted), features reaching each other only through
 * services. The allowances below are a ratchet: they may only shrink, and must reach zero.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const SERVER = path.join(ROOT, 'src/server');

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}
const rel = (p: string) => path.relative(ROOT, p).split(path.sep).join('/');
const source = files(SERVER).filter((f) => !f.endsWith('.test.ts') && !f.includes('test-helpers'));

/** A query builder call or raw SQL. */
const QUERY = /\.(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto)\(|\bsql(\.raw)?`|\bsql\.raw\(/g;
const mayQuery = (f: string) => f.endsWith('.repo.ts') || rel(f).startsWith('src/server/db/');

/** Files still holding queries outside a repository, and how many (may only go down). */
const QUERY_ALLOWANCE: Record<string, number> = {};

const MAX_LINES = 400;
/** The matcher's data tables (vocabulary, synonyms) are data, not code. */
const DATA_TABLES = new Set(['src/server/features/catalogs/matcher.synonyms.ts']);
/** Files over the limit today, with their length (may only go down). */
const SIZE_ALLOWANCE: Record<string, number> = {};

describe('the shape of the code', () => {
  it('runs queries only in repositories (*.repo.ts) and db/', () => {
    const found: Record<string, number> = {};
    for (const f of source) {
      if (mayQuery(f)) continue;
      const n = (fs.readFileSync(f, 'utf8').match(QUERY) ?? []).length;
      if (n) found[rel(f)] = n;
    }
    const over = Object.entries(found).filter(([f, n]) => n > (QUERY_ALLOWANCE[f] ?? 0));
    expect(over, 'queries outside a repository (move them into the feature’s *.repo.ts)').toEqual([]);
    const stale = Object.keys(QUERY_ALLOWANCE).filter((f) => (found[f] ?? 0) < QUERY_ALLOWANCE[f]);
    expect(stale, 'lower QUERY_ALLOWANCE to what is left (it only shrinks)').toEqual([]);
  });

  it(`keeps every file in src/server within ${MAX_LINES} lines (the matcher's data tables excepted)`, () => {
    const over: string[] = [];
    for (const f of files(SERVER)) {
      const r = rel(f);
      const lines = fs.readFileSync(f, 'utf8').split('\n').length - 1;
      if (DATA_TABLES.has(r) || lines <= MAX_LINES) continue;
      if (lines > (SIZE_ALLOWANCE[r] ?? MAX_LINES)) over.push(`${r}: ${lines}`);
    }
    expect(over, 'split these files by use case').toEqual([]);
  });

  it('lets a feature reach another feature only through its service, directory or model', () => {
    const bad: string[] = [];
    for (const f of source) {
      const m = rel(f).match(/^src\/server\/features\/([a-z]+)\//);
      if (!m) continue;
      for (const [, other, file] of fs.readFileSync(f, 'utf8').matchAll(/from '\.\.\/([a-z]+)\/([^']+)'/g))
        if (other !== m[1] && /\.(repo|tables|routes)\.js$/.test(file)) bad.push(`${rel(f)} → ${other}/${file}`);
    }
    expect(bad).toEqual([]);
  });
});
