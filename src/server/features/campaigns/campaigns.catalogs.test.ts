/**
 * Issue 9 through the API: a ledger never tells a village to cancel lawful work while its catalogs are
 * incomplete (待核实（目录未完整）, never accepted alone or in bulk), and a row's suggestion follows the
 * catalogs the district brings in force, on the row's next judgement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { launchedCampaign, ledgerOf } from '../../../../test/fixtures/ledgers/helpers.js';

const DISTRICT = '140404000000';
let t: TestApp;
let village: Agent, district: Agent;
let ledgerId: string;

beforeAll(async () => {
  t = await createTestApp();
  const { id } = await launchedCampaign(t);
  ledgerId = await ledgerOf(t, id, '140404001200');
  [village, district] = await Promise.all(['demo-village', 'demo-district'].map((u) => t.as(u)));
});
afterAll(() => t.close());

const affair = (name: string) => ({
  category: 'work_affair',
  name,
  imposedBy: '区人武部',
  fields: { catalogHit: null, funding: '', formsRequired: 0, approvalRef: '' },
});

async function addRow(name: string) {
  const res = await village.post(`/api/ledgers/${ledgerId}/rows`, affair(name));
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.row;
}

describe('ledger suggestions against incomplete catalogs (issue 9)', () => {
  it('协助开展适龄青年征兵宣传 is lawful work: never 取消', async () => {
    const row = await addRow('协助开展适龄青年征兵宣传');
    expect(row.suggestion.verdict).not.toBe('cancel');
    expect(['keep', 'rectify', 'verify']).toContain(row.suggestion.verdict);
  });

  it('work found in no catalog is 待核实 while the catalogs are incomplete; it cannot be accepted alone or in bulk', async () => {
    const row = await addRow('农村人居环境整治村庄清洁行动');
    expect(row.suggestion).toMatchObject({ verdict: 'verify', matchKind: 'unverified' });
    expect(row.suggestion.flags).toContain('catalog_incomplete');
    expect(row.suggestion.reason.key).toBe('campaigns.reason.verifyWorkAffair');
    const accept = await village.post(`/api/ledger-rows/${row.id}/decision`, {
      version: row.version,
      action: 'accept',
    });
    expect(accept.status).toBe(400);
    expect(accept.body.error.key).toBe('campaigns.error.verifyNotAcceptable');
    const view = (await village.get(`/api/ledgers/${ledgerId}`)).body;
    await village.post(`/api/ledgers/${ledgerId}/accept-all`, { version: view.ledger.version });
    const after = (await village.get(`/api/ledger-rows/${row.id}`)).body.row;
    expect(after.decision).toBeNull();
  });

  it('follows the catalogs the district brings in force: the next judgement finds the item (keep as a duty)', async () => {
    const name = '农村人居环境整治村庄清洁行动';
    const created = await district.post('/api/catalogs', {
      kind: 'duty',
      title: '上党区村级组织履行职责事项清单（测试导入）',
      ownerRegion: DISTRICT,
      complete: true,
      completenessNote: '正式附件全文',
      effectiveFrom: '2026-01-01',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(200);
    const draft = await district.post('/api/catalogs/adjustments', {
      targetRegion: DISTRICT,
      operation: 'add',
      catalogId: created.body.id,
      reasonType: 'annual_review',
      basis: '（测试）区委办印发的村级组织履行职责事项清单',
      effectiveDate: '2026-11-28',
      fields: { name, basis: '（测试）区委办印发的村级组织履行职责事项清单' },
    });
    expect(draft.status, JSON.stringify(draft.body)).toBe(200);
    const sub = await district.post(`/api/catalogs/adjustments/${draft.body.id}/submit`, {
      version: draft.body.version,
    });
    const ok = await district.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, { version: sub.body.version });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    const pub = await district.post(`/api/catalogs/adjustments/${draft.body.id}/publish`, { version: ok.body.version });
    expect([200, 409]).toContain(pub.status);

    const rows = (await village.get(`/api/ledgers/${ledgerId}`)).body.rows.work_affair.filter(
      (r: any) => r.name === name,
    );
    const row = rows[0];
    const edited = await village.patch(`/api/ledger-rows/${row.id}`, {
      version: row.version,
      imposedBy: '区农业农村局',
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body.row.suggestion).toMatchObject({ verdict: 'keep', matchKind: 'duty' });
    expect(edited.body.row.suggestion.itemName).toBe(name);
  });
});
