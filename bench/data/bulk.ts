/**
 * Raw-driver bulk inserts for the generator: better-sqlite3 prepared statements inside one transaction
 * per chunk, PostgreSQL multi-row inserts through unnest() of one array per column (one statement per
 * 5,000 rows), both several times faster than going through Kysely (stack-notes §2).
 */
import type { Database } from '../../src/server/db/database.js';

export type ColumnType = 'text' | 'int';
export interface Column {
  name: string;
  type: ColumnType;
}

export async function bulkInsert(
  database: Database,
  table: string,
  columns: Column[],
  rows: unknown[][],
  chunk = 5000,
): Promise<void> {
  if (!rows.length) return;
  if (database.sqlite) {
    const stmt = database.sqlite.prepare(
      `insert into ${table} (${columns.map((c) => c.name).join(', ')}) values (${columns.map(() => '?').join(', ')})`,
    );
    const tx = database.sqlite.transaction((batch: unknown[][]) => {
      for (const r of batch) stmt.run(r);
    });
    for (let i = 0; i < rows.length; i += 50_000) tx(rows.slice(i, i + 50_000));
    return;
  }
  const pool = database.pool!;
  const sql = `insert into ${table} (${columns.map((c) => c.name).join(', ')}) select * from unnest(${columns.map((c, i) => `$${i + 1}::${c.type === 'int' ? 'integer' : 'text'}[]`).join(', ')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const batch = rows.slice(i, i + chunk);
    const arrays = columns.map((_, k) => batch.map((r) => r[k] ?? null));
    await pool.query(sql, arrays);
  }
}
