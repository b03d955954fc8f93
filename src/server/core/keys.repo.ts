/** The key check values' SQL, and one sealed value per sealed column for the start-up check. */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export const keyChecks = (db: Kysely<DB>) => db.selectFrom('keyCheck').selectAll().execute();

export async function insertKeyCheck(db: Kysely<DB>, row: DB['keyCheck']) {
  await db.insertInto('keyCheck').values(row).execute();
}

export const anyKeyCheck = (db: Kysely<DB>) => db.selectFrom('keyCheck').select('keyId').limit(1).executeTakeFirst();

/** One non-null value of a sealed column with its row id (table and column from a fixed list). */
export const sealedSample = (db: Kysely<DB>, table: string, column: string) =>
  sql<{ id: string; v: string }>`select id, ${sql.ref(column)} as v from ${sql.table(table)}
    where ${sql.ref(column)} is not null limit 1`
    .execute(db)
    .then((r) => r.rows[0]);
