// `npm run demo` starts with a running campaign, partly filled, so every demo business account has
// something on its workbench, and no phase of the demo campaign is past (whatever the date).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ env: { JIANFU_DEMO: '1' } });
});
afterAll(() => t.close());

describe('the demo campaign', () => {
  it('is running with dates ahead; demo-village has rows, 韩店街道 has submitted and returned ledgers', async () => {
    const d = await t.as('demo-district');
    const [c] = (await d.get('/api/campaigns')).body.items;
    expect(c).toMatchObject({ status: 'active' });
    const today = (await d.get('/api/workbench')).body.asOf;
    expect(c.phases.every((p: any) => p.deadline > today && p.movedFrom === null)).toBe(true);
    const ledgers = async (status: string) =>
      (await d.get(`/api/campaigns/${c.id}/ledgers?status=${status}&region=140404001000`)).body.total;
    expect(await ledgers('submitted')).toBe(2);
    expect(await ledgers('returned')).toBe(1);
    const v = await t.as('demo-village');
    const own = (await v.get(`/api/campaigns/${c.id}/ledgers`)).body.items[0];
    expect(own.rows).toBeGreaterThan(0);
  });

  it('every demo business account has a to-do on its workbench that opens a page', async () => {
    const expected: Record<string, string> = {
      'demo-village': 'ledger_draft',
      'demo-township': 'ledger_review',
      'demo-department': 'flags',
      'demo-district': 'admission_review',
    };
    for (const [user, kind] of Object.entries(expected)) {
      const items = (await (await t.as(user)).get('/api/workbench')).body.items;
      expect(
        items.map((i: any) => i.kind),
        user,
      ).toContain(kind);
    }
  });
});
