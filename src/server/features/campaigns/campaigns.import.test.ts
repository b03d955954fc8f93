/**
 * Spreadsheet import of ledgers (S-5, S-8), a job (POST answers 202 {jobId}; GET /api/jobs/:id reports
 * progress and the outcome): a 10,000-row file with 5 bad rows is refused naming the 5 rows (sheet, row,
 * column, in Chinese, keyed for other languages) with nothing written; the corrected file commits in one
 * transaction with one audit row; importing it again changes nothing. Templates and a village's own
 * four-sheet workbook too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import {
  importWorkbook,
  launchedCampaign,
  ledgerOf,
  readWorkbook,
  upload,
  workbook,
} from '../../../../test/fixtures/ledgers/helpers.js';
import { WORK_AFFAIR_NAMES, REQUESTERS, workAffairSheet } from '../../../../test/fixtures/ledgers/rows.js';

let t: TestApp;
let campaignId: string;
let township: Agent;
let villages: string[];

beforeAll(async () => {
  t = await createTestApp();
  ({ id: campaignId } = await launchedCampaign(t));
  township = await t.as('demo-township');
  villages = (
    await t.deps.db
      .selectFrom('ledger')
      .select('villageCode')
      .where('campaignId', '=', campaignId)
      .where('townshipCode', '=', '140404001000')
      .orderBy('villageCode')
      .execute()
  ).map((l) => l.villageCode);
});
afterAll(() => t.close());

const rowCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('ledgerRow')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('campaignId', '=', campaignId)
        .executeTakeFirstOrThrow()
    ).n,
  );
const importCount = async () =>
  Number(
    (
      await t.deps.db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', 'ledgers.import')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('a 10,000-row import', () => {
  let good: (string | number)[][];

  it('has 5 bad rows: refused naming exactly those 5 rows, with nothing written', async () => {
    expect(villages.length).toBeGreaterThan(20);
    good = workAffairSheet(villages, 10_000);
    expect(good).toHaveLength(10_000);
    const bad = good.map((r) => [...r]);
    // Excel row numbers are index + 2 (header on row 1).
    bad[10][0] = '140404999299'; //             row 12: a village not in the campaign
    bad[2000][1] = ''; //                       row 2002: name missing
    bad[4000][5] = '很多'; //                   row 4002: forms not a number
    bad[6000][3] = '随便'; //                    row 6002: catalog kind unknown
    bad[9000] = [...bad[8999]]; //              row 9002: duplicate of row 9001
    const file = await workbook([{ name: '工作事务', header: HEADER, rows: bad }]);
    const audits = await importCount();
    const { res, job } = await importWorkbook(t, township, `/api/campaigns/${campaignId}/import?category=work_affair`, {
      data: file,
      filename: '工作事务台账.xlsx',
    });
    expect(res.status).toBe(202);
    expect(job).toMatchObject({ name: 'campaigns.import', status: 'failed' });
    expect(job.error.code).toBe('import_failed');
    expect(job.error.message).toMatch(/共 5 处错误，未写入任何数据/);
    const errors = job.error.details.errors as { sheet: string; row: number; column: string; message: string }[];
    expect(errors.map((e) => e.row)).toEqual([12, 2002, 4002, 6002, 9002]);
    expect(errors.map((e) => e.column)).toEqual(['村（社区）代码', '事项名称', '需填报表格数', '目录类别', '事项名称']);
    for (const e of errors) expect(e.sheet).toBe('工作事务');
    expect(errors[4]).toMatchObject({
      message: '与第 9001 行重复（同一村的同一条目）',
      key: 'campaigns.importError.duplicate',
      params: { row: 9001 },
    });
    expect(await rowCount()).toBe(0);
    expect(await importCount()).toBe(audits);
  });

  it('the good file commits in one transaction with one audit row naming counts and the rows hash', async () => {
    const file = await workbook([{ name: '工作事务', header: HEADER, rows: good }]);
    const started = Date.now();
    const { res, job } = await importWorkbook(t, township, `/api/campaigns/${campaignId}/import?category=work_affair`, {
      data: file,
      filename: '工作事务台账.xlsx',
    });
    const ms = Date.now() - started;
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(202);
    expect(job.status, JSON.stringify(job.error).slice(0, 500)).toBe('succeeded');
    expect(job).toMatchObject({ progress: 10_000, total: 10_000 });
    expect(job.result).toMatchObject({
      rows: 10_000,
      inserted: 10_000,
      updated: 0,
      unchanged: 0,
      ledgers: new Set(good.map((r) => r[0])).size,
      sheets: ['工作事务'],
    });
    expect(await rowCount()).toBe(10_000);
    const audit = await t.deps.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'ledgers.import')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.afterJson!)).toMatchObject({
      inserted: 10_000,
      rowIdCount: 10_000,
      rowIdsSm3: expect.stringMatching(/^[0-9a-f]{64}$/),
      fileSha256: job.result.fileSha256,
    });
    const judged = await t.deps.db
      .selectFrom('ledgerRow')
      .select(['suggestedVerdict', 'catalogVersion', 'source'])
      .where('campaignId', '=', campaignId)
      .limit(50)
      .execute();
    for (const j of judged)
      expect(j).toMatchObject({ source: 'import', catalogVersion: expect.stringMatching(/^cv-/) });
    console.log(`10,000-row import (${t.deps.dialect}): ${ms} ms`);
  });

  it('importing it twice changes nothing', async () => {
    const before = await t.deps.db
      .selectFrom('ledgerRow')
      .select(['id', 'version', 'updatedAt'])
      .where('campaignId', '=', campaignId)
      .orderBy('id')
      .execute();
    const versions = await t.deps.db
      .selectFrom('ledger')
      .select(['id', 'version'])
      .where('campaignId', '=', campaignId)
      .orderBy('id')
      .execute();
    const audits = await importCount();
    const file = await workbook([{ name: '工作事务', header: HEADER, rows: good }]);
    const { job } = await importWorkbook(t, township, `/api/campaigns/${campaignId}/import?category=work_affair`, {
      data: file,
      filename: '工作事务台账.xlsx',
    });
    expect(job.result).toMatchObject({ inserted: 0, updated: 0, unchanged: 10_000 });
    expect(
      await t.deps.db
        .selectFrom('ledgerRow')
        .select(['id', 'version', 'updatedAt'])
        .where('campaignId', '=', campaignId)
        .orderBy('id')
        .execute(),
    ).toEqual(before);
    expect(
      await t.deps.db
        .selectFrom('ledger')
        .select(['id', 'version'])
        .where('campaignId', '=', campaignId)
        .orderBy('id')
        .execute(),
    ).toEqual(versions);
    expect(await importCount()).toBe(audits);
  });
});

const HEADER = ['村（社区）代码', '事项名称', '要求单位', '目录类别', '经费保障', '需填报表格数', '区政府审批文号'];

/** A village's own workbook: three of the four sheets, no village column, Chinese values and decisions. */
const villageWorkbook = (certificateVerdict: string) =>
  workbook([
    {
      name: '标识牌',
      header: ['标识牌文字', '制发单位', '悬挂位置', '处理意见'],
      rows: [
        ['韩店村民委员会', '韩店街道', '大门外', '保留'],
        ['韩店村综治中心', '区委政法委', '室外', ''],
      ],
    },
    {
      name: '工作机制',
      header: [
        '机制名称',
        '设立单位',
        '设立依据',
        '是否专人专岗',
        '人员由谁提供',
        '经费由谁提供',
        '是否发挥实际作用',
        '村民是否认可',
      ],
      rows: [['村务监督委员会', '村民会议', '《村民委员会组织法》第三十二条', '否', '村', '村', '是', '是']],
    },
    {
      name: '证明事项',
      header: ['证明名称', '要求出具的单位', '上年出具数量', '处理意见', '改判理由'],
      rows: [['死亡证明', '保险公司', '12件', certificateVerdict, '']],
    },
  ]);

describe('a village imports its own workbook', () => {
  it('downloads the template: one sheet per category with the required columns marked', async () => {
    const v = await t.as('demo-village');
    const res = await v.get('/api/ledger-template?category=all');
    expect(res.status).toBe(200);
    const sheets = await readWorkbook(res.raw);
    expect(Object.keys(sheets)).toEqual(['标识牌', '工作机制', '工作事务', '证明事项']);
    expect(sheets['标识牌'][0]).toEqual([
      '村（社区）代码',
      '村（社区）名称',
      '标识牌文字*',
      '制发单位*',
      '悬挂位置*',
      '依据',
      '处理意见',
      '改判理由',
    ]);
  });

  it('imports four sheets without a village column; Chinese values and decisions are understood', async () => {
    const v = await t.as('demo-village');
    const file = await villageWorkbook('保留');
    const refused = await importWorkbook(t, v, `/api/campaigns/${campaignId}/import`, {
      data: file,
      filename: '本村台账.xlsx',
    });
    expect(refused.job.status).toBe('failed');
    expect(refused.job.error.details.errors).toEqual([
      {
        sheet: '证明事项',
        row: 2,
        column: '改判理由',
        message: '处理意见“保留”与系统建议“取消”不同，须写明改判理由',
        key: 'campaigns.importError.reasonMissing',
        params: { verdict: '保留', suggested: '取消' },
      },
    ]);
    const fixed = await villageWorkbook('取消');
    const ok = await importWorkbook(t, v, `/api/campaigns/${campaignId}/import`, {
      data: fixed,
      filename: '本村台账.xlsx',
    });
    expect(ok.job.status, JSON.stringify(ok.job.error)).toBe('succeeded');
    expect(ok.job.result).toMatchObject({ sheets: ['标识牌', '工作机制', '证明事项'], inserted: 4, ledgers: 1 });
    const view = (await v.get(`/api/ledgers/${await ledgerOf(t, campaignId, '140404001200')}`)).body;
    const sign = view.rows.sign.find((r: any) => r.name === '韩店村民委员会');
    expect(sign).toMatchObject({ fields: { position: 'outside' }, decision: { verdict: 'keep', kind: 'accepted' } });
    expect(view.rows.certificate[0]).toMatchObject({ fields: { volumeLastYear: 12 }, decision: { verdict: 'cancel' } });
    expect(view.rows.mechanism[0].suggestion).toMatchObject({ verdict: 'keep', matchKind: 'statutory' });
  });

  it('refuses what is not a spreadsheet, in Chinese', async () => {
    const v = await t.as('demo-village');
    const res = await upload(t, v, `/api/campaigns/${campaignId}/import`, {
      data: Buffer.from('%PDF-1.4 not a workbook'),
      filename: 'a.xlsx',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/不是有效的 \.xlsx/);
  });

  it('the department officer may not import (403), and an unknown campaign is 404', async () => {
    const d = await t.as('demo-department');
    const file = await workbook([
      { name: '工作事务', header: HEADER, rows: [[villages[0], WORK_AFFAIR_NAMES[0], REQUESTERS[0], '', '', '0', '']] },
    ]);
    expect((await upload(t, d, `/api/campaigns/${campaignId}/import`, { data: file, filename: 'x.xlsx' })).status).toBe(
      403,
    );
    expect((await upload(t, township, `/api/campaigns/nope/import`, { data: file, filename: 'x.xlsx' })).status).toBe(
      404,
    );
  });
});
