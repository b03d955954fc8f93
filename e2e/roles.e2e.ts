import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, menuLabels, signIn, signOut, startHarness, type Harness } from './harness.js';

/** The administrators' consoles: no business role may see them, and administrators see nothing else. */
const ADMIN_MENU = ['用户管理', '角色授权', '审计日志'];
const BUSINESS_COMMON = ['工作台', '区划管理', '区划树', '目录管理', '目录浏览'];

/**
 * Each demo account: the Chinese menu items it must see and those it must not (business menus grow
 * with every feature, so they are checked by inclusion and exclusion; the 三员 menus are exact).
 */
const ACCOUNTS: {
  username: string;
  see: string[];
  notSee: string[];
  exact?: boolean;
  landing: string;
  heading: string;
}[] = [
  {
    username: 'demo-district',
    see: [...BUSINESS_COMMON, '目录调整', '准入审核', '条目查询'],
    notSee: [...ADMIN_MENU, '证明开具', '准入申请'],
    landing: '/home',
    heading: '工作台',
  },
  {
    username: 'demo-approver',
    see: [...BUSINESS_COMMON, '准入审核'],
    notSee: [...ADMIN_MENU, '证明开具', '准入申请'],
    landing: '/home',
    heading: '工作台',
  },
  {
    username: 'demo-township',
    see: [...BUSINESS_COMMON, '准入审核', '条目查询'],
    notSee: [...ADMIN_MENU, '证明开具', '准入申请'],
    landing: '/home',
    heading: '工作台',
  },
  {
    username: 'demo-village',
    see: [...BUSINESS_COMMON, '证明开具', '已准入事项'],
    notSee: [...ADMIN_MENU, '准入审核', '准入申请', '条目查询'],
    landing: '/home',
    heading: '工作台',
  },
  {
    username: 'demo-department',
    see: [...BUSINESS_COMMON, '准入申请'],
    notSee: [...ADMIN_MENU, '证明开具', '准入审核', '条目查询'],
    landing: '/home',
    heading: '工作台',
  },
  {
    username: 'demo-sysadmin',
    see: ['区划管理', '区划树', '用户管理', '双人复核'],
    notSee: [],
    exact: true,
    landing: '/regions',
    heading: '区划树',
  },
  {
    username: 'demo-secadmin',
    see: ['区划管理', '区划树', '用户管理', '角色授权', '在线会话管理', '双人复核'],
    notSee: [],
    exact: true,
    landing: '/regions',
    heading: '区划树',
  },
  // The two-person procedure: every administrator reviews the others' requests (docs/security.md).
  {
    username: 'demo-auditor',
    see: ['审计日志', '双人复核'],
    notSee: [],
    exact: true,
    landing: '/audit',
    heading: '审计日志',
  },
];

function checkMenu(labels: string[], see: string[], notSee: string[], exact?: boolean) {
  if (exact) expect([...labels].sort()).toEqual([...see].sort());
  for (const m of see) expect(labels).toContain(m);
  for (const m of notSee) expect(labels).not.toContain(m);
}

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

describe('sign-in and menus per role (zh-CN)', () => {
  it.each(ACCOUNTS)(
    "$username sees its menu and not the others' at 1366 px and 375 px",
    async ({ username, see, notSee, exact, landing, heading }) => {
      const { context, page, errors } = await h.newPage(DESKTOP);
      try {
        await signIn(page, username);
        await page.waitForURL((u) => u.pathname === landing);
        await page.locator('h1', { hasText: heading }).first().waitFor();

        const desktop = await menuLabels(page, 'side-menu');
        checkMenu(desktop, see, notSee, exact);
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
        checkMenu(phone, see, notSee, exact);
        await h.screenshot(page, `${username}-phone-menu`);
        await page.keyboard.press('Escape');

        await page.setViewportSize(DESKTOP);
        await signOut(page);
        expect(errors).toEqual([]);
      } finally {
        await context.close();
      }
    },
  );

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
