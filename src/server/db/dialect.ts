/**
 * The only place with dialect-specific SQL. Everything else is written once for SQLite and PostgreSQL.
 */
import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { DialectName } from './database.js';

/**
 * Serialises writers of an append-only chain (the audit trail) inside a transaction. SQLite has one
 * writer at a time already; PostgreSQL takes a transaction-scoped advisory lock.
 */
export async function lockChain(trx: Kysely<any>, dialect: DialectName, key: number): Promise<void> {
  if (dialect === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/** Case-insensitive substring match that works on both dialects (no ILIKE). */
export function containsInsensitive(
  column: Expression<string | null> | RawBuilder<string | null>,
  needle: string,
): RawBuilder<SqlBool> {
  const escaped = needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);
  return sql<SqlBool>`lower(${column}) like ${`%${escaped}%`} escape '\\'`;
}

/** True when the error is a unique-constraint violation on either dialect. */
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string } | null;
  if (!e) return false;
  return e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/**
 * Runs start-up work (seeding, bootstrap) while holding a cluster-wide lock on PostgreSQL, so that two
 * processes starting together on a new database do not both seed it. SQLite has one writer anyway.
 */
export async function withStartupLock<T>(db: Kysely<any>, dialect: DialectName, fn: () => Promise<T>): Promise<T> {
  if (dialect !== 'postgres') return fn();
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(73012)`.execute(conn);
    try {
      return await fn();
    } finally {
      await sql`select pg_advisory_unlock(73012)`.execute(conn);
    }
  });
}
