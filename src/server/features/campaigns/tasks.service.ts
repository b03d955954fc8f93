/**
 * Clean-up tasks (清理整改): every row judged non-compliant in an approved ledger gets one, owned by
 * the village or by the department that imposed the burden, due at its phase's deadline. Evidence
 * (PNG/JPEG/PDF, checked by content, size-limited) is optional — closure needs a note, never a photo.
 * Reminders before and on the deadline come from a scheduled job, idempotent per task/recipient/day.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import { grantsWith, type Actor, type RequestContext } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { shanghaiDate } from '../../core/clock.js';
import {
  CATEGORY_LABELS,
  TASK_STATUS_LABELS,
  VERDICT_LABELS,
  isNonCompliant,
  phaseOfCategory,
  type Category,
  type TaskStatus,
  type Verdict,
} from './campaigns.model.js';
import * as repo from './campaigns.repo.js';
import { ancestorEqualities } from './campaigns.service.js';
import { canManageTask, canReadTask, canWorkTask, taskAbilities, taskVisibleTo } from './campaigns.policy.js';
import type { CleanupTaskTable } from './campaigns.tables.js';

type Trx = Kysely<DB>;

/** Evidence files: at most 10 MB each (and never above the server's upload limit). */
export { acceptUpload, checkUpload, EVIDENCE_MAX_BYTES, sniffEvidence } from './campaigns.uploads.js';
import { acceptUpload } from './campaigns.uploads.js';

// ------------------------------------------------------------------ owners

const strip = (s: string, prefixes: string[]) => {
  let t = s.normalize('NFKC').replace(/\s+/g, '');
  let again = true;
  while (again) {
    again = false;
    for (const p of prefixes)
      if (p && t.startsWith(p) && t.length > p.length + 1) {
        t = t.slice(p.length);
        again = true;
      }
  }
  return t;
};

/**
 * The department a free-text "imposed by" names, among the departments above the village: names are
 * compared without the region prefixes ("区司法局" = "长治市上党区司法局"). Null when none fits.
 */
export function matchDepartment(
  imposedBy: string,
  departments: { id: string; name: string }[],
  regionNames: string[],
): { id: string; name: string } | null {
  const prefixes = ['中共', '山西省', ...regionNames, '区', '县', '市', '省'];
  const q = strip(imposedBy, prefixes);
  if (q.length < 2) return null;
  for (const d of departments) if (strip(d.name, prefixes) === q) return d;
  for (const d of departments) {
    const n = strip(d.name, prefixes);
    if (n.length >= 3 && q.length >= 3 && (n.endsWith(q) || q.endsWith(n))) return d;
  }
  return null;
}

async function ownerResolver(trx: Trx, l: repo.LedgerRecord) {
  const above = [l.countyCode, l.cityCode, l.provinceCode, l.townshipCode].filter((x): x is string => !!x);
  const departments = above.length
    ? await trx.selectFrom('department').select(['id', 'name']).where('regionCode', 'in', above).execute()
    : [];
  const names = (
    above.length ? await trx.selectFrom('region').select('name').where('code', 'in', above).execute() : []
  ).map((r) => r.name);
  return (category: Category, imposedBy: string) => {
    // A board is taken down by the village that hung it; other burdens are undone by whoever imposed them.
    const dep = category === 'sign' || !imposedBy ? null : matchDepartment(imposedBy, departments, names);
    return dep
      ? { ownerKind: 'department' as const, ownerDepartmentId: dep.id, ownerName: dep.name }
      : { ownerKind: 'village' as const, ownerDepartmentId: null, ownerName: l.villageName };
  };
}

const titleOf = (category: Category, verdict: Verdict, name: string) =>
  `${CATEGORY_LABELS[category]}【${VERDICT_LABELS[verdict]}】${name}`.slice(0, 200);

/**
 * Brings a just-approved ledger's tasks in line with its verdicts: new tasks for non-compliant rows,
 * cancelled ones for rows now kept or deleted, updated verdicts; rows get their clean-up status.
 */
export async function syncTasks(
  trx: Trx,
  deps: Deps,
  ctx: RequestContext,
  l: repo.LedgerRecord,
  c: repo.CampaignRecord,
) {
  const now = deps.clock.nowIso();
  const rows = await repo.rowsOf(trx, l.id);
  const existing = new Map(
    (await trx.selectFrom('cleanupTask').selectAll().where('ledgerId', '=', l.id).execute()).map((t) => [t.rowId, t]),
  );
  const ownerOf = await ownerResolver(trx, l);
  const deadlines = new Map(c.phases.map((p) => [p.key, p.deadline]));
  const created: CleanupTaskTable[] = [];
  let cancelled = 0;
  let open = 0;
  for (const r of rows) {
    const t = existing.get(r.id);
    existing.delete(r.id);
    if (isNonCompliant(r.verdict)) {
      const verdict = r.verdict!;
      const clause = r.decision === 'overridden' ? '乡镇审核确认' : r.suggestion.clause;
      if (!t) {
        const phaseKey = phaseOfCategory(r.category);
        created.push({
          id: newId(),
          campaignId: c.id,
          ledgerId: l.id,
          rowId: r.id,
          category: r.category,
          phaseKey,
          title: titleOf(r.category, verdict, r.name),
          verdict,
          clause,
          ...ownerOf(r.category, r.imposedBy),
          deadline: deadlines.get(phaseKey) ?? `${c.year}-12-10`,
          status: 'open',
          closureNote: null,
          closedAt: null,
          closedBy: null,
          evidenceCount: 0,
          provinceCode: l.provinceCode,
          cityCode: l.cityCode,
          countyCode: l.countyCode,
          townshipCode: l.townshipCode,
          villageCode: l.villageCode,
          createdAt: now,
          updatedAt: now,
          version: 1,
        });
        open += 1;
      } else {
        const reopen = t.status === 'cancelled';
        if (reopen || t.verdict !== verdict || t.title !== titleOf(r.category, verdict, r.name)) {
          await trx
            .updateTable('cleanupTask')
            .set((eb) => ({
              verdict,
              clause,
              title: titleOf(r.category, verdict, r.name),
              ...(reopen ? { status: 'open' } : {}),
              updatedAt: now,
              version: eb('version', '+', 1),
            }))
            .where('id', '=', t.id)
            .execute();
        }
        if (reopen || t.status === 'open') open += 1;
      }
    } else if (t && t.status === 'open') {
      await trx
        .updateTable('cleanupTask')
        .set((eb) => ({ status: 'cancelled', updatedAt: now, version: eb('version', '+', 1) }))
        .where('id', '=', t.id)
        .execute();
      cancelled += 1;
    }
  }
  for (const t of existing.values()) {
    if (t.status !== 'open') continue;
    await trx
      .updateTable('cleanupTask')
      .set((eb) => ({ status: 'cancelled', updatedAt: now, version: eb('version', '+', 1) }))
      .where('id', '=', t.id)
      .execute();
    cancelled += 1;
  }
  for (let i = 0; i < created.length; i += 300)
    await trx
      .insertInto('cleanupTask')
      .values(created.slice(i, i + 300))
      .execute();
  // Rows mirror their task's state (roll-ups read rows only).
  await trx.updateTable('ledgerRow').set({ cleanupStatus: 'none' }).where('ledgerId', '=', l.id).execute();
  for (const status of ['open', 'closed'] as const) {
    await trx
      .updateTable('ledgerRow')
      .set({ cleanupStatus: status })
      .where('ledgerId', '=', l.id)
      .where('id', 'in', (eb) =>
        eb.selectFrom('cleanupTask').select('rowId').where('ledgerId', '=', l.id).where('status', '=', status),
      )
      .execute();
  }
  await repo.recountLedger(trx, l.id);
  if (created.length) {
    await appendAudit(trx, deps, ctx, {
      action: 'tasks.create',
      entity: 'ledger',
      entityId: l.id,
      regionCode: l.villageCode,
      after: { created: created.length, cancelled, ids: created.map((t) => t.id) },
    });
    await announceOwners(trx, deps, now, created, l);
  } else if (cancelled) {
    await appendAudit(trx, deps, ctx, {
      action: 'tasks.cancel',
      entity: 'ledger',
      entityId: l.id,
      regionCode: l.villageCode,
      after: { cancelled },
    });
  }
  return { created: created.length, cancelled, open };
}

/** Tells each department the clean-up tasks it owns (a domain event; notifications turns it into notices). */
async function announceOwners(trx: Trx, deps: Deps, now: string, tasks: CleanupTaskTable[], l: repo.LedgerRecord) {
  const depIds = [...new Set(tasks.filter((t) => t.ownerDepartmentId).map((t) => t.ownerDepartmentId!))];
  if (!depIds.length) return;
  await deps.events.record(trx, 'tasks.assigned', now, {
    ledgerId: l.id,
    villageCode: l.villageCode,
    villageName: l.villageName,
    departments: depIds.map((departmentId) => ({
      departmentId,
      tasks: tasks.filter((t) => t.ownerDepartmentId === departmentId).map((t) => ({ id: t.id, title: t.title })),
    })),
  });
}

// ------------------------------------------------------------------ reading

export function presentTask(
  actor: Actor,
  t: CleanupTaskTable & { villageName?: string | null; rowName?: string | null },
  today: string,
) {
  const facts = {
    villageCode: t.villageCode ?? '',
    ownerKind: t.ownerKind as 'village' | 'department',
    ownerDepartmentId: t.ownerDepartmentId,
    status: t.status as TaskStatus,
  };
  return {
    id: t.id,
    campaignId: t.campaignId,
    ledgerId: t.ledgerId,
    rowId: t.rowId,
    category: t.category as Category,
    categoryLabel: CATEGORY_LABELS[t.category as Category],
    phaseKey: t.phaseKey,
    title: t.title,
    verdict: t.verdict as Verdict,
    verdictLabel: VERDICT_LABELS[t.verdict as Verdict],
    clause: t.clause,
    owner: { kind: facts.ownerKind, departmentId: t.ownerDepartmentId, name: t.ownerName },
    villageCode: t.villageCode,
    villageName: t.villageName ?? null,
    townshipCode: t.townshipCode,
    deadline: t.deadline,
    status: facts.status,
    statusLabel: TASK_STATUS_LABELS[facts.status],
    overdue: facts.status === 'open' && t.deadline < today,
    daysLeft: facts.status === 'open' ? Math.round((Date.parse(t.deadline) - Date.parse(today)) / 86_400_000) : null,
    closureNote: t.closureNote,
    closedAt: t.closedAt,
    evidenceCount: Number(t.evidenceCount),
    version: Number(t.version),
    updatedAt: t.updatedAt,
    abilities: taskAbilities(actor, facts),
  };
}

export interface TaskQuery {
  campaignId?: string;
  regionCode?: string;
  status?: TaskStatus;
  overdue?: boolean;
  category?: Category;
  mine?: boolean;
  ledgerId?: string;
  page: number;
  pageSize: number;
}

/** Tasks in the actor's reach (department officers: their department's), filtered; overdue = open past the deadline. */
export async function listTasks(deps: Deps, actor: Actor, q: TaskQuery) {
  const today = shanghaiDate(deps.clock.now());
  let query = deps.db
    .selectFrom('cleanupTask')
    .innerJoin('ledger', 'ledger.id', 'cleanupTask.ledgerId')
    .where(taskVisibleTo(actor));
  if (q.campaignId) query = query.where('cleanupTask.campaignId', '=', q.campaignId);
  if (q.ledgerId) query = query.where('cleanupTask.ledgerId', '=', q.ledgerId);
  // With no region asked for, an actor who reaches one node sees that node: pinning it (with all its
  // ancestor columns) lets the scope index serve the query instead of a scan of every open task.
  const reach = grantsWith(actor, 'tasks.read');
  const regionCode =
    q.regionCode ?? (reach.length === 1 && reach[0].role !== 'department_officer' ? reach[0].regionCode : undefined);
  if (regionCode) {
    const node = await repo.regionWithAncestors(deps.db, regionCode);
    if (!node) return notFound('区划');
    for (const [col, value] of ancestorEqualities(node)) query = query.where(`cleanupTask.${col}`, '=', value);
  }
  if (q.overdue) query = query.where('cleanupTask.status', '=', 'open').where('cleanupTask.deadline', '<', today);
  else if (q.status) query = query.where('cleanupTask.status', '=', q.status);
  if (q.category) query = query.where('cleanupTask.category', '=', q.category);
  if (q.mine) {
    query = query.where((eb) =>
      eb.or([
        ...(actor.departmentId ? [eb('cleanupTask.ownerDepartmentId', '=', actor.departmentId)] : []),
        eb.and([
          eb('cleanupTask.ownerKind', '=', 'village'),
          eb(
            'cleanupTask.villageCode',
            'in',
            actor.grants
              .filter((g) => g.role === 'village_cadre')
              .map((g) => g.regionCode)
              .concat(['-']),
          ),
        ]),
      ]),
    );
  }
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await query
    .selectAll('cleanupTask')
    .select(['ledger.villageName'])
    .orderBy('cleanupTask.deadline')
    .orderBy('cleanupTask.villageCode')
    .orderBy('cleanupTask.id')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  return { total, today, items: rows.map((r) => presentTask(actor, r, today)) };
}

async function loadTask(db: Trx, actor: Actor, id: string) {
  const t = await db
    .selectFrom('cleanupTask')
    .innerJoin('ledger', 'ledger.id', 'cleanupTask.ledgerId')
    .selectAll('cleanupTask')
    .select(['ledger.villageName'])
    .where('cleanupTask.id', '=', id)
    .executeTakeFirst();
  if (!t || !canReadTask(actor, { villageCode: t.villageCode ?? '', ownerDepartmentId: t.ownerDepartmentId }))
    return notFound('整改任务');
  return t;
}

const factsOf = (t: CleanupTaskTable) => ({
  villageCode: t.villageCode ?? '',
  ownerKind: t.ownerKind as 'village' | 'department',
  ownerDepartmentId: t.ownerDepartmentId,
  status: t.status as TaskStatus,
});

export async function getTask(deps: Deps, actor: Actor, id: string) {
  const t = await loadTask(deps.db, actor, id);
  const row = await repo.findRow(deps.db, t.rowId);
  const evidence = await deps.db
    .selectFrom('taskEvidence')
    .select(['id', 'revision', 'name', 'contentType', 'size', 'sha256', 'note', 'uploadedByName', 'uploadedAt'])
    .where('taskId', '=', t.id)
    .orderBy('revision')
    .execute();
  return {
    task: presentTask(actor, t, shanghaiDate(deps.clock.now())),
    row: row
      ? {
          id: row.id,
          category: row.category as Category,
          name: row.name,
          imposedBy: row.imposedBy,
          basis: row.basis,
          suggestionReason: row.suggestion.reason,
          overrideReason: row.overrideReason,
        }
      : null,
    evidence: evidence.map((e) => ({ ...e, revision: Number(e.revision), size: Number(e.size) })),
  };
}

/** Township or district: change the owner (village / a department) or the deadline. */
export async function updateTask(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  body: { ownerKind?: 'village' | 'department'; ownerDepartmentId?: string | null; deadline?: string; version: number },
) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, id);
    if (!canManageTask(actor, factsOf(t))) throw new AppError('forbidden', '只有乡镇或区民政可以调整整改任务');
    if (t.status !== 'open') throw new AppError('conflict', '只有整改中的任务可以调整');
    const patch: Partial<CleanupTaskTable> = {};
    if (body.ownerKind === 'village')
      Object.assign(patch, { ownerKind: 'village', ownerDepartmentId: null, ownerName: t.villageName ?? '' });
    if (body.ownerKind === 'department') {
      if (!body.ownerDepartmentId)
        throw new AppError('validation_failed', '请选择负责整改的部门', {
          issues: [{ field: 'ownerDepartmentId', message: '必填' }],
        });
      const above = [t.countyCode, t.cityCode, t.provinceCode, t.townshipCode].filter((x): x is string => !!x);
      const dep = await trx
        .selectFrom('department')
        .select(['id', 'name'])
        .where('id', '=', body.ownerDepartmentId)
        .where('regionCode', 'in', above)
        .executeTakeFirst();
      if (!dep)
        throw new AppError('validation_failed', '部门不存在或不属于本村的上级区划', {
          issues: [{ field: 'ownerDepartmentId', message: '部门不存在' }],
        });
      Object.assign(patch, { ownerKind: 'department', ownerDepartmentId: dep.id, ownerName: dep.name });
    }
    if (body.deadline) patch.deadline = body.deadline;
    const now = deps.clock.nowIso();
    const res = await trx
      .updateTable('cleanupTask')
      .set((eb) => ({ ...patch, updatedAt: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict');
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

const safeName = (name: string, type: string) => {
  // Path separators, reserved characters and control characters never reach a Content-Disposition header.
  const base =
    [...name.normalize('NFKC')]
      .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
      .join('')
      .slice(0, 100) || 'file';
  const ext = type === 'application/pdf' ? '.pdf' : type === 'image/png' ? '.png' : '.jpg';
  return base.toLowerCase().endsWith(ext) ? base : `${base}${ext}`;
};

/** Stores a file in stored_file (inside the caller's transaction). */
export async function storeFile(trx: Trx, deps: Deps, actor: Actor, name: string, type: string, buf: Buffer) {
  const id = newId();
  const sha256 = createHash('sha256').update(buf).digest('hex');
  await trx
    .insertInto('storedFile')
    .values({
      id,
      name: safeName(name, type),
      contentType: type,
      size: buf.length,
      sha256,
      data: buf,
      createdBy: actor.userId,
      createdAt: deps.clock.nowIso(),
    })
    .execute();
  return { id, sha256, name: safeName(name, type) };
}

/** Adds an evidence revision to a task (owner or township). */
export async function addEvidence(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  file: { filename: string; data: Buffer; note?: string | null },
) {
  const actor = ctx.actor!;
  const { type, data } = await acceptUpload(file.data, true);
  await deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, id);
    if (!canWorkTask(actor, factsOf(t)))
      throw t.status === 'open'
        ? new AppError('forbidden', '只有整改责任方或乡镇可以上传佐证材料')
        : new AppError('conflict', '任务已结束，不能再上传材料');
    const stored = await storeFile(trx, deps, actor, file.filename, type, data);
    const last = await trx
      .selectFrom('taskEvidence')
      .select((eb) => eb.fn.max('revision').as('m'))
      .where('taskId', '=', id)
      .executeTakeFirst();
    const now = deps.clock.nowIso();
    const evidenceId = newId();
    await trx
      .insertInto('taskEvidence')
      .values({
        id: evidenceId,
        taskId: id,
        revision: Number(last?.m ?? 0) + 1,
        fileId: stored.id,
        name: stored.name,
        contentType: type,
        size: data.length,
        sha256: stored.sha256,
        note: file.note ?? null,
        uploadedBy: actor.userId,
        uploadedByName: actor.displayName,
        uploadedAt: now,
      })
      .execute();
    await trx
      .updateTable('cleanupTask')
      .set((eb) => ({ evidenceCount: eb('evidenceCount', '+', 1), updatedAt: now, version: eb('version', '+', 1) }))
      .where('id', '=', id)
      .execute();
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
  const e = await deps.db
    .selectFrom('taskEvidence')
    .innerJoin('storedFile', 'storedFile.id', 'taskEvidence.fileId')
    .select(['storedFile.data', 'storedFile.contentType', 'storedFile.name'])
    .where('taskEvidence.id', '=', evidenceId)
    .where('taskEvidence.taskId', '=', taskId)
    .executeTakeFirst();
  if (!e) return notFound('佐证材料');
  return { data: Buffer.from(e.data), contentType: e.contentType, name: e.name };
}

// ------------------------------------------------------------------ closure

async function setTaskStatus(
  trx: Trx,
  t: CleanupTaskTable,
  status: TaskStatus,
  patch: Partial<CleanupTaskTable>,
  version: number,
  now: string,
) {
  const res = await trx
    .updateTable('cleanupTask')
    .set((eb) => ({ status, ...patch, updatedAt: now, version: eb('version', '+', 1) }))
    .where('id', '=', t.id)
    .where('version', '=', version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict');
  await trx
    .updateTable('ledgerRow')
    .set({ cleanupStatus: status === 'closed' ? 'closed' : status === 'open' ? 'open' : 'none' })
    .where('id', '=', t.rowId)
    .execute();
  await repo.recountLedger(trx, t.ledgerId);
}

/** Closes a task with a note on what was done (evidence optional: no compulsory photos). */
export async function closeTask(deps: Deps, ctx: RequestContext, id: string, body: { note: string; version: number }) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, id);
    if (!canWorkTask(actor, factsOf(t)))
      throw t.status === 'open'
        ? new AppError('forbidden', '只有整改责任方或乡镇可以办结任务')
        : new AppError('conflict', '任务已结束');
    const now = deps.clock.nowIso();
    await setTaskStatus(
      trx,
      t,
      'closed',
      { closureNote: body.note, closedAt: now, closedBy: actor.userId },
      body.version,
      now,
    );
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

export async function reopenTask(deps: Deps, ctx: RequestContext, id: string, body: { note: string; version: number }) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, id);
    if (!canManageTask(actor, factsOf(t))) throw new AppError('forbidden', '只有乡镇或区民政可以重新打开任务');
    if (t.status !== 'closed') throw new AppError('conflict', '只有已办结的任务可以重新打开');
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

// ------------------------------------------------------------------ reminders (scheduled)

export const REMINDER_JOB = 'campaigns.reminders';

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Creates today's reminders: N days before a task's deadline (per campaign setting) and on the day.
 * Idempotent: the dedupe key is task × recipient × day, so running it again the same day adds nothing.
 */
export async function runReminders(deps: Deps): Promise<{ date: string; tasks: number; created: number }> {
  const today = shanghaiDate(deps.clock.now());
  const campaigns = await deps.db
    .selectFrom('campaign')
    .select(['id', 'settings'])
    .where('status', '=', 'active')
    .execute();
  const offsets = new Map<string, number[]>();
  const allOffsets = new Set<number>([0]);
  for (const c of campaigns) {
    const days = [0, ...(JSON.parse(c.settings || '{}').reminderDaysBefore ?? [3])] as number[];
    offsets.set(c.id, days);
    for (const d of days) allOffsets.add(d);
  }
  if (!campaigns.length) return { date: today, tasks: 0, created: 0 };
  const dates = [...allOffsets].map((d) => addDays(today, d));
  let tasksSeen = 0;
  let created = 0;
  let after = '';
  for (;;) {
    const page = await deps.db
      .selectFrom('cleanupTask')
      .select(['id', 'campaignId', 'title', 'deadline', 'ownerKind', 'ownerDepartmentId', 'villageCode'])
      .where('status', '=', 'open')
      .where('deadline', 'in', dates)
      .where('id', '>', after)
      .orderBy('id')
      .limit(2000)
      .execute();
    if (!page.length) break;
    after = page[page.length - 1].id;
    const due = page.filter((t) => (offsets.get(t.campaignId) ?? []).some((d) => addDays(today, d) === t.deadline));
    tasksSeen += due.length;
    if (due.length) {
      created += await deps.db.transaction().execute(async (trx) => {
        const n = await deps.events.record(trx, 'tasks.due', deps.clock.nowIso(), {
          date: today,
          tasks: due.map((t) => ({
            id: t.id,
            title: t.title,
            deadline: t.deadline,
            ownerKind: t.ownerKind,
            ownerDepartmentId: t.ownerDepartmentId,
            villageCode: t.villageCode,
          })),
        });
        if (n > 0)
          await appendAudit(
            trx,
            deps,
            { actor: null, ip: null, requestId: `job:${REMINDER_JOB}` },
            {
              action: 'notifications.reminders',
              entity: 'notification',
              actorName: `job:${REMINDER_JOB}`,
              after: { date: today, created: n },
            },
          );
        return n;
      });
    }
    if (page.length < 2000) break;
  }
  return { date: today, tasks: tasksSeen, created };
}
