/**
 * Per-table checksums of a database (row count + SM3 over the rows in primary-key order), the SQL that
 * backups and restore drills compare: over an open better-sqlite3 file (the SQLite backup, streamed) and
 * through Kysely on either dialect (a pg_dump snapshot against its restore).
 */
import crypto from 'node:crypto';
import type SQLite from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import type { DialectName } from './database.js';
import type { TableChecksum } from '../core/backup.seal.js';

/** Canonical form of one value: blobs as x'hex', integers as JSON numbers (as text beyond 2^53). */
function canon(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (Buffer.isBuffer(v) || v instanceof Uint8Array) return `x'${Buffer.from(v).toString('hex')}'`;
  if (typeof v === 'bigint')
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  if (v instanceof Date) return v.toISOString();
  return v;
}

/** Canonical text of a row: its values in column-name order. */
const rowText = (values: unknown[]) => JSON.stringify(values.map(canon));

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Per-table checksums of an open better-sqlite3 database, all read in one read transaction. */
export function sqliteTableChecksums(db: SQLite.Database): TableChecksum[] {
  const read = db.transaction(() => {
    const tables = (
      db
        .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`)
        .all() as { name: string }[]
    ).map((t) => t.name);
    return tables.map((table) => {
      const info = db.prepare(`select name, pk from pragma_table_info(?)`).all(table) as { name: string; pk: number }[];
      const columns = info.map((c) => c.name).sort();
      const pk = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      const order = (pk.length ? pk : columns).map(quoteIdent).join(', ');
      const hash = crypto.createHash('sm3');
      let rows = 0;
      const stmt = db
        .prepare(`select ${columns.map(quoteIdent).join(', ')} from ${quoteIdent(table)} order by ${order}`)
        .safeIntegers(true);
      for (const row of stmt.iterate() as IterableIterator<Record<string, unknown>>) {
        hash.update(rowText(columns.map((c) => row[c])));
        hash.update('\n');
        rows += 1;
      }
      return { table, rows, sm3: hash.digest('hex') };
    });
  });
  return read.deferred();
}

/**
 * Per-table checksums through Kysely, on either dialect. On PostgreSQL run it inside a REPEATABLE READ
 * transaction (or one that imported a pg_dump snapshot) to read one consistent state.
 */
export async function tableChecksums(db: Kysely<any>, dialect: DialectName): Promise<TableChecksum[]> {
  if (dialect === 'sqlite') {
    const tables = (
      await sql<{
        name: string;
      }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(db)
    ).rows.map((r) => r.name);
    const out: TableChecksum[] = [];
    for (const table of tables) {
      const info = (
        await sql<{ name: string; pk: number }>`select name, pk from pragma_table_info(${table})`.execute(db)
      ).rows;
      const columns = info.map((c) => c.name).sort();
      const pk = info
        .filter((c) => c.pk > 0)
        .sort((a, b) => a.pk - b.pk)
        .map((c) => c.name);
      out.push(await checksumRows(db, table, columns, pk.length ? pk : columns));
    }
    return out;
  }
  const tables = (
    await sql<{
      name: string;
    }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(db)
  ).rows.map((r) => r.name);
  const out: TableChecksum[] = [];
  for (const table of tables) {
    const columns = (
      await sql<{
        name: string;
      }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = ${table}`.execute(
        db,
      )
    ).rows
      .map((r) => r.name)
      .sort();
    const pk = (
      await sql<{
        name: string;
      }>`select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
        where i.indrelid = ${quoteIdent(table)}::regclass and i.indisprimary order by array_position(i.indkey::int2[], a.attnum)`.execute(
        db,
      )
    ).rows.map((r) => r.name);
    out.push(await checksumRows(db, table, columns, pk.length ? pk : columns));
  }
  return out;
}

async function checksumRows(
  db: Kysely<any>,
  table: string,
  columns: string[],
  order: string[],
): Promise<TableChecksum> {
  const hash = crypto.createHash('sm3');
  let rows = 0;
  // Values are read by position: result keys may be renamed by the CamelCasePlugin. The whole table is
  // read at once, which is fine for drills; the SQLite path (the production backup) streams.
  const select = sql.raw(
    `select ${columns.map(quoteIdent).join(', ')} from ${quoteIdent(table)} order by ${order.map(quoteIdent).join(', ')}`,
  );
  const result = await sql<Record<string, unknown>>`${select}`.execute(db);
  for (const r of result.rows) {
    hash.update(rowText(Object.values(r)));
    hash.update('\n');
    rows += 1;
  }
  return { table, rows, sm3: hash.digest('hex') };
}
