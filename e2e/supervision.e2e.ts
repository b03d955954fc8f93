import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, signIn, startHarness, type Harness } from './harness.js';

/**
 * Issue 11, done means (S-9, S-10), in the browser: at 375 px and without login a villager reports
 * "镇里要求每周交20张人居环境照片" and gets a tracking code; demo-district assigns it to the township;
 * demo-township answers; the villager sees the answer with the code, rates it unsatisfied and reopens it;
 * the case closes after a second answer; the audit trail has every step.
 */

const TEXT = '镇里要求每周交20张人居环境照片';
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function noHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-item-option', { hasText: option }).first().click();
}

/** Takes a step on the case detail page: fills the step's fields and submits. */
async function step(page: Page, action: string, fields: Record<string, string>) {
  const card = page.getByTestId(`step-${action}`);
  await card.waitFor();
  for (const [name, value] of Object.entries(fields)) await card.getByTestId(`field-${name}`).fill(value);
  const before = await page.getByTestId('case-step').count();
  await card.getByTestId(`step-${action}-submit`).click();
  await expect.poll(() => page.getByTestId('case-step').count(), { timeout: 60_000 }).toBe(before + 1);
}

describe('a villager’s report, from the phone to a closed case', () => {
  it('goes through report, assignment, answer, reopening, second answer and closing, all audited', async () => {
    // 1. The villager, on a phone, without login.
    const villager = await h.newPage(PHONE);
    const vp = villager.page;
    let captchaId = '';
    vp.on('response', async (res) => {
      if (res.url().endsWith('/api/auth/captcha') && res.ok()) captchaId = ((await res.json()) as { id: string }).id;
    });
    await vp.goto('/public/check');
    await vp.locator('main h1').waitFor();
    await h.audit(vp);
    await vp.getByRole('link', { name: '举报/反映' }).first().click();
    await vp.getByTestId('report-form').waitFor();
    await h.audit(vp);
    await noHorizontalOverflow(vp);
    await pick(vp, 'report-category', '要求填表、拍照、打卡');
    await vp.getByLabel('所在村（社区）').fill('韩店');
    await vp.locator('.ant-select-item-option', { hasText: '韩店村委会' }).first().click();
    await vp.getByTestId('report-body').fill('韩店街道办事处');
    await vp.getByTestId('report-description').fill(TEXT);
    await vp.getByTestId('report-captcha-image').waitFor();
    await expect.poll(() => captchaId).not.toBe('');
    await vp.getByTestId('report-captcha').fill(await h.captchaAnswer(captchaId));
    await h.screenshot(vp, 'supervision-report-375');
    await vp.getByTestId('report-submit').click();
    const code = (await vp.getByTestId('report-code').innerText()).trim();
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{10}$/);
    await h.screenshot(vp, 'supervision-receipt-375');

    // 2. The district finds it and assigns it to the township.
    const district = await h.newPage(DESKTOP);
    const dp = district.page;
    await signIn(dp, 'demo-district');
    await dp.goto('/supervision/cases');
    await dp.getByTestId('cases-search').locator('input').fill(code);
    await dp.getByTestId('cases-search').locator('input').press('Enter');
    await dp.getByRole('link', { name: code }).click();
    await dp.getByTestId('case-detail').waitFor();
    const caseUrl = new URL(dp.url()).pathname;
    await expect(dp.getByTestId('case-detail').innerText()).resolves.toContain(TEXT);
    await h.screenshot(dp, 'supervision-case-1366');
    await dp.getByTestId('step-assign').getByTestId('field-assigneeId').click();
    await dp.locator('.ant-select-item-option', { hasText: '韩店街道' }).first().click();
    await dp.getByTestId('step-assign-submit').click();
    await dp.getByTestId('case-status').getByText('已分办').waitFor();
    await dp.goto('/supervision/cases');
    await dp.getByTestId('cases-table').waitFor();
    await h.screenshot(dp, 'supervision-cases-1366');

    // 3. The township verifies and answers.
    const township = await h.newPage(DESKTOP);
    const tp = township.page;
    await signIn(tp, 'demo-township');
    await tp.goto(caseUrl);
    await tp.getByTestId('case-detail').waitFor();
    await h.audit(tp);
    await step(tp, 'investigate', { note: '经核实，街道确有每周交照片的要求' });
    await step(tp, 'answer', { text: '已要求停止每周交照片，今后不再要求' });
    await tp.getByTestId('case-status').getByText('已答复').waitFor();

    // 4. The villager sees the answer, rates it unsatisfied and reopens.
    await vp.getByTestId('report-status-link').click();
    await vp.getByTestId('track-answer').first().waitFor();
    await expect(vp.getByTestId('track-answer').first().innerText()).resolves.toContain('已要求停止每周交照片');
    await h.audit(vp);
    await noHorizontalOverflow(vp);
    await vp.getByTestId('track-unsatisfied').click();
    await vp.getByTestId('track-rating').waitFor();
    await vp.getByTestId('track-reopen-reason').fill('本周仍被要求交照片');
    await h.screenshot(vp, 'supervision-track-375');
    await vp.getByTestId('track-reopen-submit').click();
    await vp.getByTestId('track-status').getByText('已分办').waitFor();

    // 5. The township answers again; the district closes the case.
    await tp.reload();
    await step(tp, 'investigate', { note: '再次核实，已当面纠正' });
    await step(tp, 'answer', { text: '已发文取消照片要求，并约谈相关人员' });
    await dp.goto(caseUrl);
    await step(dp, 'close', {});
    await dp.getByTestId('case-status').getByText('已办结').waitFor();
    const kinds = await dp.getByTestId('case-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')));
    expect(kinds).toEqual([
      'submitted',
      'assigned',
      'investigated',
      'answered',
      'rated',
      'reopened',
      'investigated',
      'answered',
      'closed',
    ]);
    await h.screenshot(dp, 'supervision-closed-1366');

    // 6. The villager sees the case closed with both answers.
    await vp.reload();
    await vp.getByTestId('track-status').getByText('已办结').waitFor();
    await expect(vp.getByTestId('track-answer').count()).resolves.toBe(2);
    await expect(vp.getByTestId('track-result').innerText()).resolves.not.toContain('韩店街道（演示）');

    // 7. The audit trail has each step.
    const auditor = await h.newPage(DESKTOP);
    await signIn(auditor.page, 'demo-auditor');
    const id = caseUrl.split('/').pop()!;
    const res = await auditor.page.request.get(`/api/audit?entityId=${id}&pageSize=100`);
    const actions = ((await res.json()) as { items: { action: string }[] }).items.map((r) => r.action);
    for (const a of [
      'supervision.report',
      'supervision.assigned',
      'supervision.investigated',
      'supervision.answered',
      'supervision.rate',
      'supervision.reopen',
      'supervision.closed',
    ])
      expect(actions).toContain(a);
    expect(actions.filter((a) => a === 'supervision.answered')).toHaveLength(2);

    for (const p of [villager, district, township, auditor]) {
      expect(p.errors).toEqual([]);
      await p.context.close();
    }
  }, 600_000);
});
