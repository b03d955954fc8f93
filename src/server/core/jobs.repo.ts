/** The SQL of the job table (JobQueue in jobs.ts is its only caller). */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

type JobRow = DB['job'];
type Db = Kysely<DB>;

export const insertJob = (db: Db, row: JobRow) => db.insertInto('job').values(row).execute();

export const jobIdByDedupeKey = (db: Db, key: string) =>
  db.selectFrom('job').select('id').where('dedupeKey', '=', key).executeTakeFirstOrThrow();

export const jobById = (db: Db, id: string) => db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();

/** The portable claim: only a pending, unlocked job changes; true when this worker got it. */
export async function claim(db: Db, id: string, worker: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('job')
    .set({
      lockedBy: worker,
      lockedAt: now,
      status: 'running',
      updatedAt: now,
      attempts: (eb) => eb('attempts', '+', 1),
    })
    .where('id', '=', id)
    .where('lockedBy', 'is', null)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export const updateJob = (db: Db, id: string, set: Partial<JobRow>) =>
  db.updateTable('job').set(set).where('id', '=', id).execute();

export const dueJobIds = (db: Db, names: string[], now: string, limit: number) =>
  db
    .selectFrom('job')
    .select('id')
    .where('status', '=', 'pending')
    .where('name', 'in', names.length ? names : [''])
    .where('runAt', '<=', now)
    .orderBy('runAt')
    .limit(limit)
    .execute();

/** Jobs left running by a process that died (claimed before `cutoff`) go back to pending. */
export const releaseStale = (db: Db, cutoff: string, now: string) =>
  db
    .updateTable('job')
    .set({ status: 'pending', lockedBy: null, updatedAt: now })
    .where('status', '=', 'running')
    .where('lockedAt', '<', cutoff)
    .execute();
