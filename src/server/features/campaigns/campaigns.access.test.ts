/**
 * Every campaigns / ledgers / tasks / notifications endpoint: 401 without a session, 403 for a role
 * without the permission, 404 for a record outside the actor's region (or another user's). The
 * inventory check fails when an endpoint is added without a row here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { launchedCampaign, ledgerOf, PNG_1PX, upload, userAt } from '../../../../test/fixtures/ledgers/helpers.js';

let t: TestApp;
const ids: Record<string, string> = {};
const agents: Record<string, Agent> = {};

beforeAll(async () => {
  t = await createTestApp();
  const { id } = await launchedCampaign(t);
  ids.campaign = id;
  ids.ledger = await ledgerOf(t, id, '140404001200');
  for (const u of ['demo-village', 'demo-township', 'demo-district', 'demo-department', 'demo-auditor'])
    agents[u] = await t.as(u);
  agents.otherVillage = await userAt(t, 'cadre-liling', 'village_cadre', '140404001202');
  agents.otherTownship = await userAt(t, 'officer-sudian', 'township_officer', '140404101000');
  const v = agents['demo-village'];
  const row = await v.post(`/api/ledgers/${ids.ledger}/rows`, {
    category: 'sign',
    name: '韩店村禁毒工作站',
    imposedBy: '区禁毒委',
    fields: { position: 'outside' },
  });
  ids.row = row.body.row.id;
  await upload(t, v, `/api/ledger-rows/${ids.row}/photo`, { data: PNG_1PX, filename: 'board.png' });
  const acc = await v.post(`/api/ledgers/${ids.ledger}/accept-all`, {
    version: (await v.get(`/api/ledgers/${ids.ledger}`)).body.ledger.version,
  });
  await v.post(`/api/ledgers/${ids.ledger}/submit`, { version: acc.body.ledgerVersion });
  const tw = agents['demo-township'];
  await tw.post(`/api/ledgers/${ids.ledger}/approve`, {
    version: (await tw.get(`/api/ledgers/${ids.ledger}`)).body.ledger.version,
  });
  ids.task = (await tw.get('/api/tasks')).body.items[0].id;
  const ev = await upload(t, v, `/api/tasks/${ids.task}/evidence`, { data: PNG_1PX, filename: 'done.png' });
  ids.evidence = ev.body.evidence[0].id;
  ids.notification = (await tw.get('/api/notifications')).body.items[0].id;
});
afterAll(() => t.close());

type Who =
  | 'demo-village'
  | 'demo-township'
  | 'demo-district'
  | 'demo-department'
  | 'demo-auditor'
  | 'otherVillage'
  | 'otherTownship';
interface Case {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  route: string;
  url: () => string;
  body?: unknown;
  /** Holds no permission for the route: 403. */
  forbidden?: Who;
  /** Holds the permission but the record is outside their reach: 404. */
  hidden?: { who: Who; url?: () => string };
}

const C = () => ids.campaign;
const L = () => ids.ledger;
const R = () => ids.row;
const T = () => ids.task;
const v = { version: 1 };

const CASES: Case[] = [
  { method: 'GET', route: '/api/campaigns', url: () => '/api/campaigns', forbidden: 'demo-auditor' },
  {
    method: 'POST',
    route: '/api/campaigns',
    url: () => '/api/campaigns',
    body: { name: '专项行动', regionCode: '140404000000', year: 2026 },
    forbidden: 'demo-township',
  },
  {
    method: 'GET',
    route: '/api/campaigns/:id',
    url: () => `/api/campaigns/${C()}`,
    forbidden: 'demo-auditor',
    hidden: { who: 'demo-district', url: () => '/api/campaigns/nope' },
  },
  {
    method: 'PATCH',
    route: '/api/campaigns/:id',
    url: () => `/api/campaigns/${C()}`,
    body: v,
    forbidden: 'demo-township',
    hidden: { who: 'demo-district', url: () => '/api/campaigns/nope' },
  },
  {
    method: 'POST',
    route: '/api/campaigns/:id/launch',
    url: () => `/api/campaigns/${C()}/launch`,
    body: v,
    forbidden: 'demo-township',
    hidden: { who: 'demo-district', url: () => '/api/campaigns/nope/launch' },
  },
  {
    method: 'GET',
    route: '/api/campaigns/:id/changes',
    url: () => `/api/campaigns/${C()}/changes`,
    forbidden: 'demo-department',
    hidden: { who: 'demo-village', url: () => `/api/campaigns/${C()}/changes?region=140404001000` },
  },
  {
    method: 'GET',
    route: '/api/campaigns/:id/rollup',
    url: () => `/api/campaigns/${C()}/rollup`,
    forbidden: 'demo-department',
    hidden: { who: 'otherTownship', url: () => `/api/campaigns/${C()}/rollup?region=140404001000` },
  },
  {
    method: 'GET',
    route: '/api/campaigns/:id/export',
    url: () => `/api/campaigns/${C()}/export`,
    forbidden: 'demo-department',
    hidden: { who: 'demo-village', url: () => `/api/campaigns/${C()}/export?region=140404000000` },
  },
  {
    method: 'GET',
    route: '/api/campaigns/:id/ledgers',
    url: () => `/api/campaigns/${C()}/ledgers`,
    forbidden: 'demo-department',
    hidden: { who: 'demo-district', url: () => '/api/campaigns/nope/ledgers' },
  },
  {
    method: 'GET',
    route: '/api/campaigns/:id/rows',
    url: () => `/api/campaigns/${C()}/rows`,
    forbidden: 'demo-department',
    hidden: { who: 'demo-district', url: () => '/api/campaigns/nope/rows' },
  },
  {
    method: 'GET',
    route: '/api/campaigns/:id/rows/export',
    url: () => `/api/campaigns/${C()}/rows/export`,
    forbidden: 'demo-department',
    hidden: { who: 'demo-village', url: () => `/api/campaigns/${C()}/rows/export?region=140404000000` },
  },
  {
    method: 'POST',
    route: '/api/campaigns/:id/import',
    url: () => `/api/campaigns/${C()}/import`,
    body: {},
    forbidden: 'demo-district',
  },
  { method: 'GET', route: '/api/ledger-template', url: () => '/api/ledger-template', forbidden: 'demo-district' },
  {
    method: 'GET',
    route: '/api/sign-guide/:region',
    url: () => '/api/sign-guide/140404000000',
    forbidden: 'demo-auditor',
    hidden: { who: 'demo-village', url: () => '/api/sign-guide/140402000000' },
  },
  {
    method: 'PUT',
    route: '/api/sign-guide/:region',
    url: () => '/api/sign-guide/140404000000',
    body: {
      allowedBoards: [{ name: '村民委员会', patterns: ['村民委员会'] }],
      insideBoards: [],
      maxVillage: 6,
      maxCommunity: 5,
      note: '',
      version: 0,
    },
    forbidden: 'demo-township',
    hidden: { who: 'demo-district', url: () => '/api/sign-guide/140402000000' },
  },
  {
    method: 'GET',
    route: '/api/ledgers/:id',
    url: () => `/api/ledgers/${L()}`,
    forbidden: 'demo-department',
    hidden: { who: 'otherVillage' },
  },
  {
    method: 'GET',
    route: '/api/ledgers/:id/export',
    url: () => `/api/ledgers/${L()}/export`,
    forbidden: 'demo-department',
    hidden: { who: 'otherVillage' },
  },
  {
    method: 'GET',
    route: '/api/ledgers/:id/suggest',
    url: () => `/api/ledgers/${L()}/suggest?category=sign&q=村`,
    forbidden: 'demo-township',
    hidden: { who: 'otherVillage' },
  },
  {
    method: 'POST',
    route: '/api/ledgers/:id/rows',
    url: () => `/api/ledgers/${L()}/rows`,
    body: { category: 'sign', name: '某牌', imposedBy: 'x', fields: { position: 'inside' } },
    forbidden: 'demo-township',
    hidden: { who: 'otherVillage' },
  },
  {
    method: 'POST',
    route: '/api/ledgers/:id/accept-all',
    url: () => `/api/ledgers/${L()}/accept-all`,
    body: v,
    forbidden: 'demo-township',
    hidden: { who: 'otherVillage' },
  },
  {
    method: 'POST',
    route: '/api/ledgers/:id/submit',
    url: () => `/api/ledgers/${L()}/submit`,
    body: v,
    forbidden: 'demo-township',
    hidden: { who: 'otherVillage' },
  },
  {
    method: 'POST',
    route: '/api/ledgers/:id/withdraw',
    url: () => `/api/ledgers/${L()}/withdraw`,
    body: v,
    forbidden: 'demo-township',
    hidden: { who: 'otherVillage' },
  },
  {
    method: 'POST',
    route: '/api/ledgers/:id/return',
    url: () => `/api/ledgers/${L()}/return`,
    body: { note: '请补充', version: 1 },
    forbidden: 'demo-village',
    hidden: { who: 'otherTownship' },
  },
  {
    method: 'POST',
    route: '/api/ledgers/:id/approve',
    url: () => `/api/ledgers/${L()}/approve`,
    body: v,
    forbidden: 'demo-village',
    hidden: { who: 'otherTownship' },
  },
  {
    method: 'GET',
    route: '/api/ledger-rows/:id',
    url: () => `/api/ledger-rows/${R()}`,
    forbidden: 'demo-department',
    hidden: { who: 'otherVillage' },
  },
  {
    method: 'PATCH',
    route: '/api/ledger-rows/:id',
    url: () => `/api/ledger-rows/${R()}`,
    body: { name: '改', version: 1 },
    forbidden: 'demo-township',
    hidden: { who: 'otherVillage' },
  },
  {
    method: 'DELETE',
    route: '/api/ledger-rows/:id',
    url: () => `/api/ledger-rows/${R()}?version=1`,
    forbidden: 'demo-township',
    hidden: { who: 'otherVillage' },
  },
  {
    method: 'POST',
    route: '/api/ledger-rows/:id/decision',
    url: () => `/api/ledger-rows/${R()}/decision`,
    body: { action: 'accept', version: 1 },
    forbidden: 'demo-township',
    hidden: { who: 'otherVillage' },
  },
  {
    method: 'POST',
    route: '/api/ledger-rows/:id/photo',
    url: () => `/api/ledger-rows/${R()}/photo`,
    body: {},
    forbidden: 'demo-township',
  },
  {
    method: 'GET',
    route: '/api/ledger-rows/:id/photo',
    url: () => `/api/ledger-rows/${R()}/photo`,
    forbidden: 'demo-department',
    hidden: { who: 'otherVillage' },
  },
  { method: 'GET', route: '/api/tasks', url: () => '/api/tasks', forbidden: 'demo-auditor' },
  {
    method: 'GET',
    route: '/api/tasks/:id',
    url: () => `/api/tasks/${T()}`,
    forbidden: 'demo-auditor',
    hidden: { who: 'demo-department' },
  },
  {
    method: 'PATCH',
    route: '/api/tasks/:id',
    url: () => `/api/tasks/${T()}`,
    body: v,
    forbidden: 'demo-village',
    hidden: { who: 'otherTownship' },
  },
  {
    method: 'POST',
    route: '/api/tasks/:id/evidence',
    url: () => `/api/tasks/${T()}/evidence`,
    body: {},
    forbidden: 'demo-district',
  },
  {
    method: 'GET',
    route: '/api/tasks/:id/evidence/:evidenceId',
    url: () => `/api/tasks/${T()}/evidence/${ids.evidence}`,
    forbidden: 'demo-auditor',
    hidden: { who: 'demo-department' },
  },
  {
    method: 'POST',
    route: '/api/tasks/:id/close',
    url: () => `/api/tasks/${T()}/close`,
    body: { note: '已完成', version: 1 },
    forbidden: 'demo-district',
    hidden: { who: 'otherTownship' },
  },
  {
    method: 'POST',
    route: '/api/tasks/:id/reopen',
    url: () => `/api/tasks/${T()}/reopen`,
    body: { note: '重开', version: 1 },
    forbidden: 'demo-village',
    hidden: { who: 'otherTownship' },
  },
  { method: 'GET', route: '/api/notifications', url: () => '/api/notifications' },
  {
    method: 'POST',
    route: '/api/notifications/:id/read',
    url: () => `/api/notifications/${ids.notification}/read`,
    body: {},
    hidden: { who: 'demo-village' },
  },
  { method: 'POST', route: '/api/notifications/read-all', url: () => '/api/notifications/read-all', body: {} },
];

const OURS = /^\/api\/(campaigns|ledgers|ledger-rows|ledger-template|sign-guide|tasks|notifications)(\/|$)/;

describe('route inventory', () => {
  it('every campaigns/ledgers/tasks/notifications route has a row in this table', () => {
    const routes = t.app.routeInventory
      .filter((r) => OURS.test(r.url))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    expect(routes).toEqual(CASES.map((c) => `${c.method} ${c.route}`).sort());
  });
});

describe.each(CASES)('$method $route', (c) => {
  it('401 without a session', async () => {
    expect((await t.agent().request(c.method, c.url(), c.body)).status).toBe(401);
  });
  if (c.forbidden)
    it(`403 for ${c.forbidden}`, async () => {
      const res = await agents[c.forbidden!].request(c.method, c.url(), c.body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    });
  if (c.hidden)
    it(`404 for ${c.hidden.who}`, async () => {
      const res = await agents[c.hidden!.who].request(c.method, (c.hidden!.url ?? c.url)(), c.body);
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    });
});
