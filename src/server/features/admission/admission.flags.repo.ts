/**
 * The SQL of village flags: tasks that reached a village without admission, naming the department that
 * handed them down. Readers see flags through `readableFlags` (admission.scope.repo.ts).
 */
import type { Kysely } from 'kysely';
import './admission.tables.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { paginate, type PageRequest } from '../../db/paginate.js';
import type { Channel } from '../../../shared/admission.js';
import { readableFlags } from './admission.scope.repo.js';
import type { AdmissionFlagTable } from './admission.tables.js';

export type FlagRow = Omit<AdmissionFlagTable, 'channel'> & { channel: Channel };
const toFlag = (f: AdmissionFlagTable): FlagRow => ({ ...f, channel: f.channel as Channel });

export async function insertFlag(trx: Kysely<DB>, f: Omit<AdmissionFlagTable, 'version'>) {
  await trx
    .insertInto('admissionFlag')
    .values({ ...f, version: 1 })
    .execute();
}

export async function flagById(db: Kysely<DB>, id: string) {
  return toFlag(await db.selectFrom('admissionFlag').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

export async function findFlagsReadable(
  db: Kysely<DB>,
  actor: Actor,
  f: { departmentId?: string; townshipCode?: string },
  p: PageRequest,
) {
  let q = db.selectFrom('admissionFlag').where(readableFlags(actor));
  if (f.departmentId) q = q.where('admissionFlag.departmentId', '=', f.departmentId);
  if (f.townshipCode) q = q.where('admissionFlag.townshipCode', '=', f.townshipCode);
  const { total, items } = await paginate(q, p, (b) =>
    b.selectAll('admissionFlag').orderBy('admissionFlag.createdAt', 'desc').orderBy('admissionFlag.id', 'desc'),
  );
  return { total, items: items.map(toFlag) };
}

export async function countFlagsByDepartment(db: Kysely<DB>, actor: Actor) {
  const rows = await db
    .selectFrom('admissionFlag')
    .where(readableFlags(actor))
    .select([
      'admissionFlag.departmentId',
      'admissionFlag.departmentName',
      (eb) => eb.fn.countAll<number>().as('n'),
      (eb) => eb.fn.max('admissionFlag.receivedOn').as('lastReceivedOn'),
    ])
    .groupBy(['admissionFlag.departmentId', 'admissionFlag.departmentName'])
    .execute();
  return rows
    .map((r) => ({
      departmentId: r.departmentId,
      departmentName: r.departmentName,
      count: Number(r.n),
      lastReceivedOn: (r.lastReceivedOn as string | null) ?? null,
    }))
    .sort((a, b) => b.count - a.count || a.departmentName.localeCompare(b.departmentName, 'zh'));
}

/** One flag the actor may read, or undefined. */
export async function readableFlagById(db: Kysely<DB>, actor: Actor, id: string) {
  const f = await db
    .selectFrom('admissionFlag')
    .selectAll('admissionFlag')
    .where('admissionFlag.id', '=', id)
    .where(readableFlags(actor))
    .executeTakeFirst();
  return f ? toFlag(f) : undefined;
}

/** Marks an open flag as turned into a supervision case; false when it was not open any more. */
export async function markFlagCased(trx: Kysely<DB>, id: string, version: number) {
  const res = await trx
    .updateTable('admissionFlag')
    .set({ status: 'case', version: version + 1 })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
