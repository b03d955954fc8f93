/**
 * Reading admission requests: one request with its chain, timeline and the reader's abilities; the lists
 * (by filter, the "awaiting me" queue); what is admitted for a village; the public decision portal.
 */
import type { Deps } from '../../deps.js';
import { grantsWith, type AuthedContext } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import type { PageRequest } from '../../db/paginate.js';
import { DECIDE_ACTIONS, type RequestFilter } from '../../../shared/admission.js';
import { levelOf, normalizeCode } from '../regions/regions.model.js';
import { awaitingSteps, canDecide, canEdit, canSubmit, canWithdraw, isFilingDepartment } from './admission.policy.js';
import { loadReadable, today } from './admission.common.js';
import * as repo from './admission.repo.js';
import type { AdmissionRequest } from './admission.repo.js';
import * as steps from './admission.steps.repo.js';
import { presentDetail, presentPublicDecision, presentSummary } from './admission.presenter.js';

async function summaries(deps: Deps, items: AdmissionRequest[]) {
  const ids = items.map((r) => r.id);
  const [targets, open] = await Promise.all([repo.targetsOf(deps.db, ids), steps.openStepsOf(deps.db, ids)]);
  const day = today(deps);
  return items.map((r) => presentSummary(r, targets.get(r.id) ?? [], open.get(r.id), day));
}

export async function listRequests(deps: Deps, ctx: AuthedContext, query: RequestFilter & PageRequest) {
  const { page, pageSize, ...f } = query;
  const awaiting = f.queue === 'awaiting' ? awaitingSteps(ctx.actor) : undefined;
  const { total, items } = await repo.listReadable(deps.db, ctx.actor, { ...f, awaiting }, { page, pageSize });
  return { total, items: await summaries(deps, items) };
}

/** What has been admitted for the actor's area and is (or will be) in effect: the village's view. */
export async function listAdmitted(deps: Deps, ctx: AuthedContext, p: PageRequest) {
  const nodes = grantsWith(ctx.actor, 'admission.read').map((g) => ({ regionCode: g.regionCode, level: g.level }));
  const { total, items } = await repo.listReadable(deps.db, ctx.actor, { admittedFor: nodes, today: today(deps) }, p);
  return {
    total,
    items: (await summaries(deps, items)).map((s, i) => ({
      ...s,
      conditions: items[i].conditions,
      decidedByBody: items[i].decidedByBody,
    })),
  };
}

export async function getRequest(deps: Deps, ctx: AuthedContext, id: string) {
  const { actor } = ctx;
  const r = await loadReadable(deps, actor, id);
  const [targets, chain, events, revisions] = await Promise.all([
    repo.targetsOf(deps.db, [id]),
    steps.stepsOf(deps.db, id),
    repo.eventsOf(deps.db, id),
    repo.revisionsOf(deps.db, id),
  ]);
  const open = chain.find((s) => s.status === 'open');
  const decide = canDecide(actor, r, open ?? null);
  return presentDetail(r, {
    targets: targets.get(id) ?? [],
    steps: chain,
    events,
    revisions,
    // Departments and reviewers see the whole request; other readers (villages) see what was admitted.
    wholeContent: isFilingDepartment(actor, r) || awaitingSteps(actor).length > 0,
    abilities: {
      edit: canEdit(actor, r),
      submit: canSubmit(actor, r),
      decide,
      withdraw: canWithdraw(actor, r),
      decideActions: decide ? [...DECIDE_ACTIONS] : [],
    },
    day: today(deps),
  });
}

/** Published decisions for a region (no login): what was admitted, refused or withdrawn, by whom and until when. */
export async function publicDecisions(deps: Deps, regionCode: string, p: PageRequest) {
  const code = normalizeCode(regionCode);
  if (!code) throw new AppError('validation_failed', msg('admission.error.regionCode'));
  const { total, items } = await repo.publicDecisions(deps.db, { regionCode: code, level: levelOf(code) }, p);
  const targets = await repo.targetsOf(
    deps.db,
    items.map((r) => r.id),
  );
  const day = today(deps);
  return { total, items: items.map((r) => presentPublicDecision(r, targets.get(r.id) ?? [], day)) };
}
