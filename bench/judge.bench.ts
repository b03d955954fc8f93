/**
 * The judge benchmark: the labelled department requests and ledger rows judged against the demo district's
 * catalogs, per-outcome precision and recall on the dev and hold-out splits, every miss, and how fast the
 * pieces run on one core.
 *
 *   npx tsx bench/judge.bench.ts          prints the report, writes bench/results/judge.json
 *   npx tsx bench/judge.bench.ts --no-pg  (or --no-sqlite) fewer database runs
 *   JUDGE_BENCH_SECONDS=0.5 npx tsx …      shorter timing runs (default 1 s per figure)
 *
 * Two kinds of run over the same labelled sets:
 * - in memory: the seed catalogs as shipped (seed-view.ts, no database);
 * - per database (SQLite in a temporary file, PostgreSQL in its own database `jianfu_bench_judge` made from
 *   BENCH_PG_URL / TEST_DATABASE_URL or the local default): migrated and seeded as the app is for the demo
 *   (composeDeps, seedFeatures, loadDemo, seedDemo), then the demo village 韩店村's views built by the real
 *   wiring (catalogViewFor with the district's sign guide): the internal view for the requests, as the gate
 *   judges them, and the public view for the ledger rows, as the ledger does. Each database run says
 *   whether its outcomes equal the in-memory run's and, where not, which rows and which catalog items differ.
 *
 * Timings (median of 5 runs, each cycling through the labelled requests): the prohibition rules alone on
 * one request (what the filing form re-runs on every keystroke), the whole pre-check of one request
 * (rules, mechanisms, signs, the matcher), a ledger suggestion, compiling the rules, and building the view
 * (in memory; per database cold — new connection, empty memos — and warm). bench/run.ts (phase `judge`)
 * calls runJudgeBench().
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { Deps } from '../src/server/deps.js';
import { CATALOG_KINDS } from '../src/shared/catalogs.js';
import { evaluateRequests, type LabelledRequest } from '../src/server/features/admission/admission.eval.js';
import { judgeInputOf, precheck } from '../src/server/features/admission/admission.precheck.js';
import { requestContent, type RequestContent } from '../src/server/features/admission/admission.schemas.js';
import { evaluateRows, suggestionFor, type LabelledRow } from '../src/server/features/campaigns/campaigns.eval.js';
import { DEFAULT_SIGN_GUIDE, type RowInput } from '../src/server/features/campaigns/campaigns.model.js';
import { createRowBody as rowInput } from '../src/shared/campaigns.js';
import { formatScore, type Score } from '../src/server/features/catalogs/judge.eval.js';
import type { CatalogView } from '../src/server/features/catalogs/judge.js';
import { clearCompiledRules, compileRulesUncached, evaluate } from '../src/server/features/catalogs/rules.js';
import { seedCatalogView } from '../src/server/features/catalogs/seed-view.js';
import { DIALECTS, type Dialect } from './report.js';

const REQUESTS_URL = new URL('../test/fixtures/admission-requests.json', import.meta.url);
const ROWS_URL = new URL('../test/fixtures/ledger-rows.json', import.meta.url);
const RESULT_URL = new URL('./results/judge.json', import.meta.url);
const RUNS = 5;
/** The demo village (韩店村, 上党区): layers stop at the township, so its views are its township's. */
const VILLAGE = '140404001200';
const PG_DATABASE = 'jianfu_bench_judge';
const PG_DEFAULT = 'postgres://jianfu:jianfu@127.0.0.1:5432/jianfu';
/** Warm view builds timed per database (the median is reported). */
const WARM_BUILDS = 10;

export interface JudgeBenchOptions {
  /** Seconds per timed figure (default: JUDGE_BENCH_SECONDS or 1). */
  secondsPerRun?: number;
  /** Write bench/results/judge.json (default true). */
  write?: boolean;
  /** Print the report (default true). */
  print?: boolean;
  /** Databases to judge on besides the in-memory view (default both). */
  dialects?: Dialect[];
  /** PostgreSQL URL whose server and role to use (default BENCH_PG_URL, TEST_DATABASE_URL or the local default). */
  pgUrl?: string;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

interface SplitFigures<L extends string> {
  rows: number;
  accuracy: number;
  perLabel: Score<L>['perLabel'];
  misses: Score<L>['misses'];
}

const figures = <L extends string>(s: Score<L>): SplitFigures<L> => ({
  rows: s.rows,
  accuracy: s.accuracy,
  perLabel: s.perLabel,
  misses: s.misses,
});

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Median over RUNS runs of the time per call (µs), each run cycling through `inputs` for `seconds`. */
function timePerCall<T>(inputs: readonly T[], seconds: number, fn: (x: T) => unknown): number {
  for (let i = 0; i < Math.min(inputs.length * 3, 500); i++) fn(inputs[i % inputs.length]); // warm-up
  const perRun: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < (seconds * 1000) / RUNS) {
      for (let k = 0; k < 20; k++) fn(inputs[n++ % inputs.length]);
      now = performance.now();
    }
    perRun.push(((now - start) * 1000) / n);
  }
  perRun.sort((a, b) => a - b);
  return Math.round(perRun[Math.floor(RUNS / 2)] * 10) / 10;
}

type Requests = LabelledRequest[];
type Rows = LabelledRow[];

/** Both labelled sets on the dev and hold-out splits and overall: requests against `gate`, rows against `ledger`. */
function evaluateSets(gate: CatalogView, ledger: CatalogView, requests: Requests, rows: Rows) {
  const splits = { dev: 'dev', holdout: 'holdout', all: null } as const;
  const req = Object.fromEntries(
    Object.entries(splits).map(([name, split]) => {
      const e = evaluateRequests(gate, split ? requests.filter((r) => r.split === split) : requests);
      return [
        name,
        {
          ...figures(e.score),
          prohibited: e.prohibited,
          prohibitedRefused: e.prohibitedRefused,
          prohibitedLetThrough: e.prohibitedLetThrough,
          ruleHits: e.ruleHits,
          ruleMisses: e.ruleMisses,
        },
      ];
    }),
  ) as Record<keyof typeof splits, RequestFigures>;
  const led = Object.fromEntries(
    Object.entries(splits).map(([name, split]) => {
      const e = evaluateRows(ledger, split ? rows.filter((r) => r.split === split) : rows);
      return [
        name,
        {
          ...figures(e.score),
          lawfulWork: e.lawfulWork,
          lawfulCancelled: e.lawfulCancelled,
          prohibited: e.prohibited,
          prohibitedCancelled: e.prohibitedCancelled,
        },
      ];
    }),
  ) as Record<keyof typeof splits, RowFigures>;
  return { requests: req, ledgerRows: led };
}

interface RequestFigures extends SplitFigures<string> {
  prohibited: number;
  prohibitedRefused: number;
  prohibitedLetThrough: string[];
  ruleHits: number;
  ruleMisses: { id: string; want: string; got: string[] }[];
}
interface RowFigures extends SplitFigures<string> {
  lawfulWork: number;
  lawfulCancelled: string[];
  prohibited: number;
  prohibitedCancelled: number;
}
type SetFigures = ReturnType<typeof evaluateSets>;

/** Rows whose outcome differs between two runs (a row missing from both miss lists got its label in both). */
function outcomeDifferences(a: SplitFigures<string>, b: SplitFigures<string>) {
  const got = (s: SplitFigures<string>) => new Map(s.misses.map((m) => [m.id, m]));
  const ma = got(a);
  const mb = got(b);
  const out: { id: string; want: string; memory: string; database: string; databaseSaid: string }[] = [];
  for (const id of new Set([...ma.keys(), ...mb.keys()])) {
    const want = (ma.get(id) ?? mb.get(id))!.want;
    const x = ma.get(id)?.got ?? want;
    const y = mb.get(id)?.got ?? want;
    if (x !== y) out.push({ id, want, memory: x, database: y, databaseSaid: mb.get(id)?.detail ?? '' });
  }
  return out;
}

const itemKey = (i: CatalogView['items'][number]) => `${i.kind}:${i.code}`;

/** Items, completeness, rules and sign guide that differ between the in-memory view and a database view. */
function viewDifferences(memory: CatalogView, database: CatalogView) {
  const m = new Map(memory.items.map((i) => [itemKey(i), i]));
  const d = new Map(database.items.map((i) => [itemKey(i), i]));
  const onlyInMemory = [...m.keys()].filter((k) => !d.has(k));
  const onlyInDatabase = [...d.keys()].filter((k) => !m.has(k));
  const changed = [...m.keys()].filter((k) => d.has(k) && JSON.stringify(m.get(k)) !== JSON.stringify(d.get(k)));
  const completeness = CATALOG_KINDS.filter((k) => memory.completeness(k) !== database.completeness(k)).map((k) => ({
    kind: k,
    memory: memory.completeness(k),
    database: database.completeness(k),
  }));
  return {
    items: { memory: memory.items.length, database: database.items.length },
    onlyInMemory,
    onlyInDatabase,
    changed: changed.map((k) => ({ item: k, memory: m.get(k), database: d.get(k) })),
    completeness,
    rules: { memory: memory.rules.size, database: database.rules.size },
    signGuideEqual: JSON.stringify(memory.signGuide) === JSON.stringify(database.signGuide),
    same:
      !onlyInMemory.length &&
      !onlyInDatabase.length &&
      !changed.length &&
      !completeness.length &&
      JSON.stringify(memory.signGuide) === JSON.stringify(database.signGuide),
  };
}

/** A fresh empty database of the dialect, and how to drop it again. */
async function freshDatabase(
  d: Dialect,
  pgUrl: string,
): Promise<{ url: string; where: string; drop(): Promise<void> }> {
  if (d === 'sqlite') {
    const dir = mkdtempSync(join(os.tmpdir(), 'jianfu-judge-'));
    const file = join(dir, 'judge.db');
    return { url: `sqlite:${file}`, where: file, drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const admin = new URL(pgUrl);
  admin.pathname = '/postgres';
  const ident = `"${PG_DATABASE}"`;
  const onAdmin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end().catch(() => undefined);
    }
  };
  await onAdmin(async (c) => {
    // Never pull a database from under someone else: another judge bench may be using it.
    const busy = await c.query(`select count(*)::int as n from pg_stat_activity where datname = $1`, [PG_DATABASE]);
    if (busy.rows[0].n > 0)
      throw new Error(`database ${PG_DATABASE} is in use by ${busy.rows[0].n} session(s); not touching it`);
    await c.query(`drop database if exists ${ident}`);
    await c.query(`create database ${ident}`);
  });
  const url = new URL(pgUrl);
  url.pathname = `/${PG_DATABASE}`;
  return {
    url: url.toString(),
    where: `database ${PG_DATABASE}`,
    drop: () => onAdmin(async (c) => void (await c.query(`drop database if exists ${ident}`))),
  };
}

const ms = (t0: number) => Math.round((performance.now() - t0) * 10) / 10;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * One database: migrated and seeded as the demo app is, the demo village's views built by the real wiring
 * on `date`, both labelled sets judged against them and compared with the in-memory run.
 */
async function runOnDatabase(
  d: Dialect,
  pgUrl: string,
  date: string,
  memory: { view: CatalogView; sets: SetFigures },
  requests: Requests,
  rows: Rows,
  log: (line: string) => void,
) {
  const [{ loadConfig }, { composeDeps }, { withStartupLock }, { loadDemo }, features, judging, matching, campaigns] =
    await Promise.all([
      import('../src/server/config.js'),
      import('../src/server/compose.js'),
      import('../src/server/db/dialect.js'),
      import('../src/server/features/accounts/bootstrap.js'),
      import('../src/server/features/index.js'),
      import('../src/server/features/catalogs/catalogs.judging.js'),
      import('../src/server/features/catalogs/catalogs.matching.js'),
      import('../src/server/features/campaigns/campaigns.catalog.js'),
    ]);
  const { default: pino } = await import('pino');
  const db = await freshDatabase(d, pgUrl);
  const open = () =>
    composeDeps(
      loadConfig({ DATABASE_URL: db.url, JIANFU_LOG_LEVEL: 'warn', JIANFU_JOBS: 'off' } as NodeJS.ProcessEnv),
      { logger: pino({ level: 'warn' }) },
    );
  try {
    // As src/server/main.ts starts the demo: migrate (composeDeps), seed every feature, the demo district.
    let t0 = performance.now();
    const seeding = await open();
    try {
      await withStartupLock(seeding.db, seeding.dialect, async () => {
        await features.seedFeatures(seeding);
        await loadDemo(seeding);
        await features.seedDemo(seeding);
      });
    } finally {
      await seeding.database.close();
    }
    const seedMs = ms(t0);
    log(`${d}: migrated and seeded the demo in ${(seedMs / 1000).toFixed(1)} s (${db.where})`);

    // A new connection and empty memos: the first view is built cold, as after a server start.
    const deps: Deps = await open();
    try {
      matching.clearMatcherCache();
      clearCompiledRules();
      const build = async (view: 'internal' | 'public') =>
        judging.catalogViewFor(deps, VILLAGE, date, { view, signGuide: await campaigns.signGuideFor(deps, VILLAGE) });
      t0 = performance.now();
      const gate = await build('internal');
      const coldMs = ms(t0);
      t0 = performance.now();
      const ledger = await build('public');
      const publicFirstMs = ms(t0);
      const warm: number[] = [];
      for (let i = 0; i < WARM_BUILDS; i++) {
        t0 = performance.now();
        await build('internal');
        warm.push(ms(t0));
      }
      const sets = evaluateSets(gate, ledger, requests, rows);
      const differences = {
        requests: outcomeDifferences(memory.sets.requests.all, sets.requests.all),
        ledgerRows: outcomeDifferences(memory.sets.ledgerRows.all, sets.ledgerRows.all),
        ruleHits: { memory: memory.sets.requests.all.ruleHits, database: sets.requests.all.ruleHits },
      };
      const sameAsMemory =
        !differences.requests.length &&
        !differences.ledgerRows.length &&
        differences.ruleHits.memory === differences.ruleHits.database;
      return {
        dialect: d,
        database: d === 'sqlite' ? 'temporary file' : PG_DATABASE,
        seedMs,
        views: {
          requests: {
            view: 'internal',
            regionCode: gate.regionCode,
            versionId: gate.versionId,
            items: gate.items.length,
          },
          ledgerRows: {
            view: 'public',
            regionCode: ledger.regionCode,
            versionId: ledger.versionId,
            items: ledger.items.length,
          },
        },
        viewBuild: {
          /** First build on a new connection with empty matcher and rule memos (internal view, sign guide included). */
          coldMs,
          /** Then the public view (effective catalog of its own; matcher shared when the version is the same). */
          publicFirstMs,
          /** Median of WARM_BUILDS rebuilds of the internal view (caches hit). */
          warmMs: median(warm),
          warmRunsMs: warm,
        },
        ...sets,
        sameAsMemory,
        differences,
        viewDifferences: {
          requests: viewDifferences(memory.view, gate),
          ledgerRows: viewDifferences(memory.view, ledger),
        },
      };
    } finally {
      await deps.database.close();
    }
  } finally {
    await db.drop();
  }
}
export type DatabaseRun = Awaited<ReturnType<typeof runOnDatabase>>;

export async function runJudgeBench(opts: JudgeBenchOptions = {}) {
  const seconds = opts.secondsPerRun ?? Number(process.env.JUDGE_BENCH_SECONDS ?? 1);
  const log = opts.log ?? (() => undefined);
  const requests = (JSON.parse(readFileSync(REQUESTS_URL, 'utf8')) as { requests: LabelledRequest[] }).requests;
  const rows = (JSON.parse(readFileSync(ROWS_URL, 'utf8')) as { rows: LabelledRow[] }).rows;

  const buildStart = performance.now();
  const view = seedCatalogView({ signGuide: DEFAULT_SIGN_GUIDE });
  const viewMs = performance.now() - buildStart;
  const memorySets = evaluateSets(view, view, requests, rows);
  const req = memorySets.requests;
  const led = memorySets.ledgerRows;

  const contents: RequestContent[] = requests.map((r) => requestContent.parse(r.content));
  const ruleInputs = contents.map((c) => ({ ...judgeInputOf(c), board: c.kind === 'sign' }));
  const rowInputs: RowInput[] = rows.map((r) => rowInput.parse(r.row) as RowInput);
  const prohibitionItems = view.items.filter((i) => i.kind === 'prohibition');
  const timings = {
    /** The prohibition rules on one request (the filing form re-checks on every keystroke). */
    rulesPerRequestUs: timePerCall(ruleInputs, seconds, (x) => evaluate(view.rules, x)),
    /** The whole pre-check of one request: rules, mechanisms, signs, certificates and the matcher. */
    precheckPerRequestUs: timePerCall(contents, seconds, (c) => precheck(c, view)),
    /** One ledger suggestion. */
    suggestionPerRowUs: timePerCall(rowInputs, seconds, (r) => suggestionFor(view, r)),
    /** Compiling the patterns of every prohibition item in force (once per catalog version). */
    compileRulesUs: timePerCall([prohibitionItems], seconds, (items) => compileRulesUncached(items)),
    /** Building the seed view (matcher and rules), first time in this process. */
    viewBuildMs: Math.round(viewMs * 10) / 10,
  };

  const pgUrl = opts.pgUrl ?? process.env.BENCH_PG_URL ?? process.env.TEST_DATABASE_URL ?? PG_DEFAULT;
  const databases: Partial<Record<Dialect, DatabaseRun | { skipped: string }>> = {};
  for (const d of opts.dialects ?? DIALECTS) {
    try {
      databases[d] = await runOnDatabase(d, pgUrl, view.date, { view, sets: memorySets }, requests, rows, log);
    } catch (err) {
      const why = err instanceof Error ? err.message.split('\n')[0] : String(err);
      log(`${d}: FAILED: ${err instanceof Error ? err.stack : why}`);
      databases[d] = { skipped: `failed: ${why.slice(0, 300)}` };
    }
  }

  const result = {
    benchmark: 'judge (labelled requests and ledger rows)',
    date: new Date().toISOString(),
    machine: os.cpus()[0]?.model ?? null,
    catalogVersion: view.versionId,
    judgedOn: view.date,
    catalogs: 'demo district 140404 as shipped: seed lists with the demo adoptions, default sign guide',
    rules: { patterns: view.rules.size, items: prohibitionItems.length, errors: view.rules.errors },
    requests: req,
    ledgerRows: led,
    timings,
    databases,
  };

  if (opts.print ?? true) {
    const report = (where: string, sets: SetFigures) => {
      for (const [name, r] of Object.entries(sets.requests))
        console.log(
          formatScore(`Requests, ${name} (${where})`, { ...r, correct: Math.round(r.accuracy * r.rows) } as never, [
            [
              'prohibited refused',
              `${r.prohibitedRefused}/${r.prohibited} (let through: ${r.prohibitedLetThrough.length})`,
            ],
            ['refused for the intended item', `${r.ruleHits}/${r.prohibited}`],
          ]),
        );
      for (const [name, r] of Object.entries(sets.ledgerRows))
        console.log(
          formatScore(`Ledger rows, ${name} (${where})`, { ...r, correct: Math.round(r.accuracy * r.rows) } as never, [
            ['lawful work suggested cancel', `${r.lawfulCancelled.length}/${r.lawfulWork}`],
            ['prohibited tasks suggested cancel', `${r.prohibitedCancelled}/${r.prohibited}`],
          ]),
        );
    };
    const targets = (sets: SetFigures) =>
      `requests ${pct(sets.requests.all.accuracy)} ≥ 95 %, prohibited refused ${sets.requests.all.prohibitedRefused}/${sets.requests.all.prohibited}, ledger ${pct(sets.ledgerRows.all.accuracy)} ≥ 95 %, lawful cancelled ${sets.ledgerRows.all.lawfulCancelled.length}`;
    report('in memory', memorySets);
    console.log(
      `Timings (one core, median of ${RUNS}): rules ${timings.rulesPerRequestUs} µs/request, pre-check ${timings.precheckPerRequestUs} µs/request, suggestion ${timings.suggestionPerRowUs} µs/row, compile rules ${timings.compileRulesUs} µs, seed view ${timings.viewBuildMs} ms`,
    );
    console.log(`Targets, in memory: ${targets(memorySets)}`);
    for (const [d, r] of Object.entries(databases)) {
      if ('skipped' in r) {
        console.log(`${d}: not run (${r.skipped})`);
        continue;
      }
      if (!r.sameAsMemory) report(d, r);
      console.log(
        `Targets, ${d}: ${targets(r)}; ${r.sameAsMemory ? 'same outcomes as in memory' : `DIFFERS from in memory: ${r.differences.requests.length} requests, ${r.differences.ledgerRows.length} rows, rule hits ${r.differences.ruleHits.database} vs ${r.differences.ruleHits.memory}`}; view build cold ${r.viewBuild.coldMs} ms, warm ${r.viewBuild.warmMs} ms`,
      );
    }
  }
  if (opts.write ?? true) {
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(RESULT_URL, `${JSON.stringify(result, null, 2)}\n`);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  await runJudgeBench({
    dialects: DIALECTS.filter((d) => !args.includes(d === 'sqlite' ? '--no-sqlite' : '--no-pg')),
    log: (line) => console.log(`[judge] ${line}`),
  });
}
