import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { verifyChain } from '../../core/audit.js';
import {
  CLEAR_ID_PATTERN,
  CLEAR_PHONE_PATTERN,
  isValidIdNumber,
  maskIdNumber,
  maskName,
  maskPhone,
} from './certificates.identity.js';

const { residents } = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/certificates/residents.json', import.meta.url), 'utf8'),
) as {
  residents: { name: string; idNumber: string; phone: string }[];
};
const [zhang, li, wang, ouyang, zhao] = residents;

let t: TestApp;
let village: Agent, township: Agent, district: Agent, dept: Agent;
const VILLAGE = '140404001200';

beforeAll(async () => {
  t = await createTestApp();
  [village, township, district, dept] = await Promise.all(
    ['demo-village', 'demo-township', 'demo-district', 'demo-department'].map((u) => t.as(u)),
  );
});
afterAll(() => t.close());

const issueBody = (over: Record<string, unknown> = {}) => ({
  q: '入党外调政审证明',
  holder: { name: zhang.name, idNumber: zhang.idNumber, phone: zhang.phone },
  purpose: '发展党员政治审查',
  demander: '中共某某大学委员会组织部',
  facts: '系本村村民，户籍在本村，现实表现良好，无违法违纪记录',
  signerName: '刘主任',
  ...over,
});

/** Every string anywhere in a JSON value. */
function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

const CLEAR = residents.flatMap((r) => [r.idNumber, r.phone]);
function expectNoClearPii(label: string, values: string[]) {
  for (const s of values) {
    expect(CLEAR_ID_PATTERN.test(s), `${label}: unmasked ID number in “${s}”`).toBe(false);
    expect(CLEAR_PHONE_PATTERN.test(s), `${label}: unmasked phone number in “${s}”`).toBe(false);
    for (const c of CLEAR) expect(s.includes(c), `${label}: “${c}” in “${s}”`).toBe(false);
  }
}

async function xlsxStrings(raw: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as any);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text ?? cell.value ?? '')))));
  return out;
}

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
    const match = await village.get(`/api/certificates/desk/match?q=${encodeURIComponent('入党外调政审证明')}`);
    expect(match.status).toBe(200);
    expect(match.body).toMatchObject({
      verdict: 'positive',
      item: { code: 'SX-CERT-2023-02' },
      actions: ['issue', 'refuse'],
      promise: { available: false },
    });
    expect(match.body.template.paragraphs.join('')).toContain('【证明内容】');
    expect(match.body.catalogVersionId).toBeTruthy();

    const issued = await village.post('/api/certificates', issueBody());
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
    const row = (await t.deps.db
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

    const printed = await village.post(`/api/certificates/${c.id}/print`, {});
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
    expect((await village.post(`/api/certificates/${c.id}/print`, {})).status).toBe(400); // a reprint needs a reason
    const reprinted = await village.post(`/api/certificates/${c.id}/print`, { reason: '原件污损' });
    expect(reprinted.body).toMatchObject({ copyNo: 2, reprint: true });
    expect((await township.post(`/api/certificates/${c.id}/print`, {})).status).toBe(403);

    const anon = t.agent();
    const verified = await anon.get(`/api/public/verify/${c.verificationCode}`);
    expect(verified.status).toBe(200);
    expect(verified.body).toEqual({
      valid: true,
      status: 'valid',
      statusLabel: '有效',
      serial: c.serial,
      type: '入党外调政审等发展党员证明',
      village: { code: VILLAGE, name: '韩店村委会' },
      issuedOn: '2026-11-28',
      holderName: '张*',
      revokedOn: null,
    });
    expectNoClearPii('verify', strings(verified.body));
    expect((await anon.get('/api/public/verify/not-a-real-code-aaaaaaaaaaaaaaa')).status).toBe(404);

    expect((await village.post(`/api/certificates/${c.id}/revoke`, { version: c.version, reason: '' })).status).toBe(
      400,
    );
    const revoked = await village.post(`/api/certificates/${c.id}/revoke`, {
      version: c.version,
      reason: '申请人提供的情况与事实不符',
    });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({ status: 'revoked', revokeReason: '申请人提供的情况与事实不符' });
    const after = await anon.get(`/api/public/verify/${c.verificationCode}`);
    expect(after.body).toMatchObject({
      valid: false,
      status: 'revoked',
      statusLabel: '已撤销',
      revokedOn: '2026-11-28',
    });
    expect((await village.post(`/api/certificates/${c.id}/print`, { reason: '再打一份' })).status).toBe(409);
    expect(
      (await village.post(`/api/certificates/${c.id}/revoke`, { version: revoked.body.version, reason: '重复撤销' }))
        .status,
    ).toBe(409);

    const detail = await village.get(`/api/certificates/${c.id}`);
    expect(detail.body.events.map((e: any) => e.kind)).toEqual([
      'issued',
      'printed',
      'reprinted',
      'verified',
      'revoked',
      'verified',
    ]);
    const audit = await t.deps.db
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
    expect((await verifyChain(t.deps.db, t.deps.keys)).ok).toBe(true);
  });

  it('matches the adoption purpose to the adoption item of the positive list', async () => {
    const m = await village.get(`/api/certificates/desk/match?q=${encodeURIComponent('收养人婚姻状况证明')}`);
    expect(m.body).toMatchObject({ verdict: 'positive', item: { code: 'SX-CERT-2023-03' } });
  });

  it('numbers certificates per village and year without gaps or duplicates under concurrency', async () => {
    const results = await Promise.all(
      [li, wang, ouyang, zhao].map((p) =>
        village.post(
          '/api/certificates',
          issueBody({ holder: { name: p.name, idNumber: p.idNumber, phone: p.phone } }),
        ),
      ),
    );
    for (const r of results) expect(r.status, JSON.stringify(r.body)).toBe(200);
    const serials = results.map((r) => r.body.serial).sort();
    expect(new Set(serials).size).toBe(4);
    const rows = await t.deps.db
      .selectFrom('certificate')
      .select('seq')
      .where('regionCode', '=', VILLAGE)
      .where('year', '=', 2026)
      .orderBy('seq')
      .execute();
    expect(rows.map((r) => Number(r.seq))).toEqual(rows.map((_, i) => i + 1));
  });
});

describe('journey (d): a negative-list request gets a refusal slip with the alternative channel', () => {
  it('refuses to issue, prints a slip naming the item and where to go instead, and records the demand', async () => {
    const m = await village.get(`/api/certificates/desk/match?q=${encodeURIComponent('开个亲属关系证明')}`);
    expect(m.body).toMatchObject({ verdict: 'negative', item: { code: 'CN-NEG-2020-01' }, actions: ['refuse'] });
    expect(m.body.alternative.guidance).toContain('公安');

    const issueTry = await village.post('/api/certificates', issueBody({ q: '亲属关系证明' }));
    expect(issueTry.status).toBe(409);
    expect(issueTry.body.error.message).toContain('不予出具告知单');

    const slip = await village.post('/api/certificates/refusals', {
      q: '开个亲属关系证明',
      holderName: li.name,
      purpose: '办理存款继承',
      demander: '某某银行长治分行',
      demanderKind: 'bank',
    });
    expect(slip.status, JSON.stringify(slip.body)).toBe(200);
    expect(slip.body).toMatchObject({
      kind: 'refusal',
      title: '不予出具证明告知单',
      verdict: 'negative',
      item: { code: 'CN-NEG-2020-01', name: '亲属关系证明' },
      holderName: '李*英',
    });
    expect(slip.body.number).toMatch(new RegExp(`^${VILLAGE}-2026-B\\d{4}$`));
    expect(slip.body.reason).toContain('不应出具');
    expect(slip.body.alternative.guidance).toContain('公安');
    expect(slip.body.alternative.guidanceNote).toContain('不是清单官方原文');
    expect(slip.body.catalogVersionId).toBeTruthy();
    expect((await township.get(`/api/certificates/refusals/${slip.body.id}`)).status).toBe(200);
    // A refusal slip is not a promise form: each detail route answers for its own kind only.
    expect((await township.get(`/api/certificates/promises/${slip.body.id}`)).status).toBe(404);

    await village.post('/api/certificates/demands', {
      demanderName: '某某银行 长治分行',
      demanderKind: 'bank',
      certificateName: '无犯罪记录证明',
      demandedOn: '2026-11-20',
    });
    await village.post('/api/certificates/demands', {
      demanderName: '某某人寿保险公司',
      demanderKind: 'insurer',
      certificateName: '健在证明',
      demandedOn: '2026-11-21',
    });
    const counts = await district.get('/api/certificates/demands/by-demander');
    expect(counts.status).toBe(200);
    expect(counts.body.items[0]).toMatchObject({
      demanderName: expect.stringContaining('某某银行'),
      count: 2,
      delisted: 2,
    });
    expect(counts.body.items).toContainEqual(
      expect.objectContaining({ demanderName: '某某人寿保险公司', count: 1, delisted: 1 }),
    );
    const list = await township.get('/api/certificates/demands?delistedOnly=true');
    expect(list.body.items.map((d: any) => d.itemCode).sort()).toEqual([
      'CN-NEG-2020-01',
      'CN-NEG-2020-05',
      'CN-NEG-2020-10',
    ]);
  });

  it("an unlisted request is refused, or issued only with a basis, a deliberation and the committee head's sign-off", async () => {
    const q = '房屋翻建四邻无异议证明';
    const m = await village.get(`/api/certificates/desk/match?q=${encodeURIComponent(q)}`);
    expect(m.body.verdict).toBe('unlisted');
    expect(m.body.actions).toEqual(['refuse', 'deliberate']);
    const bare = await village.post('/api/certificates', issueBody({ q }));
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toContain('依据');
    const noSign = await village.post(
      '/api/certificates',
      issueBody({
        q,
        basis: '村民委员会组织法第二条',
        deliberation: {
          heldOn: '2026-11-27',
          form: 'joint_meeting',
          participants: 7,
          summary: '经村两委联席会议研究，四邻均书面表示无异议',
        },
      }),
    );
    expect(noSign.status).toBe(400);
    expect(noSign.body.error.message).toContain('主任签字');
    const ok = await village.post(
      '/api/certificates',
      issueBody({
        q,
        basis: '村民委员会组织法第二条',
        deliberation: {
          heldOn: '2026-11-27',
          form: 'joint_meeting',
          participants: 7,
          summary: '经村两委联席会议研究，四邻均书面表示无异议',
        },
        signOff: { name: '刘某某', signedOn: '2026-11-28' },
      }),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      path: 'deliberation',
      itemCode: null,
      itemName: q,
      signOff: { name: '刘某某', title: '村民委员会主任' },
      deliberation: { formLabel: '村“两委”联席会议' },
    });
    const slip = await village.post('/api/certificates/refusals', { q });
    expect(slip.body).toMatchObject({ verdict: 'unlisted', item: null, alternative: null });
    expect(slip.body.reason).toContain('不在村级组织出具证明事项目录内');
  });
});

describe('告知承诺 (notify and promise)', () => {
  it('is off by default and offered only for items the district enabled with a basis', async () => {
    const before = await village.post('/api/certificates/promises', {
      q: '婚姻状况证明',
      itemCode: 'CN-NEG-2020-08',
      holder: { name: wang.name },
      purpose: '办理贷款',
    });
    expect(before.status).toBe(409);
    expect(
      (
        await village.request('PUT', '/api/certificates/promise-items/CN-NEG-2020-08', {
          enabled: true,
          basis: 'x文件',
          version: 0,
        })
      ).status,
    ).toBe(403);
    const set = await district.request('PUT', '/api/certificates/promise-items/CN-NEG-2020-08', {
      enabled: true,
      basis: '长治市上党区证明事项告知承诺制实施方案（示例依据，须由区民政局据实填写）',
      version: 0,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ itemCode: 'CN-NEG-2020-08', enabled: true, version: 1 });
    expect(
      (
        await district.request('PUT', '/api/certificates/promise-items/NO-SUCH-01', {
          enabled: true,
          basis: '某某文件',
          version: 0,
        })
      ).status,
    ).toBe(400);
    const m = await village.get(`/api/certificates/desk/match?q=${encodeURIComponent('婚姻状况证明')}`);
    expect(m.body.actions).toContain('promise');
    expect(m.body.promise.available).toBe(true);
    const p = await village.post('/api/certificates/promises', {
      q: '婚姻状况证明',
      itemCode: 'CN-NEG-2020-08',
      holder: { name: wang.name, idNumber: wang.idNumber, phone: wang.phone },
      purpose: '办理贷款',
      demander: '某某农商银行',
    });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body).toMatchObject({
      kind: 'promise',
      title: '证明事项告知承诺书',
      holderName: '王*国',
      idNumber: '1404**********1114',
      phone: '186****1234',
    });
    expect(p.body.promiseText.join('')).toContain('国办发〔2020〕42号');
    expect(p.body.promiseText.join('')).toContain('不实承诺');
  });
});

describe('the register: masked in every list and export, unmasked views audited', () => {
  it('finds no unmasked ID or phone number in any list or export response', async () => {
    for (const who of [village, township, district]) {
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
      expect(responses[0].body.total).toBeGreaterThanOrEqual(6);
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
    const searches = await t.deps.db
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
    const list = await village.get(`/api/certificates?idNumber=${li.idNumber}`);
    const id = list.body.items[0].id;
    expect(
      (await township.post(`/api/certificates/${id}/unmask`, { fields: ['idNumber'], reason: '核对' })).status,
    ).toBe(403);
    expect((await village.post(`/api/certificates/${id}/unmask`, { fields: ['idNumber'] })).status).toBe(400);
    const shown = await village.post(`/api/certificates/${id}/unmask`, {
      fields: ['idNumber', 'phone'],
      reason: '申请人来电核对',
    });
    expect(shown.status).toBe(200);
    expect(shown.body).toEqual({ idNumber: li.idNumber, phone: li.phone });
    const row = await t.deps.db
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
    const badId = await village.post(
      '/api/certificates',
      issueBody({ holder: { name: '张三', idNumber: '140404198503122014' } }),
    );
    expect(badId.status).toBe(400);
    expect(badId.body.error.message).toContain('公民身份号码无效');
    const badPhone = await village.post(
      '/api/certificates',
      issueBody({ holder: { name: '张三', phone: '12345678901' } }),
    );
    expect(badPhone.status).toBe(400);
    expect(badPhone.body.error.message).toContain('手机号码无效');
  });

  it('401 without a session, 403 for the wrong role, 404 outside the scope', async () => {
    const anon = t.agent();
    expect((await anon.get('/api/certificates')).status).toBe(401);
    expect((await anon.post('/api/certificates', issueBody())).status).toBe(401);
    expect((await township.post('/api/certificates', issueBody())).status).toBe(403);
    expect((await dept.get('/api/certificates')).status).toBe(403);
    const sys = await t.as('demo-sysadmin');
    expect((await sys.get('/api/certificates')).status).toBe(403);
    expect((await township.get('/api/certificates/desk/match?q=abc')).status).toBe(403);

    // A cadre of another village sees nothing of 韩店村.
    const sec = await t.as('demo-secadmin');
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
    const other = t.agent();
    await other.login('other-village', 'Start#2023x');
    expect(
      (await other.post('/api/auth/password', { currentPassword: 'Start#2023x', newPassword: 'Better#2024y' })).status,
    ).toBe(200);
    const mine = (await village.get('/api/certificates')).body.items[0];
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
