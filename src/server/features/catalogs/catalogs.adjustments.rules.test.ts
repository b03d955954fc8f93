import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { layerLabel } from '../../../shared/catalogs.js';
import { zh } from '../../../shared/i18n.js';
import {
  adjustmentsApp,
  HANDIAN_TOWNSHIP,
  HANDIAN_VILLAGE,
  proposeAndSubmit,
  signInAt,
} from './catalogs.test-helpers.js';

// The rules of the adjustment workflow (stale versions, who may propose, rejection, approval dates) and the
// adoption of another province's list. The Done flow is in catalogs.adjustments.test.ts.
let app: Awaited<ReturnType<typeof adjustmentsApp>>;
beforeAll(async () => {
  app = await adjustmentsApp();
});
afterAll(() => app.t.close());

const codesOf = (eff: any): string[] => eff.catalogs.flatMap((c: any) => c.items.map((i: any) => i.code));

describe('rules of the workflow', () => {
  it('refuses a stale version with 409 and lets the proposer edit a draft', async () => {
    const draft = await app.township.post('/api/catalogs/adjustments', {
      targetRegion: HANDIAN_TOWNSHIP,
      operation: 'amend',
      itemCode: 'SX-CERT-2023-01',
      reasonType: 'department_request',
      basis: '（测试）部门来函',
      effectiveDate: '2027-01-01',
      fields: { responsibleDepartment: '中共长治市上党区委组织部' },
    });
    expect(draft.status).toBe(200);
    const edited = await app.township.patch(`/api/catalogs/adjustments/${draft.body.id}`, {
      version: draft.body.version,
      effectiveDate: '2027-02-01',
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ effectiveDate: '2027-02-01', version: draft.body.version + 1 });
    const stale = await app.township.patch(`/api/catalogs/adjustments/${draft.body.id}`, {
      version: draft.body.version,
      effectiveDate: '2027-03-01',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/刷新/);
    // Another user cannot see someone else's draft at all.
    expect((await app.district.get(`/api/catalogs/adjustments/${draft.body.id}`)).status).toBe(404);
    const cancelled = await app.township.post(`/api/catalogs/adjustments/${draft.body.id}/cancel`, {
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
    const d = await app.township.post('/api/catalogs/adjustments', { ...body, targetRegion: '140404000000' });
    expect(d.status).toBe(403);
    const other = `${app.otherVillage.slice(0, 9)}000`;
    expect((await app.township.post('/api/catalogs/adjustments', { ...body, targetRegion: other })).status).toBe(404);
    expect(
      (await app.township.post('/api/catalogs/adjustments', { ...body, targetRegion: HANDIAN_VILLAGE })).status,
    ).toBe(400);
  });

  it('rejects with a reason; a rejected adjustment changes nothing', async () => {
    const { draft, submitted: sub } = await proposeAndSubmit(app.township, {
      targetRegion: HANDIAN_TOWNSHIP,
      operation: 'withdraw',
      itemCode: 'SX-CERT-2023-02',
      reasonType: 'other',
      basis: '（测试）',
      effectiveDate: '2027-01-01',
    });
    expect(
      (
        await app.district.post(`/api/catalogs/adjustments/${draft.body.id}/reject`, {
          version: sub.body.version,
          note: '',
        })
      ).status,
    ).toBe(400);
    const rej = await app.district.post(`/api/catalogs/adjustments/${draft.body.id}/reject`, {
      version: sub.body.version,
      note: '依据不足',
    });
    expect(rej.body).toMatchObject({ status: 'rejected', decisionNote: '依据不足' });
    Object.assign(app, await signInAt(app.t, '2027-02-01T02:00:00Z', app.reviewer));
    expect(codesOf((await app.township.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}`)).body)).toContain(
      'SX-CERT-2023-02',
    );
  });

  it('an amendment at the township layer changes the item for that township only; a past effective date takes effect on approval day', async () => {
    const { draft, submitted: sub } = await proposeAndSubmit(app.township, {
      targetRegion: HANDIAN_TOWNSHIP,
      operation: 'amend',
      itemCode: 'CN-NEG-2020-01',
      reasonType: 'department_request',
      basis: '（测试）区公安分局来函',
      effectiveDate: '2027-01-15',
      fields: { alternativeChannel: '（测试）到韩店派出所户籍窗口办理' },
    });
    const ok = await app.district.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, {
      version: sub.body.version,
    });
    expect(ok.body.effectiveFrom).toBe('2027-02-01'); // the clock says 2027-02-01: no retroactive change
    const item = (b: any) => b.catalogs.flatMap((c: any) => c.items).find((i: any) => i.code === 'CN-NEG-2020-01');
    const here = item((await app.district.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}`)).body);
    expect(here).toMatchObject({
      alternativeChannel: '（测试）到韩店派出所户籍窗口办理',
      amendedBy: [{ code: HANDIAN_TOWNSHIP }],
      effectiveFrom: '2027-02-01',
    });
    expect(
      item((await app.district.get(`/api/catalogs/effective?region=${app.otherVillage}`)).body).alternativeChannel,
    ).toBeNull();
  });
});

describe("adoption of another province's list is an audited adjustment", () => {
  it('the Hunan list is labelled and inactive until the district adopts it', async () => {
    const list = await app.district.get(`/api/catalogs?region=${HANDIAN_VILLAGE}`);
    const hunan = list.body.items.find((c: any) => c.id === 'hunan-2020-burden-reduction-list');
    expect(hunan).toMatchObject({ layer: 'other_province', activeHere: false, complete: false });
    expect(hunan).toMatchObject({ province: '湖南省' });
    expect(layerLabel(hunan, zh)).toBe('外省参考（湖南省，未采用时不生效）');
    expect(hunan.completenessNote).toMatch(/^部分/);
    const { draft, submitted: sub } = await proposeAndSubmit(app.district, {
      targetRegion: '140404',
      operation: 'adopt',
      catalogId: 'hunan-2020-burden-reduction-list',
      reasonType: 'annual_review',
      basis: '（测试）区委减负办会议纪要',
      effectiveDate: '2027-02-01',
    });
    expect(draft.status).toBe(200);
    const ok = await app.reviewer.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, {
      version: sub.body.version,
    });
    expect(ok.status).toBe(200);
    const eff = await app.district.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}&kinds=prohibition`);
    const adopted = eff.body.catalogs.find((c: any) => c.id === 'hunan-2020-burden-reduction-list');
    expect(adopted).toMatchObject({ via: 'adopted', adoptedBy: { code: '140404000000' } });
    expect(adopted.items).toHaveLength(6);
    const actions = await app.t.deps.db
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
