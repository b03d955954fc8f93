/**
 * Grants (the 三员 console): a user's roles at regions. Granting or revoking an administrator role is
 * filed as a two-person request (accounts.requests.ts); the separation of the three administrators is
 * checked in accounts.policy.ts.
 */
import type { Deps } from '../../deps.js';
import { canAt, type Actor, type RequestContext } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { isAdminRole, type RegionLevel, type Role } from '../../../shared/roles.js';
import * as repo from './accounts.repo.js';
import { canGrantAt, grantProblem } from './accounts.policy.js';
import { applyAddGrant, applyRemoveGrant } from './accounts.apply.js';
import { fileRequest } from './accounts.requests.js';
import { loadVisibleUser } from './accounts.users.service.js';

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
