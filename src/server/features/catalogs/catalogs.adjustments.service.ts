/**
 * Dynamic adjustment (动态调整, S-7.1): every change to a layer is an adjustment that goes
 * draft → submitted → approved | rejected (or is cancelled by its proposer). Approval writes the
 * immutable revision (or adoption) dated max(effective date, approval day), so history is never
 * rewritten backwards. Publishing is a separate, audited step that makes it visible on the portal.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { ancestorsOf } from '../regions/regions.model.js';
import type { RegionLevel } from '../../../shared/roles.js';
import {
  type AdjustmentOperation,
  type AdjustmentStatus,
  type CatalogKind,
  type CreateAdjustmentBody,
  type ItemFieldsInput,
  type UpdateAdjustmentBody,
} from '../../../shared/catalogs.js';
import {
  EDITABLE_FIELDS,
  EMPTY_FIELDS,
  type CatalogRecord,
  type EffectiveItem,
  type ItemPatch,
} from './catalogs.model.js';
import {
  canApprove,
  canCancelAdjustment,
  canEditAdjustment,
  canProposeAt,
  canPublish,
  canReject,
  canSeeAdjustment,
  canSeeLayer,
  canSubmitAdjustment,
  isLayerLevel,
} from './catalogs.policy.js';
import * as repo from './catalogs.repo.js';
import type { AdjustmentRecord, RegionRef } from './catalogs.repo.js';
import {
  effectiveOn,
  presentAdjustmentSummaries,
  presentAdjustmentSummary,
  presentItemFields,
  regionOr404,
  today,
} from './catalogs.service.js';

const KIND_ABBR: Record<CatalogKind, string> = {
  duty: 'DUTY',
  assistance: 'ASSIST',
  certificate: 'CERT',
  negative_certificate: 'NEG',
  prohibition: 'PROH',
  mechanism: 'MECH',
  sign_guide: 'SIGN',
  micro_power: 'POWER',
  disclosure: 'DISC',
};

const laterOf = (a: string, b: string) => (a > b ? a : b);

/** Only the fields a person set (undefined dropped); null clears a field. */
function cleanPatch(fields: ItemFieldsInput | undefined): ItemPatch {
  const out: ItemPatch = {};
  if (!fields) return out;
  for (const k of EDITABLE_FIELDS) {
    const v = fields[k];
    if (v === undefined) continue;
    (out as Record<string, unknown>)[k] = typeof v === 'string' && v.trim() === '' ? null : v;
  }
  return out;
}

interface Resolved {
  catalog: CatalogRecord | null;
  current: EffectiveItem | null;
  itemName: string | null;
  changes: ItemPatch | null;
}

/**
 * Checks an adjustment against the layer's effective catalog on `date` (the day it would take effect):
 * the catalog is in force there for add/unadopt and not for adopt; the item is in force for
 * amend/withdraw; an amend changes something. Throws 400/404/409 with a Chinese message.
 */
async function resolve(
  db: Kysely<DB>,
  target: RegionRef,
  op: AdjustmentOperation,
  input: { catalogId?: string | null; itemCode?: string | null; fields?: ItemPatch | null },
  date: string,
): Promise<Resolved> {
  const [eff] = await effectiveOn(db, target.code, [date], 'internal');
  const active = new Map(eff.active.map((a) => [a.catalog.id, a]));
  const catalogOf = async (id: string | null | undefined, required: string) => {
    if (!id) throw new AppError('validation_failed', required);
    return (await repo.catalogById(db, id)) ?? notFound('目录');
  };
  const fields = input.fields ?? {};
  switch (op) {
    case 'add': {
      const catalog = await catalogOf(input.catalogId, '新增事项须指定所属目录（catalogId）');
      if (!active.has(catalog.id))
        throw new AppError('conflict', `目录“${catalog.title}”在${target.name}于 ${date} 未生效，请先采用该目录`);
      if (!fields.name) throw new AppError('validation_failed', '新增事项须填写事项名称');
      if (!fields.basis) throw new AppError('validation_failed', '新增事项须填写设定依据（法律法规或政策文件）');
      if (input.itemCode && (await repo.itemByCode(db, input.itemCode)))
        throw new AppError('conflict', `事项编码“${input.itemCode}”已存在`);
      const dup = eff.items.find((i) => i.catalogId === catalog.id && i.fields.name === fields.name);
      if (dup) throw new AppError('conflict', `目录中已有同名事项“${dup.fields.name}”（${dup.code}）`);
      return { catalog, current: null, itemName: fields.name, changes: fields };
    }
    case 'amend':
    case 'withdraw': {
      if (!input.itemCode) throw new AppError('validation_failed', '请指定要调整的事项编码（itemCode）');
      const item = (await repo.itemByCode(db, input.itemCode)) ?? notFound('事项');
      const current = eff.items.find((i) => i.itemId === item.id);
      if (!current)
        throw new AppError(
          'conflict',
          `事项“${input.itemCode}”在${target.name}于 ${date} 不在现行目录中（可能已取消、已失效或所属目录未生效）`,
        );
      const catalog = active.get(item.catalogId)!.catalog;
      if (op === 'withdraw') {
        if (Object.keys(fields).length) throw new AppError('validation_failed', '取消事项时不应填写修改内容');
        return { catalog, current, itemName: current.fields.name, changes: null };
      }
      const changed = Object.fromEntries(
        Object.entries(fields).filter(([k, v]) => (current.fields as unknown as Record<string, unknown>)[k] !== v),
      );
      if (!Object.keys(changed).length)
        throw new AppError('validation_failed', '修改内容与现行内容相同，请填写要修改的字段');
      if ('name' in changed && !changed.name) throw new AppError('validation_failed', '事项名称不能为空');
      return { catalog, current, itemName: current.fields.name, changes: changed as ItemPatch };
    }
    case 'adopt': {
      const catalog = await catalogOf(input.catalogId, '请指定要采用的目录（catalogId）');
      if (catalog.ownerRegionCode) throw new AppError('validation_failed', '本地目录在本级及下级自动生效，无需采用');
      if (active.has(catalog.id))
        throw new AppError('conflict', `目录“${catalog.title}”在${target.name}于 ${date} 已经生效`);
      return { catalog, current: null, itemName: null, changes: null };
    }
    case 'unadopt': {
      const catalog = await catalogOf(input.catalogId, '请指定要停用的目录（catalogId）');
      const a = active.get(catalog.id);
      if (!a) throw new AppError('conflict', `目录“${catalog.title}”在${target.name}于 ${date} 未生效`);
      if (a.via === 'owned') throw new AppError('validation_failed', '本地目录不能停用，请逐项取消');
      return { catalog, current: null, itemName: null, changes: null };
    }
  }
}

const conflict = () => new AppError('conflict', '该调整已被他人修改或状态已变化，请刷新后重试');

async function loadVisible(db: Kysely<DB>, actor: Actor, id: string): Promise<AdjustmentRecord> {
  const a = await repo.adjustmentById(db, id);
  if (!a || !canSeeAdjustment(actor, a)) notFound('目录调整');
  return a!;
}

const auditView = (a: AdjustmentRecord) => ({
  status: a.status,
  operation: a.operation,
  targetRegionCode: a.targetRegionCode,
  catalogId: a.catalogId,
  itemCode: a.itemCode,
  itemName: a.itemName,
  changes: a.changes,
  reasonType: a.reasonType,
  basis: a.basis,
  effectiveDate: a.effectiveDate,
  effectiveFrom: a.effectiveFrom,
  version: a.version,
});

/** Full presentation with the abilities the UI needs. */
export async function presentAdjustment(deps: Deps, actor: Actor, a: AdjustmentRecord) {
  const regions = await repo.regionsByCodes(deps.db, [a.targetRegionCode]);
  const catalog = a.catalogId ? await repo.catalogById(deps.db, a.catalogId) : null;
  const now = today(deps);
  let current = null;
  if (
    (a.status === 'draft' || a.status === 'submitted') &&
    (a.operation === 'amend' || a.operation === 'withdraw') &&
    a.itemId
  ) {
    const [eff] = await effectiveOn(deps.db, a.targetRegionCode, [laterOf(a.effectiveDate, now)], 'internal');
    const found = eff.items.find((i) => i.itemId === a.itemId);
    current = found ? presentItemFields(found.fields) : null;
  }
  return {
    ...presentAdjustmentSummary(a, regions),
    catalogTitle: catalog?.title ?? null,
    kind: catalog?.kind ?? null,
    itemId: a.itemId,
    changes: a.changes,
    current,
    reasonNote: a.reasonNote,
    proposerId: a.proposerId,
    submittedAt: a.submittedAt,
    approverId: a.approverId,
    decidedAt: a.decidedAt,
    decisionNote: a.decisionNote,
    publishedBy: a.publishedBy,
    inEffect: a.status === 'approved' && !!a.effectiveFrom && a.effectiveFrom <= now,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    version: a.version,
    abilities: {
      edit: canEditAdjustment(actor, a),
      submit: canSubmitAdjustment(actor, a),
      cancel: canCancelAdjustment(actor, a),
      approve: canApprove(actor, a, { fourEyes: deps.config.catalogFourEyes }),
      reject: canReject(actor, a, { fourEyes: deps.config.catalogFourEyes }),
      publish: canPublish(actor, a),
    },
  };
}

/** Creates a draft adjustment on a district or township layer (audited). */
export async function createAdjustment(deps: Deps, ctx: RequestContext, body: CreateAdjustmentBody) {
  const actor = ctx.actor!;
  const target = await regionOr404(deps.db, body.targetRegion);
  if (!canSeeLayer(actor, target.code)) notFound('区划');
  if (!isLayerLevel(target.level))
    throw new AppError('validation_failed', `调整层级只能是区（县）或乡镇（街道），“${target.name}”不是`);
  if (!canProposeAt(actor, target)) throw new AppError('forbidden', '只能为本人管辖的区或乡镇（街道）提出目录调整');
  const changes = cleanPatch(body.fields);
  const r = await resolve(
    deps.db,
    target,
    body.operation,
    { catalogId: body.catalogId, itemCode: body.itemCode, fields: changes },
    laterOf(body.effectiveDate, today(deps)),
  );
  const now = deps.clock.nowIso();
  const id = newId();
  const anc = ancestorsOf(target.code, target.level as RegionLevel);
  const row = {
    id,
    targetRegionCode: target.code,
    targetLevel: target.level,
    ...anc,
    operation: body.operation,
    catalogId: r.catalog?.id ?? null,
    itemId: r.current?.itemId ?? null,
    itemCode: body.itemCode ?? null,
    itemName: r.itemName,
    changesJson: r.changes ? JSON.stringify(r.changes) : null,
    reasonType: body.reasonType,
    reasonNote: body.reasonNote ?? null,
    basis: body.basis,
    effectiveDate: body.effectiveDate,
    effectiveFrom: null,
    status: 'draft',
    proposerId: actor.userId,
    proposerName: actor.displayName,
    submittedAt: null,
    approverId: null,
    approverName: null,
    decidedAt: null,
    decisionNote: null,
    publishedAt: null,
    publishedBy: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertAdjustment(trx, row);
    const created = (await repo.adjustmentById(trx, id))!;
    await appendAudit(trx, deps, ctx, {
      action: 'catalogs.adjustment.create',
      entity: 'catalog_adjustment',
      entityId: id,
      regionCode: target.code,
      after: auditView(created),
    });
  });
  return presentAdjustment(deps, actor, (await repo.adjustmentById(deps.db, id))!);
}

export async function getAdjustment(deps: Deps, actor: Actor, id: string) {
  return presentAdjustment(deps, actor, await loadVisible(deps.db, actor, id));
}

export async function listAdjustments(
  deps: Deps,
  actor: Actor,
  f: repo.AdjustmentFilter & { page: number; pageSize: number },
) {
  const { page, pageSize, ...filter } = f;
  const { total, items } = await repo.listAdjustments(deps.db, actor, filter, page, pageSize);
  return { total, items: await presentAdjustmentSummaries(deps.db, items) };
}

/** Edits a draft (proposer only; optimistic version). */
export async function updateAdjustment(deps: Deps, ctx: RequestContext, id: string, body: UpdateAdjustmentBody) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadVisible(trx, actor, id);
    if (a.status !== 'draft') throw new AppError('conflict', '只有草稿状态的调整可以修改');
    if (!canEditAdjustment(actor, a)) throw new AppError('forbidden', '只有提出人可以修改本调整');
    if (a.version !== body.version) throw conflict();
    const target = (await repo.regionByCode(trx, a.targetRegionCode))!;
    const changes = body.fields !== undefined ? cleanPatch(body.fields) : (a.changes ?? {});
    const itemCode = body.itemCode ?? a.itemCode;
    if (a.operation !== 'add' && body.itemCode && body.itemCode !== a.itemCode)
      throw new AppError('validation_failed', '不能更换调整的事项，请撤回后重新提出');
    const effectiveDate = body.effectiveDate ?? a.effectiveDate;
    const r = await resolve(
      trx,
      target,
      a.operation,
      { catalogId: a.catalogId, itemCode, fields: changes },
      laterOf(effectiveDate, today(deps)),
    );
    const patch = {
      itemCode,
      itemName: r.itemName,
      changesJson: r.changes ? JSON.stringify(r.changes) : null,
      effectiveDate,
      ...(body.reasonType ? { reasonType: body.reasonType } : {}),
      ...(body.reasonNote !== undefined ? { reasonNote: body.reasonNote } : {}),
      ...(body.basis ? { basis: body.basis } : {}),
    };
    if (!(await repo.updateAdjustment(trx, id, a.version, patch, deps.clock.nowIso()))) throw conflict();
    await appendAudit(trx, deps, ctx, {
      action: 'catalogs.adjustment.update',
      entity: 'catalog_adjustment',
      entityId: id,
      regionCode: a.targetRegionCode,
      before: auditView(a),
      after: auditView((await repo.adjustmentById(trx, id))!),
    });
  });
  return getAdjustment(deps, actor, id);
}

type Transition = 'submit' | 'cancel';
async function transition(deps: Deps, ctx: RequestContext, id: string, version: number, kind: Transition) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadVisible(trx, actor, id);
    const allowedFrom: AdjustmentStatus[] = kind === 'submit' ? ['draft'] : ['draft', 'submitted'];
    if (!allowedFrom.includes(a.status))
      throw new AppError('conflict', kind === 'submit' ? '只有草稿可以提交审批' : '只有草稿或待审批的调整可以撤回');
    if (!(kind === 'submit' ? canSubmitAdjustment(actor, a) : canCancelAdjustment(actor, a)))
      throw new AppError('forbidden', '只有提出人可以提交或撤回本调整');
    if (a.version !== version) throw conflict();
    if (kind === 'submit') {
      const target = (await repo.regionByCode(trx, a.targetRegionCode))!;
      await resolve(
        trx,
        target,
        a.operation,
        { catalogId: a.catalogId, itemCode: a.itemCode, fields: a.changes },
        laterOf(a.effectiveDate, today(deps)),
      );
    }
    const now = deps.clock.nowIso();
    const patch = kind === 'submit' ? { status: 'submitted', submittedAt: now } : { status: 'cancelled' };
    if (!(await repo.updateAdjustment(trx, id, a.version, patch, now))) throw conflict();
    await appendAudit(trx, deps, ctx, {
      action: `catalogs.adjustment.${kind}`,
      entity: 'catalog_adjustment',
      entityId: id,
      regionCode: a.targetRegionCode,
      before: { status: a.status },
      after: { status: patch.status },
    });
  });
  return getAdjustment(deps, actor, id);
}

export const submitAdjustment = (deps: Deps, ctx: RequestContext, id: string, version: number) =>
  transition(deps, ctx, id, version, 'submit');
export const cancelAdjustment = (deps: Deps, ctx: RequestContext, id: string, version: number) =>
  transition(deps, ctx, id, version, 'cancel');

/** Checks shared by approve and reject: visible, submitted, not one's own, covered by catalogs.approve. */
function checkDecision(actor: Actor, a: AdjustmentRecord, version: number, fourEyes: boolean) {
  if (a.status !== 'submitted')
    throw new AppError('conflict', `只有已提交待审批的调整可以审批（当前状态：${a.status}）`);
  if (fourEyes && a.proposerId === actor.userId)
    throw new AppError('forbidden', '不能审批本人提出的调整：提出人与审批人须为不同人员');
  if (!canApprove(actor, a, { fourEyes }))
    throw new AppError('forbidden', '只有区民政局负责人可以审批本区及所辖乡镇（街道）的目录调整');
  if (a.version !== version) throw conflict();
}

async function nextCode(db: Kysely<DB>, target: RegionRef, kind: CatalogKind): Promise<string> {
  const short = target.code.slice(0, target.level === 'county' ? 6 : 9);
  const prefix = `${short}-${KIND_ABBR[kind]}-`;
  const taken = await repo.codesWithPrefix(db, prefix);
  let n = taken.size + 1;
  while (taken.has(`${prefix}${String(n).padStart(2, '0')}`)) n += 1;
  return `${prefix}${String(n).padStart(2, '0')}`;
}

/**
 * Approves a submitted adjustment: writes the revision (or adoption) dated max(effective date, today)
 * and records the approver. The change is in force internally from that date; on the portal once published.
 */
export async function approveAdjustment(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { version: number; note?: string | null },
) {
  const actor = ctx.actor!;
  try {
    await deps.db.transaction().execute(async (trx) => {
      const a = await loadVisible(trx, actor, id);
      checkDecision(actor, a, input.version, deps.config.catalogFourEyes);
      const target = (await repo.regionByCode(trx, a.targetRegionCode))!;
      const effectiveFrom = laterOf(a.effectiveDate, today(deps));
      const r = await resolve(
        trx,
        target,
        a.operation,
        { catalogId: a.catalogId, itemCode: a.itemCode, fields: a.changes },
        effectiveFrom,
      );
      const now = deps.clock.nowIso();
      let itemId = a.itemId;
      let itemCode = a.itemCode;
      const revision = (
        itemIdFor: string,
        rev: number,
        operation: 'add' | 'amend' | 'withdraw',
        fields: ItemPatch,
      ): repo.NewRevision => ({
        id: newId(),
        itemId: itemIdFor,
        revision: rev,
        regionCode: target.code,
        operation,
        effectiveFrom,
        fields,
        source: 'adjustment',
        adjustmentId: a.id,
        importId: null,
        createdAt: now,
        createdBy: actor.userId,
      });
      if (a.operation === 'add') {
        itemCode = a.itemCode ?? (await nextCode(trx, target, r.catalog!.kind));
        itemId = newId();
        await repo.insertItems(trx, [
          { id: itemId, code: itemCode, catalogId: r.catalog!.id, originRegionCode: target.code, createdAt: now },
        ]);
        await repo.insertRevisions(trx, [revision(itemId, 1, 'add', { ...EMPTY_FIELDS, ...r.changes })]);
      } else if (a.operation === 'amend' || a.operation === 'withdraw') {
        itemId = r.current!.itemId;
        const max = (await repo.maxRevisions(trx, [itemId])).get(itemId) ?? 0;
        await repo.insertRevisions(trx, [
          revision(itemId, max + 1, a.operation, a.operation === 'amend' ? r.changes! : {}),
        ]);
      } else {
        await repo.insertAdoption(trx, {
          id: newId(),
          catalogId: r.catalog!.id,
          regionCode: target.code,
          operation: a.operation,
          effectiveFrom,
          adjustmentId: a.id,
          createdAt: now,
          createdBy: actor.userId,
        });
      }
      const patch = {
        status: 'approved',
        approverId: actor.userId,
        approverName: actor.displayName,
        decidedAt: now,
        decisionNote: input.note ?? null,
        effectiveFrom,
        itemId,
        itemCode,
      };
      if (!(await repo.updateAdjustment(trx, id, a.version, patch, now))) throw conflict();
      await appendAudit(trx, deps, ctx, {
        action: 'catalogs.adjustment.approve',
        entity: 'catalog_adjustment',
        entityId: id,
        regionCode: a.targetRegionCode,
        before: { status: a.status },
        after: {
          status: 'approved',
          effectiveFrom,
          itemId,
          itemCode,
          operation: a.operation,
          note: input.note ?? null,
        },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', '该事项同时有其他调整生效，请刷新后重试');
    throw err;
  }
  return getAdjustment(deps, actor, id);
}

export async function rejectAdjustment(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { version: number; note: string },
) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadVisible(trx, actor, id);
    checkDecision(actor, a, input.version, deps.config.catalogFourEyes);
    const now = deps.clock.nowIso();
    if (
      !(await repo.updateAdjustment(
        trx,
        id,
        a.version,
        {
          status: 'rejected',
          approverId: actor.userId,
          approverName: actor.displayName,
          decidedAt: now,
          decisionNote: input.note,
        },
        now,
      ))
    )
      throw conflict();
    await appendAudit(trx, deps, ctx, {
      action: 'catalogs.adjustment.reject',
      entity: 'catalog_adjustment',
      entityId: id,
      regionCode: a.targetRegionCode,
      before: { status: a.status },
      after: { status: 'rejected', note: input.note },
    });
  });
  return getAdjustment(deps, actor, id);
}

/** Publishes an approved adjustment to the public portal (district lead; audited). */
export async function publishAdjustment(deps: Deps, ctx: RequestContext, id: string, version: number) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadVisible(trx, actor, id);
    if (a.status !== 'approved') throw new AppError('conflict', '只有已批准的调整可以公开');
    if (a.publishedAt) throw new AppError('conflict', '该调整已经公开');
    if (!canPublish(actor, a)) throw new AppError('forbidden', '只有区民政局负责人可以公开目录调整');
    if (a.version !== version) throw conflict();
    const now = deps.clock.nowIso();
    if (!(await repo.updateAdjustment(trx, id, a.version, { publishedAt: now, publishedBy: actor.userId }, now)))
      throw conflict();
    await appendAudit(trx, deps, ctx, {
      action: 'catalogs.adjustment.publish',
      entity: 'catalog_adjustment',
      entityId: id,
      regionCode: a.targetRegionCode,
      after: { publishedAt: now, effectiveFrom: a.effectiveFrom },
    });
  });
  return getAdjustment(deps, actor, id);
}
