import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { declareCatalogsComplete, DESKTOP, PHONE, signIn, startHarness, type Harness } from './harness.js';

/**
 * Browser journeys of the admission gate (issue 5): (a) an out-of-catalog special task filed by a
 * department, reviewed by the district, approved by the district government, seen by the village and
 * on the public page; (b) a dedicated post without a statutory basis refused at pre-check with S-6.3;
 * and a village's flag of an un-admitted task reaching the township's list and the per-department count.
 * Titles carry a run tag, so the journeys also run on a database that outlives one run (E2E_DATABASE_URL).
 */

let h: Harness;
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const VILLAGE = '140404001200';

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** YYYY-MM-DD in Beijing time, `days` from today. */
function day(days: number) {
  return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
}

/**
 * Opens an antd Select by its form label and clicks the option with this text. The dropdown animates
 * open and its virtual list may re-render while the page settles, so a lost click is retried.
 */
async function choose(page: Page, label: string, option: string, search?: string) {
  const input = page.getByLabel(label, { exact: true });
  for (let attempt = 1; ; attempt++) {
    await input.click();
    if (search) await input.fill(search);
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    try {
      await item.waitFor({ timeout: 10_000 });
      await page.waitForTimeout(250);
      await item.click({ timeout: 5_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

async function fillDate(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Switches a signed-in page to the phone layout and waits until it has re-flowed (menu in a drawer). */
async function toPhone(page: Page) {
  await page.setViewportSize(PHONE);
  await page.getByTestId('menu-toggle').waitFor();
  await page.waitForTimeout(300);
}

async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Fills the filing form of a department officer (already on /admission/requests/new). */
async function fillRequest(
  page: Page,
  r: {
    kind: string;
    title: string;
    description: string;
    basis: { document: string; article: string; level: string };
    target: { search: string; option: string };
    dedicatedPost?: boolean;
    funded?: boolean;
  },
) {
  await choose(page, '事项类型', r.kind);
  await page.getByLabel('事项名称', { exact: true }).fill(r.title);
  await page.getByLabel('工作内容', { exact: true }).fill(r.description);
  if (r.dedicatedPost) await page.getByLabel('要求村级配备专人专岗', { exact: true }).click();
  await page.getByLabel('依据文件', { exact: true }).fill(r.basis.document);
  await page.getByLabel('条款', { exact: true }).fill(r.basis.article);
  await choose(page, '依据层级', r.basis.level);
  await choose(page, '适用地区', r.target.option, r.target.search);
  await page.keyboard.press('Escape');
  await fillDate(page, '开始日期', day(3));
  await fillDate(page, '结束日期', day(120));
  if (r.funded) {
    await page.getByLabel('随事项拨付工作经费', { exact: true }).click();
    await page.getByLabel('经费数额', { exact: true }).fill('50000');
    await page.getByLabel('经费来源', { exact: true }).fill('区级财政专项');
    await page.getByLabel('由申请部门派出或配备人员', { exact: true }).click();
    await page.getByLabel('人数', { exact: true }).fill('2');
  }
}

/** Submits the form through its confirmation and returns the request id from the detail page URL. */
async function submit(page: Page) {
  await page.getByTestId('submit-request').click();
  await page.locator('.ant-popconfirm').getByRole('button', { name: '提交申请' }).click();
  await page.waitForURL(/\/admission\/requests\/(?!new$)[^/]+$/);
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** Opens the request from the review queue and records the decision. */
async function decide(page: Page, title: string, choice: '同意准入' | '附条件同意', text: string) {
  await page.goto('/admission/review');
  const queue = page.getByTestId('review-queue');
  await queue.getByRole('link', { name: title }).waitFor();
  await h.audit(page);
  await queue.getByRole('link', { name: title }).click();
  const panel = page.getByTestId('decision-panel');
  await panel.waitFor();
  await panel.locator('label.ant-radio-wrapper', { hasText: choice }).click();
  if (choice === '附条件同意') await panel.getByLabel('准入条件').fill(text);
  else await panel.getByLabel('审核说明（可选）').fill(text);
  await panel.getByTestId('decision-submit').click();
  await page.getByText('审核决定已提交').waitFor();
}

describe('admission gate in the browser', () => {
  it('(a) an out-of-catalog special task: filed, district review, district-government approval, village view, public decision', async () => {
    const title = `秸秆禁烧网格巡查专项任务${RUN}`;
    await declareCatalogsComplete(h);

    // The department files it; the live pre-check says it needs the district government (S-7.3).
    const dept = await h.newPage(DESKTOP);
    await signIn(dept.page, 'demo-department');
    await dept.page.goto('/admission/requests');
    await dept.page.getByTestId('new-request').waitFor();
    await h.audit(dept.page);
    await dept.page.getByTestId('new-request').click();
    await dept.page.waitForURL(/\/admission\/requests\/new$/);
    await fillRequest(dept.page, {
      kind: '专项任务',
      title,
      description: '秋收期间协助开展秸秆禁烧网格巡查',
      basis: { document: '长治市大气污染防治工作方案', article: '第三条', level: '市、县级党委、政府文件' },
      target: { search: '上党区', option: '140404000000' },
      funded: true,
    });
    const live = dept.page.getByTestId('live-precheck');
    await live.getByTestId('finding-clause').filter({ hasText: 'S-7.3' }).waitFor();
    await expect(live.getByTestId('precheck-outcome').innerText()).resolves.toContain('须报区政府审批');
    await h.screenshot(dept.page, 'admission-form-desktop');
    const id = await submit(dept.page);
    await expect(dept.page.getByTestId('status-tag').first().innerText()).resolves.toBe('审核中');
    await dept.page.getByText('区政府审批').first().waitFor();
    await dept.context.close();

    // The district reviews its step; the district government approves with conditions.
    const district = await h.newPage(DESKTOP);
    await signIn(district.page, 'demo-district');
    await decide(district.page, title, '同意准入', '同意报区政府审批');
    await expect(district.page.getByTestId('status-tag').first().innerText()).resolves.toBe('审核中');
    await district.context.close();

    const approver = await h.newPage(DESKTOP);
    await signIn(approver.page, 'demo-approver');
    await decide(approver.page, title, '附条件同意', '巡查日志由网格员填报，不得要求村干部代填');
    await expect(approver.page.getByTestId('status-tag').first().innerText()).resolves.toBe('已准入');
    await approver.page.getByText('区人民政府决定准入').waitFor();
    await h.screenshot(approver.page, 'admission-approved-desktop');
    await approver.context.close();

    // The village sees it among the admitted tasks (phone).
    const village = await h.newPage(PHONE);
    await signIn(village.page, 'demo-village');
    await village.page.goto('/admission/admitted');
    await village.page.getByTestId('admitted-table').getByRole('link', { name: title }).waitFor();
    await expectNoHorizontalOverflow(village.page);
    await h.screenshot(village.page, 'admission-admitted-phone');
    await village.page.getByRole('link', { name: title }).click();
    await village.page.waitForURL(new RegExp(`/admission/requests/${id}$`));
    await village.page.getByText('不得要求村干部代填').first().waitFor();
    await village.context.close();

    // Anyone sees the decision on the public page, reached from the login page's footer (phone, no login).
    const visitor = await h.newPage(PHONE);
    await visitor.page.goto('/login');
    await visitor.page.getByTestId('public-info-link').click();
    await visitor.page.waitForURL(/\/public\/admission/);
    await visitor.page.getByTestId('region-input').fill(VILLAGE);
    await visitor.page.getByRole('button', { name: /查\s*询/ }).click();
    const card = visitor.page.getByTestId('public-decision').filter({ hasText: title });
    await card.waitFor();
    const text = await card.innerText();
    expect(text).toContain('准予准入');
    expect(text).toContain('区人民政府');
    expect(text).toContain('长治市上党区农业农村局');
    expect(text).toContain('不得要求村干部代填');
    await expectNoHorizontalOverflow(visitor.page);
    await h.screenshot(visitor.page, 'admission-public-phone');
    expect(visitor.errors).toEqual([]);
    await visitor.context.close();
  });

  it('(b) a dedicated post without a statutory basis is refused at pre-check with clause S-6.3 shown', async () => {
    const title = `村级禁毒专干${RUN}`;
    const { context, page, errors } = await h.newPage(DESKTOP);
    await signIn(page, 'demo-department');
    await page.goto('/admission/requests/new');
    await fillRequest(page, {
      kind: '工作机制或专人专岗',
      title,
      description: '要求每村配备一名禁毒专干',
      basis: { document: '区禁毒委关于加强禁毒工作的通知', article: '', level: '部门文件' },
      target: { search: '韩店村', option: VILLAGE },
      dedicatedPost: true,
    });
    // Before submitting, the live pre-check already refuses it and names the clause.
    const live = page.getByTestId('live-precheck');
    await live.getByTestId('finding-clause').filter({ hasText: 'S-6.3' }).waitFor();
    await expect(live.getByTestId('precheck-outcome').innerText()).resolves.toContain('不予准入');

    await submit(page);
    await expect(page.getByTestId('status-tag').first().innerText()).resolves.toBe('预审不予准入');
    const finding = page.getByTestId('precheck').getByTestId('finding').filter({ hasText: 'S-6.3' });
    await finding.waitFor();
    const text = await finding.innerText();
    expect(text).toContain('专人专岗');
    expect(text).toContain('区禁毒委关于加强禁毒工作的通知');
    await h.screenshot(page, 'admission-refused-desktop');
    await toPhone(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await expectNoHorizontalOverflow(page);
    await h.screenshot(page, 'admission-refused-phone');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('(c) a forest-fire responsibility pledge with a one-vote veto is refused whatever its basis, naming the rule and the words; nobody can approve it (issue 9)', async () => {
    const title = `各村与镇政府签订年度森林防火目标责任状，实行一票否决${RUN}`;
    const { context, page, errors } = await h.newPage(DESKTOP);
    await signIn(page, 'demo-department');
    await page.goto('/admission/requests/new');
    await fillRequest(page, {
      kind: '工作事务',
      title,
      description: '各村与镇政府签订年度森林防火目标责任状，实行一票否决',
      basis: { document: '中华人民共和国森林法', article: '第三十四条', level: '法律' },
      target: { search: '韩店村', option: VILLAGE },
    });
    const live = page.getByTestId('live-precheck');
    await expect(live.getByTestId('precheck-outcome').innerText()).resolves.toContain('不予准入');
    await submit(page);
    await expect(page.getByTestId('status-tag').first().innerText()).resolves.toBe('预审不予准入');
    const finding = page.getByTestId('precheck').getByTestId('finding').filter({ hasText: 'CN-PROH-2019-01' });
    await finding.waitFor();
    const words = await finding.getByTestId('finding-triggers').innerText();
    expect(words).toContain('责任状');
    expect(await finding.innerText()).toContain('一票否决');
    await h.screenshot(page, 'admission-prohibited-desktop');
    const id = new URL(page.url()).pathname.split('/').pop()!;
    expect(errors).toEqual([]);
    await context.close();

    // The district sees no review step for it and has no way to approve it.
    const district = await h.newPage(DESKTOP);
    await signIn(district.page, 'demo-district');
    await district.page.goto('/admission/review');
    await district.page.getByTestId('review-queue').waitFor();
    await h.audit(district.page);
    expect(await district.page.getByTestId('review-queue').getByRole('link', { name: title }).count()).toBe(0);
    await district.page.goto(`/admission/requests/${id}`);
    await district.page.getByTestId('precheck').waitFor();
    await h.audit(district.page);
    expect(await district.page.getByTestId('decision-panel').count()).toBe(0);
    await district.context.close();
  });

  it('a village flag of an un-admitted task reaches the township list and the count per department', async () => {
    const task = `要求每日报送秸秆巡查照片${RUN}`;
    const village = await h.newPage(PHONE);
    await signIn(village.page, 'demo-village');
    await village.page.goto('/admission/flags');
    const form = village.page.getByTestId('flag-form');
    await choose(village.page, '下达部门', '长治市上党区农业农村局');
    await form.getByLabel('任务名称').fill(task);
    await form.getByLabel('情况说明').fill('通过微信群要求每日上传巡查照片，未经准入');
    await choose(village.page, '下达方式', '微信群');
    await form.getByTestId('flag-submit').click();
    await village.page.getByTestId('flag-table').getByText(task).waitFor();
    await expectNoHorizontalOverflow(village.page);
    await h.screenshot(village.page, 'admission-flag-phone');
    await village.context.close();

    const township = await h.newPage(DESKTOP);
    await signIn(township.page, 'demo-township');
    await township.page.goto('/admission/flags');
    await township.page.getByTestId('flag-table').getByText(task).waitFor();
    const counts = township.page.getByTestId('flag-counts');
    const row = counts.locator('tr', { hasText: '长治市上党区农业农村局' });
    await row.waitFor();
    expect(Number((await row.locator('td').nth(1).innerText()).trim())).toBeGreaterThanOrEqual(1);
    await h.screenshot(township.page, 'admission-flags-township-desktop');
    await township.context.close();
  });
});
