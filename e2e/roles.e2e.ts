import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, menuLabels, signIn, signOut, startHarness, type Harness } from './harness.js';

/** Every menu label the signed-in layout can show today. */
const ALL_MENU = ['工作台', '区划管理', '区划树', '用户管理', '角色授权', '审计日志'];
const BUSINESS_MENU = ['工作台', '区划管理', '区划树'];

/** Each demo account and exactly the Chinese menu it must see (and where it lands). */
const ACCOUNTS: { username: string; menu: string[]; landing: string; heading: string }[] = [
  { username: 'demo-district', menu: BUSINESS_MENU, landing: '/home', heading: '工作台' },
  { username: 'demo-approver', menu: BUSINESS_MENU, landing: '/home', heading: '工作台' },
  { username: 'demo-township', menu: BUSINESS_MENU, landing: '/home', heading: '工作台' },
  { username: 'demo-village', menu: BUSINESS_MENU, landing: '/home', heading: '工作台' },
  { username: 'demo-department', menu: BUSINESS_MENU, landing: '/home', heading: '工作台' },
  { username: 'demo-sysadmin', menu: ['区划管理', '区划树', '用户管理'], landing: '/regions', heading: '区划树' },
  { username: 'demo-secadmin', menu: ['区划管理', '区划树', '用户管理', '角色授权'], landing: '/regions', heading: '区划树' },
  { username: 'demo-auditor', menu: ['审计日志'], landing: '/audit', heading: '审计日志' },
];

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

describe('sign-in and menus per role (zh-CN)', () => {
  it.each(ACCOUNTS)('$username sees exactly its menu at 1366 px and 375 px', async ({ username, menu, landing, heading }) => {
    const { context, page, errors } = await h.newPage(DESKTOP);
    try {
      await signIn(page, username);
      await page.waitForURL((u) => u.pathname === landing);
      await page.locator('h4', { hasText: heading }).first().waitFor();

      const desktop = await menuLabels(page, 'side-menu');
      expect([...desktop].sort()).toEqual([...menu].sort());
      for (const other of ALL_MENU.filter((m) => !menu.includes(m))) expect(desktop).not.toContain(other);
      await page.waitForLoadState('networkidle');
      await h.screenshot(page, `${username}-desktop`);

      await page.setViewportSize(PHONE);
      await page.getByTestId('menu-toggle').waitFor();
      await page.getByTestId('side-menu').waitFor({ state: 'detached' });
      await page.waitForLoadState('networkidle');
      await h.screenshot(page, `${username}-phone`);
      // Page content must not overflow the phone's width (tables scroll inside their own box).
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);

      await page.getByTestId('menu-toggle').click();
      const phone = await menuLabels(page, 'drawer-menu');
      expect([...phone].sort()).toEqual([...menu].sort());
      await h.screenshot(page, `${username}-phone-menu`);
      await page.keyboard.press('Escape');

      await page.setViewportSize(DESKTOP);
      await signOut(page);
      expect(errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  it('shows 用户名或密码错误 inline for a wrong password', async () => {
    const { context, page } = await h.newPage(DESKTOP);
    try {
      await page.goto('/login');
      await page.getByText('村级组织减负工作平台').first().waitFor();
      await page.getByLabel('用户名').fill('demo-village');
      await page.getByLabel('密码', { exact: true }).fill('not-the-password');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      const alert = page.getByTestId('login-error');
      await alert.waitFor();
      expect(await alert.innerText()).toContain('用户名或密码错误');
      expect(new URL(page.url()).pathname).toBe('/login');
      await h.screenshot(page, 'login-wrong-password-desktop');
      await page.setViewportSize(PHONE);
      await h.screenshot(page, 'login-wrong-password-phone');
    } finally {
      await context.close();
    }
  });

  it('lets the auditor verify the audit chain and see it intact', async () => {
    const { context, page } = await h.newPage(DESKTOP);
    try {
      await signIn(page, 'demo-auditor');
      await page.waitForURL((u) => u.pathname === '/audit');
      await page.locator('.ant-table-row').first().waitFor();
      await page.getByTestId('verify-chain').click();
      const result = page.getByTestId('verify-result');
      await result.waitFor();
      const text = await result.innerText();
      expect(text).toContain('审计链完整');
      expect(text).toMatch(/已校验 \d+ 条记录/);
      // Expand the newest row: its before/after JSON and hashes are shown.
      await page.locator('.ant-table-row-expand-icon').first().click();
      await page.getByText('本条哈希（SM3）', { exact: false }).first().waitFor();
      await h.screenshot(page, 'audit-verified-desktop');
      await page.setViewportSize(PHONE);
      await page.waitForTimeout(300);
      await h.screenshot(page, 'audit-verified-phone');
    } finally {
      await context.close();
    }
  });
});
