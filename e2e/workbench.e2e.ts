import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, painted, signIn, startHarness, type Harness } from './harness.js';

/**
 * The workbench (issue 13): with the demo's running campaign, demo-village, demo-township, demo-district
 * and demo-department sign in, land on 工作台 with their to-dos (count, deadline), and reach one in a
 * single click. Screenshots at 1366 and 375 px.
 */

let h: Harness;

beforeAll(async () => {
  h = await startHarness({ demoCampaign: true });
});

afterAll(async () => {
  await h?.stop();
});

const JOURNEYS = [
  { user: 'demo-village', todo: 'ledger_draft', title: '待填报的自查台账', lands: /\/ledgers\/[\w-]+$/ },
  { user: 'demo-township', todo: 'ledger_review', title: '待审核的村级台账', lands: /\/review\?campaign=/ },
  { user: 'demo-district', todo: 'admission_review', title: '待我审核或审批的准入申请', lands: /\/admission\/review$/ },
  { user: 'demo-department', todo: 'flags', title: '未经准入任务的报告', lands: /\/admission\/flags$/ },
];

describe('workbench journeys', () => {
  for (const j of JOURNEYS)
    it(`${j.user} lands on the workbench and reaches "${j.title}" in one click`, async () => {
      const { context, page, errors } = await h.newPage(DESKTOP);
      try {
        await signIn(page, j.user);
        expect(new URL(page.url()).pathname).toBe('/home');
        const card = page.getByTestId(`todo-${j.todo}`);
        await card.waitFor();
        await expect(card.innerText()).resolves.toContain(j.title);
        expect(Number(await card.getByTestId('todo-count').innerText())).toBeGreaterThan(0);
        await h.audit(page, `todos-${j.user}`);
        await h.screenshot(page, `workbench-${j.user}-desktop`);
        await page.setViewportSize(PHONE);
        await painted(page);
        await h.screenshot(page, `workbench-${j.user}-phone`);
        await page.setViewportSize(DESKTOP);
        await card.click();
        await page.waitForURL((u) => j.lands.test(u.pathname + u.search));
        await page.locator('main h1').first().waitFor();
        await h.audit(page);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    });

  it('demo-village sees the deadline of its ledger and its reports; an English session shows English labels', async () => {
    const { context, page } = await h.newPage(DESKTOP);
    try {
      await signIn(page, 'demo-village');
      const card = page.getByTestId('todo-ledger_draft');
      await card.waitFor();
      await expect(card.innerText()).resolves.toMatch(/截止 \d{4}-\d{2}-\d{2}/);
      await page.getByTestId('todo-flags').waitFor();
    } finally {
      await context.close();
    }
  });
});
