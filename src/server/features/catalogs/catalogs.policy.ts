/**
 * Who may do what with catalogs. Pure functions over the actor and loaded facts; the SQL twins
 * (`adjustmentVisibleTo`, `layerVisibleTo`) filter lists.
 *
 * - read (catalogs.read, every business role): catalogs, and the effective catalog of regions in the
 *   actor's subtree.
 * - propose (catalogs.manage): an adjustment on a layer (district or township) the actor's grant covers:
 *   a township officer for their township, the district lead for the district and its townships.
 * - approve / reject / publish (catalogs.approve, the district lead): on layers the grant covers, and
 *   not one's own proposal when four-eyes is configured (JIANFU_CATALOG_FOUR_EYES).
 * - catalog maintenance and imports (catalogs.approve): local lists of a covered region; the shared
 *   base lists (national, provincial) by any holder of catalogs.approve.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { canAt, grantsWith, hasPermission, prefixLength, type Actor } from '../../core/actor.js';
import { visibleTo } from '../../core/scope.js';
import type { RegionLevel } from '../../../shared/roles.js';
import type { AdjustmentStatus } from '../../../shared/catalogs.js';
import { layersOf } from './catalogs.model.js';

export interface TargetFacts {
  code: string;
  level: RegionLevel | string;
}
export interface AdjustmentFacts {
  status: AdjustmentStatus;
  proposerId: string;
  targetRegionCode: string;
  targetLevel: RegionLevel | string;
  publishedAt: string | null;
}
export interface CatalogFacts {
  ownerRegionCode: string | null;
}

/** Only districts (county level) and townships refine catalogs. */
export const isLayerLevel = (level: string) => level === 'county' || level === 'township';

const target = (a: AdjustmentFacts): TargetFacts => ({ code: a.targetRegionCode, level: a.targetLevel });
const isProposer = (actor: Actor, a: AdjustmentFacts) => actor.userId === a.proposerId;

export const canReadRegion = (actor: Actor, code: string) => canAt(actor, 'catalogs.read', code);

export const canProposeAt = (actor: Actor, t: TargetFacts) =>
  isLayerLevel(t.level) && canAt(actor, 'catalogs.manage', t.code);

export const canEditAdjustment = (actor: Actor, a: AdjustmentFacts) =>
  a.status === 'draft' && isProposer(actor, a) && canProposeAt(actor, target(a));
export const canSubmitAdjustment = canEditAdjustment;
export const canCancelAdjustment = (actor: Actor, a: AdjustmentFacts) =>
  (a.status === 'draft' || a.status === 'submitted') && isProposer(actor, a) && canProposeAt(actor, target(a));

/**
 * `fourEyes` (JIANFU_CATALOG_FOUR_EYES) forbids approving one's own proposal. Off by default because a
 * district civil-affairs bureau often has a single responsible officer; both names are recorded either way.
 */
export const canApprove = (actor: Actor, a: AdjustmentFacts, opts: { fourEyes: boolean } = { fourEyes: true }) =>
  a.status === 'submitted' &&
  !(opts.fourEyes && isProposer(actor, a)) &&
  isLayerLevel(a.targetLevel) &&
  canAt(actor, 'catalogs.approve', a.targetRegionCode);
export const canReject = canApprove;

export const canPublish = (actor: Actor, a: AdjustmentFacts) =>
  a.status === 'approved' && a.publishedAt === null && canAt(actor, 'catalogs.approve', a.targetRegionCode);

/** May the actor see the adjustment at all? Its layer is in or above the actor's nodes; drafts only by their proposer. */
export function canSeeAdjustment(actor: Actor, a: AdjustmentFacts): boolean {
  if (a.status === 'draft' && !isProposer(actor, a)) return false;
  if (canAt(actor, 'catalogs.read', a.targetRegionCode)) return true;
  return grantsWith(actor, 'catalogs.read').some((g) => layersOf(g.regionCode).includes(a.targetRegionCode));
}

/** Create local lists (e.g. the district's 小微权力清单) for a covered district or township. */
export const canCreateCatalogAt = (actor: Actor, t: TargetFacts) =>
  isLayerLevel(t.level) && canAt(actor, 'catalogs.approve', t.code);

/** Edit metadata of, or import into, a catalog. */
export const canManageCatalog = (actor: Actor, c: CatalogFacts) =>
  c.ownerRegionCode ? canAt(actor, 'catalogs.approve', c.ownerRegionCode) : hasPermission(actor, 'catalogs.approve');
export const canImportInto = canManageCatalog;

const ancestorCodes = (actor: Actor) => [
  ...new Set(grantsWith(actor, 'catalogs.read').flatMap((g) => layersOf(g.regionCode))),
];

/** SQL twin of canSeeAdjustment for catalog_adjustment rows. */
export function adjustmentVisibleTo(actor: Actor) {
  const inSubtree = visibleTo(actor, 'catalogs.read', 'catalogAdjustment');
  const above = ancestorCodes(actor);
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> =>
    eb.and([
      eb.or([eb('catalogAdjustment.status', '!=', 'draft'), eb('catalogAdjustment.proposerId', '=', actor.userId)]),
      above.length ? eb.or([inSubtree(eb), eb('catalogAdjustment.targetRegionCode', 'in', above)]) : inSubtree(eb),
    ]);
}

/** SQL twin for revision layers: base revisions, layers above the actor's nodes, and layers inside them. */
export function layerVisibleTo(actor: Actor, column: string) {
  const grants = grantsWith(actor, 'catalogs.read');
  const above = ancestorCodes(actor);
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    if (grants.length === 0) return eb(column, 'is', null);
    const ors: Expression<SqlBool>[] = [eb(column, 'is', null)];
    if (above.length) ors.push(eb(column, 'in', above));
    for (const g of grants)
      ors.push(sql<SqlBool>`${sql.ref(column)} like ${`${g.regionCode.slice(0, prefixLength(g.level))}%`}`);
    return eb.or(ors);
  };
}

/** Same rule in JS, for the single-item checks. */
export function canSeeLayer(actor: Actor, regionCode: string | null): boolean {
  if (regionCode === null) return true;
  return canAt(actor, 'catalogs.read', regionCode) || ancestorCodes(actor).includes(regionCode);
}
