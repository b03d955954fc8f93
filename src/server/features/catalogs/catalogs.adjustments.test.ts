import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agent, TestApp } from '../../../../test/test-app.js';
import { verifyChain } from '../../core/audit.js';
import {
  adjustmentsApp,
  HANDIAN_TOWNSHIP,
  HANDIAN_VILLAGE,
  proposeAndSubmit,
  signInAt,
} from './catalogs.test-helpers.js';

// S-7.1 dynamic adjustment, S-9 "refine the provincial lists": the Done-means of the Catalogs issue.
// The rules of the workflow are in catalogs.adjustments.rules.test.ts.
let t: TestApp;
let district: Agent;
let reviewer: Agent;
let township: Agent;
let otherVillage: string;
const WITHDRAWN = 'SX-CERT-2023-04'; // 学生参加活动情况反馈证明 (Shanxi positive list)

/** Sessions time out when the clock jumps, so sign in again after moving it. */
async function setClock(iso: string) {
  ({ district, township } = await signInAt(t, iso, reviewer));
}

beforeAll(async () => {
  ({ t, district, township, reviewer, otherVillage } = await adjustmentsApp());
});
afterAll(() => t.close());

const codesOf = (eff: any): string[] => eff.catalogs.flatMap((c: any) => c.items.map((i: any) => i.code));

describe('the Done flow: a district item, a township withdrawal with a future date', () => {
  let added: any;
  let withdrawal: any;

  it('demo-district proposes a district item; a second district lead approves it (proposer ≠ approver)', async () => {
    const { draft, submitted } = await proposeAndSubmit(district, {
      targetRegion: '140404',
      operation: 'add',
      catalogId: 'shanxi-2023-duties-catalog',
      reasonType: 'annual_review',
      basis: '上党区2026年度村级组织工作事项评估意见',
      effectiveDate: '2026-11-28',
      fields: {
        name: '组织召开村民会议或村民代表会议（测试事项）',
        basis: '《中华人民共和国村民委员会组织法》',
        basisArticle: '第二十一条',
        category: '村民自治',
      },
    });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({
      status: 'draft',
      operation: 'add',
      targetRegion: { code: '140404000000', name: '上党区' },
      abilities: { edit: true, submit: true, approve: false },
    });
    expect(submitted.status).toBe(200);
    const self = await district.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, {
      version: submitted.body.version,
    });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toMatch(/提出人与审批人须为不同人员/);
    const ok = await reviewer.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, {
      version: submitted.body.version,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'approved',
      effectiveFrom: '2026-11-28',
      inEffect: true,
      itemCode: '140404-DUTY-01',
      approverName: '区民政局复核人',
    });
    added = ok.body;
    const eff = await township.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}`);
    expect(codesOf(eff.body)).toContain('140404-DUTY-01');
  });

  it('demo-township proposes to withdraw a provincial item for 韩店街道 (法律法规废止, future date); demo-district approves', async () => {
    const { draft, submitted } = await proposeAndSubmit(township, {
      targetRegion: HANDIAN_TOWNSHIP,
      operation: 'withdraw',
      itemCode: WITHDRAWN,
      reasonType: 'law_repealed',
      reasonNote: '依据文件已废止',
      basis: '（测试）某规范性文件废止决定',
      effectiveDate: '2026-12-15',
    });
    expect(draft.status).toBe(200);
    expect(draft.body).toMatchObject({
      reasonType: 'law_repealed',
      itemName: '学生参加活动情况反馈证明',
      current: { name: '学生参加活动情况反馈证明' },
    });
    expect(submitted.status).toBe(200);
    expect(
      (await township.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, { version: submitted.body.version }))
        .status,
    ).toBe(403);
    const ok = await district.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, {
      version: submitted.body.version,
      note: '同意',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({
      status: 'approved',
      effectiveFrom: '2026-12-15',
      inEffect: false,
      approverName: '区民政局（演示）',
    });
    withdrawal = ok.body;
  });

  it('the township catalog changes on 2026-12-15 (Asia/Shanghai) and not before; another township is unaffected', async () => {
    const before = await township.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}`);
    expect(codesOf(before.body)).toContain(WITHDRAWN);
    expect(before.body.scheduled.map((s: any) => s.id)).toContain(withdrawal.id);

    await setClock('2026-12-14T15:59:00Z'); // 23:59 on 12-14 in Shanghai
    expect(codesOf((await district.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}`)).body)).toContain(
      WITHDRAWN,
    );
    await setClock('2026-12-14T16:00:00Z'); // 00:00 on 12-15 in Shanghai
    const after = await district.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}`);
    expect(after.body.date).toBe('2026-12-15');
    expect(codesOf(after.body)).not.toContain(WITHDRAWN);
    expect(codesOf(after.body)).toContain('SX-CERT-2023-01');
    expect(after.body.catalogVersion).not.toBe(before.body.catalogVersion);
    expect(codesOf((await district.get(`/api/catalogs/effective?region=${HANDIAN_TOWNSHIP}`)).body)).not.toContain(
      WITHDRAWN,
    );

    const other = await district.get(`/api/catalogs/effective?region=${otherVillage}`);
    expect(codesOf(other.body)).toContain(WITHDRAWN);
    expect(codesOf(other.body)).toContain('140404-DUTY-01');
    // Any date can be asked explicitly.
    expect(
      codesOf((await district.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}&date=2026-12-14`)).body),
    ).toContain(WITHDRAWN);
    const adj = await district.get(`/api/catalogs/adjustments/${withdrawal.id}`);
    expect(adj.body.inEffect).toBe(true);
  });

  it('the item history shows the seed revision and the township withdrawal with its reason', async () => {
    const res = await township.get(`/api/catalogs/items/${WITHDRAWN}/history`);
    expect(res.status).toBe(200);
    expect(res.body.item).toMatchObject({
      code: WITHDRAWN,
      catalogId: 'shanxi-2023-village-issued-certificates',
      kind: 'certificate',
    });
    expect(res.body.revisions.map((r: any) => [r.operation, r.source, r.layer?.code ?? null, r.effectiveFrom])).toEqual(
      [
        ['base', 'seed', null, '2023-01-01'],
        ['withdraw', 'adjustment', HANDIAN_TOWNSHIP, '2026-12-15'],
      ],
    );
    expect(res.body.revisions[1].adjustment).toMatchObject({
      id: withdrawal.id,
      reasonType: 'law_repealed',
      proposerName: '韩店街道（演示）',
    });
  });

  it('the diff between two dates shows the withdrawal and the district addition with the adjustment behind each', async () => {
    const res = await district.get(`/api/catalogs/diff?region=${HANDIAN_VILLAGE}&from=2026-11-27&to=2026-12-20`);
    expect(res.status).toBe(200);
    expect(res.body.withdrawn.map((e: any) => e.code)).toEqual([WITHDRAWN]);
    expect(res.body.withdrawn[0].causes[0]).toMatchObject({
      type: 'adjustment',
      adjustment: { id: withdrawal.id, reasonType: 'law_repealed' },
    });
    expect(res.body.withdrawn[0].causes[0].adjustment).toMatchObject({
      targetRegion: { name: '韩店街道' },
      operation: 'withdraw',
      effectiveFrom: '2026-12-15',
    });
    expect(res.body.added.map((e: any) => e.code)).toEqual(['140404-DUTY-01']);
    expect(res.body.added[0].causes[0].adjustment.id).toBe(added.id);
    expect(res.body.amended).toEqual([]);
    const none = await district.get(`/api/catalogs/diff?region=${otherVillage}&from=2026-12-01&to=2026-12-20`);
    expect(none.body).toMatchObject({ added: [], amended: [], withdrawn: [] });
    expect(none.body.fromVersion).toBe(none.body.toVersion);
  });

  it('the audit trail has every step of both adjustments (draft, submit, approve), and the chain verifies', async () => {
    for (const adj of [added, withdrawal]) {
      const rows = await t.deps.db
        .selectFrom('auditLog')
        .select(['action', 'actorName'])
        .where('entity', '=', 'catalog_adjustment')
        .where('entityId', '=', adj.id)
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => r.action)).toEqual([
        'catalogs.adjustment.create',
        'catalogs.adjustment.submit',
        'catalogs.adjustment.approve',
      ]);
    }
    const w = await t.deps.db
      .selectFrom('auditLog')
      .select(['action', 'actorName'])
      .where('entityId', '=', withdrawal.id)
      .orderBy('seq')
      .execute();
    expect(w.map((r) => r.actorName)).toEqual(['demo-township', 'demo-township', 'demo-district']);
    expect((await verifyChain(t.deps.db, t.deps.keys)).ok).toBe(true);
  });

  it('publishing: the portal follows approval only after the district publishes', async () => {
    const pub = async () => (await t.agent().get(`/api/public/catalogs?region=${HANDIAN_VILLAGE}`)).body;
    const codes = (b: any) =>
      b.kinds.flatMap((k: any) => k.catalogs.flatMap((c: any) => c.items.map((i: any) => i.code)));
    expect(codes(await pub())).toContain(WITHDRAWN);
    expect(codes(await pub())).not.toContain('140404-DUTY-01');
    const w = await district.get(`/api/catalogs/adjustments/${withdrawal.id}`);
    expect(w.body.abilities.publish).toBe(true);
    expect(
      (await township.post(`/api/catalogs/adjustments/${withdrawal.id}/publish`, { version: w.body.version })).status,
    ).toBe(403);
    const published = await district.post(`/api/catalogs/adjustments/${withdrawal.id}/publish`, {
      version: w.body.version,
    });
    expect(published.status).toBe(200);
    expect(published.body.publishedAt).toBeTruthy();
    expect(codes(await pub())).not.toContain(WITHDRAWN);
    const again = await district.post(`/api/catalogs/adjustments/${withdrawal.id}/publish`, {
      version: published.body.version,
    });
    expect(again.status).toBe(409);
    const a = await district.get(`/api/catalogs/adjustments/${added.id}`);
    expect(
      (await district.post(`/api/catalogs/adjustments/${added.id}/publish`, { version: a.body.version })).status,
    ).toBe(200);
    expect(codes(await pub())).toContain('140404-DUTY-01');
  });

  it('withdrawing an item that is no longer in force answers 409', async () => {
    const res = await township.post('/api/catalogs/adjustments', {
      targetRegion: HANDIAN_TOWNSHIP,
      operation: 'withdraw',
      itemCode: WITHDRAWN,
      reasonType: 'other',
      basis: 'x',
      effectiveDate: '2027-03-01',
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/不在现行目录中/);
  });
});
