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

export interface BulkColumn {
  /** The column's SQL name (snake_case). */
  name: string;
  type: 'text' | 'int';
}

/**
 * Inserts many rows fast, inside the caller's transaction: prepared statements on SQLite (the connection
 * the transaction runs on: SQLite has one), one `insert … select * from unnest(…)` per 5,000 rows on
 * PostgreSQL — several times faster than going through the query builder (stack-notes §2). Used by the
 * ledger launch and import, and by the benchmark's province generator.
 */
export async function bulkInsert(
  db: Kysely<any>,
  sqlite: { prepare(sql: string): { run(...params: unknown[]): unknown } } | null,
  table: string,
  columns: BulkColumn[],
  rows: unknown[][],
): Promise<void> {
  if (!rows.length) return;
  const head = `insert into ${table} (${columns.map((c) => c.name).join(', ')})`;
  if (sqlite) {
    const stmt = preparedFor(sqlite, `${head} values (${columns.map(() => '?').join(', ')})`);
    for (const r of rows) stmt.run(...r);
    return;
  }
  for (let i = 0; i < rows.length; i += 5000) {
    const batch = rows.slice(i, i + 5000);
    const arrays = columns.map(
      (c, k) => sql`${batch.map((r) => r[k] ?? null)}::${sql.raw(c.type === 'int' ? 'integer[]' : 'text[]')}`,
    );
    await sql`${sql.raw(head)} select * from unnest(${sql.join(arrays)})`.execute(db);
  }
}

const prepared = new WeakMap<object, Map<string, { run(...params: unknown[]): unknown }>>();
function preparedFor(sqlite: { prepare(sql: string): { run(...params: unknown[]): unknown } }, text: string) {
  let byText = prepared.get(sqlite);
  if (!byText) prepared.set(sqlite, (byText = new Map()));
  let stmt = byText.get(text);
  if (!stmt) byText.set(text, (stmt = sqlite.prepare(text)));
  return stmt;
}

/** One round trip to the database (the health check). */
export async function ping(db: Kysely<any>): Promise<void> {
  await sql`select 1`.execute(db);
}
