/**
 * Submitting (提交): the current revision is frozen and pre-checked. Refused → final and published;
 * returned → back to the department with the findings (a new revision to edit); otherwise the review
 * chain opens: township (township-scoped requests) → district civil affairs → district government (S-7.3).
 */
import type { Deps } from '../../deps.js';
import type { Actor, AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, msg } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { zh } from '../../../shared/i18n.js';
import type { RegionLevel } from '../../../shared/roles.js';
import { requestContent, type ChainConfig, type RequestStatus } from '../../../shared/admission.js';
import * as directory from '../accounts/directory.js';
import * as regions from '../regions/regions.service.js';
import { ancestorsOf } from '../regions/regions.model.js';
import { addWorkingDays } from './admission.calendar.js';
import { canSubmit, isFilingDepartment } from './admission.policy.js';
import { checkVersion, conflict, county12, hashContent, loadReadable, today } from './admission.common.js';
import * as repo from './admission.repo.js';
import type { AdmissionRequest, Target } from './admission.repo.js';
import * as steps from './admission.steps.repo.js';
import { runPrecheck } from './admission.precheck.service.js';
import { findingZh } from './admission.findings.js';
import { settingsFor } from './admission.settings.service.js';
import { getRequest } from './admission.read.service.js';

type PlannedStep = Pick<steps.NewStep, 'step' | 'regionCode' | 'body' | 'workingDays' | 'assigneeId' | 'assigneeName'>;

/** The chain for a request: township (township-scoped requests) → district civil affairs → district government (S-7.3). */
async function planChain(
  deps: Deps,
  actor: Actor,
  r: AdmissionRequest,
  targets: Target[],
  needsGovernment: boolean,
  chain: ChainConfig,
): Promise<PlannedStep[]> {
  const county = county12(r.regionCode);
  const plan: PlannedStep[] = [];
  const townships = new Set(targets.map((t) => ancestorsOf(t.regionCode, t.level as RegionLevel).townshipCode));
  const [only] = [...townships];
  if (chain.townshipReview && townships.size === 1 && only) {
    const name = (await regions.get(deps, actor, only).catch(() => null))?.name ?? only;
    plan.push({
      step: 'township',
      regionCode: only,
      body: name,
      workingDays: chain.township.workingDays,
      assigneeId: null,
      assigneeName: null,
    });
  }
  const named = async (uid: string | null) => (uid ? await directory.userName(deps.db, uid) : null);
  for (const step of ['district', 'government'] as const) {
    if (step === 'government' && !needsGovernment && chain.governmentFor !== 'all') continue;
    plan.push({
      step,
      regionCode: county,
      body: zh(`admission.body.${step}`),
      workingDays: chain[step].workingDays,
      assigneeId: chain[step].assigneeUserId,
      assigneeName: await named(chain[step].assigneeUserId),
    });
  }
  return plan;
}

/** What the request becomes after the pre-check (the decision columns when it is refused). */
function afterPrecheck(
  r: AdmissionRequest,
  result: Awaited<ReturnType<typeof runPrecheck>>,
  plan: PlannedStep[],
  now: string,
  day: string,
): { to: RequestStatus; set: repo.RequestChange } {
  if (result.outcome === 'refused')
    return {
      to: 'refused',
      set: {
        status: 'refused',
        decision: 'refused',
        decisionReason: result.findings
          .filter((f) => f.outcome === 'refused')
          .map((f) => `${findingZh(f)}（${f.clause.id}）`)
          .join('；'),
        decidedAt: now,
        decidedOn: day,
        decidedBy: null,
        decidedByName: zh('admission.text.systemPrecheck'),
        decidedByBody: zh('admission.body.precheck'),
        currentStep: null,
      },
    };
  if (result.outcome === 'returned')
    return { to: 'returned', set: { status: 'returned', revision: r.revision + 1, currentStep: null } };
  return { to: 'in_review', set: { status: 'in_review', currentStep: plan[0].step } };
}

/**
 * Submits (freezes) the current revision and runs the pre-check: refused → final and published;
 * returned → back to the department with the findings; otherwise the review chain opens.
 */
export async function submitRequest(deps: Deps, ctx: AuthedContext, id: string, version: number) {
  const { actor } = ctx;
  const r = await loadReadable(deps, actor, id);
  if (!isFilingDepartment(actor, r)) throw new AppError('forbidden', msg('admission.error.submitOwnOnly'));
  if (!canSubmit(actor, r)) throw conflict('admission.error.alreadySubmitted');
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
  const { to, set } = afterPrecheck(r, result, plan, now, day);

  await deps.db.transaction().execute(async (trx) => {
    await repo.insertRevision(trx, { requestId: id, revision: r.revision, content, hash, at: now, by: actor });
    const ok = await repo.updateIfVersion(
      trx,
      r,
      {
        precheckJson: JSON.stringify(result),
        precheckOutcome: result.outcome,
        catalogVersionId: result.catalogVersionId,
        needsGovernment: result.needsGovernment ? 1 : 0,
        submittedAt: now,
        updatedAt: now,
        contentHash: hash,
        ...set,
      },
      ['draft', 'returned'],
    );
    if (!ok) throw conflict();
    const planned = plan.map((s, i) => ({
      ...s,
      id: newId(),
      requestId: id,
      revision: r.revision,
      seq: i + 1,
      opened: i === 0 ? { at: now, on: day, dueOn: addWorkingDays(day, s.workingDays, calendar) } : null,
    }));
    await steps.insertSteps(trx, planned);
    const ref = { id, number: r.number, title: content.title, departmentId: r.departmentId, regionCode: r.regionCode };
    if (planned.length) {
      const first = planned[0];
      await deps.events.record(trx, 'admission.step_opened', now, {
        request: ref,
        step: {
          id: first.id,
          step: first.step,
          regionCode: first.regionCode,
          assigneeId: first.assigneeId,
          dueOn: first.opened!.dueOn,
        },
      });
    } else {
      await deps.events.record(trx, 'admission.decided', now, {
        request: ref,
        revision: r.revision,
        outcome: to === 'refused' ? 'precheck_refused' : 'precheck_returned',
        body: zh('admission.body.precheck'),
        step: null,
        note: result.findings
          .filter((f) => f.outcome !== 'admissible')
          .map(findingZh)
          .join('；'),
      });
    }
    await repo.addEvent(trx, r, {
      at: now,
      actor,
      action: 'submit',
      to: 'in_review',
      note: zh('admission.text.submitted', { hash: hash.slice(0, 16) }),
    });
    await repo.addEvent(trx, r, {
      at: now,
      actor: null,
      action: 'precheck',
      from: 'in_review',
      to,
      note: result.findings.map((f) => `[${f.clause.id}] ${findingZh(f)}`).join('\n'),
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
  return getRequest(deps, ctx, id);
}
