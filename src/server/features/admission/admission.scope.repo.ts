/**
 * The SQL twin of the admission policy (admission.policy.ts): which requests and flags an actor may read,
 * as conditions for list and lookup queries. Kept beside the repositories because it is SQL.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { RegionLevel } from '../../../shared/roles.js';
import type { RequestStatus } from '../../../shared/admission.js';
import { grantsWith, type Actor } from '../../core/actor.js';
import { LEVEL_COLUMN } from '../../core/scope.js';
import { selfAndAncestors } from './admission.policy.js';

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
