import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/test-app.js';

// Issue 9: how complete each kind of catalog is, per region — derived from the lists in force, or set by
// the district (audited); the judge trusts "not in the catalog" only where the kind is complete.
const DISTRICT = '140404000000';
const TOWNSHIP = '140404001000';
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const kindOf = (body: any, k: string) => body.kinds.find((x: any) => x.kind === k);

describe('GET/PUT /api/catalogs/completeness', () => {
  it('derives completeness from the lists in force: complete certificate lists, partial assistance, missing sign guide', async () => {
    const d = await t.as('demo-district');
    const res = await d.get(`/api/catalogs/completeness?region=${TOWNSHIP}`);
    expect(res.status).toBe(200);
    expect(kindOf(res.body, 'negative_certificate')).toMatchObject({ status: 'complete', source: 'derived' });
    expect(kindOf(res.body, 'certificate')).toMatchObject({ status: 'complete', source: 'derived' });
    expect(kindOf(res.body, 'assistance')).toMatchObject({ status: 'partial', source: 'derived' });
    expect(kindOf(res.body, 'sign_guide')).toMatchObject({ status: 'missing', source: 'derived' });
    expect(res.body.canSet).toBe(true);
  });

  it('lets the district set a kind complete (audited, versioned); townships inherit it; a stale version is 409', async () => {
    const d = await t.as('demo-district');
    const set = await d.request('PUT', '/api/catalogs/completeness', {
      region: DISTRICT,
      kind: 'duty',
      status: 'complete',
      note: '已导入区委办印发的村级组织履行职责事项清单',
      version: 0,
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(kindOf(set.body, 'duty')).toMatchObject({ status: 'complete', source: 'set', layer: DISTRICT, version: 1 });
    const township = await d.get(`/api/catalogs/completeness?region=${TOWNSHIP}`);
    expect(kindOf(township.body, 'duty')).toMatchObject({ status: 'complete', source: 'set', layer: DISTRICT });
    const stale = await d.request('PUT', '/api/catalogs/completeness', {
      region: DISTRICT,
      kind: 'duty',
      status: 'partial',
      note: null,
      version: 0,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.key).toBe('catalogs.error.completenessStale');
    const audit = await t.deps.db
      .selectFrom('auditLog')
      .select(['action', 'entityId'])
      .where('action', '=', 'catalogs.completeness')
      .execute();
    expect(audit).toEqual([{ action: 'catalogs.completeness', entityId: `${DISTRICT}:duty` }]);
  });

  it('refuses others: no session 401, a township officer 403 at the district, a village cadre 403', async () => {
    const body = { region: DISTRICT, kind: 'assistance', status: 'complete', note: null, version: 0 };
    expect((await t.agent().request('PUT', '/api/catalogs/completeness', body)).status).toBe(401);
    expect((await (await t.as('demo-township')).request('PUT', '/api/catalogs/completeness', body)).status).toBe(403);
    expect((await (await t.as('demo-village')).request('PUT', '/api/catalogs/completeness', body)).status).toBe(403);
  });
});

describe('the district to-do while its duty or assistance catalog is incomplete (issue 9)', () => {
  it('tells the district lead once per state, and again only when the state changes', async () => {
    const { remindIncompleteCatalogs } = await import('./catalogs.todo.js');
    const app = await createTestApp();
    try {
      const d = await app.as('demo-district');
      const todos = async () =>
        (await d.get('/api/notifications')).body.items.filter((n: any) => n.kind === 'catalogs.incomplete');
      expect(await remindIncompleteCatalogs(app.deps)).toMatchObject({ incomplete: 1 });
      const first = await todos();
      expect(first).toHaveLength(1);
      expect(first[0]).toMatchObject({ link: `/catalogs/browse?region=${DISTRICT}` });
      expect(first[0].title).toContain('上党区');
      await remindIncompleteCatalogs(app.deps); // the same state: no second notice
      expect(await todos()).toHaveLength(1);
      for (const kind of ['duty', 'assistance']) {
        const cur = kindOf((await d.get(`/api/catalogs/completeness?region=${DISTRICT}`)).body, kind);
        const set = await d.request('PUT', '/api/catalogs/completeness', {
          region: DISTRICT,
          kind,
          status: 'complete',
          note: '已导入正式目录',
          version: cur.source === 'set' ? cur.version : 0,
        });
        expect(set.status, JSON.stringify(set.body)).toBe(200);
      }
      expect(await remindIncompleteCatalogs(app.deps)).toMatchObject({ incomplete: 0 });
      expect(await todos()).toHaveLength(1);
    } finally {
      await app.close();
    }
  });
});
