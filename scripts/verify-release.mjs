#!/usr/bin/env node
// `npm run verify:release`: the long reliability loops on both databases, the security scan of the demo
// (scripts/security-scan.mjs: sqlmap and wapiti, zero findings), then the benchmarks.
//   test/reliability with JIANFU_RELIABILITY_ITERATIONS=50 (kill -9 cycles: writes and imports),
//   JIANFU_CONCURRENCY_TRIALS=100 (100 × 20 concurrent edits), JIANFU_SHUTDOWN_ITERATIONS=20
//   (SIGTERM under load), once on SQLite and once on PostgreSQL (TEST_DATABASE_URL is required),
//   then `npm run bench` when it exists. Prints every figure line and a verdict; exits 1 on failure.
// Budget: about 25 minutes for both databases on a 2-core machine, well inside 60 minutes.
// Overrides: the three variables above may be set to other values; --sqlite-only skips PostgreSQL
// (the run then does not count as a release verification and says so).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const sqliteOnly = process.argv.includes('--sqlite-only');
const loops = {
  JIANFU_RELIABILITY_ITERATIONS: process.env.JIANFU_RELIABILITY_ITERATIONS ?? '50',
  JIANFU_CONCURRENCY_TRIALS: process.env.JIANFU_CONCURRENCY_TRIALS ?? '100',
  JIANFU_SHUTDOWN_ITERATIONS: process.env.JIANFU_SHUTDOWN_ITERATIONS ?? '20',
};
const started = Date.now();
const steps = [];
const figures = [];
const minutes = (ms) => `${(ms / 60000).toFixed(1)} min`;

function run(name, cmd, args, env = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    console.log(`\n=== ${name} ===\n$ ${[cmd, ...args].join(' ')}`);
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const collect = (stream, out) =>
      stream.on('data', (d) => {
        out.write(d);
        for (const line of String(d).split('\n'))
          if (line.startsWith('[reliability ') || line.startsWith('[security ')) figures.push(line);
      });
    collect(child.stdout, process.stdout);
    collect(child.stderr, process.stderr);
    child.on('exit', (code, signal) => {
      const step = { name, ok: code === 0, code: code ?? signal, ms: Date.now() - t0 };
      steps.push(step);
      resolve(step);
    });
  });
}

function vitest(name, dialect) {
  const out = path.join(os.tmpdir(), `jianfu-release-${dialect}-${process.pid}.json`);
  return run(
    name,
    'npx',
    [
      'vitest',
      'run',
      'test/reliability',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${out}`,
      '--maxWorkers=2',
    ],
    {
      ...loops,
      JIANFU_TEST_DIALECT: dialect,
    },
  ).then((step) => {
    if (fs.existsSync(out)) {
      const j = JSON.parse(fs.readFileSync(out, 'utf8'));
      step.tests = `${j.numPassedTests} passed, ${j.numFailedTests} failed, ${j.numPendingTests} skipped`;
      if (j.numFailedTests > 0 || j.numTotalTests === 0) step.ok = false;
      fs.rmSync(out, { force: true });
    }
    return step;
  });
}

console.log(`减负通 发布验证 / release verification: ${JSON.stringify(loops)}`);
await vitest('reliability on SQLite', 'sqlite');
if (process.env.TEST_DATABASE_URL && !sqliteOnly) {
  await vitest('reliability on PostgreSQL', 'postgres');
} else {
  const why = sqliteOnly ? '--sqlite-only' : 'TEST_DATABASE_URL 未设置 / is not set';
  console.log(`\n=== reliability on PostgreSQL: 未运行 / not run (${why}) ===`);
  steps.push({ name: 'reliability on PostgreSQL', ok: sqliteOnly, code: 'not run', ms: 0, tests: `not run: ${why}` });
}

await run('security scan (sqlmap, wapiti)', process.execPath, ['scripts/security-scan.mjs']).then((step) => {
  step.tests = figures
    .filter((f) => f.startsWith('[security '))
    .map((f) => f.slice(1).replace(']', ':'))
    .join('; ');
  return step;
});

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
if (pkg.scripts?.bench && fs.existsSync(path.join(root, 'bench', 'run.ts'))) {
  await run('benchmarks (npm run bench)', 'npm', ['run', 'bench']);
} else {
  console.log('\n=== benchmarks: 未运行 / not run: `npm run bench` (bench/run.ts) 尚不存在 / does not exist yet ===');
  steps.push({
    name: 'benchmarks',
    ok: true,
    code: 'absent',
    ms: 0,
    tests: 'not run: bench/run.ts does not exist yet',
  });
}

console.log('\n=== 发布验证汇总 / release verification summary ===');
for (const f of figures) console.log(f);
for (const s of steps)
  console.log(
    `${s.ok ? 'PASS' : 'FAIL'}  ${s.name}  (${minutes(s.ms)}${s.tests ? `; ${s.tests}` : ''}${s.ok ? '' : `; exit ${s.code}`})`,
  );
const ok = steps.every((s) => s.ok);
console.log(
  `${ok ? '通过 / PASSED' : '未通过 / FAILED'} in ${minutes(Date.now() - started)}${sqliteOnly ? ' (SQLite only: not a release verification)' : ''}`,
);
process.exit(ok ? 0 : 1);
