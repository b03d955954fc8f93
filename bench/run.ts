/**
 * `npm run bench`: the whole benchmark suite in one command, on SQLite and PostgreSQL.
 *
 *   npm run bench                      full run: writes bench/results/full.json and bench/README.md
 *   npm run bench -- --quick           smoke run (short loads, district-sized export): bench/results/quick.json
 *   npm run bench -- --name=foo        writes bench/results/foo.json (README only for full runs, or with --readme)
 *   npm run bench -- --no-pg | --no-sqlite
 *   npm run bench -- --only=matcher,judge,catalog,ledger,start,http,export,web    some phases only
 *                                      (writes bench/results/only-<phases>.json unless --name is given)
 *   npm run bench -- --no-profile      no CPU profiles of missed targets
 *   BENCH_DURATION=5 npm run bench     seconds per autocannon run (default 10; quick 3)
 *
 * Steps: build the web app if stale; generate or reuse the province dataset for each database (keyed
 * by a hash of the generator's sources); the matcher (dev set, hold-out); the judge on the labelled
 * requests and ledger rows (in memory, then on a small demo database of each dialect); effective-catalog timings;
 * the ledger benchmark (10,000-row import, roll-ups beside bare SQL); then per database the real server
 * as a child process on 127.0.0.1 (pinned to core 0, this process on core 1): cold start beside a bare
 * node:http server started the same way, idle RSS, autocannon throughput and latency of four routes
 * each beside /api/health measured right before it, latency at a fixed 200 req/s, loaded RSS, province
 * and district roll-ups over HTTP, the streaming export of the province's consolidated ledger, and the
 * web app in headless Chromium. Missed server-side targets are profiled with `node --cpu-prof`.
 *
 * Benchmarks report; they never fail on a missed target (exit 1 only when the run itself breaks).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  DATA_DIR,
  ROOT,
  autocannonCommand,
  baselineServerScript,
  ensureServerBuild,
  download,
  getJson,
  load,
  login,
  memOf,
  median,
  monoUs,
  newestProfile,
  pinSelf,
  resetPeak,
  round,
  sampledPeak,
  sleep,
  startServer,
  summariseProfile,
  timeSequential,
  unpinSelf,
  type LoadFigures,
  type LoadSpec,
  type ServerHandle,
} from './http.bench.js';
import { CHROMIUM, measureWeb, type WebFigures } from './web.bench.js';
import {
  DIALECT_LABEL,
  DIALECTS,
  renderConsole,
  renderReadme,
  verdictOf,
  type BenchResult,
  type Cell,
  type Dialect,
  type Figure,
  type Target,
} from './report.js';
import { PRECHECK_OUTCOMES } from '../src/server/features/admission/admission.schemas.js';
import { SUGGESTED_VERDICTS } from '../src/shared/campaigns.js';

// ------------------------------------------------------------------ options

const argv = process.argv.slice(2);
const flag = (f: string) => argv.includes(f);
const opt = (k: string) => argv.find((a) => a.startsWith(`--${k}=`))?.slice(k.length + 3);
const QUICK = flag('--quick');
const ONLY = opt('only')?.split(',') ?? null;
// A partial run never overwrites the full run's results.
const NAME = opt('name') ?? (QUICK ? 'quick' : ONLY ? `only-${ONLY.join('-')}` : 'full');
const WRITE_README = flag('--readme') || (!QUICK && !ONLY && !opt('name'));
const PHASES = ['matcher', 'judge', 'catalog', 'ledger', 'start', 'http', 'export', 'web'] as const;
type Phase = (typeof PHASES)[number];
const runs = (p: Phase) => !ONLY || ONLY.includes(p);
const DURATION = Number(process.env.BENCH_DURATION ?? (QUICK ? 3 : 10));
const WARMUP = QUICK ? 1 : 2;
const CONNECTIONS = 10;
const FIXED_RATE = 200;
const STARTS = QUICK ? 2 : 4; // server starts (the first one is a warm-up and not counted)
const SEQ = QUICK ? 4 : 8; // sequential roll-up requests (the first one is reported apart)
const WEB_RUNS = QUICK ? 2 : 5;
const PROFILE = !flag('--no-profile');
const PASSWORD = process.env.BENCH_PASSWORD ?? 'Bench@2026x';
const CMD = `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`;

const started = Date.now();
const log = (line: string) =>
  process.stdout.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

// ------------------------------------------------------------------ the figures

const figures: Figure[] = [];
const byKey = new Map<string, Figure>();
function def(
  key: string,
  group: string,
  label: string,
  unit: string,
  better: 'higher' | 'lower',
  command: string,
  extra: { target?: Target; dbIndependent?: boolean; method?: string } = {},
) {
  const f: Figure = { key, group, label, unit, better, command, cells: {}, ...extra };
  figures.push(f);
  byKey.set(key, f);
  return f;
}
function put(key: string, d: Dialect, cell: Cell) {
  const f = byKey.get(key);
  if (!f) throw new Error(`unknown figure ${key}`);
  f.cells[f.dbIndependent ? 'sqlite' : d] = cell;
}
function val(value: number | null | undefined, extra: Partial<Cell> = {}): Cell {
  if (value === null || value === undefined || Number.isNaN(value))
    return { value: null, notMeasured: extra.notMeasured ?? 'no value', ...extra };
  const c: Cell = { value, ...extra };
  if (c.baseline && c.baseline.value) c.ratio = round(value / c.baseline.value, 3);
  return c;
}
/** Marks every figure of `keys` not yet filled for `dialects` as not measured. */
function missing(keys: string[], dialects: Dialect[], reason: string) {
  for (const k of keys) {
    const f = byKey.get(k)!;
    for (const d of f.dbIndependent ? (['sqlite'] as Dialect[]) : dialects)
      if (!f.cells[d]) f.cells[d] = { value: null, notMeasured: reason };
  }
}
const keysOf = (prefix: string) => figures.filter((f) => f.key.startsWith(prefix)).map((f) => f.key);

const T = (op: '<=' | '>=', value: number, source: string, on?: 'ratio'): Target => ({
  op,
  value,
  source,
  ...(on ? { on } : {}),
});
const CID = 'bench-campaign-shanxi-2023';
const DISTRICT = '140404000000';
const PROVINCE = '140000000000';
const TOWNSHIP = '140404001000';
const VILLAGE = '140404001200';
const EXPORT_REGION = QUICK ? DISTRICT : PROVINCE;

const ROUTES = {
  health: { label: 'trivial route `/api/health`', auth: undefined as string | undefined },
  rollup: { label: 'district dashboard roll-up (上党区)', auth: 'bench-district' },
  ledgers: { label: 'ledger list, filtered by township and status, page of 20', auth: 'bench-district' },
  cert: { label: 'public certificate check', auth: undefined },
  catalogs: { label: 'public catalogs of a village', auth: undefined },
  rows: {
    label: 'row search: one category in one township, page of 50, newest first (issue 15 (a))',
    auth: 'bench-district',
  },
  row: { label: 'one ledger row by id (issue 15 (c))', auth: 'bench-district' },
};
type RouteKey = keyof typeof ROUTES;
const LOADED: RouteKey[] = ['rollup', 'ledgers', 'rows', 'row', 'cert', 'catalogs'];
const loadCmd = (r: RouteKey, rate?: number) =>
  `\`${CMD}\` → ${autocannonCommand({ paths: [samplePath(r)], connections: CONNECTIONS, durationS: DURATION, overallRate: rate, auth: ROUTES[r].auth })}`;
const rowSearchPath = (township: string) =>
  `/api/campaigns/${CID}/rows?region=${township}&category=work_affair&page=1&pageSize=50`;
function samplePath(r: RouteKey): string {
  switch (r) {
    case 'health':
      return '/api/health';
    case 'rollup':
      return `/api/campaigns/${CID}/rollup?region=${DISTRICT}`;
    case 'ledgers':
      return `/api/campaigns/${CID}/ledgers?region=${TOWNSHIP}&status=approved&page=1&pageSize=20`;
    case 'cert':
      return `/api/public/certificate-check?q=${encodeURIComponent('亲属关系证明')}&region=${VILLAGE}`;
    case 'catalogs':
      return `/api/public/catalogs?region=${VILLAGE}`;
    case 'rows':
      return rowSearchPath(TOWNSHIP);
    case 'row':
      return '/api/ledger-rows/:id';
  }
}

const G = {
  http: `HTTP throughput and latency (autocannon, ${CONNECTIONS} connections × ${DURATION} s after a ${WARMUP} s warm-up; baseline: /api/health measured before and after each route)`,
  rate: `Latency at a fixed ${FIXED_RATE} requests per second (autocannon -R ${FIXED_RATE}, ${CONNECTIONS} connections × ${DURATION} s)`,
  rollup: 'Roll-ups (province: 11 cities, ~21,900 ledgers, ≥ 1,000,000 rows)',
  start: 'Start-up and memory of the server process',
  io: 'Spreadsheet import and export',
  web: 'Web app (headless Chromium, cold loads)',
  cat: 'Catalogs and the certificate matcher',
  judge:
    'Judge: labelled department requests (admission pre-check) and ledger rows (suggested verdicts) against the demo district’s catalogs',
};

for (const r of ['health', ...LOADED] as RouteKey[]) {
  def(
    `http.${r}.rps`,
    G.http,
    `${ROUTES[r].label}: throughput`,
    'req/s',
    'higher',
    loadCmd(r),
    r === 'cert'
      ? { target: T('>=', 0.4, 'issue 6: ≥ 40 % of the trivial route', 'ratio') }
      : r === 'health'
        ? { target: T('>=', 1 / 1.5, 'issue 15: within 1.5× of a bare Fastify hello-world', 'ratio') }
        : {},
  );
  def(`http.${r}.p50`, G.http, `${ROUTES[r].label}: p50 latency`, 'ms', 'lower', loadCmd(r));
  def(`http.${r}.p99`, G.http, `${ROUTES[r].label}: p99 latency`, 'ms', 'lower', loadCmd(r));
}
for (const r of ['health', 'ledgers', 'rollup'] as RouteKey[]) {
  def(
    `rate.${r}.p99`,
    G.rate,
    `${ROUTES[r].label}: p99 at ${FIXED_RATE} req/s`,
    'ms',
    'lower',
    loadCmd(r, FIXED_RATE),
    r === 'health' ? {} : { target: T('<=', 50, 'issue 6') },
  );
  def(`rate.${r}.p50`, G.rate, `${ROUTES[r].label}: p50 at ${FIXED_RATE} req/s`, 'ms', 'lower', loadCmd(r, FIXED_RATE));
}
const seqCmd = (region: string, who: string) =>
  `\`${CMD}\` → ${SEQ} sequential \`GET /api/campaigns/:id/rollup?region=${region}\` as ${who}; median of the last ${SEQ - 1}`;
def(
  'rollup.province.http',
  G.rollup,
  'province roll-up over HTTP (山西省, median)',
  'ms',
  'lower',
  seqCmd(PROVINCE, 'bench-province'),
  { target: T('<=', 500, 'issue 6') },
);
def(
  'rollup.province.httpFirst',
  G.rollup,
  'province roll-up over HTTP, first request after start-up',
  'ms',
  'lower',
  seqCmd(PROVINCE, 'bench-province'),
);
def(
  'rollup.district.http',
  G.rollup,
  'district roll-up over HTTP (上党区, median)',
  'ms',
  'lower',
  seqCmd(DISTRICT, 'bench-district'),
  { target: T('<=', 50, 'issue 4') },
);
const workbenchCmd = (who: string) =>
  `\`${CMD}\` → ${SEQ} sequential \`GET /api/workbench\` as ${who} (one request: every to-do count of the role); median of the last ${SEQ - 1}`;
def(
  'workbench.province.http',
  G.rollup,
  'workbench (GET /api/workbench) of a province lead over HTTP (median)',
  'ms',
  'lower',
  workbenchCmd('bench-province'),
);
def(
  'workbench.district.http',
  G.rollup,
  'workbench (GET /api/workbench) of a district lead over HTTP (上党区, median)',
  'ms',
  'lower',
  workbenchCmd('bench-district'),
);
def(
  'rollup.province.service',
  G.rollup,
  'province roll-up, service call in process (ledger bench)',
  'ms',
  'lower',
  `\`${CMD}\` → runLedgerBench() (bench/ledger.bench.ts)`,
  { target: T('<=', 500, 'issue 4') },
);
def(
  'rollup.district.overdue',
  G.rollup,
  'district roll-up: overdue figures from the kept due counts, bare SQL (issue 15)',
  'ms',
  'lower',
  `\`${CMD}\` → runLedgerBench() (bench/ledger.bench.ts): open_task_due summed with deadline < today, beside the GROUP BY over open tasks it replaced and the ledger-counter sum`,
);
def(
  'rollup.district.service',
  G.rollup,
  'district roll-up, service call in process (ledger bench)',
  'ms',
  'lower',
  `\`${CMD}\` → runLedgerBench() (bench/ledger.bench.ts)`,
  { target: T('<=', 50, 'issue 4') },
);

const startCmd = `\`${CMD}\` → spawn \`node dist/server/main.js\` (the compiled server \`npm start\` runs) on the existing database, poll /api/health every 10 ms; ${STARTS - 1} starts after one warm-up start, median`;
def('start.cold', G.start, 'cold start to first /api/health (existing database)', 'ms', 'lower', startCmd, {
  target: T('<=', 800, 'issue 15'),
});
def(
  'rss.idle',
  G.start,
  'idle RSS (VmRSS 2 s after start-up)',
  'MB',
  'lower',
  `\`${CMD}\` → /proc/<pid>/status VmRSS`,
  { target: T('<=', 130, 'issue 15') },
);
def(
  'rss.loaded',
  G.start,
  'loaded RSS peak (VmHWM over the HTTP load phases)',
  'MB',
  'lower',
  `\`${CMD}\` → /proc/<pid>/clear_refs 5 before the load, VmHWM after`,
);
def(
  'rss.afterLoad',
  G.start,
  'RSS at the end of the HTTP load phases (VmRSS)',
  'MB',
  'lower',
  `\`${CMD}\` → /proc/<pid>/status VmRSS`,
);

const ledgerCmd = `\`${CMD}\` → runLedgerBench() (bench/ledger.bench.ts): importLedgerRows() of a 10,000-row workbook in process`;
def('import.cold', G.io, '10,000-row spreadsheet import, first (cold catalog memo)', 'ms', 'lower', ledgerCmd, {
  target: T('<=', 3000, 'issue 4'),
});
def('import.warm', G.io, '10,000-row spreadsheet import, warm (median)', 'ms', 'lower', ledgerCmd, {
  target: T('<=', 3000, 'issue 4'),
});
def('import.rowsPerS', G.io, '10,000-row spreadsheet import, rows per second (warm)', 'rows/s', 'higher', ledgerCmd);
def('import.peakRss', G.io, '10,000-row import, peak RSS of the importing process', 'MB', 'lower', ledgerCmd);
const exportCmd = `\`${CMD}\` → \`GET /api/campaigns/:id/export?region=${EXPORT_REGION}\` as ${QUICK ? 'bench-district' : 'bench-province'}, body streamed and counted`;
const exportWhat = QUICK ? 'district (quick run)' : 'province';
def(
  'export.rowsPerS',
  G.io,
  `streaming export of the ${exportWhat} consolidated ledger: rows per second`,
  'rows/s',
  'higher',
  exportCmd,
);
def(
  'export.seconds',
  G.io,
  `streaming export of the ${exportWhat} consolidated ledger: time to last byte`,
  's',
  'lower',
  exportCmd,
);
def(
  'export.peakRss',
  G.io,
  `streaming export of the ${exportWhat} consolidated ledger: server peak RSS`,
  'MB',
  'lower',
  exportCmd,
);
def(
  'export.healthMax',
  G.io,
  `/api/health answered during that export: slowest (probed every 100 ms)`,
  'ms',
  'lower',
  `${exportCmd}, while \`GET /api/health\` is requested in turn`,
);
def(
  'export.mb',
  G.io,
  `streaming export of the ${exportWhat} consolidated ledger: file size`,
  'MB',
  'lower',
  exportCmd,
);

const webCmd = `\`${CMD}\` → playwright-core + ${CHROMIUM} --headless, new context per load, gzip of every JS response`;
def('web.login.js', G.web, 'login page: JavaScript loaded, gzip', 'kB', 'lower', webCmd, {
  target: T('<=', 350, 'issue 6'),
});
def('web.dashboard.js', G.web, 'dashboard: JavaScript loaded, gzip', 'kB', 'lower', webCmd);
def('web.dashboard.lcp', G.web, `dashboard: largest contentful paint (median of ${WEB_RUNS})`, 'ms', 'lower', webCmd, {
  target: T('<=', 1500, 'issue 6'),
});
def('web.login.lcp', G.web, `login page: largest contentful paint (median of ${WEB_RUNS})`, 'ms', 'lower', webCmd);

const matcherCmd = `\`${CMD}\` → runMatcherBench() (bench/matcher.bench.ts), one core`;
def(
  'matcher.cert',
  G.cat,
  'matcher checks per second, certificate kinds (one core)',
  'checks/s',
  'higher',
  matcherCmd,
  { dbIndependent: true, target: T('>=', 20_000, 'issue 3') },
);
def('matcher.all', G.cat, 'matcher checks per second, all kinds (one core)', 'checks/s', 'higher', matcherCmd, {
  dbIndependent: true,
});
def('matcher.dev.issue', G.cat, 'dev set: issue / not-issue decisions right', '%', 'higher', matcherCmd, {
  dbIndependent: true,
  target: T('>=', 100, 'issue 3'),
});
def('matcher.dev.verdict', G.cat, 'dev set: verdict accuracy', '%', 'higher', matcherCmd, {
  dbIndependent: true,
  target: T('>=', 95, 'issue 3'),
});
def('matcher.dev.top1', G.cat, 'dev set: top-1 item accuracy', '%', 'higher', matcherCmd, {
  dbIndependent: true,
  target: T('>=', 90, 'issue 3'),
});
for (const v of ['positive', 'negative', 'unlisted']) {
  def(`matcher.dev.precision.${v}`, G.cat, `dev set: precision, verdict ${v}`, '%', 'higher', matcherCmd, {
    dbIndependent: true,
  });
  def(`matcher.dev.recall.${v}`, G.cat, `dev set: recall, verdict ${v}`, '%', 'higher', matcherCmd, {
    dbIndependent: true,
  });
}
const holdoutCmd = '`npx tsx bench/matcher-holdout.ts` (run by `npm run bench`)';
def('matcher.holdout.issue', G.cat, 'hold-out set: issue / not-issue decisions right', '%', 'higher', holdoutCmd, {
  dbIndependent: true,
});
def('matcher.holdout.verdict', G.cat, 'hold-out set: verdict accuracy', '%', 'higher', holdoutCmd, {
  dbIndependent: true,
});
def('matcher.holdout.top1', G.cat, 'hold-out set: top-1 item accuracy', '%', 'higher', holdoutCmd, {
  dbIndependent: true,
});
const catCmd = `\`${CMD}\` → measureEffectiveCatalog() / measureMatch() (catalogs.bench-support.ts) for 韩店村 ${VILLAGE}`;
def('catalog.effective', G.cat, 'effective catalog of a village (load + layering), p50', 'ms', 'lower', catCmd);
def('catalog.effectivePublic', G.cat, 'effective catalog of a village, public view, p50', 'ms', 'lower', catCmd);
def('catalog.matchCold', G.cat, 'match in a region, first call (builds the matcher)', 'ms', 'lower', catCmd);
def('catalog.match', G.cat, 'match in a region, matcher cached, p50', 'ms', 'lower', catCmd);

const judgeCmd = `\`${CMD}\` → runJudgeBench() (bench/judge.bench.ts)`;
const judgeDbCmd = `${judgeCmd}: a fresh database migrated and seeded as the demo app (seedFeatures, loadDemo, seedDemo), 韩店村's views by catalogViewFor with the district's sign guide (requests: internal view, as the gate; ledger rows: public view, as the ledger)`;
const judgeMemCmd = `${judgeCmd}: in-memory view of the seed catalogs (seed-view.ts), no database`;
const ISSUE9 = 'issue 9';
/** A labelled set on each database: its accuracy (target ≥ 95 %) and per-label precision and recall. */
function defJudgeSet(set: 'requests' | 'ledger', what: string, label: string, labels: readonly string[]) {
  def(`judge.${set}.accuracy`, G.judge, `${what}: ${label} accuracy`, '%', 'higher', judgeDbCmd, {
    target: T('>=', 95, ISSUE9),
  });
  for (const l of labels) {
    def(`judge.${set}.precision.${l}`, G.judge, `${what}: precision, ${label} ${l}`, '%', 'higher', judgeDbCmd);
    def(`judge.${set}.recall.${l}`, G.judge, `${what}: recall, ${label} ${l}`, '%', 'higher', judgeDbCmd);
  }
}
defJudgeSet('requests', 'requests', 'outcome', PRECHECK_OUTCOMES);
def(
  'judge.requests.prohibitedRefused',
  G.judge,
  'requests: prohibited requests refused (none admissible, none to the district government)',
  '%',
  'higher',
  judgeDbCmd,
  { target: T('>=', 100, ISSUE9) },
);
defJudgeSet('ledger', 'ledger rows', 'suggested verdict', SUGGESTED_VERDICTS);
def(
  'judge.ledger.lawfulCancelled',
  G.judge,
  'ledger rows: lawful duty or assistance work suggested cancel',
  'rows',
  'lower',
  judgeDbCmd,
  { target: T('<=', 0, ISSUE9) },
);
def(
  'judge.differences',
  G.judge,
  'requests and ledger rows judged differently from the in-memory view',
  'rows',
  'lower',
  judgeDbCmd,
);
def(
  'judge.view.cold',
  G.judge,
  'building the village’s judge view, cold (new connection, empty memos)',
  'ms',
  'lower',
  judgeDbCmd,
);
def(
  'judge.view.warm',
  G.judge,
  'building the village’s judge view, warm (caches hit, median of 10)',
  'ms',
  'lower',
  judgeDbCmd,
);
def('judge.memory.requests.accuracy', G.judge, 'in memory: requests outcome accuracy', '%', 'higher', judgeMemCmd, {
  dbIndependent: true,
  target: T('>=', 95, ISSUE9),
});
def('judge.memory.ledger.accuracy', G.judge, 'in memory: ledger rows accuracy', '%', 'higher', judgeMemCmd, {
  dbIndependent: true,
  target: T('>=', 95, ISSUE9),
});
for (const [k, what] of [
  ['precheck', 'pre-check of one request'],
  ['rules', 'prohibition rules on one request'],
  ['suggestion', 'ledger suggestion for one row'],
] as const)
  def(`judge.memory.${k}`, G.judge, `${what} (one core)`, 'µs', 'lower', judgeMemCmd, { dbIndependent: true });

const notes: string[] = [];
const raw: Record<string, unknown> = {};
const phases: { name: string; seconds: number }[] = [];
const profiles: BenchResult['profiles'] = [];
const timelines: BenchResult['timelines'] = [];

async function phase<T>(name: string, fn: () => Promise<T>, onFail: (reason: string) => void): Promise<T | undefined> {
  const t = Date.now();
  log(`── ${name}`);
  try {
    return await fn();
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0].slice(0, 200) : String(err);
    log(`   ${name} FAILED: ${err instanceof Error ? err.stack : String(err)}`);
    onFail(`${name} failed: ${msg}`);
    notes.push(`${name} failed in this run: ${msg}`);
    return undefined;
  } finally {
    phases.push({ name, seconds: Math.round((Date.now() - t) / 1000) });
  }
}

// ------------------------------------------------------------------ machine

function gitCommit(): string | null {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ datasets

/** The generator's version: GENERATOR_VERSION if bench/data/generate.ts exports one, else a hash of its sources. */
async function generatorKey(): Promise<string> {
  const mod = (await import('./data/generate.js')) as Record<string, unknown>;
  if (typeof mod.GENERATOR_VERSION === 'string' || typeof mod.GENERATOR_VERSION === 'number')
    return `v${mod.GENERATOR_VERSION}`;
  const h = createHash('sha256');
  const dir = join(ROOT, 'bench/data');
  const files = [
    ...readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .sort()
      .map((f) => join(dir, f)),
    join(ROOT, 'test/fixtures/ledgers/rows.ts'),
  ];
  for (const f of files) if (existsSync(f)) h.update(f.slice(ROOT.length)).update(readFileSync(f));
  return h.digest('hex').slice(0, 12);
}

function pgUrls(): { url: string; admin: string; dbName: string } {
  let url = process.env.BENCH_PG_URL;
  if (!url) {
    const base = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://jianfu:jianfu@127.0.0.1:5432/jianfu');
    // Its own database: bench/ledger.bench.ts and `npm run bench:data` use jianfu_bench, and two generators
    // writing into one database at once break each other.
    base.pathname = '/jianfu_bench_suite';
    url = base.toString();
  }
  const u = new URL(url);
  const dbName = decodeURIComponent(u.pathname.slice(1));
  u.pathname = '/postgres';
  return { url, admin: u.toString(), dbName };
}

async function pgReachable(admin: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: admin, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('select 1');
    return null;
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function ensureSqliteData(
  key: string,
): Promise<{ url: string; generated: boolean; seconds: number; rows: number; ledgers: number }> {
  mkdirSync(DATA_DIR, { recursive: true });
  const file = join(DATA_DIR, `province-${key}.db`);
  const ok = `${file}.ok`;
  const url = `sqlite:${file}`;
  // Older datasets of this runner (other generator versions) go.
  for (const f of readdirSync(DATA_DIR)) {
    const m = /^province-([0-9a-f]{12}|v[^.]+)\.db(-wal|-shm|\.ok)?$/.exec(f);
    if (m && m[1] !== key) rmSync(join(DATA_DIR, f), { force: true });
  }
  const { generateProvince } = await import('./data/generate.js');
  if (!existsSync(ok) || !existsSync(file)) {
    for (const s of ['', '-wal', '-shm', '.ok']) rmSync(`${file}${s}`, { force: true });
  }
  const t = Date.now();
  const r = await generateProvince({ databaseUrl: url, log: (l) => log(`   ${l}`) });
  writeFileSync(ok, JSON.stringify({ key, ...r }, null, 2));
  return { url, generated: !r.reused, seconds: (Date.now() - t) / 1000, rows: r.rows, ledgers: r.ledgers };
}

async function ensurePgData(
  key: string,
): Promise<{ url: string; generated: boolean; seconds: number; rows: number; ledgers: number }> {
  const { url, admin, dbName } = pgUrls();
  const prefix = 'jianfu bench data, generator ';
  const mark = `${prefix}${key}`;
  const ident = `"${dbName.replace(/"/g, '""')}"`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  try {
    const r = await c.query(`select shobj_description(oid, 'pg_database') as d from pg_database where datname = $1`, [
      dbName,
    ]);
    // Never pull a database from under someone else: another bench or generator may be writing to it.
    const busy = await c.query(
      `select count(*)::int as n from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [dbName],
    );
    if (r.rowCount && busy.rows[0].n > 0 && r.rows[0].d !== mark)
      throw new Error(
        `database ${dbName} is in use by ${busy.rows[0].n} other session(s) and is not marked with generator ${key}; not touching it (set BENCH_PG_URL to another database)`,
      );
    if (r.rowCount && typeof r.rows[0].d === 'string' && r.rows[0].d.startsWith(prefix) && r.rows[0].d !== mark) {
      log(`   PostgreSQL database ${dbName} holds data of another generator version (${r.rows[0].d}): recreating it`);
      await c.query(`drop database ${ident}`);
      await c.query(`create database ${ident}`);
    } else if (!r.rowCount) {
      await c.query(`create database ${ident}`);
    }
    // An unmarked existing database (made by npm run bench:data or the ledger bench) is adopted: the
    // generator reuses a complete dataset and regenerates an incomplete one.
  } finally {
    await c.end();
  }
  const { generateProvince } = await import('./data/generate.js');
  const t = Date.now();
  const g = await generateProvince({ databaseUrl: url, log: (l) => log(`   ${l}`) });
  const c2 = new pg.Client({ connectionString: admin });
  await c2.connect();
  await c2.query(`comment on database ${ident} is '${mark.replace(/'/g, "''")}'`);
  await c2.end();
  return { url, generated: !g.reused, seconds: (Date.now() - t) / 1000, rows: g.rows, ledgers: g.ledgers };
}

/** Region codes for the rotating request paths. */
async function sampleCodes(url: string): Promise<{ townships: string[]; villages: string[]; rowIds: string[] }> {
  const q1 = `select code from region where county_code = '${DISTRICT}' and level = 'township' order by code`;
  const q2 = `select code from region where province_code = '${PROVINCE}' and level = 'village' order by code`;
  // One row of each of the district's villages (the first 50 villages).
  const q3 = `select min(id) as id from ledger_row where campaign_id = '${CID}' and county_code = '${DISTRICT}' group by village_code order by village_code limit 50`;
  let townships: string[];
  let villages: string[];
  let rowIds: string[];
  if (url.startsWith('sqlite:')) {
    const { default: SQLite } = await import('better-sqlite3');
    const db = new SQLite(url.slice('sqlite:'.length), { readonly: true });
    townships = (db.prepare(q1).all() as { code: string }[]).map((r) => r.code);
    villages = (db.prepare(q2).all() as { code: string }[]).map((r) => r.code);
    rowIds = (db.prepare(q3).all() as { id: string }[]).map((r) => r.id);
    db.close();
  } else {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    townships = (await c.query(q1)).rows.map((r) => r.code);
    villages = (await c.query(q2)).rows.map((r) => r.code);
    rowIds = (await c.query(q3)).rows.map((r) => r.id);
    await c.end();
  }
  const step = Math.max(1, Math.floor(villages.length / 50));
  return { townships, villages: [VILLAGE, ...villages.filter((_, i) => i % step === 0).slice(0, 49)], rowIds };
}

// ------------------------------------------------------------------ in-process phases

interface LedgerResultRow {
  dialect: Dialect;
  import: {
    coldMs: number;
    warm: { median: number };
    peakRssMb: number;
    rssBeforeMb: number;
    phasesMs: Record<string, number>;
  };
  rollups: Record<
    'district' | 'province',
    {
      service: { median: number };
      bareSqlTotalMedian: number;
      bareSqlMain: { median: number };
      bareSqlOverdue: { median: number };
      bareSqlOverdueTasksGroupBy: { median: number };
      rows: number;
      ledgers: number;
    }
  >;
}

async function runMatcher() {
  const { runMatcherBench } = await import('./matcher.bench.js');
  const m = (await runMatcherBench({ secondsPerRun: QUICK ? 0.5 : 2, write: !QUICK, print: false })) as {
    throughput: { certificateKinds: { checksPerSecond: number }; allKinds: { checksPerSecond: number } };
    accuracy: {
      certificateKinds: {
        issueAccuracy: number;
        verdictAccuracy: number;
        top1Accuracy: number;
        perVerdict: Record<string, { precision: number; recall: number }>;
      };
    };
    devsetRows: number;
  };
  raw.matcher = m;
  const a = m.accuracy.certificateKinds;
  put('matcher.cert', 'sqlite', val(m.throughput.certificateKinds.checksPerSecond));
  put('matcher.all', 'sqlite', val(m.throughput.allKinds.checksPerSecond));
  put('matcher.dev.issue', 'sqlite', val(round(a.issueAccuracy * 100, 2), { note: `${m.devsetRows} rows` }));
  put('matcher.dev.verdict', 'sqlite', val(round(a.verdictAccuracy * 100, 2)));
  put('matcher.dev.top1', 'sqlite', val(round(a.top1Accuracy * 100, 2)));
  for (const [v, s] of Object.entries(a.perVerdict)) {
    if (byKey.has(`matcher.dev.precision.${v}`))
      put(`matcher.dev.precision.${v}`, 'sqlite', val(round(s.precision * 100, 2)));
    if (byKey.has(`matcher.dev.recall.${v}`)) put(`matcher.dev.recall.${v}`, 'sqlite', val(round(s.recall * 100, 2)));
  }
  log(
    `   matcher: ${m.throughput.certificateKinds.checksPerSecond} checks/s (certificate kinds), verdict ${(a.verdictAccuracy * 100).toFixed(1)} %`,
  );

  const file = join(ROOT, 'bench/matcher-holdout.ts');
  if (!existsSync(file)) return missing(keysOf('matcher.holdout'), ['sqlite'], 'bench/matcher-holdout.ts is absent');
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/matcher-holdout.ts'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`matcher-holdout exited ${r.status}: ${r.stderr.slice(-500)}`);
  const h = JSON.parse(readFileSync(join(ROOT, 'bench/results/matcher-holdout.json'), 'utf8')) as {
    rows: number;
    issueAccuracy: number;
    verdictAccuracy: number;
    top1CodeAccuracy: number;
  };
  raw.matcherHoldout = {
    rows: h.rows,
    issueAccuracy: h.issueAccuracy,
    verdictAccuracy: h.verdictAccuracy,
    top1CodeAccuracy: h.top1CodeAccuracy,
  };
  put('matcher.holdout.issue', 'sqlite', val(h.issueAccuracy, { note: `${h.rows} rows` }));
  put('matcher.holdout.verdict', 'sqlite', val(h.verdictAccuracy));
  put('matcher.holdout.top1', 'sqlite', val(h.top1CodeAccuracy));
}

const pc = (x: number) => round(x * 100, 2);

async function runJudge(dialects: Dialect[]) {
  const { runJudgeBench } = await import('./judge.bench.js');
  const j = await runJudgeBench({
    secondsPerRun: QUICK ? 0.3 : 1,
    write: !QUICK,
    print: false,
    dialects,
    pgUrl: pgUrls().url,
    log: (l) => log(`   ${l}`),
  });
  raw.judge = j;
  const mem = { requests: j.requests.all, ledgerRows: j.ledgerRows.all };
  put(
    'judge.memory.requests.accuracy',
    'sqlite',
    val(pc(mem.requests.accuracy), { note: `${mem.requests.rows} requests` }),
  );
  put(
    'judge.memory.ledger.accuracy',
    'sqlite',
    val(pc(mem.ledgerRows.accuracy), { note: `${mem.ledgerRows.rows} rows` }),
  );
  put('judge.memory.precheck', 'sqlite', val(j.timings.precheckPerRequestUs));
  put('judge.memory.rules', 'sqlite', val(j.timings.rulesPerRequestUs));
  put('judge.memory.suggestion', 'sqlite', val(j.timings.suggestionPerRowUs));
  const dbKeys = keysOf('judge.').filter((k) => !k.startsWith('judge.memory.'));
  for (const d of dialects) {
    const r = j.databases[d];
    if (!r || 'skipped' in r) {
      missing(dbKeys, [d], r?.skipped ?? 'not run');
      continue;
    }
    const rq = r.requests.all;
    const lr = r.ledgerRows.all;
    const inMemory = (x: number) => ({ baseline: { label: 'in-memory view', value: pc(x), unit: '%' } });
    put(
      'judge.requests.accuracy',
      d,
      val(pc(rq.accuracy), {
        ...inMemory(mem.requests.accuracy),
        note: `${Math.round(rq.accuracy * rq.rows)}/${rq.rows}`,
      }),
    );
    put(
      'judge.requests.prohibitedRefused',
      d,
      val(pc(rq.prohibited ? rq.prohibitedRefused / rq.prohibited : 1), {
        note: `${rq.prohibitedRefused}/${rq.prohibited}; let through ${rq.prohibitedLetThrough.length}`,
      }),
    );
    for (const [o, s] of Object.entries(rq.perLabel)) {
      put(`judge.requests.precision.${o}`, d, val(pc(s.precision), { note: `${s.predicted} predicted` }));
      put(`judge.requests.recall.${o}`, d, val(pc(s.recall), { note: `${s.support} labelled` }));
    }
    put(
      'judge.ledger.accuracy',
      d,
      val(pc(lr.accuracy), {
        ...inMemory(mem.ledgerRows.accuracy),
        note: `${Math.round(lr.accuracy * lr.rows)}/${lr.rows}`,
      }),
    );
    put('judge.ledger.lawfulCancelled', d, val(lr.lawfulCancelled.length, { note: `of ${lr.lawfulWork} lawful rows` }));
    for (const [v, s] of Object.entries(lr.perLabel)) {
      put(`judge.ledger.precision.${v}`, d, val(pc(s.precision), { note: `${s.predicted} predicted` }));
      put(`judge.ledger.recall.${v}`, d, val(pc(s.recall), { note: `${s.support} labelled` }));
    }
    const diff = r.differences.requests.length + r.differences.ledgerRows.length;
    put(
      'judge.differences',
      d,
      val(diff, {
        note: r.sameAsMemory
          ? 'same outcomes as in memory'
          : `${r.differences.requests.length} requests, ${r.differences.ledgerRows.length} rows; rule hits ${r.differences.ruleHits.database} vs ${r.differences.ruleHits.memory}`,
      }),
    );
    put(
      'judge.view.cold',
      d,
      val(r.viewBuild.coldMs, {
        note: `${r.views.requests.items} items; public view next ${r.viewBuild.publicFirstMs} ms`,
      }),
    );
    put('judge.view.warm', d, val(r.viewBuild.warmMs));
    log(
      `   ${d}: requests ${pc(rq.accuracy)} %, prohibited refused ${rq.prohibitedRefused}/${rq.prohibited}, ledger ${pc(lr.accuracy)} %, lawful cancelled ${lr.lawfulCancelled.length}; ${r.sameAsMemory ? 'same as in memory' : `${diff} outcomes differ from in memory`}; view cold ${r.viewBuild.coldMs} ms, warm ${r.viewBuild.warmMs} ms`,
    );
  }
  log(
    `   in memory: requests ${pc(mem.requests.accuracy)} %, ledger ${pc(mem.ledgerRows.accuracy)} %, pre-check ${j.timings.precheckPerRequestUs} µs/request`,
  );
}

async function runCatalog(d: Dialect, url: string) {
  const [{ loadConfig }, { composeDeps }, { default: pino }, support] = await Promise.all([
    import('../src/server/config.js'),
    import('../src/server/compose.js'),
    import('pino'),
    import('../src/server/features/catalogs/catalogs.bench-support.js'),
  ]);
  const config = loadConfig({ DATABASE_URL: url, JIANFU_LOG_LEVEL: 'warn', JIANFU_JOBS: 'off' } as NodeJS.ProcessEnv);
  const deps = await composeDeps(config, { logger: pino({ level: 'warn' }) });
  try {
    const it = QUICK ? 10 : 50;
    const internal = await support.measureEffectiveCatalog(deps, VILLAGE, { iterations: it });
    const pub = await support.measureEffectiveCatalog(deps, VILLAGE, { iterations: it, view: 'public' });
    const devset = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/matcher-devset.json'), 'utf8')) as { q: string }[];
    const m = await support.measureMatch(
      deps,
      VILLAGE,
      devset.slice(0, 40).map((r) => r.q),
      { rounds: QUICK ? 2 : 5 },
    );
    raw[`catalog.${d}`] = { internal, public: pub, match: m };
    put(
      'catalog.effective',
      d,
      val(internal.p50Ms, { note: `${internal.itemCount} items, ${internal.catalogCount} catalogs` }),
    );
    put('catalog.effectivePublic', d, val(pub.p50Ms));
    put('catalog.matchCold', d, val(m.coldMs));
    put('catalog.match', d, val(m.p50Ms));
    log(
      `   ${d}: effective catalog p50 ${internal.p50Ms} ms (${internal.itemCount} items), match p50 ${m.p50Ms} ms (cold ${m.coldMs} ms)`,
    );
  } finally {
    await deps.database.close();
  }
}

async function runLedger(urls: Partial<Record<Dialect, string>>) {
  const file = join(ROOT, 'bench/ledger.bench.ts');
  if (!existsSync(file)) throw new Error('bench/ledger.bench.ts is absent');
  const { runLedgerBench } = await import('./ledger.bench.js');
  if (!urls.sqlite) throw new Error('the ledger bench needs the SQLite dataset');
  const report = (await runLedgerBench({
    sqliteUrl: urls.sqlite,
    postgresUrl: urls.postgres ?? null,
    importRuns: QUICK ? 2 : 4,
    rollupRuns: QUICK ? 3 : 9,
    write: !QUICK,
    print: false,
    log: (l: string) => log(`   ${l}`),
  })) as unknown as { results: LedgerResultRow[] };
  raw.ledger = report;
  for (const r of report.results) {
    const d = r.dialect;
    const imp = r.import;
    const phasesText = Object.entries(imp.phasesMs ?? {})
      .map(([k, v]) => `${k} ${v}`)
      .join(', ');
    put('import.cold', d, val(imp.coldMs, { detail: { phasesMs: imp.phasesMs } }));
    put(
      'import.warm',
      d,
      val(imp.warm.median, {
        note: phasesText ? `last run: ${phasesText} ms` : undefined,
        detail: { phasesMs: imp.phasesMs },
      }),
    );
    put('import.rowsPerS', d, val(Math.round(10_000 / (imp.warm.median / 1000))));
    put(
      'import.peakRss',
      d,
      val(imp.peakRssMb, { baseline: { label: 'RSS before the import', value: imp.rssBeforeMb, unit: 'MB' } }),
    );
    for (const level of ['district', 'province'] as const) {
      const x = r.rollups[level];
      put(
        `rollup.${level}.service`,
        d,
        val(x.service.median, {
          baseline: { label: 'bare SQL of its queries', value: x.bareSqlTotalMedian, unit: 'ms' },
        }),
      );
    }
    const dx = r.rollups.district;
    put(
      'rollup.district.overdue',
      d,
      val(dx.bareSqlOverdue.median, {
        baseline: {
          label: 'before: GROUP BY over the open tasks',
          value: dx.bareSqlOverdueTasksGroupBy.median,
          unit: 'ms',
        },
        note: `ledger counters sum: ${dx.bareSqlMain.median} ms`,
      }),
    );
  }
  if (!urls.postgres)
    missing(
      [
        'import.cold',
        'import.warm',
        'import.rowsPerS',
        'import.peakRss',
        'rollup.district.service',
        'rollup.province.service',
        'rollup.district.overdue',
      ],
      ['postgres'],
      pgReason,
    );
}

// ------------------------------------------------------------------ server phases

let pgReason = 'not measured';
const loadSpec = (
  h: ServerHandle,
  paths: string[],
  cookie: string | undefined,
  extra: Partial<LoadSpec> = {},
): LoadSpec => ({
  baseUrl: h.baseUrl,
  paths,
  cookie,
  connections: CONNECTIONS,
  durationS: DURATION,
  ...extra,
});
const failed = (f: LoadFigures) => f.errors + f.timeouts + f.non2xx;
const loadNote = (f: LoadFigures) =>
  failed(f) ? `${f.non2xx} non-2xx, ${f.errors} errors, ${f.timeouts} timeouts of ${f.requests}` : undefined;

const bl = (x: number, unit: string) => ({ label: '/api/health before and after, mean', value: x, unit });

interface ServerContext {
  d: Dialect;
  url: string;
  paths: Record<RouteKey, string[]>;
  cookies: { district: string; province: string };
}

async function measureStarts(d: Dialect, url: string): Promise<void> {
  const baseline = baselineServerScript();
  const ours: number[] = [];
  const bare: number[] = [];
  const bareRss: number[] = [];
  let first = NaN;
  for (let i = 0; i < STARTS; i++) {
    const b = await startServer({ databaseUrl: url, script: baseline, logFile: join(DATA_DIR, `baseline-${d}.log`) });
    await sleep(500);
    bareRss.push(memOf(b.pid)?.rssMb ?? NaN);
    await b.stop();
    const s = await startServer({ databaseUrl: url, logFile: join(DATA_DIR, `server-${d}-start.log`) });
    await s.stop();
    if (i === 0) first = s.startMs;
    else {
      ours.push(s.startMs);
      bare.push(b.startMs);
    }
    log(
      `   ${d}: start ${i + 1}/${STARTS}: server ${s.startMs.toFixed(0)} ms, bare Fastify ${b.startMs.toFixed(0)} ms${i === 0 ? ' (warm-up, not counted)' : ''}`,
    );
  }
  raw[`start.${d}`] = {
    serverMs: ours.map((x) => round(x, 0)),
    bareMs: bare.map((x) => round(x, 0)),
    firstMs: round(first, 0),
    bareRssMb: bareRss,
  };
  put(
    'start.cold',
    d,
    val(round(median(ours), 0), {
      baseline: { label: 'bare Fastify hello-world, plain node', value: round(median(bare), 0), unit: 'ms' },
      note: `runs ${ours.map((x) => round(x, 0)).join(', ')}; the uncounted first start ${round(first, 0)}`,
      detail: { runs: ours.map((x) => round(x, 0)), warmupStartMs: round(first, 0) },
    }),
  );
  raw[`bareRss.${d}`] = round(median(bareRss), 1);
}

async function measureHttp(h: ServerHandle, ctx: ServerContext) {
  const { d } = ctx;
  const cookieOf = (r: RouteKey) => (ROUTES[r].auth ? ctx.cookies.district : undefined);
  const results: Record<string, unknown> = {};
  const peakReset = resetPeak(h.pid);
  let peakSampled = memOf(h.pid)?.rssMb ?? 0;
  const sampler = setInterval(() => {
    const m = memOf(h.pid);
    if (m && m.rssMb > peakSampled) peakSampled = m.rssMb;
  }, 100);
  try {
    // /api/health before and after every route (H R1 H R2 H …): each route's baseline is the mean of the two runs around it.
    const healthRun = async () => {
      await load(loadSpec(h, ctx.paths.health, undefined, { durationS: WARMUP }));
      return load(loadSpec(h, ctx.paths.health, undefined));
    };
    // The same load on a bare Fastify hello-world first: /api/health is to stay within 1.5× of it (issue 15).
    const bareServer = await startServer({
      databaseUrl: ctx.url,
      script: baselineServerScript(),
      logFile: join(DATA_DIR, `baseline-${d}-http.log`),
    });
    let bareHealth: LoadFigures;
    try {
      await load(loadSpec(bareServer, ['/api/health'], undefined, { durationS: WARMUP }));
      bareHealth = await load(loadSpec(bareServer, ['/api/health'], undefined));
    } finally {
      await bareServer.stop();
    }
    log(`   ${d}: bare Fastify /api/health: ${bareHealth.rps} req/s p99 ${bareHealth.p99Ms} ms`);
    results.bareFastifyHealth = bareHealth;
    const healthRuns: LoadFigures[] = [await healthRun()];
    for (const r of LOADED) {
      await load(loadSpec(h, ctx.paths[r], cookieOf(r), { durationS: WARMUP }));
      const f = await load(loadSpec(h, ctx.paths[r], cookieOf(r)));
      const before = healthRuns[healthRuns.length - 1];
      const after = await healthRun();
      healthRuns.push(after);
      const mean = (k: 'rps' | 'p50Ms' | 'p99Ms') => round((before[k] + after[k]) / 2, 1);
      results[r] = { route: f, healthBefore: before, healthAfter: after };
      log(
        `   ${d}: ${r}: ${f.rps} req/s p50 ${f.p50Ms} p99 ${f.p99Ms} ms | health before/after ${before.rps}/${after.rps} req/s, p99 ${before.p99Ms}/${after.p99Ms} ms${failed(f) ? ` | ${loadNote(f)}` : ''}`,
      );
      put(
        `http.${r}.rps`,
        d,
        val(f.rps, {
          baseline: bl(mean('rps'), 'req/s'),
          note: loadNote(f),
          detail: { healthRps: [before.rps, after.rps] },
        }),
      );
      put(`http.${r}.p50`, d, val(f.p50Ms, { baseline: bl(mean('p50Ms'), 'ms') }));
      put(`http.${r}.p99`, d, val(f.p99Ms, { baseline: bl(mean('p99Ms'), 'ms') }));
    }
    results.healthRuns = healthRuns;
    const hr = healthRuns;
    put(
      'http.health.rps',
      d,
      val(round(median(hr.map((x) => x.rps)), 0), {
        baseline: { label: 'bare Fastify hello-world, same load', value: bareHealth.rps, unit: 'req/s' },
        note: `median of ${hr.length} runs`,
      }),
    );
    put('http.health.p50', d, val(median(hr.map((x) => x.p50Ms))));
    put('http.health.p99', d, val(median(hr.map((x) => x.p99Ms))));

    const rate: Record<string, LoadFigures> = {};
    for (const r of ['health', 'ledgers', 'rollup'] as RouteKey[]) {
      await load(loadSpec(h, ctx.paths[r], cookieOf(r), { durationS: WARMUP, overallRate: FIXED_RATE }));
      rate[r] = await load(loadSpec(h, ctx.paths[r], cookieOf(r), { overallRate: FIXED_RATE }));
      log(
        `   ${d}: ${r} at ${FIXED_RATE} req/s: achieved ${rate[r].rps} req/s, p50 ${rate[r].p50Ms} p99 ${rate[r].p99Ms} ms${failed(rate[r]) ? ` | ${loadNote(rate[r])}` : ''}`,
      );
    }
    for (const r of ['health', 'ledgers', 'rollup'] as RouteKey[]) {
      const f = rate[r];
      const achieved = f.rps < FIXED_RATE * 0.95 ? `achieved only ${f.rps} req/s` : undefined;
      const note = [achieved, loadNote(f)].filter(Boolean).join('; ') || undefined;
      const bl =
        r === 'health'
          ? {}
          : { baseline: { label: `/api/health at ${FIXED_RATE} req/s`, value: rate.health.p99Ms, unit: 'ms' } };
      put(`rate.${r}.p99`, d, val(f.p99Ms, { ...bl, note }));
      put(
        `rate.${r}.p50`,
        d,
        val(
          f.p50Ms,
          r === 'health'
            ? {}
            : { baseline: { label: `/api/health at ${FIXED_RATE} req/s`, value: rate.health.p50Ms, unit: 'ms' } },
        ),
      );
    }
    results.fixedRate = rate;
  } finally {
    clearInterval(sampler);
  }
  const m = memOf(h.pid);
  const idle = byKey.get('rss.idle')!.cells[d]?.value ?? null;
  const peak = peakReset && m ? m.hwmMb : peakSampled;
  put(
    'rss.loaded',
    d,
    val(peak, {
      ...(idle ? { baseline: { label: 'idle RSS', value: idle, unit: 'MB' } } : {}),
      note: peakReset ? undefined : 'sampled every 100 ms (clear_refs unavailable)',
    }),
  );
  put(
    'rss.afterLoad',
    d,
    val(m?.rssMb ?? null, idle ? { baseline: { label: 'idle RSS', value: idle, unit: 'MB' } } : {}),
  );
  raw[`http.${d}`] = results;
}

/** The figures measureRollups writes: roll-ups and workbenches over HTTP. */
const OVER_HTTP_KEYS = [
  'rollup.province.http',
  'rollup.province.httpFirst',
  'rollup.district.http',
  'workbench.province.http',
  'workbench.district.http',
];

async function measureRollups(h: ServerHandle, ctx: ServerContext) {
  const { d } = ctx;
  const ledgerRow = (raw.ledger as { results: LedgerResultRow[] } | undefined)?.results.find((r) => r.dialect === d);
  const health = await timeSequential(h.baseUrl, '/api/health', undefined, SEQ);
  for (const [level, region, cookie] of [
    ['province', PROVINCE, ctx.cookies.province],
    ['district', DISTRICT, ctx.cookies.district],
  ] as const) {
    const ms = await timeSequential(h.baseUrl, `/api/campaigns/${CID}/rollup?region=${region}`, cookie, SEQ);
    const bare = ledgerRow?.rollups[level].bareSqlTotalMedian;
    const baseline =
      bare !== undefined
        ? { label: 'bare SQL of its queries (ledger bench)', value: bare, unit: 'ms' }
        : { label: 'GET /api/health, sequential', value: round(median(health.slice(1)), 2), unit: 'ms' };
    put(
      `rollup.${level}.http`,
      d,
      val(round(median(ms.slice(1)), 1), { baseline, detail: { runsMs: ms.map((x) => round(x, 1)) } }),
    );
    if (level === 'province') put('rollup.province.httpFirst', d, val(round(ms[0], 1)));
    log(`   ${d}: ${level} roll-up over HTTP: ${ms.map((x) => x.toFixed(0)).join(' ')} ms`);
    // The workbench in the same run, beside the same baseline (health, sequential).
    const wb = await timeSequential(h.baseUrl, '/api/workbench', cookie, SEQ);
    put(
      `workbench.${level}.http`,
      d,
      val(round(median(wb.slice(1)), 1), {
        baseline: { label: 'GET /api/health, sequential', value: round(median(health.slice(1)), 2), unit: 'ms' },
        detail: { runsMs: wb.map((x) => round(x, 1)) },
      }),
    );
    log(`   ${d}: ${level} workbench over HTTP: ${wb.map((x) => x.toFixed(0)).join(' ')} ms`);
  }
}

async function measureExport(h: ServerHandle, ctx: ServerContext) {
  const { d } = ctx;
  const cookie = EXPORT_REGION === PROVINCE ? ctx.cookies.province : ctx.cookies.district;
  const r = await getJson<{ totals: { rows: number; ledgers: { total: number } } }>(
    h.baseUrl,
    `/api/campaigns/${CID}/rollup?region=${EXPORT_REGION}`,
    cookie,
  );
  if (r.status !== 200) throw new Error(`roll-up before export: HTTP ${r.status}`);
  const rows = r.body.totals.rows;
  // A prober asks /api/health in turn during the export: how long the server stops answering other requests.
  const state = { exporting: true };
  const probes: number[] = [];
  const prober = (async () => {
    while (state.exporting) {
      const t = performance.now();
      const res = await fetch(`${h.baseUrl}/api/health`).catch(() => null);
      await res?.arrayBuffer();
      probes.push(performance.now() - t);
      await sleep(100);
    }
  })();
  const m = await sampledPeak(
    h.pid,
    () => download(h.baseUrl, `/api/campaigns/${CID}/export?region=${EXPORT_REGION}`, cookie),
    50,
  ).finally(() => {
    state.exporting = false;
  });
  await prober;
  const sorted = [...probes].sort((a, b) => a - b);
  const probe = {
    count: probes.length,
    p50Ms: round(median(probes), 1),
    p99Ms: round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? NaN, 0),
    maxMs: round(sorted[sorted.length - 1] ?? NaN, 0),
  };
  if (m.result.status !== 200) throw new Error(`export: HTTP ${m.result.status}`);
  const s = m.result.ms / 1000;
  const peak = m.hwmMb ?? m.peakRssMb;
  const idle = byKey.get('rss.idle')!.cells[d]?.value ?? null;
  raw[`export.${d}`] = {
    region: EXPORT_REGION,
    rows,
    ledgers: r.body.totals.ledgers.total,
    ...m.result,
    peakRssMb: peak,
    sampledPeakRssMb: m.peakRssMb,
    healthProbe: probe,
  };
  put(
    'export.healthMax',
    d,
    val(probe.maxMs, { note: `${probe.count} probes, p50 ${probe.p50Ms} ms, p99 ${probe.p99Ms} ms` }),
  );
  put('export.rowsPerS', d, val(Math.round(rows / s), { note: `${rows.toLocaleString('en-US')} rows` }));
  put('export.seconds', d, val(round(s, 1), { note: `first byte after ${(m.result.ttfbMs / 1000).toFixed(1)} s` }));
  put('export.peakRss', d, val(peak, idle ? { baseline: { label: 'idle RSS', value: idle, unit: 'MB' } } : {}));
  put('export.mb', d, val(round(m.result.bytes / 1e6, 1)));
  log(
    `   ${d}: export ${rows} rows in ${s.toFixed(1)} s (${Math.round(rows / s)} rows/s, first byte ${(m.result.ttfbMs / 1000).toFixed(1)} s), ${(m.result.bytes / 1e6).toFixed(1)} MB, server peak RSS ${peak} MB; /api/health during it: max ${probe.maxMs} ms over ${probe.count} probes`,
  );
}

async function measureWebApp(h: ServerHandle, ctx: ServerContext) {
  const { d } = ctx;
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM} (set JIANFU_CHROMIUM)`);
  let w: WebFigures;
  try {
    w = await measureWeb({ baseUrl: h.baseUrl, cookie: ctx.cookies.district, runs: WEB_RUNS });
  } catch (err) {
    if (!(err instanceof Error && err.message.includes('assets failed to load'))) throw err;
    // dist/web was rebuilt under the running server (a shared checkout): rebuild if stale, measure on a fresh server.
    log(`   ${d}: ${err.message}; retrying on a fresh server`);
    spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { cwd: ROOT, stdio: 'inherit' });
    const fresh = await startServer({ databaseUrl: ctx.url, logFile: join(DATA_DIR, `server-${d}-web.log`) });
    try {
      w = await measureWeb({
        baseUrl: fresh.baseUrl,
        cookie: await login(fresh.baseUrl, 'bench-district', PASSWORD),
        runs: WEB_RUNS,
      });
    } finally {
      await fresh.stop();
    }
  }
  raw[`web.${d}`] = {
    ...w,
    loads: w.loads.map((l) => ({
      path: l.path,
      lcpMs: l.lcpMs,
      lcpElement: l.lcpElement,
      jsGzipBytes: l.jsGzipBytes,
      jsFiles: l.jsFiles,
      dcl: l.domContentLoadedMs,
      load: l.loadMs,
    })),
  };
  if (w.dashboardNote && !notes.some((n) => n.includes(w.dashboardNote!)))
    notes.push(`Web dashboard: ${w.dashboardNote}.`);
  put('web.login.js', d, val(w.login.jsGzipKb, { note: `${w.login.jsFiles} files, ${w.login.jsKb} kB uncompressed` }));
  put(
    'web.dashboard.js',
    d,
    val(w.dashboard.jsGzipKb, {
      baseline: { label: 'login page', value: w.login.jsGzipKb, unit: 'kB' },
      note: `${w.dashboardPath}: ${w.dashboard.jsFiles} files`,
    }),
  );
  put(
    'web.dashboard.lcp',
    d,
    val(w.dashboard.lcpMedianMs, {
      baseline: w.login.lcpMedianMs ? { label: 'login page LCP', value: w.login.lcpMedianMs, unit: 'ms' } : undefined,
      detail: { runs: w.dashboard.lcpRunsMs, element: w.dashboard.lcpElement },
    }),
  );
  put('web.login.lcp', d, val(w.login.lcpMedianMs, { detail: { runs: w.login.lcpRunsMs } }));
  timelines.push({
    title: `${w.dashboardPath} as bench-district, LCP ${w.dashboard.lcpMedianMs ?? '?'} ms`,
    dialect: d,
    rows: w.dashboard.timeline,
  });
  log(
    `   ${d}: web: login ${w.login.jsGzipKb} kB gzip JS, LCP ${w.login.lcpMedianMs} ms; dashboard ${w.dashboardPath} ${w.dashboard.jsGzipKb} kB, LCP ${w.dashboard.lcpMedianMs} ms (${w.dashboard.lcpRunsMs.join(' ')})`,
  );
}

async function serverPhases(d: Dialect, url: string) {
  const codes = await sampleCodes(url);
  const devset = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/matcher-devset.json'), 'utf8')) as { q: string }[];
  const qs = [...new Set(devset.map((r) => r.q))].slice(0, 60);
  const paths: Record<RouteKey, string[]> = {
    health: ['/api/health'],
    rollup: [samplePath('rollup')],
    ledgers: codes.townships.map((t) => `/api/campaigns/${CID}/ledgers?region=${t}&status=approved&page=1&pageSize=20`),
    cert: qs.map(
      (q, i) =>
        `/api/public/certificate-check?q=${encodeURIComponent(q)}&region=${codes.villages[(i * 7) % codes.villages.length]}`,
    ),
    catalogs: codes.villages.map((v) => `/api/public/catalogs?region=${v}`),
    rows: codes.townships.map(rowSearchPath),
    row: codes.rowIds.map((id) => `/api/ledger-rows/${id}`),
  };
  raw[`paths.${d}`] = Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, { count: v.length, first: v[0] }]));

  if (runs('start'))
    await phase(
      `${d}: cold starts`,
      () => measureStarts(d, url),
      (why) => missing(['start.cold'], [d], why),
    );
  else missing(['start.cold'], [d], 'phase not selected (--only)');

  const wanted = (['http', 'export', 'web'] as Phase[]).filter(runs);
  const httpKeys = [...keysOf('http.'), ...keysOf('rate.'), 'rss.loaded', 'rss.afterLoad', ...OVER_HTTP_KEYS];
  if (!runs('http')) missing(httpKeys, [d], 'phase not selected (--only)');
  if (!runs('export')) missing(keysOf('export.'), [d], 'phase not selected (--only)');
  if (!runs('web')) missing(keysOf('web.'), [d], 'phase not selected (--only)');
  const serverKeys = ['rss.idle', ...httpKeys, ...keysOf('export.'), ...keysOf('web.')];
  if (!wanted.length && !runs('start')) return missing(serverKeys, [d], 'phase not selected (--only)');
  let h: ServerHandle | undefined;
  await phase(
    `${d}: server start-up`,
    async () => {
      h = await startServer({ databaseUrl: url, logFile: join(DATA_DIR, `server-${d}.log`) });
      await sleep(2000);
      const m = memOf(h.pid);
      const bare = raw[`bareRss.${d}`] as number | undefined;
      put(
        'rss.idle',
        d,
        val(
          m?.rssMb ?? null,
          bare ? { baseline: { label: 'bare Fastify hello-world, plain node', value: bare, unit: 'MB' } } : {},
        ),
      );
      log(`   ${d}: server pid ${h.pid} on ${h.baseUrl}, up in ${h.startMs.toFixed(0)} ms, idle RSS ${m?.rssMb} MB`);
    },
    (why) => missing(serverKeys, [d], why),
  );
  if (!h) return;
  const server = h;
  try {
    const cookies = {
      district: await login(server.baseUrl, 'bench-district', PASSWORD),
      province: await login(server.baseUrl, 'bench-province', PASSWORD),
    };
    const ctx: ServerContext = { d, url, paths, cookies };
    // Every route answers 200 before it is loaded.
    for (const r of ['health', ...LOADED] as RouteKey[]) {
      for (const p of paths[r].slice(0, 3)) {
        const res = await getJson(server.baseUrl, p, ROUTES[r].auth ? cookies.district : undefined);
        if (res.status !== 200)
          throw new Error(`GET ${p}: HTTP ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      }
    }
    // The web app first: dist/web is read at start-up, and on a shared checkout someone may rebuild it later.
    if (runs('web'))
      await phase(
        `${d}: web app`,
        () => measureWebApp(server, ctx),
        (why) => missing(keysOf('web.'), [d], why),
      );
    else missing(keysOf('web.'), [d], 'phase not selected (--only)');
    if (runs('http')) {
      await phase(
        `${d}: HTTP load`,
        () => measureHttp(server, ctx),
        (why) => missing([...keysOf('http.'), ...keysOf('rate.'), 'rss.loaded', 'rss.afterLoad'], [d], why),
      );
      await phase(
        `${d}: roll-ups over HTTP`,
        () => measureRollups(server, ctx),
        (why) => missing(OVER_HTTP_KEYS, [d], why),
      );
    } else
      missing(
        [...keysOf('http.'), ...keysOf('rate.'), 'rss.loaded', 'rss.afterLoad', ...OVER_HTTP_KEYS],
        [d],
        'phase not selected (--only)',
      );
    if (runs('export'))
      await phase(
        `${d}: export`,
        () => measureExport(server, ctx),
        (why) => missing(keysOf('export.'), [d], why),
      );
    else missing(keysOf('export.'), [d], 'phase not selected (--only)');
  } catch (err) {
    const msg = err instanceof Error ? err.message.split('\n')[0] : String(err);
    log(`   ${d}: server phases FAILED: ${err instanceof Error ? err.stack : msg}`);
    missing(serverKeys, [d], `server phases failed: ${msg.slice(0, 200)}`);
    notes.push(`${DIALECT_LABEL[d]} server phases failed: ${msg.slice(0, 300)}`);
  } finally {
    const r = await server.stop();
    if (r.code !== 0)
      notes.push(
        `${DIALECT_LABEL[d]}: the server did not exit cleanly on SIGTERM (${JSON.stringify(r)}); log in bench/.data/server-${d}.log`,
      );
  }
  if (PROFILE) await profileMisses(d, url, paths);
}

// ------------------------------------------------------------------ profiles of missed targets

async function profileMisses(d: Dialect, url: string, paths: Record<RouteKey, string[]>) {
  const missed = (key: string) => {
    const f = byKey.get(key)!;
    return verdictOf(f, f.cells[d]).met === false;
  };
  const jobs: {
    title: string;
    run: (h: ServerHandle, cookies: { district: string; province: string }) => Promise<void>;
    startOnly?: boolean;
  }[] = [];
  if (missed('http.cert.rps'))
    jobs.push({
      title: 'public certificate check under load (autocannon -c 10)',
      run: async (h) => void (await load(loadSpec(h, paths.cert, undefined))),
    });
  if (missed('rate.ledgers.p99'))
    jobs.push({
      title: `ledger list at ${FIXED_RATE} req/s`,
      run: async (h, c) => void (await load(loadSpec(h, paths.ledgers, c.district, { overallRate: FIXED_RATE }))),
    });
  if (missed('rate.rollup.p99'))
    jobs.push({
      title: `district roll-up at ${FIXED_RATE} req/s`,
      run: async (h, c) => void (await load(loadSpec(h, paths.rollup, c.district, { overallRate: FIXED_RATE }))),
    });
  if (missed('rollup.province.http'))
    jobs.push({
      title: 'province roll-up, sequential requests',
      run: async (h, c) =>
        void (await timeSequential(h.baseUrl, `/api/campaigns/${CID}/rollup?region=${PROVINCE}`, c.province, SEQ)),
    });
  if (missed('rollup.district.http') && !missed('rate.rollup.p99'))
    jobs.push({
      title: 'district roll-up, sequential requests',
      run: async (h, c) =>
        void (await timeSequential(h.baseUrl, `/api/campaigns/${CID}/rollup?region=${DISTRICT}`, c.district, SEQ * 5)),
    });
  if (missed('start.cold'))
    jobs.push({ title: 'start-up to first /api/health', run: async () => undefined, startOnly: true });
  for (const j of jobs) {
    await phase(
      `${d}: CPU profile: ${j.title}`,
      async () => {
        const dir = join(DATA_DIR, 'profiles', `${NAME}-${d}-${Date.now()}`);
        mkdirSync(dir, { recursive: true });
        const t0 = monoUs();
        const h = await startServer({
          databaseUrl: url,
          cpuProfDir: dir,
          logFile: join(DATA_DIR, `server-${d}-profile.log`),
        });
        let window = { fromUs: t0, toUs: monoUs() };
        try {
          if (!j.startOnly) {
            const cookies = {
              district: await login(h.baseUrl, 'bench-district', PASSWORD),
              province: await login(h.baseUrl, 'bench-province', PASSWORD),
            };
            const from = monoUs();
            await j.run(h, cookies);
            window = { fromUs: from, toUs: monoUs() };
          }
        } finally {
          await h.stop();
        }
        await sleep(500);
        const file = newestProfile(dir);
        if (!file) throw new Error('the server wrote no .cpuprofile');
        const s = summariseProfile(file, j.title, d, window);
        profiles.push(s);
        log(
          `   profile ${j.title} (${d}): ${s.byModule
            .slice(0, 5)
            .map((m) => `${m.module} ${m.percent}%`)
            .join(', ')}`,
        );
      },
      () => undefined,
    );
  }
}

// ------------------------------------------------------------------ main

async function main() {
  // Interrupted: exit through process.exit so that the 'exit' hooks kill the server children.
  process.once('SIGINT', () => process.exit(130));
  process.once('SIGTERM', () => process.exit(143));
  const pinned = pinSelf(1);
  // Profiles of this run's earlier runs under the same name go.
  const profDir = join(DATA_DIR, 'profiles');
  if (existsSync(profDir))
    for (const f of readdirSync(profDir))
      if (f.startsWith(`${NAME}-`)) rmSync(join(profDir, f), { recursive: true, force: true });
  const result: BenchResult = {
    name: NAME,
    mode: QUICK ? 'quick' : 'full',
    date: new Date().toISOString(),
    commit: gitCommit(),
    command: CMD,
    machine: {
      cpu: os.cpus()[0]?.model ?? 'unknown',
      cores: os.cpus().length,
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      node: process.version,
      os: `${os.type()} ${os.release()}`,
      loadAverageStart: os.loadavg().map((x) => round(x, 2)),
    },
    settings: {
      connections: CONNECTIONS,
      durationS: DURATION,
      warmupS: WARMUP,
      fixedRate: FIXED_RATE,
      serverStarts: STARTS,
      sequentialRollups: SEQ,
      webRuns: WEB_RUNS,
      exportRegion: EXPORT_REGION,
      pinning: pinned ? 'server on core 0 (taskset -c 0), load generator and in-process benchmarks on core 1' : 'none',
      serverEnv: 'NODE_ENV=production JIANFU_LOG_LEVEL=warn JIANFU_PUBLIC_RATE_LIMIT=0 JIANFU_JOBS=off',
    },
    phases,
    figures,
    notes,
    profiles,
    timelines,
    raw,
  };
  log(
    `${CMD}: ${result.machine.cpu} × ${result.machine.cores}, load ${result.machine.loadAverageStart.join(' ')}, commit ${result.commit ?? 'unknown'}${pinned ? ', pinned' : ''}`,
  );

  // The web app (built when missing or stale, as `npm start` does).
  if (runs('web')) {
    await phase(
      'web build (scripts/ensure-web-build.mjs)',
      async () => {
        unpinSelf();
        const r = spawnSync(process.execPath, ['scripts/ensure-web-build.mjs'], { cwd: ROOT, stdio: 'inherit' });
        if (pinned) pinSelf(1);
        if (r.status !== 0) throw new Error(`ensure-web-build exited ${r.status}`);
      },
      (why) => missing(keysOf('web.'), DIALECTS, why),
    );
  }

  // The compiled server (built when missing or stale, as `npm start` does): every server phase runs it.
  await phase(
    'server build (scripts/ensure-server-build.mjs)',
    async () => ensureServerBuild(),
    (why) => log(`   server build failed: ${why}`),
  );

  // Datasets.
  const urls: Partial<Record<Dialect, string>> = {};
  const key = await generatorKey();
  raw.generatorKey = key;
  const needData = (['catalog', 'ledger', 'start', 'http', 'export', 'web'] as Phase[]).some(runs);
  // Figures measured on the province datasets (the judge phase makes its own small databases).
  const dbKeys = figures.filter((f) => !f.dbIndependent && !f.key.startsWith('judge.')).map((f) => f.key);
  const noData = 'phase not selected (--only)';
  if (flag('--no-sqlite')) missing(dbKeys, ['sqlite'], 'skipped (--no-sqlite)');
  else if (needData) {
    unpinSelf();
    await phase(
      'dataset: SQLite',
      async () => {
        const r = await ensureSqliteData(key);
        urls.sqlite = r.url;
        raw.datasetSqlite = r;
        log(
          `   SQLite dataset ${r.generated ? `generated in ${r.seconds.toFixed(0)} s` : 'reused'}: ${r.ledgers} ledgers, ${r.rows} rows (${r.url})`,
        );
      },
      (why) => missing(dbKeys, ['sqlite'], why),
    );
  }
  const pgu = pgUrls();
  let pgUnreachable = false;
  if (flag('--no-pg')) pgReason = 'skipped (--no-pg)';
  else {
    const unreachable = await pgReachable(pgu.admin);
    pgUnreachable = !!unreachable;
    if (unreachable)
      pgReason = `PostgreSQL not reachable (${pgu.admin.replace(/:[^:@/]*@/, ':***@')}: ${unreachable.slice(0, 120)})`;
    else if (needData) {
      unpinSelf();
      await phase(
        'dataset: PostgreSQL',
        async () => {
          const r = await ensurePgData(key);
          urls.postgres = r.url;
          raw.datasetPostgres = { ...r, url: r.url.replace(/:[^:@/]*@/, ':***@') };
          log(
            `   PostgreSQL dataset ${r.generated ? `generated in ${r.seconds.toFixed(0)} s` : 'reused'}: ${r.ledgers} ledgers, ${r.rows} rows`,
          );
        },
        (why) => {
          pgReason = why;
        },
      );
    }
  }
  if (!urls.postgres) missing(dbKeys, ['postgres'], needData ? pgReason : noData);
  if (pinned) pinSelf(1);

  if (runs('matcher'))
    await phase('matcher (dev set, hold-out)', runMatcher, (why) => missing(keysOf('matcher.'), ['sqlite'], why));
  else missing(keysOf('matcher.'), ['sqlite'], 'phase not selected (--only)');

  // The judge makes its own small demo databases (no province dataset needed).
  const judgeDialects = DIALECTS.filter((d) =>
    d === 'sqlite' ? !flag('--no-sqlite') : !flag('--no-pg') && !pgUnreachable,
  );
  if (runs('judge')) {
    for (const d of DIALECTS)
      if (!judgeDialects.includes(d))
        missing(keysOf('judge.'), [d], d === 'sqlite' ? 'skipped (--no-sqlite)' : pgReason);
    await phase(
      'judge (labelled requests and ledger rows; in memory, then a demo database per dialect)',
      () => runJudge(judgeDialects),
      (why) => missing(keysOf('judge.'), DIALECTS, why),
    );
  } else missing(keysOf('judge.'), DIALECTS, 'phase not selected (--only)');

  for (const d of DIALECTS) {
    if (!urls[d]) continue;
    if (runs('catalog'))
      await phase(
        `${d}: effective catalog and match`,
        () => runCatalog(d, urls[d]!),
        (why) => missing(keysOf('catalog.'), [d], why),
      );
    else missing(keysOf('catalog.'), [d], 'phase not selected (--only)');
  }
  const ledgerKeys = [
    'import.cold',
    'import.warm',
    'import.rowsPerS',
    'import.peakRss',
    'rollup.district.service',
    'rollup.province.service',
  ];
  if (runs('ledger') && urls.sqlite)
    await phase(
      'ledger bench (import, roll-ups beside bare SQL)',
      () => runLedger(urls),
      (why) => missing(ledgerKeys, DIALECTS, why),
    );
  else missing(ledgerKeys, DIALECTS, runs('ledger') ? 'needs the SQLite dataset' : 'phase not selected (--only)');

  for (const d of DIALECTS) if (urls[d]) await serverPhases(d, urls[d]!);

  // Anything still empty says why.
  for (const d of DIALECTS)
    missing(
      figures.filter((f) => !f.dbIndependent).map((f) => f.key),
      [d],
      urls[d] ? 'not run' : !needData ? noData : d === 'postgres' ? pgReason : 'no SQLite dataset',
    );
  missing(
    figures.filter((f) => f.dbIndependent).map((f) => f.key),
    ['sqlite'],
    'not run',
  );

  notes.push(
    `Server: the real server compiled as \`npm start\` runs it (\`node dist/server/main.js\`, built by scripts/ensure-server-build.mjs) as a child process on 127.0.0.1, env ${String(result.settings.serverEnv)}; jobs are off so that the hourly reminder scan does not land inside a measurement.`,
    `Pinning: ${String(result.settings.pinning)} (security/tests.md §8.5). The machine is shared: the load average at start was ${result.machine.loadAverageStart.join(' / ')}.`,
    `HTTP: autocannon ${CONNECTIONS} connections × ${DURATION} s after a ${WARMUP} s warm-up of the same route; each route is measured between two /api/health runs and compared with their mean (the same-run baseline); throughput is requests completed ÷ duration; latencies are autocannon's histogram percentiles. Requests rotate over several regions and names (public routes: 50 villages across the province and the dev-set names; ledger list: the townships of 上党区).`,
    `Fixed rate: autocannon overallRate ${FIXED_RATE} req/s over ${CONNECTIONS} connections, with autocannon's correction for coordinated omission. autocannon records latencies in whole milliseconds, so a p50 of 0 ms means under 1 ms.`,
    `Cold start: the server process from spawn to its first 200 from /api/health, on a database that is already migrated and generated; the operating system's file cache is warm (the first start warms it and is reported apart). The baseline is a bare Fastify hello-world started by the same plain \`node\` command, so the difference is the application's own start-up (the server runs as compiled JavaScript, as \`npm start\` runs it).`,
    `RSS: VmRSS/VmHWM from /proc/<pid>/status of the server process; VmHWM is reset (clear_refs 5) before the load phases and before the export, so each peak belongs to its phase.`,
    `Caches (docs/decisions.md 16, 19): public answers are kept per catalog generation, and on SQLite roll-ups are kept per database change stamp (no write happens during these phases), so repeated requests measure a cache hit; the uncached cost is the province roll-up's first request after start-up and the in-process ledger bench.`,
    `Import: measured by bench/ledger.bench.ts in this process (parse, validate, judge, write in one transaction), so its peak RSS is that of the bench process; the first run has a cold catalog memo.`,
    `Web: every page load uses a fresh browser context (cold cache); JavaScript bytes are the gzip (zlib level 6) of every JavaScript response the page loaded; 1 kB = 1,000 bytes; LCP is the last 'largest-contentful-paint' entry after network idle + 1 s.`,
    `Datasets: generated by bench/data/generate.ts, reused while the generator's sources are unchanged (key ${key}); SQLite in bench/.data/province-${key}.db, PostgreSQL in database \`${pgu.dbName}\` (marked with COMMENT ON DATABASE).`,
  );
  result.machine.loadAverageEnd = os.loadavg().map((x) => round(x, 2));
  result.durationSeconds = Math.round((Date.now() - started) / 1000);

  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, `bench/results/${NAME}.json`), `${JSON.stringify(result, null, 2)}\n`);
  if (WRITE_README) writeFileSync(join(ROOT, 'bench/README.md'), renderReadme(result));
  process.stdout.write(`\n${renderConsole(result)}\n\n`);
  log(
    `done in ${(result.durationSeconds / 60).toFixed(1)} min: bench/results/${NAME}.json${WRITE_README ? ' and bench/README.md' : ''}`,
  );
}

main().then(
  () => process.exit(0),
  (err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  },
);
