/**
 * Inside sources become cases in one click (S-9): a village's flag of a task that reached it without
 * admission becomes a case for the department it names (which then sees it in its own list). A flag whose
 * department was typed by hand becomes a case the district assigns. The flag is marked in the same
 * transaction, so one flag never becomes two cases.
 */
import type { Deps } from '../../deps.js';
import type { AuthedContext } from '../../core/actor.js';
import { canAt } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { AppError, ensure, msg } from '../../core/errors.js';
import { newId } from '../../core/ids.js';
import { readableFlag, markFlagCased } from '../admission/admission.flags.service.js';
import * as regions from '../regions/regions.service.js';
import { newTrackingCode } from './supervision.model.js';
import { caseBinding, deadlineFrom, FRESH_CASE, villageColumns } from './supervision.common.js';
import * as repo from './supervision.repo.js';

export async function caseFromFlag(deps: Deps, ctx: AuthedContext, flagId: string) {
  const flag = await readableFlag(deps, ctx.actor, flagId);
  ensure(canAt(ctx.actor, 'supervision.handle', flag.regionCode), msg('supervision.error.handlerOnly'));
  const existing = await repo.caseByFlag(deps.db, flag.id);
  if (existing || flag.status !== 'open') throw new AppError('conflict', msg('supervision.error.flagDone'));
  const village = await regions.byCode(deps.db, flag.regionCode);
  if (!village) throw new AppError('not_found');
  const id = newId();
  const code = newTrackingCode();
  const now = deps.clock.nowIso();
  const dueOn = flag.departmentId ? await deadlineFrom(deps, village.countyCode) : null;
  const text = [flag.taskTitle, flag.description].filter(Boolean).join('\n');
  await deps.db.transaction().execute(async (trx) => {
    if (!(await markFlagCased(trx, flag))) throw new AppError('conflict', msg('supervision.error.flagDone'));
    await repo.insertCase(trx, {
      id,
      code,
      source: 'flag',
      flagId: flag.id,
      category: 'unadmitted_task',
      ...villageColumns(village),
      bodyConcerned: flag.departmentName,
      descriptionEnc: deps.cipher.encrypt(text, caseBinding(id)('description_enc')),
      happenedOn: flag.receivedOn,
      // The accused department never learns which cadre flagged it.
      anonymous: 1,
      reporterNameEnc: null,
      reporterNameMasked: null,
      contactEnc: null,
      contactMasked: null,
      addressHash: null,
      status: flag.departmentId ? 'assigned' : 'received',
      assigneeKind: flag.departmentId ? 'department' : null,
      assigneeId: flag.departmentId,
      assigneeName: flag.departmentId ? flag.departmentName : null,
      dueOn,
      ...FRESH_CASE,
      createdAt: now,
      updatedAt: now,
    });
    const by = { actorId: ctx.actor.userId, actorName: ctx.actor.displayName };
    await repo.addStep(trx, { caseId: id, kind: 'submitted', at: now, ...by, params: { flag: flag.taskTitle } });
    if (flag.departmentId)
      await repo.addStep(trx, {
        caseId: id,
        kind: 'assigned',
        at: now,
        ...by,
        params: { assignee: flag.departmentName, dueOn: dueOn! },
      });
    await appendAudit(trx, deps, ctx, {
      action: 'supervision.fromFlag',
      entity: 'supervision_case',
      entityId: id,
      regionCode: village.code,
      after: {
        code,
        flagId: flag.id,
        department: flag.departmentName,
        status: flag.departmentId ? 'assigned' : 'received',
      },
    });
  });
  return { id, code };
}
