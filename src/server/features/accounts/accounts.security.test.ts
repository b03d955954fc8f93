// Issue 14: the outside probe's findings on accounts, each reproduced and now refused (both dialects).
// H3 three administrators on a new install, M2 no anonymous lockout and no account oracle, M3 no
// administrator neutralises another alone, M4 password rules, TOTP, sessions, and the small ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestApp, DEMO_PASSWORD, type TestApp } from '../../../../test/test-app.js';
import { verifyChain } from '../../core/audit.js';

import { captchaAnswer, code, enrol, newAccount } from './accounts.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('M2: failed sign-ins throttle instead of locking, and never tell which accounts exist', () => {
  /** Five wrong passwords from one address, solving the captcha once it is asked for; the answers seen. */
  async function fiveWrong(a: Agent, username: string) {
    const seen: { status: number; code: string; message: string; captcha: boolean }[] = [];
    let captcha: { id: string } | null = null;
    for (let i = 0; i < 5; i++) {
      const extra: Record<string, string> = captcha
        ? { captchaId: captcha.id, captchaAnswer: await captchaAnswer(t, captcha.id) }
        : {};
      const res = await a.login(username, `Wrong-pass-${i}`, extra);
      seen.push({
        status: res.status,
        code: res.body.error.code,
        message: res.body.error.message,
        captcha: !!res.body.error.details?.captchaRequired,
      });
      captcha = res.body.error.details?.captcha ?? null;
    }
    return seen;
  }

  it('a known and an unknown name get the same answers: 401, then a captcha, then a short growing delay (423)', async () => {
    const known = t.agent();
    known.ip = '10.1.0.1';
    const unknown = t.agent();
    unknown.ip = '10.1.0.2';
    const a = await fiveWrong(known, 'demo-township');
    const b = await fiveWrong(unknown, 'no-such-user-x');
    expect(a).toEqual(b);
    expect(a.map((s) => s.status)).toEqual([401, 401, 401, 401, 423]);
    expect(a[2].captcha).toBe(true);
    expect(a[4]).toMatchObject({ code: 'account_locked', message: expect.stringMatching(/请 1 分钟后再试/) });
    // A captcha is needed by every address now, unknown name or not, and the right password alone is not enough.
    const noCaptcha = await t.agent().login('demo-township');
    const noCaptchaUnknown = await t.agent().login('no-such-user-x');
    expect([noCaptcha.status, noCaptcha.body.error.code]).toEqual([401, 'captcha_required']);
    expect([noCaptchaUnknown.status, noCaptchaUnknown.body.error.code]).toEqual([401, 'captcha_required']);
  });

  it('an anonymous attacker cannot lock the real user out: from another address the user signs in (with the captcha)', async () => {
    const attacker = t.agent();
    attacker.ip = '10.2.0.1';
    await fiveWrong(attacker, 'demo-sysadmin');
    expect((await attacker.login('demo-sysadmin')).status).toBe(423); // the attacker's address waits …
    const user = t.agent();
    user.ip = '10.2.0.99';
    const first = await user.login('demo-sysadmin');
    expect(first.body.error.code).toBe('captcha_required');
    const id = first.body.error.details.captcha.id;
    const ok = await user.login('demo-sysadmin', DEMO_PASSWORD, {
      captchaId: id,
      captchaAnswer: await captchaAnswer(t, id),
    });
    expect(ok.status).toBe(200); // … the administrator does not
    // The delay ends by itself and grows (1, 2, 4 … minutes) with each further failure from that address.
    t.clock.advanceMinutes(2);
    const again = await attacker.login('demo-sysadmin', 'still-wrong-1');
    expect(again.status).toBe(423);
    expect(again.body.error.message).toMatch(/请 2 分钟后再试/);
  });

  it('many failures from one address across names answer 429 with Retry-After', async () => {
    const bot = t.agent();
    bot.ip = '10.3.0.1';
    let last = null as null | Awaited<ReturnType<Agent['login']>>;
    for (let i = 0; i < 31; i++) last = await bot.login(`spray-${i}`, 'Wrong-pass-x');
    expect(last!.status).toBe(429);
    expect(last!.headers['retry-after']).toBeTruthy();
    expect(last!.body.error.message).toMatch(/本机登录失败次数过多/);
    const elsewhere = t.agent();
    elsewhere.ip = '10.3.0.2';
    expect((await elsewhere.login('demo-village')).status).toBe(200);
  });

  it('the system administrator lifts a delay (audited), and every attempt is in the audit chain', async () => {
    const a = t.agent();
    a.ip = '10.4.0.1';
    await fiveWrong(a, 'demo-approver');
    const sys = await t.as('demo-sysadmin');
    const list = await sys.get('/api/users?q=demo-approver');
    const row = list.body.items.find((u: { username: string }) => u.username === 'demo-approver');
    expect(row.locked).toBe(true);
    expect((await sys.patch(`/api/users/${row.id}`, { unlock: true, version: row.version })).status).toBe(200);
    expect((await a.login('demo-approver')).status).toBe(200);
    const rows = await t.deps.db
      .selectFrom('auditLog')
      .select(['action', 'outcome'])
      .where('actorName', '=', 'demo-approver')
      .execute();
    expect(rows.filter((r) => r.action === 'auth.login' && r.outcome === 'failure').length).toBeGreaterThanOrEqual(5);
    expect(rows.filter((r) => r.action === 'auth.lockout')).toHaveLength(1);
    expect((await verifyChain(t.deps.db, t.deps.keys)).ok).toBe(true);
  });
});

describe('M4: password rules', () => {
  it('refuses the probe’s passwords, needs 12 characters for the district and administrator roles, and keeps a history of 5', async () => {
    const u = await newAccount(t, 'pw-rules-cadre', { role: 'village_cadre', regionCode: '140404001200' });
    for (const weak of ['Password1!', '1qaz@WSX', 'Jianfu@2023', 'Shangdang@2026', 'Handian#2024x']) {
      const res = await u.agent.post('/api/auth/password', { currentPassword: u.password, newPassword: weak });
      expect(res.status, weak).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    // History: the last five passwords cannot come back.
    const used = [u.password];
    for (let i = 0; i < 5; i++) {
      const next = `Lunhuan#${i}Mima${i}x9q`;
      const res = await u.agent.post('/api/auth/password', { currentPassword: used.at(-1), newPassword: next });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      used.push(next);
    }
    const reuse = await u.agent.post('/api/auth/password', { currentPassword: used.at(-1), newPassword: used[2] });
    expect(reuse.status).toBe(400);
    expect(reuse.body.error.message).toMatch(/最近 5 次/);
    const old = await u.agent.post('/api/auth/password', { currentPassword: used.at(-1), newPassword: used[0] });
    expect(old.status).toBe(200); // six changes ago is allowed again

    const lead = await newAccount(t, 'pw-rules-lead', { role: 'district_lead', regionCode: '140404000000' });
    const short = await lead.agent.post('/api/auth/password', {
      currentPassword: lead.password,
      newPassword: 'Qz#8kd!Lp2w',
    });
    expect(short.status).toBe(400);
    expect(short.body.error.message).toMatch(/至少 12 位/);
  });
});

describe('M3: no administrator disables, revokes, demotes or creates another administrator alone', () => {
  it('sysadmin disabling the auditor is only a request until a second administrator of another role approves', async () => {
    const sys = await t.as('demo-sysadmin');
    const auditor = (await sys.get('/api/users?q=demo-auditor')).body.items[0];
    const res = await sys.patch(`/api/users/${auditor.id}`, { status: 'disabled', version: auditor.version });
    expect(res.status).toBe(202);
    const pending = res.body.pending;
    expect(pending).toMatchObject({ kind: 'disable_user', status: 'pending', targetUsername: 'demo-auditor' });
    expect((await t.as('demo-auditor')).cookie).toBeTruthy(); // still active
    // Not the requester, not the target.
    expect((await sys.post(`/api/admin-requests/${pending.id}/approve`, { version: 1 })).status).toBe(403);
    const aud = await t.as('demo-auditor');
    expect((await aud.post(`/api/admin-requests/${pending.id}/approve`, { version: 1 })).status).toBe(403);
    const sec = await t.as('demo-secadmin');
    const rejected = await sec.post(`/api/admin-requests/${pending.id}/reject`, { version: 1, note: '不同意' });
    expect(rejected.status).toBe(200);
    expect((await t.as('demo-auditor')).cookie).toBeTruthy();
  });

  it('secadmin cannot revoke the auditor, nor create a second secadmin that revokes the first, alone', async () => {
    const sec = await t.as('demo-secadmin');
    const users = (await sec.get('/api/users?q=demo-')).body.items as {
      id: string;
      username: string;
      grants: { id: string; role: string }[];
    }[];
    const auditor = users.find((u) => u.username === 'demo-auditor')!;
    const revoke = await sec.delete(`/api/grants/${auditor.grants[0].id}`);
    expect(revoke.status).toBe(200);
    expect(revoke.body.pending).toMatchObject({ kind: 'remove_grant', status: 'pending' });
    expect((await sec.get(`/api/users/${auditor.id}/grants`)).body.items).toHaveLength(1);

    const second = await newAccount(t, 'second-secadmin', null);
    const grant = await sec.post('/api/grants', { userId: second.id, role: 'secadmin', regionCode: '140404000000' });
    expect(grant.status).toBe(200);
    expect(grant.body.pending).toMatchObject({ kind: 'add_admin_grant' });
    expect(grant.body.items).toHaveLength(0); // not granted yet
    // The sysadmin approves it: now there are two security administrators …
    const sys = await t.as('demo-sysadmin');
    expect((await sys.post(`/api/admin-requests/${grant.body.pending.id}/approve`, { version: 1 })).status).toBe(200);
    const s1 = t.agent();
    expect((await s1.login('second-secadmin', second.password)).body.mfaEnrolmentRequired).toBe(true);
    const { secret } = await enrol(t, s1);
    const s2 = t.agent();
    expect((await s2.login('second-secadmin', second.password, { otp: code(t, secret) })).status).toBe(200);
    const first = users.find((u) => u.username === 'demo-secadmin')!;
    // … and the second cannot remove the first alone, nor can another secadmin approve it.
    const demote = await s2.delete(`/api/grants/${first.grants[0].id}`);
    expect(demote.body.pending).toMatchObject({ kind: 'remove_grant' });
    const sec1 = await t.as('demo-secadmin'); // (a new sign-in: an administrator has one session)
    const bySameRole = await sec1.post(`/api/admin-requests/${demote.body.pending.id}/approve`, { version: 1 });
    expect(bySameRole.status).toBe(403); // the same role, and the target
    expect((await sec1.get(`/api/users/${first.id}/grants`)).body.items).toHaveLength(1);
  });

  it('an administrator’s password is reset only with a second administrator; the one-time password must be changed', async () => {
    const sys = await t.as('demo-sysadmin');
    const auditor = (await sys.get('/api/users?q=demo-auditor')).body.items[0];
    const filed = await sys.post(`/api/users/${auditor.id}/reset-password`);
    expect(filed.status).toBe(202);
    expect(filed.body.oneTimePassword).toBeNull();
    const sec = await t.as('demo-secadmin');
    const approved = await sec.post(`/api/admin-requests/${filed.body.pending.id}/approve`, { version: 1 });
    expect(approved.status).toBe(200);
    const otp = approved.body.oneTimePassword as string;
    expect(otp).toHaveLength(16);
    const a = t.agent();
    expect((await a.login('demo-auditor')).status).toBe(401); // the old password is gone
    const signed = await a.login('demo-auditor', otp);
    expect(signed.body.mustChangePassword).toBe(true);
    expect((await a.get('/api/audit')).body.error.code).toBe('password_change_required');
    expect(
      (await a.post('/api/auth/password', { currentPassword: otp, newPassword: 'Shenji#Guanli2031' })).status,
    ).toBe(200);
  });

  it('an ordinary user’s password is reset at once to a one-time password shown once', async () => {
    const u = await newAccount(t, 'reset-me', { role: 'village_cadre', regionCode: '140404001200' });
    const sys = await t.as('demo-sysadmin');
    const res = await sys.post(`/api/users/${u.id}/reset-password`);
    expect(res.status).toBe(200);
    expect(res.body.pending).toBeNull();
    expect((await u.agent.get('/api/auth/me')).status).toBe(401); // sessions ended
    expect((await t.agent().login('reset-me', res.body.oneTimePassword)).body.mustChangePassword).toBe(true);
  });
});
