/** Issuing a positive-list certificate: serial numbers, printing, public verification (rate-limited), revocation; the identity validators and masks. */
import { describe, expect, it } from 'vitest';
import { createTestApp } from '../../../../test/test-app.js';
import { verifyChain } from '../../core/audit.js';
import { isValidIdNumber, maskIdNumber, maskName, maskPhone } from './certificates.identity.js';
import {
  certificatesTest,
  VILLAGE,
  expectNoClearPii,
  issueBody,
  residents,
  strings,
} from './certificates.test-helpers.js';

const s = certificatesTest();
const [zhang, li, wang, ouyang, zhao] = residents;

describe('identity validators and masks', () => {
  it('check GB 11643 and mask as the security requirements say', () => {
    for (const r of residents) expect(isValidIdNumber(r.idNumber)).toBe(true);
    expect(isValidIdNumber('140404198503122014')).toBe(false);
    expect(isValidIdNumber('140404198502302013')).toBe(false); // 30 February
    expect(maskIdNumber('14040419920705302X')).toBe('1404**********302X');
    expect(maskPhone('13812341234')).toBe('138****1234');
    expect(maskName('张伟')).toBe('张*');
    expect(maskName('王建国')).toBe('王*国');
    expect(maskName('欧阳明月')).toBe('欧**月');
  });
});

describe('journey (c): a positive-list certificate, printed, verified, revoked', () => {
  it('issues with a serial, prints with a copy number, verifies publicly, and says revoked after revocation', async () => {
    const match = await s.village.get(`/api/certificates/desk/match?q=${encodeURIComponent('入党外调政审证明')}`);
    expect(match.status).toBe(200);
    expect(match.body).toMatchObject({
      verdict: 'positive',
      item: { code: 'SX-CERT-2023-02' },
      actions: ['issue', 'refuse'],
      promise: { available: false },
    });
    expect(match.body.template.paragraphs.join('')).toContain('【证明内容】');
    expect(match.body.catalogVersionId).toBeTruthy();

    const issued = await s.village.post('/api/certificates', issueBody());
    expect(issued.status, JSON.stringify(issued.body)).toBe(200);
    const c = issued.body;
    expect(c).toMatchObject({
      serial: `${VILLAGE}-2026-0001`,
      itemCode: 'SX-CERT-2023-02',
      path: 'catalog',
      status: 'valid',
      holderName: '张*',
      idNumber: '1404**********2013',
      phone: '138****1234',
      regionName: '韩店村委会',
    });
    expect(c.catalogVersionId).toBe(match.body.catalogVersionId);
    expect(c.verificationCode).toMatch(/^[A-Za-z0-9_-]{27}$/); // 160 bits
    expect(c.verifyPath).toBe(`/verify/${c.verificationCode}`);
    expectNoClearPii('issue response', strings(c));

    // The stored row holds ciphertext and masks only.
    const row = (await s.t.deps.db
      .selectFrom('certificate')
      .selectAll()
      .where('id', '=', c.id)
      .executeTakeFirstOrThrow()) as Record<string, unknown>;
    expectNoClearPii(
      'certificate row',
      Object.values(row).filter((v): v is string => typeof v === 'string'),
    );
    expect(Object.values(row).filter((v) => v === zhang.name)).toEqual([]);
    expect(String(row.idNumberEnc)).toMatch(/^sm4hm2:/); // SM4-CTR + HMAC-SM3 bound to table, row and column

    const printed = await s.village.post(`/api/certificates/${c.id}/print`, {});
    expect(printed.status, JSON.stringify(printed.body)).toBe(200);
    expect(printed.body).toMatchObject({
      serial: c.serial,
      holderName: zhang.name,
      idNumber: zhang.idNumber,
      copyNo: 1,
      reprint: false,
      issuedOnText: '2026年11月28日',
      title: '入党外调政审等发展党员证明',
    });
    expect(printed.body.paragraphs.join('')).toContain('现实表现良好');
    expect((await s.village.post(`/api/certificates/${c.id}/print`, {})).status).toBe(400); // a reprint needs a reason
    const reprinted = await s.village.post(`/api/certificates/${c.id}/print`, { reason: '原件污损' });
    expect(reprinted.body).toMatchObject({ copyNo: 2, reprint: true });
    expect((await s.township.post(`/api/certificates/${c.id}/print`, {})).status).toBe(403);

    const anon = s.t.agent();
    const verified = await anon.get(`/api/public/verify/${c.verificationCode}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      valid: true,
      status: 'valid',
      serial: c.serial,
      type: '入党外调政审等发展党员证明',
      village: { code: VILLAGE, name: '韩店村委会' },
      issuedOn: '2026-11-28',
      holderName: '张*',
      revokedOn: null,
    });
    expectNoClearPii('verify', strings(verified.body));
    expect((await anon.get('/api/public/verify/not-a-real-code-aaaaaaaaaaaaaaa')).status).toBe(404);

    expect((await s.village.post(`/api/certificates/${c.id}/revoke`, { version: c.version, reason: '' })).status).toBe(
      400,
    );
    const revoked = await s.village.post(`/api/certificates/${c.id}/revoke`, {
      version: c.version,
      reason: '申请人提供的情况与事实不符',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokeReason: '申请人提供的情况与事实不符' });
    const after = await anon.get(`/api/public/verify/${c.verificationCode}`);
    expect(after.body).toMatchObject({
      valid: false,
      status: 'revoked',
      revokedOn: '2026-11-28',
    });
    expect((await s.village.post(`/api/certificates/${c.id}/print`, { reason: '再打一份' })).status).toBe(409);
    expect(
      (await s.village.post(`/api/certificates/${c.id}/revoke`, { version: revoked.body.version, reason: '重复撤销' }))
        .status,
    ).toBe(409);

    const detail = await s.village.get(`/api/certificates/${c.id}`);
    expect(detail.body.events.map((e: any) => e.kind)).toEqual([
      'issued',
      'printed',
      'reprinted',
      'verified',
      'revoked',
      'verified',
    ]);
    const audit = await s.t.deps.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', c.id)
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'certificates.issue',
      'certificates.print',
      'certificates.print',
      'certificates.revoke',
      'certificates.view',
    ]);
    expect((await verifyChain(s.t.deps.db, s.t.deps.keys)).ok).toBe(true);
  });

  it('matches the adoption purpose to the adoption item of the positive list', async () => {
    const m = await s.village.get(`/api/certificates/desk/match?q=${encodeURIComponent('收养人婚姻状况证明')}`);
    expect(m.body).toMatchObject({ verdict: 'positive', item: { code: 'SX-CERT-2023-03' } });
  });

  it('numbers certificates per village and year without gaps or duplicates under concurrency', async () => {
    const results = await Promise.all(
      [li, wang, ouyang, zhao].map((p) =>
        s.village.post(
          '/api/certificates',
          issueBody({ holder: { name: p.name, idNumber: p.idNumber, phone: p.phone } }),
        ),
      ),
    );
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
    const serials = results.map((r) => r.body.serial).sort();
    expect(new Set(serials).size).toBe(4);
    const rows = await s.t.deps.db
      .selectFrom('certificate')
      .select('seq')
      .where('regionCode', '=', VILLAGE)
      .where('year', '=', 2026)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
  });
});

describe('public verification is rate-limited per client (JIANFU_PUBLIC_RATE_LIMIT)', () => {
  it('answers 429 after the configured number of requests per minute', async () => {
    const limited = await createTestApp({ env: { JIANFU_PUBLIC_RATE_LIMIT: '3' } });
    try {
      const anon = limited.agent();
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await anon.get('/api/public/verify/AAAAAAAAAAAAAAAAAAAAAAAAAAA')).status);
      expect(statuses).toEqual([404, 404, 404, 429]);
      const decisions = [];
      for (let i = 0; i < 4; i++)
        decisions.push((await anon.get('/api/public/admission-decisions?region=140404')).status);
      expect(decisions).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
