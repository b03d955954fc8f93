/**
 * Catalogs in the browser: the public "can my village issue this?" page on a phone, the public lists,
 * the adjustment workflow (add a district item; withdraw a provincial item for one township with a
 * future date; approve; see it in the list and in the diff) and an import refused with row errors.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import dayjs from 'dayjs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, SCREENSHOTS, signIn, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

const VILLAGE = '140404001200'; // 韩店村委会
const TOWNSHIP = '140404001000'; // 韩店街道
const WITHDRAWN = '入党外调政审等发展党员证明'; // SX-CERT-2023-02, a Shanxi positive item
const ADDED = '协助开展高龄津贴申领初审';
/** Lists and the matcher can take a few seconds when the machine is busy. */
const POLL = { timeout: 30_000, interval: 250 };
const SLOW = 40_000;

/** Picks an option of the antd Select marked with `testId`. */
async function pick(page: Page, testId: string, option: string) {
  await page.getByTestId(testId).click();
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
  await item.waitFor();
  // Another open popup can overlap the option while the dropdown animates in; fall back to a DOM click.
  await item.click({ timeout: 5_000 }).catch(() => item.dispatchEvent('click'));
}

/** Types a date into the antd DatePicker marked with `testId`. */
async function typeDate(page: Page, testId: string, date: string) {
  await page.getByTestId(testId).click();
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(date);
  await page.keyboard.press('Enter');
}

/** An item's name in the catalog tables (a link-styled text that opens the item drawer). */
const itemLink = (page: Page, name: string) =>
  page.getByTestId('catalog-items').getByText(name, { exact: true }).first();

async function noHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

describe('public catalog pages (no login)', () => {
  it('answers “亲属关系证明” at 375 px with the refusal and where to go instead, in Chinese', async () => {
    const { context, page, errors } = await h.newPage(PHONE);
    page.setDefaultTimeout(SLOW);
    try {
      await page.goto('/public/check');
      await page.getByTestId('check-query').fill('亲属关系证明');
      await page.getByTestId('public-region').fill(VILLAGE);
      await page.getByTestId('check-submit').click();
      const result = page.getByTestId('check-result');
      await result.waitFor();
      expect(await result.getAttribute('data-verdict')).toBe('negative');
      expect(await page.getByTestId('check-verdict').innerText()).toContain('不应由村（社区）开具');
      const alternative = page.getByTestId('check-alternative');
      const where = await alternative.innerText();
      expect(where).toContain('应该去哪里办');
      expect(where).toMatch(/公安机关|户籍管理部门/);
      // The platform's compiled guidance is never passed off as the official text.
      expect(where).toContain('平台指引');
      expect(await result.innerText()).toContain('韩店村委会');
      await noHorizontalOverflow(page);
      // The answer scrolls into view on a phone: the verdict and where to go are on the first screen.
      await expect
        .poll(() => alternative.evaluate((e) => e.getBoundingClientRect().top < window.innerHeight), POLL)
        .toBe(true);
      await h.screenshot(page, 'public-check-phone');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'public-check-phone-full.png'), fullPage: true });

      // A certificate on the Shanxi positive list, and one on neither list.
      await page.goto(`/public/check?region=${VILLAGE}&q=${encodeURIComponent('入党政审证明')}`);
      await page.locator('[data-testid="check-result"][data-verdict="positive"]').waitFor();
      expect(await page.getByTestId('check-verdict').innerText()).toContain('可以开具');
      await page.goto(`/public/check?region=${VILLAGE}&q=${encodeURIComponent('宠物饲养证明')}`);
      await page.locator('[data-testid="check-result"][data-verdict="unlisted"]').waitFor();
      expect(await page.getByTestId('check-unlisted-advice').innerText()).toContain(
        '依法依规需有明确依据，可咨询乡镇（街道）',
      );
      await h.screenshot(page, 'public-check-unlisted-phone');

      await page.setViewportSize(DESKTOP);
      await page.goto(`/public/check?region=${VILLAGE}&q=${encodeURIComponent('亲属关系证明')}`);
      await page.locator('[data-testid="check-result"][data-verdict="negative"]').waitFor();
      await h.screenshot(page, 'public-check-desktop');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('lists the village’s published catalogs by kind, partial lists marked 部分', async () => {
    const { context, page, errors } = await h.newPage(PHONE);
    page.setDefaultTimeout(SLOW);
    try {
      await page.goto(`/public/catalogs?region=${VILLAGE}`);
      await page.getByTestId('public-catalogs').waitFor();
      expect(await page.getByTestId('public-region-name').innerText()).toContain('韩店村委会');
      // The 5 Shanxi certificates villages issue (shown first), then the 20 national negative items.
      expect(await page.getByTestId('public-item').count()).toBe(5);
      await noHorizontalOverflow(page);
      await h.screenshot(page, 'public-catalogs-phone');
      await page
        .getByTestId('public-kinds')
        .getByText(/不应出具证明/)
        .click();
      await expect.poll(() => page.getByTestId('public-item').count(), POLL).toBe(20);
      expect(await page.getByTestId('public-catalog').first().innerText()).toContain('平台指引');
      await h.screenshot(page, 'public-catalogs-negative-phone');
      // A partial list says 部分, with its note.
      await page
        .getByTestId('public-kinds')
        .getByText(/减负措施/)
        .click();
      const partial = page.getByTestId('public-catalog').first();
      await partial.getByTestId('completeness-tag').getByText('部分').waitFor();
      expect(await partial.getByTestId('completeness-note').innerText()).toMatch(/^部分/);
      await page.setViewportSize(DESKTOP);
      await h.screenshot(page, 'public-catalogs-desktop');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('catalog adjustments as demo-district', () => {
  // Dates are calendar dates in Asia/Shanghai (the server's "today"), whatever the test machine's zone.
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  const effective = dayjs(today).add(45, 'day').format('YYYY-MM-DD');
  const dayBefore = dayjs(effective).subtract(1, 'day').format('YYYY-MM-DD');

  it('adds a district item, withdraws a Shanxi item for 韩店街道 from a future date, approves both; list and diff show it', async () => {
    const { context, page, errors } = await h.newPage(DESKTOP);
    page.setDefaultTimeout(SLOW);
    try {
      await signIn(page, 'demo-district');
      await page.goto('/catalogs/browse');
      await page.getByTestId('catalog-version').waitFor();
      expect(await page.getByTestId('catalog-version').innerText()).toContain('上党区');
      await page.getByTestId('catalog-search').fill('qsgx');
      await itemLink(page, '亲属关系证明').waitFor();
      await h.screenshot(page, 'catalogs-browse-desktop');
      await itemLink(page, '亲属关系证明').click();
      await page.getByTestId('item-history').waitFor();
      await h.screenshot(page, 'catalogs-item-desktop');
      await page.keyboard.press('Escape');
      await page.getByTestId('item-drawer').waitFor({ state: 'detached' });

      // 1. Add a district item to the assistance list in force in 上党区.
      await page.goto('/catalogs/browse?region=140404000000&kind=assistance');
      await page.getByTestId('catalog-add-item').first().click();
      const form = page.getByTestId('adjustment-form');
      await form.waitFor();
      await form.getByLabel('事项名称').fill(ADDED);
      await form.getByLabel('设定依据（文件）').fill('《山西省老年人权益保障条例》');
      await pick(page, 'adjustment-reason', '部门申请');
      await page.getByTestId('adjustment-basis').fill('上党区民政局关于高龄津贴申领工作的通知（e2e）');
      await page.getByTestId('adjustment-save-submit').click();
      const detail = page.getByTestId('adjustment-detail');
      await detail.getByTestId('adjustment-status').getByText('已提交待审批').waitFor();
      await page.getByTestId('adjustment-approve').click();
      await page.getByTestId('adjustment-decide-ok').click();
      await detail.getByTestId('adjustment-status').getByText('已批准').waitFor();
      await page.keyboard.press('Escape');

      // 2. Withdraw a provincial item for one township, reason 法律法规废止, effective in the future.
      await page.goto(`/catalogs/browse?region=${TOWNSHIP}&kind=certificate`);
      await itemLink(page, WITHDRAWN).click();
      await page.getByTestId('item-withdraw').click();
      await form.waitFor();
      await expect.poll(() => form.innerText(), POLL).toContain('SX-CERT-2023-02');
      await pick(page, 'adjustment-reason', '法律法规废止');
      await page.getByTestId('adjustment-basis').fill('《关于废止部分证明事项的决定》第三条（e2e）');
      await typeDate(page, 'adjustment-date', effective);
      await h.screenshot(page, 'catalogs-adjustment-form-desktop');
      await page.getByTestId('adjustment-save-submit').click();
      await detail.getByTestId('adjustment-status').getByText('已提交待审批').waitFor();
      expect(await detail.innerText()).toContain('法律法规废止');
      // Four-eyes is off by default: the district lead may approve their own proposal.
      await page.getByTestId('adjustment-approve').click();
      await page.getByTestId('adjustment-decide-ok').click();
      await detail.getByTestId('adjustment-status').getByText('已批准').waitFor();
      expect(await detail.innerText()).toContain(`${effective} 生效`);
      await h.screenshot(page, 'catalogs-adjustment-desktop');
      await page.setViewportSize(PHONE);
      await h.screenshot(page, 'catalogs-adjustment-phone');
      await page.setViewportSize(DESKTOP);
      await page.keyboard.press('Escape');

      // Today the item is still in force for 韩店街道 (the change is scheduled).
      await page.reload();
      await itemLink(page, WITHDRAWN).waitFor();
      expect(await page.getByTestId('catalog-version').innerText()).toContain('韩店街道');

      // 3. The adjustments list shows both as 已批准.
      await page.goto('/catalogs/adjustments?status=approved');
      const rows = page.getByTestId('adjustment-row');
      await expect.poll(() => rows.count(), POLL).toBe(2);
      const listText = await page.locator('.ant-table-tbody').innerText();
      expect(listText).toContain(WITHDRAWN);
      expect(listText).toContain(ADDED);
      expect(listText).toContain('已批准');
      await h.screenshot(page, 'catalogs-adjustments-desktop');

      // 4. The diff between today and the effective date shows the withdrawal and the adjustment behind it …
      await page.goto(`/catalogs/diff?region=${TOWNSHIP}&from=${today}&to=${effective}`);
      const withdrawn = page.getByTestId('diff-section-withdrawn');
      await withdrawn.getByTestId('diff-withdrawn').first().waitFor();
      const withdrawnText = await withdrawn.innerText();
      expect(withdrawnText).toContain(WITHDRAWN);
      expect(withdrawnText).toContain('法律法规废止');
      expect(withdrawnText).toContain('已批准');
      await h.screenshot(page, 'catalogs-diff-desktop');
      // … and nothing is withdrawn up to the day before.
      await page.goto(`/catalogs/diff?region=${TOWNSHIP}&from=${today}&to=${dayBefore}`);
      await page.getByTestId('diff-result').waitFor();
      expect(await page.getByTestId('diff-withdrawn').count()).toBe(0);

      // Phone: the browser, the list and the diff fit 375 px.
      await page.setViewportSize(PHONE);
      await page.goto(`/catalogs/diff?region=${TOWNSHIP}&from=${today}&to=${effective}`);
      await page.getByTestId('diff-withdrawn').first().waitFor();
      await noHorizontalOverflow(page);
      await h.screenshot(page, 'catalogs-diff-phone');
      await page.goto('/catalogs/adjustments');
      await expect.poll(() => rows.count(), POLL).toBe(2);
      await noHorizontalOverflow(page);
      await h.screenshot(page, 'catalogs-adjustments-phone');
      await page.goto(`/catalogs/browse?region=${TOWNSHIP}&kind=certificate`);
      await itemLink(page, WITHDRAWN).waitFor();
      await noHorizontalOverflow(page);
      await h.screenshot(page, 'catalogs-browse-phone');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('in English, every Chinese word on the catalog and public pages is data the API sent (no Chinese labels)', async () => {
    const { context, page, errors } = await h.newPage(DESKTOP);
    page.setDefaultTimeout(SLOW);
    // The API's answers as text: what the server sent is data (names, titles, notes); labels come from the locale.
    const sent: string[] = [];
    page.on('response', (r) => {
      if (r.url().includes('/api/') && (r.headers()['content-type'] ?? '').includes('json'))
        r.text().then(
          (body) => sent.push(body),
          () => undefined,
        );
    });
    // The language switch names the other language; the public check page offers Chinese example queries.
    const OWN = ['中文', '亲属关系证明', '入党政审证明', '居住证明', '无犯罪记录证明', '出生证明'];
    const notSent = async () => {
      const runs = (await page.locator('body').innerText()).match(/[\u4e00-\u9fff]+/g) ?? [];
      const data = sent.join('\n');
      return [...new Set(runs)].filter((r) => !data.includes(r) && !OWN.some((o) => o.includes(r)));
    };
    try {
      await signIn(page, 'demo-district');
      await page.evaluate(() => window.localStorage.setItem('jianfu.locale', 'en-US'));
      await page.goto(`/catalogs/browse?region=${TOWNSHIP}&kind=certificate`);
      await itemLink(page, WITHDRAWN).click();
      await page.getByTestId('item-history').waitFor();
      await expect.poll(notSent, POLL).toEqual([]);
      await h.screenshot(page, 'catalogs-item-english-desktop');
      await page.keyboard.press('Escape');
      await page.goto('/catalogs/adjustments');
      await page.getByTestId('adjustment-row').first().click();
      await page.getByTestId('adjustment-detail').waitFor();
      await expect.poll(notSent, POLL).toEqual([]);
      await h.screenshot(page, 'catalogs-adjustment-english-desktop');
      await page.goto(`/catalogs/diff?region=${TOWNSHIP}&from=${today}&to=${effective}`);
      await page.getByTestId('diff-withdrawn').first().waitFor();
      expect(await page.getByTestId('diff-section-withdrawn').innerText()).toContain('Law or regulation repealed');
      await expect.poll(notSent, POLL).toEqual([]);
      await h.screenshot(page, 'catalogs-diff-english-desktop');
      await page.goto('/catalogs/transfer');
      await page.getByTestId('import-card').waitFor();
      await expect.poll(notSent, POLL).toEqual([]);
      await page.goto(`/public/catalogs?region=${VILLAGE}`);
      await page.getByTestId('public-catalog').first().waitFor();
      await expect.poll(notSent, POLL).toEqual([]);
      await h.screenshot(page, 'public-catalogs-english-desktop');
      await page.goto(`/public/check?region=${VILLAGE}&q=${encodeURIComponent('亲属关系证明')}`);
      await page.locator('[data-testid="check-result"][data-verdict="negative"]').waitFor();
      expect(await page.getByTestId('check-verdict').innerText()).toContain('The village must not issue it');
      await expect.poll(notSent, POLL).toEqual([]);
      await h.screenshot(page, 'public-check-english-desktop');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses a template-based spreadsheet with a bad row and lists the row errors', async () => {
    const { context, page, errors } = await h.newPage(DESKTOP);
    page.setDefaultTimeout(SLOW);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianfu-catalog-import-'));
    try {
      await signIn(page, 'demo-district');
      // Start from the template the page offers.
      const template = await context.request.get('/api/catalogs/template.xlsx');
      expect(template.ok()).toBe(true);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await template.body()) as unknown as Parameters<typeof wb.xlsx.load>[0]);
      const sheet = wb.getWorksheet('目录事项')!;
      sheet.getRow(2).values = [
        'E2E-DUTY-01',
        '组织召开村民会议和村民代表会议',
        '自治',
        '《中华人民共和国村民委员会组织法》',
      ];
      sheet.getRow(3).values = [
        'E2E-DUTY-02',
        '',
        '自治',
        '《中华人民共和国村民委员会组织法》',
        '',
        '',
        '',
        '',
        '2026-13-45',
      ];
      sheet.getRow(4).values = [
        'E2E-DUTY-03',
        '管理本村属于村农民集体所有的土地和其他财产',
        '自治',
        '《中华人民共和国村民委员会组织法》',
      ];
      const file = path.join(dir, '履职事项（有错误）.xlsx');
      await wb.xlsx.writeFile(file);

      await page.goto('/catalogs/transfer?catalog=shanxi-2023-duties-catalog');
      await page.getByTestId('import-card').waitFor();
      await page.locator('input[type=file]').setInputFiles(file);
      await page.getByTestId('import-start').click();
      const table = page.getByTestId('import-errors');
      await table.waitFor();
      await page.getByTestId('import-refused').waitFor();
      const text = await table.innerText();
      expect(text).toContain('目录事项');
      expect(text).toContain('第 3 行');
      expect(text).toContain('事项名称');
      expect(text).toContain('生效日期');
      expect(text).not.toContain('第 2 行');
      await h.screenshot(page, 'catalogs-import-errors-desktop');
      await page.setViewportSize(PHONE);
      await table.scrollIntoViewIfNeeded();
      await noHorizontalOverflow(page);
      await h.screenshot(page, 'catalogs-import-errors-phone');

      // All or nothing: the list is still empty.
      const items = await context.request.get('/api/catalogs/shanxi-2023-duties-catalog/items');
      expect(((await items.json()) as { items: unknown[] }).items).toHaveLength(0);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
