/**
 * Who may do what with campaigns, ledgers and clean-up tasks: pure rules over the actor and loaded
 * facts, plus their SQL twins for lists. Invisible → 404 (services), visible but not allowed → 403.
 */
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { roleHas, type RegionLevel } from '../../../shared/roles.js';
import { canAt, grantsWith, prefixLength, regionCovers, type Actor } from '../../core/actor.js';
import { LEVEL_COLUMN } from '../../core/scope.js';
import type { CampaignStatus, LedgerStatus, OwnerKind, TaskStatus } from '../../../shared/campaigns.js';

export interface CampaignFacts {
  regionCode: string;
  regionLevel: RegionLevel;
  status: CampaignStatus;
}
export interface LedgerFacts {
  villageCode: string;
  status: LedgerStatus;
  approvalStale: boolean;
}
export interface TaskFacts {
  villageCode: string;
  ownerKind: OwnerKind;
  ownerDepartmentId: string | null;
  status: TaskStatus;
}

/** Does node A (code, level) contain node B's code, or B contain A? (Campaigns are seen up and down the tree.) */
const related = (a: { regionCode: string; level: RegionLevel }, code: string, level: RegionLevel) => {
  const pa = prefixLength(a.level);
  const pb = prefixLength(level);
  return pa <= pb ? code.startsWith(a.regionCode.slice(0, pa)) : a.regionCode.startsWith(code.slice(0, pb));
};

/** A campaign is visible to a business role whose node lies inside it or contains it. */
export const canSeeCampaign = (actor: Actor, c: Pick<CampaignFacts, 'regionCode' | 'regionLevel'>) =>
  grantsWith(actor, 'campaigns.read').some((g) => related(g, c.regionCode, c.regionLevel));
export const canManageCampaign = (actor: Actor, c: Pick<CampaignFacts, 'regionCode'>) =>
  canAt(actor, 'campaigns.manage', c.regionCode);
export const canEditCampaign = (actor: Actor, c: CampaignFacts) => canManageCampaign(actor, c) && c.status !== 'closed';
export const canLaunch = (actor: Actor, c: CampaignFacts) => canManageCampaign(actor, c) && c.status === 'draft';

// ------------------------------------------------------------------ ledgers

export const canReadLedger = (actor: Actor, l: Pick<LedgerFacts, 'villageCode'>) =>
  canAt(actor, 'ledgers.read', l.villageCode);
/** Rows may change in draft, after a return, and after an approval (which then goes stale); never while under review. */
export const isEditableStatus = (s: LedgerStatus) => s !== 'submitted';
export const canEditRows = (actor: Actor, l: LedgerFacts, c: Pick<CampaignFacts, 'status'>) =>
  c.status === 'active' && isEditableStatus(l.status) && canAt(actor, 'ledgers.fill', l.villageCode);
export const canImportRows = (actor: Actor, l: LedgerFacts, c: Pick<CampaignFacts, 'status'>) =>
  c.status === 'active' && isEditableStatus(l.status) && canAt(actor, 'ledgers.import', l.villageCode);
export const canSubmit = (actor: Actor, l: LedgerFacts, c: Pick<CampaignFacts, 'status'>) =>
  c.status === 'active' &&
  (l.status === 'draft' || l.status === 'returned' || (l.status === 'approved' && l.approvalStale)) &&
  canAt(actor, 'ledgers.fill', l.villageCode);
export const canWithdraw = (actor: Actor, l: LedgerFacts, c: Pick<CampaignFacts, 'status'>) =>
  c.status === 'active' && l.status === 'submitted' && canAt(actor, 'ledgers.fill', l.villageCode);
export const canReview = (actor: Actor, l: LedgerFacts, c: Pick<CampaignFacts, 'status'>) =>
  c.status === 'active' && l.status === 'submitted' && canAt(actor, 'ledgers.review', l.villageCode);

export function ledgerAbilities(actor: Actor, l: LedgerFacts, c: Pick<CampaignFacts, 'status'>) {
  return {
    edit: canEditRows(actor, l, c),
    import: canImportRows(actor, l, c),
    submit: canSubmit(actor, l, c),
    withdraw: canWithdraw(actor, l, c),
    return: canReview(actor, l, c),
    approve: canReview(actor, l, c),
  };
}

// ------------------------------------------------------------------ clean-up tasks

/** Department officers see only their own department's tasks; other roles see their subtree. */
export function canReadTask(actor: Actor, t: Pick<TaskFacts, 'villageCode' | 'ownerDepartmentId'>): boolean {
  return grantsWith(actor, 'tasks.read').some(
    (g) =>
      regionCovers(g, t.villageCode) &&
      (g.role !== 'department_officer' || (actor.departmentId !== null && t.ownerDepartmentId === actor.departmentId)),
  );
}

/** The owner works the task (evidence, closure): the village for its own tasks, the department for its own; the township for either. */
export function canWorkTask(actor: Actor, t: TaskFacts): boolean {
  if (t.status !== 'open') return false;
  return actor.grants.some((g) => {
    if (!roleHas(g.role, 'tasks.update') || !regionCovers(g, t.villageCode)) return false;
    if (g.role === 'village_cadre') return t.ownerKind === 'village';
    if (g.role === 'department_officer')
      return t.ownerKind === 'department' && actor.departmentId !== null && t.ownerDepartmentId === actor.departmentId;
    return true;
  });
}

export const canManageTask = (actor: Actor, t: Pick<TaskFacts, 'villageCode'>) =>
  canAt(actor, 'tasks.manage', t.villageCode);
export const canReopenTask = (actor: Actor, t: TaskFacts) => t.status === 'closed' && canManageTask(actor, t);

export function taskAbilities(actor: Actor, t: TaskFacts) {
  return {
    addEvidence: canWorkTask(actor, t),
    close: canWorkTask(actor, t),
    reassign: t.status === 'open' && canManageTask(actor, t),
    reopen: canReopenTask(actor, t),
  };
}

/** SQL twin of canReadTask for a table with the ancestor columns and owner_department_id. */
export function taskVisibleTo(actor: Actor, table = 'cleanupTask') {
  const grants = grantsWith(actor, 'tasks.read');
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    const ors = grants.flatMap((g) => {
      const inRegion = eb(`${table}.${LEVEL_COLUMN[g.level]}`, '=', g.regionCode);
      if (g.role !== 'department_officer') return [inRegion];
      if (!actor.departmentId) return [];
      return [eb.and([inRegion, eb(`${table}.ownerDepartmentId`, '=', actor.departmentId)])];
    });
    if (ors.length === 0) return sql<SqlBool>`1 = 0`;
    return ors.length === 1 ? ors[0] : eb.or(ors);
  };
}

/** SQL twin of canSeeCampaign over the campaign table (region_code and its ancestor columns). */
export function campaignVisibleTo(actor: Actor) {
  const grants = grantsWith(actor, 'campaigns.read');
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    if (grants.length === 0) return sql<SqlBool>`1 = 0`;
    const ors: Expression<SqlBool>[] = [];
    for (const g of grants) {
      // Campaigns above or at the grant's node: the node's ancestors (and itself).
      const ups: string[] = [];
      for (const n of [2, 4, 6, 9, 12])
        if (n <= prefixLength(g.level)) ups.push(g.regionCode.slice(0, n).padEnd(12, '0'));
      ors.push(eb('campaign.regionCode', 'in', [...new Set(ups)]));
      // Campaigns below the grant's node (a province lead sees a district's campaign).
      const col = { province: 'provinceCode', city: 'cityCode', county: 'countyCode' }[
        g.level as 'province' | 'city' | 'county'
      ];
      if (col) ors.push(eb(`campaign.${col}`, '=', g.regionCode));
    }
    return eb.or(ors);
  };
}
