/**
 * Column helpers for migrations. Frozen: once a migration uses a helper, the helper never changes
 * behaviour; add a new one instead.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

export const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/** 64-bit integer on PostgreSQL, INTEGER on SQLite (both hold app-assigned sequence numbers). */
export const bigintType = (db: Kysely<any>) => (isPostgres(db) ? 'bigint' : 'integer');

/** Binary blob. */
export const blobType = (db: Kysely<any>) => (isPostgres(db) ? 'bytea' : 'blob');

/** Makes a table append-only: UPDATE and DELETE raise an error. */
export async function appendOnly(db: Kysely<any>, table: string): Promise<void> {
  if (isPostgres(db)) {
    await sql
      .raw(
        `create or replace function ${table}_append_only() returns trigger as $$
         begin raise exception '${table} is append-only'; end; $$ language plpgsql`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_no_update before update or delete on ${table} for each row execute function ${table}_append_only()`,
      )
      .execute(db);
    await sql
      .raw(`create trigger ${table}_no_truncate before truncate on ${table} execute function ${table}_append_only()`)
      .execute(db);
  } else {
    await sql
      .raw(
        `create trigger ${table}_no_update before update on ${table} begin select raise(abort, '${table} is append-only'); end`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger ${table}_no_delete before delete on ${table} begin select raise(abort, '${table} is append-only'); end`,
      )
      .execute(db);
  }
}
