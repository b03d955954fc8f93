/** The audit chain's SQL (append, head, pages for the verifier). */
import type { Insertable, Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export const chainHead = (db: Kysely<DB>) =>
  db.selectFrom('auditLog').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();

export async function insertAuditRow(db: Kysely<DB>, row: Insertable<DB['auditLog']>) {
  await db.insertInto('auditLog').values(row).execute();
}

/** A row numbered below 1 (only an insertion by hand makes one). */
export const strayRow = (db: Kysely<DB>) =>
  db.selectFrom('auditLog').select('seq').where('seq', '<', 1).orderBy('seq').limit(1).executeTakeFirst();

export const rowsFrom = (db: Kysely<DB>, seq: number, limit: number) =>
  db.selectFrom('auditLog').selectAll().where('seq', '>=', seq).orderBy('seq').limit(limit).execute();
