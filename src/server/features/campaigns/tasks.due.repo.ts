/**
 * Open clean-up tasks counted per ledger × category × deadline (open_task_due), kept in the transaction
 * of every task write like the ledger's row counters, so that a roll-up's overdue figures are a sum over
 * a few rows per village (deadline before today: exact at read time, whatever the date) rather than a
 * GROUP BY over the open tasks themselves.
 *
 * Every write of tasks that can change their status or deadline goes through `keepingDue`: lock the
 * tasks (a no-op update, so that a concurrent writer of the same tasks waits on PostgreSQL), take their
 * open counts away, write, add their open counts back. New tasks are counted in after their insert.
 */
import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { DB } from '../../db/schema.js';
import { pinned, type Pins } from './ledgers.repo.js';

/** Which tasks a write touches. */
export type TaskWhere = (eb: ExpressionBuilder<DB, 'cleanupTask'>) => Expression<SqlBool>;

const KEY = ['ledgerId', 'category', 'deadline', 'campaignId'] as const;
const ANCESTORS = ['provinceCode', 'cityCode', 'countyCode', 'townshipCode', 'villageCode'] as const;
const COLUMNS = [...KEY, ...ANCESTORS] as const;

/** Adds (+1) or takes away (-1) the open tasks matching `where` in their ledger × category × deadline counts. */
async function countDue(trx: Kysely<DB>, where: TaskWhere, sign: 1 | -1): Promise<void> {
  await trx
    .insertInto('openTaskDue')
    .columns([...COLUMNS, 'n'])
    .expression(
      trx
        .selectFrom('cleanupTask')
        .select([...COLUMNS, (sign === 1 ? sql<number>`count(*)` : sql<number>`-count(*)`).as('n')])
        .where(where)
        .where('status', '=', 'open')
        .groupBy([...COLUMNS]),
    )
    .onConflict((oc) =>
      oc
        .columns(['ledgerId', 'category', 'deadline'])
        .doUpdateSet((eb) => ({ n: eb('openTaskDue.n', '+', eb.ref('excluded.n')) })),
    )
    .execute();
}

/** Runs a write of the tasks matching `where` (which must still match them afterwards) with their due counts kept. */
export async function keepingDue<T>(trx: Kysely<DB>, where: TaskWhere, write: () => Promise<T>): Promise<T> {
  await trx
    .updateTable('cleanupTask')
    .set((eb) => ({ version: eb.ref('version') }))
    .where(where)
    .execute();
  await countDue(trx, where, -1);
  const out = await write();
  await countDue(trx, where, 1);
  return out;
}

/** Counts just-inserted tasks in. */
export const countNewTasks = (trx: Kysely<DB>, ids: string[]) =>
  ids.length ? countDue(trx, (eb) => eb('id', 'in', ids), 1) : Promise.resolve();

/** Recounts a campaign's open tasks from scratch (after a bulk load that bypassed the task writes). */
export async function recountDue(trx: Kysely<DB>, campaignId: string): Promise<void> {
  await trx.deleteFrom('openTaskDue').where('campaignId', '=', campaignId).execute();
  await countDue(trx, (eb) => eb('campaignId', '=', campaignId), 1);
}

/** Open tasks past their deadline (before `today`) by child region × category, from the kept counts. */
export function overdueQuery(db: Kysely<DB>, campaignId: string, pins: Pins, child: string, today: string) {
  return db
    .selectFrom('openTaskDue')
    .select([
      (eb) => eb.ref(child as (typeof ANCESTORS)[number]).as('regionCode'),
      'category',
      (eb) => eb.fn.sum<number>('n').as('n'),
    ])
    .where('campaignId', '=', campaignId)
    .where(pinned(pins))
    .where('deadline', '<', today)
    .groupBy([child as (typeof ANCESTORS)[number], 'category']);
}
