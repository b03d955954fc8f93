/**
 * Who may do what with an admission request: pure rules over the actor and the loaded request. Their SQL
 * twin for lists (`readableRequests`, `readableFlags`) lives in admission.scope.repo.ts. The matrix test
 * checks the pure rules; the route tests check that the twin hides what the rules hide.
 */
import type { Permission, RegionLevel } from '../../../shared/roles.js';
import { STEPS, type RequestStatus, type StepName } from '../../../shared/admission.js';
import { canAt, grantsWith, hasPermission, regionCovers, type Actor, type ActorGrant } from '../../core/actor.js';
import { ancestorsOf } from '../regions/regions.model.js';

export interface RequestFacts {
  departmentId: string | null;
  regionCode: string;
  status: RequestStatus;
  approvedRevision: number | null;
}

export interface StepFacts {
  step: StepName;
  status: string;
  regionCode: string;
  assigneeId: string | null;
}

const EDITABLE: RequestStatus[] = ['draft', 'returned'];

/** The actor is the filing department's officer (in scope of the filing region). */
export const isFilingDepartment = (a: Actor, r: RequestFacts) =>
  r.departmentId !== null && a.departmentId === r.departmentId && canAt(a, 'admission.file', r.regionCode);

export const canFile = (a: Actor) => hasPermission(a, 'admission.file') && a.departmentId !== null;
export const canEdit = (a: Actor, r: RequestFacts) => isFilingDepartment(a, r) && EDITABLE.includes(r.status);
export const canSubmit = canEdit;

const STEP_RULE: Record<StepName, { permission: Permission; level: RegionLevel }> = {
  township: { permission: 'admission.review', level: 'township' },
  district: { permission: 'admission.review', level: 'county' },
  government: { permission: 'admission.approve', level: 'county' },
};

/** The grant that lets the actor decide this step: the right permission, at the step's own node. */
export const stepGrant = (a: Actor, s: Pick<StepFacts, 'step' | 'regionCode'>): ActorGrant | undefined => {
  const rule = STEP_RULE[s.step];
  return grantsWith(a, rule.permission).find((g) => g.level === rule.level && g.regionCode === s.regionCode);
};

/** The (step, node) pairs the actor could decide somewhere: the "awaiting me" queue. */
export const awaitingSteps = (a: Actor): { step: StepName; regionCode: string }[] =>
  STEPS.flatMap((step) =>
    grantsWith(a, STEP_RULE[step].permission)
      .filter((g) => g.level === STEP_RULE[step].level)
      .map((g) => ({ step, regionCode: g.regionCode })),
  );

/** Named reviewer: when the step names an assignee, only that person decides. */
export const canDecide = (a: Actor, r: RequestFacts, s: StepFacts | null) =>
  r.status === 'in_review' &&
  s !== null &&
  s.status === 'open' &&
  stepGrant(a, s) !== undefined &&
  (s.assigneeId === null || s.assigneeId === a.userId);

/** The filing department withdraws its own request (before a decision, or an admitted task); the district lead withdraws an admitted task. */
export const canWithdraw = (a: Actor, r: RequestFacts) =>
  (isFilingDepartment(a, r) && ['draft', 'returned', 'in_review', 'approved'].includes(r.status)) ||
  (r.status === 'approved' &&
    grantsWith(a, 'admission.review').some((g) => g.level === 'county' && regionCovers(g, r.regionCode)));

/** Codes of a node and all its ancestors (a target at any of them applies to the node). */
export function selfAndAncestors(code: string, level: RegionLevel): string[] {
  const a = ancestorsOf(code, level);
  return [a.provinceCode, a.cityCode, a.countyCode, a.townshipCode, a.villageCode].filter(
    (c): c is string => c !== null,
  );
}
