import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, ROOT, SCREENSHOTS, signIn, startHarness, type Harness } from './harness.js';

/**
 * Browser journeys of the certificate desk (issue 5): (c) a positive-list certificate issued at the
 * desk, printed (Chromium prints the A4 view to PDF), verified on the public /verify/<code> page, then
 * revoked and shown as revoked; (d) a negative-list request gets a refusal slip with the alternative
 * channel (labelled 平台指引 where it is the platform's guidance). Serial numbers are read from the
 * page, so the journeys also run on a database that outlives one run (E2E_DATABASE_URL).
 */

const { residents } = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'test/fixtures/certificates/residents.json'), 'utf8'),
) as {
  residents: { name: string; idNumber: string; phone: string }[];
};
const [zhang, li] = residents;

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** Switches a signed-in page to the phone layout and waits until it has re-flowed (menu in a drawer). */
async function toPhone(page: Page) {
  await page.setViewportSize(PHONE);
  await page.getByTestId('menu-toggle').waitFor();
  await page.waitForTimeout(300);
}

async function toDesktop(page: Page) {
  await page.setViewportSize(DESKTOP);
  await page.getByTestId('side-menu').waitFor();
  await page.waitForTimeout(300);
}

async function expectNoHorizontalOverflow(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
}

async function matchAtDesk(page: Page, q: string) {
  await page.goto('/certificates/desk');
  const input = page.getByTestId('desk-query').locator('input');
  await input.fill(q);
  await input.press('Enter');
  await page.getByTestId('desk-verdict').waitFor();
}

/** Prints the current page to an A4 PDF under e2e/screenshots/ and returns its bytes. */
async function printPdf(page: Page, name: string) {
  const file = path.join(SCREENSHOTS, `${name}.pdf`);
  const pdf = await page.pdf({ path: file, format: 'A4', printBackground: true });
  return pdf;
}

const pdfPages = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;

describe('certificate desk in the browser', () => {
  it('(c) issues a positive-list certificate, prints it to an A4 PDF, verifies it publicly, and shows it revoked after revocation', async () => {
    const { context, page, errors } = await h.newPage(DESKTOP);
    await signIn(page, 'demo-village');
    await matchAtDesk(page, '入党外调政审证明');
    await expect(page.getByTestId('desk-verdict').getAttribute('data-verdict')).resolves.toBe('positive');
    await expect(page.getByTestId('verdict-title').innerText()).resolves.toContain('可以出具');
    await page.getByText('SX-CERT-2023-02').first().waitFor();

    const form = page.getByTestId('issue-form');
    await form.getByLabel('申请人姓名').fill(zhang.name);
    await form.getByLabel('公民身份号码').fill(zhang.idNumber);
    await form.getByLabel('联系电话').fill(zhang.phone);
    await form.getByLabel('用途').fill('发展党员政治审查');
    await form.getByLabel('要求出具的单位').fill('中共某某大学委员会组织部');
    await form.getByLabel('证明内容').fill('系本村村民，户籍在本村，现实表现良好，无违法违纪记录');
    await form.getByLabel('签发人').fill('刘主任');
    // The preview fills the template as the cadre types.
    await expect(page.getByTestId('template-preview').innerText()).resolves.toContain('现实表现良好');
    await h.screenshot(page, 'certificate-desk-desktop');
    await toPhone(page);
    await expectNoHorizontalOverflow(page);
    await h.screenshot(page, 'certificate-desk-phone');
    await toDesktop(page);

    await form.getByTestId('issue-submit').click();
    await page.waitForURL(/\/certificates\/(?!desk$)[^/]+$/);
    const certPath = new URL(page.url()).pathname;
    const serial = (await page.getByTestId('cert-serial').innerText()).trim();
    expect(serial).toMatch(/^140404001200-\d{4}-\d{4}$/);
    // Masked on the record page: never the clear ID number or phone.
    await expect(page.getByTestId('holder-id').innerText()).resolves.toBe('1404**********2013');
    await expect(page.getByTestId('holder-phone').innerText()).resolves.toBe('138****1234');
    expect(await page.locator('body').innerText()).not.toContain(zhang.idNumber);
    await h.audit(page);

    // The A4 print view: clear name and ID number, serial, QR code and verification code; Chromium prints it.
    await page.getByTestId('print-link').click();
    await page.waitForURL(/\/print$/);
    const sheet = page.getByTestId('print-sheet');
    await sheet.waitFor();
    const sheetText = await sheet.innerText();
    expect(sheetText).toContain(serial);
    expect(sheetText).toContain(zhang.idNumber);
    expect(sheetText).toContain('入党外调政审等发展党员证明');
    expect(sheetText).toContain('韩店村委会（盖章）');
    expect(await sheet.locator('svg').count()).toBeGreaterThan(0);
    const code = (await sheet.getByTestId('print-code').innerText()).trim();
    expect(code).toMatch(/^[A-Za-z0-9_-]{20,64}$/);
    expect(sheetText).toContain(`${h.baseUrl}/verify/${code}`);
    const pdf = await printPdf(page, 'certificate-a4');
    expect(pdf.length).toBeGreaterThan(0);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfPages(pdf)).toBe(1);
    await h.screenshot(page, 'certificate-print-desktop');
    await toPhone(page);
    await expectNoHorizontalOverflow(page);
    await h.screenshot(page, 'certificate-print-phone');
    await toDesktop(page);

    // Anyone can verify it (no login), on a phone.
    const visitor = await h.newPage(PHONE);
    await visitor.page.goto(`/verify/${code}`);
    await expect(visitor.page.getByTestId('verify-status').innerText()).resolves.toBe('证明有效');
    const shown = await visitor.page.getByTestId('verify-result').innerText();
    expect(shown).toContain(serial);
    expect(shown).toContain('韩店村委会');
    expect(shown).toContain('入党外调政审等发展党员证明');
    expect(shown).toContain('张*');
    expect(shown).not.toContain(zhang.name);
    expect(shown).not.toContain(zhang.idNumber);
    await expectNoHorizontalOverflow(visitor.page);
    await h.screenshot(visitor.page, 'verify-valid-phone');
    await visitor.page.setViewportSize(DESKTOP);
    await h.screenshot(visitor.page, 'verify-valid-desktop');

    // Revoked with a reason; the public page then says so.
    await page.goto(certPath);
    await page.getByTestId('revoke-button').click();
    await page.getByTestId('revoke-reason').fill('申请人提供的情况与事实不符');
    await page.getByTestId('revoke-confirm').click();
    await page.getByTestId('cert-status').filter({ hasText: '已撤销' }).waitFor();
    await page.getByTestId('print-link').waitFor({ state: 'detached' });

    await visitor.page.setViewportSize(PHONE);
    await visitor.page.reload();
    await expect(visitor.page.getByTestId('verify-status').innerText()).resolves.toBe('证明已撤销');
    await h.screenshot(visitor.page, 'verify-revoked-phone');

    // An unknown code gets a plain Chinese answer.
    await visitor.page.goto('/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAA');
    await visitor.page.getByText('未找到该证明').waitFor();
    await h.screenshot(visitor.page, 'verify-unknown-phone');
    expect(visitor.errors).toEqual([]);
    await visitor.context.close();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('(d) a negative-list request (亲属关系证明) prints a refusal slip with the alternative channel', async () => {
    const { context, page, errors } = await h.newPage(PHONE);
    await signIn(page, 'demo-village');
    await matchAtDesk(page, '亲属关系证明');
    await expect(page.getByTestId('desk-verdict').getAttribute('data-verdict')).resolves.toBe('negative');
    await expect(page.getByTestId('verdict-title').innerText()).resolves.toContain('不应出具');
    const alternative = page.getByTestId('alternative');
    await expect(alternative.innerText()).resolves.toContain('平台指引');
    await expect(alternative.innerText()).resolves.toContain('公安');
    // Only the refusal is offered: no issue form.
    expect(await page.getByTestId('issue-form').count()).toBe(0);
    await expectNoHorizontalOverflow(page);
    await h.screenshot(page, 'certificate-desk-negative-phone');

    const form = page.getByTestId('refuse-form');
    await form.getByLabel('申请人姓名（可选）').fill(li.name);
    await form.getByLabel('用途').fill('办理存款继承');
    await form.getByLabel('要求出具的单位').fill('某某银行长治分行');
    await form.getByLabel('单位类型').click();
    await page.waitForTimeout(250);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '银行' }).first().click();
    await form.getByTestId('refuse-submit').click();
    await page.waitForURL(/\/certificates\/refusals\/[^/]+$/);

    const slip = page.getByTestId('case-sheet');
    await slip.waitFor();
    const text = await slip.innerText();
    expect(text).toContain('不予出具证明告知单');
    expect(text).toContain('亲属关系证明');
    expect(text).toContain('不应出具');
    expect(text).toContain('平台指引');
    expect(text).toContain('公安');
    expect(text).toContain('李*英');
    expect(text).not.toContain(li.name);
    await expectNoHorizontalOverflow(page);
    await h.screenshot(page, 'certificate-refusal-phone');
    await toDesktop(page);
    await h.screenshot(page, 'certificate-refusal-desktop');
    const pdf = await printPdf(page, 'refusal-slip-a4');
    expect(pdf.length).toBeGreaterThan(0);
    expect(pdfPages(pdf)).toBe(1);

    // The named bank's demand is now evidence, counted per demander.
    await page.goto('/certificates/demands');
    const counts = page.getByTestId('demand-counts');
    await counts.locator('tr', { hasText: '某某银行长治分行' }).waitFor();
    await h.audit(page);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('the register lists certificates masked and exports them', async () => {
    const { context, page, errors } = await h.newPage(DESKTOP);
    await signIn(page, 'demo-township');
    await page.goto('/certificates/register');
    const table = page.getByTestId('register-table');
    await table.locator('.ant-table-row').first().waitFor();
    const text = await table.innerText();
    expect(text).toMatch(/1404\*{10}\d{3}[\dX]/);
    for (const r of residents) {
      expect(text).not.toContain(r.idNumber);
      expect(text).not.toContain(r.phone);
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('register-export').click()]);
    expect(download.suggestedFilename()).toMatch(/证明开具台账.*\.xlsx$/);
    await h.screenshot(page, 'certificate-register-desktop');
    expect(errors).toEqual([]);
    await context.close();
  });
});
