import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, DESKTOP, PHONE, menuLabels, signIn, signOut, startHarness, type Harness } from './harness.js';

/** Budget for the JavaScript the login page loads, gzip-compressed. */
const LOGIN_JS_BUDGET = 350 * 1024;

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

describe('web shell', () => {
  it('keeps the login page JavaScript within budget (antd-heavy pages and echarts load later)', async () => {
    const { context, page } = await h.newPage(DESKTOP);
    try {
      const scripts = new Map<string, Buffer>();
      page.on('response', async (res) => {
        if (res.request().resourceType() === 'script' || res.url().endsWith('.js'))
          scripts.set(res.url(), await res.body());
      });
      await page.goto('/login');
      await page.getByRole('button', { name: /登\s*录/ }).waitFor();
      await page.waitForLoadState('networkidle');
      const sizes = [...scripts].map(([url, body]) => ({
        file: new URL(url).pathname,
        raw: body.length,
        gzip: gzipSync(body, { level: 9 }).length,
      }));
      const total = sizes.reduce((n, s) => n + s.gzip, 0);
      console.log(
        `login route JS: ${sizes.length} files, ${(total / 1024).toFixed(1)} KB gzip\n${sizes.map((s) => `  ${s.file} ${(s.gzip / 1024).toFixed(1)} KB`).join('\n')}`,
      );
      expect(total).toBeLessThanOrEqual(LOGIN_JS_BUDGET);
      expect(sizes.some((s) => /echarts|AuditPage|RegionTreePage|UserDirectory|AppShell/i.test(s.file))).toBe(false);
    } finally {
      await context.close();
    }
  });

  it('serves client routes on reload and sends visitors to the login page', async () => {
    const { context, page } = await h.newPage(DESKTOP);
    try {
      await page.goto('/users');
      await page.waitForURL(/\/login\?redirect=%2Fusers/);
      await signIn(page, 'demo-sysadmin', undefined, { stay: true });
      // Back where the visitor wanted to go, and a reload keeps the page (SPA fallback on the server).
      await page.waitForURL((u) => u.pathname === '/users');
      await page.reload();
      await page.locator('h1', { hasText: '用户管理' }).waitFor();
      await page.locator('.ant-table-row').first().waitFor();
      await page.goto('/no-such-page');
      await page.locator('.ant-result-title', { hasText: '页面不存在' }).waitFor();
      await h.audit(page);
      await page.goto('/audit');
      await page.locator('.ant-result-title', { hasText: '无权访问' }).waitFor();
    } finally {
      await context.close();
    }
  });

  it('switches to English and remembers the choice', async () => {
    const { context, page } = await h.newPage(DESKTOP);
    try {
      await page.goto('/login');
      await page.getByTestId('lang-switch').click();
      await page.getByRole('button', { name: /Sign in/ }).waitFor();
      await page.reload();
      await page.getByRole('button', { name: /Sign in/ }).waitFor();
      await page.getByLabel('Username').fill('demo-auditor');
      await page.getByLabel('Password', { exact: true }).fill(process.env.JIANFU_DEMO_PASSWORD ?? 'Jianfu@2023');
      await page.getByRole('button', { name: /Sign in/ }).click();
      expect(await menuLabels(page)).toEqual(['Audit log', 'Two-person review']);
      await h.screenshot(page, 'english-auditor-desktop');
      await page.setViewportSize(PHONE);
      await page.getByTestId('menu-toggle').waitFor();
      await h.screenshot(page, 'english-auditor-phone');
      // Signing out clears site storage on the server's say-so; the language choice survives it.
      await page.setViewportSize(DESKTOP);
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login/);
      await page.reload();
      await page.getByRole('button', { name: /Sign in/ }).waitFor();
      // Back to Chinese.
      await page.getByTestId('lang-switch').click();
      await page.getByRole('button', { name: /登\s*录/ }).waitFor();
    } finally {
      await context.close();
    }
  });
  it('asks for a captcha after three wrong passwords, then delays the name from this browser (423); the system admin lifts it', async () => {
    const { context, page } = await h.newPage(DESKTOP);
    try {
      await page.goto('/login');
      const alert = page.getByTestId('login-error');
      const captcha = page.getByTestId('login-captcha');
      const attempt = async (password: string) => {
        await page.getByLabel('用户名').fill('demo-approver');
        await page.getByLabel('密码', { exact: true }).fill(password);
        if (await captcha.isVisible()) {
          const id = (await captcha.getAttribute('data-captcha-id'))!;
          await captcha.fill(await h.captchaAnswer(id));
        }
        await page.getByRole('button', { name: /登\s*录/ }).click();
      };
      for (let i = 1; i <= 3; i++) {
        await attempt(`wrong-${i}`);
        await alert.getByText('用户名或密码错误', { exact: false }).first().waitFor();
      }
      // A local captcha (an SVG drawn by the server) is now part of the form.
      await captcha.waitFor();
      await page.getByRole('img', { name: '图形验证码图片' }).waitFor();
      await h.audit(page, 'captcha');
      await h.screenshot(page, 'login-captcha-desktop');
      await attempt('wrong-4');
      await alert.getByText('用户名或密码错误', { exact: false }).first().waitFor();
      await attempt('wrong-5');
      await alert.getByText('暂停登录', { exact: false }).first().waitFor();
      // Even the right password waits out the delay; the server's Chinese message is shown unchanged.
      await attempt(DEMO_PASSWORD);
      await alert
        .getByText(/请 \d+ 分钟后再试/)
        .first()
        .waitFor();
      const text = await alert.innerText();
      expect(text).toContain('账户已锁定');
      expect(text).toMatch(/该账户在本机连续登录失败，已暂停登录/);
      await h.audit(page, 'delayed');
      await h.screenshot(page, 'login-locked-desktop');

      await signIn(page, 'demo-sysadmin');
      await page.goto('/users');
      const row = page.locator('.ant-table-row', { hasText: 'demo-approver' });
      await row.getByText('已锁定').waitFor();
      await row.getByRole('button', { name: /解\s*锁/ }).click();
      await page
        .locator('.ant-popconfirm')
        .getByRole('button', { name: /解\s*锁/ })
        .click();
      await page.getByText('已解锁用户').waitFor();
      await row.getByText('已锁定').waitFor({ state: 'detached' });
      await signOut(page);

      await signIn(page, 'demo-approver', DEMO_PASSWORD, { stay: true });
      await page.waitForURL((u) => u.pathname === '/home');
    } finally {
      await context.close();
    }
  });
});
