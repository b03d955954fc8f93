import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/test-app.js';
import { HANDIAN_VILLAGE } from './catalogs.test-helpers.js';

// S-10 / product §7: the public window. No login; rate-limited per client address.
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('GET /api/public/catalogs', () => {
  it('lists all 20 national negative items and the 5 Shanxi certificate items for 韩店村, with dates, sources and completeness', async () => {
    const res = await t.agent().get(`/api/public/catalogs?region=${HANDIAN_VILLAGE}`);
    expect(res.status).toBe(200);
    expect(res.body.region).toMatchObject({ code: HANDIAN_VILLAGE, name: '韩店村委会' });
    expect(res.body.catalogVersion).toMatch(/^cv-[0-9a-f]{24}$/);
    const kind = (k: string) => res.body.kinds.find((x: any) => x.kind === k);
    const negative = kind('negative_certificate');
    expect(negative.catalogs).toHaveLength(1);
    const nl = negative.catalogs[0];
    expect(nl).toMatchObject({
      id: 'national-2020-negative-certificates-batch1',
      layer: 'national',
      complete: true,
      sourceUrl: 'http://mzj.cnbz.gov.cn/zdxx/flfg/15366031.html',
    });
    expect(nl.items).toHaveLength(20);
    expect(nl.items[0]).toMatchObject({
      code: 'CN-NEG-2020-01',
      name: '亲属关系证明',
      effectiveFrom: '2020-01-01',
      alternativeOfficial: false,
    });
    expect(nl.items[0].alternative).toMatch(/公安/);
    const positive = kind('certificate');
    expect(positive.catalogs[0]).toMatchObject({
      id: 'shanxi-2023-village-issued-certificates',
      layer: 'provincial',
      province: '山西省',
      complete: true,
    });
    expect(positive.catalogs[0].items.map((i: any) => i.code)).toEqual([
      'SX-CERT-2023-01',
      'SX-CERT-2023-02',
      'SX-CERT-2023-03',
      'SX-CERT-2023-04',
      'SX-CERT-2023-05',
    ]);
    expect(positive.catalogs[0].items[4]).toMatchObject({ name: '其他依法依规需要出具的证明事项', catchAll: true });
  });

  it('says 部分 for every partial list, shows empty lists that still await the official table, and leaves out lists not adopted', async () => {
    const res = await t.agent().get(`/api/public/catalogs?region=${HANDIAN_VILLAGE}`);
    const catalogs = res.body.kinds.flatMap((k: any) => k.catalogs);
    for (const c of catalogs) expect(c.completenessNote.startsWith(c.complete ? '完整' : '部分')).toBe(true);
    const measures = catalogs.find((c: any) => c.id === 'shanxi-2023-burden-reduction-measures');
    expect(measures).toMatchObject({ complete: false });
    expect(measures.completenessNote).toMatch(/9条中的7条/);
    expect(measures.items).toHaveLength(7);
    expect(catalogs.find((c: any) => c.id === 'shanxi-2023-duties-catalog')).toMatchObject({
      complete: false,
      items: [],
    });
    // The demo district adopted the Hubei list as a reference (demo-adoptions.json); the others are not in force.
    expect(catalogs.find((c: any) => c.id === 'hubei-duties-guidance-catalog')).toMatchObject({ complete: false });
    for (const id of ['hunan-2020-burden-reduction-list', 'jilin-chuanying-village-disclosure-reference']) {
      expect(catalogs.find((c: any) => c.id === id)).toBeUndefined();
    }
  });

  it('accepts 6- and 9-digit codes, answers 404 in Chinese for an unknown region and 400 for a malformed one', async () => {
    expect((await t.agent().get('/api/public/catalogs?region=140404')).body.region.code).toBe('140404000000');
    expect((await t.agent().get('/api/public/catalogs?region=140404001')).body.region.name).toBe('韩店街道');
    const missing = await t.agent().get('/api/public/catalogs?region=140404999999');
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(/未找到该区划/);
    expect((await t.agent().get('/api/public/catalogs?region=abc')).status).toBe(400);
  });
});

describe('GET /api/public/certificate-check', () => {
  it('亲属关系证明 in 韩店村 is negative, with the alternative channel (platform guidance, marked as such) and the catalog version', async () => {
    const res = await t
      .agent()
      .get(`/api/public/certificate-check?q=${encodeURIComponent('亲属关系证明')}&region=${HANDIAN_VILLAGE}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      verdict: 'negative',
      item: { code: 'CN-NEG-2020-01', name: '亲属关系证明', catalogId: 'national-2020-negative-certificates-batch1' },
      alternativeOfficial: false,
    });
    expect(res.body.item.catalog).toMatch(/不应由基层群众性自治组织出具证明事项清单/);
    expect(res.body.item.basis).toMatch(/民发〔2020〕20号/);
    expect(res.body.alternative).toMatch(/公安机关/);
    const pub = await t.agent().get(`/api/public/catalogs?region=${HANDIAN_VILLAGE}`);
    expect(res.body.catalogVersion).toBe(pub.body.catalogVersion);
    // The version is stored, so whoever kept it can resolve it later.
    expect(
      await t.deps.db
        .selectFrom('catalogVersion')
        .select('id')
        .where('id', '=', res.body.catalogVersion)
        .executeTakeFirst(),
    ).toBeTruthy();
  });

  it('a certificate on the Shanxi list is positive; an unknown one is unlisted', async () => {
    const pos = await t
      .agent()
      .get(`/api/public/certificate-check?q=${encodeURIComponent('入党外调政审证明')}&region=${HANDIAN_VILLAGE}`);
    expect(pos.body).toMatchObject({ verdict: 'positive', item: { code: 'SX-CERT-2023-02' }, alternative: null });
    const none = await t
      .agent()
      .get(`/api/public/certificate-check?q=${encodeURIComponent('宠物美容资格证明')}&region=${HANDIAN_VILLAGE}`);
    expect(none.body).toMatchObject({ verdict: 'unlisted', item: null, alternative: null });
  });

  it('validates its input in Chinese', async () => {
    const empty = await t.agent().get(`/api/public/certificate-check?q=&region=${HANDIAN_VILLAGE}`);
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/请输入证明名称/);
    expect((await t.agent().get(`/api/public/certificate-check?q=x&region=999999999999`)).status).toBe(404);
  });

  it('is not rate-limited when JIANFU_PUBLIC_RATE_LIMIT=0', async () => {
    for (let i = 0; i < 8; i++)
      expect((await t.agent().get(`/api/public/catalogs?region=${HANDIAN_VILLAGE}`)).status).toBe(200);
  });
});

describe('rate limit (JIANFU_PUBLIC_RATE_LIMIT=3)', () => {
  it('answers the 4th request in a minute with 429 and a Chinese message, per client address and route', async () => {
    const limited = await createTestApp({ demo: true, env: { JIANFU_PUBLIC_RATE_LIMIT: '3' } });
    try {
      const get = (
        ip: string,
        path = `/api/public/certificate-check?q=${encodeURIComponent('死亡证明')}&region=${HANDIAN_VILLAGE}`,
      ) => limited.app.inject({ method: 'GET', url: path, remoteAddress: ip });
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await get('10.0.0.1')).statusCode);
      expect(statuses).toEqual([200, 200, 200, 429]);
      const res = await get('10.0.0.1');
      expect(res.statusCode).toBe(429);
      expect(res.json().error.code).toBe('rate_limited');
      expect(res.json().error.message).toMatch(/请求过于频繁/);
      expect((await get('10.0.0.2')).statusCode).toBe(200);
      const list = [];
      for (let i = 0; i < 4; i++)
        list.push((await get('10.0.0.3', `/api/public/catalogs?region=${HANDIAN_VILLAGE}`)).statusCode);
      expect(list).toEqual([200, 200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('cached public answers (catalog generation)', () => {
  it('sees a change written straight to the database, by no service, on the next request', async () => {
    const { sql } = await import('kysely');
    const { catalogGeneration } = await import('./catalogs.versions.repo.js');
    const url = `/api/public/certificate-check?q=${encodeURIComponent('亲属关系证明')}&region=${HANDIAN_VILLAGE}`;
    const first = await t.agent().get(url);
    expect((await t.agent().get(url)).body).toEqual(first.body); // served from the memo
    const before = await catalogGeneration(t.deps.db);
    // As another process or an operator would: plain SQL on the region and on an item revision.
    await sql`update region set name = ${'韩店村民委员会'} where code = ${HANDIAN_VILLAGE}`.execute(t.deps.db);
    expect(Number(await catalogGeneration(t.deps.db))).toBeGreaterThan(Number(before));
    const renamed = await t.agent().get(url);
    expect(renamed.body.region.name).toBe('韩店村民委员会');
    await sql`update region set name = ${'韩店村委会'} where code = ${HANDIAN_VILLAGE}`.execute(t.deps.db);
    expect((await t.agent().get(url)).body.region.name).toBe('韩店村委会');
    const catalogsUrl = `/api/public/catalogs?region=${HANDIAN_VILLAGE}`;
    const listed = (await t.agent().get(catalogsUrl)).body;
    expect(listed.region.name).toBe('韩店村委会');
    await sql`update catalog set title = ${'改名的目录'} where id = ${'shanxi-2023-village-issued-certificates'}`.execute(
      t.deps.db,
    );
    const after = (await t.agent().get(catalogsUrl)).body;
    expect(
      after.kinds.flatMap((k: any) => k.catalogs).find((c: any) => c.id === 'shanxi-2023-village-issued-certificates')
        .title,
    ).toBe('改名的目录');
  });
});
