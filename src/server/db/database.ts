import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { createRequire } from 'node:module';
import type pg from 'pg';
import {
  CamelCasePlugin,
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase,
  type SqliteStatement,
} from 'kysely';
import type { DB } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The raw better-sqlite3 handle (for online backup and bulk inserts); null on PostgreSQL. */
  sqlite: SQLite.Database | null;
  /** The raw pg pool (for COPY); null on SQLite. */
  pool: pg.Pool | null;
  /**
   * SQLite only (null on PostgreSQL): a value that changes whenever the database may have changed:
   * rows changed through this connection (any statement, trigger or raw handle) and commits by other
   * connections (data_version). Read it before reading data to cache what the data gives.
   */
  changeStamp: (() => string) | null;
  close(): Promise<void>;
}

/** The pg driver, loaded when a PostgreSQL database is opened (not on SQLite, where it would only cost start-up). */
function pgDriver(): typeof pg {
  const driver = createRequire(import.meta.url)('pg') as typeof pg;
  // pg returns int8 (count, sum) as strings; we keep counts far below 2^53.
  driver.types.setTypeParser(20, (v) => Number(v));
  driver.types.setTypeParser(1700, (v) => Number(v));
  return driver;
}

export function dialectOf(url: string): DialectName {
  if (url.startsWith('sqlite:')) return 'sqlite';
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) return 'postgres';
  throw new Error(`DATABASE_URL 不受支持 / unsupported DATABASE_URL: ${url.replace(/:[^:@/]*@/, ':***@')}`);
}

/**
 * Kysely's SQLite driver prepares every statement on every execution; preparing is a good part of a
 * small query's cost. This keeps prepared statements for re-use (LRU by SQL text). `all` and `run`
 * finish synchronously, so a cached statement is never busy; an iteration (streamQuery) holds its
 * statement open, so it always gets a fresh one.
 */
export function reusingStatements(sqlite: SQLite.Database, max = 500): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (stmt) cache.delete(sql);
      else stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > max) cache.delete(cache.keys().next().value!);
      const s = stmt;
      return {
        reader: s.reader,
        all: (parameters) => s.all(parameters as unknown[]),
        run: (parameters) => s.run(parameters as unknown[]),
        iterate: (parameters) => sqlite.prepare(sql).iterate(parameters as unknown[]) as IterableIterator<unknown>,
      };
    },
  };
}

/** Opens the database named by a `sqlite:<file>` or `postgres://…` URL. */
export function openDatabase(
  url: string,
  opts: { poolSize?: number; onIdleError?: (err: Error) => void } = {},
): Database {
  const dialect = dialectOf(url);
  const plugins = [new CamelCasePlugin()];
  if (dialect === 'sqlite') {
    const file = url.slice('sqlite:'.length) || ':memory:';
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    const sqlite = new SQLite(file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = FULL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('secure_delete = ON');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: reusingStatements(sqlite) }), plugins });
    const stamp = sqlite.prepare('select total_changes(), (select data_version from pragma_data_version())').raw();
    return {
      db,
      dialect,
      sqlite,
      pool: null,
      changeStamp: () => (stamp.get() as unknown[]).join(':'),
      close: async () => {
        await db.destroy();
        if (sqlite.open) sqlite.close(); // also when no query went through Kysely (checkpoints the WAL)
      },
    };
  }
  const pool = new (pgDriver().Pool)({ connectionString: url, max: opts.poolSize ?? 10 });
  // An idle connection that the server ends (restart, failover, idle timeout, an administrator) is
  // reported here; the pool drops it and opens a new one on demand. Without a listener it would crash
  // the process.
  pool.on(
    'error',
    opts.onIdleError ??
      ((err) => process.stderr.write(`数据库空闲连接已断开 / idle database connection lost: ${err.message}\n`)),
  );
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }), plugins });
  return { db, dialect, sqlite: null, pool, changeStamp: null, close: () => db.destroy() };
}
