import type { Permission, RegionLevel, Role } from '../../shared/roles.js';
import { roleHas } from '../../shared/roles.js';

export interface ActorGrant {
  role: Role;
  regionCode: string;
  level: RegionLevel;
}

/** Who is acting: plain data built once per request from the session. Policies read only this. */
export interface Actor {
  userId: string;
  username: string;
  displayName: string;
  regionCode: string;
  departmentId: string | null;
  grants: ActorGrant[];
  sessionId: string | null;
  mustChangePassword: boolean;
  /** TOTP is required of this account and not enrolled yet: only the enrolment routes answer. */
  mfaEnrolmentRequired?: boolean;
}

/** Request facts for the audit row. */
export interface RequestContext {
  actor: Actor | null;
  ip: string | null;
  requestId: string | null;
}

/** The context of a signed-in request (routes with a session or permission policy): the actor is known. */
export interface AuthedContext extends RequestContext {
  actor: Actor;
}

const PREFIX: Record<RegionLevel, number> = {
  province: 2,
  city: 4,
  county: 6,
  township: 9,
  village: 12,
  community: 12,
};

/** Length of the division-code prefix shared by every node under a node of this level. */
export const prefixLength = (level: RegionLevel) => PREFIX[level];

/** True when `code` is the node itself or lies under it (12-digit division codes are hierarchical). */
export const regionCovers = (node: { regionCode: string; level: RegionLevel }, code: string) =>
  code.length === 12 && code.startsWith(node.regionCode.slice(0, PREFIX[node.level]));

/** Grants of the actor whose role carries the permission. */
export const grantsWith = (actor: Actor, permission: Permission) =>
  actor.grants.filter((g) => roleHas(g.role, permission));

/** May the actor do `permission` at all (somewhere)? */
export const hasPermission = (actor: Actor, permission: Permission) => grantsWith(actor, permission).length > 0;

/** May the actor do `permission` on something in region `code`? */
export const canAt = (actor: Actor, permission: Permission, code: string) =>
  grantsWith(actor, permission).some((g) => regionCovers(g, code));

export const hasRole = (actor: Actor, role: Role) => actor.grants.some((g) => g.role === role);
