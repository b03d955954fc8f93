/**
 * Village flags (未经准入事项): a village records a task that reached it without admission and names
 * the department that handed it down; townships and the district see them per department, the named
 * department sees what and where (not which cadre flagged it).
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import { grantsWith, type Actor, type AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { ancestorColumns } from '../../core/scope.js';
import { AppError, ensure, msg } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import type { PageRequest } from '../../db/paginate.js';
import { zh } from '../../../shared/i18n.js';
import type { MessageKey } from '../../../shared/i18n.js';
import type { Channel } from '../../../shared/admission.js';
import * as directory from '../accounts/directory.js';
import * as regions from '../regions/regions.service.js';
import { selfAndAncestors } from './admission.policy.js';
import { today } from './admission.common.js';
import * as repo from './admission.flags.repo.js';
import { presentFlag } from './admission.presenter.js';

/** Departments a village (or any node) can name: registered at its county or above. */
export async function namableDepartments(deps: Deps, actor: Actor) {
  const codes = new Set<string>();
  for (const g of grantsWith(actor, 'admission.read'))
    for (const c of selfAndAncestors(g.regionCode, g.level)) codes.add(c);
  return directory.departmentsIn(deps.db, [...codes]);
}

const invalid = (key: MessageKey, field: string, issue: MessageKey) =>
  new AppError('validation_failed', msg(key), { issues: [{ field, message: zh(issue) }] });

export async function createFlag(
  deps: Deps,
  ctx: AuthedContext,
  input: {
    departmentId: string | null;
    departmentName: string | null;
    taskTitle: string;
    description: string;
    channel: Channel;
    receivedOn: string;
    requestId: string | null;
  },
) {
  const { actor } = ctx;
  const grant = grantsWith(actor, 'admission.flag')[0];
  ensure(grant, msg('admission.error.flagVillageOnly'));
  const region = await regions.get(deps, actor, grant.regionCode);
  let departmentName = input.departmentName?.trim() || null;
  let departmentId: string | null = null;
  if (input.departmentId) {
    const d = (await namableDepartments(deps, actor)).find((x) => x.id === input.departmentId);
    if (!d) throw invalid('admission.error.departmentUnknown', 'departmentId', 'admission.error.departmentUnknown');
    departmentId = d.id;
    departmentName = d.name;
  }
  if (!departmentName) throw invalid('admission.error.departmentRequired', 'departmentId', 'admission.error.required');
  if (input.receivedOn > today(deps))
    throw invalid('admission.error.receivedInFuture', 'receivedOn', 'admission.error.notAfterToday');
  const id = newId();
  const now = deps.clock.nowIso();
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertFlag(trx, {
      id,
      regionCode: region.code,
      regionName: region.name,
      ...ancestorColumns(region),
      departmentId,
      departmentName,
      taskTitle: input.taskTitle,
      description: input.description || null,
      channel: input.channel,
      receivedOn: input.receivedOn,
      requestId: input.requestId,
      status: 'open',
      flaggedBy: actor.userId,
      flaggedByName: actor.displayName,
      createdAt: now,
    });
    await deps.events.record(trx, 'admission.flagged', now, {
      flagId: id,
      townshipCode: region.townshipCode,
      regionName: region.name,
      departmentName,
      taskTitle: input.taskTitle,
    });
    await appendAudit(trx, deps, ctx, {
      action: 'admission.flag',
      entity: 'admission_flag',
      entityId: id,
      regionCode: region.code,
      after: {
        departmentId,
        departmentName,
        taskTitle: input.taskTitle,
        channel: input.channel,
        receivedOn: input.receivedOn,
      },
    });
  });
  return presentFlag(await repo.flagById(deps.db, id));
}

export async function listFlags(
  deps: Deps,
  ctx: AuthedContext,
  query: { departmentId?: string; townshipCode?: string } & PageRequest,
) {
  const { page, pageSize, ...f } = query;
  const { total, items } = await repo.findFlagsReadable(deps.db, ctx.actor, f, { page, pageSize });
  // The accused department sees what and where, not which cadre flagged it.
  const departmentOnly = ctx.actor.grants.every((g) => g.role === 'department_officer');
  return { total, items: items.map((x) => presentFlag(x, departmentOnly)) };
}

export async function flagsByDepartment(deps: Deps, ctx: AuthedContext) {
  const items = await repo.countFlagsByDepartment(deps.db, ctx.actor);
  return { total: items.reduce((n, i) => n + i.count, 0), items };
}

/** A flag the actor may read (the supervision feature turns it into a case); 404 otherwise. */
export async function readableFlag(deps: Deps, actor: Actor, id: string) {
  return (await repo.readableFlagById(deps.db, actor, id)) ?? Promise.reject(new AppError('not_found'));
}

/** Marks a flag as having become a case (inside the caller's transaction); false when it was handled first. */
export const markFlagCased = (trx: Kysely<DB>, flag: { id: string; version: number }) =>
  repo.markFlagCased(trx, flag.id, Number(flag.version));
