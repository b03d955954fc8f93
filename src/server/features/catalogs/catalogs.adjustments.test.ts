import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { verifyChain } from '../../core/audit.js';
import { HANDIAN_TOWNSHIP, HANDIAN_VILLAGE, secondDistrictLead, signInAgain } from './catalogs.test-helpers.js';

// S-7.1 dynamic adjustment, S-9 "refine the provincial lists": the Done-means of the Catalogs issue.
let t: TestApp;
let district: Agent;
let reviewer: Agent;
let township: Agent;
let otherVillage: string;
const WITHDRAWN = 'SX-CERT-2023-04'; // 学生参加活动情况反馈证明 (Shanxi positive list)

/** Sessions time out when the clock jumps, so sign in again after moving it. */
async function setClock(iso: string) {
  t.clock.set(iso);
  district = await t.as('demo-district');
  township = await t.as('demo-township');
  await signInAgain(t, reviewer);
}

beforeAll(async () => {
  t = await createTestApp({ env: { JIANFU_CATALOG_FOUR_EYES: '1' } });
  district = await t.as('demo-district');
  township = await t.as('demo-township');
  reviewer = await secondDistrictLead(t);
  const v = await t.deps.db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'village')
    .where('townshipCode', '!=', HANDIAN_TOWNSHIP)
    .orderBy('code')
    .limit(1)
    .executeTakeFirstOrThrow();
  otherVillage = v.code;
});
afterAll(() => t.close());

const codesOf = (eff: any): string[] => eff.catalogs.flatMap((c: any) => c.items.map((i: any) => i.code));

describe('the Done flow: a district item, a township withdrawal with a future date', () => {
  let added: any;
  let withdrawal: any;

  it('demo-district proposes a district item; a second district lead approves it (proposer ≠ approver)', async () => {
    const draft = await district.post('/api/catalogs/adjustments', {
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
      statusLabel: '草稿',
      operation: 'add',
      targetRegion: { code: '140404000000', name: '上党区' },
      abilities: { edit: true, submit: true, approve: false },
    });
    const submitted = await district.post(`/api/catalogs/adjustments/${draft.body.id}/submit`, {
      version: draft.body.version,
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
    const draft = await township.post('/api/catalogs/adjustments', {
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
      reasonLabel: '法律法规废止',
      itemName: '学生参加活动情况反馈证明',
      current: { name: '学生参加活动情况反馈证明' },
    });
    const submitted = await township.post(`/api/catalogs/adjustments/${draft.body.id}/submit`, {
      version: draft.body.version,
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
      reasonLabel: '法律法规废止',
      proposerName: '韩店街道（演示）',
    });
  });

  it('the diff between two dates shows the withdrawal and the district addition with the adjustment behind each', async () => {
    const res = await district.get(`/api/catalogs/diff?region=${HANDIAN_VILLAGE}&from=2026-11-27&to=2026-12-20`);
    expect(res.status).toBe(200);
    expect(res.body.withdrawn.map((e: any) => e.code)).toEqual([WITHDRAWN]);
    expect(res.body.withdrawn[0].causes[0]).toMatchObject({
      type: 'adjustment',
      adjustment: { id: withdrawal.id, reasonLabel: '法律法规废止' },
    });
    expect(res.body.withdrawn[0].causes[0].description).toMatch(/韩店街道取消事项（法律法规废止，2026-12-15起生效）/);
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
});

describe('rules of the workflow', () => {
  it('refuses a stale version with 409 and lets the proposer edit a draft', async () => {
    const draft = await township.post('/api/catalogs/adjustments', {
      targetRegion: HANDIAN_TOWNSHIP,
      operation: 'amend',
      itemCode: 'SX-CERT-2023-01',
      reasonType: 'department_request',
      basis: '（测试）部门来函',
      effectiveDate: '2027-01-01',
      fields: { responsibleDepartment: '中共长治市上党区委组织部' },
    });
    expect(draft.status).toBe(200);
    const edited = await township.patch(`/api/catalogs/adjustments/${draft.body.id}`, {
      version: draft.body.version,
      effectiveDate: '2027-02-01',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ effectiveDate: '2027-02-01', version: draft.body.version + 1 });
    const stale = await township.patch(`/api/catalogs/adjustments/${draft.body.id}`, {
      version: draft.body.version,
      effectiveDate: '2027-03-01',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/刷新/);
    // Another user cannot see someone else's draft at all.
    expect((await district.get(`/api/catalogs/adjustments/${draft.body.id}`)).status).toBe(404);
    const cancelled = await township.post(`/api/catalogs/adjustments/${draft.body.id}/cancel`, {
      version: edited.body.version,
    });
    expect(cancelled.body.status).toBe('cancelled');
  });

  it('a township officer may not propose for the district layer (403) nor for another township (404)', async () => {
    const body = {
      operation: 'withdraw',
      itemCode: 'SX-CERT-2023-02',
      reasonType: 'other',
      basis: 'x',
      effectiveDate: '2027-01-01',
    };
    const d = await township.post('/api/catalogs/adjustments', { ...body, targetRegion: '140404000000' });
    expect(d.status).toBe(403);
    const other = `${otherVillage.slice(0, 9)}000`;
    expect((await township.post('/api/catalogs/adjustments', { ...body, targetRegion: other })).status).toBe(404);
    expect((await township.post('/api/catalogs/adjustments', { ...body, targetRegion: HANDIAN_VILLAGE })).status).toBe(
      400,
    );
  });

  it('rejects with a reason; a rejected adjustment changes nothing', async () => {
    const draft = await township.post('/api/catalogs/adjustments', {
      targetRegion: HANDIAN_TOWNSHIP,
      operation: 'withdraw',
      itemCode: 'SX-CERT-2023-02',
      reasonType: 'other',
      basis: '（测试）',
      effectiveDate: '2027-01-01',
    });
    const sub = await township.post(`/api/catalogs/adjustments/${draft.body.id}/submit`, {
      version: draft.body.version,
    });
    expect(
      (
        await district.post(`/api/catalogs/adjustments/${draft.body.id}/reject`, {
          version: sub.body.version,
          note: '',
        })
      ).status,
    ).toBe(400);
    const rej = await district.post(`/api/catalogs/adjustments/${draft.body.id}/reject`, {
      version: sub.body.version,
      note: '依据不足',
    });
    expect(rej.body).toMatchObject({ status: 'rejected', decisionNote: '依据不足' });
    await setClock('2027-02-01T02:00:00Z');
    expect(codesOf((await township.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}`)).body)).toContain(
      'SX-CERT-2023-02',
    );
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

  it('an amendment at the township layer changes the item for that township only; a past effective date takes effect on approval day', async () => {
    const draft = await township.post('/api/catalogs/adjustments', {
      targetRegion: HANDIAN_TOWNSHIP,
      operation: 'amend',
      itemCode: 'CN-NEG-2020-01',
      reasonType: 'department_request',
      basis: '（测试）区公安分局来函',
      effectiveDate: '2027-01-15',
      fields: { alternativeChannel: '（测试）到韩店派出所户籍窗口办理' },
    });
    const sub = await township.post(`/api/catalogs/adjustments/${draft.body.id}/submit`, {
      version: draft.body.version,
    });
    const ok = await district.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, { version: sub.body.version });
    expect(ok.body.effectiveFrom).toBe('2027-02-01'); // the clock says 2027-02-01: no retroactive change
    const item = (b: any) => b.catalogs.flatMap((c: any) => c.items).find((i: any) => i.code === 'CN-NEG-2020-01');
    const here = item((await district.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}`)).body);
    expect(here).toMatchObject({
      alternativeChannel: '（测试）到韩店派出所户籍窗口办理',
      amendedBy: [{ code: HANDIAN_TOWNSHIP }],
      effectiveFrom: '2027-02-01',
    });
    expect(
      item((await district.get(`/api/catalogs/effective?region=${otherVillage}`)).body).alternativeChannel,
    ).toBeNull();
  });
});

describe("adoption of another province's list is an audited adjustment", () => {
  it('the Hunan list is labelled and inactive until the district adopts it', async () => {
    const list = await district.get(`/api/catalogs?region=${HANDIAN_VILLAGE}`);
    const hunan = list.body.items.find((c: any) => c.id === 'hunan-2020-burden-reduction-list');
    expect(hunan).toMatchObject({ layer: 'other_province', activeHere: false, complete: false });
    expect(hunan.layerLabel).toMatch(/外省参考/);
    expect(hunan.completenessNote).toMatch(/^部分/);
    const draft = await district.post('/api/catalogs/adjustments', {
      targetRegion: '140404',
      operation: 'adopt',
      catalogId: 'hunan-2020-burden-reduction-list',
      reasonType: 'annual_review',
      basis: '（测试）区委减负办会议纪要',
      effectiveDate: '2027-02-01',
    });
    expect(draft.status).toBe(200);
    const sub = await district.post(`/api/catalogs/adjustments/${draft.body.id}/submit`, {
      version: draft.body.version,
    });
    const ok = await reviewer.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, { version: sub.body.version });
    expect(ok.status).toBe(200);
    const eff = await district.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}&kinds=prohibition`);
    const adopted = eff.body.catalogs.find((c: any) => c.id === 'hunan-2020-burden-reduction-list');
    expect(adopted).toMatchObject({ via: 'adopted', adoptedBy: { code: '140404000000' } });
    expect(adopted.items).toHaveLength(6);
    const actions = await t.deps.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityId', '=', draft.body.id)
      .orderBy('seq')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'catalogs.adjustment.create',
      'catalogs.adjustment.submit',
      'catalogs.adjustment.approve',
    ]);
  });
});
