/** What the desk does instead of issuing: refusal slips with the alternative channel, the demands they record, unlisted certificates only after deliberation, and 告知承诺 forms. */
import { describe, expect, it } from 'vitest';
import { certificatesTest, kinshipSlip, residents, VILLAGE, issueBody } from './certificates.test-helpers.js';

const s = certificatesTest();
const [, , wang] = residents;

describe('journey (d): a negative-list request gets a refusal slip with the alternative channel', () => {
  it('refuses to issue, prints a slip naming the item and where to go instead, and records the demand', async () => {
    const m = await s.village.get(`/api/certificates/desk/match?q=${encodeURIComponent('开个亲属关系证明')}`);
    expect(m.body).toMatchObject({ verdict: 'negative', item: { code: 'CN-NEG-2020-01' }, actions: ['refuse'] });
    expect(m.body.alternative.guidance).toContain('公安');

    const issueTry = await s.village.post('/api/certificates', issueBody({ q: '亲属关系证明' }));
    expect(issueTry.status).toBe(409);
    expect(issueTry.body.error.message).toContain('不予出具告知单');

    const slip = await s.village.post('/api/certificates/refusals', kinshipSlip());
    expect(slip.status, JSON.stringify(slip.body)).toBe(200);
    expect(slip.body).toMatchObject({
      kind: 'refusal',
      verdict: 'negative',
      item: { code: 'CN-NEG-2020-01', name: '亲属关系证明' },
      holderName: '李*英',
    });
    expect(slip.body.number).toMatch(new RegExp(`^${VILLAGE}-2026-B\\d{4}$`));
    expect(slip.body.reason).toContain('不应出具');
    expect(slip.body.alternative.guidance).toContain('公安');
    expect(slip.body.catalogVersionId).toBeTruthy();
    expect((await s.township.get(`/api/certificates/refusals/${slip.body.id}`)).status).toBe(200);
    // A refusal slip is not a promise form: each detail route answers for its own kind only.
    expect((await s.township.get(`/api/certificates/promises/${slip.body.id}`)).status).toBe(404);

    await s.village.post('/api/certificates/demands', {
      demanderName: '某某银行 长治分行',
      demanderKind: 'bank',
      certificateName: '无犯罪记录证明',
      demandedOn: '2026-11-20',
    });
    await s.village.post('/api/certificates/demands', {
      demanderName: '某某人寿保险公司',
      demanderKind: 'insurer',
      certificateName: '健在证明',
      demandedOn: '2026-11-21',
    });
    const counts = await s.district.get('/api/certificates/demands/by-demander');
    expect(counts.status).toBe(200);
    expect(counts.body.items[0]).toMatchObject({
      demanderName: expect.stringContaining('某某银行'),
      count: 2,
      delisted: 2,
    });
    expect(counts.body.items).toContainEqual(
      expect.objectContaining({ demanderName: '某某人寿保险公司', count: 1, delisted: 1 }),
    );
    const list = await s.township.get('/api/certificates/demands?delistedOnly=true');
    expect(list.body.items.map((d: any) => d.itemCode).sort()).toEqual([
      'CN-NEG-2020-01',
      'CN-NEG-2020-05',
      'CN-NEG-2020-10',
    ]);
  });

  it("an unlisted request is refused, or issued only with a basis, a deliberation and the committee head's sign-off", async () => {
    const q = '房屋翻建四邻无异议证明';
    const m = await s.village.get(`/api/certificates/desk/match?q=${encodeURIComponent(q)}`);
    expect(m.body.verdict).toBe('unlisted');
    expect(m.body.actions).toEqual(['refuse', 'deliberate']);
    const bare = await s.village.post('/api/certificates', issueBody({ q }));
    expect(bare.status).toBe(400);
    expect(bare.body.error.message).toContain('依据');
    const deliberated = {
      q,
      basis: '村民委员会组织法第二条',
      deliberation: {
        heldOn: '2026-11-27',
        form: 'joint_meeting',
        participants: 7,
        summary: '经村两委联席会议研究，四邻均书面表示无异议',
      },
    };
    const noSign = await s.village.post('/api/certificates', issueBody(deliberated));
    expect(noSign.status).toBe(400);
    expect(noSign.body.error.message).toContain('主任签字');
    const ok = await s.village.post(
      '/api/certificates',
      issueBody({ ...deliberated, signOff: { name: '刘某某', signedOn: '2026-11-28' } }),
    );
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toMatchObject({
      path: 'deliberation',
      itemCode: null,
      itemName: q,
      signOff: { name: '刘某某', title: '村民委员会主任' },
      deliberation: { form: 'joint_meeting', participants: 7 },
    });
    const slip = await s.village.post('/api/certificates/refusals', { q });
    expect(slip.body).toMatchObject({ verdict: 'unlisted', item: null, alternative: null });
    expect(slip.body.reason).toContain('不在村级组织出具证明事项目录内');
  });
});

describe('告知承诺 (notify and promise)', () => {
  it('is off by default and offered only for items the district enabled with a basis', async () => {
    const before = await s.village.post('/api/certificates/promises', {
      q: '婚姻状况证明',
      itemCode: 'CN-NEG-2020-08',
      holder: { name: wang.name },
      purpose: '办理贷款',
    });
    expect(before.status).toBe(409);
    expect(
      (
        await s.village.request('PUT', '/api/certificates/promise-items/CN-NEG-2020-08', {
          enabled: true,
          basis: 'x文件',
          version: 0,
        })
      ).status,
    ).toBe(403);
    const set = await s.district.request('PUT', '/api/certificates/promise-items/CN-NEG-2020-08', {
      enabled: true,
      basis: '长治市上党区证明事项告知承诺制实施方案（示例依据，须由区民政局据实填写）',
      version: 0,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body).toMatchObject({ itemCode: 'CN-NEG-2020-08', enabled: true, version: 1 });
    expect(
      (
        await s.district.request('PUT', '/api/certificates/promise-items/NO-SUCH-01', {
          enabled: true,
          basis: '某某文件',
          version: 0,
        })
      ).status,
    ).toBe(400);
    const m = await s.village.get(`/api/certificates/desk/match?q=${encodeURIComponent('婚姻状况证明')}`);
    expect(m.body.actions).toContain('promise');
    expect(m.body.promise.available).toBe(true);
    const p = await s.village.post('/api/certificates/promises', {
      q: '婚姻状况证明',
      itemCode: 'CN-NEG-2020-08',
      holder: { name: wang.name, idNumber: wang.idNumber, phone: wang.phone },
      purpose: '办理贷款',
      demander: '某某农商银行',
    });
    expect(p.status, JSON.stringify(p.body)).toBe(200);
    expect(p.body).toMatchObject({
      kind: 'promise',
      holderName: '王*国',
      idNumber: '1404**********1114',
      phone: '186****1234',
    });
    expect(p.body.promiseText.join('')).toContain('国办发〔2020〕42号');
    expect(p.body.promiseText.join('')).toContain('不实承诺');
  });
});
