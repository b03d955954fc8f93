/**
 * SQL of clean-up tasks, their evidence revisions and stored files (evidence, board photos, import
 * uploads). Nothing here checks permissions (the services do, with campaigns.policy.ts, whose SQL twin
 * `taskVisibleTo` the list uses).
 */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { paginate, type Page, type PageRequest } from '../../db/paginate.js';
import type { Category, TaskStatus } from '../../../shared/campaigns.js';
import { taskVisibleTo } from './campaigns.policy.js';
import { pinned, type Pins } from './ledgers.repo.js';
import type { CleanupTaskTable, TaskEvidenceTable } from './campaigns.tables.js';
import { updateVersioned } from './versioned.repo.js';
import { countNewTasks, keepingDue } from './tasks.due.repo.js';

/** A task with its village's name (from its ledger). */
export type TaskRecord = Selectable<CleanupTaskTable> & { villageName: string | null };

export async function tasksOfLedger(db: Kysely<DB>, ledgerId: string): Promise<Selectable<CleanupTaskTable>[]> {
  return db.selectFrom('cleanupTask').selectAll().where('ledgerId', '=', ledgerId).execute();
}

/** Row id → task id of a ledger's tasks. */
export async function taskIdsByRow(db: Kysely<DB>, ledgerId: string): Promise<Map<string, string>> {
  const rows = await db.selectFrom('cleanupTask').select(['id', 'rowId']).where('ledgerId', '=', ledgerId).execute();
  return new Map(rows.map((t) => [t.rowId, t.id]));
}

export async function insertTasks(trx: Kysely<DB>, tasks: CleanupTaskTable[]): Promise<void> {
  for (let i = 0; i < tasks.length; i += 300) {
    const chunk = tasks.slice(i, i + 300);
    await trx.insertInto('cleanupTask').values(chunk).execute();
    await countNewTasks(
      trx,
      chunk.map((t) => t.id),
    );
  }
}

type TaskPatch = Partial<Omit<CleanupTaskTable, 'id' | 'version'>> & { updatedAt: string };
/** A patch of status or deadline moves the task between the due counts. */
const movesDue = (patch: TaskPatch) => patch.status !== undefined || patch.deadline !== undefined;
const byId = (id: string) => (eb: ExpressionBuilder<DB, 'cleanupTask'>) => eb('id', '=', id);

/** Changes a task regardless of its version (the task follows its row or its phase). */
export async function patchTask(trx: Kysely<DB>, id: string, patch: TaskPatch): Promise<void> {
  const write = () => updateVersioned(trx, 'cleanupTask', { id }, null, patch);
  await (movesDue(patch) ? keepingDue(trx, byId(id), write) : write());
}

/** Changes a task if it still has `version`; false when it moved meanwhile. */
export async function updateTask(trx: Kysely<DB>, id: string, version: number, patch: TaskPatch): Promise<boolean> {
  const write = () => updateVersioned(trx, 'cleanupTask', { id }, version, patch);
  return movesDue(patch) ? keepingDue(trx, byId(id), write) : write();
}

/** The open task of a deleted row is cancelled. */
export async function cancelOpenTaskOfRow(trx: Kysely<DB>, rowId: string, now: string): Promise<void> {
  await keepingDue(
    trx,
    (eb) => eb('rowId', '=', rowId),
    () =>
      trx
        .updateTable('cleanupTask')
        .set((eb) => ({ status: 'cancelled', updatedAt: now, version: eb('version', '+', 1) }))
        .where('rowId', '=', rowId)
        .where('status', '=', 'open')
        .execute(),
  );
}

/** Open tasks follow their phase's deadline (closed ones keep the date they were judged against). */
export async function moveOpenTaskDeadlines(
  trx: Kysely<DB>,
  campaignId: string,
  phaseKey: string,
  deadline: string,
  now: string,
): Promise<void> {
  const ofPhase = (eb: ExpressionBuilder<DB, 'cleanupTask'>) =>
    eb.and([eb('campaignId', '=', campaignId), eb('phaseKey', '=', phaseKey), eb('status', '=', 'open')]);
  await keepingDue(trx, ofPhase, () =>
    trx
      .updateTable('cleanupTask')
      .set((eb) => ({ deadline, updatedAt: now, version: eb('version', '+', 1) }))
      .where(ofPhase)
      .execute(),
  );
}

export async function findTask(db: Kysely<DB>, id: string): Promise<TaskRecord | null> {
  const t = await db
    .selectFrom('cleanupTask')
    .innerJoin('ledger', 'ledger.id', 'cleanupTask.ledgerId')
    .selectAll('cleanupTask')
    .select(['ledger.villageName'])
    .where('cleanupTask.id', '=', id)
    .executeTakeFirst();
  return t ?? null;
}

export interface TaskFilter extends PageRequest {
  campaignId?: string;
  ledgerId?: string;
  pins?: Pins;
  status?: TaskStatus;
  /** Open past this date (YYYY-MM-DD). */
  overdueOn?: string;
  category?: Category;
  /** Tasks the actor owns: their department's, or their villages' own. */
  mine?: { departmentId: string | null; villageCodes: string[] };
}

/** A page of the tasks the actor reads, by deadline. */
export async function pageTasks(db: Kysely<DB>, actor: Actor, f: TaskFilter): Promise<Page<TaskRecord>> {
  let q = db
    .selectFrom('cleanupTask')
    .innerJoin('ledger', 'ledger.id', 'cleanupTask.ledgerId')
    .where(taskVisibleTo(actor));
  if (f.campaignId) q = q.where('cleanupTask.campaignId', '=', f.campaignId);
  if (f.ledgerId) q = q.where('cleanupTask.ledgerId', '=', f.ledgerId);
  if (f.pins) q = q.where(pinned(f.pins, 'cleanupTask.'));
  if (f.overdueOn) q = q.where('cleanupTask.status', '=', 'open').where('cleanupTask.deadline', '<', f.overdueOn);
  else if (f.status) q = q.where('cleanupTask.status', '=', f.status);
  if (f.category) q = q.where('cleanupTask.category', '=', f.category);
  const mine = f.mine;
  if (mine)
    q = q.where((eb) =>
      eb.or([
        ...(mine.departmentId ? [eb('cleanupTask.ownerDepartmentId', '=', mine.departmentId)] : []),
        eb.and([
          eb('cleanupTask.ownerKind', '=', 'village'),
          eb('cleanupTask.villageCode', 'in', [...mine.villageCodes, '-']),
        ]),
      ]),
    );
  return paginate(q, f, (x) =>
    x
      .selectAll('cleanupTask')
      .select(['ledger.villageName'])
      .orderBy('cleanupTask.deadline')
      .orderBy('cleanupTask.villageCode')
      .orderBy('cleanupTask.id'),
  );
}

/** Open tasks due on one of `dates`, after `after` in id order (the reminder job pages through them). */
export async function dueTasks(db: Kysely<DB>, dates: string[], after: string, limit: number) {
  return db
    .selectFrom('cleanupTask')
    .select(['id', 'campaignId', 'title', 'deadline', 'ownerKind', 'ownerDepartmentId', 'villageCode'])
    .where('status', '=', 'open')
    .where('deadline', 'in', dates)
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

// ------------------------------------------------------------------ evidence and stored files

export async function evidenceOf(db: Kysely<DB>, taskId: string) {
  const rows = await db
    .selectFrom('taskEvidence')
    .select(['id', 'revision', 'name', 'contentType', 'size', 'sha256', 'note', 'uploadedByName', 'uploadedAt'])
    .where('taskId', '=', taskId)
    .orderBy('revision')
    .execute();
  return rows.map((e) => ({ ...e, revision: Number(e.revision), size: Number(e.size) }));
}

/** Adds an evidence revision (the next number) and counts it on the task. */
export async function addEvidence(trx: Kysely<DB>, e: Omit<TaskEvidenceTable, 'revision'>, now: string): Promise<void> {
  const last = await trx
    .selectFrom('taskEvidence')
    .select((eb) => eb.fn.max('revision').as('m'))
    .where('taskId', '=', e.taskId)
    .executeTakeFirst();
  await trx
    .insertInto('taskEvidence')
    .values({ ...e, revision: Number(last?.m ?? 0) + 1 })
    .execute();
  await trx
    .updateTable('cleanupTask')
    .set((eb) => ({ evidenceCount: eb('evidenceCount', '+', 1), updatedAt: now, version: eb('version', '+', 1) }))
    .where('id', '=', e.taskId)
    .execute();
}

/** The stored file of one evidence revision of a task, or null. */
export async function evidenceFile(db: Kysely<DB>, taskId: string, evidenceId: string) {
  return (
    (await db
      .selectFrom('taskEvidence')
      .innerJoin('storedFile', 'storedFile.id', 'taskEvidence.fileId')
      .select(['storedFile.data', 'storedFile.contentType', 'storedFile.name'])
      .where('taskEvidence.id', '=', evidenceId)
      .where('taskEvidence.taskId', '=', taskId)
      .executeTakeFirst()) ?? null
  );
}

export async function storeFile(db: Kysely<DB>, f: DB['storedFile']): Promise<void> {
  await db.insertInto('storedFile').values(f).execute();
}

export async function fileById(db: Kysely<DB>, id: string) {
  return (await db.selectFrom('storedFile').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}
