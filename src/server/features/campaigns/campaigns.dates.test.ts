// A campaign started after the plan's default dates (08-10, 12-10) gets deadlines relative to its start,
// with the date it was moved from (the UI's warning), and is never overdue on its first day.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { phaseDates } from '../../../shared/campaigns.js';
import { createTestApp, type TestApp } from '../../../../test/test-app.js';
import { launchedCampaign } from '../../../../test/fixtures/ledgers/helpers.js';

describe('phaseDates', () => {
  it('keeps the plan dates while they are ahead', () => {
    expect(phaseDates(2026, '2026-03-01').map((p) => [p.deadline, p.movedFrom])).toEqual([
      ['2026-08-10', null],
      ['2026-08-10', null],
      ['2026-12-10', null],
      ['2027-06-15', null],
    ]);
  });

  it('moves past dates relative to the start, and keeps a given date that is ahead', () => {
    expect(phaseDates(2026, '2026-09-01', { mechanisms_affairs: '2026-12-31' })).toEqual([
      { key: 'self_inspection', deadline: '2026-10-01', movedFrom: '2026-08-10' },
      { key: 'signs_certificates', deadline: '2026-10-31', movedFrom: '2026-08-10' },
      { key: 'mechanisms_affairs', deadline: '2026-12-31', movedFrom: null },
      { key: 'permanent_rules', deadline: '2027-06-15', movedFrom: null },
    ]);
  });

  it('on the default day itself the phase moves (never due on the first day)', () => {
    const d = phaseDates(2026, '2026-12-10');
    expect(d.every((p) => p.deadline > '2026-12-10')).toBe(true);
    expect(d.find((p) => p.key === 'mechanisms_affairs')).toMatchObject({ movedFrom: '2026-12-10' });
  });
});

describe('a campaign launched on 2026-12-20 (fixed clock)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-12-20T02:00:00.000Z');
  });
  afterAll(() => t.close());

  it('has every phase ahead of the launch day, the moved ones with their plan date, and no overdue task', async () => {
    const { id, campaign } = await launchedCampaign(t);
    expect(campaign.phases.map((p: any) => [p.key, p.deadline, p.movedFrom])).toEqual([
      ['self_inspection', '2027-01-19', '2026-08-10'],
      ['signs_certificates', '2027-02-18', '2026-08-10'],
      ['mechanisms_affairs', '2027-05-19', '2026-12-10'],
      ['permanent_rules', '2027-06-15', null],
    ]);
    const d = await t.as('demo-district');
    expect((await d.get(`/api/tasks?campaignId=${id}&overdue=true`)).body.total).toBe(0);
    const roll = (await d.get(`/api/campaigns/${id}/rollup`)).body;
    expect(roll.phases.some((p: any) => p.pastDeadline)).toBe(false);
  });

  it('a draft created before its dates passed moves them when it is launched later', async () => {
    t.clock.set('2027-07-01T02:00:00.000Z');
    const d = await t.as('demo-district');
    const created = await d.post('/api/campaigns', { name: '2027年专项行动', regionCode: '140404000000', year: 2027 });
    expect(created.body.phases.map((p: any) => p.movedFrom)).toEqual([null, null, null, null]);
    t.clock.set('2027-09-01T02:00:00.000Z');
    const d2 = await t.as('demo-district');
    expect((await d2.post(`/api/campaigns/${created.body.id}/launch`, { version: created.body.version })).status).toBe(
      200,
    );
    const after = (await d2.get(`/api/campaigns/${created.body.id}`)).body;
    expect(after.phases.map((p: any) => [p.deadline, p.movedFrom])).toEqual([
      ['2027-10-01', '2027-08-10'],
      ['2027-10-31', '2027-08-10'],
      ['2027-12-10', null],
      ['2028-06-15', null],
    ]);
  });
});
