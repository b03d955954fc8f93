import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { HANDIAN_VILLAGE, readXlsx, upload, workbook } from './catalogs.test-helpers.js';

// S-9 "refine the catalogs from the provincial lists": the Shanxi duties list shipped empty; the district
// imports the official annex table. All-or-nothing, keyed by item code, idempotent.
let t: TestApp;
let district: Agent;
const DUTIES = 'shanxi-2023-duties-catalog';
const url = `/api/catalogs/${DUTIES}/import`;

const rowsOf = (n: number): Record<string, string>[] =>
  Array.from({ length: n }, (_, i) => ({
    事项编码: `SX-DUTY-2023-${String(i + 1).padStart(4, '0')}`,
    事项名称: `（测试）村级组织履行职责事项第${i + 1}项`,
    类别: i % 2 ? '村民自治' : '党的建设',
    '设定依据（文件）': '《中华人民共和国村民委员会组织法》',
    依据条款: `第${(i % 40) + 1}条`,
    生效日期: '2023-01-01',
  }));

const itemCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('catalogItem')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('catalogId', '=', DUTIES)
        .executeTakeFirst()
    )?.n ?? 0,
  );
const revisionCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('catalogItemRevision')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirst()
    )?.n ?? 0,
  );

beforeAll(async () => {
  t = await createTestApp();
  district = await t.as('demo-district');
});
afterAll(() => t.close());

describe('GET /api/catalogs/template.xlsx', () => {
  it('gives a template whose header row is the import columns', async () => {
    const res = await district.get('/api/catalogs/template.xlsx');
    expect(res.status).toBe(200);
    expect(String(res.headers['content-type'])).toMatch(/spreadsheetml/);
    const rows = await readXlsx(res.raw);
    expect(rows[0].slice(0, 4)).toEqual(['事项编码*', '事项名称*', '类别', '设定依据（文件）*']);
    expect((await t.agent().get('/api/catalogs/template.xlsx')).status).toBe(401);
  });
});

describe('POST /api/catalogs/:id/import (2,000 items)', () => {
  it('refuses a file with 3 bad rows, names the 3 rows, and writes nothing', async () => {
    const rows = rowsOf(2000);
    rows[99] = { ...rows[99], 事项名称: '' }; // Excel row 101
    rows[999] = { ...rows[999], 事项编码: '坏 编码' }; // row 1001
    rows[1799] = { ...rows[1799], 生效日期: '2023-13-45' }; // row 1801
    const before = await revisionCount();
    const res = await upload(t, district, url, await workbook(rows));
    expect(res.status).toBe(202);
    const job = await district.get(`/api/jobs/${res.body.jobId}`);
    expect(job.status).toBe(200);
    expect(job.body).toMatchObject({ status: 'failed', name: 'catalogs.import', error: { code: 'import_failed' } });
    expect(job.body.error.message).toMatch(/共 3 处错误，未写入任何数据。工作表“目录事项”第 101 行“事项名称”列/);
    const errors = job.body.error.details.errors;
    expect(errors.map((e: any) => [e.sheet, e.row, e.column])).toEqual([
      ['目录事项', 101, '事项名称'],
      ['目录事项', 1001, '事项编码'],
      ['目录事项', 1801, '生效日期'],
    ]);
    expect(errors[2].message).toMatch(/日期“2023-13-45”无效/);
    expect(await itemCount()).toBe(0);
    expect(await revisionCount()).toBe(before);
  });

  it("imports the corrected file; the catalog and the villages' effective catalog have all 2,000 items", async () => {
    const res = await upload(t, district, url, await workbook(rowsOf(2000)));
    expect(res.status).toBe(202);
    const job = await district.get(`/api/jobs/${res.body.jobId}`);
    expect(job.body).toMatchObject({
      status: 'succeeded',
      progress: 2000,
      total: 2000,
      result: { catalogId: DUTIES, rows: 2000, added: 2000, changed: 0, unchanged: 0 },
    });
    expect(job.body.message).toMatch(/导入完成/);
    expect(await itemCount()).toBe(2000);
    // Every Chinese name arrives intact (exceljs' streamed reader used to split characters at chunk boundaries).
    const names = await t.deps.db
      .selectFrom('catalogItemRevision')
      .innerJoin('catalogItem', 'catalogItem.id', 'catalogItemRevision.itemId')
      .select(['code', 'fieldsJson'])
      .where('catalogId', '=', DUTIES)
      .execute();
    const expected = new Map(rowsOf(2000).map((r) => [r.事项编码, r.事项名称]));
    expect(names.filter((n) => JSON.parse(n.fieldsJson).name !== expected.get(n.code))).toEqual([]);
    const c = await district.get(`/api/catalogs/${DUTIES}`);
    expect(c.body.itemCount).toBe(2000);
    const eff = await district.get(`/api/catalogs/effective?region=${HANDIAN_VILLAGE}&kinds=duty`);
    expect(eff.body.catalogs.find((x: any) => x.id === DUTIES).items).toHaveLength(2000);
    const audit = await t.deps.db
      .selectFrom('auditLog')
      .select(['action', 'outcome', 'afterJson'])
      .where('action', '=', 'catalogs.import')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.outcome)).toEqual(['failure', 'success']); // the refused file, then this one
    expect(JSON.parse(audit[0].afterJson!)).toMatchObject({ errors: 3 });
    expect(JSON.parse(audit[1].afterJson!)).toMatchObject({ added: 2000, jobId: res.body.jobId });
  });

  it('importing the same file again changes nothing', async () => {
    const before = await revisionCount();
    const versionBefore = (await district.get(`/api/catalogs/version?region=${HANDIAN_VILLAGE}`)).body.catalogVersion;
    const res = await upload(t, district, url, await workbook(rowsOf(2000)));
    const job = await district.get(`/api/jobs/${res.body.jobId}`);
    expect(job.body.result).toMatchObject({ added: 0, changed: 0, unchanged: 2000 });
    expect(await revisionCount()).toBe(before);
    expect(await itemCount()).toBe(2000);
    expect((await district.get(`/api/catalogs/version?region=${HANDIAN_VILLAGE}`)).body.catalogVersion).toBe(
      versionBefore,
    );
  });

  it('a changed row becomes a new revision of that item only, visible in its history', async () => {
    const rows = rowsOf(2000);
    rows[4] = { ...rows[4], 责任部门: '长治市上党区民政局' };
    const res = await upload(t, district, url, await workbook(rows));
    expect((await district.get(`/api/jobs/${res.body.jobId}`)).body.result).toMatchObject({
      added: 0,
      changed: 1,
      unchanged: 1999,
    });
    const h = await district.get('/api/catalogs/items/SX-DUTY-2023-0005/history');
    expect(h.body.revisions.map((r: any) => [r.revision, r.source, r.importJobId])).toEqual([
      [1, 'import', expect.any(String)],
      [2, 'import', res.body.jobId],
    ]);
    expect(h.body.revisions[1].fields.responsibleDepartment).toBe('长治市上党区民政局');
  });

  it('exports the catalog as it stood on a date, and the export imports back unchanged', async () => {
    const res = await district.get(`/api/catalogs/${DUTIES}/export.xlsx?date=2026-11-28`);
    expect(res.status).toBe(200);
    const rows = await readXlsx(res.raw);
    expect(rows).toHaveLength(2001);
    expect(rows[0].slice(0, 2)).toEqual(['事项编码', '事项名称']);
    const back = await upload(t, district, url, res.raw);
    expect((await district.get(`/api/jobs/${back.body.jobId}`)).body.result).toMatchObject({
      added: 0,
      changed: 0,
      unchanged: 2000,
    });
    // Before the list took effect it was empty.
    expect(
      await readXlsx((await district.get(`/api/catalogs/${DUTIES}/export.xlsx?date=2022-12-31`)).raw),
    ).toHaveLength(1);
  });

  it("exports a region's effective catalog with its version and completeness sheet", async () => {
    const res = await district.get(`/api/catalogs/effective/export.xlsx?region=${HANDIAN_VILLAGE}`);
    expect(res.status).toBe(200);
    const items = await readXlsx(res.raw);
    expect(items.length).toBeGreaterThan(2020);
    const about = await readXlsx(res.raw, '目录说明');
    expect(about.find((r) => r[0] === '目录版本')?.[1]).toMatch(/^cv-/);
    expect(about.some((r) => (r[2] ?? '').startsWith('部分｜'))).toBe(true);
  });
});

describe('import rules', () => {
  it('an official alternative channel imported into the negative list replaces the platform guidance on the portal', async () => {
    const res = await upload(
      t,
      district,
      '/api/catalogs/national-2020-negative-certificates-batch1/import',
      await workbook([
        {
          事项编码: 'CN-NEG-2020-01',
          事项名称: '亲属关系证明',
          '设定依据（文件）':
            '《不应由基层群众性自治组织出具证明事项清单（第一批）》，附于民政部等六部门《关于改进和规范基层群众性自治组织出具证明工作的指导意见》（民发〔2020〕20号）',
          替代办理渠道: '（测试）官方替代方式',
          生效日期: '2020-01-01',
        },
      ]),
    );
    expect((await district.get(`/api/jobs/${res.body.jobId}`)).body.result).toMatchObject({ changed: 1 });
    const check = await t
      .agent()
      .get(`/api/public/certificate-check?q=${encodeURIComponent('亲属关系证明')}&region=${HANDIAN_VILLAGE}`);
    expect(check.body).toMatchObject({
      verdict: 'negative',
      alternative: '（测试）官方替代方式',
      alternativeOfficial: true,
    });
  });

  it('refuses codes of another catalog, duplicate codes and bad URLs, naming each row', async () => {
    const res = await upload(
      t,
      district,
      url,
      await workbook([
        { 事项编码: 'CN-NEG-2020-02', 事项名称: 'x', '设定依据（文件）': 'y' },
        { 事项编码: 'NEW-01', 事项名称: 'a', '设定依据（文件）': 'b', 来源网址: 'javascript:alert(1)' },
        { 事项编码: 'NEW-01', 事项名称: 'a', '设定依据（文件）': 'b' },
      ]),
    );
    const job = await district.get(`/api/jobs/${res.body.jobId}`);
    expect(job.body.error.details.errors.map((e: any) => [e.row, e.column])).toEqual([
      [2, '事项编码'],
      [3, '来源网址'],
      [4, '事项编码'],
    ]);
    expect(job.body.error.details.errors[0].message).toMatch(/已属于目录/);
    expect(job.body.error.details.errors[2].message).toMatch(/与第 3 行重复/);
  });

  it('refuses a file that is not .xlsx at once (400) and a missing header column', async () => {
    const bad = await upload(t, district, url, Buffer.from('name,code\n1,2\n'), 'list.csv');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/xlsx/);
    const res = await upload(t, district, url, await workbook([{ 事项编码: 'A-01' }], ['事项编码', '类别']));
    const job = await district.get(`/api/jobs/${res.body.jobId}`);
    expect(job.body.error.details.errors.map((e: any) => e.column)).toEqual(['事项名称', '设定依据（文件）']);
  });

  it('needs catalogs.approve: no session 401, township officer 403; a job is visible only to whoever started it', async () => {
    const data = await workbook(rowsOf(1));
    expect((await upload(t, null, url, data)).status).toBe(401);
    const township = await t.as('demo-township');
    expect((await upload(t, township, url, data)).status).toBe(403);
    const mine = await upload(t, district, url, data);
    expect((await township.get(`/api/jobs/${mine.body.jobId}`)).status).toBe(404);
    expect((await t.agent().get(`/api/jobs/${mine.body.jobId}`)).status).toBe(401);
    expect((await district.get('/api/jobs/no-such-job')).status).toBe(404);
  });
});
