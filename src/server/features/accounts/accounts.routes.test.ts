import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/test-app.js';
import { verifyChain } from '../../core/audit.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('POST /api/auth/login', () => {
  it('signs in with the demo password and returns the profile and a CSRF token', async () => {
    const a = t.agent();
    const res = await a.login('demo-village');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      username: 'demo-village',
      region: { code: '140404001200', name: '韩店村委会' },
      mustChangePassword: false,
    });
    expect(res.body.csrfToken).toBeTruthy();
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
  });

  it('answers 401 with a Chinese message for a wrong password and for an unknown user', async () => {
    const a = t.agent();
    for (const u of ['demo-district', 'nobody-here']) {
      const res = await a.login(u, 'Wrong-password-1');
      expect(res.status).toBe(401);
      expect(res.body.error).toMatchObject({ code: 'unauthenticated', message: '用户名或密码错误' });
    }
  });
  // Failed sign-ins (throttling, captcha, no anonymous lock): accounts.security.test.ts (issue 14 M2).
});

describe('authorization failures', () => {
  it('audits a 403 (missing permission) and a failed CSRF check of a signed-in user, as failures with the route', async () => {
    const village = await t.as('demo-village');
    expect((await village.get('/api/audit')).status).toBe(403);
    village.csrf = 'not-the-token';
    expect((await village.post('/api/users', { username: 'x' })).status).toBe(403);
    const rows = await t.deps.db
      .selectFrom('auditLog')
      .selectAll()
      .where('actorName', '=', 'demo-village')
      .where('action', '=', 'auth.denied')
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => [r.entityId, r.outcome, JSON.parse(r.afterJson ?? '{}').reason])).toEqual([
      ['GET /api/audit', 'failure', 'forbidden'],
      ['POST /api/users', 'failure', 'csrf_failed'],
    ]);
    expect((await verifyChain(t.deps.db, t.deps.keys)).ok).toBe(true);
  });
});

describe('sessions', () => {
  it('GET /api/auth/me needs a session (401) and reflects the actor', async () => {
    expect((await t.agent().get('/api/auth/me')).status).toBe(401);
    const a = await t.as('demo-district');
    const me = await a.get('/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body.permissions).toContain('catalogs.manage');
  });

  it('refuses a state-changing request without the CSRF token (403)', async () => {
    const a = await t.as('demo-district');
    a.csrf = null;
    const res = await a.post('/api/auth/logout');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_failed');
  });

  it('ends the session on logout; the old cookie then gets 401', async () => {
    const a = await t.as('demo-district');
    const cookie = a.cookie;
    expect((await a.post('/api/auth/logout')).status).toBe(200);
    a.cookie = cookie;
    expect((await a.get('/api/auth/me')).status).toBe(401);
  });

  it('times out after 30 idle minutes', async () => {
    const a = await t.as('demo-approver');
    t.clock.advanceMinutes(29);
    expect((await a.get('/api/auth/me')).status).toBe(200);
    t.clock.advanceMinutes(31);
    expect((await a.get('/api/auth/me')).status).toBe(401);
  });

  it("lists and ends the user's own sessions", async () => {
    const a = await t.as('demo-district');
    const b = await t.as('demo-district');
    const list = await a.get('/api/auth/sessions');
    expect(list.body.items.length).toBeGreaterThanOrEqual(2);
    const other = list.body.items.find((s: any) => !s.current);
    expect((await a.delete(`/api/auth/sessions/${other.id}`)).status).toBe(200);
    expect((await b.get('/api/auth/me')).status).toBe(401);
  });
});

describe('password policy and first login', () => {
  it('forces a new user to change the password before anything else', async () => {
    const sys = await t.as('demo-sysadmin');
    const created = await sys.post('/api/users', {
      username: 'new-cadre',
      displayName: '新村干部',
      regionCode: '140404001203',
      password: 'Start#2023x',
    });
    expect(created.status).toBe(200);
    const u = t.agent();
    expect((await u.login('new-cadre', 'Start#2023x')).body.mustChangePassword).toBe(true);
    const blocked = await u.get('/api/regions/140404001203');
    expect(blocked.status).toBe(403);
    expect(blocked.body.error.code).toBe('password_change_required');
    const weak = await u.post('/api/auth/password', { currentPassword: 'Start#2023x', newPassword: 'abc' });
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toMatch(/至少 8 位/);
    expect(
      (await u.post('/api/auth/password', { currentPassword: 'Start#2023x', newPassword: 'Better#2024y' })).status,
    ).toBe(200);
    expect((await u.get('/api/auth/me')).body.mustChangePassword).toBe(false);
  });
});
