import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { HANDIAN_TOWNSHIP, HANDIAN_VILLAGE, proposeAndSubmit } from './catalogs.test-helpers.js';
import { measureEffectiveCatalog, measureMatch } from './catalogs.bench-support.js';

let t: TestApp;
let district: Agent;
let township: Agent;
let village: Agent;
beforeAll(async () => {
  t = await createTestApp();
  district = await t.as('demo-district');
  township = await t.as('demo-township');
  village = await t.as('demo-village');
});
afterAll(() => t.close());

const X = 'placeholder-id';
/** Every catalog endpoint: [method, url, wrong-role user (null: no role can be wrong)]. */
const ENDPOINTS: [string, string, string | null][] = [
  ['GET', '/api/catalogs', 'demo-sysadmin'],
  ['POST', '/api/catalogs', 'demo-township'],
  ['GET', '/api/catalogs/template.xlsx', 'demo-sysadmin'],
  ['GET', `/api/catalogs/effective?region=${HANDIAN_VILLAGE}`, 'demo-sysadmin'],
  ['GET', `/api/catalogs/effective/export.xlsx?region=${HANDIAN_VILLAGE}`, 'demo-auditor'],
  ['GET', `/api/catalogs/diff?region=${HANDIAN_VILLAGE}&from=2026-01-01&to=2026-12-31`, 'demo-sysadmin'],
  ['GET', `/api/catalogs/version?region=${HANDIAN_VILLAGE}`, 'demo-secadmin'],
  ['GET', `/api/catalogs/versions/${X}`, 'demo-sysadmin'],
  ['GET', `/api/catalogs/match?q=x&region=${HANDIAN_VILLAGE}`, 'demo-sysadmin'],
  ['GET', '/api/catalogs/items/CN-NEG-2020-01/history', 'demo-auditor'],
  ['GET', `/api/catalogs/${X}`, 'demo-sysadmin'],
  ['PATCH', `/api/catalogs/${X}`, 'demo-township'],
  ['GET', `/api/catalogs/${X}/items`, 'demo-sysadmin'],
  ['GET', `/api/catalogs/${X}/export.xlsx`, 'demo-sysadmin'],
  ['POST', `/api/catalogs/${X}/import`, 'demo-township'],
  ['GET', '/api/catalogs/adjustments', 'demo-auditor'],
  ['POST', '/api/catalogs/adjustments', 'demo-village'],
  ['GET', `/api/catalogs/adjustments/${X}`, 'demo-sysadmin'],
  ['PATCH', `/api/catalogs/adjustments/${X}`, 'demo-village'],
  ['POST', `/api/catalogs/adjustments/${X}/submit`, 'demo-approver'],
  ['POST', `/api/catalogs/adjustments/${X}/cancel`, 'demo-department'],
  ['POST', `/api/catalogs/adjustments/${X}/approve`, 'demo-township'],
  ['POST', `/api/catalogs/adjustments/${X}/reject`, 'demo-approver'],
  ['POST', `/api/catalogs/adjustments/${X}/publish`, 'demo-township'],
  ['GET', `/api/catalogs/completeness?region=${HANDIAN_VILLAGE}`, 'demo-sysadmin'],
  ['PUT', '/api/catalogs/completeness', 'demo-township'],
  ['GET', `/api/jobs/${X}`, null],
];

describe('route policies', () => {
  it('the table covers every catalog, job and public route', () => {
    const ours = t.app.routeInventory
      .filter((r) => r.url.startsWith('/api/catalogs') || r.url.startsWith('/api/jobs'))
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    const table = ENDPOINTS.map(
      ([m, u]) => `${m} ${u.split('?')[0].replace(X, ':id').replace('CN-NEG-2020-01', ':code')}`,
    ).sort();
    expect(table).toEqual(ours);
    const pub = t.app.routeInventory.filter(
      (r) => r.url.startsWith('/api/public/catalogs') || r.url.startsWith('/api/public/certificate-check'),
    );
    expect(pub.map((r) => r.policy)).toEqual([{ access: 'public' }, { access: 'public' }]);
  });

  it.each(ENDPOINTS)('%s %s without a session → 401', async (method, url) => {
    const res = await t.agent().request(method as any, url, method === 'GET' ? undefined : {});
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it.each(ENDPOINTS.filter((e) => e[2]))('%s %s as %s → 403', async (method, url, user) => {
    const a = await t.as(user!);
    const res = await a.request(method as any, url, method === 'GET' ? undefined : {});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
  });
});

describe('catalogs', () => {
  it('GET /api/catalogs lists the 18 shipped lists with sources and completeness; with a region, which are in force there', async () => {
    const res = await village.get(`/api/catalogs?region=${HANDIAN_VILLAGE}`);
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(18);
    for (const c of res.body.items) {
      expect(c.completenessNote.startsWith(c.complete ? '完整' : '部分')).toBe(true);
      expect(c.sourceUrl).toMatch(/^http/);
    }
    const active = res.body.items
      .filter((c: any) => c.activeHere)
      .map((c: any) => c.id)
      .sort();
    // In force by default, plus the demo district's reference adoptions (reference/catalogs/demo-adoptions.json).
    expect(active).toEqual([
      'hebei-luquan-2023-village-government-services',
      'hubei-duties-guidance-catalog',
      'national-1991-farmer-burden-regulation',
      'national-2019-burden-reduction-notice',
      'national-2020-negative-certificates-batch1',
      'national-2022-assistance-items',
      'national-2023-fingertip-formalism-opinions',
      'national-2026-government-app-measures',
      'national-statutory-village-assistance',
      'national-statutory-village-duties',
      'shanxi-2023-assistance-catalog',
      'shanxi-2023-burden-reduction-measures',
      'shanxi-2023-duties-catalog',
      'shanxi-2023-signage-guide',
      'shanxi-2023-village-issued-certificates',
      'statutory-village-mechanisms',
    ]);
    expect(res.body.items.find((c: any) => c.id === 'hebei-luquan-2023-village-government-services')).toMatchObject({
      layer: 'other_locality',
      locality: '河北省石家庄市鹿泉区',
      activeHere: true,
      complete: false,
    });
    expect(res.body.items.find((c: any) => c.id === 'shanxi-2023-duties-catalog')).toMatchObject({
      itemCount: 0,
      importNote: expect.stringMatching(/导入正式附件/),
      abilities: { import: false },
    });
    expect((await village.get('/api/catalogs?region=140404100201')).status).toBe(404);
    expect((await village.get('/api/catalogs?kind=negative_certificate')).body.items).toHaveLength(1);
  });

  it('GET /api/catalogs/:id and PATCH it (district lead; optimistic version; audited)', async () => {
    const c = await district.get('/api/catalogs/shanxi-2023-duties-catalog');
    expect(c.body).toMatchObject({
      kind: 'duty',
      layer: 'provincial',
      province: '山西省',
      abilities: { update: true, import: true },
    });
    const patched = await district.patch('/api/catalogs/shanxi-2023-duties-catalog', {
      version: c.body.version,
      complete: true,
      completenessNote: '完整：已导入山西省正式附件（测试）',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      complete: true,
      completenessNote: '完整：已导入山西省正式附件（测试）',
      version: c.body.version + 1,
    });
    expect(
      (await district.patch('/api/catalogs/shanxi-2023-duties-catalog', { version: c.body.version, complete: false }))
        .status,
    ).toBe(409);
    const partial = await district.patch('/api/catalogs/shanxi-2023-duties-catalog', {
      version: patched.body.version,
      complete: false,
      completenessNote: '尚缺第30–45项',
    });
    expect(partial.body.completenessNote).toBe('部分：尚缺第30–45项');
    const audit = await t.deps.db
      .selectFrom('auditLog')
      .select('action')
      .where('entity', '=', 'catalog')
      .where('entityId', '=', 'shanxi-2023-duties-catalog')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['catalogs.catalog.update', 'catalogs.catalog.update']);
    expect((await district.get('/api/catalogs/no-such-list')).status).toBe(404);
  });

  it("a local list (the district's 小微权力清单) is created empty and partial, then filled by adjustment", async () => {
    const created = await district.post('/api/catalogs', {
      kind: 'micro_power',
      title: '上党区村级小微权力清单（测试）',
      ownerRegion: '140404',
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({
      layer: 'district',
      complete: false,
      origin: 'local',
      ownerRegion: { code: '140404000000', name: '上党区' },
    });
    expect(created.body.completenessNote).toMatch(/^部分/);
    expect(
      (await district.post('/api/catalogs', { kind: 'micro_power', title: '某村清单', ownerRegion: HANDIAN_VILLAGE }))
        .status,
    ).toBe(400);
    const { draft, submitted: sub } = await proposeAndSubmit(township, {
      targetRegion: HANDIAN_TOWNSHIP,
      operation: 'add',
      catalogId: created.body.id,
      reasonType: 'other',
      basis: '（测试）韩店街道村级小微权力事项梳理',
      effectiveDate: '2026-11-28',
      fields: { name: '村级重大事项决策（测试）', basis: '“四议两公开”工作法（测试）' },
    });
    expect(draft.status).toBe(200);
    const ok = await district.post(`/api/catalogs/adjustments/${draft.body.id}/approve`, { version: sub.body.version });
    expect(ok.body).toMatchObject({ status: 'approved', itemCode: '140404001-POWER-01' });
    const here = await village.get(`/api/catalogs/${created.body.id}/items?region=${HANDIAN_VILLAGE}`);
    expect(here.body.items.map((i: any) => i.name)).toEqual(['村级重大事项决策（测试）']);
    expect(here.body.items[0].addedBy).toMatchObject({ code: HANDIAN_TOWNSHIP, name: '韩店街道' });
    expect((await district.get(`/api/catalogs/${created.body.id}/items`)).body.items).toEqual([]); // the district layer itself has none
    const list = await township.get(`/api/catalogs/adjustments?region=${HANDIAN_TOWNSHIP}&status=approved`);
    expect(list.body.items.map((a: any) => a.id)).toContain(draft.body.id);
  });

  it('GET /api/catalogs/:id/items of a base list on a date', async () => {
    const now = await village.get('/api/catalogs/national-2020-negative-certificates-batch1/items');
    expect(now.body).toMatchObject({ complete: true });
    expect(now.body.items).toHaveLength(20);
    expect(now.body.items[0]).toMatchObject({
      code: 'CN-NEG-2020-01',
      kind: 'negative_certificate',
      effectiveFrom: '2020-01-01',
      addedBy: null,
    });
    expect(
      (await village.get('/api/catalogs/national-2020-negative-certificates-batch1/items?date=2019-12-31')).body.items,
    ).toEqual([]);
  });
});

describe('versions and matching', () => {
  it('GET /api/catalogs/version gives the stored version id; GET /api/catalogs/versions/:id resolves it', async () => {
    const v = await village.get(`/api/catalogs/version?region=${HANDIAN_VILLAGE}`);
    expect(v.status).toBe(200);
    expect(v.body).toMatchObject({ region: { code: HANDIAN_VILLAGE }, date: '2026-11-28' });
    const snap = await village.get(`/api/catalogs/versions/${v.body.catalogVersion}`);
    expect(snap.status).toBe(200);
    expect(snap.body.itemCount).toBe(v.body.itemCount);
    expect(snap.body.items.map((i: any) => i.code)).toContain('CN-NEG-2020-01');
    expect((await village.get('/api/catalogs/versions/cv-000000000000000000000000')).status).toBe(404);
  });

  it('GET /api/catalogs/match: best items with score and reason, the verdict for certificates, and the version used', async () => {
    const res = await village.get(
      `/api/catalogs/match?q=${encodeURIComponent('开直系亲属关系证明')}&region=${HANDIAN_VILLAGE}`,
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      verdict: 'negative',
      unlisted: false,
      best: { code: 'CN-NEG-2020-01', kind: 'negative_certificate', catalogComplete: true },
    });
    expect(res.body.best.score).toBeGreaterThanOrEqual(res.body.threshold);
    expect(res.body.best.reason).toMatch(/亲属关系/);
    const version = await village.get(`/api/catalogs/version?region=${HANDIAN_VILLAGE}`);
    expect(res.body.catalogVersion).toBe(version.body.catalogVersion);
    const duties = await village.get(
      `/api/catalogs/match?q=${encodeURIComponent('村务监督委员会')}&region=${HANDIAN_VILLAGE}&kinds=mechanism`,
    );
    expect(duties.body.verdict).toBeNull();
    expect(duties.body.best?.kind).toBe('mechanism');
    const bad = await village.get(`/api/catalogs/match?q=x&region=${HANDIAN_VILLAGE}&kinds=bogus`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/目录类型“bogus”不存在/);
    expect((await village.get(`/api/catalogs/match?q=x&region=140404100201`)).status).toBe(404);
  });
});

describe('benchmark hooks', () => {
  it('measure the effective catalog of a village and cached matching', async () => {
    const e = await measureEffectiveCatalog(t.deps, HANDIAN_VILLAGE, { iterations: 3 });
    expect(e).toMatchObject({ regionCode: HANDIAN_VILLAGE, iterations: 3 });
    expect(e.itemCount).toBeGreaterThan(40);
    const m = await measureMatch(t.deps, HANDIAN_VILLAGE, ['亲属关系证明'], { rounds: 2 });
    expect(m.iterations).toBe(2);
  });
});
