/**
 * The benchmark result model (bench/results/<name>.json) and its readable form (bench/README.md).
 *
 *   npx tsx bench/report.ts [bench/results/full.json]     regenerates bench/README.md from a result file
 *
 * Every figure carries its unit, its target (if any), the same-run baseline it is compared with, and
 * the command that produced it. A figure that could not be measured says why ("not measured: …");
 * nothing is left blank or invented.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export type Dialect = 'sqlite' | 'postgres';
export const DIALECTS: Dialect[] = ['sqlite', 'postgres'];
export const DIALECT_LABEL: Record<Dialect, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

export interface Target {
  op: '<=' | '>=';
  /** In the figure's unit, or a plain fraction when `on` is 'ratio'. */
  value: number;
  /** 'value' (default): the figure itself is compared; 'ratio': figure ÷ baseline is compared. */
  on?: 'value' | 'ratio';
  /** Where the target comes from, e.g. "issue 6". */
  source: string;
}

export interface Baseline {
  label: string;
  value: number;
  unit: string;
}

export interface Cell {
  /** null when not measured (then notMeasured says why). */
  value: number | null;
  notMeasured?: string;
  baseline?: Baseline;
  /** value ÷ baseline.value */
  ratio?: number;
  /** A short remark shown in the table (e.g. errors seen under load). */
  note?: string;
  detail?: Record<string, unknown>;
}

export interface Figure {
  key: string;
  group: string;
  label: string;
  unit: string;
  /** Larger is better (throughput, accuracy) or smaller is better (latency, memory); for the "by how much" text. */
  better: 'higher' | 'lower';
  target?: Target;
  /** The same value on both databases (matcher, JavaScript bytes): only `cells.sqlite` is used. */
  dbIndependent?: boolean;
  cells: Partial<Record<Dialect, Cell>>;
  command: string;
  method?: string;
}

export interface ProfileSummary {
  title: string;
  dialect: Dialect;
  file: string;
  durationMs: number;
  /** Which samples count: the load window only, or the whole process (start-up included). */
  window: string;
  sampledMs: number;
  idlePercent: number;
  topSelf: { frame: string; selfMs: number; percent: number }[];
  byModule: { module: string; selfMs: number; percent: number }[];
}

export interface BenchResult {
  name: string;
  mode: 'full' | 'quick';
  date: string;
  commit: string | null;
  command: string;
  machine: {
    cpu: string;
    cores: number;
    memoryGb: number;
    node: string;
    os: string;
    loadAverageStart: number[];
    loadAverageEnd?: number[];
  };
  settings: Record<string, unknown>;
  durationSeconds?: number;
  phases: { name: string; seconds: number }[];
  figures: Figure[];
  notes: string[];
  profiles: ProfileSummary[];
  /** Page-load timelines of the dashboard (the median-LCP load), per database. */
  timelines: { title: string; dialect: Dialect; rows: { what: string; startMs: number; endMs: number }[] }[];
  raw: Record<string, unknown>;
}

// ------------------------------------------------------------------ verdicts

export interface Verdict {
  met: boolean | null;
  text: string;
}

const fmtNum = (x: number): string => {
  const a = Math.abs(x);
  if (x === 0) return '0';
  if (a >= 10_000) return Math.round(x).toLocaleString('en-US');
  if (a >= 100) return String(Math.round(x));
  if (a >= 10) return x.toFixed(1);
  if (a >= 1) return x.toFixed(2);
  return x.toFixed(3);
};

export function formatValue(v: number, unit: string): string {
  if (unit === '%') return `${fmtNum(v)} %`;
  if (unit === '') return fmtNum(v);
  return `${fmtNum(v)} ${unit}`;
}

export function verdictOf(f: Figure, c: Cell | undefined): Verdict {
  if (!f.target) return { met: null, text: '—' };
  if (!c || c.value === null) return { met: null, text: 'not measured' };
  const t = f.target;
  const onRatio = t.on === 'ratio';
  const x = onRatio ? c.ratio : c.value;
  if (x === undefined || x === null || Number.isNaN(x)) return { met: null, text: 'not measured (no baseline)' };
  const ok = t.op === '<=' ? x <= t.value : x >= t.value;
  if (ok) return { met: true, text: 'met' };
  if (onRatio) {
    const short = t.value - x;
    return {
      met: false,
      text: `missed by ${(Math.abs(short) * 100).toFixed(1)} points (${(x * 100).toFixed(1)} % vs ${(t.value * 100).toFixed(0)} %)`,
    };
  }
  const diff = Math.abs(x - t.value);
  const pct = t.value !== 0 ? (diff / t.value) * 100 : Infinity;
  return {
    met: false,
    text: `missed by ${formatValue(diff, f.unit)} (${pct.toFixed(0)} % ${t.op === '<=' ? 'over' : 'under'})`,
  };
}

export function targetText(f: Figure): string {
  if (!f.target) return '—';
  const t = f.target;
  const op = t.op === '<=' ? '≤' : '≥';
  if (t.on === 'ratio') return `${op} ${(t.value * 100).toFixed(0)} % of baseline (${t.source})`;
  return `${op} ${formatValue(t.value, f.unit)} (${t.source})`;
}

// ------------------------------------------------------------------ README

const esc = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function cellText(f: Figure, c: Cell | undefined): string {
  if (!c) return 'not measured: not run';
  if (c.value === null) {
    const why = c.notMeasured ?? 'unknown reason';
    return `not measured: ${why.length > 110 ? `${why.slice(0, 107)}… (see notes)` : why}`;
  }
  return formatValue(c.value, f.unit) + (c.note ? ` (${c.note})` : '');
}

function perDialect(f: Figure, fn: (d: Dialect, c: Cell | undefined) => string | null): string {
  if (f.dbIndependent) return fn('sqlite', f.cells.sqlite) ?? '—';
  const parts = DIALECTS.map((d) => {
    const s = fn(d, f.cells[d]);
    return s === null ? null : `${DIALECT_LABEL[d]}: ${s}`;
  }).filter((s): s is string => s !== null);
  return parts.length ? parts.join('<br>') : '—';
}

export function renderReadme(r: BenchResult): string {
  const out: string[] = [];
  out.push('# Benchmarks (`npm run bench`)');
  out.push('');
  out.push(
    '<!-- Generated by bench/run.ts (bench/report.ts) from bench/results/' +
      r.name +
      '.json. Do not edit by hand: run `npm run bench`. -->',
  );
  out.push('');
  out.push(
    `Run **${r.name}** (${r.mode}) on ${r.date.slice(0, 16).replace('T', ' ')} UTC, commit \`${r.commit ?? 'unknown (not a git checkout)'}\`, ` +
      `${r.machine.cpu} × ${r.machine.cores} cores, ${r.machine.memoryGb} GB, Node ${r.machine.node}, load average at start ${r.machine.loadAverageStart.map((x) => x.toFixed(1)).join(' / ')}` +
      (r.machine.loadAverageEnd ? `, at end ${r.machine.loadAverageEnd.map((x) => x.toFixed(1)).join(' / ')}` : '') +
      (r.durationSeconds ? `; the whole run took ${(r.durationSeconds / 60).toFixed(1)} min` : '') +
      '.',
  );
  out.push('');
  out.push(`Command: \`${r.command}\`. Results: \`bench/results/${r.name}.json\`.`);
  out.push('');
  out.push(
    'This is a shared, noisy 2-core machine: figures vary by up to 3× between runs. Every figure is therefore shown beside a baseline measured **in the same run** (for HTTP routes: the trivial `/api/health` route of the same server, measured right before and right after the route), and only same-run ratios should be compared across runs.',
  );
  out.push('');

  const groups = [...new Set(r.figures.map((f) => f.group))];
  for (const g of groups) {
    out.push(`## ${g}`);
    out.push('');
    out.push('| figure | SQLite | PostgreSQL | target | same-run baseline | ratio | met? | command |');
    out.push('| --- | --- | --- | --- | --- | --- | --- | --- |');
    for (const f of r.figures.filter((x) => x.group === g)) {
      const sqlite = cellText(f, f.cells.sqlite);
      const postgres = f.dbIndependent ? 'same (independent of the database)' : cellText(f, f.cells.postgres);
      const baseline = perDialect(f, (_d, c) =>
        c?.baseline ? `${c.baseline.label}: ${formatValue(c.baseline.value, c.baseline.unit)}` : null,
      );
      const ratio = perDialect(f, (_d, c) =>
        c?.ratio !== undefined && c.value !== null
          ? f.target?.on === 'ratio'
            ? `${(c.ratio * 100).toFixed(1)} %`
            : `${c.ratio.toFixed(2)}×`
          : null,
      );
      const met = f.target
        ? perDialect(f, (_d, c) => {
            const v = verdictOf(f, c);
            return v.met === true ? '✅ met' : v.met === false ? `❌ ${v.text}` : v.text;
          })
        : '—';
      out.push(
        `| ${esc(f.label)} | ${esc(sqlite)} | ${esc(postgres)} | ${esc(targetText(f))} | ${baseline} | ${ratio} | ${met} | ${esc(f.command)} |`,
      );
    }
    out.push('');
  }

  const misses: string[] = [];
  for (const f of r.figures) {
    if (!f.target) continue;
    for (const d of f.dbIndependent ? (['sqlite'] as Dialect[]) : DIALECTS) {
      const v = verdictOf(f, f.cells[d]);
      if (v.met === false)
        misses.push(
          `- **${f.label}**${f.dbIndependent ? '' : ` on ${DIALECT_LABEL[d]}`}: ${formatValue(f.cells[d]!.value!, f.unit)}, target ${targetText(f)}: ${v.text}.`,
        );
    }
  }
  out.push(...besideDirectus(r));
  out.push('## Targets missed');
  out.push('');
  out.push(misses.length ? misses.join('\n') : 'None: every figure with a target met it in this run.');
  out.push('');

  if (r.profiles.length) {
    out.push('## Where the time goes (server CPU profiles of the missed targets)');
    out.push('');
    out.push(
      "Taken with `node --cpu-prof` on the server child process, under the same load as the missed figure, in the same run. Self time of the top frames and self time summed by module (idle time excluded). Reading them: better-sqlite3 runs SQL synchronously in native code, which has no frame of its own, so on SQLite the self time of `executeQuery kysely/sqlite-driver.js` is SQLite executing the statements, and `prepare better-sqlite3/wrappers.js` is compiling them (Kysely prepares every query anew). On PostgreSQL the database works in another process: its time shows as idle here. Line numbers of our TypeScript files are those of tsx's output (line 1, column n).",
    );
    out.push('');
    for (const p of r.profiles) {
      out.push(`### ${p.title} (${DIALECT_LABEL[p.dialect]})`);
      out.push('');
      out.push(
        `Profile \`${p.file}\` (not committed), ${(p.durationMs / 1000).toFixed(1)} s (${p.window}), idle ${p.idlePercent.toFixed(0)} %.`,
      );
      out.push('');
      out.push('| self time by module | ms | % of busy |');
      out.push('| --- | --- | --- |');
      for (const m of p.byModule.slice(0, 10))
        out.push(`| ${esc(m.module)} | ${Math.round(m.selfMs)} | ${m.percent.toFixed(1)} |`);
      out.push('');
      out.push('| top frames (self) | ms | % of busy |');
      out.push('| --- | --- | --- |');
      for (const t of p.topSelf.slice(0, 12))
        out.push(`| \`${esc(t.frame)}\` | ${Math.round(t.selfMs)} | ${t.percent.toFixed(1)} |`);
      out.push('');
    }
  }

  if (r.timelines?.length) {
    out.push('## Where the time goes in the dashboard load');
    out.push('');
    out.push('Resource timing of the median-LCP load (ms from navigation start; scripts and styles as one span).');
    out.push('');
    for (const t of r.timelines) {
      out.push(`### ${t.title} (${DIALECT_LABEL[t.dialect]})`);
      out.push('');
      out.push('| what | start (ms) | end (ms) |');
      out.push('| --- | --- | --- |');
      for (const x of t.rows) out.push(`| ${esc(x.what)} | ${x.startMs} | ${x.endMs} |`);
      out.push('');
    }
  }

  if (r.notes.length) {
    out.push('## Notes on method');
    out.push('');
    for (const n of r.notes) out.push(`- ${n}`);
    out.push('');
  }
  out.push('## Running it');
  out.push('');
  out.push('```');
  out.push(
    'npm run bench                  # full run: about 12 min on 2 cores with cached datasets, about 17 min when both are generated; writes bench/results/full.json and this README',
  );
  out.push(
    'npm run bench -- --quick       # smoke version (short durations, district-sized export); writes bench/results/quick.json, README untouched',
  );
  out.push('BENCH_DURATION=5 npm run bench # seconds per autocannon run (default 10, quick 3)');
  out.push(
    'npm run bench -- --no-pg       # SQLite only; --only=http,web,matcher,catalog,ledger,start,export to run some phases',
  );
  out.push('npx tsx bench/report.ts bench/results/full.json   # re-render this README from a result file');
  out.push('```');
  out.push('');
  out.push(
    "Environment: `BENCH_PG_URL` (default: `TEST_DATABASE_URL`'s server, else postgres://jianfu:jianfu@127.0.0.1:5432, database `jianfu_bench_suite`), `BENCH_PASSWORD` (bench accounts, default of the generator), `BENCH_DASHBOARD_PATH`, `BENCH_PIN=0` (do not pin the server to core 0 and the load generator to core 1).",
  );
  out.push('');
  return out.join('\n');
}

/**
 * Issue 15's three requests beside Directus 12.4 on its 200,000-row district (its harness:
 * ../shared/peers/directus, figures from the issue: median of 3 interleaved rounds, 20 connections × 15 s).
 * Ours: this run's figures on the province dataset (the same three requests; the roll-up uncached).
 */
const DIRECTUS: { key: string; what: string; directus: number; directusNote?: string; perMs?: boolean }[] = [
  { key: 'http.rows.rps', what: '(a) rows of one category in one township, page of 50, newest first', directus: 62 },
  {
    key: 'rollup.district.service',
    what: '(b) district roll-up, no cache (service call in process: 1000 ÷ median ms)',
    directus: 5.4,
    directusNote: '32 with a covering index',
    perMs: true,
  },
  { key: 'http.row.rps', what: '(c) one ledger row by id', directus: 260 },
];

export function besideDirectus(r: BenchResult): string[] {
  const byKey = new Map(r.figures.map((f) => [f.key, f]));
  const rows = DIRECTUS.map((x) => {
    const f = byKey.get(x.key);
    const cells = DIALECTS.map((d) => {
      const v = f?.cells[d]?.value;
      if (v === null || v === undefined) return { text: 'not measured', times: '—' };
      const rps = x.perMs ? 1000 / v : v;
      return { text: `${fmtNum(rps)} req/s`, times: `${fmtNum(rps / x.directus)}×` };
    });
    return `| ${x.what} | ${x.directus} req/s${x.directusNote ? ` (${x.directusNote})` : ''} | ${cells.map((c) => c.text).join(' | ')} | ${cells.map((c) => c.times).join(' / ')} |`;
  });
  return [
    '## Beside Directus 12.4 (issue 15; target: 10× Directus)',
    '',
    'Directus figures from issue 15 (its harness in `../shared/peers/directus/`, 200,000-row district, 20 connections × 15 s, median of 3 interleaved rounds); ours from this run on the province dataset (district scope, 10 connections), so the ratio is indicative, not same-run.',
    '',
    `| request | Directus (default) | ours, ${DIALECT_LABEL.sqlite} | ours, ${DIALECT_LABEL.postgres} | × Directus (${DIALECT_LABEL.sqlite} / ${DIALECT_LABEL.postgres}) |`,
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ];
}

/** A console table of the figures (for --quick runs and the end of every run). */
export function renderConsole(r: BenchResult): string {
  const lines: string[] = [];
  for (const f of r.figures) {
    const cols = f.dbIndependent
      ? [`all: ${cellText(f, f.cells.sqlite)}`]
      : DIALECTS.map((d) => `${d}: ${cellText(f, f.cells[d])}`);
    const ratio = perDialect(f, (_d, c) =>
      c?.ratio !== undefined && c.value !== null ? `${c.ratio.toFixed(2)}×` : null,
    ).replace(/<br>/g, ' ');
    const met = f.target ? perDialect(f, (_d, c) => verdictOf(f, c).text).replace(/<br>/g, ' ') : '';
    lines.push(
      `${f.label.padEnd(58)} ${cols.join(' | ')}${ratio !== '—' ? `  ratio ${ratio}` : ''}${met ? `  [${met}]` : ''}`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const file = process.argv[2] ?? fileURLToPath(new URL('./results/full.json', import.meta.url));
  const r = JSON.parse(readFileSync(file, 'utf8')) as BenchResult;
  writeFileSync(new URL('./README.md', import.meta.url), renderReadme(r));
  process.stdout.write(`bench/README.md written from ${file}\n`);
}
