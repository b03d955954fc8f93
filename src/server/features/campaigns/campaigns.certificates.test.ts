/**
 * Certificate suggestions in a ledger are the public certificate check's answers (S-6.2): for every
 * name, the row judged in a village's ledger has the public check's verdict, item and catalog version.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/test-app.js';
import { launchedCampaign, ledgerOf } from '../../../../test/fixtures/ledgers/helpers.js';

let t: TestApp;
let campaignId: string;

beforeAll(async () => {
  t = await createTestApp();
  ({ id: campaignId } = await launchedCampaign(t));
});
afterAll(() => t.close());

describe('certificate suggestions = the public check (S-6.2)', () => {
  it('for every name, the row judged in a ledger has the public check verdict and item', async () => {
    const names = [
      '亲属关系证明',
      '开个亲属关系证明',
      '无犯罪记录证明',
      '死亡证明',
      '老人去世证明',
      '婚姻状况证明',
      '收养人婚姻状况证明',
      '入党外调政审证明',
      '学生参加活动情况反馈证明',
      '居住证明',
      '经济困难证明',
      '房屋产权证明',
      '在职党员到居住地报到情况反馈',
      '残疾证明',
      '出生证明',
      '养犬证明',
    ];
    const other = await ledgerOf(t, campaignId, '140404001202');
    // A village cadre of 黎岭村 (140404001202) fills its ledger.
    const sys = await t.as('demo-sysadmin');
    const created = await sys.post('/api/users', {
      username: 'cadre-201',
      displayName: '黎岭村经办',
      regionCode: '140404001202',
      password: 'Start#2026x',
    });
    const sec = await t.as('demo-secadmin');
    expect(
      (await sec.post('/api/grants', { userId: created.body.id, role: 'village_cadre', regionCode: '140404001202' }))
        .status,
    ).toBe(200);
    const u = t.agent();
    await u.login('cadre-201', 'Start#2026x');
    await u.post('/api/auth/password', { currentPassword: 'Start#2026x', newPassword: 'Better#2026y' });
    for (const name of names) {
      const res = await u.post(`/api/ledgers/${other}/rows`, {
        category: 'certificate',
        name,
        imposedBy: '某单位',
        fields: {},
      });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const pub = await t
        .agent()
        .get(`/api/public/certificate-check?q=${encodeURIComponent(name)}&region=140404001202`);
      expect(pub.status).toBe(200);
      expect({
        name,
        verdict: res.body.row.suggestion.matchKind,
        item: res.body.row.suggestion.itemCode,
        version: res.body.row.suggestion.catalogVersion,
      }).toEqual({
        name,
        verdict: pub.body.verdict,
        item: pub.body.item?.code ?? null,
        version: pub.body.catalogVersion,
      });
      expect(res.body.row.suggestion.verdict).toBe(pub.body.verdict === 'positive' ? 'keep' : 'cancel');
    }
  });
});
