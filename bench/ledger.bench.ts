/**
 * Ledger benchmarks on the generated province (bench/data/generate.ts), on SQLite and PostgreSQL:
 * - the 10,000-row spreadsheet import (parse, validate, judge, write in one transaction): time and
 *   peak RSS, cold (catalog answers not memoised) and warm;
 * - the district (上党区) and province (山西省) roll-ups: the service call (queries + assembly) printed
 *   beside the bare SQL of its queries run on the raw driver in the same run, interleaved.
 *
 *   npx tsx bench/ledger.bench.ts                         SQLite (bench/.data/province.db) and, when
 *                                                         BENCH_PG_URL or TEST_DATABASE_URL is set,
 *                                                         PostgreSQL (database jianfu_bench)
 *   runLedgerBench({ ... }) from the bench runner          returns the figures, writes bench/results/ledger.json
 *
 * Medians of interleaved runs on this shared 2-core machine; compare only figures from one run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import pino from 'pino';
import { loadConfig } from '../src/server/config.js';
import { composeDeps } from '../src/server/compose.js';
import { buildApp } from '../src/server/app.js';
import { seedFeatures } from '../src/server/features/index.js';
import type { Deps } from '../src/server/deps.js';
import type { Actor, AuthedContext } from '../src/server/core/actor.js';
import { createCampaign } from '../src/server/features/campaigns/campaigns.service.js';
import { runLaunch } from '../src/server/features/campaigns/launch.service.js';
import { importLedgerFile } from '../src/server/features/campaigns/import.service.js';
import { rollupOf } from '../src/server/features/campaigns/rollups.service.js';
import { CHILD_COLUMN, overdueQuery, rollupQuery } from '../src/server/features/campaigns/rollups.repo.js';
import { ancestorEqualities } from '../src/server/features/campaigns/campaigns.scope.js';
import { recountLedger } from '../src/server/features/campaigns/ledgers.repo.js';
import { byCode } from '../src/server/features/regions/regions.service.js';
import { clearMatcherCache } from '../src/server/features/catalogs/catalogs.matching.js';
import { shanghaiDate } from '../src/server/core/clock.js';
import * as repo from '../src/server/features/campaigns/campaigns.repo.js';
import { workAffairSheet } from '../test/fixtures/ledgers/rows.js';
import { workbook } from '../test/fixtures/ledgers/helpers.js';
import {
  BENCH_CAMPAIGN_ID,
  BENCH_DISTRICT,
  BENCH_PROVINCE,
  DEFAULT_BENCH_URL,
  generateProvince,
} from './data/generate.js';

export interface LedgerBenchOptions {
  sqliteUrl?: string;
  /** null: skip PostgreSQL. Default: BENCH_PG_URL, else TEST_DATABASE_URL's server with database jianfu_bench. */
  postgresUrl?: string | null;
  importRuns?: number;
  rollupRuns?: number;
  write?: boolean;
  print?: boolean;
  log?: (line: string) => void;
}

interface Timing {
  median: number;
  min: number;
  max: number;
  runs: number;
}
const round = (x: number) => Math.round(x * 10) / 10;
const timing = (xs: number[]): Timing => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: round(s[Math.floor(s.length / 2)]), min: round(s[0]), max: round(s[s.length - 1]), runs: s.length };
};

const actorOf = (
  role: Actor['grants'][number]['role'],
  regionCode: string,
  level: Actor['grants'][number]['level'],
): Actor => ({
  userId: `bench-user-${role}`,
  username: `bench-${role}`,
  displayName: `基准测试 ${role}`,
  regionCode,
  departmentId: null,
  sessionId: null,
  mustChangePassword: false,
  grants: [{ role, regionCode, level }],
});

/** Runs fn while sampling RSS every 5 ms; returns the time and the peak. */
async function measured<T>(
  fn: () => Promise<T>,
): Promise<{ ms: number; peakRssMb: number; baseRssMb: number; result: T }> {
  if (global.gc) global.gc();
  const base = process.memoryUsage.rss();
  let peak = base;
  const timer = setInterval(() => {
    const r = process.memoryUsage.rss();
    if (r > peak) peak = r;
  }, 5);
  const t = performance.now();
  try {
    const result = await fn();
    const ms = performance.now() - t;
    peak = Math.max(peak, process.memoryUsage.rss());
    return { ms, peakRssMb: Math.round(peak / 1048576), baseRssMb: Math.round(base / 1048576), result };
  } finally {
    clearInterval(timer);
  }
}

async function benchImport(deps: Deps, runs: number, log: (l: string) => void) {
  const district = actorOf('district_lead', BENCH_DISTRICT, 'county');
  const ctx: AuthedContext = { actor: district, ip: null, requestId: 'bench' };
  const campaign = await createCampaign(deps, ctx, {
    name: '导入基准（临时）',
    regionCode: BENCH_DISTRICT,
    year: 2024,
  });
  try {
    await deps.db.updateTable('campaign').set({ status: 'launching' }).where('id', '=', campaign.id).execute();
    await runLaunch(deps, campaign.id, { progress: async () => undefined, createdBy: null });
    const villages = (
      await deps.db
        .selectFrom('ledger')
        .select('villageCode')
        .where('campaignId', '=', campaign.id)
        .where('townshipCode', '=', '140404001000')
        .orderBy('villageCode')
        .execute()
    ).map((l) => l.villageCode);
    const file = await workbook([
      {
        name: '工作事务',
        header: ['村（社区）代码', '事项名称', '要求单位', '目录类别', '经费保障', '需填报表格数', '区政府审批文号'],
        rows: workAffairSheet(villages, 10_000),
      },
    ]);
    const township: AuthedContext = {
      actor: actorOf('township_officer', '140404001000', 'township'),
      ip: null,
      requestId: 'bench',
    };
    const results: {
      ms: number;
      peakRssMb: number;
      baseRssMb: number;
      cold: boolean;
      timings: Record<string, number>;
    }[] = [];
    for (let i = 0; i < runs; i++) {
      await deps.db.deleteFrom('ledgerRow').where('campaignId', '=', campaign.id).execute();
      for (const l of await deps.db.selectFrom('ledger').select('id').where('campaignId', '=', campaign.id).execute())
        await recountLedger(deps.db, l.id);
      const cold = i === 0;
      if (cold) clearMatcherCache();
      const timings: Record<string, number> = {};
      const m = await measured(() =>
        importLedgerFile(deps, township, campaign.id, file, { category: 'work_affair', timings }),
      );
      if (m.result.inserted !== 10_000) throw new Error(`import inserted ${m.result.inserted}`);
      results.push({ ms: m.ms, peakRssMb: m.peakRssMb, baseRssMb: m.baseRssMb, cold, timings });
      log(
        `  import run ${i + 1}${cold ? ' (cold)' : ''}: ${m.ms.toFixed(0)} ms (${Object.entries(timings)
          .map(([k, v]) => `${k} ${v.toFixed(0)}`)
          .join(', ')}), peak RSS ${m.peakRssMb} MB (before ${m.baseRssMb} MB)`,
      );
    }
    const second = await measured(() =>
      importLedgerFile(deps, township, campaign.id, file, { category: 'work_affair' }),
    );
    return {
      rows: 10_000,
      fileBytes: file.length,
      coldMs: Math.round(results[0].ms),
      phasesMs: Object.fromEntries(
        Object.entries(results[results.length - 1].timings).map(([k, v]) => [k, Math.round(v)]),
      ),
      warm: timing(results.slice(1).map((r) => r.ms)),
      peakRssMb: Math.max(...results.map((r) => r.peakRssMb)),
      /** Growth of RSS during an import (the process may hold the generator's memory before it). */
      peakRssGrowthMb: Math.max(...results.map((r) => r.peakRssMb - r.baseRssMb)),
      rssBeforeMb: results[0].baseRssMb,
      reimportUnchangedMs: Math.round(second.ms),
    };
  } finally {
    await deps.db.deleteFrom('openTaskDue').where('campaignId', '=', campaign.id).execute();
    await deps.db.deleteFrom('cleanupTask').where('campaignId', '=', campaign.id).execute();
    await deps.db.deleteFrom('ledgerRow').where('campaignId', '=', campaign.id).execute();
    await deps.db.deleteFrom('ledger').where('campaignId', '=', campaign.id).execute();
    await deps.db.deleteFrom('campaignPhase').where('campaignId', '=', campaign.id).execute();
    await deps.db.deleteFrom('campaign').where('id', '=', campaign.id).execute();
  }
}

async function bare(deps: Deps, q: { sql: string; parameters: readonly unknown[] }): Promise<number> {
  const t = performance.now();
  if (deps.database.sqlite) deps.database.sqlite.prepare(q.sql).all(...(q.parameters as unknown[]));
  else await deps.database.pool!.query(q.sql, q.parameters as unknown[]);
  return performance.now() - t;
}

async function benchRollups(deps: Deps, runs: number, log: (l: string) => void) {
  const c = (await repo.findCampaign(deps.db, BENCH_CAMPAIGN_ID))!;
  const out: Record<string, unknown> = {};
  for (const [label, code] of [
    ['district', BENCH_DISTRICT],
    ['province', BENCH_PROVINCE],
  ] as const) {
    const node = (await byCode(deps.db, code))!;
    const pinned = { level: node.level, pins: ancestorEqualities(node) };
    const main = rollupQuery(deps.db, c.id, pinned).compile();
    const today = shanghaiDate(deps.clock.now());
    const overdue = overdueQuery(deps.db, c.id, pinned, today).compile();
    // Before issue 15: the overdue figures as a GROUP BY over the open tasks themselves (same-run baseline).
    const child = CHILD_COLUMN[node.level];
    const overdueBefore = deps.db
      .selectFrom('cleanupTask')
      .select([(eb) => eb.ref(child).as('regionCode'), 'category', (eb) => eb.fn.countAll<number>().as('n')])
      .where('campaignId', '=', c.id)
      .where((eb) => eb.and(pinned.pins.map(([k, v]) => eb(k, '=', v))))
      .where('status', '=', 'open')
      .where('deadline', '<', today)
      .groupBy([child, 'category'])
      .compile();
    const service: number[] = [];
    const sqlOverdueBefore: number[] = [];
    const sqlMain: number[] = [];
    const sqlOverdue: number[] = [];
    let figures: Awaited<ReturnType<typeof rollupOf>> | null = null;
    for (let i = 0; i < runs + 2; i++) {
      const t = performance.now();
      figures = await rollupOf(deps, c, node);
      const s = performance.now() - t;
      const m = await bare(deps, main);
      const o = await bare(deps, overdue);
      const ob = await bare(deps, overdueBefore);
      if (i >= 2) {
        sqlOverdueBefore.push(ob);
        service.push(s);
        sqlMain.push(m);
        sqlOverdue.push(o);
      }
    }
    const svc = timing(service);
    const m = timing(sqlMain);
    const o = timing(sqlOverdue);
    const ob = timing(sqlOverdueBefore);
    out[label] = {
      region: `${node.name} ${node.code}`,
      ledgers: figures!.totals.ledgers.total,
      rows: figures!.totals.rows,
      service: svc,
      bareSqlMain: m,
      bareSqlOverdue: o,
      bareSqlTotalMedian: Math.round((m.median + o.median) * 10) / 10,
      bareSqlOverdueTasksGroupBy: ob,
    };
    log(
      `  ${label} roll-up (${figures!.totals.ledgers.total} ledgers, ${figures!.totals.rows} rows): service ${svc.median} ms | bare SQL ${m.median} + ${o.median} ms (overdue as a GROUP BY of open tasks: ${ob.median} ms)`,
    );
  }
  return out;
}

async function defaultPgUrl(): Promise<string | null> {
  if (process.env.BENCH_PG_URL) return process.env.BENCH_PG_URL;
  const base = process.env.TEST_DATABASE_URL;
  if (!base) return null;
  const u = new URL(base);
  u.pathname = '/jianfu_bench';
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const r = await admin.query('select 1 from pg_database where datname = $1', ['jianfu_bench']);
    if (!r.rowCount) await admin.query('create database jianfu_bench');
  } finally {
    await admin.end();
  }
  return u.toString();
}

async function benchDialect(
  url: string,
  opts: Required<Pick<LedgerBenchOptions, 'importRuns' | 'rollupRuns'>>,
  log: (l: string) => void,
) {
  const gen = await generateProvince({ databaseUrl: url, log });
  const config = loadConfig({
    DATABASE_URL: url,
    JIANFU_LOG_LEVEL: 'warn',
    JIANFU_JOBS: 'off',
    JIANFU_PUBLIC_RATE_LIMIT: '0',
  } as NodeJS.ProcessEnv);
  const deps = await composeDeps(config, { logger: pino({ level: 'warn' }) });
  await seedFeatures(deps);
  const app = await buildApp(deps, { logLevel: 'warn' });
  await app.ready();
  try {
    log(
      `${deps.dialect}: ${gen.ledgers} ledgers, ${gen.rows} rows, ${gen.tasks} tasks${gen.reused ? ' (reused)' : ` (generated in ${gen.seconds.toFixed(0)} s)`}`,
    );
    const rollups = await benchRollups(deps, opts.rollupRuns, log);
    const imp = await benchImport(deps, opts.importRuns, log);
    return {
      dialect: deps.dialect,
      dataset: {
        ledgers: gen.ledgers,
        rows: gen.rows,
        tasks: gen.tasks,
        generatedSeconds: gen.reused ? null : Math.round(gen.seconds),
      },
      import: imp,
      rollups,
    };
  } finally {
    await app.close();
    await deps.database.close();
  }
}

/** Runs the ledger benchmark on SQLite and (when configured) PostgreSQL; writes bench/results/ledger.json. */
export async function runLedgerBench(opts: LedgerBenchOptions = {}) {
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const runs = { importRuns: opts.importRuns ?? 4, rollupRuns: opts.rollupRuns ?? 9 };
  const results = [];
  results.push(await benchDialect(opts.sqliteUrl ?? DEFAULT_BENCH_URL, runs, log));
  const pgUrl = opts.postgresUrl === undefined ? await defaultPgUrl() : opts.postgresUrl;
  if (pgUrl) results.push(await benchDialect(pgUrl, runs, log));
  else log('PostgreSQL skipped (set BENCH_PG_URL or TEST_DATABASE_URL)');
  const report = {
    benchmark: 'ledgers: 10,000-row import and district/province roll-ups',
    date: new Date().toISOString(),
    machine: os.cpus()[0]?.model ?? null,
    cpus: os.cpus().length,
    node: process.version,
    targets: { importMs: 3000, districtRollupMs: 50, provinceRollupMs: 500 },
    results,
  };
  if (opts.print !== false) {
    log(
      '\n| database | 10k import cold / warm (ms) | peak RSS / growth (MB) | district roll-up: service / bare SQL (ms) | province roll-up: service / bare SQL (ms) |',
    );
    log('| --- | --- | --- | --- | --- |');
    for (const r of results) {
      const d = r.rollups.district as any;
      const p = r.rollups.province as any;
      log(
        `| ${r.dialect} | ${r.import.coldMs} / ${r.import.warm.median} | ${r.import.peakRssMb} / +${r.import.peakRssGrowthMb} | ${d.service.median} / ${d.bareSqlTotalMedian} | ${p.service.median} / ${p.bareSqlTotalMedian} |`,
      );
    }
  }
  if (opts.write !== false) {
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(new URL('./results/ledger.json', import.meta.url), `${JSON.stringify(report, null, 2)}\n`);
  }
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runLedgerBench().catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
