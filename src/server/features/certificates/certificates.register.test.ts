/** The register: masked in every list and export, searches and unmasked views audited; validation and region scope. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  certificatesTest,
  kinshipSlip,
  expectNoClearPii,
  issueBody,
  residents,
  strings,
  xlsxStrings,
} from './certificates.test-helpers.js';

const s = certificatesTest();
const [, li, wang, ouyang] = residents;

/** The register's data: a certificate for each resident, a refusal slip with a name, a promise form. */
beforeAll(async () => {
  for (const p of residents) {
    const r = await s.village.post('/api/certificates', issueBody({ holder: p }));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  const slip = await s.village.post('/api/certificates/refusals', kinshipSlip());
  expect(slip.status, JSON.stringify(slip.body)).toBe(200);
  const flag = await s.district.request('PUT', '/api/certificates/promise-items/CN-NEG-2020-08', {
    enabled: true,
    basis: '长治市上党区证明事项告知承诺制实施方案（示例依据，须由区民政局据实填写）',
    version: 0,
  });
  expect(flag.status, JSON.stringify(flag.body)).toBe(200);
  const p = await s.village.post('/api/certificates/promises', {
    q: '婚姻状况证明',
    itemCode: 'CN-NEG-2020-08',
    holder: wang,
    purpose: '办理贷款',
  });
  expect(p.status, JSON.stringify(p.body)).toBe(200);
});

describe('the register: masked in every list and export, unmasked views audited', () => {
  it('finds no unmasked ID or phone number in any list or export response', async () => {
    for (const who of [s.village, s.township, s.district]) {
      const responses = [
        await who.get('/api/certificates'),
        await who.get('/api/certificates?pageSize=200&status=valid'),
        await who.get(`/api/certificates?idNumber=${li.idNumber}`),
        await who.get(`/api/certificates?phone=${wang.phone}`),
        await who.get(`/api/certificates?name=${encodeURIComponent(ouyang.name)}`),
        await who.get('/api/certificates/refusals'),
        await who.get('/api/certificates/promises'),
        await who.get('/api/certificates/demands'),
        await who.get('/api/certificates/demands/by-demander'),
      ];
      for (const r of responses) {
        expect(r.status).toBe(200);
        expectNoClearPii('list', strings(r.body));
      }
      expect(responses[0].body.total).toBeGreaterThanOrEqual(5);
      const byId = responses[2].body.items;
      expect(byId).toHaveLength(1);
      expect(byId[0]).toMatchObject({ holderName: '李*英', idNumber: '1404**********302X' });
      expect(responses[3].body.items[0].phone).toBe('186****1234');
      expect(responses[4].body.items[0].holderName).toBe('欧**月');
      for (const item of responses[1].body.items)
        expectNoClearPii('detail', strings((await who.get(`/api/certificates/${item.id}`)).body));

      const xlsx = await who.get('/api/certificates/export');
      expect(xlsx.status).toBe(200);
      expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
      const cells = await xlsxStrings(xlsx.raw);
      expect(cells).toContain('证明编号');
      expect(cells).toContain('1404**********302X');
      expectNoClearPii('xlsx', cells);
    }
    const searches = await s.t.deps.db
      .selectFrom('auditLog')
      .select(['action', 'afterJson'])
      .where('action', 'in', ['certificates.search', 'certificates.export'])
      .execute();
    expect(searches.length).toBeGreaterThanOrEqual(12);
    expectNoClearPii(
      'audit',
      searches.map((s) => s.afterJson ?? ''),
    );
  });

  it('unmasks for the issuing village only, with a reason, audited with who, whose and which fields', async () => {
    const list = await s.village.get(`/api/certificates?idNumber=${li.idNumber}`);
    const id = list.body.items[0].id;
    expect(
      (await s.township.post(`/api/certificates/${id}/unmask`, { fields: ['idNumber'], reason: '核对' })).status,
    ).toBe(403);
    expect((await s.village.post(`/api/certificates/${id}/unmask`, { fields: ['idNumber'] })).status).toBe(400);
    const shown = await s.village.post(`/api/certificates/${id}/unmask`, {
      fields: ['idNumber', 'phone'],
      reason: '申请人来电核对',
    });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ idNumber: li.idNumber, phone: li.phone });
    const row = await s.t.deps.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'certificates.unmask')
      .where('entityId', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.actorName).toBe('demo-village');
    expect(JSON.parse(row.afterJson!)).toMatchObject({
      whose: { holder: '李*英' },
      fields: ['idNumber', 'phone'],
      reason: '申请人来电核对',
    });
    expectNoClearPii('unmask audit', [row.afterJson!]);
  });
});

describe('validation and access', () => {
  it('validates the ID number (GB 11643) and the mobile number', async () => {
    const badId = await s.village.post(
      '/api/certificates',
      issueBody({ holder: { name: '张三', idNumber: '140404198503122014' } }),
    );
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toContain('公民身份号码无效');
    const badPhone = await s.village.post(
      '/api/certificates',
      issueBody({ holder: { name: '张三', phone: '12345678901' } }),
    );
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.message).toContain('手机号码无效');
  });

  it('401 without a session, 403 for the wrong role, 404 outside the scope', async () => {
    const anon = s.t.agent();
    expect((await anon.get('/api/certificates')).status).toBe(401);
    expect((await anon.post('/api/certificates', issueBody())).status).toBe(401);
    expect((await s.township.post('/api/certificates', issueBody())).status).toBe(403);
    expect((await s.dept.get('/api/certificates')).status).toBe(403);
    const sys = await s.t.as('demo-sysadmin');
    expect((await sys.get('/api/certificates')).status).toBe(403);
    expect((await s.township.get('/api/certificates/desk/match?q=abc')).status).toBe(403);

    // A cadre of another village sees nothing of 韩店村.
    const sec = await s.t.as('demo-secadmin');
    const created = await sys.post('/api/users', {
      username: 'other-village',
      displayName: '另一村经办',
      regionCode: '140404001203',
      password: 'Start#2023x',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    expect(
      (await sec.post('/api/grants', { userId: created.body.id, role: 'village_cadre', regionCode: '140404001203' }))
        .status,
    ).toBe(200);
    const other = s.t.agent();
    await other.login('other-village', 'Start#2023x');
    expect(
      (await other.post('/api/auth/password', { currentPassword: 'Start#2023x', newPassword: 'Better#2024y' })).status,
    ).toBe(200);
    const mine = (await s.village.get('/api/certificates')).body.items[0];
    expect((await other.get(`/api/certificates/${mine.id}`)).status).toBe(404);
    expect((await other.post(`/api/certificates/${mine.id}/unmask`, { fields: ['name'], reason: '看看' })).status).toBe(
      404,
    );
    expect(
      (await other.post(`/api/certificates/${mine.id}/revoke`, { version: mine.version, reason: '看看' })).status,
    ).toBe(404);
    expect((await other.get('/api/certificates')).body.total).toBe(0);
    const theirs = await other.post('/api/certificates', issueBody());
    expect(theirs.body.serial).toBe('140404001203-2026-0001');
  });
});
