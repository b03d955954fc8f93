/**
 * Campaigns: create with the seed plan's phases, edit dates, launch (a background job that creates
 * one ledger per village and community in scope, pre-filled from the previous cycle), the sign-guide
 * setting of a district, and what changed since the previous cycle.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../core/actor.js';
import { canAt } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { shanghaiDate } from '../../core/clock.js';
import type { JobContext } from '../../core/jobs.js';
import { LEVEL_COLUMN } from '../../core/scope.js';
import type { RegionLevel } from '../../../shared/roles.js';
import {
  CATEGORIES,
  DEFAULT_PHASES,
  DEFAULT_SIGN_GUIDE,
  campaignSettings,
  countersOf,
  defaultDeadline,
  fieldsHashOf,
  type CampaignSettings,
  type Category,
  type PhaseKey,
  type SignGuide,
} from './campaigns.model.js';
import * as repo from './campaigns.repo.js';
import {
  canEditCampaign,
  canLaunch,
  canManageCampaign,
  canSeeCampaign,
  campaignVisibleTo,
} from './campaigns.policy.js';
import { catalogLookups } from './campaigns.catalog.js';
import { judgeRow, judgeSigns, type Suggestion } from './campaigns.judge.js';
import type { LedgerRowTable, LedgerTable } from './campaigns.tables.js';

export const LAUNCH_JOB = 'campaigns.launch';
const CAMPAIGN_LEVELS: RegionLevel[] = ['province', 'city', 'county'];

export async function getVisibleCampaign(deps: Deps, actor: Actor, id: string) {
  const c = await repo.findCampaign(deps.db, id);
  if (!c || !canSeeCampaign(actor, c)) return notFound('专项行动');
  return c;
}

export async function presentCampaign(deps: Deps, actor: Actor, c: repo.CampaignRecord) {
  const job = c.launchJobId ? await deps.jobs.get(c.launchJobId) : null;
  const region = await deps.db
    .selectFrom('region')
    .select(['name'])
    .where('code', '=', c.regionCode)
    .executeTakeFirst();
  return {
    id: c.id,
    name: c.name,
    regionCode: c.regionCode,
    regionName: region?.name ?? c.regionCode,
    regionLevel: c.regionLevel,
    year: c.year,
    status: c.status,
    previousCampaignId: c.previousCampaignId,
    settings: c.settings,
    launchedAt: c.launchedAt,
    ledgerCount: c.ledgerCount,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
    phases: c.phases.map((p) => ({
      key: p.key,
      name: p.name,
      clause: p.clause,
      categories: p.categories,
      deadline: p.deadline,
    })),
    launch: job
      ? {
          jobId: job.id,
          status: job.status,
          progress: job.progress,
          total: job.total,
          message: job.message,
          error: job.error as { code: string; message: string } | null,
        }
      : null,
    abilities: { edit: canEditCampaign(actor, c), launch: canLaunch(actor, c), manage: canManageCampaign(actor, c) },
  };
}

export async function listCampaigns(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .selectFrom('campaign')
    .select('id')
    .where(campaignVisibleTo(actor))
    .orderBy('year', 'desc')
    .orderBy('createdAt', 'desc')
    .limit(200)
    .execute();
  const out = [];
  for (const r of rows) out.push(await presentCampaign(deps, actor, (await repo.findCampaign(deps.db, r.id))!));
  return out;
}

export interface CreateCampaignInput {
  name: string;
  regionCode: string;
  year: number;
  previousCampaignId?: string | null;
  phases?: { key: PhaseKey; deadline: string }[];
  settings?: Partial<CampaignSettings>;
}

/** Creates a campaign in draft with the seed plan's phases (dates may be overridden). */
export async function createCampaign(deps: Deps, ctx: RequestContext, input: CreateCampaignInput) {
  const actor = ctx.actor!;
  const region = await repo.regionWithAncestors(deps.db, input.regionCode);
  if (!region || !CAMPAIGN_LEVELS.includes(region.level))
    throw new AppError('validation_failed', '专项行动只能在区县、市或省一级发起', {
      issues: [{ field: 'regionCode', message: '应为区县、市或省的区划代码' }],
    });
  if (!canAt(actor, 'campaigns.manage', region.code))
    throw new AppError('forbidden', '只能在本人管辖区划内发起专项行动');
  if (input.previousCampaignId) {
    const prev = await repo.findCampaign(deps.db, input.previousCampaignId);
    if (!prev || !canSeeCampaign(actor, prev))
      throw new AppError('validation_failed', '上一轮专项行动不存在或不可见', {
        issues: [{ field: 'previousCampaignId', message: '不存在' }],
      });
    if (prev.regionCode !== region.code)
      throw new AppError('validation_failed', '上一轮专项行动须是同一区划的行动', {
        issues: [{ field: 'previousCampaignId', message: '区划不同' }],
      });
    if (prev.status === 'draft' || prev.status === 'launching')
      throw new AppError('validation_failed', '上一轮专项行动尚未启动完成');
  }
  const deadlines = new Map((input.phases ?? []).map((p) => [p.key, p.deadline]));
  const settings = campaignSettings.parse(input.settings ?? {});
  const id = newId();
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('campaign')
      .values({
        id,
        name: input.name,
        regionCode: region.code,
        regionLevel: region.level,
        provinceCode: region.provinceCode,
        cityCode: region.cityCode,
        countyCode: region.countyCode,
        year: input.year,
        status: 'draft',
        previousCampaignId: input.previousCampaignId ?? null,
        settings: JSON.stringify(settings),
        launchJobId: null,
        launchedAt: null,
        ledgerCount: 0,
        createdBy: actor.userId,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    const phases = DEFAULT_PHASES.map((p, i) => ({
      id: newId(),
      campaignId: id,
      key: p.key,
      name: p.name,
      clause: p.clause,
      categories: JSON.stringify(p.categories),
      deadline: deadlines.get(p.key) ?? defaultDeadline(p, input.year),
      sort: i,
    }));
    await trx.insertInto('campaignPhase').values(phases).execute();
    await appendAudit(trx, deps, ctx, {
      action: 'campaigns.create',
      entity: 'campaign',
      entityId: id,
      regionCode: region.code,
      after: { ...input, phases: phases.map((p) => ({ key: p.key, deadline: p.deadline })) },
    });
  });
  return presentCampaign(deps, actor, (await repo.findCampaign(deps.db, id))!);
}

/** Renames, re-dates phases or changes settings (optimistic: stale version → 409). Phase dates move open tasks' deadlines. */
export async function updateCampaign(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: {
    name?: string;
    phases?: { key: PhaseKey; deadline: string }[];
    settings?: Partial<CampaignSettings>;
    version: number;
  },
) {
  const actor = ctx.actor!;
  const c = await getVisibleCampaign(deps, actor, id);
  if (!canEditCampaign(actor, c)) throw new AppError('forbidden', '只有发起区划的区民政可以修改专项行动');
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const settings = input.settings ? campaignSettings.parse({ ...c.settings, ...input.settings }) : c.settings;
    const res = await trx
      .updateTable('campaign')
      .set((eb) => ({
        ...(input.name ? { name: input.name } : {}),
        settings: JSON.stringify(settings),
        updatedAt: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict');
    const moved: { key: string; from: string; to: string }[] = [];
    for (const p of input.phases ?? []) {
      const old = c.phases.find((x) => x.key === p.key);
      if (!old || old.deadline === p.deadline) continue;
      await trx.updateTable('campaignPhase').set({ deadline: p.deadline }).where('id', '=', old.id).execute();
      // Open tasks follow their phase's deadline (closed ones keep the date they were judged against).
      await trx
        .updateTable('cleanupTask')
        .set((eb) => ({ deadline: p.deadline, updatedAt: now, version: eb('version', '+', 1) }))
        .where('campaignId', '=', id)
        .where('phaseKey', '=', p.key)
        .where('status', '=', 'open')
        .execute();
      moved.push({ key: p.key, from: old.deadline, to: p.deadline });
    }
    await appendAudit(trx, deps, ctx, {
      action: 'campaigns.update',
      entity: 'campaign',
      entityId: id,
      regionCode: c.regionCode,
      before: { name: c.name, settings: c.settings },
      after: { name: input.name ?? c.name, settings, phases: moved },
    });
  });
  return presentCampaign(deps, actor, (await repo.findCampaign(deps.db, id))!);
}

/** Starts the launch job (one ledger per village and community in scope); the UI polls `launch` on the campaign. */
export async function launchCampaign(deps: Deps, ctx: RequestContext, id: string, version: number) {
  const actor = ctx.actor!;
  const c = await getVisibleCampaign(deps, actor, id);
  if (!canManageCampaign(actor, c)) throw new AppError('forbidden', '只有发起区划的区民政可以启动专项行动');
  if (c.status !== 'draft') throw new AppError('conflict', '专项行动已启动');
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .updateTable('campaign')
      .set((eb) => ({ status: 'launching', updatedAt: deps.clock.nowIso(), version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', version)
      .where('status', '=', 'draft')
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict');
    await appendAudit(trx, deps, ctx, {
      action: 'campaigns.launch',
      entity: 'campaign',
      entityId: id,
      regionCode: c.regionCode,
      after: { status: 'launching' },
    });
  });
  const jobId = await deps.jobs.enqueue(
    LAUNCH_JOB,
    { campaignId: id },
    { createdBy: actor.userId, regionCode: c.regionCode, dedupeKey: `${LAUNCH_JOB}:${id}` },
  );
  await deps.db.updateTable('campaign').set({ launchJobId: jobId }).where('id', '=', id).execute();
  return presentCampaign(deps, actor, (await repo.findCampaign(deps.db, id))!);
}

const LAUNCH_BATCH = 200;

/**
 * The launch job: creates the missing ledgers in batches (one transaction and one audit row per batch,
 * so a restarted job resumes where it stopped), copying last cycle's rows with statuses reset and the
 * suggestions re-judged against today's catalogs.
 */
export async function runLaunch(deps: Deps, campaignId: string, job: Pick<JobContext, 'progress' | 'createdBy'>) {
  const c = await repo.findCampaign(deps.db, campaignId);
  if (!c) throw new AppError('not_found', '专项行动不存在');
  if (c.status !== 'launching' && c.status !== 'active') throw new AppError('conflict', '专项行动不在启动状态');
  const col = LEVEL_COLUMN[c.regionLevel];
  const villages = await deps.db
    .selectFrom('region')
    .select(['code', 'name', 'level', 'provinceCode', 'cityCode', 'countyCode', 'townshipCode'])
    .where(col, '=', c.regionCode)
    .where('level', 'in', ['village', 'community'])
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
  const existing = new Set(
    (await deps.db.selectFrom('ledger').select('villageCode').where('campaignId', '=', c.id).execute()).map(
      (l) => l.villageCode,
    ),
  );
  const prevLedgers = new Map<string, string>();
  if (c.previousCampaignId) {
    for (const l of await deps.db
      .selectFrom('ledger')
      .select(['id', 'villageCode'])
      .where('campaignId', '=', c.previousCampaignId)
      .execute())
      prevLedgers.set(l.villageCode, l.id);
  }
  const todo = villages.filter((v) => !existing.has(v.code));
  const total = villages.length;
  let done = total - todo.length;
  await job.progress(done, total, `正在为 ${total} 个村（社区）建立台账`);
  const lookups = catalogLookups(deps, shanghaiDate(deps.clock.now()));
  const memo = new Map<string, Suggestion>();
  const ctx: RequestContext = { actor: null, ip: null, requestId: `job:${LAUNCH_JOB}` };
  const audit = { actorId: job.createdBy ?? undefined, actorName: `job:${LAUNCH_JOB}` };
  let copied = 0;
  for (let i = 0; i < todo.length; i += LAUNCH_BATCH) {
    const batch = todo.slice(i, i + LAUNCH_BATCH);
    const now = deps.clock.nowIso();
    const ledgers: LedgerTable[] = batch.map((v) => ({
      ...countersOf([]),
      id: newId(),
      campaignId: c.id,
      villageCode: v.code,
      villageName: v.name,
      villageKind: v.level === 'community' ? 'community' : 'village',
      provinceCode: v.provinceCode,
      cityCode: v.cityCode,
      countyCode: v.countyCode,
      townshipCode: v.townshipCode,
      status: 'draft',
      approvalStale: 0,
      returnNote: null,
      submittedAt: null,
      submittedBy: null,
      reviewedAt: null,
      reviewedBy: null,
      approvedAt: null,
      previousLedgerId: prevLedgers.get(v.code) ?? null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    }));
    const rows = await copyPreviousRows(deps, ledgers, lookups, memo, now);
    const byLedger = new Map<string, LedgerRowTable[]>();
    for (const r of rows) byLedger.set(r.ledgerId, [...(byLedger.get(r.ledgerId) ?? []), r]);
    for (const l of ledgers) Object.assign(l, countersOf(byLedger.get(l.id) ?? []));
    await deps.db.transaction().execute(async (trx) => {
      for (let k = 0; k < ledgers.length; k += 300)
        await trx
          .insertInto('ledger')
          .values(ledgers.slice(k, k + 300))
          .execute();
      await repo.insertRows(trx, rows, deps.database);
      await appendAudit(trx, deps, ctx, {
        ...audit,
        action: 'campaigns.launch_batch',
        entity: 'campaign',
        entityId: c.id,
        regionCode: c.regionCode,
        after: {
          ledgers: ledgers.length,
          rowsCopied: rows.length,
          from: batch[0].code,
          to: batch[batch.length - 1].code,
        },
      });
    });
    copied += rows.length;
    done += batch.length;
    await job.progress(done, total, `已建立 ${done} / ${total} 个台账`);
  }
  const ledgerCount = Number(
    (
      await deps.db
        .selectFrom('ledger')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaignId', '=', c.id)
        .executeTakeFirst()
    )?.n ?? 0,
  );
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.nowIso();
    await trx
      .updateTable('campaign')
      .set((eb) => ({
        status: 'active',
        ledgerCount,
        launchedAt: c.launchedAt ?? now,
        updatedAt: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', c.id)
      .execute();
    await appendAudit(trx, deps, ctx, {
      ...audit,
      action: 'campaigns.launched',
      entity: 'campaign',
      entityId: c.id,
      regionCode: c.regionCode,
      after: { ledgers: ledgerCount, rowsCopied: copied },
    });
  });
  return { ledgers: ledgerCount, rowsCopied: copied };
}

/** Last cycle's rows for new ledgers: facts copied, verdicts and workflow reset, suggestions re-judged. */
async function copyPreviousRows(
  deps: Deps,
  ledgers: LedgerTable[],
  lookups: ReturnType<typeof catalogLookups>,
  memo: Map<string, Suggestion>,
  now: string,
): Promise<LedgerRowTable[]> {
  const withPrev = ledgers.filter((l) => l.previousLedgerId);
  if (!withPrev.length) return [];
  const prevRows: repo.RowRecord[] = [];
  const ids = withPrev.map((l) => l.previousLedgerId!);
  for (let i = 0; i < ids.length; i += 300) {
    const got = await deps.db
      .selectFrom('ledgerRow')
      .selectAll()
      .where('ledgerId', 'in', ids.slice(i, i + 300))
      .orderBy('ledgerId')
      .orderBy('category')
      .orderBy('seq')
      .execute();
    prevRows.push(...got.map(repo.toRow));
  }
  const byLedger = new Map<string, repo.RowRecord[]>();
  for (const r of prevRows) byLedger.set(r.ledgerId, [...(byLedger.get(r.ledgerId) ?? []), r]);
  const guides = new Map<string, SignGuide>();
  const out: LedgerRowTable[] = [];
  for (const l of withPrev) {
    const prev = byLedger.get(l.previousLedgerId!) ?? [];
    if (!prev.length) continue;
    const lookup = await lookups.forVillage(l.villageCode);
    const ids = new Map(prev.map((p) => [p.id, newId()]));
    const signs = prev.filter((p) => p.category === 'sign');
    let signJudged = new Map<string, Suggestion>();
    if (signs.length) {
      const county = l.countyCode ?? '';
      if (!guides.has(county)) guides.set(county, await repo.signGuideOf(deps.db, l.countyCode));
      signJudged = await judgeSigns(
        signs.map((p) => ({ id: p.id, seq: p.seq, input: repo.inputOf(p) })),
        guides.get(county)!,
        l.villageKind === 'community' ? 'community' : 'village',
        lookup.versionId,
        lookup,
      );
    }
    for (const p of prev) {
      const input = repo.inputOf(p);
      let s = signJudged.get(p.id);
      if (!s) {
        const key = `${lookup.versionId}|${p.category}|${fieldsHashOf(input)}`;
        s = memo.get(key);
        if (!s) memo.set(key, (s = await judgeRow(input, lookup)));
      }
      out.push(
        repo.newRowValues({ ...l, provinceCode: l.provinceCode, townshipCode: l.townshipCode }, 'draft', {
          id: ids.get(p.id)!,
          seq: p.seq,
          input,
          suggestion: s,
          now,
          createdBy: null,
          source: 'previous',
          prevRowId: p.id,
          prevVerdict: p.verdict,
          prevFieldsHash: p.fieldsHash,
          changeKind: 'unchanged',
        }),
      );
    }
  }
  return out;
}

// ------------------------------------------------------------------ sign guide (district setting)

export async function getSignGuide(deps: Deps, actor: Actor, regionCode: string) {
  const county = regionCode.slice(0, 6).padEnd(12, '0');
  if (!canSeeCampaign(actor, { regionCode: county, regionLevel: 'county' })) notFound('区划');
  const row = await deps.db
    .selectFrom('signGuideSetting')
    .select(['version', 'updatedAt'])
    .where('regionCode', '=', county)
    .executeTakeFirst();
  const guide = await repo.signGuideOf(deps.db, county);
  return {
    regionCode: county,
    ...guide,
    configurable: true as const,
    isDefault: !row,
    defaults: DEFAULT_SIGN_GUIDE,
    version: row ? Number(row.version) : 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

/** Saves a district's sign guide (version 0 creates it). Existing suggestions are re-judged when rows change. */
export async function putSignGuide(
  deps: Deps,
  ctx: RequestContext,
  regionCode: string,
  input: SignGuide & { version: number },
) {
  const actor = ctx.actor!;
  const county = regionCode.slice(0, 6).padEnd(12, '0');
  const region = await repo.regionWithAncestors(deps.db, county);
  if (!region || region.level !== 'county') return notFound('区县');
  if (!canAt(actor, 'campaigns.manage', county))
    throw new AppError('forbidden', '只有区民政可以修改本区的标识牌指引设置');
  const { version, ...guide } = input;
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('signGuideSetting')
      .selectAll()
      .where('regionCode', '=', county)
      .executeTakeFirst();
    const values = {
      allowedBoards: JSON.stringify(guide.allowedBoards),
      insideBoards: JSON.stringify(guide.insideBoards),
      maxVillage: guide.maxVillage,
      maxCommunity: guide.maxCommunity,
      note: guide.note,
      updatedBy: actor.userId,
      updatedAt: now,
    };
    if (!before) {
      if (version !== 0) throw new AppError('conflict');
      await trx
        .insertInto('signGuideSetting')
        .values({ regionCode: county, ...values, version: 1 })
        .execute();
    } else {
      const res = await trx
        .updateTable('signGuideSetting')
        .set((eb) => ({ ...values, version: eb('version', '+', 1) }))
        .where('regionCode', '=', county)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict');
    }
    await appendAudit(trx, deps, ctx, {
      action: 'campaigns.sign_guide',
      entity: 'sign_guide_setting',
      entityId: county,
      regionCode: county,
      before: before ?? null,
      after: guide,
    });
  });
  return getSignGuide(deps, actor, county);
}

// ------------------------------------------------------------------ next cycle: what changed

/** Rows new, changed, unchanged since the previous cycle, and last cycle's rows not carried over, per category, under a node. */
export async function cycleChanges(deps: Deps, actor: Actor, campaignId: string, regionCode: string | undefined) {
  const c = await getVisibleCampaign(deps, actor, campaignId);
  const node = await scopeNode(deps, actor, c, regionCode);
  const eq = ancestorEqualities(node);
  const current = await deps.db
    .selectFrom('ledgerRow')
    .select(['category', 'changeKind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', c.id)
    .where((eb) => eb.and(eq.map(([k, v]) => eb(k, '=', v))))
    .groupBy(['category', 'changeKind'])
    .execute();
  const removed = c.previousCampaignId
    ? await deps.db
        .selectFrom('ledgerRow as p')
        .select(['p.category', (eb) => eb.fn.countAll<number>().as('n')])
        .where('p.campaignId', '=', c.previousCampaignId)
        .where((eb) => eb.and(eq.map(([k, v]) => eb(`p.${k}` as any, '=', v))))
        .where((eb) =>
          eb.not(
            eb.exists(
              eb
                .selectFrom('ledgerRow as n')
                .select('n.id')
                .whereRef('n.prevRowId', '=', 'p.id')
                .where('n.campaignId', '=', c.id),
            ),
          ),
        )
        .groupBy('p.category')
        .execute()
    : [];
  const by = Object.fromEntries(CATEGORIES.map((k) => [k, { new: 0, changed: 0, unchanged: 0, removed: 0 }])) as Record<
    Category,
    { new: number; changed: number; unchanged: number; removed: number }
  >;
  for (const r of current) {
    const kind = (r.changeKind ?? 'new') as 'new' | 'changed' | 'unchanged';
    by[r.category as Category][kind] += Number(r.n);
  }
  for (const r of removed) by[r.category as Category].removed += Number(r.n);
  return {
    campaignId: c.id,
    previousCampaignId: c.previousCampaignId,
    region: { code: node.code, name: node.name, level: node.level },
    byCategory: by,
  };
}

// ------------------------------------------------------------------ region scope helpers shared by roll-ups and exports

export type ScopeNode = NonNullable<Awaited<ReturnType<typeof repo.regionWithAncestors>>>;

/**
 * The node a roll-up or export is about: the requested region (which must lie inside the campaign and
 * inside the actor's reach), or by default the actor's own node clipped to the campaign.
 */
export async function scopeNode(
  deps: Deps,
  actor: Actor,
  c: repo.CampaignRecord,
  regionCode: string | undefined,
): Promise<ScopeNode> {
  const candidates = regionCode
    ? [regionCode]
    : [...actor.grants.filter((g) => g.role !== 'department_officer').map((g) => g.regionCode), c.regionCode];
  for (const code of candidates) {
    const node = await repo.regionWithAncestors(deps.db, code);
    if (!node) continue;
    const inCampaign = node.code.startsWith(
      c.regionCode.slice(0, { province: 2, city: 4, county: 6 }[c.regionLevel as 'province' | 'city' | 'county'] ?? 12),
    );
    if (inCampaign && canAt(actor, 'ledgers.read', node.code)) return node;
  }
  return notFound('区划');
}

/** Column = value pairs that pin a node: its own ancestors and itself, so every level is a prefix of the roll-up index. */
export function ancestorEqualities(
  node: ScopeNode,
): ['provinceCode' | 'cityCode' | 'countyCode' | 'townshipCode' | 'villageCode', string][] {
  const out: ['provinceCode' | 'cityCode' | 'countyCode' | 'townshipCode' | 'villageCode', string][] = [];
  const depth = { province: 1, city: 2, county: 3, township: 4, village: 5, community: 5 }[node.level];
  const cols = ['provinceCode', 'cityCode', 'countyCode', 'townshipCode', 'villageCode'] as const;
  for (let i = 0; i < depth; i++) {
    const v = node[cols[i]];
    if (v) out.push([cols[i], v]);
  }
  return out;
}

export type DbOrTrx = Kysely<DB>;
