/**
 * Catalog matcher benchmark: throughput on one core (the matcher is synchronous, so one Node thread
 * is one core) and accuracy on the labelled dev set.
 *
 *   npx tsx bench/matcher.bench.ts            prints a table, writes bench/results/matcher.json
 *   MATCHER_BENCH_SECONDS=1 npx tsx …          shorter runs (default 3 s per run, 5 runs)
 *
 * Throughput: warm-up, then 5 timed runs of ≥ MATCHER_BENCH_SECONDS each, cycling through the dev-set
 * queries; the figure is the median run. Compare only medians taken on the same machine in one
 * session: this shared machine varies by up to 3× between runs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CERTIFICATE_KINDS, createMatcher, type Matcher } from '../src/server/features/catalogs/matcher.js';
import {
  evaluateMatcher,
  type LabelledName,
  type MatcherEvaluation,
} from '../src/server/features/catalogs/matcher.eval.js';
import { loadSeedCatalogs, toMatchableItems } from '../src/server/features/catalogs/seed-data.js';

const DEVSET_URL = new URL('../test/fixtures/matcher-devset.json', import.meta.url);
const RESULT_URL = new URL('./results/matcher.json', import.meta.url);
const RUNS = 5;

export interface MatcherBenchOptions {
  /** Seconds per timed run (default: MATCHER_BENCH_SECONDS or 3). */
  secondsPerRun?: number;
  /** Write bench/results/matcher.json (default true). */
  write?: boolean;
  /** Print the table (default true). */
  print?: boolean;
}

/** Runs the benchmark and returns the figures that are also written to bench/results/matcher.json. */
export async function runMatcherBench(opts: MatcherBenchOptions = {}): Promise<object> {
  const secondsPerRun = opts.secondsPerRun ?? Number(process.env.MATCHER_BENCH_SECONDS ?? 3);
  const devset = JSON.parse(readFileSync(DEVSET_URL, 'utf8')) as LabelledName[];
  const items = toMatchableItems(loadSeedCatalogs());

  const buildStart = performance.now();
  const matcher = createMatcher(items);
  const buildMs = performance.now() - buildStart;

  const queries = devset.map((r) => r.q);
  const certOnly = measure(matcher, queries, CERTIFICATE_KINDS, secondsPerRun);
  const allKinds = measure(matcher, queries, undefined, secondsPerRun);
  const accuracyCert = evaluateMatcher(matcher, devset, CERTIFICATE_KINDS);
  const accuracyAll = evaluateMatcher(matcher, devset, undefined);

  const result = {
    benchmark: 'catalog matcher',
    date: new Date().toISOString(),
    machine: os.cpus()[0]?.model ?? null,
    cpus: os.cpus().length,
    loadAverage1m: os.loadavg()[0],
    node: process.version,
    commit: gitCommit(),
    items: { total: items.length, catchAll: items.filter((i) => i.catchAll).length },
    devsetRows: devset.length,
    threshold: matcher.match('').threshold,
    buildMs: round(buildMs, 2),
    throughput: {
      method: `warm-up, then ${RUNS} runs of ≥${secondsPerRun}s each over the ${queries.length} dev-set queries; median run`,
      certificateKinds: certOnly,
      allKinds,
    },
    accuracy: { certificateKinds: summary(accuracyCert), allKinds: summary(accuracyAll) },
    misses: accuracyCert.misses,
  };

  if (opts.print ?? true)
    printTable(result.throughput.certificateKinds, result.throughput.allKinds, accuracyCert, accuracyAll, result);
  if (opts.write ?? true) {
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(RESULT_URL, JSON.stringify(result, null, 2) + '\n');
  }
  return result;
}

interface Throughput {
  checksPerSecond: number;
  microsecondsPerCheck: number;
  runs: number[];
}

function measure(
  matcher: Matcher,
  queries: string[],
  kinds: typeof CERTIFICATE_KINDS | undefined,
  seconds: number,
): Throughput {
  let sink = 0;
  const warmUntil = performance.now() + Math.min(1000, seconds * 300);
  while (performance.now() < warmUntil) for (const q of queries) sink += matcher.match(q, kinds).candidates.length;
  const runs: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let calls = 0;
    const start = performance.now();
    const until = start + seconds * 1000;
    let now = start;
    while (now < until) {
      for (const q of queries) sink += matcher.match(q, kinds).candidates.length;
      calls += queries.length;
      now = performance.now();
    }
    runs.push(calls / ((now - start) / 1000));
  }
  if (sink < 0) console.log(sink); // keep the work observable
  const median = [...runs].sort((a, b) => a - b)[Math.floor(runs.length / 2)];
  return {
    checksPerSecond: Math.round(median),
    microsecondsPerCheck: round(1e6 / median, 2),
    runs: runs.map((x) => Math.round(x)),
  };
}

function summary(e: MatcherEvaluation) {
  return {
    verdictAccuracy: round(e.verdictAccuracy, 4),
    issueAccuracy: round(e.issueAccuracy, 4),
    top1Accuracy: round(e.top1Accuracy, 4),
    rowsWithCode: e.rowsWithCode,
    perVerdict: Object.fromEntries(
      Object.entries(e.perVerdict).map(([v, s]) => [
        v,
        { ...s, precision: round(s.precision, 4), recall: round(s.recall, 4) },
      ]),
    ),
    misses: e.misses.length,
  };
}

function printTable(
  cert: Throughput,
  all: Throughput,
  ec: MatcherEvaluation,
  ea: MatcherEvaluation,
  meta: { machine: string | null; node: string; commit: string | null; buildMs: number; loadAverage1m: number },
): void {
  console.log(
    `\ncatalog matcher — ${meta.machine} · node ${meta.node} · commit ${meta.commit ?? 'n/a'} · load ${meta.loadAverage1m.toFixed(2)}`,
  );
  console.log(`build ${meta.buildMs} ms\n`);
  console.table({
    'certificate kinds': {
      'checks/s (median)': cert.checksPerSecond,
      'µs/check': cert.microsecondsPerCheck,
      runs: cert.runs.join(' '),
    },
    'all kinds': {
      'checks/s (median)': all.checksPerSecond,
      'µs/check': all.microsecondsPerCheck,
      runs: all.runs.join(' '),
    },
  });
  const rows: Record<string, Record<string, string | number>> = {};
  for (const [label, e] of [
    ['certificate kinds', ec],
    ['all kinds', ea],
  ] as const) {
    for (const [v, s] of Object.entries(e.perVerdict))
      rows[`${label} · ${v}`] = {
        support: s.support,
        predicted: s.predicted,
        precision: pct(s.precision),
        recall: pct(s.recall),
      };
  }
  console.table(rows);
  console.table({
    'certificate kinds': {
      rows: ec.rows,
      verdict: pct(ec.verdictAccuracy),
      'issue/not issue': pct(ec.issueAccuracy),
      'top-1 code': pct(ec.top1Accuracy),
      misses: ec.misses.length,
    },
    'all kinds': {
      rows: ea.rows,
      verdict: pct(ea.verdictAccuracy),
      'issue/not issue': pct(ea.issueAccuracy),
      'top-1 code': pct(ea.top1Accuracy),
      misses: ea.misses.length,
    },
  });
  for (const m of ec.misses)
    console.log(`miss: ${m.q} — want ${m.want} ${m.wantCode ?? ''}, got ${m.got} ${m.gotCode ?? ''}`);
}

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  await runMatcherBench();
}
