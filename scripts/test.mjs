#!/usr/bin/env node
// The README's test command. Runs the suites and prints, per suite, how many tests ran, then one line
// of totals: "N passed, N failed". Under CI=true the PostgreSQL and browser suites must run; a
// skipped suite fails the run.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const CI = process.env.CI === 'true' || process.env.CI === '1';
const only = process.argv.find((a) => a.startsWith('--only='))?.slice(7);
const extra = process.argv.slice(2).filter((a) => !a.startsWith('--only='));
const CHROMIUM = process.env.JIANFU_CHROMIUM ?? '/usr/bin/chromium';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'jianfu-test-'));
const results = [];
let failedSteps = 0;

function run(cmd, args, env = {}) {
  return spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
}

/** Like run(), streaming the output as it comes, and also returning its last 400 lines. */
function runTee(cmd, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, ...env } });
    let tail = [];
    const keep = (d) => {
      tail.push(...String(d).split('\n'));
      if (tail.length > 800) tail = tail.slice(-400);
    };
    child.stdout.on('data', (d) => (process.stdout.write(d), keep(d)));
    child.stderr.on('data', (d) => (process.stderr.write(d), keep(d)));
    child.on('close', (status) => resolve({ status, tail: tail.slice(-400) }));
  });
}

/** The "Unhandled Errors" block vitest printed (colours stripped), if any. */
function unhandledBlock(lines) {
  // oxlint-disable-next-line no-control-regex -- strips ANSI colours
  const plain = lines.map((l) => l.replace(/\x1b\[[0-9;]*m/g, ''));
  const at = plain.findIndex((l) => /Unhandled (Error|Rejection)/.test(l));
  return at < 0
    ? null
    : plain
        .slice(at, at + 30)
        .filter((l) => l.trim())
        .join('\n');
}

const failures = [];
async function vitestSuite(name, config, env, files = []) {
  const out = path.join(tmp, `${name}.json`);
  console.log(`\n=== 测试套件 / suite: ${name} ===`);
  const r = await runTee(
    'npx',
    [
      'vitest',
      'run',
      '--config',
      config,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
      ...files,
      ...extra,
    ],
    env,
  );
  let passed = 0,
    failed = 0,
    skipped = 0,
    total = 0;
  if (fs.existsSync(out)) {
    const j = JSON.parse(fs.readFileSync(out, 'utf8'));
    passed = j.numPassedTests;
    failed = j.numFailedTests;
    skipped = j.numPendingTests + (j.numTodoTests ?? 0);
    total = j.numTotalTests;
    failed += j.numFailedTestSuites && !j.numFailedTests ? j.numFailedTestSuites : 0;
    // Named again in the summary, so that the tail of a CI log says what failed.
    for (const f of j.testResults ?? []) {
      const file = path.relative(process.cwd(), f.name);
      for (const t of f.assertionResults ?? []) {
        if (t.status === 'failed')
          failures.push(
            `${name}: ${file} › ${t.fullName} — ${String(t.failureMessages?.[0] ?? '')
              .split('\n')[0]
              .slice(0, 300)}`,
          );
      }
      if (f.status === 'failed' && !(f.assertionResults ?? []).some((t) => t.status === 'failed'))
        failures.push(
          `${name}: ${file} — ${String(f.message ?? '')
            .split('\n')[0]
            .slice(0, 300)}`,
        );
    }
  } else if (r.status !== 0) failed += 1;
  if (r.status !== 0 && failed === 0) {
    failed = 1;
    // Every test passed but vitest failed the run: an error outside any test (e.g. an unhandled rejection).
    failures.push(
      `${name}: vitest exited with ${r.status} though no test failed\n${unhandledBlock(r.tail) ?? r.tail.slice(-30).join('\n')}`,
    );
  }
  if (total === 0 && failed === 0) {
    console.log(`suite ${name}: ran no test`);
    failed = 1;
  }
  results.push({ name, passed, failed, skipped });
}

/** Creates an empty PostgreSQL database next to TEST_DATABASE_URL's and returns its URL. */
async function freshPgDatabase(base) {
  const { default: pg } = await import('pg');
  const name = `jianfu_e2e_${Date.now().toString(36)}`;
  const c = new pg.Client({ connectionString: base });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return u.toString();
}

function skip(name, why) {
  if (CI) {
    console.log(`\n=== suite ${name}: 不能跳过 / cannot be skipped under CI=true: ${why}`);
    results.push({ name, passed: 0, failed: 1, skipped: 0 });
  } else {
    console.log(`\n=== suite ${name}: skipped (${why})`);
    results.push({ name, passed: 0, failed: 0, skipped: 0, note: 'skipped' });
  }
}

if (!only || only === 'typecheck') {
  console.log('=== typecheck (tsc --noEmit) ===');
  const r = run('npx', ['tsc', '--noEmit', '-p', 'tsconfig.json']);
  results.push({ name: 'typecheck', passed: r.status === 0 ? 1 : 0, failed: r.status === 0 ? 0 : 1, skipped: 0 });
}
if (!only || only === 'lint') {
  // Formatting (Prettier, print width 120) and import cycles (dependency-cruiser, type-only imports included).
  console.log('\n=== format and import cycles (prettier --check, depcruise) ===');
  for (const [name, cmd, args] of [
    ['format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']],
    ['import-cycles', 'npx', ['depcruise', 'src', '--config', '.dependency-cruiser.cjs', '--output-type', 'err']],
  ]) {
    const r = run(cmd, args);
    if (r.status !== 0) failures.push(`${name}: ${cmd} ${args.join(' ')} failed`);
    results.push({ name, passed: r.status === 0 ? 1 : 0, failed: r.status === 0 ? 0 : 1, skipped: 0 });
  }
}
if (!only || only === 'sqlite')
  await vitestSuite('server-sqlite', 'vitest.config.ts', { JIANFU_TEST_DIALECT: 'sqlite' });
if (!only || only === 'postgres') {
  if (process.env.TEST_DATABASE_URL)
    await vitestSuite('server-postgres', 'vitest.config.ts', { JIANFU_TEST_DIALECT: 'postgres' });
  else skip('server-postgres', 'TEST_DATABASE_URL is not set');
}
if (!only || only === 'browser') {
  if (fs.existsSync(CHROMIUM)) {
    console.log('\n=== building the web app for the browser suite ===');
    const b = run('node', ['scripts/ensure-web-build.mjs']);
    if (b.status !== 0) {
      results.push({ name: 'browser', passed: 0, failed: 1, skipped: 0 });
    } else {
      await vitestSuite('browser', 'vitest.e2e.config.ts', { JIANFU_CHROMIUM: CHROMIUM });
      // The admission and certificate journeys run on PostgreSQL too (issue 5), on a fresh database.
      if (process.env.TEST_DATABASE_URL) {
        const url = await freshPgDatabase(process.env.TEST_DATABASE_URL);
        await vitestSuite(
          'browser-postgres',
          'vitest.e2e.config.ts',
          { JIANFU_CHROMIUM: CHROMIUM, E2E_DATABASE_URL: url },
          ['e2e/admission.e2e.ts', 'e2e/certificates.e2e.ts'],
        );
      } else if (CI) skip('browser-postgres', 'TEST_DATABASE_URL is not set');
    }
  } else skip('browser', `${CHROMIUM} not found (apt-get install chromium fonts-noto-cjk)`);
}

if (failures.length) {
  console.log('\n=== 失败的测试 / failed tests ===');
  for (const f of failures) console.log(f);
}
console.log('\n=== 汇总 / summary ===');
let P = 0,
  F = 0;
for (const r of results) {
  P += r.passed;
  F += r.failed;
  console.log(
    `${r.name}: ${r.note === 'skipped' ? 'skipped' : `${r.passed + r.failed + r.skipped} run, ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''}`}`,
  );
}
fs.rmSync(tmp, { recursive: true, force: true });
console.log(`${P} passed, ${F} failed`);
process.exit(F === 0 && failedSteps === 0 ? 0 : 1);
