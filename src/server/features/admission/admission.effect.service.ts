/**
 * What an admission decision does afterwards: the catalog adjustment it asks for, withdrawal (撤回
 * before a decision, 撤销 of an admitted task), expiry at the end of the period and the reminders before
 * it (daily job), and the reminders on the filing department's to-do list.
 */
import type { Deps } from '../../deps.js';
import type { AuthedContext, RequestContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, msg } from '../../core/errors.js';
import { zh } from '../../../shared/i18n.js';
import type { ChainConfig } from '../../../shared/admission.js';
import { canWithdraw, isFilingDepartment } from './admission.policy.js';
import { basisLines, checkVersion, conflict, county12, daysBetween, loadReadable, today } from './admission.common.js';
import * as repo from './admission.repo.js';
import * as steps from './admission.steps.repo.js';
import * as expiry from './admission.expiry.repo.js';
import { settingsFor } from './admission.settings.service.js';
import { proposeCatalogAdjustment } from './catalog.gateway.js';
import { getRequest } from './admission.read.service.js';

/**
 * Proposes the catalog adjustment an admitted request asks for (through the catalog service; the
 * proposer must hold catalogs.manage at the district) and links it to the request. Automatic after
 * the final approval; otherwise the district lead triggers it (POST …/catalog-adjustment).
 */
export async function produceAdjustment(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  opts: { automatic?: boolean } = {},
) {
  const { actor } = ctx;
  const r = await loadReadable(deps, actor, id);
  const c = r.content.catalogChange;
  if (r.status !== 'approved' || !c) throw conflict('admission.error.noAdjustment');
  if (r.adjustmentId) throw conflict('admission.error.adjustmentExists');
  const result = await proposeCatalogAdjustment(deps, ctx, {
    action: c.action,
    kind: c.kind,
    itemCode: c.itemCode,
    name: c.name ?? (c.action === 'add' ? r.content.title : null),
    reason: c.reason,
    basis: basisLines(r.content).join('；') || zh('admission.text.adjustmentBasis', { number: r.number }),
    effectiveDate: r.effectiveFrom ?? today(deps),
    targetRegionCode: county12(r.regionCode),
    requestNumber: r.number,
  });
  // The catalog service's own (Chinese) words for why it refused.
  if (!opts.automatic && result.refusal === 'forbidden') throw new AppError('forbidden', result.note);
  const note =
    result.adjustmentId || !opts.automatic || result.refusal !== 'forbidden'
      ? result.note
      : zh('admission.text.adjustmentPending');
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    await repo.setAdjustment(trx, id, result.adjustmentId, note, now);
    await repo.addEvent(trx, r, { at: now, actor, action: 'catalog_adjustment', note });
    await appendAudit(trx, deps, ctx, {
      action: 'admission.catalog_adjustment',
      entity: 'admission_request',
      entityId: id,
      regionCode: r.regionCode,
      after: { adjustmentId: result.adjustmentId, note, change: c },
    });
  });
  return getRequest(deps, ctx, id);
}

const FINAL = ['refused', 'rejected', 'expired', 'withdrawn'];

/** Withdraws a request (撤回 before a decision, 撤销 an admitted task), with a reason. */
export async function withdraw(deps: Deps, ctx: AuthedContext, id: string, input: { version: number; reason: string }) {
  const { actor } = ctx;
  const r = await loadReadable(deps, actor, id);
  if (!canWithdraw(actor, r)) {
    if (isFilingDepartment(actor, r) || r.status === 'approved')
      throw new AppError(FINAL.includes(r.status) ? 'conflict' : 'forbidden', msg('admission.error.cannotWithdraw'));
    throw new AppError('forbidden', msg('admission.error.withdrawWho'));
  }
  checkVersion(r, input.version);
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    const ok = await repo.updateIfVersion(
      trx,
      r,
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
    await steps.cancelSteps(trx, id, ['open', 'pending']);
    await repo.addEvent(trx, r, { at: now, actor, action: 'withdraw', to: 'withdrawn', note: input.reason });
    await appendAudit(trx, deps, ctx, {
      action: 'admission.withdraw',
      entity: 'admission_request',
      entityId: id,
      regionCode: r.regionCode,
      before: { status: r.status },
      after: { status: 'withdrawn', reason: input.reason },
    });
  });
  return getRequest(deps, ctx, id);
}

const SYSTEM: RequestContext = { actor: null, ip: null, requestId: 'job:admission.expiry' };

/** Marks admitted tasks past their expiry as expired and raises reminders 30/7/1 days (configurable) before. */
export async function runExpiry(deps: Deps) {
  const day = today(deps);
  let expired = 0;
  for (const r of await expiry.approvedEndedBefore(deps.db, day)) {
    const now = deps.clock.nowIso();
    await deps.db.transaction().execute(async (trx) => {
      if (!(await repo.updateIfVersion(trx, r, { status: 'expired', updatedAt: now }, 'approved'))) return;
      await repo.addEvent(trx, r, {
        at: now,
        actor: null,
        action: 'expire',
        to: 'expired',
        note: zh('admission.text.expired', { date: r.expiresOn ?? '' }),
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
  const settings = new Map<string, ChainConfig>();
  for (const a of await expiry.approvedInForce(deps.db, day)) {
    const county = county12(a.regionCode);
    if (!settings.has(county)) settings.set(county, (await settingsFor(deps.db, county)).chain);
    const days = daysBetween(day, a.expiresOn);
    const hit = [...settings.get(county)!.reminderDays].sort((x, y) => x - y).find((d) => days <= d);
    if (hit === undefined) continue;
    const kind = `expiry-${hit}`;
    if (await expiry.reminderExists(deps.db, a.id, kind, a.expiresOn)) continue;
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.nowIso();
      await expiry.insertReminder(trx, { requestId: a.id, kind, expiresOn: a.expiresOn, createdAt: now });
      const ref = {
        id: a.id,
        number: a.number,
        title: a.title,
        departmentId: a.departmentId,
        regionCode: a.regionCode,
      };
      await deps.events.record(trx, 'admission.expiring', now, {
        request: ref,
        expiresOn: a.expiresOn,
        daysLeft: days,
        reminder: hit,
      });
    });
    reminders += 1;
  }
  return { expired, reminders };
}

/** Expiry reminders on requests the actor may read (the filing department's to-do list). */
export async function listReminders(deps: Deps, ctx: AuthedContext) {
  const day = today(deps);
  const rows = await expiry.remindersReadable(deps.db, ctx.actor);
  return { items: rows.map((r) => ({ ...r, daysLeft: daysBetween(day, r.expiresOn ?? '') })) };
}
