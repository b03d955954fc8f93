/** Departments (party, government and mass organisations) of a region: list and create. */
import type { Deps } from '../../deps.js';
import { canAt, type Actor, type RequestContext } from '../../core/actor.js';
import { AppError } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { isUniqueViolation } from '../../db/dialect.js';
import * as repo from './accounts.repo.js';

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
