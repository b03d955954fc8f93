import crypto from 'node:crypto';
import pg from 'pg';

/** Which database this test run uses: JIANFU_TEST_DIALECT=postgres needs TEST_DATABASE_URL. */
export const TEST_DIALECT = process.env.JIANFU_TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';

/**
 * A fresh, empty database for one test app: in-memory SQLite, or a new PostgreSQL database created
 * from TEST_DATABASE_URL (dropped again by `drop`).
 */
export async function freshDatabaseUrl(): Promise<{ url: string; drop: () => Promise<void> }> {
  if (TEST_DIALECT === 'sqlite') return { url: 'sqlite::memory:', drop: async () => undefined };
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('JIANFU_TEST_DIALECT=postgres needs TEST_DATABASE_URL');
  const name = `jianfu_t_${crypto.randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      // A leftover connection of another role (e.g. pg_restore run as postgres) can block the drop; retry,
      // then leave the database behind rather than fail the test that used it.
      for (let attempt = 1; attempt <= 5; attempt++) {
        const c = new pg.Client({ connectionString: base });
        try {
          await c.connect();
          await c.query(`drop database if exists ${name} with (force)`);
          return;
        } catch (err) {
          if (attempt === 5) console.warn(`could not drop test database ${name}: ${(err as Error).message}`);
          else await new Promise((r) => setTimeout(r, 400 * attempt));
        } finally {
          await c.end().catch(() => undefined);
        }
      }
    },
  };
}
