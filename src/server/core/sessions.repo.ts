/** The session table's SQL (open, resolve with the account behind it, touch, end) and the grants of the signed-in user. */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export async function insertSession(db: Kysely<DB>, row: Insertable<DB['session']>) {
  await db.insertInto('session').values(row).execute();
}

/** A session with the account it belongs to, or undefined when the id is unknown. */
export const sessionWithUser = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('session')
    .innerJoin('appUser', 'appUser.id', 'session.userId')
    .select([
      'session.id',
      'session.csrfToken',
      'session.lastSeenAt',
      'session.expiresAt',
      'session.idleMinutes',
      'appUser.id as userId',
      'appUser.username',
      'appUser.displayName',
      'appUser.regionCode',
      'appUser.departmentId',
      'appUser.status',
      'appUser.mustChangePassword',
      'appUser.totpEnabledAt',
      'appUser.demo',
    ])
    .where('session.id', '=', id)
    .executeTakeFirst();

export async function endSession(db: Kysely<DB>, id: string) {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

export async function touchSession(db: Kysely<DB>, id: string, now: string) {
  await db.updateTable('session').set({ lastSeenAt: now }).where('id', '=', id).execute();
}

/** The grants of a user with the level of each granted region (the actor's scope). */
export const grantsWithLevel = (db: Kysely<DB>, userId: string) =>
  db
    .selectFrom('grant')
    .innerJoin('region', 'region.code', 'grant.regionCode')
    .select(['grant.role', 'grant.regionCode', 'region.level'])
    .where('grant.userId', '=', userId)
    .execute();
