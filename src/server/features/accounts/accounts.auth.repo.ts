/** Sign-in throttling and captchas, second factors and password history: their SQL. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';

type Db = Kysely<DB>;

// ------------------------------------------------------------------------------------------ throttling, captcha

export type ThrottleRow = DB['loginThrottle'];

export async function throttles(db: Db, keys: string[]) {
  const rows = await db.selectFrom('loginThrottle').selectAll().where('key', 'in', keys).execute();
  return new Map(rows.map((r) => [r.key, { ...r, failures: Number(r.failures) }]));
}

export async function saveThrottle(db: Db, row: ThrottleRow, exists: boolean) {
  if (exists)
    await db
      .updateTable('loginThrottle')
      .set({ failures: row.failures, lastFailureAt: row.lastFailureAt, blockedUntil: row.blockedUntil })
      .where('key', '=', row.key)
      .execute();
  else await db.insertInto('loginThrottle').values(row).execute();
}

export async function clearThrottles(db: Db, keys: string[], keyPrefix?: string) {
  if (keys.length) await db.deleteFrom('loginThrottle').where('key', 'in', keys).execute();
  if (keyPrefix)
    await db
      .deleteFrom('loginThrottle')
      .where('key', 'like', `${keyPrefix.replace(/[\\%_]/g, '')}%`)
      .execute();
}

/** Names (throttle keys `n:<name>`) with a delay still running, among `names`. */
export async function blockedNames(db: Db, names: string[], now: string): Promise<Set<string>> {
  if (!names.length) return new Set();
  const rows = await db
    .selectFrom('loginThrottle')
    .select('key')
    .where('blockedUntil', '>', now)
    .where((eb) => eb.or(names.map((n) => eb('key', 'like', `p:${n.replace(/[\\%_]/g, '')}|%`))))
    .execute();
  return new Set(rows.map((r) => r.key.slice(2, r.key.lastIndexOf('|'))));
}

export async function insertCaptcha(db: Db, c: DB['captcha']) {
  await db.insertInto('captcha').values(c).execute();
}

/** Takes a captcha (single use): returns its answer if it existed and had not expired. */
export async function takeCaptcha(db: Db, id: string, now: string): Promise<string | null> {
  const row = await db.selectFrom('captcha').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return null;
  await db.deleteFrom('captcha').where('id', '=', id).execute();
  await db.deleteFrom('captcha').where('expiresAt', '<=', now).execute();
  return row.expiresAt > now ? row.answer : null;
}

// ------------------------------------------------------------------------------------------ second factor

/** Moves the last used TOTP step forward; false when the step was already used (a replay). */
export async function advanceTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const res = await db
    .updateTable('appUser')
    .set({ totpLastStep: step })
    .where('id', '=', userId)
    .where((eb) => eb.or([eb('totpLastStep', 'is', null), eb('totpLastStep', '<', step)]))
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function replaceRecoveryCodes(db: Db, userId: string, rows: DB['recoveryCode'][]) {
  await db.deleteFrom('recoveryCode').where('userId', '=', userId).execute();
  if (rows.length) await db.insertInto('recoveryCode').values(rows).execute();
}

/** Marks an unused recovery code used; false when there is none with that hash. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: string, now: string): Promise<boolean> {
  const res = await db
    .updateTable('recoveryCode')
    .set({ usedAt: now })
    .where('userId', '=', userId)
    .where('codeHash', '=', codeHash)
    .where('usedAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export const unusedRecoveryCodes = async (db: Db, userId: string) =>
  Number(
    (
      await db
        .selectFrom('recoveryCode')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('userId', '=', userId)
        .where('usedAt', 'is', null)
        .executeTakeFirst()
    )?.n ?? 0,
  );

// ------------------------------------------------------------------------------------------ password history

export async function addPasswordHistory(db: Db, row: DB['passwordHistory']) {
  await db.insertInto('passwordHistory').values(row).execute();
}

export const recentPasswordHashes = async (db: Db, userId: string, n: number) =>
  n <= 0
    ? []
    : (
        await db
          .selectFrom('passwordHistory')
          .select('passwordHash')
          .where('userId', '=', userId)
          .orderBy('createdAt', 'desc')
          .orderBy('id', 'desc')
          .limit(n)
          .execute()
      ).map((r) => r.passwordHash);
