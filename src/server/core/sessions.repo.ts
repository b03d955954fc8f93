/** The session table's SQL (open, resolve with the account behind it, touch, end) and the grants of the signed-in user. */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export async function insertSession(db: Kysely<DB>, row: Insertable<DB['session']>) {
  await db.insertInto('session').values(row).execute();
}

/**
 * A session with the account it belongs to and that account's grants (with the level of each granted
 * region), in one statement: one result row per grant, or one with null grant columns for an account
 * without grants; no row when the id is unknown. Nothing is cached, so a revoked grant, a disabled
 * account or an ended session counts on the very next request in every process.
 */
export const sessionWithUserAndGrants = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('session')
    .innerJoin('appUser', 'appUser.id', 'session.userId')
    .leftJoin('grant', 'grant.userId', 'session.userId')
    .leftJoin('region', 'region.code', 'grant.regionCode')
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
      'grant.role as grantRole',
      'grant.regionCode as grantRegionCode',
      'region.level as grantLevel',
    ])
    .where('session.id', '=', id)
    .execute();

export async function endSession(db: Kysely<DB>, id: string) {
  await db.deleteFrom('session').where('id', '=', id).execute();
}

export async function touchSession(db: Kysely<DB>, id: string, now: string) {
  await db.updateTable('session').set({ lastSeenAt: now }).where('id', '=', id).execute();
}
