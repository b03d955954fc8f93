// The workbench (GET /api/workbench) per role: every count equals the total of the list it links to,
// within the actor's region scope (a township never sees another township's work).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { DUE_SOON_PHASES, launchedCampaign, ledgerOf, userAt } from '../../../../test/fixtures/ledgers/helpers.js';
import { specialTask } from '../admission/admission.test-helpers.js';

const VILLAGE = '140404001200';
const ROWS = [
  { category: 'sign', name: '韩店村民委员会', imposedBy: '韩店街道办事处', fields: { position: 'outside' } },
  { category: 'sign', name: '韩店村禁毒工作站', imposedBy: '区禁毒委', fields: { position: 'outside' } },
  { category: 'certificate', name: '亲属关系证明', imposedBy: '某商业银行', fields: { volumeLastYear: 30 } },
];

let t: TestApp;
let campaignId: string;
let ledgerId: string;
let village: Agent;
let township: Agent;
let otherTownship: Agent;
let district: Agent;
let department: Agent;
let otherCode: string;

const bench = async (a: Agent) => {
  const res = await a.get('/api/workbench');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as { asOf: string; items: any[]; late: any[] };
};
const item = async (a: Agent, kind: string) => (await bench(a)).items.find((i) => i.kind === kind);
const total = async (a: Agent, url: string) => {
  const res = await a.get(url);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.total as number;
};

beforeAll(async () => {
  t = await createTestApp();
  ({ id: campaignId } = await launchedCampaign(t, {
    phases: DUE_SOON_PHASES,
  }));
  ledgerId = await ledgerOf(t, campaignId, VILLAGE);
  const other = await t.deps.db
    .selectFrom('region')
    .select('code')
    .where('countyCode', '=', '140404000000')
    .where('level', '=', 'township')
    .where('code', '!=', '140404001000')
    .orderBy('code')
    .executeTakeFirstOrThrow();
  [village, township, district, department] = await Promise.all(
    ['demo-village', 'demo-township', 'demo-district', 'demo-department'].map((u) => t.as(u)),
  );
  otherCode = other.code;
  otherTownship = await userAt(t, 'officer-other', 'township_officer', otherCode);
});
afterAll(() => t.close());

describe('GET /api/workbench', () => {
  it('a village has its ledger to fill, one click to the ledger itself', async () => {
    const draft = await item(village, 'ledger_draft');
    expect(draft).toMatchObject({ count: 1, link: `/ledgers/${ledgerId}`, campaignId, overdue: false });
    expect(draft.count).toBe(await total(village, `/api/campaigns/${campaignId}/ledgers?status=draft`));
    expect(draft.deadline).toBe((await village.get(`/api/campaigns/${campaignId}`)).body.phases[0].deadline);
  });

  it('a township sees the submitted ledgers of its villages to review; another township does not', async () => {
    for (const r of ROWS) expect((await village.post(`/api/ledgers/${ledgerId}/rows`, r)).status).toBe(200);
    const view = (await village.get(`/api/ledgers/${ledgerId}`)).body;
    const acc = await village.post(`/api/ledgers/${ledgerId}/accept-all`, { version: view.ledger.version });
    expect((await village.post(`/api/ledgers/${ledgerId}/submit`, { version: acc.body.ledgerVersion })).status).toBe(
      200,
    );
    const review = await item(township, 'ledger_review');
    expect(review).toMatchObject({ count: 1, link: `/review?campaign=${campaignId}` });
    expect(review.count).toBe(await total(township, `/api/campaigns/${campaignId}/ledgers?status=submitted`));
    expect(await item(otherTownship, 'ledger_review')).toBeUndefined();
    expect(await item(village, 'ledger_draft')).toBeUndefined();
  });

  it('a department sees its drafts; the district its requests to review', async () => {
    const created = await department.post('/api/admission/requests', { content: specialTask() });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const draft = await item(department, 'admission_draft');
    expect(draft).toMatchObject({ count: 1, link: '/admission/requests?status=draft' });
    expect(draft.count).toBe(await total(department, '/api/admission/requests?status=draft'));
    await department.post(`/api/admission/requests/${created.body.id}/submit`, { version: created.body.version });
    const review = await item(district, 'admission_review');
    expect(review.count).toBe(await total(district, '/api/admission/requests?queue=awaiting'));
    expect(review.count).toBeGreaterThan(0);
    expect(await item(department, 'admission_draft')).toBeUndefined();
  });

  it('overdue clean-up tasks are counted where they are, as the overdue list counts them', async () => {
    const v = (await township.get(`/api/ledgers/${ledgerId}`)).body.ledger;
    expect((await township.post(`/api/ledgers/${ledgerId}/approve`, { version: v.version })).status).toBe(200);
    const open = await item(village, 'tasks_open');
    expect(open.count).toBe(await total(village, `/api/tasks?campaignId=${campaignId}&status=open`));
    expect(open.count).toBeGreaterThan(0);
    expect(await item(village, 'tasks_overdue')).toBeUndefined();

    t.clock.set('2026-12-05T02:00:00.000Z');
    [village, township, district] = await Promise.all(
      ['demo-village', 'demo-township', 'demo-district'].map((u) => t.as(u)),
    );
    otherTownship = await userAt(t, 'officer-other-2', 'township_officer', otherCode);
    for (const a of [village, township, district]) {
      const overdue = await item(a, 'tasks_overdue');
      expect(overdue).toMatchObject({
        overdue: true,
        deadline: '2026-12-03',
        link: expect.stringContaining('view=overdue'),
      });
      expect(overdue.count).toBe(await total(a, `/api/tasks?campaignId=${campaignId}&overdue=true`));
    }
    expect(await item(otherTownship, 'tasks_overdue')).toBeUndefined();
    const late = (await bench(district)).late.find((l) => l.campaignId === campaignId);
    expect(late.regions.find((r: any) => r.regionCode === '140404001000')).toMatchObject({
      regionName: expect.any(String),
      overdueTasks: (await item(township, 'tasks_overdue')).count,
    });
  });

  it('an administrator, who sees no business data, has nothing waiting', async () => {
    expect((await bench(await t.as('demo-auditor'))).items).toEqual([]);
  });
});
