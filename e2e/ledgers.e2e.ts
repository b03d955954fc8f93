/**
 * The ledger journey of issue 4 in the browser (Done means): demo-district creates and launches a
 * campaign for 上党区 in the UI; demo-village fills all four categories by keyboard (with an inline
 * suggestion), is refused with the undecided rows listed, bulk-accepts and submits; demo-township
 * returns it with a note; the village sees the note, fixes a row and resubmits; the township
 * approves; demo-district sees the consolidated numbers change on the dashboard and downloads the
 * district spreadsheet, which contains them. Screenshots of the editor, the review and the dashboard
 * at 1366 px and 375 px go to e2e/screenshots/.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { DESKTOP, PHONE, SCREENSHOTS, signIn, startHarness, type Harness } from './harness.js';

const TOWNSHIP_CODE = '140404001000';
const PNG_1PX = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
const RETURN_NOTE = '网格化服务管理工作站请核实是否有中央文件依据；亲属关系证明请补充上年出具数量';

let h: Harness;
const contexts: BrowserContext[] = [];
const errors: string[] = [];
let campaignId = '';
let ledgerUrl = '';
let nextCampaignId = '';
const before = { rows: 0, approved: 0, ledgers: 0 };

async function open(username: string, viewport = DESKTOP): Promise<Page> {
  const { context, page, errors: errs } = await h.newPage(viewport);
  contexts.push(context);
  // Collected per page; checked at the end (401 on the login page is a "Failed to load resource" line, ignored by the harness).
  page.on('close', () => errors.push(...errs.map((e) => `${username}: ${e}`)));
  const apiLog: string[] = [];
  page.on('response', (r) => {
    if (r.url().includes('/api/')) apiLog.push(`${r.request().method()} ${new URL(r.url()).pathname} ${r.status()}`);
  });
  onTestFailed(async () => {
    console.log(`API calls of ${username}:\n${apiLog.slice(-30).join('\n')}`);
    await page
      .screenshot({ path: path.join(SCREENSHOTS, `ledgers-failure-${username}.png`), fullPage: true })
      .catch(() => undefined);
  });
  await signIn(page, username);
  return page;
}

/** The number a Statistic shows. */
async function stat(page: Page, testId: string): Promise<number> {
  const el = page.getByTestId(testId).locator('.ant-statistic-content-value');
  await el.waitFor();
  return Number((await el.innerText()).replace(/[^\d]/g, ''));
}

/** Nothing sticks out sideways at 375 px (tables scroll inside their own box); charts get a moment to resize. */
async function noHorizontalOverflow(page: Page) {
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth), { timeout: 5_000 })
    .toBeLessThanOrEqual(0);
}

/** Confirms the open Popconfirm once its opening animation has finished (a click mid-animation can miss). */
async function confirmPopup(page: Page) {
  const pop = page.locator('.ant-popconfirm').filter({ visible: true }).last();
  await pop.waitFor();
  await expect.poll(() => pop.evaluate((el) => el.className)).not.toMatch(/-(appear|enter)/);
  await pop.getByRole('button', { name: /确\s*定/ }).click();
  await pop.waitFor({ state: 'hidden' });
}

const POLL = { timeout: 15_000 };

/** Field names whose text values are data (typed by users, or reference names); everything else is a code or a label. */
const DATA_FIELDS = new Set([
  'name',
  'imposedBy',
  'basis',
  'funding',
  'approvalRef',
  'overrideReason',
  'returnNote',
  'note',
  'villageName',
  'townshipName',
  'regionName',
  'campaignName',
  'itemName',
  'actorName',
  'displayName',
  'params',
]);

/** Collects the data texts of an API answer (the values of DATA_FIELDS, at any depth). */
function collectData(v: unknown, out: string[], data = false): void {
  if (typeof v === 'string') {
    if (data) out.push(v);
  } else if (Array.isArray(v)) for (const x of v) collectData(x, out, data);
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) collectData(x, out, data || DATA_FIELDS.has(k));
}

/** Adds one row through the entry form by keyboard: name, Tab, imposed-by, (more), Enter. */
async function addRow(
  page: Page,
  category: string,
  name: string,
  imposedBy: string,
  extra?: (entry: Locator) => Promise<void>,
) {
  await page.getByTestId(`tab-${category}`).click();
  const entry = page.getByTestId(`entry-${category}`);
  const nameInput = entry.getByTestId('row-name');
  await nameInput.click();
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(imposedBy);
  if (extra) await extra(entry);
  await entry.getByTestId('row-imposed-by').press('Enter');
  await page.getByTestId(`rows-${category}`).getByText(name, { exact: true }).waitFor();
  // The form clears and the cursor is back in the name field for the next row.
  await expect.poll(() => nameInput.inputValue(), { timeout: 10_000 }).toBe('');
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: 10_000 })
    .toBe('row-name');
}

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await h?.stop();
});

describe('ledger journey (issue 4, Done means)', () => {
  it('demo-district creates a campaign from the default template, edits a deadline and launches it with a progress bar', async () => {
    const page = await open('demo-district');
    await page.goto('/campaigns');
    await page.locator('h1', { hasText: '专项行动' }).waitFor();
    await h.audit(page);
    await page.getByTestId('campaign-create').click();
    const modal = page.locator('.ant-modal', { hasText: '发起专项行动' });
    await modal.waitFor();
    const year = Number(await modal.locator('#year').inputValue());
    expect(await modal.getByTestId('campaign-name').inputValue()).toBe(`${year}年村级组织减负专项行动`);
    // The seed plan's phases with their default dates, editable.
    for (const phase of [
      '摸排自查、区级汇总',
      '标识牌、证明事项清理',
      '工作机制、工作事务清理',
      '建立准入和动态调整长效机制',
    ])
      await modal.locator('td', { hasText: phase }).waitFor();
    const deadline = modal
      .locator('[data-testid="deadline-mechanisms_affairs"] input, input[data-testid="deadline-mechanisms_affairs"]')
      .first();
    expect(await deadline.inputValue()).toBe(`${year}-12-10`);
    await deadline.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(`${year}-12-31`);
    await page.keyboard.press('Enter');
    await modal.getByRole('button', { name: /创\s*建/ }).click();
    await page.waitForURL(/\/campaigns\/[\w-]+$/);
    campaignId = new URL(page.url()).pathname.split('/').pop()!;
    await page.locator(`input[value="${year}-12-31"]`).waitFor();
    await page.getByTestId('campaign-status').filter({ hasText: '未启动' }).waitFor();

    await page.getByTestId('launch').click();
    await confirmPopup(page);
    await page.getByTestId('launch-progress').waitFor();
    await page
      .getByTestId('launch-card')
      .getByText(/已为 \d+ 个村（社区）建立台账/)
      .waitFor({ timeout: 60_000 });
    await page.getByTestId('campaign-status').filter({ hasText: '进行中' }).waitFor();
    expect(Number(await page.getByTestId('ledger-count').innerText())).toBeGreaterThan(100);
    await h.screenshot(page, 'campaign-launched-desktop');

    // The consolidated view before anything is filled.
    await page.goto(`/dashboard?campaign=${campaignId}`);
    before.rows = await stat(page, 'stat-rows');
    before.approved = await stat(page, 'stat-approved');
    before.ledgers = await stat(page, 'stat-ledgers');
    expect(before).toMatchObject({ rows: 0, approved: 0 });
    expect(before.ledgers).toBeGreaterThan(100);
    await page.close();
  });

  it('demo-village fills all four categories by keyboard, sees suggested verdicts, is told what is undecided, bulk-accepts and submits', async () => {
    const page = await open('demo-village');
    await page.goto('/ledgers');
    await page.waitForURL(/\/ledgers\/[\w-]+/);
    ledgerUrl = new URL(page.url()).pathname;
    await page.getByTestId('ledger-status').filter({ hasText: '草稿' }).waitFor();

    await addRow(page, 'sign', '韩店村民委员会', '韩店街道办事处');
    // Enter right away for the next row (the cursor is already in the name field).
    await page.keyboard.type('韩店村禁毒工作站');
    await page.keyboard.press('Tab');
    await page.keyboard.type('区禁毒委');
    await page.keyboard.press('Enter');
    await page.getByTestId('rows-sign').getByText('韩店村禁毒工作站', { exact: true }).waitFor();
    await addRow(page, 'mechanism', '网格化服务管理工作站', '区委政法委', async (entry) => {
      await entry.locator('.ant-form-item', { hasText: '专人专岗' }).getByText('是', { exact: true }).click();
    });
    await addRow(page, 'work_affair', '招商引资任务', '区商务局');

    // Certificates: an inline suggestion from the catalog (↓ Enter picks it), then the facts.
    await page.getByTestId('tab-certificate').click();
    const cert = page.getByTestId('entry-certificate');
    await cert.getByTestId('row-name').click();
    await page.keyboard.type('亲属');
    await page.locator('.ant-select-item-option', { hasText: '亲属关系证明' }).waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect.poll(() => cert.getByTestId('row-name').inputValue()).toBe('亲属关系证明');
    await page.keyboard.press('Tab');
    await page.keyboard.type('某商业银行');
    await page.keyboard.press('Tab');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('30');
    await page.keyboard.press('Enter');
    const certRows = page.getByTestId('rows-certificate');
    await certRows.getByText('上年出具 30 份').waitFor();
    // Each row shows the suggested verdict, the clause and the catalog item.
    await certRows.getByTestId('suggestion').getByText('取消').waitFor();
    await certRows.getByText('S-6.2').waitFor();
    await certRows.getByText(/目录 CN-NEG-/).waitFor();
    await page.getByTestId('tab-sign').click();
    await page.getByTestId('rows-sign').getByText('S-6.1', { exact: false }).first().waitFor();
    expect(await stat(page, 'count-total')).toBe(5);

    // Accept one suggestion on its own.
    await page.getByTestId('rows-sign').getByTestId('accept-row').first().click();
    await page.getByTestId('rows-sign').getByText('采纳：保留').waitFor();
    expect(await stat(page, 'count-undecided')).toBe(4);
    await h.screenshot(page, 'ledgers-editor-desktop');

    // Submitting with undecided rows is refused and lists them.
    await page.getByTestId('submit-ledger').click();
    const list = page.getByTestId('undecided-list');
    await list.waitFor();
    expect(await list.innerText()).toContain('还有 4 项未确定处理意见');
    expect(await list.innerText()).toContain('招商引资任务');

    // The phone layout: category buttons and cards instead of a wide table.
    await page.setViewportSize(PHONE);
    await page.getByTestId('tab-certificate').click();
    await page.getByTestId('row-card').first().waitFor();
    await noHorizontalOverflow(page);
    await h.screenshot(page, 'ledgers-editor-phone');
    await page.setViewportSize(DESKTOP);

    await page.getByTestId('accept-all').click();
    await expect.poll(() => stat(page, 'count-undecided')).toBe(0);
    // This village's ledger as a spreadsheet (one sheet per category, re-importable).
    const [exported] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-ledger').click()]);
    const villageBook = new ExcelJS.Workbook();
    await villageBook.xlsx.load(fs.readFileSync(await exported.path()) as unknown as ArrayBuffer);
    expect(villageBook.worksheets.map((w) => w.name)).toEqual(['标识牌', '工作机制', '工作事务', '证明事项']);
    // …and imports back unchanged: the import is a background job whose progress bar fills, then the
    // dialog reports what it wrote.
    await page.getByTestId('import-button').click();
    await page.locator('.ant-modal input[type=file]').setInputFiles({
      name: '本村台账.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: fs.readFileSync(await exported.path()),
    });
    const importJob = page.getByTestId('import-job');
    await importJob.getByTestId('import-progress').waitFor();
    await importJob.getByTestId('import-result').waitFor();
    expect(await importJob.getByTestId('import-result').innerText()).toContain('新增 0 项，更新 0 项，未变 5 项');
    expect(await importJob.locator('.ant-progress-status-success').count()).toBe(1);
    await page
      .locator('.ant-modal-footer')
      .getByRole('button', { name: /关\s*闭/ })
      .click();
    expect(await stat(page, 'count-undecided')).toBe(0);
    await page.getByTestId('submit-ledger').click();
    await page.getByTestId('ledger-status').filter({ hasText: '已提交' }).waitFor();
    await page.getByText('已提交，等待乡镇审核').waitFor();
    expect(await stat(page, 'count-noncompliant')).toBe(4);
    await page.close();
  });

  it('demo-township finds it awaiting review, cannot return it without a note, and returns it with one', async () => {
    const page = await open('demo-township');
    await page.goto(`/review?campaign=${campaignId}`);
    const table = page.getByTestId('review-table');
    await table.getByText('韩店村委会').waitFor();
    await h.screenshot(page, 'ledgers-review-list-desktop');
    await table.getByTestId('open-ledger').first().click();
    await page.waitForURL((u) => u.pathname === ledgerUrl);
    const panel = page.getByTestId('review-panel');
    await panel.waitFor();
    // Read-only for the township: no entry form, no accept buttons.
    expect(await page.getByTestId('entry-sign').count()).toBe(0);
    expect(await page.getByTestId('accept-row').count()).toBe(0);
    await h.screenshot(page, 'ledgers-review-desktop');

    await page.setViewportSize(PHONE);
    await panel.waitFor();
    await noHorizontalOverflow(page);
    await h.screenshot(page, 'ledgers-review-phone');
    await page.setViewportSize(DESKTOP);

    await page.getByTestId('review-return').click();
    await panel.getByText('退回修改须写明意见').waitFor();
    await page.getByTestId('review-note').fill(RETURN_NOTE);
    await page.getByTestId('review-return').click();
    await page.getByTestId('ledger-status').filter({ hasText: '已退回' }).waitFor();
    expect(await page.getByTestId('review-panel').count()).toBe(0);
    await page.close();
  });

  it('the village sees the note (and a notification), fixes rows and resubmits', async () => {
    const page = await open('demo-village');
    // The bell has the township's return.
    const bell = page.getByTestId('notification-bell');
    await expect
      .poll(async () =>
        Number(
          (
            await bell
              .locator('.ant-badge-count')
              .innerText()
              .catch(() => '0')
          ).replace(/\D/g, '') || 0,
        ),
      )
      .toBeGreaterThan(0);
    await bell.click();
    await page.getByTestId('notification-item').filter({ hasText: '自查台账被退回修改' }).click();
    await page.waitForURL((u) => u.pathname === ledgerUrl);
    const note = page.getByTestId('return-note');
    await note.waitFor();
    expect(await note.innerText()).toContain(RETURN_NOTE);
    await page.getByTestId('ledger-status').filter({ hasText: '已退回' }).waitFor();

    // Override the mechanism's verdict with a reason.
    await page.getByTestId('tab-mechanism').click();
    await page.getByTestId('rows-mechanism').getByTestId('override-row').click();
    const modal = page.locator('.ant-modal', { hasText: '改判：网格化服务管理工作站' });
    await modal.waitFor();
    await modal.getByText('取消', { exact: true }).click();
    await modal.getByRole('button', { name: /确\s*定/ }).click();
    await modal.getByText('与系统建议不同，须写明理由').waitFor();
    await modal.getByTestId('override-reason').fill('经核实无中央文件依据、无实际作用，予以撤销');
    await modal.getByRole('button', { name: /确\s*定/ }).click();
    await page.getByTestId('rows-mechanism').getByText('改判：取消').waitFor();

    // Fix the certificate's volume in the edit form (Enter saves).
    await page.getByTestId('tab-certificate').click();
    await page.getByTestId('rows-certificate').getByTestId('edit-row').click();
    const edit = page.locator('.ant-modal', { hasText: '修改：亲属关系证明' });
    await edit.waitFor();
    const volume = edit.locator('.ant-form-item', { hasText: '上年出具数量' }).locator('input');
    await volume.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('42');
    await page.keyboard.press('Enter');
    await page.getByTestId('rows-certificate').getByText('上年出具 42 份').waitFor();

    // A spreadsheet with bad rows is refused as a whole (the job fails), naming sheet, row and column.
    const bad = path.join(os.tmpdir(), `jianfu-ledgers-bad-${process.pid}.xlsx`);
    const wbBad = new ExcelJS.Workbook();
    const signs = wbBad.addWorksheet('标识牌');
    signs.addRow(['标识牌文字', '制发单位', '悬挂位置', '依据']);
    signs.addRow(['韩店村便民服务站', '区民政局', '屋顶', '']);
    const certs = wbBad.addWorksheet('证明事项');
    certs.addRow(['证明名称', '要求出具的单位', '上年出具数量', '依据']);
    certs.addRow(['居住证明', '', 5, '']);
    await wbBad.xlsx.writeFile(bad);
    try {
      await page.getByTestId('import-button').click();
      await page.locator('.ant-modal input[type=file]').setInputFiles(bad);
      const importErrors = page.getByTestId('import-errors');
      await importErrors.waitFor();
      const text = await importErrors.innerText();
      expect(text).toContain('未写入任何数据');
      expect(text).toMatch(/标识牌\s+2\s+悬挂位置/);
      expect(text).toMatch(/证明事项\s+2\s+要求出具的单位/);
      await page
        .locator('.ant-modal-footer')
        .getByRole('button', { name: /关\s*闭/ })
        .click();
    } finally {
      fs.rmSync(bad, { force: true });
    }
    expect(await stat(page, 'count-total')).toBe(5);

    await page.getByTestId('submit-ledger').click();
    await page.getByTestId('ledger-status').filter({ hasText: '已提交' }).waitFor();
    await page.close();
  });

  it('the township approves', async () => {
    const page = await open('demo-township');
    await page.goto(ledgerUrl);
    await page.getByTestId('review-panel').waitFor();
    await page.getByTestId('review-approve').click();
    await confirmPopup(page);
    await page.getByTestId('ledger-status').filter({ hasText: '已审核' }).waitFor();
    await page.getByText('乡镇已审核通过').waitFor();
    // The history shows the whole cycle.
    for (const step of ['提交审核', '退回修改', '审核通过'])
      await page.getByText(step, { exact: true }).first().waitFor();
    await page.close();
  });

  it('in English, the ledger pages show no Chinese from the server but data (names, bases, notes, catalog item names)', async () => {
    const texts: string[] = [];
    const pageIn = async (username: string) => {
      const page = await open(username);
      page.on('response', (r) => {
        if (r.url().includes('/api/') && (r.headers()['content-type'] ?? '').includes('json'))
          r.json().then(
            (body: unknown) => collectData(body, texts),
            () => undefined,
          );
      });
      await page.evaluate(() => window.localStorage.setItem('jianfu.locale', 'en-US'));
      return page;
    };
    /** Chinese runs on the page that are no data the API sent (the language switch names Chinese in Chinese). */
    const notData = async (page: Page) => {
      const runs = (await page.locator('main').innerText()).match(/[\u4e00-\u9fff]+/g) ?? [];
      const data = texts.join('\n');
      return [...new Set(runs)].filter((r) => !data.includes(r));
    };
    const village = await pageIn('demo-village');
    await village.goto('/ledgers');
    await village.getByRole('heading', { level: 1 }).waitFor();
    await village.locator('main .ant-tag').first().waitFor();
    await expect.poll(() => notData(village), POLL).toEqual([]);
    await h.audit(village);
    await village.goto(ledgerUrl);
    await village.getByTestId('ledger-status').waitFor();
    for (const c of ['sign', 'mechanism', 'work_affair', 'certificate']) {
      await village.getByTestId(`tab-${c}`).click();
      await village.getByTestId(`rows-${c}`).getByTestId('suggestion').first().waitFor();
      await expect.poll(() => notData(village), POLL).toEqual([]);
    }
    // The suggestion's reason is worded in English from its key; the village's own words stay as typed.
    expect(await village.getByTestId('rows-certificate').innerText()).toMatch(/must not issue|the village issues/);
    await h.screenshot(village, 'ledgers-editor-english-desktop');
    await village.close();

    const township = await pageIn('demo-township');
    await township.goto(`/review?campaign=${campaignId}`);
    await township.getByTestId('review-table').waitFor();
    await expect.poll(() => notData(township), POLL).toEqual([]);
    await h.screenshot(township, 'ledgers-review-list-english-desktop');
    await township.close();
  });

  it('demo-district sees the consolidated numbers change and downloads the district spreadsheet that contains them', async () => {
    const page = await open('demo-district');
    await page.goto(`/dashboard?campaign=${campaignId}`);
    await page.getByTestId('chart-verdicts').locator('canvas').first().waitFor();
    const rows = await stat(page, 'stat-rows');
    const approved = await stat(page, 'stat-approved');
    const ledgers = await stat(page, 'stat-ledgers');
    expect(rows).toBe(before.rows + 5);
    expect(approved).toBe(before.approved + 1);
    expect(ledgers).toBe(before.ledgers);
    const drill = page.getByTestId('drill-table');
    const han = drill.locator('tr', { hasText: '韩店街道' });
    await han.waitFor();
    expect(await han.innerText()).toContain('2 → 1'); // signs: 2 before, 1 after (one to cancel)
    await h.screenshot(page, 'dashboard-desktop');

    // Drill down to the township and its villages.
    await han.getByTestId('drill').click();
    await page.getByTestId('dashboard-region').filter({ hasText: '韩店街道' }).waitFor();
    await drill.locator('tr', { hasText: '韩店村委会' }).waitFor();
    await page.locator('.ant-breadcrumb').getByRole('button', { name: '上党区' }).click();
    await page.getByTestId('dashboard-region').filter({ hasText: '上党区' }).waitFor();

    // The district spreadsheet.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-consolidated').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
    const sheet = (name: string) => {
      const rowsOf: unknown[][] = [];
      wb.getWorksheet(name)!.eachRow({ includeEmpty: false }, (r) => rowsOf.push((r.values as unknown[]).slice(1)));
      return rowsOf;
    };
    expect(wb.worksheets.map((w) => w.name)).toEqual(['汇总', '标识牌', '工作机制', '工作事务', '证明事项']);
    const summary = sheet('汇总');
    const header = summary[0] as string[];
    const col = (name: string) => {
      const i = header.indexOf(name);
      expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
      return i;
    };
    const township = summary.find((r) => r[0] === TOWNSHIP_CODE)!;
    expect(township[col('区划名称')]).toBe('韩店街道');
    expect(township[col('已审核')]).toBe(1);
    expect(township[col('标识牌（清理前）')]).toBe(2);
    expect(township[col('标识牌（清理后·计划）')]).toBe(1);
    expect(township[col('证明事项（清理前）')]).toBe(1);
    const total = summary.find((r) => r[0] === '合计')!;
    expect(total[col('台账数')]).toBe(ledgers);
    expect(total[col('已审核')]).toBe(approved);
    expect(sheet('证明事项').some((r) => r.includes('亲属关系证明') && r.includes(42))).toBe(true);

    await page
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await page.setViewportSize(PHONE);
    await page.getByTestId('stat-rows').waitFor();
    await noHorizontalOverflow(page);
    await h.screenshot(page, 'dashboard-phone');
    await page.close();
  });

  it('demo-district finds the villages that still have a 禁毒工作站 board across the district and exports them (issue 15)', async () => {
    const page = await open('demo-district');
    await page.goto(`/rows?campaign=${campaignId}`);
    await page.getByTestId('row-search-filters').waitFor();
    await h.audit(page);
    await page.getByTestId('row-search-category').click();
    await page.locator('.ant-select-dropdown:visible').getByText('标识牌', { exact: true }).click();
    await page.getByTestId('row-search-q').locator('input').fill('禁毒工作站');
    await page.getByTestId('row-search-q').locator('input').press('Enter');
    const table = page.getByTestId('row-search-table');
    const hit = table.locator('tr', { hasText: '韩店村禁毒工作站' });
    await hit.waitFor();
    expect(await hit.innerText()).toContain('韩店村委会');
    expect(await table.locator('tr', { hasText: '韩店村民委员会' }).count()).toBe(0);
    await h.screenshot(page, 'row-search-desktop');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('row-search-export').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/条目查询.*\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(await download.path()) as unknown as ArrayBuffer);
    const values: unknown[] = [];
    wb.worksheets[0].eachRow({ includeEmpty: false }, (r) => values.push(...(r.values as unknown[])));
    expect(values).toContain('韩店村禁毒工作站');
    expect(values).not.toContain('韩店村民委员会');

    await page.setViewportSize(PHONE);
    await page.getByTestId('row-search-list').getByText('韩店村禁毒工作站').waitFor();
    await noHorizontalOverflow(page);
    await h.audit(page);
    await h.screenshot(page, 'row-search-phone');
    await page.close();
  });

  it('the clean-up tasks: the village closes its own task with a note (no photo needed)', async () => {
    const page = await open('demo-village');
    await page.goto(`/tasks?campaign=${campaignId}`);
    const column = page.getByTestId('board-open');
    await column.getByTestId('task-card').first().waitFor();
    expect(await column.getByTestId('task-card').count()).toBe(4);
    await h.screenshot(page, 'tasks-board-desktop');
    await column.getByTestId('task-card').filter({ hasText: '禁毒工作站' }).click();
    await page.waitForURL(/\/tasks\/[\w-]+$/);
    await page.getByTestId('evidence-card').getByText('佐证材料不是必需的', { exact: false }).waitFor();
    // Optional evidence: a PNG (checked by content on the server); closing does not need it.
    await page
      .getByTestId('evidence-card')
      .locator('input[type=file]')
      .setInputFiles({ name: '摘牌后.png', mimeType: 'image/png', buffer: PNG_1PX });
    await page.getByTestId('evidence-card').getByText('摘牌后.png').waitFor();
    await page.getByTestId('task-note').fill('禁毒工作站牌子已摘除');
    await page.getByTestId('task-close').click();
    await page.getByText('已办结').first().waitFor();
    await page
      .locator('.ant-message-notice')
      .first()
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await page.setViewportSize(PHONE);
    await noHorizontalOverflow(page);
    await h.screenshot(page, 'task-detail-phone');
    await page.close();
  });

  it('demo-district starts the next cycle from this campaign and sees what changed since', async () => {
    const page = await open('demo-district');
    await page.goto(`/campaigns/${campaignId}`);
    await page.getByRole('button', { name: /开始下一轮/ }).click();
    const modal = page.locator('.ant-modal', { hasText: '开始下一轮' });
    await modal.waitFor();
    const year = Number(await modal.locator('#year').inputValue());
    await modal.getByRole('button', { name: /创\s*建/ }).click();
    await page.waitForURL((u) => /\/campaigns\/[\w-]+$/.test(u.pathname) && !u.pathname.endsWith(campaignId));
    nextCampaignId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByText(`${year}年村级组织减负专项行动`).first().waitFor();
    await page.getByTestId('launch').click();
    await confirmPopup(page);
    await page
      .getByTestId('launch-card')
      .getByText(/已为 \d+ 个村（社区）建立台账/)
      .waitFor({ timeout: 60_000 });
    const changes = page.getByTestId('changes-card');
    const signRow = changes.locator('tr', { hasText: '标识牌' });
    await signRow.waitFor();
    // Both boards carried over unchanged (statuses reset, facts pre-filled).
    expect((await signRow.innerText()).replace(/\s+/g, ' ')).toBe('标识牌 0 0 2 0');
    await h.screenshot(page, 'campaign-next-cycle-desktop');
    await page.close();
  });

  it('demo-village adds a row to the next cycle’s ledger with the keyboard alone, and reads it in 关怀模式 at 375 px', async () => {
    const page = await open('demo-village');
    // With two campaigns running, the village's ledgers are listed first.
    await page.goto(`/ledgers?campaign=${nextCampaignId}`);
    await page.locator('main [role=listitem]').first().waitFor();
    await h.audit(page);
    const focusedTestId = () => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '');
    const tabUntil = async (done: () => Promise<boolean>, what: string, max = 40) => {
      for (let i = 0; i < max; i++) {
        await page.keyboard.press('Tab');
        if (await done()) return;
      }
      throw new Error(`${what} not reached by Tab`);
    };
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
    await page.keyboard.press('Enter');
    await tabUntil(
      () => page.evaluate(() => document.activeElement?.getAttribute('role') === 'listitem'),
      'the ledger in the list',
    );
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/ledgers\/[\w-]+/);
    await page.getByTestId('ledger-status').filter({ hasText: '草稿' }).waitFor();
    const total = await stat(page, 'count-total');
    await tabUntil(async () => (await focusedTestId()) === 'row-name', 'the name of a new row');
    await page.keyboard.type('韩店村老年协会');
    await page.keyboard.press('Tab');
    expect(await focusedTestId()).toBe('row-imposed-by');
    await page.keyboard.type('区民政局');
    await page.keyboard.press('Enter');
    await page.getByTestId('rows-sign').getByText('韩店村老年协会', { exact: true }).waitFor();
    // Announced, and the cursor is back in the name field for the next row.
    await expect
      .poll(() => page.getByTestId('ledger-announcement').innerText())
      .toBe('已在“标识牌”中添加：韩店村老年协会');
    expect(await page.getByTestId('ledger-announcement').getAttribute('role')).toBe('status');
    await expect.poll(focusedTestId, { timeout: 10_000 }).toBe('row-name');
    await expect.poll(() => stat(page, 'count-total')).toBe(total + 1);

    // 关怀模式 from the header, on a phone: large text, nothing to scroll sideways.
    await page.setViewportSize(PHONE);
    await page.getByTestId('menu-toggle').waitFor();
    await page.getByTestId('care-switch').click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'care');
    await page.getByTestId('row-card').first().waitFor();
    const sizes = await page.evaluate(() => ({
      root: parseFloat(getComputedStyle(document.documentElement).fontSize),
      card: parseFloat(getComputedStyle(document.querySelector('[data-testid="row-card"]')!).fontSize),
      h1: parseFloat(getComputedStyle(document.querySelector('main h1')!).fontSize),
    }));
    console.log(`关怀模式 village ledger at 375 px: ${JSON.stringify(sizes)}`);
    expect(sizes.root).toBe(20);
    expect(sizes.card).toBeGreaterThanOrEqual(18);
    expect(sizes.h1).toBeGreaterThanOrEqual(24);
    expect(await page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth)).toBe(true);
    await h.screenshot(page, 'care-ledger-phone');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'care-ledger-phone-full.png'), fullPage: true });
    await page.getByTestId('care-switch').click();
    await page.waitForFunction(() => document.documentElement.dataset.theme === 'normal');
    await page.close();
  });

  it('left no page or console errors behind', () => {
    expect(errors).toEqual([]);
  });
});
