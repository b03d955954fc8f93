/**
 * Issue 4 Done-means: killing the server in the middle of a ledger import leaves nothing partial.
 * A real server process; demo-township uploads a 3,000-row 工作事务 sheet for its villages; the import
 * runs as a job (202 {jobId}, then GET /api/jobs/:id until it ends) and writes in one transaction; the
 * server is SIGKILLed at a random moment in [0, 1.3 T] of upload-to-outcome; afterwards the campaign
 * holds either all the rows or none, and an import whose job was seen to succeed is complete (a job
 * left pending runs on the next start: all or nothing again). Iterations follow
 * JIANFU_RELIABILITY_ITERATIONS (5 in npm test, 50 in the release run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyChain } from '../../src/server/core/audit.js';
import { workbook } from '../fixtures/ledgers/helpers.js';
import { workAffairSheet } from '../fixtures/ledgers/rows.js';
import {
  budget,
  Client,
  DIALECT,
  figure,
  freshDb,
  ITERATIONS,
  killAll,
  prepareDemo,
  randomBetween,
  sleep,
  startServer,
  withDb,
  type ServerProcess,
  type TestDb,
  keysOf,
} from './harness.js';

const HEADER = ['村（社区）代码', '事项名称', '要求单位', '目录类别', '经费保障', '需填报表格数', '区政府审批文号'];
const ROWS = 3000;

function multipart(file: Buffer, filename: string) {
  const boundary = `----jianfu${Math.random().toString(16).slice(2)}`;
  const data = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { data, contentType: `multipart/form-data; boundary=${boundary}` };
}

describe(`kill -9 during a ledger import (issue 4; ${DIALECT})`, () => {
  let db: TestDb;
  let campaignId = '';
  let file: Buffer;
  const countRows = () =>
    withDb(db.url, async ({ db: k }) =>
      Number(
        (await sql<{ n: number }>`select count(*) as n from ledger_row where campaign_id = ${campaignId}`.execute(k))
          .rows[0].n,
      ),
    );
  const removeRows = () =>
    withDb(
      db.url,
      async ({ db: k }) => void (await sql`delete from ledger_row where campaign_id = ${campaignId}`.execute(k)),
    );

  beforeAll(async () => {
    db = await freshDb();
    await prepareDemo(db.url);
  });
  afterAll(async () => {
    await killAll();
    await db?.drop();
  });

  it(
    `the campaign holds all ${ROWS} rows or none after each kill, over ${ITERATIONS} iterations`,
    async () => {
      let server: ServerProcess | null = await startServer(db.url);
      const district = new Client(server.base);
      const township = new Client(server.base);
      const outcomes = { committed: 0, rolledBack: 0, acknowledged: 0 };
      try {
        await district.login('demo-district');
        const created = await district.req('POST', '/api/campaigns', {
          name: '崩溃测试专项行动',
          regionCode: '140404000000',
          year: 2026,
        });
        expect(created.status).toBe(200);
        campaignId = created.body.id;
        expect(
          (await district.req('POST', `/api/campaigns/${campaignId}/launch`, { version: created.body.version })).status,
        ).toBe(200);
        for (let i = 0; i < 240; i++) {
          const c = await district.req('GET', `/api/campaigns/${campaignId}`);
          if (c.body.launch?.status === 'succeeded') break;
          expect(c.body.launch?.status).not.toBe('failed');
          await sleep(250);
        }
        const villages = await withDb(db.url, async ({ db: k }) =>
          (
            await k
              .selectFrom('ledger')
              .select('villageCode')
              .where('campaignId', '=', campaignId)
              .where('townshipCode', '=', '140404001000')
              .orderBy('villageCode')
              .execute()
          ).map((r) => r.villageCode),
        );
        file = await workbook([{ name: '工作事务', header: HEADER, rows: workAffairSheet(villages, ROWS) }]);
        /** Uploads the file and follows its job to the end: the job's last status (throws when the server dies). */
        const upload = async () => {
          const started = await township.req(
            'POST',
            `/api/campaigns/${campaignId}/import?category=work_affair`,
            undefined,
            {
              raw: multipart(file, '工作事务台账.xlsx'),
              timeoutMs: 120_000,
            },
          );
          if (started.status !== 202) return { status: started.status, body: started.body };
          const until = Date.now() + 120_000;
          for (;;) {
            const job = await township.req('GET', `/api/jobs/${started.body.jobId}`);
            if (job.body.status === 'succeeded' || job.body.status === 'failed' || Date.now() > until)
              return { status: job.body.status as string, body: job.body };
            await sleep(50);
          }
        };

        // Calibrate T with an undisturbed import, then remove its rows.
        await township.login('demo-township');
        const t0 = Date.now();
        const first = await upload();
        const T = Date.now() - t0;
        expect(first.status, JSON.stringify(first.body).slice(0, 400)).toBe('succeeded');
        expect(await countRows()).toBe(ROWS);
        await removeRows();

        for (let i = 0; i < ITERATIONS; i++) {
          if (!server?.alive()) {
            server = await startServer(db.url);
            township.base = server.base;
            await township.login('demo-township');
          }
          const pending = upload().then(
            (r) => ({ status: r.status }),
            (e: unknown) => ({ error: e }),
          );
          await sleep(randomBetween(0, 1.3 * T));
          server.kill('SIGKILL');
          await server.exited;
          const answer = await pending;
          const n = await countRows();
          expect([0, ROWS], `rows after kill #${i + 1}`).toContain(n);
          if ('status' in answer && answer.status === 'succeeded') {
            outcomes.acknowledged += 1;
            expect(n, 'an acknowledged import is complete').toBe(ROWS);
          }
          if (n === ROWS) {
            outcomes.committed += 1;
            await removeRows();
          } else outcomes.rolledBack += 1;
        }
        figure('kill -9 during ledger import', {
          iterations: ITERATIONS,
          calibratedMs: T,
          rows: ROWS,
          ...outcomes,
          partial: 0,
        });
      } finally {
        server?.kill('SIGKILL');
      }
      const chain = await withDb(db.url, ({ db: k }) => verifyChain(k, keysOf(db.url)));
      expect(chain.ok).toBe(true);
    },
    budget(30_000, ITERATIONS),
  );
});
