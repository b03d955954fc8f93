import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, menuLabels, signIn, signOut, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** Opens an antd Select by its form label, types a search, and picks the option containing `option`. */
async function pick(page: Page, label: string, search: string | null, option: string) {
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  if (search !== null) await input.fill(search);
  const item = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
  await item.waitFor();
  await item.click();
}

const username = `e2e-cadre-${Date.now().toString(36)}`;
const displayName = '测试经办人';
const initialPassword = 'Chushi#2024a';
const newPassword = 'Xinmima#2025b';

describe('accounts journey: create → grant → first sign-in', () => {
  it('lets the system admin create a user with a region picked by search', async () => {
    const { context, page } = await h.newPage(DESKTOP);
    try {
      await signIn(page, 'demo-sysadmin');
      await page.goto('/users');
      await page.getByTestId('create-user').click();
      const form = page.getByTestId('create-user-form');
      await form.waitFor();
      await form.getByLabel('用户名').fill(username);
      await form.getByLabel('姓名（名称）').fill(displayName);
      await pick(page, '所属区划', '韩店村', '140404001200');
      await form.getByLabel('初始密码').fill(initialPassword);
      await h.screenshot(page, 'users-create-desktop');
      await page.getByRole('button', { name: /保\s*存/ }).click();
      await page.getByText(`已创建用户“${displayName}”`).waitFor();
      await page.getByLabel('关键字').fill(username);
      await page.getByRole('button', { name: /查\s*询/ }).click();
      const row = page.locator('.ant-table-row', { hasText: username });
      await row.waitFor();
      expect(await row.innerText()).toContain('待改密');
      await h.screenshot(page, 'users-list-desktop');
      await page.setViewportSize(PHONE);
      await page.getByTestId('menu-toggle').waitFor();
      await h.screenshot(page, 'users-list-phone');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow).toBeLessThanOrEqual(0);
      await page.setViewportSize(DESKTOP);
      await signOut(page);
    } finally {
      await context.close();
    }
  });

  it('lets the security admin grant the village cadre role', async () => {
    const { context, page } = await h.newPage(DESKTOP);
    try {
      await signIn(page, 'demo-secadmin');
      await page.goto('/grants');
      await page.getByLabel('关键字').fill(username);
      await page.getByRole('button', { name: /查\s*询/ }).click();
      const row = page.locator('.ant-table-row', { hasText: username });
      await row.waitFor();
      await row.getByRole('button', { name: '管理授权' }).click();
      const drawer = page.getByTestId('grants-drawer');
      await drawer.getByText('该用户尚无授权').waitFor();
      await pick(page, '角色', null, '村级经办');
      await pick(page, '授权区划', '140404001200', '韩店村');
      await drawer.getByRole('button', { name: '新增授权' }).click();
      await page.getByText('已授予角色').waitFor();
      await drawer.getByTestId('grant-list').getByRole('listitem').filter({ hasText: '村级经办' }).waitFor();
      await h.screenshot(page, 'grants-drawer-desktop');
      await page.keyboard.press('Escape');
      await page.setViewportSize(PHONE);
      await page.getByTestId('menu-toggle').waitFor();
      await row.getByRole('button', { name: '管理授权' }).click();
      await drawer.getByTestId('grant-list').getByRole('listitem').filter({ hasText: '村级经办' }).waitFor();
      await h.screenshot(page, 'grants-drawer-phone');
    } finally {
      await context.close();
    }
  });

  it('forces the new user to change the password at first sign-in, then opens the workbench', async () => {
    const { context, page } = await h.newPage(DESKTOP);
    try {
      await signIn(page, username, initialPassword);
      await page.waitForURL((u) => u.pathname === '/password');
      await page.getByTestId('password-forced').waitFor();
      expect(await page.getByTestId('side-menu').count()).toBe(0);
      await h.screenshot(page, 'password-forced-desktop');
      await page.getByLabel('当前密码').fill(initialPassword);
      await page.getByLabel('新密码', { exact: true }).fill(newPassword);
      await page.getByLabel('确认新密码').fill(newPassword);
      await page.getByRole('button', { name: /提\s*交/ }).click();
      await page.waitForURL((u) => u.pathname === '/home');
      const labels = await menuLabels(page);
      // A village cadre's menu (it grows with features): the workbench and the cadre's desks, never an admin console.
      for (const m of ['工作台', '区划树', '证明开具']) expect(labels).toContain(m);
      for (const m of ['用户管理', '角色授权', '审计日志']) expect(labels).not.toContain(m);
      await page.getByText('韩店村委会').first().waitFor();
      await signOut(page);
      // The new password works; the initial one no longer does.
      await signIn(page, username, newPassword);
      await page.waitForURL((u) => u.pathname === '/home');
      await page.getByTestId('user-menu').click();
      await page.getByRole('menuitem', { name: '我的会话' }).click();
      await page.locator('.ant-table-row', { hasText: '当前会话' }).waitFor();
      await h.screenshot(page, 'sessions-desktop');
    } finally {
      await context.close();
    }
  });
});
