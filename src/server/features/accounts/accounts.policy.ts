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
