// Issue 14 (continued): TOTP, three administrators on a new install, sessions and the small findings.
// H3 three administrators on a new install, M2 no anonymous lockout and no account oracle, M3 no
// administrator neutralises another alone, M4 password rules, TOTP, sessions, and the small ones.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, createTestApp, DEMO_PASSWORD, type TestApp } from '../../../../test/test-app.js';
import { bootstrap } from './bootstrap.js';

import { code, enrol, newAccount, signIn } from './accounts.test-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('TOTP (RFC 6238) for the administrators and the district roles', () => {
  it('a district lead (not a demo account) must enrol before anything else; then signs in with a code; replays and far clocks fail', async () => {
    const lead = await newAccount(
      t,
      'mfa-lead',
      { role: 'district_lead', regionCode: '140404000000' },
      'Quzhang#Mima2031x',
    );
    const blocked = await lead.agent.get('/api/catalogs');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('mfa_enrolment_required');
    expect((await lead.agent.get('/api/auth/me')).body.mfaEnrolmentRequired).toBe(true);
    const { secret, codes } = await enrol(t, lead.agent);
    expect((await lead.agent.get('/api/auth/me')).body).toMatchObject({
      mfaEnrolmentRequired: false,
      mfaEnabled: true,
    });

    const a = t.agent();
    const noCode = await a.login('mfa-lead', lead.password);
    expect([noCode.status, noCode.body.error.code]).toEqual([401, 'mfa_required']);
    const c = code(t, secret);
    expect((await a.login('mfa-lead', lead.password, { otp: c })).status).toBe(200);
    expect((await t.agent().login('mfa-lead', lead.password, { otp: c })).status).toBe(401); // replay
    t.clock.advance(30_000);
    expect((await t.agent().login('mfa-lead', lead.password, { otp: code(t, secret, -1) })).status).toBe(401); // used step
    t.clock.advance(60_000);
    // (Wrong codes count as failed sign-ins: after three, the captcha is asked for too.)
    expect((await signIn(t, 'mfa-lead', lead.password, { otp: code(t, secret, 2) })).status).toBe(401); // ±2 steps
    expect((await signIn(t, 'mfa-lead', lead.password, { otp: code(t, secret, 1) })).status).toBe(200); // +1 step
    // A recovery code works once.
    expect((await signIn(t, 'mfa-lead', lead.password, { recoveryCode: codes[0] })).status).toBe(200);
    expect((await signIn(t, 'mfa-lead', lead.password, { recoveryCode: codes[0] })).status).toBe(401);
    // A password reset does not remove the second factor.
    const sys = await t.as('demo-sysadmin');
    const reset = await sys.post(`/api/users/${lead.id}/reset-password`);
    const after = await signIn(t, 'mfa-lead', reset.body.oneTimePassword);
    expect(after.body.error.code).toBe('mfa_required');
  });

  it('enrolment answers a QR code (PNG), an otpauth URI and the secret; the code confirms it', async () => {
    const u = await newAccount(t, 'mfa-qr', { role: 'village_cadre', regionCode: '140404001200' });
    const setup = await u.agent.post('/api/auth/mfa/setup');
    expect(setup.body.qr).toMatch(/^data:image\/png;base64,/);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    const wrong = await u.agent.post('/api/auth/mfa/enable', { otp: '000000' });
    expect(wrong.status).toBe(400);
    const ok = await u.agent.post('/api/auth/mfa/enable', { otp: code(t, setup.body.secret) });
    expect(ok.status).toBe(200);
    expect(ok.body.codes).toHaveLength(10);
  });

  it('the secret is stored sealed, and the security administrator resets a lost second factor (audited)', async () => {
    const cadre = await newAccount(t, 'mfa-cadre', { role: 'village_cadre', regionCode: '140404001200' });
    const { secret } = await enrol(t, cadre.agent);
    const row = await t.deps.db
      .selectFrom('appUser')
      .selectAll()
      .where('username', '=', 'mfa-cadre')
      .executeTakeFirstOrThrow();
    expect(row.totpSecretEnc).toMatch(/^sm4hm2:/);
    expect(row.totpSecretEnc).not.toContain(secret);
    const sec = await t.as('demo-secadmin');
    expect((await sec.post(`/api/users/${cadre.id}/reset-mfa`)).status).toBe(200);
    expect((await t.agent().login('mfa-cadre', cadre.password)).status).toBe(200);
    const audit = await t.deps.db
      .selectFrom('auditLog')
      .select('action')
      .where('action', '=', 'users.reset_mfa')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });
});

describe('H3: a new install has three administrators who sign in with TOTP and cannot neutralise each other', () => {
  let fresh: TestApp;
  beforeAll(async () => {
    fresh = await createTestApp({ demo: false, env: { JIANFU_ADMIN_USERNAMES: 'xt-wang,aq-li,sj-zhao' } });
  });
  afterAll(() => fresh.close());

  it('bootstrap creates sysadmin, secadmin and auditor with one-time passwords; each changes it, enrols TOTP and signs in', async () => {
    const admins = await bootstrap(fresh.deps, '140404');
    expect(admins.map((a) => [a.role, a.username])).toEqual([
      ['sysadmin', 'xt-wang'],
      ['secadmin', 'aq-li'],
      ['auditor', 'sj-zhao'],
    ]);
    expect(await bootstrap(fresh.deps, '140404')).toEqual([]); // once only
    const agents: Record<string, Agent> = {};
    for (const [i, a] of admins.entries()) {
      const ag = fresh.agent();
      const first = await ag.login(a.username, a.password);
      expect(first.body).toMatchObject({ mustChangePassword: true, mfaEnrolmentRequired: true });
      const pw = `Guanliyuan#${i}Mima2031`;
      const changed = await ag.post('/api/auth/password', { currentPassword: a.password, newPassword: pw });
      expect(changed.status, JSON.stringify(changed.body)).toBe(200);
      expect((await ag.get('/api/users')).body.error.code).toBe('mfa_enrolment_required');
      const { secret } = await enrol(fresh, ag);
      const b = fresh.agent();
      expect((await b.login(a.username, pw)).body.error.code).toBe('mfa_required');
      expect((await b.login(a.username, pw, { otp: code(fresh, secret) })).status).toBe(200);
      agents[a.role] = b;
    }
    const users = (await agents.sysadmin.get('/api/users')).body.items as {
      id: string;
      username: string;
      version: number;
      grants: { id: string }[];
    }[];
    const auditor = users.find((u) => u.username === 'sj-zhao')!;
    const sec = users.find((u) => u.username === 'aq-li')!;
    expect(
      (await agents.sysadmin.patch(`/api/users/${auditor.id}`, { status: 'disabled', version: auditor.version }))
        .status,
    ).toBe(202);
    expect((await agents.secadmin.delete(`/api/grants/${auditor.grants[0].id}`)).body.pending).toBeTruthy();
    expect(
      (await agents.sysadmin.patch(`/api/users/${sec.id}`, { status: 'disabled', version: sec.version })).status,
    ).toBe(202);
    const still = (await agents.sysadmin.get('/api/users')).body.items as { status: string; grants: unknown[] }[];
    expect(still.every((u) => u.status === 'active' && u.grants.length === 1)).toBe(true);
  });
});

describe('sessions', () => {
  it('an administrator has one session: a new sign-in ends the old one; idle after 15 minutes', async () => {
    const a = await t.as('demo-secadmin');
    const b = await t.as('demo-secadmin');
    expect((await a.get('/api/auth/me')).status).toBe(401);
    expect((await b.get('/api/auth/me')).status).toBe(200);
    t.clock.advanceMinutes(16);
    expect((await b.get('/api/auth/me')).status).toBe(401);
    const staff = await t.as('demo-village');
    t.clock.advanceMinutes(16);
    expect((await staff.get('/api/auth/me')).status).toBe(200); // 30 minutes for other staff
  });

  it('other staff keep at most three sessions (the oldest ends)', async () => {
    const limited = await createTestApp({ env: { JIANFU_SESSION_MAX: '3' } });
    try {
      const agents = [];
      for (let i = 0; i < 4; i++) {
        agents.push(await limited.as('demo-department'));
        limited.clock.advance(1000);
      }
      expect((await agents[0].get('/api/auth/me')).status).toBe(401);
      for (const a of agents.slice(1)) expect((await a.get('/api/auth/me')).status).toBe(200);
    } finally {
      await limited.close();
    }
  });

  it('the security administrator sees and ends any session in the district; others may not', async () => {
    const victim = await t.as('demo-village');
    const sec = await t.as('demo-secadmin');
    const list = await sec.get('/api/sessions');
    expect(list.status).toBe(200);
    const mine = (await victim.get('/api/auth/sessions')).body.items.find((x: { current: boolean }) => x.current);
    const s = list.body.items.find((x: { id: string; username: string }) => x.id === mine.id);
    expect(s).toMatchObject({ username: 'demo-village' });
    expect((await (await t.as('demo-sysadmin')).delete(`/api/sessions/${s.id}`)).status).toBe(403);
    expect((await sec.delete(`/api/sessions/${s.id}`)).status).toBe(200);
    expect((await victim.get('/api/auth/me')).status).toBe(401);
  });
});

describe('small findings (L)', () => {
  it('request ids are made by the server: a client X-Request-ID never reaches an audit row', async () => {
    const a = t.agent();
    await a.request(
      'POST',
      '/api/auth/login',
      { username: 'demo-village', password: DEMO_PASSWORD },
      {
        'x-request-id': 'client-chosen-id',
      },
    );
    const rows = await t.deps.db
      .selectFrom('auditLog')
      .select('requestId')
      .where('requestId', '=', 'client-chosen-id')
      .execute();
    expect(rows).toHaveLength(0);
  });

  it('behind HTTPS the session cookie is __Host-, Secure, Path=/ and without Domain', async () => {
    const secure = await createTestApp({ env: { JIANFU_COOKIE_SECURE: '1' } });
    try {
      const res = await secure.agent().login('demo-village');
      const cookie = String(res.headers['set-cookie']);
      expect(cookie).toMatch(/^__Host-jianfu_sid=/);
      expect(cookie).toMatch(/Secure/);
      expect(cookie).toMatch(/Path=\//);
      expect(cookie).not.toMatch(/Domain=/i);
      // The plain name is not accepted there.
      const token = cookie.split(';')[0].split('=')[1];
      const plain = await secure.app.inject({
        method: 'GET',
        url: '/api/auth/me',
        headers: { cookie: `jianfu_sid=${token}` },
      });
      expect(plain.statusCode).toBe(401);
    } finally {
      await secure.close();
    }
  });

  it('readiness answers 503 while shutting down (liveness stays 200)', async () => {
    expect((await t.agent().get('/api/ready')).status).toBe(200);
    t.deps.lifecycle.shuttingDown = true;
    try {
      const res = await t.agent().get('/api/ready');
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('service_unavailable');
      expect((await t.agent().get('/api/health')).status).toBe(200);
    } finally {
      t.deps.lifecycle.shuttingDown = false;
    }
  });
});
