import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { verifyChain } from '../../core/audit.js';
import { proposeAndSubmit } from './catalogs.test-helpers.js';

// Catalogs issue, Done-means 1 (S-7.1, S-9), as worded: everything signed in as demo-district, with the
// default configuration (four-eyes off), on both databases.
const HANDIAN_TOWNSHIP = '140404001000';
const HANDIAN_VILLAGE = '140404001200';
const SUDIAN_VILLAGE_PREFIX = '140404101';
const WITHDRAWN = 'SX-CERT-2023-04';

let t: TestApp;
let district: Agent;
const codesOf = (eff: any): string[] => eff.catalogs.flatMap((c: any) => c.items.map((i: any) => i.code));

beforeAll(async () => {
  t = await createTestApp();
  district = await t.as('demo-district');
});
afterAll(() => t.close());

describe('demo-district adds a district item and withdraws a provincial item for one township', () => {
  const ids: string[] = [];

  it('adds a district item and approves it', async () => {
    const { draft, submitted: sub } = await proposeAndSubmit(district, {
      targetRegion: '140404',
      operation: 'add',
      catalogId: 'shanxi-2023-duties-catalog',
      reasonType: 'annual_review',
      basis: '上党区年度评估意见（测试）',
      effectiveDate: '2026-11-28',
      fields: {
        name: '组织召开村民会议（测试事项）',
        basis: '《中华人民共和国村民委员会组织法》',
        basisArticle: '第二十一条',
        category: '村民自治',
      },
    });
    expect(draft.status).toBe(200);
    const ok = await district.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, { version: sub.body.version });
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('approved');
    ids.push(draft.body.id);
  });

  it('withdraws a Shanxi item for 韩店街道 with reason 法律法规废止 and a future date; the catalog changes on that date, not before', async () => {
    const { draft, submitted: sub } = await proposeAndSubmit(district, {
      targetRegion: HANDIAN_TOWNSHIP,
      operation: 'withdraw',
      itemCode: WITHDRAWN,
      reasonType: 'law_repealed',
      basis: '某规范性文件废止决定（测试）',
      effectiveDate: '2026-12-15',
    });
    expect(draft.status).toBe(200);
    expect(draft.body.reasonType).toBe('law_repealed');
    const ok = await district.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, { version: sub.body.version });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ status: 'approved', effectiveFrom: '2026-12-15', inEffect: false });
    ids.push(draft.body.id);

    expect(codesOf((await district.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}`)).body)).toContain(
      WITHDRAWN,
    );
    t.clock.set('2026-12-14T15:59:00Z'); // 23:59 on 12-14 in Asia/Shanghai
    district = await t.as('demo-district');
    expect(codesOf((await district.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}`)).body)).toContain(
      WITHDRAWN,
    );
    t.clock.set('2026-12-14T16:00:00Z'); // 00:00 on 12-15
    district = await t.as('demo-district');
    const after = (await district.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}`)).body;
    expect(codesOf(after)).not.toContain(WITHDRAWN);
    const other = await t.deps.db
      .selectFrom('region')
      .select('code')
      .where('level', '=', 'village')
      .where('code', 'like', `${SUDIAN_VILLAGE_PREFIX}%`)
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(codesOf((await district.get(`/api/catalogs/effective?region=${other.code}`)).body)).toContain(WITHDRAWN);
  });

  it('history and diff show the withdrawal; the audit trail has every step', async () => {
    const history = await district.get(`/api/catalogs/items/${WITHDRAWN}/history`);
    expect(history.body.revisions.map((r: any) => r.operation)).toEqual(['base', 'withdraw']);
    const diff = await district.get(`/api/catalogs/diff?region=${HANDIAN_VILLAGE}&from=2026-11-28&to=2026-12-15`);
    expect(diff.body.withdrawn.map((e: any) => e.code)).toEqual([WITHDRAWN]);
    for (const id of ids) {
      const rows = await t.deps.db
        .selectFrom('auditLog')
        .select(['action', 'actorName'])
        .where('entityId', '=', id)
        .orderBy('seq')
        .execute();
      expect(rows.map((r) => r.action)).toEqual([
        'catalogs.adjustment.create',
        'catalogs.adjustment.submit',
        'catalogs.adjustment.approve',
      ]);
      expect(new Set(rows.map((r) => r.actorName))).toEqual(new Set(['demo-district']));
    }
    expect((await verifyChain(t.deps.db, t.deps.keys)).ok).toBe(true);
  });
});
