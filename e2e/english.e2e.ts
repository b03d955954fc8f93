import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { enUS } from '../src/shared/locales/en-US/index.js';
import { zhCN } from '../src/shared/locales/zh-CN/index.js';
import { declareCatalogsComplete, DESKTOP, ROOT, signIn, startHarness, type Harness } from './harness.js';

/**
 * The English UI (issue 10) on the admission, certificate and ledger pages: a request filed, reviewed and
 * published, a certificate issued and found in the register, a village ledger filled with the judge's
 * suggestions, all in en-US. Every Chinese run on a page
 * must be data the API sent (names, titles, what people typed), never a label: not a run of the web's own
 * Chinese table (a label the web forgot to translate) and not a run of a Chinese message the server
 * rendered from it (a label the server sent). Labels are found by the English table's text.
 */

let h: Harness;
const RUN = Date.now().toString(36).slice(-5).toUpperCase();
const VILLAGE = '140404001200';
const en = enUS;
const [zhang] = (
  JSON.parse(fs.readFileSync(path.join(ROOT, 'test/fixtures/certificates/residents.json'), 'utf8')) as {
    residents: { name: string; idNumber: string; phone: string }[];
  }
).residents;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

const CJK = /[\u4e00-\u9fff]+/g;
const HAS_CJK = /[\u4e00-\u9fff]/;
/**
 * The Chinese table's entries as patterns (placeholders match anything) with their own Chinese runs (what a
 * placeholder was filled with is data); entries without Chinese are left out.
 */
const LABELS = Object.values(zhCN)
  .filter((v) => HAS_CJK.test(v))
  .map((v) => ({
    pattern: new RegExp(`^${v.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{\w+\}/g, '[^]*')}$`),
    runs: v.replace(/\{\w+\}/g, ' ').match(CJK) ?? [],
  }));
/** The strings of a JSON answer. */
const strings = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(strings) : [];
/** The language switch names the other language. */
const OWN = ['中文'];
/** Left out of the check: the printed certificate's preview is Chinese in every UI language (the sheet is printed in Chinese). */
const CHINESE_BY_DESIGN = ['[data-testid="template-preview"]'];

/**
 * Records the API's JSON answers of a page and returns a check, the Chinese runs on the page that are
 * (1) not in any answer (a label of the web's Chinese table), or (2) the table's own words in a string the
 * server rendered from it (a label or message sent instead of a code) and in no data; none expected.
 */
function englishCheck(page: Page) {
  const sent = new Set<string>();
  /** Sent strings that are no rendering of the Chinese table: data. */
  const data = new Set<string>();
  const labelRuns = new Set<string>();
  page.on('response', (r) => {
    if (!r.url().includes('/api/') || !(r.headers()['content-type'] ?? '').includes('json')) return;
    r.json().then(
      (body: unknown) => {
        for (const s of strings(body)) {
          if (!HAS_CJK.test(s) || sent.has(s)) continue;
          sent.add(s);
          const labels = LABELS.filter((l) => l.pattern.test(s));
          if (!labels.length) data.add(s);
          for (const l of labels) for (const run of l.runs) labelRuns.add(run);
        }
      },
      () => undefined,
    );
  });
  return async () => {
    const text = await page.evaluate((skip) => {
      let all = document.body.innerText;
      for (const el of document.querySelectorAll<HTMLElement>(skip.join(','))) all = all.replace(el.innerText, ' ');
      return all;
    }, CHINESE_BY_DESIGN);
    const within = (strings: Set<string>, run: string) => [...strings].some((d) => d.includes(run));
    const runs = [...new Set(text.match(CJK) ?? [])].filter((r) => !OWN.includes(r));
    // A label's run that is also part of data (a catalog title, a person's name) is data there.
    // Each run with a little of its context, so a failure says where it is.
    return runs
      .filter((r) => !within(sent, r) || (labelRuns.has(r) && !within(data, r)))
      .map((r) => text.slice(Math.max(0, text.indexOf(r) - 30), text.indexOf(r) + r.length + 30));
  };
}

/** A signed-in page in English. */
async function english(username: string) {
  const p = await h.newPage(DESKTOP);
  // Listening from the start: an answer the browser revalidates later (304) comes without a body.
  const notEnglish = englishCheck(p.page);
  await signIn(p.page, username);
  await p.page.evaluate(() => window.localStorage.setItem('jianfu.locale', 'en-US'));
  return { ...p, notEnglish };
}

/** JSON calls to the API as the page's user (with the session's CSRF token); throws unless 200. */
async function api(page: Page) {
  const me = await (await page.request.get('/api/auth/me')).json();
  const headers = { 'X-CSRF-Token': String(me.csrfToken) };
  const call = async (method: 'get' | 'post', url: string, data?: unknown) => {
    const res = await page.request[method](url, { headers, ...(data === undefined ? {} : { data }) });
    if (res.status() !== 200) throw new Error(`${method} ${url}: ${res.status()} ${await res.text()}`);
    return res.json();
  };
  return { get: (url: string) => call('get', url), post: (url: string, data: unknown) => call('post', url, data) };
}

/** The page is English (bar data), then audited. */
async function checked(page: Page, notEnglish: () => Promise<string[]>, state?: string) {
  await expect.poll(notEnglish, { timeout: 10_000 }).toEqual([]);
  await h.audit(page, state);
}

/**
 * Picks an option of an antd Select found by its label (typing `search` first when given) and waits until
 * the field shows it (`shown`, when the chosen tag reads otherwise); a click lost while the dropdown
 * settles is retried.
 */
async function choose(page: Page, label: string, option: string, opts: { search?: string; shown?: string } = {}) {
  const input = page.getByLabel(label, { exact: true });
  const field = page.locator('.ant-form-item', { has: input });
  for (let attempt = 1; ; attempt++) {
    await input.click();
    if (opts.search) await input.fill(opts.search);
    const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    try {
      // The dropdown opens with its list still settling (as in admission.e2e.ts): a click too early is lost.
      await item.waitFor({ timeout: 10_000 });
      await page.waitForTimeout(250);
      await item.click({ timeout: 5_000 });
      await field.locator('.ant-select-content', { hasText: opts.shown ?? option }).waitFor({ timeout: 2_000 });
      return;
    } catch (err) {
      if (attempt === 3) throw err;
      await page.keyboard.press('Escape');
    }
  }
}

/** YYYY-MM-DD in Beijing time, `days` from today. */
const day = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

async function fillDate(page: Page, label: string, value: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(value);
  await input.press('Enter');
}

/** Opens the request from the review queue and approves it (with conditions when given). */
async function approve(page: Page, notEnglish: () => Promise<string[]>, title: string, conditions?: string) {
  await page.goto('/admission/review');
  const queue = page.getByTestId('review-queue');
  await queue.getByRole('link', { name: title }).waitFor();
  await checked(page, notEnglish);
  await queue.getByRole('link', { name: title }).click();
  const panel = page.getByTestId('decision-panel');
  await panel.waitFor();
  await checked(page, notEnglish, 'deciding');
  const choice = conditions ? en['admission.decide.approveWithConditions'] : en['admission.decide.approve'];
  await panel
    .locator('label.ant-radio-wrapper')
    .filter({ hasText: new RegExp(`^${choice}$`) })
    .click();
  if (conditions) await panel.getByLabel(en['admission.decide.conditions'], { exact: true }).fill(conditions);
  await panel.getByTestId('decision-submit').click();
  await page.getByText(en['admission.decide.done']).waitFor();
}

/** Rows of every category whose suggestions differ: allowed, inside-only and other boards; a statutory and an unfounded mechanism; a duty, an assistance and a prohibited affair; a positive and a negative certificate. */
const LEDGER_ROWS = [
  { category: 'sign', name: '韩店村民委员会', imposedBy: '韩店街道办事处', fields: { position: 'outside' } },
  { category: 'sign', name: '韩店村党群服务中心', imposedBy: '区委组织部', fields: { position: 'inside' } },
  { category: 'sign', name: '韩店村禁毒工作站', imposedBy: '区禁毒委', fields: { position: 'outside' } },
  {
    category: 'mechanism',
    name: '人民调解委员会',
    imposedBy: '韩店村民委员会',
    basis: '《人民调解法》',
    fields: { dedicatedPost: false, staffBy: 'village', fundedBy: 'village', effective: true, villagersAccept: true },
  },
  {
    category: 'mechanism',
    name: '网格化服务管理工作站',
    imposedBy: '区委政法委',
    fields: { dedicatedPost: true, staffBy: 'village', fundedBy: 'village', effective: true, villagersAccept: true },
  },
  { category: 'work_affair', name: '村务公开', imposedBy: '韩店街道办事处', fields: {} },
  { category: 'work_affair', name: '协助做好社会救助', imposedBy: '长治市上党区民政局', fields: {} },
  { category: 'work_affair', name: '招商引资任务', imposedBy: '区商务局', fields: {} },
  { category: 'certificate', name: '亲属关系证明', imposedBy: '某商业银行', fields: { volumeLastYear: 30 } },
  { category: 'certificate', name: '入党外调政审证明', imposedBy: '区委组织部', fields: { volumeLastYear: 4 } },
];

describe('the English UI shows no Chinese from the server but data', () => {
  it('admission: filing with the live pre-check, the request page, review, the admitted list and the public page', async () => {
    const title = `秸秆禁烧网格巡查专项任务${RUN}`;
    const conditions = '巡查日志由网格员填报，不得要求村干部代填';
    await declareCatalogsComplete(h);

    const dept = await english('demo-department');
    await dept.page.goto('/admission/requests');
    await dept.page.getByTestId('new-request').waitFor();
    await checked(dept.page, dept.notEnglish);
    await dept.page.getByTestId('new-request').click();
    await dept.page.waitForURL(/\/admission\/requests\/new$/);
    await dept.page.getByLabel(en['admission.form.title'], { exact: true }).fill(title);
    await dept.page.getByLabel(en['admission.form.description'], { exact: true }).fill('秋收期间协助开展秸秆禁烧巡查');
    await dept.page.getByLabel(en['admission.form.basisDocument'], { exact: true }).fill('长治市大气污染防治工作方案');
    await dept.page.getByLabel(en['admission.form.basisArticle'], { exact: true }).fill('第三条');
    await choose(dept.page, en['admission.form.basisLevel'], en['admission.basisLevel.local']);
    await choose(dept.page, en['admission.form.targets'], '140404000000', { search: '上党区', shown: '上党区' });
    await dept.page.keyboard.press('Escape');
    await fillDate(dept.page, en['admission.form.startsOn'], day(3));
    await fillDate(dept.page, en['admission.form.endsOn'], day(120));
    await dept.page.getByLabel(en['admission.form.fundingProvided'], { exact: true }).click();
    await dept.page.getByLabel(en['admission.form.fundingSource'], { exact: true }).fill('区级财政专项');
    await dept.page.getByLabel(en['admission.form.staffingProvided'], { exact: true }).click();
    await choose(dept.page, en['admission.form.kind'], en['admission.kind.special_task']);
    const live = dept.page.getByTestId('live-precheck');
    await live
      .getByTestId('finding-clause')
      .filter({ hasText: 'S-7.3' })
      .waitFor()
      .catch(async (e) => {
        await dept.page.screenshot({ path: '/tmp/adm-form.png', fullPage: true });
        throw e;
      });
    await expect(live.getByTestId('precheck-outcome').innerText()).resolves.toContain(
      en['admission.outcome.needs_government'],
    );
    await checked(dept.page, dept.notEnglish);
    await dept.page.getByTestId('submit-request').click();
    await dept.page.locator('.ant-popconfirm').getByRole('button', { name: en['admission.form.submit'] }).click();
    await dept.page.waitForURL(/\/admission\/requests\/(?!new$)[^/]+$/);
    const requestPath = new URL(dept.page.url()).pathname;
    await expect(dept.page.getByTestId('status-tag').first().innerText()).resolves.toBe(
      en['admission.status.in_review'],
    );
    await dept.page.getByTestId('timeline').getByText(en['admission.event.precheck']).waitFor();
    await checked(dept.page, dept.notEnglish);
    await h.screenshot(dept.page, 'admission-request-english-desktop');
    await dept.context.close();

    const district = await english('demo-district');
    await approve(district.page, district.notEnglish, title);
    await district.context.close();
    const approver = await english('demo-approver');
    await approve(approver.page, approver.notEnglish, title, conditions);
    await expect(approver.page.getByTestId('status-tag').first().innerText()).resolves.toBe(
      en['admission.status.approved'],
    );
    // The deciding body is named in English; the conditions are what the approver typed.
    await approver.page.getByText(en['admission.body.government'], { exact: false }).first().waitFor();
    await approver.page.getByTestId('timeline').getByText(conditions).waitFor();
    await checked(approver.page, approver.notEnglish, 'approved');
    await h.screenshot(approver.page, 'admission-approved-english-desktop');
    await approver.context.close();

    const village = await english('demo-village');
    await village.page.goto('/admission/admitted');
    await village.page.getByTestId('admitted-table').getByRole('link', { name: title }).waitFor();
    await checked(village.page, village.notEnglish);
    await village.page.goto(requestPath);
    await village.page.getByText(conditions).first().waitFor();
    await checked(village.page, village.notEnglish, 'village');
    await village.page.goto(`/public/admission?region=${VILLAGE}`);
    const card = village.page.getByTestId('public-decision').filter({ hasText: title });
    await card.waitFor();
    await expect(card.innerText()).resolves.toContain(en['admission.body.government']);
    await checked(village.page, village.notEnglish);
    expect(village.errors).toEqual([]);
    await village.context.close();
  });

  it('ledgers: a village ledger with rows of every category and the judge’s suggestions', async () => {
    // The district launches a campaign over 上党区 (one ledger per village, built by a job).
    const district = await h.newPage(DESKTOP);
    await signIn(district.page, 'demo-district');
    const asDistrict = await api(district.page);
    const created = await asDistrict.post('/api/campaigns', {
      name: `村级组织减负专项行动${RUN}`,
      regionCode: '140404000000',
      year: Number(day(0).slice(0, 4)),
    });
    await asDistrict.post(`/api/campaigns/${created.id}/launch`, { version: created.version });
    await expect
      .poll(async () => (await asDistrict.get(`/api/campaigns/${created.id}`)).launch?.status, { timeout: 60_000 })
      .toBe('succeeded');
    await district.context.close();

    const { context, page, errors, notEnglish } = await english('demo-village');
    await page.goto('/ledgers');
    await page.waitForURL(/\/ledgers\/[\w-]+(\?|$)/);
    const ledgerId = new URL(page.url()).pathname.split('/').pop()!;
    const asVillage = await api(page);
    for (const row of LEDGER_ROWS) await asVillage.post(`/api/ledgers/${ledgerId}/rows`, row);
    await page.reload();
    await page.getByTestId('ledger-status').waitFor();
    for (const c of ['sign', 'mechanism', 'work_affair', 'certificate']) {
      await page.getByTestId(`tab-${c}`).click();
      await page.getByTestId(`rows-${c}`).getByTestId('suggestion').first().waitFor();
      // Audited once, on the first tab (the route's audit; the other tabs share it).
      if (c === 'sign') await checked(page, notEnglish);
      else await expect.poll(notEnglish, { timeout: 10_000 }).toEqual([]);
    }
    // The suggestion's reason is worded in English from its key.
    await expect(page.getByTestId('rows-certificate').innerText()).resolves.toMatch(
      /must not issue|the village issues/,
    );
    await h.screenshot(page, 'ledger-english-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('certificates: the desk, the certificate page, the register and the refusal cases', async () => {
    const { context, page, errors, notEnglish } = await english('demo-village');
    await page.goto('/certificates/desk');
    const input = page.getByTestId('desk-query').locator('input');
    await input.fill('入党外调政审证明');
    await input.press('Enter');
    await page.getByTestId('desk-verdict').waitFor();
    await expect(page.getByTestId('verdict-title').innerText()).resolves.toBe(en['certificates.verdict.positive']);
    const form = page.getByTestId('issue-form');
    await form.getByLabel(en['certificates.form.holderName'], { exact: true }).fill(zhang.name);
    await form.getByLabel(en['certificates.form.idNumber'], { exact: true }).fill(zhang.idNumber);
    await form.getByLabel(en['certificates.form.phone'], { exact: true }).fill(zhang.phone);
    await form.getByLabel(en['certificates.form.purpose'], { exact: true }).fill('发展党员政治审查');
    await form.getByLabel(en['certificates.form.demander'], { exact: true }).fill('中共某某大学委员会组织部');
    await form.getByLabel(en['certificates.form.facts'], { exact: true }).fill('系本村村民，现实表现良好');
    await form.getByLabel(en['certificates.form.signer'], { exact: true }).fill('刘主任');
    await checked(page, notEnglish);
    await form.getByTestId('issue-submit').click();
    await page.waitForURL(/\/certificates\/(?!desk$)[^/]+$/);
    await page.getByTestId('cert-serial').waitFor();
    await checked(page, notEnglish);
    await h.screenshot(page, 'certificate-english-desktop');

    await page.goto('/certificates/desk');
    await input.fill('亲属关系证明');
    await input.press('Enter');
    await expect(page.getByTestId('verdict-title').innerText()).resolves.toBe(en['certificates.verdict.negative']);
    await page.getByTestId('alternative').waitFor();
    await checked(page, notEnglish, 'negative');

    await page.goto('/certificates/register');
    await page.getByTestId('register-table').locator('.ant-table-row').first().waitFor();
    await checked(page, notEnglish);
    expect(errors).toEqual([]);
    await context.close();
  });
});
