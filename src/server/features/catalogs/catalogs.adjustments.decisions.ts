/**
 * Decisions on adjustments (the district lead, catalogs.approve): approve (writing the revision or
 * adoption it asks for), reject, and publish to the portal. Each is audited in its transaction.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor, AuthedContext } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { EMPTY_FIELDS, type ItemPatch } from './catalogs.model.js';
import { canApprove, canPublish } from './catalogs.policy.js';
import * as repo from './catalogs.repo.js';
import * as adjustmentsRepo from './catalogs.adjustments.repo.js';
import type { AdjustmentRecord } from './catalogs.adjustments.repo.js';
import { today } from './catalogs.effective.js';
import { laterOf, nextCode, resolve } from './catalogs.adjustments.check.js';
import { auditStep, getAdjustment, loadVisible, refuse, stale, targetOf } from './catalogs.adjustments.service.js';

/** Checks shared by approve and reject: visible, submitted, not one's own, covered by catalogs.approve. */
function checkDecision(actor: Actor, a: AdjustmentRecord, version: number, fourEyes: boolean) {
  if (a.status !== 'submitted')
    throw new AppError('conflict', msg('catalogs.error.adjust.decideSubmittedOnly', { status: a.status }));
  if (fourEyes && a.proposerId === actor.userId) throw refuse('catalogs.error.adjust.fourEyes');
  if (!canApprove(actor, a, { fourEyes })) throw refuse('catalogs.error.adjust.approveForbidden');
  if (a.version !== version) throw stale();
}

/** Who decided, when, with what note. */
const decision = (actor: Actor, status: 'approved' | 'rejected', note: string | null, now: string) => ({
  status,
  approverId: actor.userId,
  approverName: actor.displayName,
  decidedAt: now,
  decisionNote: note,
});

/** Writes what an approved adjustment changes (an item and its first revision, a revision, or an adoption). */
async function applyApproved(trx: Kysely<DB>, actor: Actor, a: AdjustmentRecord, effectiveFrom: string, now: string) {
  const target = await targetOf(trx, a);
  const input = { catalogId: a.catalogId, itemCode: a.itemCode, fields: a.changes };
  const r = await resolve(trx, target, a.operation, input, effectiveFrom);
  const revision = (itemId: string, rev: number, operation: 'add' | 'amend' | 'withdraw', fields: ItemPatch) => ({
    id: newId(),
    itemId,
    revision: rev,
    regionCode: target.code,
    operation,
    effectiveFrom,
    fields,
    source: 'adjustment' as const,
    adjustmentId: a.id,
    importId: null,
    createdAt: now,
    createdBy: actor.userId,
  });
  if (a.operation === 'add') {
    const itemCode = a.itemCode ?? (await nextCode(trx, target, r.catalog!.kind));
    const itemId = newId();
    const item = { id: itemId, code: itemCode, catalogId: r.catalog!.id, originRegionCode: target.code };
    await repo.insertItems(trx, [{ ...item, createdAt: now }]);
    await repo.insertRevisions(trx, [revision(itemId, 1, 'add', { ...EMPTY_FIELDS, ...r.changes })]);
    return { itemId, itemCode };
  }
  if (a.operation === 'amend' || a.operation === 'withdraw') {
    const itemId = r.current!.itemId;
    const max = (await repo.maxRevisions(trx, [itemId])).get(itemId) ?? 0;
    const fields = a.operation === 'amend' ? r.changes! : {};
    await repo.insertRevisions(trx, [revision(itemId, max + 1, a.operation, fields)]);
    return { itemId, itemCode: a.itemCode };
  }
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
  return { itemId: a.itemId, itemCode: a.itemCode };
}

/**
 * Approves a submitted adjustment: writes the revision (or adoption) dated max(effective date, today)
 * and records the approver. The change is in force internally from that date; on the portal once published.
 */
export async function approveAdjustment(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: { version: number; note?: string | null },
) {
  const { actor } = ctx;
  try {
    await deps.db.transaction().execute(async (trx) => {
      const a = await loadVisible(trx, actor, id);
      checkDecision(actor, a, input.version, deps.config.catalogFourEyes);
      const effectiveFrom = laterOf(a.effectiveDate, today(deps));
      const now = deps.clock.nowIso();
      const { itemId, itemCode } = await applyApproved(trx, actor, a, effectiveFrom, now);
      const patch = { ...decision(actor, 'approved', input.note ?? null, now), effectiveFrom, itemId, itemCode };
      if (!(await adjustmentsRepo.updateAdjustment(trx, id, a.version, patch, now))) throw stale();
      const after = {
        status: 'approved',
        effectiveFrom,
        itemId,
        itemCode,
        operation: a.operation,
        note: patch.decisionNote,
      };
      await auditStep(trx, deps, ctx, a, 'approve', { before: { status: a.status }, after });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', msg('catalogs.error.adjust.concurrent'));
    throw err;
  }
  return getAdjustment(deps, actor, id);
}

export async function rejectAdjustment(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: { version: number; note: string },
) {
  const { actor } = ctx;
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadVisible(trx, actor, id);
    checkDecision(actor, a, input.version, deps.config.catalogFourEyes);
    const now = deps.clock.nowIso();
    const patch = decision(actor, 'rejected', input.note, now);
    if (!(await adjustmentsRepo.updateAdjustment(trx, id, a.version, patch, now))) throw stale();
    const after = { status: 'rejected', note: input.note };
    await auditStep(trx, deps, ctx, a, 'reject', { before: { status: a.status }, after });
  });
  return getAdjustment(deps, actor, id);
}

/** Publishes an approved adjustment to the public portal (district lead; audited). */
export async function publishAdjustment(deps: Deps, ctx: AuthedContext, id: string, version: number) {
  const { actor } = ctx;
  await deps.db.transaction().execute(async (trx) => {
    const a = await loadVisible(trx, actor, id);
    if (a.status !== 'approved') throw new AppError('conflict', msg('catalogs.error.adjust.publishApprovedOnly'));
    if (a.publishedAt) throw new AppError('conflict', msg('catalogs.error.adjust.alreadyPublished'));
    if (!canPublish(actor, a)) throw refuse('catalogs.error.adjust.publishForbidden');
    if (a.version !== version) throw stale();
    const now = deps.clock.nowIso();
    const patch = { publishedAt: now, publishedBy: actor.userId };
    if (!(await adjustmentsRepo.updateAdjustment(trx, id, a.version, patch, now))) throw stale();
    await auditStep(trx, deps, ctx, a, 'publish', { after: { publishedAt: now, effectiveFrom: a.effectiveFrom } });
  });
  return getAdjustment(deps, actor, id);
}
