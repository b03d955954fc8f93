import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, SCREENSHOTS, signIn, startHarness, type Harness } from './harness.js';

/**
 * Accessibility journeys (issue 16): keyboard only through the public certificate check and the
 * certificate desk, 关怀模式 (care mode) remembered and readable at 375 px, the browser's font-size
 * setting and 200 % zoom on the public pages, and the accessibility statement behind every footer.
 * Every page visited here is also audited with axe-core by the harness (both widths, both modes).
 */

const VILLAGE = '140404001200'; // 韩店村委会

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** What has focus: tag, id, test id, role and label, for assertions and failure messages. */
async function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    const input = el as HTMLInputElement | null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      testId: el?.getAttribute('data-testid') ?? '',
      role: el?.getAttribute('role') ?? '',
      label: (input?.labels?.[0]?.textContent ?? el?.getAttribute('aria-label') ?? '').trim(),
      text: (el?.textContent ?? '').trim().slice(0, 80),
    };
  });
}

/**
 * Presses Tab (or `key`) until the focused element satisfies `match`, and fails if that takes more
 * than `max` presses: the control is reachable from the keyboard, in a sensible number of steps.
 */
async function tabTo(
  page: Page,
  match: (f: Awaited<ReturnType<typeof focused>>) => boolean,
  what: string,
  max = 30,
  key = 'Tab',
) {
  const seen: string[] = [];
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press(key);
    const f = await focused(page);
    if (match(f)) return i;
    seen.push(`${f.tag}#${f.id}[${f.testId || f.label || f.text}]`);
  }
  throw new Error(`${what} not reached with ${max} × ${key}; focus went: ${seen.join(' → ')}`);
}

const noHorizontalScroll = (page: Page) =>
  page.evaluate(() => document.scrollingElement!.scrollWidth <= window.innerWidth);

describe('keyboard only', () => {
  it('asks the public check about 亲属关系证明, hears the answer and reaches the alternative channel', async () => {
    const { context, page, errors } = await h.newPage(PHONE);
    try {
      await page.goto('/public/check');
      await page.getByTestId('check-submit').waitFor();
      await h.audit(page);
      // The first Tab reaches the skip link; it takes focus to the page's main content.
      await page.keyboard.press('Tab');
      expect(await focused(page)).toMatchObject({ tag: 'a', text: '跳到主要内容' });
      await page.keyboard.press('Enter');
      expect((await focused(page)).id).toBe('main-content');
      // The example chips are buttons: the first one fills in 亲属关系证明.
      await tabTo(page, (f) => f.testId === 'check-example' && f.text === '亲属关系证明', 'the 亲属关系证明 example');
      await page.keyboard.press('Enter');
      expect(await page.getByLabel('证明名称', { exact: true }).inputValue()).toBe('亲属关系证明');
      await tabTo(page, (f) => f.label === '所在村（社区）', 'the village code input');
      await page.keyboard.type(VILLAGE);
      await tabTo(page, (f) => f.testId === 'check-submit', 'the 查询 button');
      await page.keyboard.press('Enter');

      // The answer is announced: focus moves to the verdict, and the status region says it in a sentence.
      await page.getByTestId('check-result').waitFor();
      await expect.poll(async () => (await focused(page)).id).toBe('check-verdict-heading');
      expect((await focused(page)).text).toContain('不应由村（社区）开具');
      const live = page.getByTestId('check-announcement');
      expect(await live.getAttribute('role')).toBe('status');
      await expect.poll(() => live.innerText()).toContain('查询结果：不应由村（社区）开具');
      expect(await live.innerText()).toContain('亲属关系证明');

      // The next Tab stop is where to go instead.
      const presses = await tabTo(page, (f) => f.testId === 'check-alternative', 'the alternative channel', 3);
      expect(presses).toBe(1);
      const where = await page.getByTestId('check-alternative').innerText();
      expect(where).toContain('应该去哪里办');
      expect(where).toMatch(/公安机关|户籍管理部门/);
      await h.audit(page, 'answered');
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('refuses 亲属关系证明 at the certificate desk with the keyboard alone', async () => {
    const { context, page, errors } = await h.newPage(DESKTOP);
    try {
      await page.goto('/login');
      await page.getByLabel('用户名').waitFor();
      // Signing in: the user name field has focus on arrival.
      expect((await focused(page)).label).toBe('用户名');
      await page.keyboard.type('demo-village');
      await page.keyboard.press('Tab');
      await page.keyboard.type(process.env.JIANFU_DEMO_PASSWORD ?? 'Jianfu@2023');
      await page.keyboard.press('Enter');
      await page.getByTestId('user-menu').waitFor();
      await page.goto('/certificates/desk');
      await page.locator('#desk-query-input').waitFor();
      await page.keyboard.press('Tab');
      expect((await focused(page)).text).toBe('跳到主要内容');
      await page.keyboard.press('Enter');
      await tabTo(page, (f) => f.id === 'desk-query-input', 'the question');
      await page.keyboard.type('亲属关系证明');
      await page.keyboard.press('Enter');
      // The verdict takes focus (and is an alert): read out at once.
      await page.getByTestId('desk-verdict').waitFor();
      await expect.poll(async () => (await focused(page)).testId).toBe('verdict-title');
      expect((await focused(page)).text).toContain('不应出具');
      expect(await page.getByTestId('desk-verdict').locator('[role=alert]').count()).toBeGreaterThan(0);
      await h.audit(page, 'verdict');

      await tabTo(page, (f) => f.label === '用途', 'the purpose');
      await page.keyboard.type('办理存款继承');
      await tabTo(page, (f) => f.label === '要求出具的单位', 'the demanding body', 3);
      await page.keyboard.type('某某银行长治分行');
      await tabTo(page, (f) => f.label === '单位类型', 'the kind of body', 3);
      await page.keyboard.press('ArrowDown');
      const active = page.locator('.ant-select-dropdown .ant-select-item-option-active');
      for (let i = 0; i < 12 && !(await active.innerText().catch(() => '')).includes('银行'); i++)
        await page.keyboard.press('ArrowDown');
      expect(await active.innerText()).toContain('银行');
      await page.keyboard.press('Enter');
      await tabTo(page, (f) => f.testId === 'refuse-submit', 'the refusal button');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/certificates\/refusals\/[^/]+$/);
      const slip = page.getByTestId('case-sheet');
      await slip.waitFor();
      expect(await slip.innerText()).toContain('不予出具证明告知单');
      await h.audit(page);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

describe('关怀模式 and text size', () => {
  it('switches 关怀模式 from the header, remembers it, and reads large at 375 px without sideways scrolling', async () => {
    const { context, page, errors } = await h.newPage(PHONE);
    try {
      await page.goto('/public/check');
      const sw = page.getByTestId('care-switch');
      await sw.waitFor();
      expect(await sw.getAttribute('aria-pressed')).toBe('false');
      // Reached by keyboard from the top of the page: skip link, then the switch.
      await tabTo(page, (f) => f.testId === 'care-switch', 'the 关怀模式 switch', 3);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => document.documentElement.dataset.theme === 'care');
      expect(await sw.getAttribute('aria-pressed')).toBe('true');
      await page.reload();
      await page.getByTestId('care-switch').waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('care');

      await page.goto(`/public/check?region=${VILLAGE}&q=${encodeURIComponent('亲属关系证明')}`);
      await page.locator('[data-testid="check-result"][data-verdict="negative"]').waitFor();
      const sizes = await page.evaluate(() => ({
        root: parseFloat(getComputedStyle(document.documentElement).fontSize),
        input: parseFloat(getComputedStyle(document.querySelector('#check-query-input')!).fontSize),
        answer: parseFloat(getComputedStyle(document.querySelector('[data-testid="check-alternative"]')!).fontSize),
        verdict: parseFloat(getComputedStyle(document.querySelector('#check-verdict-heading')!).fontSize),
      }));
      console.log(`关怀模式 public check at 375 px: ${JSON.stringify(sizes)}`);
      expect(sizes.root).toBe(20);
      expect(sizes.answer).toBeGreaterThanOrEqual(18);
      expect(sizes.input).toBeGreaterThanOrEqual(18);
      expect(sizes.verdict).toBeGreaterThanOrEqual(24);
      expect(await noHorizontalScroll(page)).toBe(true);
      await h.screenshot(page, 'care-public-check-phone');
      await page.screenshot({ path: path.join(SCREENSHOTS, 'care-public-check-phone-full.png'), fullPage: true });
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('follows the browser font setting (200 %) and reflows at 200 % zoom on the login and public pages', async () => {
    const pages = [
      '/login',
      '/public/check',
      `/public/catalogs?region=${VILLAGE}`,
      '/public/admission',
      '/verify',
      '/accessibility',
    ];
    // The browser's default font size set to 32 px (200 %): text in rem and antd's tokens grow with it.
    const big = await h.newPage(DESKTOP);
    try {
      const cdp = await big.context.newCDPSession(big.page);
      await cdp.send('Page.setFontSizes', { fontSizes: { standard: 32, fixed: 26 } });
      await big.page.goto('/login');
      await big.page.getByLabel('用户名').waitFor();
      const login = await big.page.evaluate(() => ({
        root: parseFloat(getComputedStyle(document.documentElement).fontSize),
        input: parseFloat(getComputedStyle(document.querySelector('input#username, form input')!).fontSize),
        h1: parseFloat(getComputedStyle(document.querySelector('h1')!).fontSize),
      }));
      console.log(`login page at a 32 px browser font: ${JSON.stringify(login)}`);
      expect(login.root).toBe(32);
      expect(login.input).toBeGreaterThanOrEqual(30);
      expect(login.h1).toBeGreaterThanOrEqual(60);
      expect(await noHorizontalScroll(big.page)).toBe(true);
      // A picture only: the pages are audited at the browser's default font size (the other journeys).
      await big.page.screenshot({ path: path.join(SCREENSHOTS, 'login-font-200-desktop.png') });
      expect(big.errors).toEqual([]);
    } finally {
      await big.context.close();
    }
    // 200 % zoom of a 1366 px window: 683 CSS px wide; nothing may need sideways scrolling.
    const zoomed = await h.newPage({ width: 683, height: 400 });
    try {
      for (const p of pages) {
        await zoomed.page.goto(p);
        await zoomed.page.locator('main h1').waitFor();
        await zoomed.page.waitForLoadState('networkidle');
        expect(await noHorizontalScroll(zoomed.page), `${p} at 200 % zoom`).toBe(true);
        await h.audit(zoomed.page);
      }
      await h.screenshot(zoomed.page, 'statement-zoom-200');
      expect(zoomed.errors).toEqual([]);
    } finally {
      await zoomed.context.close();
    }
  });
});

describe('accessibility statement', () => {
  it('is linked from the footer of the login page, the public pages and the signed-in pages', async () => {
    const { context, page, errors } = await h.newPage(DESKTOP);
    try {
      await page.goto('/login');
      await page.locator('footer').getByRole('link', { name: '无障碍声明' }).click();
      await page.waitForURL(/\/accessibility$/);
      await page.locator('main h1', { hasText: '无障碍声明' }).waitFor();
      const text = await page.getByTestId('accessibility-statement').innerText();
      expect(text).toContain('GB/T 37668-2019');
      expect(text).toContain('12345');
      expect(text).toContain('关怀模式');
      await h.screenshot(page, 'accessibility-statement-desktop');
      await page.goto('/public/check');
      await page.locator('footer').getByRole('link', { name: '无障碍声明' }).waitFor();
      await signIn(page, 'demo-village');
      await page.locator('footer').getByRole('link', { name: '无障碍声明' }).waitFor();
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });
});
