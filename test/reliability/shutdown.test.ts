/**
 * RL-07 (T-GS1): SIGTERM with requests in flight. The server (a real child process) gets a mixed set
 * of requests: a county import (one transaction of a few hundred rows), logins (argon2), audited
 * writes, optimistic-lock updates and reads. SIGTERM is sent once the server has logged every one of
 * them as started ("incoming request" with our x-request-id), so each request provably began before
 * the signal. Every one must complete 2xx, new connections are refused, the process exits 0 within
 * 10 s, and on SQLite the WAL is checkpointed (the -wal file is absent or empty).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readChinaDivisionSubtree } from '../../src/server/features/regions/china-division.js';
import {
  budget,
  Client,
  DEMO_PASSWORD,
  DIALECT,
  SHUTDOWN_ITERATIONS,
  addAccount,
  cleanupTempDirs,
  countRows,
  figure,
  freshDb,
  killAll,
  loginAs,
  request,
  sleep,
  startServer,
  type Res,
  type ServerProcess,
  type TestDb,
} from './harness.js';

const COUNTIES = [
  '140403',
  '140405',
  '140406',
  '140423',
  '140425',
  '140426',
  '140427',
  '140428',
  '140429',
  '140430',
  '140431',
];

describe(`graceful shutdown under load (RL-07; ${DIALECT})`, () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
    await addAccount(db.url, { username: 'rel-city-admin', role: 'sysadmin', region: '140400000000' });
  });
  afterAll(async () => {
    await killAll();
    await db?.drop();
    cleanupTempDirs();
  });

  it(
    `SIGTERM with requests in flight: every started request completes 2xx and the process exits 0 within 10 s (×${SHUTDOWN_ITERATIONS})`,
    async () => {
      const figures: { inFlight: number; pendingAtSigterm: number; exitMs: number; refusedAfterSigterm: boolean }[] =
        [];
      for (let i = 0; i < SHUTDOWN_ITERATIONS; i++) {
        let server: ServerProcess | null = null;
        try {
          server = await startServer(db.url, { JIANFU_LOG_LEVEL: 'info' });
          const admin = await loginAs(server.base, 'demo-sysadmin');
          const city = await loginAs(server.base, 'rel-city-admin');
          const users = await admin.req('GET', '/api/users?q=demo-village');
          const village = users.body.items[0];
          const county = COUNTIES[i % COUNTIES.length];
          const tag = `gs${i}-${Math.random().toString(36).slice(2, 7)}`;

          const ids: string[] = [];
          const settled = new Set<string>();
          // The server makes its own request ids (a client's X-Request-ID is ignored, issue 14): count the
          // requests it logs as incoming from here on.
          const incoming = () => server!.output().split('"msg":"incoming request"').length - 1;
          const before = incoming();
          const inFlight: Promise<Res>[] = [];
          const send = (c: Client, method: string, url: string, body?: unknown) => {
            const id = `${tag}-${ids.length}`;
            ids.push(id);
            const p = c.req(method, url, body, { headers: { 'x-request-id': id }, timeoutMs: 30_000 });
            void p.then(
              () => settled.add(id),
              () => settled.add(id),
            );
            inFlight.push(p);
          };
          send(city, 'POST', '/api/regions/import', { code: county });
          for (let k = 0; k < 4; k++)
            send(new Client(server.base), 'POST', '/api/auth/login', {
              username: 'demo-district',
              password: DEMO_PASSWORD,
            });
          for (let k = 0; k < 8; k++)
            send(admin, 'POST', '/api/departments', {
              regionCode: '140404000000',
              name: `${tag}-部门-${k}`,
              kind: 'government',
            });
          send(admin, 'PATCH', `/api/users/${village.id}`, {
            displayName: `韩店村委会（${tag}）`,
            version: village.version,
          });
          for (let k = 0; k < 6; k++) send(admin, 'GET', k % 2 ? '/api/users?q=demo' : '/api/departments');

          // Wait until the server has logged every request as started, then SIGTERM.
          const deadline = Date.now() + 20_000;
          while (incoming() < before + ids.length) {
            if (Date.now() > deadline) throw new Error(`requests never started:\n${server.output().slice(-4000)}`);
            await sleep(2);
          }
          const t0 = Date.now();
          server.child.kill('SIGTERM');
          const pendingAtSigterm = ids.length - settled.size;
          // Once the server has logged the shutdown, a new connection is refused (or answered 503), never served.
          while (!server.output().includes('shutting down') && server.alive()) await sleep(2);
          await sleep(30);
          const late = await request(server.base, 'GET', '/api/health', { timeoutMs: 5000 }).then(
            (r) => r.status,
            (e: Error & { code?: string }) => e.code ?? 'error',
          );
          const results = await Promise.allSettled(inFlight);
          const exit = await Promise.race([server.exited, sleep(12_000).then(() => null)]);
          expect(exit, 'the process exits by itself').not.toBeNull();
          const exitMs = exit!.at - t0;
          const problems = results
            .map((r, k) =>
              r.status === 'fulfilled'
                ? r.value.status >= 200 && r.value.status < 300
                  ? null
                  : `${ids[k]}: ${r.value.status} ${JSON.stringify(r.value.body)}`
                : `${ids[k]}: ${String(r.reason)}`,
            )
            .filter(Boolean);
          expect(problems, 'every in-flight request completes 2xx').toEqual([]);
          expect(exit!.code, server.output().slice(-2000)).toBe(0);
          expect(exitMs).toBeLessThanOrEqual(10_000);
          expect(late === 'ECONNREFUSED' || late === 'ECONNRESET' || late === 503, `late request: ${late}`).toBe(true);
          if (db.file) {
            const wal = `${db.file}-wal`;
            expect(!fs.existsSync(wal) || fs.statSync(wal).size === 0, 'the WAL is checkpointed on exit').toBe(true);
          }
          // The import that was in flight is complete.
          const expected = readChinaDivisionSubtree(county).filter((r) => r.code.startsWith(county)).length;
          expect(await countRows(db.url, 'region', `code like '${county}%'`)).toBe(expected);
          figures.push({ inFlight: ids.length, pendingAtSigterm, exitMs, refusedAfterSigterm: late !== 503 });
        } finally {
          server?.kill('SIGKILL');
        }
      }
      figure('SIGTERM under load', {
        iterations: SHUTDOWN_ITERATIONS,
        inFlightPerIteration: figures[0]?.inFlight,
        pendingAtSigterm: figures.map((f) => f.pendingAtSigterm),
        maxExitMs: Math.max(...figures.map((f) => f.exitMs)),
        failedInFlight: 0,
      });
    },
    budget(20_000, SHUTDOWN_ITERATIONS),
  );
});
