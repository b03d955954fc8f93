/**
 * Who may do what with an admission request: pure rules over the actor and the loaded request, plus
 * their SQL twin for lists (`readableRequests`). The matrix test checks the pure rules; the route
 * tests check that the twin hides what the rules hide.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { Permission, RegionLevel } from '../../../shared/roles.js';
import { canAt, grantsWith, hasPermission, regionCovers, type Actor, type ActorGrant } from '../../core/actor.js';
import { LEVEL_COLUMN } from '../../core/scope.js';
import { ancestorsOf } from '../regions/regions.model.js';
import type { RequestStatus, StepName } from './admission.schemas.js';

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

/**
 * SQL: the request has a target that meets the node (lies under it, or is one of its ancestors, i.e.
 * the task applies to the node or to something under it).
 */
export function targetMeets(
  eb: ExpressionBuilder<any, any>,
  nodes: { regionCode: string; level: RegionLevel }[],
): Expression<SqlBool> {
  if (nodes.length === 0) return sql<SqlBool>`1 = 0`;
  return eb.exists(
    eb
      .selectFrom('admissionTarget as t')
      .select(sql`1`.as('one'))
      .whereRef('t.requestId', '=', 'admissionRequest.id')
      .where((e) =>
        e.or(
          nodes.flatMap((n) => [
            e(`t.${LEVEL_COLUMN[n.level]}` as any, '=', n.regionCode),
            e('t.regionCode', 'in', selfAndAncestors(n.regionCode, n.level)),
          ]),
        ),
      ),
  );
}

const ADMITTED: RequestStatus[] = ['approved', 'expired', 'withdrawn'];

/**
 * SQL twin of "may read this request":
 * - the filing department sees its own requests, drafts included;
 * - reviewers and approvers see every submitted request in their area (home or targets);
 * - every other business reader (villages, departments for others' tasks) sees admitted tasks that
 *   apply to their area.
 */
export function readableRequests(actor: Actor) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    const fileGrants = grantsWith(actor, 'admission.file');
    if (actor.departmentId && fileGrants.length) {
      ors.push(
        eb.and([
          eb('admissionRequest.departmentId', '=', actor.departmentId),
          eb.or(fileGrants.map((g) => eb(`admissionRequest.${LEVEL_COLUMN[g.level]}` as any, '=', g.regionCode))),
        ]),
      );
    }
    const reviewGrants = [...grantsWith(actor, 'admission.review'), ...grantsWith(actor, 'admission.approve')];
    if (reviewGrants.length) {
      ors.push(
        eb.and([
          eb('admissionRequest.status', '!=', 'draft'),
          eb.or([
            ...reviewGrants.map((g) => eb(`admissionRequest.${LEVEL_COLUMN[g.level]}` as any, '=', g.regionCode)),
            targetMeets(eb, reviewGrants),
          ]),
        ]),
      );
    }
    const readGrants = grantsWith(actor, 'admission.read');
    if (readGrants.length) {
      ors.push(
        eb.and([
          eb('admissionRequest.status', 'in', ADMITTED),
          eb('admissionRequest.approvedRevision', 'is not', null),
          targetMeets(eb, readGrants),
        ]),
      );
    }
    if (ors.length === 0) return sql<SqlBool>`1 = 0`;
    return ors.length === 1 ? ors[0] : eb.or(ors);
  };
}

/** Flags: villages see their own, townships and the district their area, a department the flags naming it. */
export function readableFlags(actor: Actor) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const ors: Expression<SqlBool>[] = [];
    for (const g of actor.grants) {
      if (g.role === 'department_officer') {
        if (actor.departmentId)
          ors.push(
            eb.and([
              eb('admissionFlag.departmentId', '=', actor.departmentId),
              eb(`admissionFlag.${LEVEL_COLUMN[g.level]}` as any, '=', g.regionCode),
            ]),
          );
      } else if (grantsWith(actor, 'admission.read').includes(g)) {
        ors.push(eb(`admissionFlag.${LEVEL_COLUMN[g.level]}` as any, '=', g.regionCode));
      }
    }
    if (ors.length === 0) return sql<SqlBool>`1 = 0`;
    return ors.length === 1 ? ors[0] : eb.or(ors);
  };
}
