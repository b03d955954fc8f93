/**
 * Issue 15: a roll-up's overdue figures come from counts kept per ledger × category × deadline
 * (open_task_due). After every kind of change — tasks created by an approval, time passing, a task
 * closed and reopened, a task's deadline changed, a phase's deadline moved — they equal a plain
 * count of the open tasks past their deadline, at district and township level, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { DUE_SOON_PHASES, launchedCampaign, ledgerOf } from '../../../../test/fixtures/ledgers/helpers.js';
import { shanghaiDate } from '../../core/clock.js';

let t: TestApp;
let campaignId: string;
let ledgerId: string;
let village: Agent;
let township: Agent;
let district: Agent;

const TOWNSHIP = '140404001000';
const tasks = async () => (await township.get(`/api/tasks?campaignId=${campaignId}&pageSize=100`)).body.items as any[];
const taskVersion = async (id: string) => (await township.get(`/api/tasks/${id}`)).body.task.version as number;

/** Open tasks past their deadline, counted plainly: by category, and by township / village. */
async function plainOverdue() {
  const today = shanghaiDate(t.clock.now());
  const rows = await t.deps.db
    .selectFrom('cleanupTask')
    .select(['category', 'townshipCode', 'villageCode', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', campaignId)
    .where('status', '=', 'open')
    .where('deadline', '<', today)
    .groupBy(['category', 'townshipCode', 'villageCode'])
    .execute();
  const byCategory: Record<string, number> = { sign: 0, mechanism: 0, work_affair: 0, certificate: 0 };
  const byTownship: Record<string, number> = {};
  const byVillage: Record<string, number> = {};
  let total = 0;
  for (const r of rows) {
    const n = Number(r.n);
    total += n;
    byCategory[r.category] += n;
    byTownship[r.townshipCode!] = (byTownship[r.townshipCode!] ?? 0) + n;
    byVillage[r.villageCode!] = (byVillage[r.villageCode!] ?? 0) + n;
  }
  return { total, byCategory, byTownship, byVillage };
}

/** The roll-ups' overdue figures equal the plain count (district: townships; township: villages). */
async function expectExact(): Promise<number> {
  const plain = await plainOverdue();
  const d = (await district.get(`/api/campaigns/${campaignId}/rollup`)).body;
  expect(d.totals.overdueTasks).toEqual({ total: plain.total, byCategory: plain.byCategory });
  for (const c of d.children) expect(c.overdueTasks, c.regionCode).toBe(plain.byTownship[c.regionCode] ?? 0);
  const tw = (await township.get(`/api/campaigns/${campaignId}/rollup?region=${TOWNSHIP}`)).body;
  expect(tw.totals.overdueTasks.total).toBe(plain.byTownship[TOWNSHIP] ?? 0);
  for (const c of tw.children) expect(c.overdueTasks, c.regionCode).toBe(plain.byVillage[c.regionCode] ?? 0);
  // The kept counts themselves: one per ledger × category × deadline, equal to the open tasks there.
  const drift = await sql<{ n: number }>`
    select count(*) as n from (
      select ledger_id, category, deadline, count(*) as n from cleanup_task
       where campaign_id = ${campaignId} and status = 'open' group by ledger_id, category, deadline
    ) t full outer join (select * from open_task_due where campaign_id = ${campaignId} and n <> 0) d
      on d.ledger_id = t.ledger_id and d.category = t.category and d.deadline = t.deadline
     where coalesce(t.n, 0) <> coalesce(d.n, 0)`.execute(t.deps.db);
  expect(Number(drift.rows[0].n)).toBe(0);
  return plain.total;
}

/** Moving the clock by days ends idle sessions: sign in again. */
async function at(iso: string) {
  t.clock.set(iso);
  [village, township, district] = await Promise.all(['demo-village', 'demo-township', 'demo-district'].map(t.as));
}

beforeAll(async () => {
  t = await createTestApp();
  ({ id: campaignId, district } = await launchedCampaign(t, {
    phases: DUE_SOON_PHASES,
  }));
  ledgerId = await ledgerOf(t, campaignId, '140404001200');
  village = await t.as('demo-village');
  township = await t.as('demo-township');
});
afterAll(() => t.close());

describe('overdue figures from the kept counts', () => {
  it('equal a plain count after an approval creates tasks, and as time passes', async () => {
    for (const name of ['韩店村禁毒工作站', '韩店村老年协会', '韩店村妇女儿童之家'])
      expect(
        (
          await village.post(`/api/ledgers/${ledgerId}/rows`, {
            category: 'sign',
            name,
            imposedBy: '区禁毒委',
            fields: { position: 'outside' },
          })
        ).status,
      ).toBe(200);
    const v = (await village.get(`/api/ledgers/${ledgerId}`)).body.ledger.version;
    const acc = await village.post(`/api/ledgers/${ledgerId}/accept-all`, { version: v });
    await village.post(`/api/ledgers/${ledgerId}/submit`, { version: acc.body.ledgerVersion });
    const l = (await township.get(`/api/ledgers/${ledgerId}`)).body.ledger;
    expect((await township.post(`/api/ledgers/${ledgerId}/approve`, { version: l.version })).status).toBe(200);
    expect((await tasks()).length).toBeGreaterThanOrEqual(2);
    expect(await expectExact()).toBe(0);
    await at('2026-12-03T15:59:00.000Z'); // 23:59 on the deadline in Shanghai: not yet overdue
    expect(await expectExact()).toBe(0);
    await at('2026-12-03T16:01:00.000Z'); // 00:01 the day after
    expect(await expectExact()).toBe((await tasks()).length);
  });

  it('equal a plain count after a task is closed and reopened', async () => {
    const [first] = await tasks();
    const closed = await village.post(`/api/tasks/${first.id}/close`, {
      note: '已摘除',
      version: await taskVersion(first.id),
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    const open = await expectExact();
    const reopened = await township.post(`/api/tasks/${first.id}/reopen`, {
      note: '照片不清楚',
      version: await taskVersion(first.id),
    });
    expect(reopened.status, JSON.stringify(reopened.body)).toBe(200);
    expect(await expectExact()).toBe(open + 1);
  });

  it('equal a plain count after a task’s deadline changes, and after a phase’s deadline moves', async () => {
    const [first, second] = await tasks();
    const later = await township.patch(`/api/tasks/${first.id}`, {
      deadline: '2026-12-20',
      version: await taskVersion(first.id),
    });
    expect(later.status, JSON.stringify(later.body)).toBe(200);
    const before = await expectExact();
    const c = (await district.get(`/api/campaigns/${campaignId}`)).body;
    const moved = await district.patch(`/api/campaigns/${campaignId}`, {
      phases: [{ key: 'signs_certificates', deadline: '2026-12-31' }],
      version: c.version,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(await expectExact()).toBe(0);
    const earlier = await township.patch(`/api/tasks/${second.id}`, {
      deadline: '2026-12-01',
      version: await taskVersion(second.id),
    });
    expect(earlier.status, JSON.stringify(earlier.body)).toBe(200);
    expect(await expectExact()).toBe(1);
    expect(before).toBeGreaterThan(0);
    await at('2027-01-01T02:00:00.000Z');
    expect(await expectExact()).toBe((await tasks()).filter((x) => x.status === 'open').length);
  });
});
