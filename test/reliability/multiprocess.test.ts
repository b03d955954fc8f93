/**
 * Several app processes on one PostgreSQL database (architecture "Scale path"; T-GS2 across
 * processes). Sessions live in the database, so a session made on one process works on the other;
 * the job table's claim runs each job exactly once however many queues race; a scheduled slot is
 * enqueued once; and a state change raced on both processes has exactly one winner.
 * SQLite is one process by design (single writer, embedded), so the suite is skipped there.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import { z } from 'zod';
import { FakeClock } from '../../src/server/core/clock.js';
import { JobQueue } from '../../src/server/core/jobs.js';
import { openDatabase, type Database } from '../../src/server/db/database.js';
import {
  budget,
  CJK,
  DIALECT,
  TRIALS,
  cleanupTempDirs,
  figure,
  freshDb,
  killAll,
  loginAs,
  prepareDemo,
  startServer,
  withDb,
  Client,
  type ServerProcess,
  type TestDb,
} from './harness.js';

const PG = DIALECT === 'postgres';

describe.skipIf(!PG)(
  'two app processes on one PostgreSQL database (skipped on SQLite: the embedded database is served by one process by design)',
  () => {
    let db: TestDb;
    let a: ServerProcess;
    let b: ServerProcess;
    beforeAll(async () => {
      db = await freshDb();
      await prepareDemo(db.url);
      [a, b] = await Promise.all([startServer(db.url), startServer(db.url)]);
    });
    afterAll(async () => {
      await killAll();
      await db?.drop();
      cleanupTempDirs();
    });

    it('a session created on one process works on the other, and a logout on one ends it on both', async () => {
      expect(a.port).not.toBe(b.port);
      const onA = await loginAs(a.base, 'demo-sysadmin');
      const onB = new Client(b.base);
      onB.cookie = onA.cookie;
      onB.csrf = onA.csrf;
      const me = await onB.req('GET', '/api/auth/me');
      expect(me.status).toBe(200);
      expect(me.body.username).toBe('demo-sysadmin');
      const created = await onB.req('POST', '/api/departments', {
        regionCode: '140404000000',
        name: '跨进程测试部门',
        kind: 'government',
      });
      expect(created.status).toBe(200);
      const seenOnA = await onA.req('GET', '/api/departments');
      expect(seenOnA.body.items.map((d: { name: string }) => d.name)).toContain('跨进程测试部门');
      expect((await onB.req('POST', '/api/auth/logout')).status).toBe(200);
      onA.cookie = onB.cookie ?? onA.cookie; // the logout cleared B's copy; A still holds the old cookie
      const afterLogout = await onA.req('GET', '/api/auth/me');
      expect(afterLogout.status).toBe(401);
    });

    it(
      `a state change raced on both processes has exactly one winner (${TRIALS} trials × 20 requests)`,
      async () => {
        const onA = await loginAs(a.base, 'demo-sysadmin');
        const onB = new Client(b.base);
        onB.cookie = onA.cookie;
        onB.csrf = onA.csrf;
        const user = (await onA.req('GET', '/api/users?q=demo-township')).body.items[0];
        let winners = 0;
        for (let t = 0; t < TRIALS; t++) {
          const before = (await onA.req('GET', '/api/users?q=demo-township')).body.items[0];
          const results = await Promise.all(
            Array.from({ length: 20 }, (_, i) =>
              (i % 2 ? onB : onA).req('PATCH', `/api/users/${user.id}`, {
                displayName: `跨进程${t}-${i}`,
                version: before.version,
              }),
            ),
          );
          const ok = results.filter((r) => r.status === 200);
          expect(ok.length).toBe(1);
          expect(
            results.filter(
              (r) => r.status === 409 && r.body.error.code === 'conflict' && CJK.test(r.body.error.message),
            ).length,
          ).toBe(19);
          const after = (await onB.req('GET', '/api/users?q=demo-township')).body.items[0];
          expect(after.version).toBe(before.version + 1);
          expect(after.displayName).toBe(ok[0].body.displayName);
          winners += 1;
        }
        const audits = await withDb(db.url, async ({ db: k }) =>
          Number(
            (
              await k
                .selectFrom('auditLog')
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .where('action', '=', 'users.update')
                .where('entityId', '=', user.id)
                .executeTakeFirstOrThrow()
            ).n,
          ),
        );
        expect(audits).toBe(TRIALS);
        figure('two processes: raced edits', { trials: TRIALS, winners, auditRows: audits });
      },
      budget(5_000, TRIALS),
    );

    // Its own database: the two servers' pollers above would claim (and fail) a job name they do not know.
    describe('the job table shared by two queues on separate connections', () => {
      let jobsDb: TestDb;
      let d1: Database;
      let d2: Database;
      const runs: string[] = [];
      const clock = new FakeClock('2026-11-28T03:00:00.000Z');
      const make = (d: Database) => {
        const q = new JobQueue(d.db, clock, pino({ level: 'silent' }));
        q.register({
          name: 'reliability.record',
          payload: z.object({ n: z.number().optional() }),
          run: async (_p, ctx) => {
            runs.push(ctx.jobId);
            await new Promise((r) => setTimeout(r, Math.random() * 5)); // widen the race window
            return { ok: true };
          },
        });
        q.scheduleEvery('reliability.record', 60_000);
        return q;
      };
      beforeAll(async () => {
        jobsDb = await freshDb();
        await prepareDemo(jobsDb.url);
        d1 = openDatabase(jobsDb.url, { poolSize: 4 });
        d2 = openDatabase(jobsDb.url, { poolSize: 4 });
      });
      afterAll(async () => {
        await d1?.close();
        await d2?.close();
        await jobsDb?.drop();
      });

      it('each job runs exactly once while two queues race runOne / runDue', async () => {
        const q1 = make(d1);
        const q2 = make(d2);
        runs.length = 0;
        const ids: string[] = [];
        for (let i = 0; i < 60; i++) ids.push(await (i % 2 ? q1 : q2).enqueue('reliability.record', { n: i }));
        // Both race every job directly, then both drain with runDue.
        const direct = await Promise.all(ids.flatMap((id) => [q1.runOne(id), q2.runOne(id)]));
        expect(direct.filter(Boolean).length).toBe(ids.length);
        const more = await Promise.all([q1.runDue(50), q2.runDue(50)]);
        expect(more).toEqual([0, 0]);
        expect(runs.length).toBe(ids.length);
        expect(new Set(runs).size).toBe(ids.length);
        const rows = await d1.db
          .selectFrom('job')
          .select(['id', 'status', 'attempts'])
          .where('id', 'in', ids)
          .execute();
        expect(rows.every((r) => r.status === 'succeeded' && r.attempts === 1)).toBe(true);

        // Jobs enqueued as pending and drained concurrently by both pollers.
        runs.length = 0;
        const batch: string[] = [];
        for (let i = 0; i < 40; i++) batch.push(await q1.enqueue('reliability.record', { n: 100 + i }));
        for (;;) {
          const [x, y] = await Promise.all([q1.runDue(7), q2.runDue(7)]);
          if (x + y === 0) break;
        }
        expect(runs.length).toBe(batch.length);
        expect(new Set(runs).size).toBe(batch.length);
        figure('two queues: jobs', { jobs: ids.length + batch.length, runs: ids.length + runs.length, duplicates: 0 });
      });

      it('a scheduled slot is enqueued and run once although both processes tick', async () => {
        const q1 = make(d1);
        const q2 = make(d2);
        runs.length = 0;
        for (let tick = 0; tick < 3; tick++) {
          await Promise.all([
            q1.enqueueScheduled(),
            q2.enqueueScheduled(),
            q1.enqueueScheduled(),
            q2.enqueueScheduled(),
          ]);
          await Promise.all([q1.runDue(), q2.runDue()]);
          clock.advance(60_000);
        }
        const rows = await d1.db
          .selectFrom('job')
          .select(['dedupeKey', 'status'])
          .where('dedupeKey', 'like', 'reliability.record@%')
          .execute();
        expect(rows.length).toBe(3);
        expect(rows.every((r) => r.status === 'succeeded')).toBe(true);
        expect(runs.length).toBe(3);
      });
    });
  },
);

describe.skipIf(PG)('two app processes on one database', () => {
  it.skip('PostgreSQL only: SQLite is served by one process by design (see docs/architecture "Scale path")', () =>
    undefined);
});
