import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import SQLite from 'better-sqlite3';
import { openDatabase, reusingStatements, type Database } from './database.js';
import { TEST_DIALECT } from '../../../test/dialects.js';

// The SQLite change stamp (what the roll-up memo is keyed by) and the prepared-statement re-use.
describe.skipIf(TEST_DIALECT !== 'sqlite')('SQLite database handle', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianfu-db-'));
  const file = path.join(dir, 'stamp.db');
  const open: Database[] = [];
  const db = (d: Database) => (open.push(d), d);
  afterAll(async () => {
    for (const d of open) await d.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('changes its stamp on every write: through Kysely, through the raw handle, and by another connection', async () => {
    const a = db(openDatabase(`sqlite:${file}`));
    await sql`create table t (id integer primary key, v text)`.execute(a.db);
    const s0 = a.changeStamp!();
    expect(a.changeStamp!()).toBe(s0); // reading changes nothing
    await sql`select count(*) from t`.execute(a.db);
    expect(a.changeStamp!()).toBe(s0);
    await sql`insert into t (v) values (${'x'})`.execute(a.db);
    const s1 = a.changeStamp!();
    expect(s1).not.toBe(s0);
    a.sqlite!.prepare('update t set v = ? where id = 1').run('y');
    const s2 = a.changeStamp!();
    expect(s2).not.toBe(s1);
    // Another process (here: another connection) commits a change.
    const b = db(openDatabase(`sqlite:${file}`));
    await sql`insert into t (v) values (${'z'})`.execute(b.db);
    expect(a.changeStamp!()).not.toBe(s2);
  });

  it('re-uses prepared statements, but an iteration gets its own (the cached one stays usable meanwhile)', () => {
    const raw = new SQLite(':memory:');
    raw.exec("create table t (id integer primary key, v text); insert into t (v) values ('a'), ('b')");
    const facade = reusingStatements(raw);
    const text = 'select v from t order by id';
    const iter = facade.prepare(text).iterate([]);
    expect(iter.next().value).toEqual({ v: 'a' });
    // While that iteration is open, the same SQL runs again through the cache.
    expect(facade.prepare(text).all([])).toEqual([{ v: 'a' }, { v: 'b' }]);
    expect(facade.prepare(text).all([])).toEqual([{ v: 'a' }, { v: 'b' }]);
    expect(iter.next().value).toEqual({ v: 'b' });
    iter.return?.();
    facade.close();
  });
});

describe.skipIf(TEST_DIALECT !== 'postgres')('PostgreSQL database handle', () => {
  it('survives the server ending an idle connection: reported, and the next query opens a new one', async () => {
    const { freshDatabaseUrl } = await import('../../../test/dialects.js');
    const { default: pg } = await import('pg');
    const { url, drop } = await freshDatabaseUrl();
    const errors: string[] = [];
    const d = openDatabase(url, { onIdleError: (err) => errors.push(err.message) });
    try {
      await sql`select 1`.execute(d.db); // leaves one idle client in the pool
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      await admin.end();
      for (let i = 0; i < 50 && !errors.length; i++) await new Promise((r) => setTimeout(r, 20));
      expect(errors.length).toBeGreaterThan(0);
      expect((await sql<{ n: number }>`select 1 as n`.execute(d.db)).rows[0].n).toBe(1);
    } finally {
      await d.close();
      await drop();
    }
  });
});
