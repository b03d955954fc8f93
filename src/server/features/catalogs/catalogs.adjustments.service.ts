/**
 * Dynamic adjustment (动态调整, S-7.1): every change to a layer is an adjustment that goes
 * draft → submitted → approved | rejected (or is cancelled by its proposer). Approval writes the
 * immutable revision (or adoption) dated max(effective date, approval day), so history is never
 * rewritten backwards. Publishing is a separate, audited step that makes it visible on the portal.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor, AuthedContext } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import type { PageRequest } from '../../db/paginate.js';
import { ancestorsOf } from '../regions/regions.model.js';
import type { MessageKey } from '../../../shared/i18n.js';
import type { RegionLevel } from '../../../shared/roles.js';
import type { AdjustmentStatus, CreateAdjustmentBody, UpdateAdjustmentBody } from '../../../shared/catalogs.js';
import {
  canCancelAdjustment,
  canEditAdjustment,
  canProposeAt,
  canSeeAdjustment,
  canSeeLayer,
  canSubmitAdjustment,
  isLayerLevel,
} from './catalogs.policy.js';
import * as repo from './catalogs.repo.js';
import * as adjustmentsRepo from './catalogs.adjustments.repo.js';
import type { AdjustmentFilter, AdjustmentRecord, AdjustmentRow } from './catalogs.adjustments.repo.js';
import { effectiveOn, missing, regionOr404, regionsByCodes, today, type RegionRef } from './catalogs.effective.js';
import { cleanPatch, laterOf, resolve } from './catalogs.adjustments.check.js';
import { presentAdjustment, presentAdjustmentSummary } from './catalogs.presenter.js';

export const stale = () => new AppError('conflict', msg('catalogs.error.adjust.stale'));
export const refuse = (key: MessageKey) => new AppError('forbidden', msg(key));

export async function loadVisible(db: Kysely<DB>, actor: Actor, id: string): Promise<AdjustmentRecord> {
  const a = await adjustmentsRepo.adjustmentById(db, id);
  if (!a || !canSeeAdjustment(actor, a)) missing('adjustment');
  return a!;
}

/** The region an adjustment applies to (it exists: adjustments reference it). */
export const targetOf = async (db: Kysely<DB>, a: AdjustmentRecord): Promise<RegionRef> =>
  (await regionsByCodes(db, [a.targetRegionCode])).get(a.targetRegionCode)!;

/** The audit row of a step of an adjustment (in the step's transaction). */
export const auditStep = (
  trx: Kysely<DB>,
  deps: Deps,
  ctx: AuthedContext,
  a: AdjustmentRecord,
  step: string,
  change: { before?: unknown; after: unknown },
) =>
  appendAudit(trx, deps, ctx, {
    action: `catalogs.adjustment.${step}`,
    entity: 'catalog_adjustment',
    entityId: a.id,
    regionCode: a.targetRegionCode,
    ...change,
  });

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

/** Full presentation with the abilities the UI needs (and, while open, the item as it stands now). */
async function present(deps: Deps, actor: Actor, a: AdjustmentRecord) {
  const regions = await regionsByCodes(deps.db, [a.targetRegionCode]);
  const catalog = a.catalogId ? await repo.catalogById(deps.db, a.catalogId) : null;
  const now = today(deps);
  const open = a.status === 'draft' || a.status === 'submitted';
  let current = null;
  if (open && (a.operation === 'amend' || a.operation === 'withdraw') && a.itemId) {
    const [eff] = await effectiveOn(deps.db, a.targetRegionCode, [laterOf(a.effectiveDate, now)], 'internal');
    current = eff.items.find((i) => i.itemId === a.itemId)?.fields ?? null;
  }
  return presentAdjustment(a, {
    actor,
    regions,
    catalog,
    current,
    today: now,
    fourEyes: deps.config.catalogFourEyes,
  });
}

export async function getAdjustment(deps: Deps, actor: Actor, id: string) {
  return present(deps, actor, await loadVisible(deps.db, actor, id));
}

export async function listAdjustments(deps: Deps, actor: Actor, f: AdjustmentFilter & PageRequest) {
  const { page, pageSize, ...filter } = f;
  const { total, items } = await adjustmentsRepo.listAdjustments(deps.db, actor, filter, { page, pageSize });
  const regions = await regionsByCodes(
    deps.db,
    items.map((a) => a.targetRegionCode),
  );
  return { total, items: items.map((a) => presentAdjustmentSummary(a, regions)) };
}

/** Creates a draft adjustment on a district or township layer (audited). */
export async function createAdjustment(deps: Deps, ctx: AuthedContext, body: CreateAdjustmentBody) {
  const { actor } = ctx;
  const target = await regionOr404(deps.db, body.targetRegion);
  if (!canSeeLayer(actor, target.code)) missing('region');
  if (!isLayerLevel(target.level))
    throw new AppError('validation_failed', msg('catalogs.error.adjust.layerLevel', { name: target.name }));
  if (!canProposeAt(actor, target)) throw refuse('catalogs.error.adjust.proposeForbidden');
  const changes = cleanPatch(body.fields);
  const r = await resolve(
    deps.db,
    target,
    body.operation,
    { catalogId: body.catalogId, itemCode: body.itemCode, fields: changes },
    laterOf(body.effectiveDate, today(deps)),
  );
  const now = deps.clock.nowIso();
  const row: AdjustmentRow = {
    id: newId(),
    targetRegionCode: target.code,
    targetLevel: target.level,
    ...ancestorsOf(target.code, target.level as RegionLevel),
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
    await adjustmentsRepo.insertAdjustment(trx, row);
    const created = (await adjustmentsRepo.adjustmentById(trx, row.id))!;
    await auditStep(trx, deps, ctx, created, 'create', { after: auditView(created) });
  });
  return getAdjustment(deps, actor, row.id);
}

/** Edits a draft (proposer only; optimistic version). */
export async function updateAdjustment(deps: Deps, ctx: AuthedContext, id: string, body: UpdateAdjustmentBody) {
  const { actor } = ctx;
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadVisible(trx, actor, id);
    if (a.status !== 'draft') throw new AppError('conflict', msg('catalogs.error.adjust.draftOnly'));
    if (!canEditAdjustment(actor, a)) throw refuse('catalogs.error.adjust.proposerOnlyEdit');
    if (a.version !== body.version) throw stale();
    const changes = body.fields !== undefined ? cleanPatch(body.fields) : (a.changes ?? {});
    const itemCode = body.itemCode ?? a.itemCode;
    if (a.operation !== 'add' && body.itemCode && body.itemCode !== a.itemCode)
      throw new AppError('validation_failed', msg('catalogs.error.adjust.itemFixed'));
    const effectiveDate = body.effectiveDate ?? a.effectiveDate;
    const r = await resolve(
      trx,
      await targetOf(trx, a),
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
    if (!(await adjustmentsRepo.updateAdjustment(trx, id, a.version, patch, deps.clock.nowIso()))) throw stale();
    const after = auditView((await adjustmentsRepo.adjustmentById(trx, id))!);
    await auditStep(trx, deps, ctx, a, 'update', { before: auditView(a), after });
  });
  return getAdjustment(deps, actor, id);
}

type Transition = 'submit' | 'cancel';
async function transition(deps: Deps, ctx: AuthedContext, id: string, version: number, kind: Transition) {
  const { actor } = ctx;
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadVisible(trx, actor, id);
    const allowedFrom: AdjustmentStatus[] = kind === 'submit' ? ['draft'] : ['draft', 'submitted'];
    if (!allowedFrom.includes(a.status))
      throw new AppError(
        'conflict',
        msg(kind === 'submit' ? 'catalogs.error.adjust.submitDraftOnly' : 'catalogs.error.adjust.cancelOpenOnly'),
      );
    if (!(kind === 'submit' ? canSubmitAdjustment(actor, a) : canCancelAdjustment(actor, a)))
      throw refuse('catalogs.error.adjust.proposerOnly');
    if (a.version !== version) throw stale();
    if (kind === 'submit') {
      const input = { catalogId: a.catalogId, itemCode: a.itemCode, fields: a.changes };
      await resolve(trx, await targetOf(trx, a), a.operation, input, laterOf(a.effectiveDate, today(deps)));
    }
    const now = deps.clock.nowIso();
    const patch = kind === 'submit' ? { status: 'submitted', submittedAt: now } : { status: 'cancelled' };
    if (!(await adjustmentsRepo.updateAdjustment(trx, id, a.version, patch, now))) throw stale();
    await auditStep(trx, deps, ctx, a, kind, { before: { status: a.status }, after: { status: patch.status } });
  });
  return getAdjustment(deps, actor, id);
}

export const submitAdjustment = (deps: Deps, ctx: AuthedContext, id: string, version: number) =>
  transition(deps, ctx, id, version, 'submit');
export const cancelAdjustment = (deps: Deps, ctx: AuthedContext, id: string, version: number) =>
  transition(deps, ctx, id, version, 'cancel');
