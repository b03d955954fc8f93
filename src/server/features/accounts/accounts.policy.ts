import type { RegionLevel, Role } from '../../../shared/roles.js';
import { isAdminRole, REGION_LEVEL_LABELS, ROLE_LABELS } from '../../../shared/roles.js';
import { canAt, type Actor } from '../../core/actor.js';

/** The region levels a role may be granted on. */
export const ROLE_LEVELS: Record<Role, readonly RegionLevel[]> = {
  village_cadre: ['village', 'community'],
  township_officer: ['township'],
  district_lead: ['county', 'city', 'province'],
  district_approver: ['county', 'city', 'province'],
  department_officer: ['county', 'city', 'province', 'township'],
  sysadmin: ['province', 'city', 'county', 'township'],
  secadmin: ['province', 'city', 'county', 'township'],
  auditor: ['province', 'city', 'county', 'township'],
};

/** Why a new grant is refused (Chinese), or null when it may be added. Pure: the caller loads the facts. */
export function grantProblem(
  existingRoles: Role[],
  role: Role,
  level: RegionLevel,
  hasDepartment: boolean,
): string | null {
  if (!ROLE_LEVELS[role].includes(level))
    return `角色“${ROLE_LABELS[role].zh}”不能授予在${REGION_LEVEL_LABELS[level].zh}级区划上`;
  if (role === 'department_officer' && !hasDepartment) return '部门经办须先为用户指定所属部门';
  const admins = existingRoles.filter(isAdminRole);
  if (isAdminRole(role) && admins.some((r) => r !== role))
    return '三员分立：系统管理员、安全管理员、审计管理员不能由同一账户兼任';
  if (isAdminRole(role) && existingRoles.some((r) => !isAdminRole(r)))
    return '三员分立：管理员账户不能同时持有业务角色';
  if (!isAdminRole(role) && admins.length > 0) return '三员分立：管理员账户不能同时持有业务角色';
  return null;
}

export const canManageUserAt = (actor: Actor, regionCode: string) => canAt(actor, 'users.manage', regionCode);
export const canGrantAt = (actor: Actor, regionCode: string) => canAt(actor, 'grants.manage', regionCode);

/** An administrator account: holds one of 系统管理员 / 安全管理员 / 审计管理员. */
export const isAdminAccount = (roles: readonly Role[]) => roles.some(isAdminRole);

/** Roles whose holders must use TOTP when the setting requires it: the three administrators and the district roles. */
export const MFA_ROLES: readonly Role[] = ['sysadmin', 'secadmin', 'auditor', 'district_lead', 'district_approver'];

/** TOTP required of this account? The demo accounts are a documented exception. */
export const mfaRequiredFor = (setting: boolean, roles: readonly Role[], demo: boolean) =>
  setting && !demo && roles.some((r) => MFA_ROLES.includes(r));

/** Accounts whose passwords need the administrator length (12): the three administrators and the district roles. */
export const needsAdminPassword = (roles: readonly Role[]) => roles.some((r) => MFA_ROLES.includes(r));

/** Names no account may take (DB-05: no default account names). */
export const RESERVED_USERNAMES = new Set([
  'admin',
  'administrator',
  'root',
  'test',
  'guest',
  'system',
  'superuser',
  'sa',
  'user',
  '管理员',
]);

/**
 * The two-person rule: may `decider` approve or reject a request? Not the requester, not the account
 * the request is about, and only an administrator of another role than the requester's (two secadmins
 * cannot approve each other's grants). Pure: returns the Chinese reason, or null.
 */
export function decisionProblem(
  request: { requestedBy: string; targetUserId: string; requesterRole: Role },
  decider: { userId: string; roles: readonly Role[] },
): string | null {
  if (decider.userId === request.requestedBy) return '不能复核本人提出的申请，须由另一名管理员复核';
  if (decider.userId === request.targetUserId) return '不能复核针对本人账户的申请';
  if (!decider.roles.some((r) => isAdminRole(r) && r !== request.requesterRole))
    return '须由与申请人不同类别的管理员（系统、安全、审计管理员之一）复核';
  return null;
}
