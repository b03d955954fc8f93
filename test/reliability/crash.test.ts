/**
 * RL-01 / RL-03 / RL-05 (T-C1, T-C2): `kill -9` at random moments against a real server process.
 *
 * Writes: 4 workers send sequential audited writes (POST /api/departments, unique names) and record
 * every operation's outcome: ok (2xx), fail (an error answer, or the connection was refused so the
 * request never reached the server) or info (the connection broke mid-request: indeterminate). The
 * harness SIGKILLs the process group at a random moment, checks the file (SQLite), restarts the server
 * on the same database and goes on. The checker then reads the database directly: every ok write
 * exists exactly once, info at most once, fail never; every department has exactly one
 * `departments.create` audit row and vice versa; the audit chain verifies.
 *
 * Imports: POST /api/regions/import {code:'1404'} writes a whole city (~2,600 rows, one transaction);
 * killed at a random moment in [0, 1.3 T] where T is the measured import time, the city's new rows
 * number either 0 or all of them, never in between.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyChain } from '../../src/server/core/audit.js';
import { readChinaDivisionSubtree } from '../../src/server/features/regions/china-division.js';
import {
  budget,
  Client,
  DIALECT,
  ITERATIONS,
  NetError,
  addAccount,
  cleanupTempDirs,
  figure,
  freshDb,
  killAll,
  prepareDemo,
  randomBetween,
  sleep,
  sqliteIntegrity,
  startServer,
  withDb,
  type ServerProcess,
  type TestDb,
  keysOf,
} from './harness.js';

type Outcome = 'ok' | 'fail' | 'info';
interface Op {
  name: string;
  outcome: Outcome;
  id?: string;
  status?: number;
}

const COUNTY = '140404000000';

afterAll(async () => {
  await killAll();
  cleanupTempDirs();
});

async function checkFileAfterCrash(db: TestDb) {
  if (!db.file) return;
  const r = sqliteIntegrity(db.file);
  expect(r.integrity).toBe('ok');
  expect(r.foreignKeyProblems).toBe(0);
}

describe(`kill -9 during writes (RL-01, RL-03; ${DIALECT})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
    await prepareDemo(db.url);
  });
  afterAll(async () => {
    await killAll();
    await db?.drop();
  });

  it(
    `no acknowledged write is lost or duplicated over ${ITERATIONS} kill -9 / restart cycles; business and audit rows are 1:1; the chain verifies`,
    async () => {
      const run = Math.random().toString(36).slice(2, 8);
      const history: Op[] = [];
      let seq = 0;
      const client = new Client('');
      let server: ServerProcess | null = null;
      try {
        for (let i = 0; i < ITERATIONS; i++) {
          server = await startServer(db.url);
          client.base = server.base;
          if (i === 0) await client.login('demo-sysadmin');
          else {
            // The session lives in the database: it survives the crash (T-GS2).
            const me = await client.req('GET', '/api/auth/me');
            expect(me.status).toBe(200);
          }
          let stop = false;
          const worker = async () => {
            while (!stop) {
              const name = `rel-${run}-${++seq}`;
              const op: Op = { name, outcome: 'info' };
              history.push(op);
              try {
                const res = await client.req(
                  'POST',
                  '/api/departments',
                  { regionCode: COUNTY, name, kind: 'government' },
                  { timeoutMs: 30_000 },
                );
                op.status = res.status;
                if (res.status >= 200 && res.status < 300) {
                  op.outcome = 'ok';
                  op.id = res.body.id;
                } else {
                  op.outcome = 'fail';
                  // An answered error must be a clean one (not a 5xx) while the server is up.
                  expect(res.status).toBeLessThan(500);
                }
              } catch (err) {
                if (err instanceof NetError && err.neverSent) op.outcome = 'fail';
                stop = true;
              }
            }
          };
          const workers = Array.from({ length: 4 }, worker);
          await sleep(randomBetween(100, 1200));
          server.kill('SIGKILL');
          await server.exited;
          stop = true;
          await Promise.all(workers);
          await checkFileAfterCrash(db);
        }
        // A last restart: the server recovers and serves every acknowledged department.
        server = await startServer(db.url);
        client.base = server.base;
        const list = await client.req('GET', '/api/departments');
        expect(list.status).toBe(200);
        const served = new Set((list.body.items as { name: string }[]).map((d) => d.name));
        for (const op of history) if (op.outcome === 'ok') expect(served.has(op.name), op.name).toBe(true);
        server.kill('SIGTERM');
        expect((await server.exited).code).toBe(0);
      } finally {
        server?.kill('SIGKILL');
      }

      // The checker reads the database directly.
      const report = await withDb(db.url, async ({ db: k }) => {
        const rows = await k
          .selectFrom('department')
          .select(['id', 'name'])
          .where('name', 'like', `rel-${run}-%`)
          .execute();
        const byName = new Map<string, string[]>();
        for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r.id]);
        const audits = await k
          .selectFrom('auditLog')
          .select(['entityId', 'afterJson', 'outcome'])
          .where('action', '=', 'departments.create')
          .execute();
        const auditsById = new Map<string, number>();
        for (const a of audits) if (a.entityId) auditsById.set(a.entityId, (auditsById.get(a.entityId) ?? 0) + 1);
        const chain = await verifyChain(k, keysOf(db.url));
        const orphanAudits = audits.filter(
          (a) => a.afterJson?.includes(`rel-${run}-`) && !rows.some((r) => r.id === a.entityId),
        ).length;
        return { rows, byName, auditsById, chain, orphanAudits };
      });
      const count = (o: Outcome) => history.filter((h) => h.outcome === o).length;
      let lost = 0;
      let duplicated = 0;
      let failedPresent = 0;
      for (const op of history) {
        const n = report.byName.get(op.name)?.length ?? 0;
        if (op.outcome === 'ok' && n === 0) lost += 1;
        if (n > 1) duplicated += 1;
        if (op.outcome === 'fail' && n > 0) failedPresent += 1;
        if (op.outcome === 'ok') expect(report.byName.get(op.name)).toEqual([op.id]);
      }
      const withoutAudit = report.rows.filter((r) => report.auditsById.get(r.id) !== 1).length;
      const infoCommitted = history.filter((h) => h.outcome === 'info' && report.byName.has(h.name)).length;
      figure('kill -9 during writes', {
        iterations: ITERATIONS,
        ops: history.length,
        acknowledged: count('ok'),
        failed: count('fail'),
        indeterminate: count('info'),
        indeterminateCommitted: infoCommitted,
        lost,
        duplicated,
        failedPresent,
        withoutAudit,
        orphanAudits: report.orphanAudits,
        chainChecked: report.chain.checked,
      });
      expect(count('ok')).toBeGreaterThan(0);
      expect(lost).toBe(0);
      expect(duplicated).toBe(0);
      expect(failedPresent).toBe(0);
      expect(withoutAudit).toBe(0);
      expect(report.orphanAudits).toBe(0);
      expect(report.chain).toMatchObject({ ok: true, firstBroken: null });
    },
    budget(15_000, ITERATIONS),
  );
});

describe(`kill -9 during a one-transaction import (RL-05; ${DIALECT})`, () => {
  let db: TestDb;
  // The city's rows that the demo (140404 and its ancestors) does not already hold.
  const expected = readChinaDivisionSubtree('1404').filter(
    (r) => r.code.startsWith('1404') && r.code !== '140400000000' && !r.code.startsWith('140404'),
  ).length;
  const NEW_ROWS = "code like '1404%' and code <> '140400000000' and code not like '140404%'";
  const countNew = () =>
    withDb(db.url, async ({ db: k }) =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from region where ${sql.raw(NEW_ROWS)}`.execute(k)).rows[0].n,
      ),
    );
  // One statement, so FK checks see the whole subtree gone (children sort after their parents).
  const removeNew = () =>
    withDb(db.url, async ({ db: k }) => void (await sql`delete from region where ${sql.raw(NEW_ROWS)}`.execute(k)));

  beforeAll(async () => {
    db = await freshDb();
    await prepareDemo(db.url);
    await addAccount(db.url, {
      username: 'rel-city-admin',
      role: 'sysadmin',
      region: '140400000000',
      displayName: '市级系统管理员（测试）',
    });
  });
  afterAll(async () => {
    await killAll();
    await db?.drop();
  });

  it(
    `after a kill at a random moment the city import is all (${expected} rows) or nothing, over ${ITERATIONS} iterations`,
    async () => {
      expect(expected).toBeGreaterThan(2000);
      const client = new Client('');
      let server: ServerProcess | null = null;
      const outcomes = { committed: 0, rolledBack: 0, acknowledged: 0 };
      try {
        // Calibrate: the import's time T when nothing interferes.
        server = await startServer(db.url);
        client.base = server.base;
        await client.login('rel-city-admin');
        const t0 = Date.now();
        const first = await client.req('POST', '/api/regions/import', { code: '1404' });
        const T = Date.now() - t0;
        expect(first.status).toBe(200);
        expect(await countNew()).toBe(expected);
        await removeNew();
        expect(await countNew()).toBe(0);

        for (let i = 0; i < ITERATIONS; i++) {
          if (!server?.alive()) {
            server = await startServer(db.url);
            client.base = server.base;
          }
          const pending = client.req('POST', '/api/regions/import', { code: '1404' }).then(
            (r) => ({ status: r.status }),
            (e: unknown) => ({ error: e }),
          );
          await sleep(randomBetween(0, 1.3 * T));
          server.kill('SIGKILL');
          await server.exited;
          const answer = await pending;
          await checkFileAfterCrash(db);
          const n = await countNew();
          expect([0, expected], `rows after kill #${i + 1}`).toContain(n);
          if ('status' in answer && answer.status === 200) {
            outcomes.acknowledged += 1;
            expect(n, 'an acknowledged import is complete').toBe(expected);
          }
          if (n === expected) {
            outcomes.committed += 1;
            await removeNew();
          } else outcomes.rolledBack += 1;
        }
        figure('kill -9 during import', {
          iterations: ITERATIONS,
          calibratedMs: T,
          rowsPerImport: expected,
          ...outcomes,
          partial: 0,
        });
      } finally {
        server?.kill('SIGKILL');
      }
      const chain = await withDb(db.url, ({ db: k }) => verifyChain(k, keysOf(db.url)));
      expect(chain.ok).toBe(true);
    },
    budget(15_000, ITERATIONS),
  );
});
