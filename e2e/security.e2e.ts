import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as OTPAuth from 'otpauth';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, DESKTOP, signIn, signOut, startHarness, type Harness } from './harness.js';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

/** The code an authenticator app would show for `secret`, `steps` periods from now. */
const totp = (secret: string, steps = 0) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + steps * 30_000,
  });

/** Confirms the open Popconfirm with its OK button. */
async function confirmPop(page: Page, ok: RegExp) {
  const pop = page.locator('.ant-popconfirm:visible, .ant-popover:visible').last();
  await pop.waitFor();
  await pop.getByRole('button', { name: ok }).click();
}

describe('security journeys: TOTP, two-person review, sessions', () => {
  // The system admin's browser, signed in with a code in the first journey and kept for the second
  // (each time step is accepted once, so a second sign-in would wait for the next period).
  let sys: Awaited<ReturnType<Harness['newPage']>>;

  it('enrols a one-time code on the 动态口令 page, then signs in with it', async () => {
    sys = await h.newPage(DESKTOP);
    const { page, errors } = sys;
    await signIn(page, 'demo-sysadmin');
    await page.goto('/mfa');
    await page.getByRole('button', { name: /开始绑定/ }).waitFor();
    await h.audit(page);
    await page.getByRole('button', { name: /开始绑定/ }).click();
    await page.getByTestId('mfa-qr').waitFor();
    const secret = (await page.getByTestId('mfa-secret').innerText()).trim();
    expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
    await h.audit(page, 'enrolling');
    await page.getByTestId('mfa-otp').fill(totp(secret));
    await page.getByRole('button', { name: /确认绑定/ }).click();
    const codes = page.getByTestId('mfa-recovery-codes');
    await codes.waitFor();
    expect(await codes.locator('code').count()).toBe(10);
    await h.screenshot(page, 'mfa-recovery-codes-desktop');
    await h.audit(page, 'recovery codes');
    await page.getByRole('button', { name: /我已保存恢复码/ }).click();
    await page.getByText('本账户已启用动态口令', { exact: false }).waitFor();
    await h.audit(page, 'enabled');

    await signOut(page);
    // The password alone is not enough now: the form asks for the code, and the page is audited so.
    await page.getByLabel('用户名').fill('demo-sysadmin');
    await page.getByLabel('密码', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: /登\s*录/ }).click();
    const otp = page.getByTestId('login-otp');
    await otp.waitFor();
    await h.audit(page, 'one-time code');
    await h.screenshot(page, 'login-otp-desktop');
    // The enrolment used this period's code (a used step is refused): an app shows the next one soon.
    await otp.fill(totp(secret, 1));
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await page.getByTestId('user-menu').waitFor();
    expect(errors).toEqual([]);
  });

  it('files the system admin’s disabling of the auditor for review; the security admin approves it', async () => {
    const sec = await h.newPage(DESKTOP);
    try {
      await sys.page.goto('/users');
      const row = sys.page.locator('.ant-table-row', { hasText: 'demo-auditor' });
      await row.getByRole('button', { name: /停\s*用/ }).click();
      await confirmPop(sys.page, /停\s*用/);
      await sys.page.getByText('已提交复核申请', { exact: false }).first().waitFor();
      await h.audit(sys.page);
      // Not applied by one administrator: the auditor is still active.
      await sys.page.goto('/admin-requests');
      const mine = sys.page.getByTestId('admin-requests').locator('.ant-table-row', { hasText: 'demo-auditor' });
      await mine.getByText('待复核').waitFor();
      // The requester may withdraw, never approve.
      await mine.getByRole('button', { name: /撤\s*回/ }).waitFor();
      expect(await mine.getByRole('button', { name: /复核通过/ }).count()).toBe(0);
      await h.screenshot(sys.page, 'admin-requests-requester-desktop');

      await signIn(sec.page, 'demo-secadmin');
      await sec.page.goto('/admin-requests');
      const pending = sec.page.getByTestId('admin-requests').locator('.ant-table-row', { hasText: 'demo-auditor' });
      await pending.getByRole('button', { name: /复核通过/ }).click();
      await confirmPop(sec.page, /确\s*定|OK/);
      await sec.page.getByText('已复核通过，变更已生效', { exact: false }).first().waitFor();
      await sec.page.locator('.ant-segmented-item', { hasText: '全部' }).click();
      await sec.page
        .getByTestId('admin-requests')
        .locator('.ant-table-row', { hasText: 'demo-auditor' })
        .getByText('已通过')
        .waitFor();
      await h.audit(sec.page, 'decided');

      // The security admin sees every session of the region, the system admin's among them.
      await sec.page.goto('/sessions/all');
      await sec.page.locator('.ant-table-row', { hasText: 'demo-sysadmin' }).first().waitFor();
      await h.screenshot(sec.page, 'sessions-all-desktop');
      expect([...sys.errors, ...sec.errors]).toEqual([]);
    } finally {
      await sys.context.close();
      await sec.context.close();
    }
  });
});
