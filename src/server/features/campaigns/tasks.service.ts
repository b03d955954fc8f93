/**
 * Clean-up tasks (清理整改): listing and reading them, reassigning owner or deadline, evidence (PNG/JPEG/
 * PDF, checked by content, size-limited, optional — closure needs a note, never a photo), closure and
 * reopening. Tasks are made by tasks.sync.ts when a ledger is approved; reminders by reminders.service.ts.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import { grantsWith, type Actor, type AuthedContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { shanghaiDate } from '../../core/clock.js';
import type { CloseTaskBody, TaskListQuery, TaskStatus, UpdateTaskBody } from '../../../shared/campaigns.js';
import * as directory from '../accounts/directory.js';
import { findRow } from './rows.repo.js';
import { setCleanupStatus } from './rows.write.repo.js';
import { recountLedger } from './ledgers.repo.js';
import * as tasksRepo from './tasks.repo.js';
import { canManageTask, canReadTask, canWorkTask } from './campaigns.policy.js';
import { ancestorEqualities, nodeOf } from './campaigns.scope.js';
import { presentTask, presentTaskDetail, taskFacts } from './tasks.presenter.js';
import { regionsAbove } from './tasks.sync.js';
import { acceptUpload, storeUpload } from './uploads.js';
import { conflict, forbidden, invalid, missing } from './campaigns.errors.js';
import type { CleanupTaskTable } from './campaigns.tables.js';

export { matchDepartment } from './tasks.sync.js';

type Trx = Kysely<DB>;

const todayOf = (deps: Deps) => shanghaiDate(deps.clock.now());

/** Tasks in the actor's reach (department officers: their department's), filtered; overdue = open past the deadline. */
export async function listTasks(deps: Deps, actor: Actor, q: TaskListQuery) {
  const today = todayOf(deps);
  // With no region asked for, an actor who reaches one node sees that node: pinning it (with all its
  // ancestor columns) lets the scope index serve the query instead of a scan of every open task.
  const reach = grantsWith(actor, 'tasks.read');
  const regionCode =
    q.region ?? (reach.length === 1 && reach[0].role !== 'department_officer' ? reach[0].regionCode : undefined);
  const pins = regionCode ? ancestorEqualities(await nodeOf(deps, regionCode)) : undefined;
  const page = await tasksRepo.pageTasks(deps.db, actor, {
    campaignId: q.campaignId,
    ledgerId: q.ledgerId,
    pins,
    status: q.status,
    overdueOn: q.overdue === 'true' ? today : undefined,
    category: q.category,
    mine:
      q.mine === 'true'
        ? {
            departmentId: actor.departmentId,
            villageCodes: actor.grants.filter((g) => g.role === 'village_cadre').map((g) => g.regionCode),
          }
        : undefined,
    page: q.page,
    pageSize: q.pageSize,
  });
  return { total: page.total, today, items: page.items.map((r) => presentTask(actor, r, today)) };
}

async function loadTask(db: Trx, actor: Actor, id: string) {
  const t = await tasksRepo.findTask(db, id);
  if (!t || !canReadTask(actor, { villageCode: t.villageCode ?? '', ownerDepartmentId: t.ownerDepartmentId }))
    return missing('campaigns.error.taskNotFound');
  return t;
}

export async function getTask(deps: Deps, actor: Actor, id: string) {
  const t = await loadTask(deps.db, actor, id);
  const row = await findRow(deps.db, t.rowId);
  return presentTaskDetail(actor, t, row, await tasksRepo.evidenceOf(deps.db, t.id), todayOf(deps));
}

/** Township or district: change the owner (village / a department) or the deadline. */
export async function updateTask(deps: Deps, ctx: AuthedContext, id: string, body: UpdateTaskBody) {
  const actor = ctx.actor;
  await deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, id);
    if (!canManageTask(actor, taskFacts(t))) throw forbidden('campaigns.error.taskManageForbidden');
    if (t.status !== 'open') throw conflict('campaigns.error.taskNotOpen');
    const patch: Partial<CleanupTaskTable> = {};
    if (body.ownerKind === 'village')
      Object.assign(patch, { ownerKind: 'village', ownerDepartmentId: null, ownerName: t.villageName ?? '' });
    if (body.ownerKind === 'department') {
      if (!body.ownerDepartmentId)
        throw invalid('campaigns.error.departmentRequired', 'ownerDepartmentId', 'campaigns.importError.required');
      const dep = await directory.departmentById(trx, body.ownerDepartmentId);
      if (!dep || !regionsAbove(t).includes(dep.regionCode))
        throw invalid(
          'campaigns.error.departmentUnknown',
          'ownerDepartmentId',
          'campaigns.error.departmentUnknownField',
        );
      Object.assign(patch, { ownerKind: 'department', ownerDepartmentId: dep.id, ownerName: dep.name });
    }
    if (body.deadline) patch.deadline = body.deadline;
    if (!(await tasksRepo.updateTask(trx, id, body.version, { ...patch, updatedAt: deps.clock.nowIso() })))
      throw conflict();
    await appendAudit(trx, deps, ctx, {
      action: 'tasks.update',
      entity: 'cleanup_task',
      entityId: id,
      regionCode: t.villageCode,
      before: { ownerKind: t.ownerKind, ownerDepartmentId: t.ownerDepartmentId, deadline: t.deadline },
      after: patch,
    });
  });
  return getTask(deps, actor, id);
}

// ------------------------------------------------------------------ evidence

/** Adds an evidence revision to a task (owner or township). */
export async function addEvidence(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  file: { filename: string; data: Buffer; note?: string | null },
) {
  const actor = ctx.actor;
  const { type, data } = await acceptUpload(file.data, true);
  await deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, id);
    if (!canWorkTask(actor, taskFacts(t)))
      throw t.status === 'open'
        ? forbidden('campaigns.error.evidenceForbidden')
        : conflict('campaigns.error.taskEndedUpload');
    const stored = await storeUpload(trx, deps, actor, file.filename, type, data);
    const now = deps.clock.nowIso();
    const evidenceId = newId();
    await tasksRepo.addEvidence(
      trx,
      {
        id: evidenceId,
        taskId: id,
        fileId: stored.id,
        name: stored.name,
        contentType: type,
        size: data.length,
        sha256: stored.sha256,
        note: file.note ?? null,
        uploadedBy: actor.userId,
        uploadedByName: actor.displayName,
        uploadedAt: now,
      },
      now,
    );
    await appendAudit(trx, deps, ctx, {
      action: 'tasks.evidence_add',
      entity: 'cleanup_task',
      entityId: id,
      regionCode: t.villageCode,
      after: { evidenceId, name: stored.name, contentType: type, size: data.length, sha256: stored.sha256 },
    });
  });
  return getTask(deps, actor, id);
}

export async function getEvidenceFile(deps: Deps, actor: Actor, taskId: string, evidenceId: string) {
  await loadTask(deps.db, actor, taskId);
  const e = await tasksRepo.evidenceFile(deps.db, taskId, evidenceId);
  if (!e) return missing('campaigns.error.evidenceNotFound');
  return { data: Buffer.from(e.data), contentType: e.contentType, name: e.name };
}

// ------------------------------------------------------------------ closure

async function setTaskStatus(
  trx: Trx,
  t: tasksRepo.TaskRecord,
  status: TaskStatus,
  patch: Partial<CleanupTaskTable>,
  version: number,
  now: string,
) {
  if (!(await tasksRepo.updateTask(trx, t.id, version, { status, ...patch, updatedAt: now }))) throw conflict();
  await setCleanupStatus(trx, { rowId: t.rowId }, status === 'closed' ? 'closed' : status === 'open' ? 'open' : 'none');
  await recountLedger(trx, t.ledgerId);
}

/** Closes a task with a note on what was done (evidence optional: no compulsory photos). */
export async function closeTask(deps: Deps, ctx: AuthedContext, id: string, body: CloseTaskBody) {
  const actor = ctx.actor;
  await deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, id);
    if (!canWorkTask(actor, taskFacts(t)))
      throw t.status === 'open' ? forbidden('campaigns.error.closeForbidden') : conflict('campaigns.error.taskEnded');
    const now = deps.clock.nowIso();
    const closure = { closureNote: body.note, closedAt: now, closedBy: actor.userId };
    await setTaskStatus(trx, t, 'closed', closure, body.version, now);
    await appendAudit(trx, deps, ctx, {
      action: 'tasks.close',
      entity: 'cleanup_task',
      entityId: id,
      regionCode: t.villageCode,
      before: { status: t.status },
      after: { status: 'closed', note: body.note },
    });
  });
  return getTask(deps, actor, id);
}

export async function reopenTask(deps: Deps, ctx: AuthedContext, id: string, body: CloseTaskBody) {
  const actor = ctx.actor;
  await deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, id);
    if (!canManageTask(actor, taskFacts(t))) throw forbidden('campaigns.error.reopenForbidden');
    if (t.status !== 'closed') throw conflict('campaigns.error.reopenNotClosed');
    const now = deps.clock.nowIso();
    await setTaskStatus(trx, t, 'open', { closureNote: null, closedAt: null, closedBy: null }, body.version, now);
    await appendAudit(trx, deps, ctx, {
      action: 'tasks.reopen',
      entity: 'cleanup_task',
      entityId: id,
      regionCode: t.villageCode,
      before: { status: 'closed', note: t.closureNote },
      after: { status: 'open', reason: body.note },
    });
  });
  return getTask(deps, actor, id);
}
