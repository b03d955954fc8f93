import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import { canAt, type Actor, type RequestContext } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { addMinutes } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import { checkPassword, dummyHash, hashPassword, verifyPassword } from '../../core/password.js';
import { createSession } from '../../core/sessions.js';
import { containsInsensitive, isUniqueViolation } from '../../db/dialect.js';
import {
  PERMISSIONS,
  ROLE_LABELS,
  roleHas,
  type Permission,
  type RegionLevel,
  type Role,
} from '../../../shared/roles.js';
import { visibleTo } from '../../core/scope.js';
import { canGrantAt, canManageUserAt, grantProblem } from './accounts.policy.js';

/** Login names are case-insensitive and NFKC-normalised. */
export const normalizeUsername = (u: string) => u.normalize('NFKC').trim().toLowerCase();

const BAD_CREDENTIALS = '用户名或密码错误';

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/**
 * Checks the password and opens a session. Failures and lockouts are counted and audited in their own
 * transaction, then reported: 401 for bad credentials, 423 while the account is locked.
 */
export async function login(deps: Deps, input: { username: string; password: string }, meta: LoginMeta) {
  const username = normalizeUsername(input.username);
  const ctx: RequestContext = { actor: null, ip: meta.ip, requestId: meta.requestId };
  const { lockout } = deps.config;
  const outcome = await deps.db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('appUser').selectAll().where('username', '=', username).executeTakeFirst();
    const now = deps.clock.nowIso();
    if (!user || user.status !== 'active') {
      await verifyPassword(await dummyHash(), input.password);
      await appendAudit(trx, deps, ctx, {
        action: 'auth.login',
        entity: 'user',
        outcome: 'failure',
        actorName: username.slice(0, 64),
        after: { reason: user ? 'disabled' : 'unknown_user' },
      });
      return { kind: 'bad' as const };
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      await appendAudit(trx, deps, ctx, {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        actorId: user.id,
        outcome: 'failure',
        actorName: username,
        regionCode: user.regionCode,
        after: { reason: 'locked', lockedUntil: user.lockedUntil },
      });
      return { kind: 'locked' as const, until: user.lockedUntil };
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) {
      const failed = user.failedCount + 1;
      const locks = failed >= lockout.threshold;
      const lockedUntil = locks ? addMinutes(now, lockout.minutes) : null;
      await trx
        .updateTable('appUser')
        .set({ failedCount: locks ? 0 : failed, lockedUntil, updatedAt: now })
        .where('id', '=', user.id)
        .execute();
      await appendAudit(trx, deps, ctx, {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        actorId: user.id,
        outcome: 'failure',
        actorName: username,
        regionCode: user.regionCode,
        after: { reason: 'bad_password', failedCount: failed },
      });
      if (locks) {
        await appendAudit(trx, deps, ctx, {
          action: 'auth.lockout',
          entity: 'user',
          entityId: user.id,
          actorId: user.id,
          actorName: username,
          regionCode: user.regionCode,
          after: { lockedUntil, failures: failed },
        });
        return { kind: 'locked' as const, until: lockedUntil! };
      }
      return { kind: 'bad' as const };
    }
    await trx
      .updateTable('appUser')
      .set({ failedCount: 0, lockedUntil: null, lastLoginAt: now, updatedAt: now })
      .where('id', '=', user.id)
      .execute();
    const session = await createSession(trx, deps.clock, deps.config.session, user.id, meta);
    await appendAudit(
      trx,
      deps,
      { ...ctx, actor: null },
      {
        action: 'auth.login',
        entity: 'user',
        entityId: user.id,
        actorId: user.id,
        actorName: username,
        regionCode: user.regionCode,
        after: { sessionCreated: true },
      },
    );
    return { kind: 'ok' as const, session, mustChangePassword: user.mustChangePassword === 1 };
  });
  if (outcome.kind === 'bad') throw new AppError('unauthenticated', BAD_CREDENTIALS);
  if (outcome.kind === 'locked') {
    const minutes = Math.max(1, Math.ceil((new Date(outcome.until).getTime() - deps.clock.now().getTime()) / 60_000));
    throw new AppError(
      'account_locked',
      `连续 ${lockout.threshold} 次密码错误，账户已锁定，请 ${minutes} 分钟后再试或联系系统管理员解锁`,
      { lockedUntil: outcome.until },
    );
  }
  return outcome;
}

export async function logout(deps: Deps, ctx: RequestContext) {
  const actor = ctx.actor;
  if (!actor?.sessionId) return;
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('session').where('id', '=', actor.sessionId!).execute();
    await appendAudit(trx, deps, ctx, {
      action: 'auth.logout',
      entity: 'session',
      entityId: actor.userId,
      regionCode: actor.regionCode,
    });
  });
}

/** The signed-in user as the web app needs it: profile, grants with region names, permissions. */
export async function me(deps: Deps, actor: Actor, csrfToken: string | null) {
  const region = await deps.db
    .selectFrom('region')
    .select(['code', 'name', 'level'])
    .where('code', '=', actor.regionCode)
    .executeTakeFirst();
  const names = actor.grants.length
    ? await deps.db
        .selectFrom('region')
        .select(['code', 'name'])
        .where(
          'code',
          'in',
          actor.grants.map((g) => g.regionCode),
        )
        .execute()
    : [];
  const nameOf = new Map(names.map((n) => [n.code, n.name]));
  const department = actor.departmentId
    ? await deps.db
        .selectFrom('department')
        .select(['id', 'name'])
        .where('id', '=', actor.departmentId)
        .executeTakeFirst()
    : undefined;
  const permissions = PERMISSIONS.filter((p) => actor.grants.some((g) => roleHas(g.role, p)));
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
    permissions: permissions as Permission[],
    mustChangePassword: actor.mustChangePassword,
    csrfToken,
  };
}

export async function changePassword(
  deps: Deps,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
) {
  const actor = ctx.actor!;
  const user = await deps.db.selectFrom('appUser').selectAll().where('id', '=', actor.userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('validation_failed', '当前密码不正确', {
      issues: [{ field: 'currentPassword', message: '当前密码不正确' }],
    });
  }
  const problems = checkPassword(deps.config.password, input.newPassword, user.username);
  if (input.newPassword === input.currentPassword) problems.push('新密码不能与当前密码相同');
  if (problems.length)
    throw new AppError('validation_failed', `新密码不符合要求：${problems.join('；')}`, {
      issues: problems.map((m) => ({ field: 'newPassword', message: m })),
    });
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.nowIso();
    await trx
      .updateTable('appUser')
      .set((eb) => ({
        passwordHash,
        mustChangePassword: 0,
        passwordChangedAt: now,
        updatedAt: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', user.id)
      .execute();
    // Other sessions of this user end; the current one stays.
    await trx
      .deleteFrom('session')
      .where('userId', '=', user.id)
      .where('id', '!=', actor.sessionId ?? '')
      .execute();
    await appendAudit(trx, deps, ctx, {
      action: 'auth.password_change',
      entity: 'user',
      entityId: user.id,
      regionCode: user.regionCode,
    });
  });
}

export async function listSessions(deps: Deps, actor: Actor) {
  const rows = await deps.db
    .selectFrom('session')
    .select(['id', 'createdAt', 'lastSeenAt', 'expiresAt', 'ip', 'userAgent'])
    .where('userId', '=', actor.userId)
    .orderBy('createdAt', 'desc')
    .execute();
  return rows.map((r) => ({ ...r, current: r.id === actor.sessionId }));
}

export async function endSession(deps: Deps, ctx: RequestContext, id: string) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const res = await trx
      .deleteFrom('session')
      .where('id', '=', id)
      .where('userId', '=', actor.userId)
      .executeTakeFirst();
    if (Number(res.numDeletedRows) === 0) notFound('会话');
    await appendAudit(trx, deps, ctx, {
      action: 'auth.session_end',
      entity: 'session',
      entityId: actor.userId,
      regionCode: actor.regionCode,
    });
  });
}

// ---------------------------------------------------------------- users and grants (三员 console)

const userColumns = [
  'appUser.id',
  'appUser.username',
  'appUser.displayName',
  'appUser.regionCode',
  'appUser.departmentId',
  'appUser.status',
  'appUser.mustChangePassword',
  'appUser.lockedUntil',
  'appUser.lastLoginAt',
  'appUser.createdAt',
  'appUser.version',
  'region.name as regionName',
] as const;

async function loadGrants(db: Kysely<DB>, userIds: string[]) {
  if (!userIds.length) return new Map<string, { id: string; role: Role; regionCode: string; regionName: string }[]>();
  const rows = await db
    .selectFrom('grant')
    .innerJoin('region', 'region.code', 'grant.regionCode')
    .select(['grant.id', 'grant.userId', 'grant.role', 'grant.regionCode', 'region.name as regionName'])
    .where('grant.userId', 'in', userIds)
    .orderBy('grant.createdAt')
    .execute();
  const map = new Map<string, { id: string; role: Role; regionCode: string; regionName: string }[]>();
  for (const r of rows)
    map.set(r.userId, [
      ...(map.get(r.userId) ?? []),
      { id: r.id, role: r.role as Role, regionCode: r.regionCode, regionName: r.regionName },
    ]);
  return map;
}

export async function listUsers(deps: Deps, actor: Actor, q: string, page: number, pageSize: number) {
  let query = deps.db
    .selectFrom('appUser')
    .innerJoin('region', 'region.code', 'appUser.regionCode')
    .where(visibleTo(actor, 'users.read', 'region'));
  if (q)
    query = query.where((eb) =>
      eb.or([
        containsInsensitive(eb.ref('appUser.username'), q),
        containsInsensitive(eb.ref('appUser.displayName'), q),
      ]),
    );
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await query
    .select(userColumns)
    .orderBy('appUser.username')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  const grants = await loadGrants(
    deps.db,
    rows.map((r) => r.id),
  );
  const now = deps.clock.nowIso();
  return {
    total,
    items: rows.map((r) => ({
      ...r,
      mustChangePassword: r.mustChangePassword === 1,
      locked: !!r.lockedUntil && r.lockedUntil > now,
      grants: grants.get(r.id) ?? [],
    })),
  };
}

async function loadVisibleUser(deps: Deps, actor: Actor, id: string) {
  const u = await deps.db
    .selectFrom('appUser')
    .innerJoin('region', 'region.code', 'appUser.regionCode')
    .select([...userColumns, 'region.level'])
    .where('appUser.id', '=', id)
    .where(visibleTo(actor, 'users.read', 'region'))
    .executeTakeFirst();
  return u ? { ...u, mustChangePassword: u.mustChangePassword === 1 } : notFound('用户');
}

export async function createUser(
  deps: Deps,
  ctx: RequestContext,
  input: { username: string; displayName: string; regionCode: string; departmentId?: string | null; password: string },
) {
  const actor = ctx.actor!;
  const username = normalizeUsername(input.username);
  if (!canManageUserAt(actor, input.regionCode)) throw new AppError('forbidden', '只能在本人管辖区划内创建用户');
  const region = await deps.db
    .selectFrom('region')
    .select(['code'])
    .where('code', '=', input.regionCode)
    .executeTakeFirst();
  if (!region)
    throw new AppError('validation_failed', `区划 ${input.regionCode} 不存在`, {
      issues: [{ field: 'regionCode', message: '区划不存在' }],
    });
  if (input.departmentId) {
    const dep = await deps.db
      .selectFrom('department')
      .select('id')
      .where('id', '=', input.departmentId)
      .executeTakeFirst();
    if (!dep)
      throw new AppError('validation_failed', '所属部门不存在', {
        issues: [{ field: 'departmentId', message: '部门不存在' }],
      });
  }
  const problems = checkPassword(deps.config.password, input.password, username);
  if (problems.length)
    throw new AppError('validation_failed', `初始密码不符合要求：${problems.join('；')}`, {
      issues: problems.map((m) => ({ field: 'password', message: m })),
    });
  const passwordHash = await hashPassword(input.password);
  const now = deps.clock.nowIso();
  const id = newId();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('appUser')
        .values({
          id,
          username,
          displayName: input.displayName,
          regionCode: input.regionCode,
          departmentId: input.departmentId ?? null,
          passwordHash,
          mustChangePassword: 1,
          passwordChangedAt: null,
          failedCount: 0,
          lockedUntil: null,
          status: 'active',
          lastLoginAt: null,
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute();
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
  return loadVisibleUser(deps, actor, id);
}

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
  await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.nowIso();
    const res = await trx
      .updateTable('appUser')
      .set((eb) => ({
        ...(input.displayName !== undefined ? { displayName: input.displayName } : {}),
        ...(input.status !== undefined ? { status: input.status } : {}),
        ...(input.unlock ? { lockedUntil: null, failedCount: 0 } : {}),
        updatedAt: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', id)
      .where('version', '=', input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict');
    if (input.status === 'disabled') await trx.deleteFrom('session').where('userId', '=', id).execute();
    await appendAudit(trx, deps, ctx, {
      action: input.unlock ? 'users.unlock' : 'users.update',
      entity: 'user',
      entityId: id,
      regionCode: user.regionCode,
      before: { displayName: user.displayName, status: user.status, locked: !!user.lockedUntil },
      after: {
        displayName: input.displayName ?? user.displayName,
        status: input.status ?? user.status,
        unlocked: !!input.unlock,
      },
    });
  });
  return loadVisibleUser(deps, actor, id);
}

export async function userGrants(deps: Deps, actor: Actor, id: string) {
  await loadVisibleUser(deps, actor, id);
  return (await loadGrants(deps.db, [id])).get(id) ?? [];
}

export async function addGrant(
  deps: Deps,
  ctx: RequestContext,
  input: { userId: string; role: Role; regionCode: string },
) {
  const actor = ctx.actor!;
  const user = await loadVisibleUser(deps, actor, input.userId);
  if (!canGrantAt(actor, input.regionCode)) throw new AppError('forbidden', '只能在本人管辖区划内授权');
  if (user.id === actor.userId) throw new AppError('forbidden', '不能给自己授权');
  const region = await deps.db
    .selectFrom('region')
    .select(['code', 'level'])
    .where('code', '=', input.regionCode)
    .executeTakeFirst();
  if (!region)
    throw new AppError('validation_failed', '区划不存在', { issues: [{ field: 'regionCode', message: '区划不存在' }] });
  const existing = await deps.db.selectFrom('grant').select('role').where('userId', '=', user.id).execute();
  const problem = grantProblem(
    existing.map((e) => e.role as Role),
    input.role,
    region.level as RegionLevel,
    !!user.departmentId,
  );
  if (problem) throw new AppError('conflict', problem);
  const id = newId();
  try {
    await deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('grant')
        .values({
          id,
          userId: user.id,
          role: input.role,
          regionCode: input.regionCode,
          createdAt: deps.clock.nowIso(),
          createdBy: actor.userId,
        })
        .execute();
      await trx.deleteFrom('session').where('userId', '=', user.id).execute();
      await appendAudit(trx, deps, ctx, {
        action: 'grants.add',
        entity: 'grant',
        entityId: id,
        regionCode: input.regionCode,
        after: { userId: user.id, username: user.username, role: input.role, regionCode: input.regionCode },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('conflict', '该授权已存在，或违反三员分立（一个账户只能持有一种管理员角色）');
    throw err;
  }
  return userGrants(deps, actor, user.id);
}

export async function removeGrant(deps: Deps, ctx: RequestContext, grantId: string) {
  const actor = ctx.actor!;
  const grant = await deps.db.selectFrom('grant').selectAll().where('id', '=', grantId).executeTakeFirst();
  if (!grant) return notFound('授权');
  const user = await loadVisibleUser(deps, actor, grant.userId);
  if (!canAt(actor, 'grants.manage', grant.regionCode)) throw new AppError('forbidden');
  await deps.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('grant').where('id', '=', grantId).execute();
    await trx.deleteFrom('session').where('userId', '=', grant.userId).execute();
    await appendAudit(trx, deps, ctx, {
      action: 'grants.remove',
      entity: 'grant',
      entityId: grantId,
      regionCode: grant.regionCode,
      before: { userId: grant.userId, username: user.username, role: grant.role, regionCode: grant.regionCode },
    });
  });
}

export async function listDepartments(deps: Deps, actor: Actor) {
  return deps.db
    .selectFrom('department')
    .innerJoin('region', 'region.code', 'department.regionCode')
    .select([
      'department.id',
      'department.name',
      'department.kind',
      'department.regionCode',
      'region.name as regionName',
    ])
    .where(visibleTo(actor, 'regions.read', 'region'))
    .orderBy('department.name')
    .execute();
}

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
      await trx
        .insertInto('department')
        .values({
          id,
          regionCode: input.regionCode,
          name: input.name,
          kind: input.kind,
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute();
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
