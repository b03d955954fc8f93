/**
 * The SQL of the expiry job: admitted requests past or near the end of their period, and the reminders
 * raised for them (shown on the filing department's to-do list).
 */
import type { Kysely } from 'kysely';
import './admission.tables.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { newId } from '../../core/ids.js';
import { readableRequests } from './admission.scope.repo.js';
import { toRequest } from './admission.repo.js';

/** Admitted requests whose period ended before `day`. */
export async function approvedEndedBefore(db: Kysely<DB>, day: string) {
  const rows = await db
    .selectFrom('admissionRequest')
    .selectAll()
    .where('status', '=', 'approved')
    .where('expiresOn', '<', day)
    .execute();
  return rows.map(toRequest);
}

/** Admitted requests still in their period on `day`. */
export async function approvedInForce(db: Kysely<DB>, day: string) {
  const rows = await db
    .selectFrom('admissionRequest')
    .select(['id', 'number', 'title', 'departmentId', 'regionCode', 'expiresOn'])
    .where('status', '=', 'approved')
    .where('expiresOn', '>=', day)
    .execute();
  return rows.map((r) => ({ ...r, expiresOn: r.expiresOn! }));
}

export async function reminderExists(db: Kysely<DB>, requestId: string, kind: string, expiresOn: string) {
  const row = await db
    .selectFrom('admissionReminder')
    .select('id')
    .where((eb) => eb.and({ requestId, kind, expiresOn }))
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertReminder(
  trx: Kysely<DB>,
  r: { requestId: string; kind: string; expiresOn: string; createdAt: string },
) {
  await trx
    .insertInto('admissionReminder')
    .values({ id: newId(), ...r })
    .execute();
}

/** Expiry reminders on admitted requests the actor may read, soonest first. */
export async function remindersReadable(db: Kysely<DB>, actor: Actor) {
  return db
    .selectFrom('admissionReminder')
    .innerJoin('admissionRequest', 'admissionRequest.id', 'admissionReminder.requestId')
    .where(readableRequests(actor))
    .where('admissionRequest.status', '=', 'approved')
    .select([
      'admissionReminder.id',
      'admissionReminder.kind',
      'admissionReminder.createdAt',
      'admissionRequest.id as requestId',
      'admissionRequest.number',
      'admissionRequest.title',
      'admissionRequest.expiresOn',
      'admissionRequest.departmentName',
    ])
    .orderBy('admissionRequest.expiresOn')
    .execute();
}
