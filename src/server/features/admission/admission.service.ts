/**
 * Use cases of the admission gate (准入, S-7): file → pre-check → review chain → effect, expiry and
 * withdrawal; village flags of tasks that arrived without admission; the public decision list.
 * Every write runs in one transaction with its audit row; every transition is a conditional update on
 * the request's version, so of two concurrent decisions exactly one wins (the other gets 409).
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import { grantsWith, regionCovers, type Actor, type RequestContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { shanghaiDate } from '../../core/clock.js';
import { sm3 } from '../../core/crypto.js';
import { AppError, ensure, notFound } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { RegionLevel } from '../../../shared/roles.js';
import * as regions from '../regions/regions.service.js';
import { ancestorsOf, levelOf, normalizeCode } from '../regions/regions.model.js';
import * as repo from './admission.repo.js';
import type { AdmissionRequest, Step, TargetRow } from './admission.repo.js';
import {
  canDecide,
  canEdit,
  canFile,
  canSubmit,
  canWithdraw,
  isFilingDepartment,
  readableRequests,
  selfAndAncestors,
  stepGrant,
} from './admission.policy.js';
import { OUTCOME_SEVERITY, precheck, type PrecheckResult } from './admission.precheck.js';
import { addWorkingDays, NATIONAL_2026, type WorkCalendar } from './admission.calendar.js';
import {
  chainConfig,
  requestContent,
  REQUEST_KIND_LABELS,
  STATUS_LABELS,
  STEP_LABELS,
  type ChainConfig,
  type RequestContent,
  type RequestStatus,
  type StepName,
} from './admission.schemas.js';
import { catalogView, proposeCatalogAdjustment } from './catalog.gateway.js';

const today = (deps: Deps) => shanghaiDate(deps.clock.now());
const hashContent = (c: RequestContent) => sm3(JSON.stringify(c));
const conflict = (message = '该申请已被他人处理或修改，请刷新后重试') => new AppError('conflict', message);
const county12 = (code: string) => code.slice(0, 6).padEnd(12, '0');

// ---------------------------------------------------------------------------------------------------
// Settings: the review chain and the working-day calendar of a district
// ---------------------------------------------------------------------------------------------------

export const DEFAULT_CHAIN: ChainConfig = chainConfig.parse({});
export const DEFAULT_CALENDAR: WorkCalendar = NATIONAL_2026;

export async function settingsFor(db: Kysely<DB>, countyCode: string) {
  const row = await repo.settingsOf(db, countyCode);
  if (!row)
    return {
      countyCode,
      chain: DEFAULT_CHAIN,
      calendar: DEFAULT_CALENDAR,
      version: 0,
      updatedAt: null as string | null,
      isDefault: true,
    };
  return {
    countyCode,
    chain: chainConfig.parse(JSON.parse(row.chainJson)),
    calendar: JSON.parse(row.calendarJson) as WorkCalendar,
    version: Number(row.version),
    updatedAt: row.updatedAt,
    isDefault: false,
  };
}

/** The district whose settings apply to the actor (their first county-level or lower grant's county). */
function actorCounty(actor: Actor): string {
  const g = actor.grants.find((x) => ['county', 'township', 'village', 'community'].includes(x.level));
  if (!g) throw new AppError('forbidden', '准入设置按区县配置，当前账号不属于任何区县');
  return county12(g.regionCode);
}

export async function getSettings(deps: Deps, actor: Actor) {
  return settingsFor(deps.db, actorCounty(actor));
}

export async function updateSettings(
  deps: Deps,
  ctx: RequestContext,
  input: { version: number; chain: ChainConfig; calendar: WorkCalendar },
) {
  const actor = ctx.actor!;
  const grant = grantsWith(actor, 'admission.configure').find((g) => g.level === 'county');
  ensure(grant, '只有区民政局可以配置准入审核流程');
  const countyCode = grant.regionCode;
  for (const step of ['district', 'government'] as const) {
    const uid = input.chain[step].assigneeUserId;
    if (
      uid &&
      !(await repo.userWithGrant(deps.db, uid, step === 'district' ? 'district_lead' : 'district_approver', countyCode))
    ) {
      throw new AppError('validation_failed', `指定的${STEP_LABELS[step]}审核人不存在或不具备该角色`);
    }
  }
  if (input.chain.township.assigneeUserId)
    throw new AppError('validation_failed', '乡镇审核按乡镇分别进行，不能在区级指定一名审核人');
  const now = deps.clock.nowIso();
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.settingsOf(trx, countyCode);
    if (!before) {
      if (input.version !== 0) throw conflict('设置已被他人修改，请刷新后重试');
      await trx
        .insertInto('admissionSetting')
        .values({
          countyCode,
          chainJson: JSON.stringify(input.chain),
          calendarJson: JSON.stringify(input.calendar),
          updatedAt: now,
          updatedBy: actor.userId,
          version: 1,
        })
        .execute();
    } else {
      const res = await trx
        .updateTable('admissionSetting')
        .set({
          chainJson: JSON.stringify(input.chain),
          calendarJson: JSON.stringify(input.calendar),
          updatedAt: now,
          updatedBy: actor.userId,
          version: input.version + 1,
        })
        .where('countyCode', '=', countyCode)
        .where('version', '=', input.version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw conflict('设置已被他人修改，请刷新后重试');
    }
    await appendAudit(trx, deps, ctx, {
      action: 'admission.settings',
      entity: 'admission_setting',
      entityId: countyCode,
      regionCode: countyCode,
      before: before ? { chain: JSON.parse(before.chainJson), calendar: JSON.parse(before.calendarJson) } : null,
      after: { chain: input.chain, calendar: input.calendar },
    });
    return settingsFor(trx, countyCode);
  });
}

// ---------------------------------------------------------------------------------------------------
// Filing and editing
// ---------------------------------------------------------------------------------------------------

async function departmentOf(deps: Deps, actor: Actor) {
  if (!actor.departmentId) throw new AppError('forbidden', '当前账号未关联部门，不能提交准入申请');
  const d = await repo.departmentById(deps.db, actor.departmentId);
  if (!d) throw new AppError('forbidden', '当前账号关联的部门不存在');
  return d;
}

/** Resolves and checks the targets: each must exist and lie in the filing region. */
async function resolveTargets(deps: Deps, actor: Actor, filingRegion: string, codes: string[]): Promise<TargetRow[]> {
  const grant = grantsWith(actor, 'admission.file').find((g) => g.regionCode === filingRegion)!;
  const out: TargetRow[] = [];
  for (const code of new Set(codes)) {
    if (!regionCovers(grant, code)) throw new AppError('validation_failed', `适用地区 ${code} 不在本部门管辖范围内`);
    const region = await regions.get(deps, actor, code).catch(() => null);
    if (!region) throw new AppError('validation_failed', `适用地区 ${code} 不存在`);
    if (!['county', 'township', 'village', 'community'].includes(region.level))
      throw new AppError('validation_failed', `适用地区 ${region.name} 应为区县、乡镇（街道）或村（社区）`);
    out.push({
      regionCode: region.code,
      regionName: region.name,
      level: region.level,
      provinceCode: region.provinceCode,
      cityCode: region.cityCode,
      countyCode: region.countyCode,
      townshipCode: region.townshipCode,
      villageCode: region.villageCode,
    });
  }
  return out;
}

function filingGrant(actor: Actor) {
  const g = grantsWith(actor, 'admission.file')[0];
  if (!g) throw new AppError('forbidden');
  return g;
}

/** Saves a new draft. The filing region is the officer's own node (the department's district). */
export async function createRequest(deps: Deps, ctx: RequestContext, content: RequestContent) {
  const actor = ctx.actor!;
  ensure(canFile(actor), '只有部门经办人员可以提交准入申请');
  const dept = await departmentOf(deps, actor);
  const grant = filingGrant(actor);
  const targets = await resolveTargets(deps, actor, grant.regionCode, content.targets);
  const now = deps.clock.nowIso();
  const year = Number(today(deps).slice(0, 4));
  const scope = grant.regionCode.slice(0, 6);
  await repo.ensureCounter(deps.db, scope, year);
  const id = newId();
  await deps.db.transaction().execute(async (trx) => {
    const seq = await repo.nextSeq(trx, scope, year);
    const number = `${scope}-ZR-${year}-${String(seq).padStart(4, '0')}`;
    await trx
      .insertInto('admissionRequest')
      .values({
        id,
        number,
        kind: content.kind,
        title: content.title,
        departmentId: dept.id,
        departmentName: dept.name,
        filedBy: actor.userId,
        filedByName: actor.displayName,
        regionCode: grant.regionCode,
        ...ancestorsOf(grant.regionCode, grant.level),
        contentJson: JSON.stringify(content),
        contentHash: hashContent(content),
        revision: 1,
        startsOn: content.startsOn,
        endsOn: content.endsOn,
        status: 'draft',
        precheckJson: null,
        precheckOutcome: null,
        catalogVersionId: null,
        needsGovernment: 0,
        currentStep: null,
        decision: null,
        decisionReason: null,
        conditions: null,
        decidedAt: null,
        decidedOn: null,
        decidedBy: null,
        decidedByName: null,
        decidedByBody: null,
        approvedRevision: null,
        approvedHash: null,
        effectiveFrom: null,
        expiresOn: null,
        withdrawnAt: null,
        withdrawnByName: null,
        withdrawReason: null,
        adjustmentId: null,
        adjustmentNote: null,
        submittedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    await repo.replaceTargets(trx, id, targets);
    await repo.addEvent(trx, {
      requestId: id,
      at: now,
      actor,
      action: 'create',
      fromStatus: null,
      toStatus: 'draft',
      revision: 1,
    });
    await appendAudit(trx, deps, ctx, {
      action: 'admission.create',
      entity: 'admission_request',
      entityId: id,
      regionCode: grant.regionCode,
      after: { number, content },
    });
  });
  return getRequest(deps, actor, id);
}

async function loadReadable(deps: Deps, actor: Actor, id: string, db: Kysely<DB> = deps.db) {
  return (await repo.findReadable(db, actor, id)) ?? notFound('准入申请');
}

const checkVersion = (r: AdmissionRequest, version: number) => {
  if (r.version !== version) throw conflict();
};

/** Edits a draft or a returned request (a submitted request is frozen: 409). */
export async function updateRequest(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { version: number; content: RequestContent },
) {
  const actor = ctx.actor!;
  const r = await loadReadable(deps, actor, id);
  if (!isFilingDepartment(actor, r)) throw new AppError('forbidden', '只有提交申请的部门可以修改');
  if (!canEdit(actor, r)) throw conflict('已提交的申请不能修改（审核中或已决定）；退回后方可修改');
  checkVersion(r, input.version);
  const targets = await resolveTargets(deps, actor, r.regionCode, input.content.targets);
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateIfVersion(
      trx,
      id,
      input.version,
      {
        kind: input.content.kind,
        title: input.content.title,
        contentJson: JSON.stringify(input.content),
        contentHash: hashContent(input.content),
        startsOn: input.content.startsOn,
        endsOn: input.content.endsOn,
        updatedAt: now,
      },
      ['draft', 'returned'],
    );
    if (!ok) throw conflict();
    await repo.replaceTargets(trx, id, targets);
    await repo.addEvent(trx, {
      requestId: id,
      at: now,
      actor,
      action: 'edit',
      fromStatus: r.status,
      toStatus: r.status,
      revision: r.revision,
    });
    await appendAudit(trx, deps, ctx, {
      action: 'admission.update',
      entity: 'admission_request',
      entityId: id,
      regionCode: r.regionCode,
      before: r.content,
      after: input.content,
    });
  });
  return getRequest(deps, actor, id);
}

// ---------------------------------------------------------------------------------------------------
// Pre-check
// ---------------------------------------------------------------------------------------------------

/** The regions whose effective catalogs a request is judged against: each target's township (or the county). */
function judgeRegions(targets: { regionCode: string; level: string }[]): string[] {
  const out = new Set<string>();
  for (const t of targets) {
    const a = ancestorsOf(t.regionCode, t.level as RegionLevel);
    out.add(a.townshipCode ?? a.countyCode ?? t.regionCode);
  }
  return [...out].sort();
}

/**
 * Runs the pre-check against the effective catalogs of every township the request reaches, on the
 * given date, and keeps the strictest result (with the list of versions judged against).
 */
export async function runPrecheck(
  deps: Deps,
  content: RequestContent,
  targets: { regionCode: string; level: string }[],
  date: string,
): Promise<PrecheckResult & { judged: { regionCode: string; catalogVersionId: string; outcome: string }[] }> {
  const judged: { regionCode: string; catalogVersionId: string; outcome: string }[] = [];
  let worst: PrecheckResult | null = null;
  for (const code of judgeRegions(targets)) {
    const result = precheck(content, await catalogView(deps, code, date));
    judged.push({ regionCode: code, catalogVersionId: result.catalogVersionId, outcome: result.outcome });
    if (!worst || OUTCOME_SEVERITY[result.outcome] > OUTCOME_SEVERITY[worst.outcome]) worst = result;
  }
  return { ...worst!, judged };
}

/** A dry run for the filing form: what the pre-check would say now (nothing is stored). */
export async function previewPrecheck(deps: Deps, actor: Actor, content: RequestContent) {
  ensure(canFile(actor), '只有部门经办人员可以预审');
  const targets = await resolveTargets(deps, actor, filingGrant(actor).regionCode, content.targets);
  return runPrecheck(deps, content, targets, today(deps));
}

// ---------------------------------------------------------------------------------------------------
// Submit and the review chain
// ---------------------------------------------------------------------------------------------------

interface PlannedStep {
  step: StepName;
  regionCode: string;
  body: string;
  workingDays: number;
  assigneeId: string | null;
  assigneeName: string | null;
}

/** The chain for a request: township (township-scoped requests) → district civil affairs → district government (S-7.3). */
async function planChain(
  deps: Deps,
  actor: Actor,
  r: AdmissionRequest,
  targets: { regionCode: string; regionName: string; level: string }[],
  needsGovernment: boolean,
  chain: ChainConfig,
): Promise<PlannedStep[]> {
  const county = county12(r.regionCode);
  const steps: PlannedStep[] = [];
  const townships = new Set(targets.map((t) => ancestorsOf(t.regionCode, t.level as RegionLevel).townshipCode));
  const [only] = [...townships];
  if (chain.townshipReview && townships.size === 1 && only) {
    const name = (await regions.get(deps, actor, only).catch(() => null))?.name ?? only;
    steps.push({
      step: 'township',
      regionCode: only,
      body: name,
      workingDays: chain.township.workingDays,
      assigneeId: null,
      assigneeName: null,
    });
  }
  const named = async (uid: string | null) => (uid ? await repo.userName(deps.db, uid) : null);
  steps.push({
    step: 'district',
    regionCode: county,
    body: '区民政局',
    workingDays: chain.district.workingDays,
    assigneeId: chain.district.assigneeUserId,
    assigneeName: await named(chain.district.assigneeUserId),
  });
  if (needsGovernment || chain.governmentFor === 'all') {
    steps.push({
      step: 'government',
      regionCode: county,
      body: '区人民政府',
      workingDays: chain.government.workingDays,
      assigneeId: chain.government.assigneeUserId,
      assigneeName: await named(chain.government.assigneeUserId),
    });
  }
  return steps;
}

/**
 * Submits (freezes) the current revision and runs the pre-check: refused → final and published;
 * returned → back to the department with the findings; otherwise the review chain opens.
 */
export async function submitRequest(deps: Deps, ctx: RequestContext, id: string, version: number) {
  const actor = ctx.actor!;
  const r = await loadReadable(deps, actor, id);
  if (!isFilingDepartment(actor, r)) throw new AppError('forbidden', '只有提交申请的部门可以提交');
  if (!canSubmit(actor, r)) throw conflict('该申请已提交，不能重复提交');
  checkVersion(r, version);
  const content = requestContent.parse(r.content);
  const targets = (await repo.targetsOf(deps.db, [id])).get(id) ?? [];
  const day = today(deps);
  const result = await runPrecheck(deps, content, targets, day);
  const { chain, calendar } = await settingsFor(deps.db, county12(r.regionCode));
  const plan =
    // unverified (目录未完整): reviewed like an admissible request; the district verifies it against the official tables.
    result.outcome === 'admissible' || result.outcome === 'needs_government' || result.outcome === 'unverified'
      ? await planChain(deps, actor, r, targets, result.outcome === 'needs_government', chain)
      : [];
  const now = deps.clock.nowIso();
  const hash = hashContent(content);

  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('admissionRevision')
      .values({
        id: newId(),
        requestId: id,
        revision: r.revision,
        contentJson: JSON.stringify(content),
        contentHash: hash,
        submittedAt: now,
        submittedBy: actor.userId,
        submittedByName: actor.displayName,
      })
      .execute();
    let to: RequestStatus;
    const common = {
      precheckJson: JSON.stringify(result),
      precheckOutcome: result.outcome,
      catalogVersionId: result.catalogVersionId,
      needsGovernment: result.needsGovernment ? 1 : 0,
      submittedAt: now,
      updatedAt: now,
      contentHash: hash,
    };
    let set: Parameters<typeof repo.updateIfVersion>[3];
    if (result.outcome === 'refused') {
      to = 'refused';
      set = {
        ...common,
        status: to,
        decision: 'refused',
        decisionReason: result.findings
          .filter((f) => f.outcome === 'refused')
          .map((f) => `${f.message}（${f.clause.id}）`)
          .join('；'),
        decidedAt: now,
        decidedOn: day,
        decidedBy: null,
        decidedByName: '系统预审',
        decidedByBody: '准入预审',
        currentStep: null,
      };
    } else if (result.outcome === 'returned') {
      to = 'returned';
      set = { ...common, status: to, revision: r.revision + 1, currentStep: null };
    } else {
      to = 'in_review';
      set = { ...common, status: to, currentStep: plan[0].step };
    }
    if (!(await repo.updateIfVersion(trx, id, version, set, ['draft', 'returned']))) throw conflict();
    const stepIds = plan.map(() => newId());
    for (const [i, s] of plan.entries()) {
      await trx
        .insertInto('admissionStep')
        .values({
          id: stepIds[i],
          requestId: id,
          revision: r.revision,
          seq: i + 1,
          step: s.step,
          regionCode: s.regionCode,
          body: s.body,
          status: i === 0 ? 'open' : 'pending',
          assigneeId: s.assigneeId,
          assigneeName: s.assigneeName,
          workingDays: s.workingDays,
          openedAt: i === 0 ? now : null,
          openedOn: i === 0 ? day : null,
          dueOn: i === 0 ? addWorkingDays(day, s.workingDays, calendar) : null,
          decidedAt: null,
          decidedBy: null,
          decidedByName: null,
          action: null,
          comment: null,
          conditions: null,
          reason: null,
        })
        .execute();
    }
    const ref = { id, number: r.number, title: content.title, departmentId: r.departmentId, regionCode: r.regionCode };
    if (plan.length) {
      await deps.events.record(trx, 'admission.step_opened', now, {
        request: ref,
        step: {
          id: stepIds[0],
          step: plan[0].step,
          regionCode: plan[0].regionCode,
          assigneeId: plan[0].assigneeId,
          dueOn: addWorkingDays(day, plan[0].workingDays, calendar),
        },
      });
    } else {
      await deps.events.record(trx, 'admission.decided', now, {
        request: ref,
        revision: r.revision,
        outcome: to === 'refused' ? 'precheck_refused' : 'precheck_returned',
        body: '准入预审',
        step: null,
        note: result.findings
          .filter((f) => f.outcome !== 'admissible')
          .map((f) => f.message)
          .join('；'),
      });
    }
    await repo.addEvent(trx, {
      requestId: id,
      at: now,
      actor,
      action: 'submit',
      fromStatus: r.status,
      toStatus: 'in_review',
      revision: r.revision,
      note: `内容摘要 SM3 ${hash.slice(0, 16)}`,
    });
    await repo.addEvent(trx, {
      requestId: id,
      at: now,
      actor: null,
      action: 'precheck',
      fromStatus: 'in_review',
      toStatus: to,
      revision: r.revision,
      note: result.findings.map((f) => `[${f.clause.id}] ${f.message}`).join('\n'),
    });
    await appendAudit(trx, deps, ctx, {
      action: 'admission.submit',
      entity: 'admission_request',
      entityId: id,
      regionCode: r.regionCode,
      before: { status: r.status, revision: r.revision },
      after: {
        status: to,
        revision: r.revision,
        contentHash: hash,
        precheck: { outcome: result.outcome, judged: result.judged },
        steps: plan.map((s) => s.step),
      },
    });
  });
  return getRequest(deps, actor, id);
}

/**
 * A reviewer's decision on the open step, bound to the exact revision read and the record version.
 * approve → next step or final admission (with conditions); return → back to the department (new
 * revision); reject → final refusal. Reasons are required for return and reject.
 */
export async function decide(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: {
    version: number;
    revision: number;
    action: 'approve' | 'return' | 'reject';
    comment: string;
    conditions: string;
    reason: string;
  },
) {
  const actor = ctx.actor!;
  const r = await loadReadable(deps, actor, id);
  const open = (await repo.openStepsOf(deps.db, [id])).get(id) ?? null;
  // A stale version answers 409 before anything else, so the loser of a race always learns it lost.
  checkVersion(r, input.version);
  if (r.status !== 'in_review' || !open) throw conflict('该申请当前不在审核中');
  if (!stepGrant(actor, open)) throw new AppError('forbidden', `当前环节为“${STEP_LABELS[open.step]}”，您无权办理`);
  if (!canDecide(actor, r, open)) throw new AppError('forbidden', `当前环节已指定审核人：${open.assigneeName ?? ''}`);
  if (input.revision !== r.revision) throw conflict('申请内容已更新，请阅读最新版本后再作决定');
  if (input.action !== 'approve' && !input.reason)
    throw new AppError('validation_failed', input.action === 'reject' ? '不予准入须写明理由' : '退回修改须写明理由', {
      issues: [{ field: 'reason', message: '必填' }],
    });

  const steps = (await repo.stepsOf(deps.db, id)).filter((s) => s.revision === r.revision);
  const next = steps.find((s) => s.seq === open.seq + 1) ?? null;
  const now = deps.clock.nowIso();
  const day = today(deps);
  const { calendar } = await settingsFor(deps.db, county12(r.regionCode));
  const final = input.action !== 'approve' || next === null;

  return deps.db
    .transaction()
    .execute(async (trx) => {
      let to: RequestStatus = 'in_review';
      let set: Parameters<typeof repo.updateIfVersion>[3] = { updatedAt: now };
      if (input.action === 'approve' && next) {
        set = { ...set, currentStep: next.step };
      } else if (input.action === 'approve') {
        to = 'approved';
        const conditions =
          [...steps.filter((s) => s.conditions).map((s) => s.conditions as string), input.conditions]
            .filter(Boolean)
            .join('；') || null;
        set = {
          ...set,
          status: to,
          currentStep: null,
          decision: 'approved',
          conditions,
          decidedAt: now,
          decidedOn: day,
          decidedBy: actor.userId,
          decidedByName: actor.displayName,
          decidedByBody: open.body,
          approvedRevision: r.revision,
          approvedHash: r.contentHash,
          effectiveFrom: r.content.startsOn > day ? r.content.startsOn : day,
          expiresOn: r.content.endsOn,
        };
      } else if (input.action === 'return') {
        to = 'returned';
        set = { ...set, status: to, currentStep: null, revision: r.revision + 1 };
      } else {
        to = 'rejected';
        set = {
          ...set,
          status: to,
          currentStep: null,
          decision: 'rejected',
          decisionReason: input.reason,
          decidedAt: now,
          decidedOn: day,
          decidedBy: actor.userId,
          decidedByName: actor.displayName,
          decidedByBody: open.body,
        };
      }
      // The race gate: only one decision per version wins.
      if (!(await repo.updateIfVersion(trx, id, input.version, set, 'in_review'))) throw conflict();
      const stepStatus = input.action === 'approve' ? 'approved' : input.action === 'return' ? 'returned' : 'rejected';
      const stepRes = await trx
        .updateTable('admissionStep')
        .set({
          status: stepStatus,
          decidedAt: now,
          decidedBy: actor.userId,
          decidedByName: actor.displayName,
          action: input.action,
          comment: input.comment || null,
          conditions: input.conditions || null,
          reason: input.reason || null,
        })
        .where('id', '=', open.id)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(stepRes.numUpdatedRows) !== 1) throw conflict();
      const ref = { id, number: r.number, title: r.title, departmentId: r.departmentId, regionCode: r.regionCode };
      if (input.action === 'approve' && next) {
        const dueOn = addWorkingDays(day, next.workingDays, calendar);
        await trx
          .updateTable('admissionStep')
          .set({ status: 'open', openedAt: now, openedOn: day, dueOn })
          .where('id', '=', next.id)
          .execute();
        await deps.events.record(trx, 'admission.step_opened', now, {
          request: ref,
          step: {
            id: next.id,
            step: next.step,
            regionCode: next.regionCode,
            assigneeId: next.assigneeId,
            dueOn,
          },
        });
      } else if (final) {
        await trx
          .updateTable('admissionStep')
          .set({ status: 'cancelled' })
          .where('requestId', '=', id)
          .where('revision', '=', r.revision)
          .where('status', '=', 'pending')
          .execute();
        await deps.events.record(trx, 'admission.decided', now, {
          request: ref,
          revision: r.revision,
          outcome: to === 'approved' ? 'approved' : to === 'returned' ? 'returned' : 'rejected',
          body: open.body,
          step: open.step,
          note: input.reason || input.conditions || input.comment || '',
        });
      }
      await repo.addEvent(trx, {
        requestId: id,
        at: now,
        actor,
        action: input.action,
        fromStatus: 'in_review',
        toStatus: to,
        revision: r.revision,
        step: open.step,
        note:
          [input.comment, input.conditions && `附条件：${input.conditions}`, input.reason && `理由：${input.reason}`]
            .filter(Boolean)
            .join('\n') || null,
      });
      await appendAudit(trx, deps, ctx, {
        action: `admission.${input.action}`,
        entity: 'admission_request',
        entityId: id,
        regionCode: r.regionCode,
        before: { status: r.status, step: open.step, version: r.version },
        after: {
          status: to,
          step: open.step,
          revision: r.revision,
          contentHash: r.contentHash,
          conditions: input.conditions || null,
          reason: input.reason || null,
        },
      });
      return to;
    })
    .then(async (to) => {
      // The catalog change is proposed through the catalog service's own workflow, after the approval
      // committed; when the decider cannot propose catalog changes, the district lead does it later.
      if (to === 'approved' && r.content.catalogChange) await produceAdjustment(deps, ctx, id, { automatic: true });
      return getRequest(deps, actor, id);
    });
}

/**
 * Proposes the catalog adjustment an admitted request asks for (through the catalog service; the
 * proposer must hold catalogs.manage at the district) and links it to the request. Automatic after
 * the final approval; otherwise the district lead triggers it (POST …/catalog-adjustment).
 */
export async function produceAdjustment(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  opts: { automatic?: boolean } = {},
) {
  const actor = ctx.actor!;
  const r = await loadReadable(deps, actor, id);
  const c = r.content.catalogChange;
  if (r.status !== 'approved' || !c) throw conflict('只有已准入且涉及目录调整的申请可以提出目录调整');
  if (r.adjustmentId) throw conflict('该申请已提出目录调整');
  const result = await proposeCatalogAdjustment(deps, ctx, {
    action: c.action,
    kind: c.kind,
    itemCode: c.itemCode,
    name: c.name ?? (c.action === 'add' ? r.content.title : null),
    reason: c.reason,
    basis:
      r.content.basis.map((b) => `${b.document}${b.article ? ` ${b.article}` : ''}`).join('；') ||
      `准入决定 ${r.number}`,
    effectiveDate: r.effectiveFrom ?? today(deps),
    targetRegionCode: county12(r.regionCode),
    requestNumber: r.number,
  });
  if (!opts.automatic && result.refusal === 'forbidden') throw new AppError('forbidden', result.note);
  const note =
    result.adjustmentId || !opts.automatic || result.refusal !== 'forbidden'
      ? result.note
      : '待区民政局依据本准入决定提出目录调整';
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('admissionRequest')
      .set({ adjustmentId: result.adjustmentId, adjustmentNote: note, updatedAt: now })
      .where('id', '=', id)
      .where('adjustmentId', 'is', null)
      .execute();
    await repo.addEvent(trx, {
      requestId: id,
      at: now,
      actor,
      action: 'catalog_adjustment',
      fromStatus: r.status,
      toStatus: r.status,
      revision: r.revision,
      note,
    });
    await appendAudit(trx, deps, ctx, {
      action: 'admission.catalog_adjustment',
      entity: 'admission_request',
      entityId: id,
      regionCode: r.regionCode,
      after: { adjustmentId: result.adjustmentId, note, change: c },
    });
  });
  return getRequest(deps, actor, id);
}

/** Withdraws a request (撤回 before a decision, 撤销 an admitted task), with a reason. */
export async function withdraw(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { version: number; reason: string },
) {
  const actor = ctx.actor!;
  const r = await loadReadable(deps, actor, id);
  if (!canWithdraw(actor, r)) {
    if (isFilingDepartment(actor, r) || r.status === 'approved')
      throw new AppError(
        ['refused', 'rejected', 'expired', 'withdrawn'].includes(r.status) ? 'conflict' : 'forbidden',
        '该申请当前不能撤销',
      );
    throw new AppError('forbidden', '只有提交申请的部门或区民政局可以撤销');
  }
  checkVersion(r, input.version);
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateIfVersion(
      trx,
      id,
      input.version,
      {
        status: 'withdrawn',
        currentStep: null,
        withdrawnAt: now,
        withdrawnByName: actor.displayName,
        withdrawReason: input.reason,
        updatedAt: now,
      },
      ['draft', 'returned', 'in_review', 'approved'],
    );
    if (!ok) throw conflict();
    await trx
      .updateTable('admissionStep')
      .set({ status: 'cancelled' })
      .where('requestId', '=', id)
      .where('status', 'in', ['open', 'pending'])
      .execute();
    await repo.addEvent(trx, {
      requestId: id,
      at: now,
      actor,
      action: 'withdraw',
      fromStatus: r.status,
      toStatus: 'withdrawn',
      revision: r.revision,
      note: input.reason,
    });
    await appendAudit(trx, deps, ctx, {
      action: 'admission.withdraw',
      entity: 'admission_request',
      entityId: id,
      regionCode: r.regionCode,
      before: { status: r.status },
      after: { status: 'withdrawn', reason: input.reason },
    });
  });
  return getRequest(deps, actor, id);
}

// ---------------------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------------------

export function effectState(
  r: Pick<AdmissionRequest, 'status' | 'effectiveFrom' | 'expiresOn' | 'approvedRevision'>,
  day: string,
): 'none' | 'scheduled' | 'in_effect' | 'expired' {
  if (r.approvedRevision === null || !r.effectiveFrom || !r.expiresOn) return 'none';
  if (r.status === 'expired' || (r.status === 'approved' && r.expiresOn < day)) return 'expired';
  if (r.status !== 'approved') return 'none';
  return r.effectiveFrom > day ? 'scheduled' : 'in_effect';
}

function summarize(r: AdmissionRequest, targets: { regionName: string }[], open: Step | undefined, day: string) {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    kindLabel: REQUEST_KIND_LABELS[r.kind],
    title: r.title,
    departmentId: r.departmentId,
    departmentName: r.departmentName,
    status: r.status,
    statusLabel: STATUS_LABELS[r.status],
    effectState: effectState(r, day),
    precheckOutcome: r.precheckOutcome,
    needsGovernment: r.needsGovernment,
    currentStep: r.currentStep,
    currentStepDueOn: open?.dueOn ?? null,
    startsOn: r.startsOn,
    endsOn: r.endsOn,
    effectiveFrom: r.effectiveFrom,
    expiresOn: r.expiresOn,
    decidedOn: r.decidedOn,
    submittedAt: r.submittedAt,
    revision: r.revision,
    version: r.version,
    targetCount: targets.length,
    targetNames: targets.slice(0, 5).map((t) => t.regionName),
    updatedAt: r.updatedAt,
  };
}

async function summaries(deps: Deps, items: AdmissionRequest[]) {
  const ids = items.map((r) => r.id);
  const [targets, open] = await Promise.all([repo.targetsOf(deps.db, ids), repo.openStepsOf(deps.db, ids)]);
  const day = today(deps);
  return items.map((r) => summarize(r, targets.get(r.id) ?? [], open.get(r.id), day));
}

/** The steps the actor could decide somewhere (for the "awaiting me" queue). */
function awaitingPairs(actor: Actor) {
  const pairs: { step: StepName; regionCode: string }[] = [];
  for (const g of grantsWith(actor, 'admission.review')) {
    if (g.level === 'township') pairs.push({ step: 'township', regionCode: g.regionCode });
    if (g.level === 'county') pairs.push({ step: 'district', regionCode: g.regionCode });
  }
  for (const g of grantsWith(actor, 'admission.approve'))
    if (g.level === 'county') pairs.push({ step: 'government', regionCode: g.regionCode });
  return pairs;
}

export async function listRequests(
  deps: Deps,
  actor: Actor,
  f: { status?: RequestStatus; kind?: AdmissionRequest['kind']; q?: string; queue?: 'awaiting' },
  page: number,
  pageSize: number,
) {
  const { total, items } = await repo.listReadable(
    deps.db,
    actor,
    { ...f, awaiting: f.queue === 'awaiting' ? awaitingPairs(actor) : undefined },
    page,
    pageSize,
  );
  return { total, items: await summaries(deps, items) };
}

/** What has been admitted for the actor's area and is (or will be) in effect: the village's view. */
export async function listAdmitted(deps: Deps, actor: Actor, page: number, pageSize: number) {
  const nodes = grantsWith(actor, 'admission.read').map((g) => ({ regionCode: g.regionCode, level: g.level }));
  const { total, items } = await repo.listReadable(
    deps.db,
    actor,
    { admittedFor: nodes, today: today(deps) },
    page,
    pageSize,
  );
  return {
    total,
    items: (await summaries(deps, items)).map((s, i) => ({
      ...s,
      conditions: items[i].conditions,
      decidedByBody: items[i].decidedByBody,
    })),
  };
}

export async function getRequest(deps: Deps, actor: Actor, id: string) {
  const r = await loadReadable(deps, actor, id);
  const [targetMap, steps, events, revisions] = await Promise.all([
    repo.targetsOf(deps.db, [id]),
    repo.stepsOf(deps.db, id),
    repo.eventsOf(deps.db, id),
    repo.revisionsOf(deps.db, id),
  ]);
  const targets = targetMap.get(id) ?? [];
  const open = steps.find((s) => s.status === 'open');
  const day = today(deps);
  const reviewer = awaitingPairs(actor).length > 0;
  const decideOk = canDecide(actor, r, open ?? null);
  return {
    ...summarize(r, targets, open, day),
    // Departments and reviewers see the whole request; other readers (villages) see what was admitted.
    content: isFilingDepartment(actor, r) || reviewer ? r.content : publicContent(r.content),
    contentHash: r.contentHash,
    filedByName: r.filedByName,
    precheck: r.precheck,
    catalogVersionId: r.catalogVersionId,
    decision: r.decision,
    decisionReason: r.decisionReason,
    conditions: r.conditions,
    decidedByName: r.decidedByName,
    decidedByBody: r.decidedByBody,
    approvedRevision: r.approvedRevision,
    approvedHash: r.approvedHash,
    withdrawnAt: r.withdrawnAt,
    withdrawReason: r.withdrawReason,
    withdrawnByName: r.withdrawnByName,
    adjustmentId: r.adjustmentId,
    adjustmentNote: r.adjustmentNote,
    targets,
    steps: steps.map((s) => ({
      id: s.id,
      revision: s.revision,
      seq: s.seq,
      step: s.step,
      stepLabel: STEP_LABELS[s.step],
      regionCode: s.regionCode,
      body: s.body,
      status: s.status,
      assigneeId: s.assigneeId,
      assigneeName: s.assigneeName,
      workingDays: s.workingDays,
      openedOn: s.openedOn,
      dueOn: s.dueOn,
      overdue: s.status === 'open' && s.dueOn !== null && s.dueOn < day,
      decidedAt: s.decidedAt,
      decidedByName: s.decidedByName,
      action: s.action,
      comment: s.comment,
      conditions: s.conditions,
      reason: s.reason,
    })),
    events: events.map((e) => ({
      at: e.at,
      actorName: e.actorName,
      action: e.action,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      revision: e.revision,
      step: e.step,
      note: e.note,
    })),
    revisions,
    abilities: {
      edit: canEdit(actor, r),
      submit: canSubmit(actor, r),
      decide: decideOk,
      withdraw: canWithdraw(actor, r),
      decideActions: decideOk ? (['approve', 'return', 'reject'] as const).slice() : [],
    },
  };
}

/** Field permissions for readers outside the chain: what, why, for whom and how long; not the internals. */
function publicContent(c: RequestContent) {
  return {
    kind: c.kind,
    title: c.title,
    description: c.description,
    basis: c.basis,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    forms: c.forms,
    funding: { provided: c.funding.provided },
    staffing: { provided: c.staffing.provided },
  };
}

// ---------------------------------------------------------------------------------------------------
// Public portal
// ---------------------------------------------------------------------------------------------------

/** Published decisions for a region (no login): what was admitted, refused or withdrawn, by whom and until when. */
export async function publicDecisions(deps: Deps, regionCode: string, page: number, pageSize: number) {
  const code = normalizeCode(regionCode);
  if (!code) throw new AppError('validation_failed', '区划代码格式错误，应为 6、9 或 12 位数字');
  const { total, items } = await repo.publicDecisions(
    deps.db,
    { regionCode: code, level: levelOf(code) },
    page,
    pageSize,
  );
  const targets = await repo.targetsOf(
    deps.db,
    items.map((r) => r.id),
  );
  const day = today(deps);
  return {
    total,
    items: items.map((r) => ({
      number: r.number,
      title: r.title,
      kind: r.kind,
      kindLabel: REQUEST_KIND_LABELS[r.kind],
      departmentName: r.departmentName,
      decision: (r.status === 'refused' ? 'refused' : r.status === 'rejected' ? 'rejected' : 'approved') as
        'approved' | 'rejected' | 'refused',
      status: r.status,
      statusLabel: STATUS_LABELS[r.status],
      effectState: effectState(r, day),
      decidedOn: r.decidedOn,
      decidedByBody: r.decidedByBody,
      reason: r.status === 'approved' || r.status === 'expired' || r.status === 'withdrawn' ? null : r.decisionReason,
      conditions: r.conditions,
      basis: r.content.basis.map((b) => `${b.document}${b.article ? ` ${b.article}` : ''}`),
      scope: (targets.get(r.id) ?? []).map((t) => t.regionName),
      effectiveFrom: r.effectiveFrom,
      expiresOn: r.expiresOn,
      withdrawnOn: r.withdrawnAt ? shanghaiDate(new Date(r.withdrawnAt)) : null,
      withdrawReason: r.withdrawReason,
    })),
  };
}

// ---------------------------------------------------------------------------------------------------
// Expiry and reminders (daily job)
// ---------------------------------------------------------------------------------------------------

const SYSTEM: RequestContext = { actor: null, ip: null, requestId: 'job:admission.expiry' };

/** Marks admitted tasks past their expiry as expired and raises reminders 30/7/1 days (configurable) before. */
export async function runExpiry(deps: Deps) {
  const day = today(deps);
  const due = await deps.db
    .selectFrom('admissionRequest')
    .selectAll()
    .where('status', '=', 'approved')
    .where('expiresOn', '<', day)
    .execute();
  let expired = 0;
  for (const row of due) {
    const r = repo.toRequest(row);
    const now = deps.clock.nowIso();
    await deps.db.transaction().execute(async (trx) => {
      if (!(await repo.updateIfVersion(trx, r.id, r.version, { status: 'expired', updatedAt: now }, 'approved')))
        return;
      await repo.addEvent(trx, {
        requestId: r.id,
        at: now,
        actor: null,
        action: 'expire',
        fromStatus: 'approved',
        toStatus: 'expired',
        revision: r.revision,
        note: `准入期限 ${r.expiresOn} 已届满`,
      });
      await appendAudit(trx, deps, SYSTEM, {
        action: 'admission.expire',
        entity: 'admission_request',
        entityId: r.id,
        regionCode: r.regionCode,
        actorName: 'system',
        before: { status: 'approved' },
        after: { status: 'expired' },
      });
      expired += 1;
    });
  }
  let reminders = 0;
  const active = await deps.db
    .selectFrom('admissionRequest')
    .select(['id', 'number', 'title', 'departmentId', 'regionCode', 'expiresOn'])
    .where('status', '=', 'approved')
    .where('expiresOn', '>=', day)
    .execute();
  const settings = new Map<string, ChainConfig>();
  for (const a of active) {
    const county = county12(a.regionCode);
    if (!settings.has(county)) settings.set(county, (await settingsFor(deps.db, county)).chain);
    const days = Math.round((Date.parse(`${a.expiresOn}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
    const hit = [...settings.get(county)!.reminderDays].sort((x, y) => x - y).find((d) => days <= d);
    if (hit === undefined) continue;
    const exists = await deps.db
      .selectFrom('admissionReminder')
      .select('id')
      .where('requestId', '=', a.id)
      .where('kind', '=', `expiry-${hit}`)
      .where('expiresOn', '=', a.expiresOn!)
      .executeTakeFirst();
    if (exists) continue;
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.nowIso();
      await trx
        .insertInto('admissionReminder')
        .values({ id: newId(), requestId: a.id, kind: `expiry-${hit}`, expiresOn: a.expiresOn!, createdAt: now })
        .execute();
      const ref = {
        id: a.id,
        number: a.number,
        title: a.title,
        departmentId: a.departmentId,
        regionCode: a.regionCode,
      };
      await deps.events.record(trx, 'admission.expiring', now, {
        request: ref,
        expiresOn: a.expiresOn!,
        daysLeft: days,
        reminder: hit,
      });
    });
    reminders += 1;
  }
  return { expired, reminders };
}

/** Expiry reminders on requests the actor may read (the filing department's to-do list). */
export async function listReminders(deps: Deps, actor: Actor) {
  const day = today(deps);
  const rows = await deps.db
    .selectFrom('admissionReminder')
    .innerJoin('admissionRequest', 'admissionRequest.id', 'admissionReminder.requestId')
    .where(readableRequests(actor))
    .where('admissionRequest.status', '=', 'approved')
    .select([
      'admissionReminder.id',
      'admissionReminder.kind',
      'admissionReminder.createdAt',
      'admissionRequest.id as requestId',
      'admissionRequest.number',
      'admissionRequest.title',
      'admissionRequest.expiresOn',
      'admissionRequest.departmentName',
    ])
    .orderBy('admissionRequest.expiresOn')
    .execute();
  return rows.map((r) => ({
    ...r,
    daysLeft: Math.round((Date.parse(`${r.expiresOn}T00:00:00Z`) - Date.parse(`${day}T00:00:00Z`)) / 86_400_000),
  }));
}

// ---------------------------------------------------------------------------------------------------
// Village flags of tasks that arrived without admission
// ---------------------------------------------------------------------------------------------------

export const CHANNEL_LABELS: Record<string, string> = {
  document: '文件',
  phone: '电话',
  wechat: '微信群',
  meeting: '会议',
  app: '政务应用',
  in_person: '当面',
  other: '其他',
};

/** Departments a village (or any node) can name: registered at its county or above. */
export async function namableDepartments(deps: Deps, actor: Actor) {
  const codes = new Set<string>();
  for (const g of grantsWith(actor, 'admission.read'))
    for (const c of selfAndAncestors(g.regionCode, g.level)) codes.add(c);
  return repo.departmentsAbove(deps.db, [...codes]);
}

export async function createFlag(
  deps: Deps,
  ctx: RequestContext,
  input: {
    departmentId: string | null;
    departmentName: string | null;
    taskTitle: string;
    description: string;
    channel: string;
    receivedOn: string;
    requestId: string | null;
  },
) {
  const actor = ctx.actor!;
  const grant = grantsWith(actor, 'admission.flag')[0];
  ensure(grant, '只有村级经办人员可以标记未经准入的任务');
  const region = await regions.get(deps, actor, grant.regionCode);
  let departmentName = input.departmentName?.trim() || null;
  let departmentId: string | null = null;
  if (input.departmentId) {
    const allowed = await namableDepartments(deps, actor);
    const d = allowed.find((x) => x.id === input.departmentId);
    if (!d)
      throw new AppError('validation_failed', '所选部门不存在', {
        issues: [{ field: 'departmentId', message: '所选部门不存在' }],
      });
    departmentId = d.id;
    departmentName = d.name;
  }
  if (!departmentName)
    throw new AppError('validation_failed', '请选择或填写下达任务的部门', {
      issues: [{ field: 'departmentId', message: '必填' }],
    });
  if (input.receivedOn > today(deps))
    throw new AppError('validation_failed', '收到日期不能晚于今天', {
      issues: [{ field: 'receivedOn', message: '不能晚于今天' }],
    });
  const id = newId();
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('admissionFlag')
      .values({
        id,
        regionCode: region.code,
        regionName: region.name,
        provinceCode: region.provinceCode,
        cityCode: region.cityCode,
        countyCode: region.countyCode,
        townshipCode: region.townshipCode,
        villageCode: region.villageCode,
        departmentId,
        departmentName,
        taskTitle: input.taskTitle,
        description: input.description || null,
        channel: input.channel,
        receivedOn: input.receivedOn,
        requestId: input.requestId,
        status: 'open',
        flaggedBy: actor.userId,
        flaggedByName: actor.displayName,
        createdAt: now,
        version: 1,
      })
      .execute();
    await deps.events.record(trx, 'admission.flagged', now, {
      flagId: id,
      townshipCode: region.townshipCode,
      regionName: region.name,
      departmentName,
      taskTitle: input.taskTitle,
    });
    await appendAudit(trx, deps, ctx, {
      action: 'admission.flag',
      entity: 'admission_flag',
      entityId: id,
      regionCode: region.code,
      after: {
        departmentId,
        departmentName,
        taskTitle: input.taskTitle,
        channel: input.channel,
        receivedOn: input.receivedOn,
      },
    });
  });
  const row = await deps.db.selectFrom('admissionFlag').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  return presentFlag(row);
}

export const presentFlag = (f: {
  id: string;
  regionCode: string;
  regionName: string;
  townshipCode: string | null;
  departmentId: string | null;
  departmentName: string;
  taskTitle: string;
  description: string | null;
  channel: string;
  receivedOn: string;
  requestId: string | null;
  status: string;
  flaggedByName: string;
  createdAt: string;
}) => ({
  id: f.id,
  regionCode: f.regionCode,
  regionName: f.regionName,
  townshipCode: f.townshipCode,
  departmentId: f.departmentId,
  departmentName: f.departmentName,
  taskTitle: f.taskTitle,
  description: f.description,
  channel: f.channel,
  receivedOn: f.receivedOn,
  requestId: f.requestId,
  status: f.status,
  flaggedByName: f.flaggedByName,
  createdAt: f.createdAt,
});

export async function listFlags(
  deps: Deps,
  actor: Actor,
  f: { departmentId?: string; townshipCode?: string },
  page: number,
  pageSize: number,
) {
  const { total, items } = await repo.findFlagsReadable(deps.db, actor, f, page, pageSize);
  // The accused department sees what and where, not which cadre flagged it.
  const departmentOnly = actor.grants.every((g) => g.role === 'department_officer');
  return {
    total,
    items: items.map((x) => ({
      ...presentFlag(x),
      flaggedByName: departmentOnly ? '村（社区）经办人员' : x.flaggedByName,
    })),
  };
}

export async function flagsByDepartment(deps: Deps, actor: Actor) {
  const items = await repo.countFlagsByDepartment(deps.db, actor);
  return { total: items.reduce((n, i) => n + i.count, 0), items };
}
