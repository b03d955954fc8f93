/**
 * RL-06 (T-OC1): lost updates. Per trial, 20 simultaneous PATCH /api/users/:id carry the same version:
 * exactly one 200, every other one 409 `conflict` with a Chinese message; the final version is v+1,
 * the stored name is the winner's, and exactly one `users.update` audit row was written. In-process
 * (app.inject) and against a real server process (real sockets, the PostgreSQL pool).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../test-app.js';
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
  type Client,
  type ServerProcess,
  type TestDb,
} from './harness.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/server/db/schema.js';

const PARALLEL = 20;

interface Sender {
  get(url: string): Promise<{ status: number; body: any }>;
  patch(url: string, body: unknown): Promise<{ status: number; body: any }>;
}

async function auditCount(db: Kysely<DB>, userId: string) {
  const r = await db
    .selectFrom('auditLog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('action', '=', 'users.update')
    .where('entityId', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function runTrials(label: string, s: Sender, audits: (userId: string) => Promise<number>) {
  const list = await s.get('/api/users?q=demo-village');
  const user = list.body.items[0];
  expect(user?.username).toBe('demo-village');
  const tally = { winners: 0, conflicts: 0, other: 0 };
  for (let t = 0; t < TRIALS; t++) {
    const before = (await s.get('/api/users?q=demo-village')).body.items[0];
    const auditsBefore = await audits(user.id);
    const names = Array.from({ length: PARALLEL }, (_, i) => `并发${t}-${i}`);
    const results = await Promise.all(
      names.map((displayName) => s.patch(`/api/users/${user.id}`, { displayName, version: before.version })),
    );
    const ok = results.map((r, i) => ({ r, name: names[i] })).filter((x) => x.r.status === 200);
    const conflicts = results.filter((r) => r.status === 409);
    expect(ok.length, `trial ${t}: exactly one winner`).toBe(1);
    expect(
      conflicts.length,
      `trial ${t}: the rest are 409: ${JSON.stringify(results.filter((r) => r.status !== 200 && r.status !== 409).map((r) => [r.status, r.body]))}`,
    ).toBe(PARALLEL - 1);
    for (const c of conflicts) {
      expect(c.body.error.code).toBe('conflict');
      expect(c.body.error.message).toMatch(CJK);
    }
    const after = (await s.get('/api/users?q=demo-village')).body.items[0];
    expect(after.version).toBe(before.version + 1);
    expect(after.displayName).toBe(ok[0].name);
    expect(ok[0].r.body.version).toBe(before.version + 1);
    expect(await audits(user.id), `trial ${t}: one audit row`).toBe(auditsBefore + 1);
    tally.winners += ok.length;
    tally.conflicts += conflicts.length;
  }
  figure(`concurrent edits (${label})`, { trials: TRIALS, parallel: PARALLEL, ...tally, lostUpdates: 0 });
}

describe(`20 concurrent edits with the same version (RL-06; ${DIALECT})`, () => {
  afterAll(async () => {
    await killAll();
    cleanupTempDirs();
  });

  describe('in-process (app.inject)', () => {
    let t: TestApp;
    let admin: Agent;
    beforeAll(async () => {
      t = await createTestApp();
      admin = await t.as('demo-sysadmin');
    });
    afterAll(async () => t?.close());

    it(
      `exactly one 200 and ${PARALLEL - 1} × 409 per trial, version +1, winner stored, one audit row (${TRIALS} trials)`,
      async () => {
        await runTrials('in-process', { get: (u) => admin.get(u), patch: (u, b) => admin.patch(u, b) }, (id) =>
          auditCount(t.deps.db, id),
        );
      },
      budget(3_000, TRIALS),
    );
  });

  describe('against a server process', () => {
    let db: TestDb;
    let server: ServerProcess;
    let admin: Client;
    beforeAll(async () => {
      db = await freshDb();
      await prepareDemo(db.url);
      server = await startServer(db.url);
      admin = await loginAs(server.base, 'demo-sysadmin');
    });
    afterAll(async () => {
      server?.kill('SIGKILL');
      await killAll();
      await db?.drop();
    });

    it(
      `exactly one 200 and ${PARALLEL - 1} × 409 per trial over real sockets (${TRIALS} trials)`,
      async () => {
        // The checker reads the database through its own connection (SQLite: a second process on the file).
        await runTrials(
          'server process',
          { get: (u) => admin.req('GET', u), patch: (u, b) => admin.req('PATCH', u, b) },
          (id) => withDb(db.url, ({ db: k }) => auditCount(k, id)),
        );
      },
      budget(5_000, TRIALS),
    );
  });
});
