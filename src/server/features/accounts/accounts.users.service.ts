/**
 * Users (the 三员 console): list, create, edit, unlock, disable or enable, reset a password or a second
 * factor. Changes to an administrator account are filed as two-person requests (accounts.requests.ts).
 */
import type { Deps } from '../../deps.js';
import { canAt, type Actor, type RequestContext } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { hashPassword } from '../../core/password.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { NewUser } from '../../../shared/accounts.js';
import * as repo from './accounts.repo.js';
import * as authRepo from './accounts.auth.repo.js';
import { canManageUserAt, isAdminAccount, RESERVED_USERNAMES } from './accounts.policy.js';
import { normalizeUsername } from './accounts.auth.js';
import { applyResetMfa, applyResetPassword, rememberPassword } from './accounts.apply.js';
import { fileRequest } from './accounts.requests.js';
import { passwordProblems, refuse } from './accounts.passwords.service.js';

/** A user the actor may see, or 404. */
export async function loadVisibleUser(deps: Deps, actor: Actor, id: string) {
  return (await repo.findVisibleUser(deps.db, actor, id)) ?? notFound('用户');
}

/** A user as the API shows it (without the region level). */
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
