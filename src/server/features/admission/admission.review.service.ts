/**
 * The review chain (审核): a reviewer's decision on the open step, bound to the exact revision read and
 * the record version, so of two concurrent decisions exactly one wins (the other gets 409).
 * approve → next step or final admission (with conditions); return → back to the department (new
 * revision); reject → final refusal. Reasons are required for return and reject.
 */
import type { Deps } from '../../deps.js';
import type { AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, msg } from '../../core/errors.js';
import { zh } from '../../../shared/i18n.js';
import type { DecisionBody, RequestStatus } from '../../../shared/admission.js';
import { addWorkingDays } from './admission.calendar.js';
import { canDecide, stepGrant } from './admission.policy.js';
import { checkVersion, conflict, county12, loadReadable, today } from './admission.common.js';
import * as repo from './admission.repo.js';
import type { AdmissionRequest } from './admission.repo.js';
import * as steps from './admission.steps.repo.js';
import type { Step } from './admission.steps.repo.js';
import { settingsFor } from './admission.settings.service.js';
import { produceAdjustment } from './admission.effect.service.js';
import { getRequest } from './admission.read.service.js';

/** What the request becomes after the decision (and the decision columns of a final one). */
function outcomeOf(
  ctx: AuthedContext,
  r: AdmissionRequest,
  open: Step,
  next: Step | null,
  revisionSteps: Step[],
  input: DecisionBody,
  now: string,
  day: string,
): { to: RequestStatus; set: repo.RequestChange } {
  const { actor } = ctx;
  const decided = {
    currentStep: null,
    decidedAt: now,
    decidedOn: day,
    decidedBy: actor.userId,
    decidedByName: actor.displayName,
    decidedByBody: open.body,
  };
  if (input.action === 'approve' && next) return { to: 'in_review', set: { updatedAt: now, currentStep: next.step } };
  if (input.action === 'approve') {
    const conditions =
      [...revisionSteps.filter((s) => s.conditions).map((s) => s.conditions as string), input.conditions]
        .filter(Boolean)
        .join('；') || null;
    return {
      to: 'approved',
      set: {
        updatedAt: now,
        status: 'approved',
        ...decided,
        decision: 'approved',
        conditions,
        approvedRevision: r.revision,
        approvedHash: r.contentHash,
        effectiveFrom: r.content.startsOn > day ? r.content.startsOn : day,
        expiresOn: r.content.endsOn,
      },
    };
  }
  if (input.action === 'return')
    return {
      to: 'returned',
      set: { updatedAt: now, status: 'returned', currentStep: null, revision: r.revision + 1 },
    };
  return {
    to: 'rejected',
    set: { updatedAt: now, status: 'rejected', ...decided, decision: 'rejected', decisionReason: input.reason },
  };
}

export async function decide(deps: Deps, ctx: AuthedContext, id: string, input: DecisionBody) {
  const { actor } = ctx;
  const r = await loadReadable(deps, actor, id);
  const open = (await steps.openStepsOf(deps.db, [id])).get(id) ?? null;
  // A stale version answers 409 before anything else, so the loser of a race always learns it lost.
  checkVersion(r, input.version);
  if (r.status !== 'in_review' || !open) throw conflict('admission.error.notInReview');
  if (!stepGrant(actor, open)) throw new AppError('forbidden', msg(`admission.error.notYourStep.${open.step}`));
  if (!canDecide(actor, r, open))
    throw new AppError('forbidden', msg('admission.error.namedReviewer', { name: open.assigneeName ?? '' }));
  if (input.revision !== r.revision) throw conflict('admission.error.revisionChanged');
  if (input.action !== 'approve' && !input.reason)
    throw new AppError('validation_failed', msg(`admission.error.reasonRequired.${input.action}`), {
      issues: [{ field: 'reason', message: zh('admission.error.required') }],
    });

  const revisionSteps = (await steps.stepsOf(deps.db, id)).filter((s) => s.revision === r.revision);
  const next = revisionSteps.find((s) => s.seq === open.seq + 1) ?? null;
  const now = deps.clock.nowIso();
  const day = today(deps);
  const { calendar } = await settingsFor(deps.db, county12(r.regionCode));
  const final = input.action !== 'approve' || next === null;
  const { to, set } = outcomeOf(ctx, r, open, next, revisionSteps, input, now, day);

  await deps.db.transaction().execute(async (trx) => {
    // The race gate: only one decision per version wins.
    if (!(await repo.updateIfVersion(trx, r, set, 'in_review'))) throw conflict();
    if (!(await steps.decideStep(trx, open.id, { ...input, at: now, by: actor }))) throw conflict();
    const ref = { id, number: r.number, title: r.title, departmentId: r.departmentId, regionCode: r.regionCode };
    if (input.action === 'approve' && next) {
      const dueOn = addWorkingDays(day, next.workingDays, calendar);
      await steps.openStep(trx, next.id, { at: now, on: day, dueOn });
      await deps.events.record(trx, 'admission.step_opened', now, {
        request: ref,
        step: { id: next.id, step: next.step, regionCode: next.regionCode, assigneeId: next.assigneeId, dueOn },
      });
    } else if (final) {
      await steps.cancelSteps(trx, id, ['pending'], r.revision);
      await deps.events.record(trx, 'admission.decided', now, {
        request: ref,
        revision: r.revision,
        outcome: to === 'approved' ? 'approved' : to === 'returned' ? 'returned' : 'rejected',
        body: open.body,
        step: open.step,
        note: input.reason || input.conditions || input.comment || '',
      });
    }
    await repo.addEvent(trx, r, {
      at: now,
      actor,
      action: input.action,
      to,
      step: open.step,
      note:
        [
          input.comment,
          input.conditions && zh('admission.text.conditions', { conditions: input.conditions }),
          input.reason && zh('admission.text.reason', { reason: input.reason }),
        ]
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
  });
  // The catalog change is proposed through the catalog service's own workflow, after the approval
  // committed; when the decider cannot propose catalog changes, the district lead does it later.
  if (to === 'approved' && r.content.catalogChange) await produceAdjustment(deps, ctx, id, { automatic: true });
  return getRequest(deps, ctx, id);
}
