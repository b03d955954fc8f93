/** Clean-up tasks as the API shows them (src/shared/campaigns.ts), with the actor's abilities. */
import type { Actor } from '../../core/actor.js';
import type { Category, OwnerKind, Task, TaskDetail, TaskStatus, Verdict } from '../../../shared/campaigns.js';
import type { RowRecord } from './rows.repo.js';
import type { TaskRecord } from './tasks.repo.js';
import { taskAbilities, type TaskFacts } from './campaigns.policy.js';

export const taskFacts = (t: TaskRecord): TaskFacts => ({
  villageCode: t.villageCode ?? '',
  ownerKind: t.ownerKind as OwnerKind,
  ownerDepartmentId: t.ownerDepartmentId,
  status: t.status as TaskStatus,
});

/** `today` (YYYY-MM-DD, Asia/Shanghai) decides overdue and the days left. */
export function presentTask(actor: Actor, t: TaskRecord, today: string): Task {
  const facts = taskFacts(t);
  const open = facts.status === 'open';
  return {
    id: t.id,
    campaignId: t.campaignId,
    ledgerId: t.ledgerId,
    rowId: t.rowId,
    category: t.category as Category,
    phaseKey: t.phaseKey,
    title: t.title,
    verdict: t.verdict as Verdict,
    clause: t.clause,
    owner: { kind: facts.ownerKind, departmentId: t.ownerDepartmentId, name: t.ownerName },
    villageCode: t.villageCode,
    villageName: t.villageName ?? null,
    townshipCode: t.townshipCode,
    deadline: t.deadline,
    status: facts.status,
    overdue: open && t.deadline < today,
    daysLeft: open ? Math.round((Date.parse(t.deadline) - Date.parse(today)) / 86_400_000) : null,
    closureNote: t.closureNote,
    closedAt: t.closedAt,
    evidenceCount: Number(t.evidenceCount),
    version: Number(t.version),
    updatedAt: t.updatedAt,
    abilities: taskAbilities(actor, facts),
  };
}

export function presentTaskDetail(
  actor: Actor,
  t: TaskRecord,
  row: RowRecord | null,
  evidence: TaskDetail['evidence'],
  today: string,
): TaskDetail {
  return {
    task: presentTask(actor, t, today),
    row: row
      ? {
          id: row.id,
          category: row.category,
          name: row.name,
          imposedBy: row.imposedBy,
          basis: row.basis,
          suggestionReason: row.suggestion.reason,
          overrideReason: row.overrideReason,
        }
      : null,
    evidence,
  };
}
