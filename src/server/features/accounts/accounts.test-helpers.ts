/** Helpers of the accounts security tests (not a test file itself). */
import { expect } from 'vitest';
import type { Agent, TestApp } from '../../../../test/test-app.js';
import { enrolTotp, totpCode } from '../../../../test/mfa.js';

export const captchaAnswer = async (t: TestApp, id: string) =>
  (await t.deps.db.selectFrom('captcha').select('answer').where('id', '=', id).executeTakeFirstOrThrow()).answer;

export const code = totpCode;

/** Signs in, solving the captcha when one is asked for (as a person would). */
export async function signIn(t: TestApp, username: string, password: string, extra: Record<string, string> = {}) {
  const a = t.agent();
  const res = await a.login(username, password, extra);
  if (res.body?.error?.code !== 'captcha_required') return res;
  const id = res.body.error.details.captcha.id;
  return a.login(username, password, { ...extra, captchaId: id, captchaAnswer: await captchaAnswer(t, id) });
}

/** A staff account made by the system administrator, signed in with its new password (not a demo account). */
export async function newAccount(
  t: TestApp,
  username: string,
  grant: { role: string; regionCode: string } | null,
  password = 'Kaishi#Mima2031x',
) {
  const sys = await t.as('demo-sysadmin');
  const created = await sys.post('/api/users', {
    username,
    displayName: `测试${username}`,
    regionCode: grant?.regionCode ?? '140404000000',
    password: 'Chushi#Mima2030q',
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  if (grant) {
    const sec = await t.as('demo-secadmin');
    const g = await sec.post('/api/grants', { userId: created.body.id, ...grant });
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    if (g.body.pending) {
      const aud = await t.as('demo-auditor');
      const ok = await aud.post(`/api/admin-requests/${g.body.pending.id}/approve`, {
        version: g.body.pending.version,
      });
      expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    }
  }
  const a = t.agent();
  expect((await a.login(username, 'Chushi#Mima2030q')).status).toBe(200);
  const changed = await a.post('/api/auth/password', { currentPassword: 'Chushi#Mima2030q', newPassword: password });
  expect(changed.status, JSON.stringify(changed.body)).toBe(200);
  return { id: created.body.id as string, agent: a, password };
}

/** Enrols TOTP through the API, checking the QR code and the ten recovery codes. */
export async function enrol(t: TestApp, a: Agent) {
  const res = await enrolTotp(t, a);
  expect(res.codes).toHaveLength(10);
  return res;
}
