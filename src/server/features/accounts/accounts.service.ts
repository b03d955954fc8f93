import { pinyin } from 'pinyin-pro';
import type { Deps } from '../../deps.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { canAt, type Actor, type RequestContext } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { checkPassword, hashPassword, verifyPassword } from '../../core/password.js';
import { isUniqueViolation } from '../../db/dialect.js';
import {
  isAdminRole,
  PERMISSIONS,
  ROLE_LABELS,
  roleHas,
  type Permission,
  type RegionLevel,
  type Role,
} from '../../../shared/roles.js';
import type { Me, NewUser } from '../../../shared/accounts.js';
import * as repo from './accounts.repo.js';
import * as authRepo from './accounts.auth.repo.js';
import {
  canGrantAt,
  canManageUserAt,
  grantProblem,
  isAdminAccount,
  needsAdminPassword,
  RESERVED_USERNAMES,
} from './accounts.policy.js';
import { normalizeUsername } from './accounts.auth.js';
import {
  applyAddGrant,
  applyRemoveGrant,
  applyResetMfa,
  applyResetPassword,
  rememberPassword,
} from './accounts.apply.js';
import { fileRequest } from './accounts.requests.js';

export { normalizeUsername };

// ------------------------------------------------------------------------------------------ passwords

const PLACE_SUFFIX = /(特别行政区|自治区|自治州|自治县|街道办事处|街道|地区|省|市|区|县|镇|乡|盟|旗)$/;

/** The local words of the password blocklist: place names of the deployment, in Chinese and pinyin. */
export async function contextWords(db: Kysely<DB>): Promise<string[]> {
  const words = new Set<string>();
  for (const name of await repo.placeNames(db)) {
    const base = name.replace(PLACE_SUFFIX, '');
    if ([...base].length < 2) continue;
    words.add(base);
    words.add(pinyin(base, { toneType: 'none', type: 'array' }).join('').replace(/ü/g, 'v'));
  }
  return [...words];
}

/** Every rule a new password of this account must pass: policy, blocklists and history. */
async function passwordProblems(
  deps: Deps,
  user: { id: string | null; username: string; passwordHash?: string },
  roles: readonly Role[],
  plain: string,
): Promise<string[]> {
  const problems = checkPassword(deps.config.password, plain, {
    username: user.username,
    admin: needsAdminPassword(roles),
    contextWords: await contextWords(deps.db),
  });
  if (!problems.length && user.id) {
    const recent = await authRepo.recentPasswordHashes(deps.db, user.id, deps.config.password.history);
    if (user.passwordHash && !recent.includes(user.passwordHash)) recent.push(user.passwordHash);
    for (const h of recent)
      if (await verifyPassword(h, plain)) {
        problems.push(`新密码不能与最近 ${deps.config.password.history} 次使用过的密码相同`);
        break;
      }
  }
  return problems;
}

const refuse = (field: string, lead: string, problems: string[]): never => {
  throw new AppError('validation_failed', `${lead}：${problems.join('；')}`, {
    issues: problems.map((m) => ({ field, message: m })),
  });
};

export async function changePassword(
  deps: Deps,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
) {
  const actor = ctx.actor!;
  const user = (await repo.findUserById(deps.db, actor.userId))!;
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw new AppError('validation_failed', '当前密码不正确', {
      issues: [{ field: 'currentPassword', message: '当前密码不正确' }],
    });
  const problems = await passwordProblems(deps, user, await repo.rolesOf(deps.db, user.id), input.newPassword);
  if (problems.length) refuse('newPassword', '新密码不符合要求', problems);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.nowIso();
    await repo.updateUser(trx, user.id, {
      passwordHash,
      mustChangePassword: 0,
      passwordChangedAt: now,
      updatedAt: now,
    });
    await rememberPassword(trx, deps, user.id, passwordHash);
    // Other sessions of this user end; the current one stays.
    await repo.deleteSessionsOf(trx, user.id, actor.sessionId);
    await appendAudit(trx, deps, ctx, {
      action: 'auth.password_change',
      entity: 'user',
      entityId: user.id,
      regionCode: user.regionCode,
    });
  });
}

// ------------------------------------------------------------------------------------------ me, logout, sessions

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

// ------------------------------------------------------------------------------------------ users (三员 console)

async function loadVisibleUser(deps: Deps, actor: Actor, id: string) {
  return (await repo.findVisibleUser(deps.db, actor, id)) ?? notFound('用户');
}

const view = ({ level: _l, ...u }: repo.UserView) => u;

export async function listUsers(deps: Deps, actor: Actor, q: string, page: number, pageSize: number) {
  const { total, items } = await repo.listVisibleUsers(deps.db, actor, q, page, pageSize);
  const grants = await repo.grantsOf(
    deps.db,
    items.map((r) => r.id),
  );
  const blocked = await authRepo.blockedNames(
    deps.db,
    items.map((r) => r.username),
    deps.clock.nowIso(),
  );
  return {
    total,
    items: items.map((r) => ({ ...view(r), locked: blocked.has(r.username), grants: grants.get(r.id) ?? [] })),
  };
}

export async function createUser(deps: Deps, ctx: RequestContext, input: NewUser) {
  const actor = ctx.actor!;
  const username = normalizeUsername(input.username);
  if (!canManageUserAt(actor, input.regionCode)) throw new AppError('forbidden', '只能在本人管辖区划内创建用户');
  if (RESERVED_USERNAMES.has(username))
    throw new AppError('validation_failed', `用户名“${username}”是保留名称，请换一个`, {
      issues: [{ field: 'username', message: '保留名称不能用作用户名' }],
    });
  if (!(await repo.findRegion(deps.db, input.regionCode)))
    throw new AppError('validation_failed', `区划 ${input.regionCode} 不存在`, {
      issues: [{ field: 'regionCode', message: '区划不存在' }],
    });
  if (input.departmentId && !(await repo.findDepartment(deps.db, input.departmentId)))
    throw new AppError('validation_failed', '所属部门不存在', {
      issues: [{ field: 'departmentId', message: '部门不存在' }],
    });
  const problems = await passwordProblems(deps, { id: null, username }, [], input.password);
  if (problems.length) refuse('password', '初始密码不符合要求', problems);
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.nowIso();
  const id = newId();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertUser(
        trx,
        newUserRow({
          id,
          username,
          displayName: input.displayName,
          regionCode: input.regionCode,
          departmentId: input.departmentId ?? null,
          passwordHash,
          mustChange: true,
          demo: false,
          now,
        }),
      );
      await rememberPassword(trx, deps, id, passwordHash);
      await appendAudit(trx, deps, ctx, {
        action: 'users.create',
        entity: 'user',
        entityId: id,
        regionCode: input.regionCode,
        after: {
          username,
          displayName: input.displayName,
          regionCode: input.regionCode,
          departmentId: input.departmentId ?? null,
        },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', `用户名“${username}”已存在`);
    throw err;
  }
  return view(await loadVisibleUser(deps, actor, id));
}

/** A full app_user row for a new account. */
export function newUserRow(a: {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
  departmentId: string | null;
  passwordHash: string;
  mustChange: boolean;
  demo: boolean;
  now: string;
}): repo.NewUserRecord {
  return {
    id: a.id,
    username: a.username,
    displayName: a.displayName,
    regionCode: a.regionCode,
    departmentId: a.departmentId,
    passwordHash: a.passwordHash,
    mustChangePassword: a.mustChange ? 1 : 0,
    passwordChangedAt: null,
    failedCount: 0,
    lockedUntil: null,
    status: 'active',
    lastLoginAt: null,
    createdAt: a.now,
    updatedAt: a.now,
    version: 1,
    totpSecretEnc: null,
    totpEnabledAt: null,
    totpLastStep: null,
    demo: a.demo ? 1 : 0,
  };
}

/**
 * Edits, unlocks, disables or enables a user. Disabling or enabling an administrator is filed as a
 * two-person request (returned as `pending`) instead of applied.
 */
export async function updateUser(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { displayName?: string; status?: 'active' | 'disabled'; unlock?: boolean; version: number },
) {
  const actor = ctx.actor!;
  const user = await loadVisibleUser(deps, actor, id);
  if (!canManageUserAt(actor, user.regionCode)) throw new AppError('forbidden');
  if (user.id === actor.userId && input.status === 'disabled') throw new AppError('forbidden', '不能停用自己的账户');
  const statusChange = input.status !== undefined && input.status !== user.status;
  if (statusChange && isAdminAccount(await repo.rolesOf(deps.db, id))) {
    if (input.displayName !== undefined || input.unlock)
      throw new AppError('validation_failed', '停用或启用管理员账户须单独提交（需双人复核）');
    if (user.version !== input.version) throw new AppError('conflict', undefined, { current: view(user) });
    const pending = await fileRequest(deps, ctx, {
      kind: input.status === 'disabled' ? 'disable_user' : 'enable_user',
      target: user,
      payload: {},
    });
    return { pending };
  }
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.nowIso();
    const updated = await repo.updateUser(
      trx,
      id,
      {
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.unlock ? { lockedUntil: null, failedCount: 0 } : {}),
        updatedAt: now,
      },
      input.version,
    );
    // Read inside the transaction: on SQLite it holds the only connection, so deps.db would wait forever.
    if (!updated) {
      const now = await repo.findVisibleUser(trx, actor, id);
      throw new AppError('conflict', undefined, now ? { current: view(now) } : undefined);
    }
    if (input.unlock) await authRepo.clearThrottles(trx, [`n:${user.username}`], `p:${user.username}|`);
    if (input.status === 'disabled') await repo.deleteSessionsOf(trx, id);
    await appendAudit(trx, deps, ctx, {
      action: input.unlock ? 'users.unlock' : 'users.update',
      entity: 'user',
      entityId: id,
      regionCode: user.regionCode,
      before: { displayName: user.displayName, status: user.status },
      after: {
        displayName: input.displayName ?? user.displayName,
        status: input.status ?? user.status,
        unlocked: !!input.unlock,
      },
    });
  });
  return { user: view(await loadVisibleUser(deps, actor, id)) };
}

/**
 * The 系统管理员 resets a user's password to a one-time password (shown once; the user must change it;
 * the second factor stays). For an administrator it is a two-person request.
 */
export async function resetPassword(deps: Deps, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  const user = await loadVisibleUser(deps, actor, id);
  if (!canManageUserAt(actor, user.regionCode)) throw new AppError('forbidden');
  if (user.id === actor.userId) throw new AppError('forbidden', '请在“修改密码”中修改本人密码');
  if (isAdminAccount(await repo.rolesOf(deps.db, id)))
    return {
      oneTimePassword: null,
      pending: await fileRequest(deps, ctx, { kind: 'reset_password', target: user, payload: {} }),
    };
  const oneTimePassword = await deps.db.transaction().execute((trx) => applyResetPassword(trx, deps, ctx, user));
  return { oneTimePassword, pending: null };
}

/** The 安全管理员 removes a user's second factor (lost phone); for an administrator it is a two-person request. */
export async function resetMfa(deps: Deps, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  const user = await loadVisibleUser(deps, actor, id);
  if (!canAt(actor, 'sessions.manage', user.regionCode)) throw new AppError('forbidden');
  if (user.id === actor.userId) throw new AppError('forbidden', '不能重置本人的动态口令');
  if (isAdminAccount(await repo.rolesOf(deps.db, id)))
    return { pending: await fileRequest(deps, ctx, { kind: 'reset_mfa', target: user, payload: {} }) };
  await deps.db.transaction().execute((trx) => applyResetMfa(trx, deps, ctx, user));
  return { pending: null };
}

// ------------------------------------------------------------------------------------------ grants

export async function userGrants(deps: Deps, actor: Actor, id: string) {
  await loadVisibleUser(deps, actor, id);
  return (await repo.grantsOf(deps.db, [id])).get(id) ?? [];
}

/** Grants a role; an administrator role is a two-person request (returned as `pending`). */
export async function addGrant(
  deps: Deps,
  ctx: RequestContext,
  input: { userId: string; role: Role; regionCode: string },
) {
  const actor = ctx.actor!;
  const user = await loadVisibleUser(deps, actor, input.userId);
  if (!canGrantAt(actor, input.regionCode)) throw new AppError('forbidden', '只能在本人管辖区划内授权');
  if (user.id === actor.userId) throw new AppError('forbidden', '不能给自己授权');
  const region = await repo.findRegion(deps.db, input.regionCode);
  if (!region)
    throw new AppError('validation_failed', '区划不存在', { issues: [{ field: 'regionCode', message: '区划不存在' }] });
  const problem = grantProblem(
    await repo.rolesOf(deps.db, user.id),
    input.role,
    region.level as RegionLevel,
    !!user.departmentId,
  );
  if (problem) throw new AppError('conflict', problem);
  if (isAdminRole(input.role)) {
    const pending = await fileRequest(deps, ctx, {
      kind: 'add_admin_grant',
      target: user,
      payload: { role: input.role, regionCode: input.regionCode },
    });
    return { items: await userGrants(deps, actor, user.id), pending };
  }
  try {
    await deps.db
      .transaction()
      .execute((trx) => applyAddGrant(trx, deps, ctx, { ...input, username: user.username, createdBy: actor.userId }));
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('conflict', '该授权已存在，或违反三员分立（一个账户只能持有一种管理员角色）');
    throw err;
  }
  return { items: await userGrants(deps, actor, user.id), pending: null };
}

/** Revokes a grant; an administrator role is a two-person request (returned as `pending`). */
export async function removeGrant(deps: Deps, ctx: RequestContext, grantId: string) {
  const actor = ctx.actor!;
  const grant = await repo.findGrant(deps.db, grantId);
  if (!grant) return notFound('授权');
  const user = await loadVisibleUser(deps, actor, grant.userId);
  if (!canAt(actor, 'grants.manage', grant.regionCode)) throw new AppError('forbidden');
  if (isAdminRole(grant.role as Role))
    return {
      pending: await fileRequest(deps, ctx, {
        kind: 'remove_grant',
        target: user,
        payload: { grantId, role: grant.role, regionCode: grant.regionCode },
      }),
    };
  await deps.db.transaction().execute((trx) => applyRemoveGrant(trx, deps, ctx, grant, user.username));
  return { pending: null };
}

// ------------------------------------------------------------------------------------------ departments

export const listDepartments = (deps: Deps, actor: Actor) => repo.listVisibleDepartments(deps.db, actor);

export async function createDepartment(
  deps: Deps,
  ctx: RequestContext,
  input: { regionCode: string; name: string; kind: 'party' | 'government' | 'mass' },
) {
  const actor = ctx.actor!;
  if (!canAt(actor, 'departments.manage', input.regionCode))
    throw new AppError('forbidden', '只能在本人管辖区划内创建部门');
  const id = newId();
  const now = deps.clock.nowIso();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await repo.insertDepartment(trx, { id, ...input, createdAt: now, updatedAt: now, version: 1 });
      await appendAudit(trx, deps, ctx, {
        action: 'departments.create',
        entity: 'department',
        entityId: id,
        regionCode: input.regionCode,
        after: input,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', `部门“${input.name}”已存在`);
    throw err;
  }
  return { id, ...input };
}
