/**
 * A ledger's workflow, kept apart from the verdicts: draft → submitted → returned (with a note) |
 * approved. The village submits and may withdraw before review; the township returns or approves (and
 * non-compliant rows become clean-up tasks). An approval goes stale when the village edits afterwards.
 * Every step is audited and recorded as a domain event in its transaction.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { LedgerFacts } from '../../events.js';
import type { DB } from '../../db/schema.js';
import type { Actor, AuthedContext, RequestContext } from '../../core/actor.js';
import { canAt } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { zh } from '../../../shared/i18n.js';
import type { ApproveBody, LedgerEventAction, LedgerStatus, ReturnBody } from '../../../shared/campaigns.js';
import { effectiveStatus } from './campaigns.model.js';
import * as ledgersRepo from './ledgers.repo.js';
import * as rowsRepo from './rows.repo.js';
import { canReview, canSubmit, canWithdraw } from './campaigns.policy.js';
import { getLedger, loadLedger } from './ledgers.service.js';
import { syncTasks } from './tasks.sync.js';
import { conflict, forbidden } from './campaigns.errors.js';

type Trx = Kysely<DB>;

/** What subscribers of a ledger event need to know (LedgerFacts in events.ts). */
const facts = (l: ledgersRepo.LedgerRecord, c: { name: string } | null, version: number): LedgerFacts => ({
  ledgerId: l.id,
  version,
  villageCode: l.villageCode,
  villageName: l.villageName,
  townshipCode: l.townshipCode,
  campaignName: c?.name ?? '',
});

const event = (ctx: RequestContext, l: { id: string }, action: LedgerEventAction, note: string | null, at: string) => ({
  id: newId(),
  ledgerId: l.id,
  action,
  note,
  actorId: ctx.actor?.userId ?? null,
  actorName: ctx.actor?.displayName ?? null,
  at,
});

/** After any change to rows: bump the ledger; an approval goes stale (event + township notified). */
export async function afterRowChange(
  trx: Trx,
  deps: Deps,
  ctx: RequestContext,
  l: ledgersRepo.LedgerRecord,
  now: string,
) {
  const stale = await ledgersRepo.touchLedger(trx, l, now);
  if (stale && !l.approvalStale) {
    await ledgersRepo.insertLedgerEvent(trx, event(ctx, l, 'stale', zh('campaigns.event.staleNote'), now));
    await deps.events.record(trx, 'ledger.approval_voided', now, facts(l, null, l.version + 1));
  }
}

async function transition(
  trx: Trx,
  deps: Deps,
  ctx: AuthedContext,
  l: ledgersRepo.LedgerRecord,
  expectedVersion: number,
  next: {
    status: LedgerStatus;
    patch?: Record<string, string | null>;
    event: LedgerEventAction;
    note?: string | null;
  },
) {
  const now = deps.clock.nowIso();
  const ok = await ledgersRepo.setLedgerStatus(trx, l.id, expectedVersion, {
    status: next.status,
    approvalStale: false,
    patch: next.patch,
    now,
  });
  if (!ok) throw conflict();
  await ledgersRepo.syncRowWorkflow(trx, l.id, next.status, false);
  await ledgersRepo.insertLedgerEvent(trx, event(ctx, l, next.event, next.note ?? null, now));
  await appendAudit(trx, deps, ctx, {
    action: `ledgers.${next.event}`,
    entity: 'ledger',
    entityId: l.id,
    regionCode: l.villageCode,
    before: { status: effectiveStatus(l.status, l.approvalStale), version: l.version },
    after: { status: next.status, note: next.note ?? null },
  });
  return now;
}

/** Submits for township review. Every row must be decided; the ledger must not be empty. */
export async function submit(deps: Deps, ctx: AuthedContext, ledgerId: string, version: number) {
  const actor = ctx.actor;
  await deps.db.transaction().execute(async (trx) => {
    const { l, c } = await loadLedger(trx, actor, ledgerId);
    if (!canSubmit(actor, l, c)) {
      if (!canAt(actor, 'ledgers.fill', l.villageCode)) throw forbidden('campaigns.error.submitForbidden');
      throw conflict(l.status === 'submitted' ? 'campaigns.error.alreadySubmitted' : 'campaigns.error.alreadyApproved');
    }
    if (l.version !== version) throw conflict();
    const rows = await rowsRepo.decisionsOf(trx, l.id);
    if (rows.length === 0)
      throw new AppError('validation_failed', msg('campaigns.error.emptyLedger'), { undecided: [] });
    const undecided = rows.filter((r) => !r.verdict);
    if (undecided.length)
      throw new AppError('validation_failed', msg('campaigns.error.undecided', { n: undecided.length }), {
        undecided: undecided.slice(0, 200).map((r) => ({ rowId: r.id, category: r.category, name: r.name })),
      });
    const now = await transition(trx, deps, ctx, l, version, {
      status: 'submitted',
      patch: { submittedAt: deps.clock.nowIso(), submittedBy: actor.userId },
      event: 'submit',
    });
    await deps.events.record(trx, 'ledger.submitted', now, { ...facts(l, c, l.version + 1), rows: rows.length });
  });
  return getLedger(deps, actor, ledgerId);
}

/** The village takes a submission back before review. */
export async function withdraw(deps: Deps, ctx: AuthedContext, ledgerId: string, version: number) {
  const actor = ctx.actor;
  await deps.db.transaction().execute(async (trx) => {
    const { l, c } = await loadLedger(trx, actor, ledgerId);
    if (!canWithdraw(actor, l, c)) {
      if (!canAt(actor, 'ledgers.fill', l.villageCode)) throw new AppError('forbidden');
      throw conflict('campaigns.error.withdrawNotAllowed');
    }
    await transition(trx, deps, ctx, l, version, { status: 'draft', event: 'withdraw' });
  });
  return getLedger(deps, actor, ledgerId);
}

async function loadForReview(trx: Trx, actor: Actor, ledgerId: string) {
  const { l, c } = await loadLedger(trx, actor, ledgerId);
  if (!canReview(actor, l, c)) {
    if (!canAt(actor, 'ledgers.review', l.villageCode)) throw forbidden('campaigns.error.reviewForbidden');
    throw conflict('campaigns.error.notUnderReview');
  }
  return { l, c };
}

/** The township returns the ledger with a note the village sees. */
export async function returnLedger(deps: Deps, ctx: AuthedContext, ledgerId: string, body: ReturnBody) {
  const actor = ctx.actor;
  await deps.db.transaction().execute(async (trx) => {
    const { l, c } = await loadForReview(trx, actor, ledgerId);
    const now = deps.clock.nowIso();
    await transition(trx, deps, ctx, l, body.version, {
      status: 'returned',
      patch: { returnNote: body.note, reviewedAt: now, reviewedBy: actor.userId },
      event: 'return',
      note: body.note,
    });
    await deps.events.record(trx, 'ledger.returned', now, { ...facts(l, c, l.version + 1), note: body.note });
  });
  return getLedger(deps, actor, ledgerId);
}

/** The township approves: verdicts are final and every non-compliant row becomes (or keeps) a clean-up task. */
export async function approve(deps: Deps, ctx: AuthedContext, ledgerId: string, body: ApproveBody) {
  const actor = ctx.actor;
  await deps.db.transaction().execute(async (trx) => {
    const { l, c } = await loadForReview(trx, actor, ledgerId);
    if (await rowsRepo.hasUndecided(trx, l.id)) throw conflict('campaigns.error.approveUndecided');
    const now = deps.clock.nowIso();
    await transition(trx, deps, ctx, l, body.version, {
      status: 'approved',
      patch: { returnNote: null, reviewedAt: now, reviewedBy: actor.userId, approvedAt: now },
      event: 'approve',
      note: body.note ?? null,
    });
    const tasks = await syncTasks(trx, deps, ctx, { ...l, status: 'approved', approvalStale: false }, c);
    await deps.events.record(trx, 'ledger.approved', now, { ...facts(l, c, l.version + 1), openTasks: tasks.open });
  });
  return getLedger(deps, actor, ledgerId);
}
