/**
 * The SQL of the review chain: the steps of a request's revision (township → district → government),
 * opened, decided and cancelled. Callers own the transaction.
 */
import type { Kysely } from 'kysely';
import './admission.tables.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import type { DecideAction, StepName, StepStatus } from '../../../shared/admission.js';
import type { AdmissionStepTable } from './admission.tables.js';

export type Step = Omit<AdmissionStepTable, 'step' | 'status' | 'action'> & {
  step: StepName;
  status: StepStatus;
  action: DecideAction | null;
};

const toStep = (s: AdmissionStepTable): Step => ({
  ...s,
  step: s.step as StepName,
  status: s.status as StepStatus,
  action: s.action as DecideAction | null,
  revision: Number(s.revision),
  seq: Number(s.seq),
  workingDays: Number(s.workingDays),
});

export async function openStepsOf(db: Kysely<DB>, ids: string[]) {
  if (ids.length === 0) return new Map<string, Step>();
  const rows = await db
    .selectFrom('admissionStep')
    .selectAll()
    .where('requestId', 'in', ids)
    .where('status', '=', 'open')
    .execute();
  return new Map(rows.map((r) => [r.requestId, toStep(r)]));
}

export async function stepsOf(db: Kysely<DB>, id: string): Promise<Step[]> {
  const rows = await db
    .selectFrom('admissionStep')
    .selectAll()
    .where('requestId', '=', id)
    .orderBy('revision')
    .orderBy('seq')
    .execute();
  return rows.map(toStep);
}

/** A planned step: the first opens at once, the others wait. */
export interface NewStep {
  id: string;
  requestId: string;
  revision: number;
  seq: number;
  step: StepName;
  regionCode: string;
  body: string;
  assigneeId: string | null;
  assigneeName: string | null;
  workingDays: number;
  opened: { at: string; on: string; dueOn: string } | null;
}

export async function insertSteps(trx: Kysely<DB>, steps: NewStep[]) {
  for (const { opened, ...s } of steps)
    await trx
      .insertInto('admissionStep')
      .values({
        ...s,
        status: opened ? 'open' : 'pending',
        openedAt: opened?.at ?? null,
        openedOn: opened?.on ?? null,
        dueOn: opened?.dueOn ?? null,
        decidedAt: null,
        decidedBy: null,
        decidedByName: null,
        action: null,
        comment: null,
        conditions: null,
        reason: null,
      })
      .execute();
}

/** Records the decision on an open step; false when it is no longer open (another decision won). */
export async function decideStep(
  trx: Kysely<DB>,
  id: string,
  d: { action: DecideAction; at: string; by: Actor; comment: string; conditions: string; reason: string },
) {
  const status: StepStatus = d.action === 'approve' ? 'approved' : d.action === 'return' ? 'returned' : 'rejected';
  const res = await trx
    .updateTable('admissionStep')
    .set({
      status,
      decidedAt: d.at,
      decidedBy: d.by.userId,
      decidedByName: d.by.displayName,
      action: d.action,
      comment: d.comment || null,
      conditions: d.conditions || null,
      reason: d.reason || null,
    })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function openStep(trx: Kysely<DB>, id: string, opened: { at: string; on: string; dueOn: string }) {
  await trx
    .updateTable('admissionStep')
    .set({ status: 'open', openedAt: opened.at, openedOn: opened.on, dueOn: opened.dueOn })
    .where('id', '=', id)
    .execute();
}

/** Cancels the steps of a request still in the given states (of one revision, when given). */
export async function cancelSteps(trx: Kysely<DB>, requestId: string, statuses: StepStatus[], revision?: number) {
  let q = trx
    .updateTable('admissionStep')
    .set({ status: 'cancelled' })
    .where('requestId', '=', requestId)
    .where('status', 'in', statuses);
  if (revision !== undefined) q = q.where('revision', '=', revision);
  await q.execute();
}
