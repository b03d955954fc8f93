/**
 * The signed-in user and sessions: who am I (profile, grants, permissions, what is pending), signing out,
 * one's own sessions, and the 安全管理员's console over every session in the region.
 */
import type { Deps } from '../../deps.js';
import { canAt, type Actor, type RequestContext } from '../../core/actor.js';
import { notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { PERMISSIONS, ROLE_LABELS, roleHas, type Permission, type RegionLevel } from '../../../shared/roles.js';
import type { Me } from '../../../shared/accounts.js';
import * as repo from './accounts.repo.js';
import { needsAdminPassword } from './accounts.policy.js';

export async function logout(deps: Deps, ctx: RequestContext) {
  const actor = ctx.actor;
  if (!actor?.sessionId) return;
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, actor.sessionId!);
    await appendAudit(trx, deps, ctx, {
      action: 'auth.logout',
      entity: 'session',
      entityId: actor.userId,
      regionCode: actor.regionCode,
    });
  });
}

/** The signed-in user as the web app needs it: profile, grants with region names, permissions, what is pending. */
export async function me(deps: Deps, actor: Actor, csrfToken: string | null): Promise<Me> {
  const region = await repo.findRegion(deps.db, actor.regionCode);
  const nameOf = new Map(
    (
      await repo.regionNames(
        deps.db,
        actor.grants.map((g) => g.regionCode),
      )
    ).map((n) => [n.code, n.name]),
  );
  const department = actor.departmentId ? await repo.findDepartment(deps.db, actor.departmentId) : undefined;
  const user = await repo.findUserById(deps.db, actor.userId);
  const roles = actor.grants.map((g) => g.role);
  const { password } = deps.config;
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    region: region ? { code: region.code, name: region.name, level: region.level as RegionLevel } : null,
    department: department ?? null,
    grants: actor.grants.map((g) => ({
      role: g.role,
      roleLabel: ROLE_LABELS[g.role].zh,
      regionCode: g.regionCode,
      regionName: nameOf.get(g.regionCode) ?? g.regionCode,
      level: g.level,
    })),
    permissions: PERMISSIONS.filter((p) => actor.grants.some((g) => roleHas(g.role, p))) as Permission[],
    mustChangePassword: actor.mustChangePassword,
    mfaEnrolmentRequired: !!actor.mfaEnrolmentRequired,
    mfaEnabled: !!user?.totpEnabledAt,
    passwordMinLength: needsAdminPassword(roles)
      ? Math.max(password.adminMinLength, password.minLength)
      : password.minLength,
    csrfToken,
  };
}

const sessionView = (actor: Actor) => (r: Awaited<ReturnType<typeof repo.sessionsOf>>[number]) => ({
  ...r,
  current: r.id === actor.sessionId,
});

export const listSessions = async (deps: Deps, actor: Actor) =>
  (await repo.sessionsOf(deps.db, actor.userId)).map(sessionView(actor));

export async function endSession(deps: Deps, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.deleteSession(trx, id, actor.userId))) notFound('会话');
    await appendAudit(trx, deps, ctx, {
      action: 'auth.session_end',
      entity: 'session',
      entityId: actor.userId,
      regionCode: actor.regionCode,
    });
  });
}

/** Every session in the 安全管理员's region (AS-07: an administrator can end any session). */
export const listAllSessions = async (deps: Deps, actor: Actor) =>
  (await repo.visibleSessions(deps.db, actor, deps.clock.nowIso())).map(({ regionCode: _r, ...s }) =>
    sessionView(actor)(s),
  );

export async function endAnySession(deps: Deps, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  const s = await repo.findSessionWithUser(deps.db, id);
  if (!s || !canAt(actor, 'sessions.manage', s.regionCode)) return notFound('会话');
  await deps.db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, id);
    await appendAudit(trx, deps, ctx, {
      action: 'sessions.end',
      entity: 'session',
      entityId: s.userId,
      regionCode: s.regionCode,
      after: { username: s.username },
    });
  });
}
