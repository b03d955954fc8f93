// Malformed input of every kind gets a 4xx with `{error:{code,message}}` in Chinese naming the field,
// and writes nothing (DB-15, AS-10, AS-19, T-X1); web-facing 401/403/404/423 bodies are Chinese too.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { createTestApp, type Agent, type TestApp, type TestResponse } from './test-app.js';
import { upload } from './upload.js';
import { workbook } from './workbooks.js';

const CHINESE = /[\u4e00-\u9fff]/;

let t: TestApp;
let sys: Agent;
beforeAll(async () => {
  t = await createTestApp();
  sys = await t.as('demo-sysadmin');
});
afterAll(() => t.close());

const rowCount = async (table: 'appUser' | 'auditLog' | 'region' | 'grant' | 'department') =>
  Number(
    (
      await t.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Row counts of the tables a request could write. */
async function counts() {
  return {
    appUser: await rowCount('appUser'),
    auditLog: await rowCount('auditLog'),
    region: await rowCount('region'),
    grant: await rowCount('grant'),
    department: await rowCount('department'),
  };
}

/** The error body every failure answers with: a known code and a Chinese message. */
function expectError(res: TestResponse, status: number, code: string, mentions?: RegExp) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual({ error: expect.objectContaining({ code, message: expect.stringMatching(CHINESE) }) });
  if (mentions) expect(res.body.error.message).toMatch(mentions);
}

const validUser = {
  username: 'bad-input-user',
  displayName: '测试用户',
  regionCode: '140404001200',
  password: 'Valid#2026pass',
};

describe('JSON bodies', () => {
  it.each<[string, () => Promise<TestResponse>, number, string, RegExp | undefined]>([
    [
      'malformed JSON',
      () => sys.request('POST', '/api/users', '{"username": "x",'),
      400,
      'validation_failed',
      /不是有效的 JSON/,
    ],
    [
      'JSON with a __proto__ key',
      () => sys.request('POST', '/api/users', '{"__proto__": {"polluted": 1}}'),
      400,
      'validation_failed',
      undefined,
    ],
    [
      'a wrong type (number for displayName)',
      () => sys.post('/api/users', { ...validUser, displayName: 42 }),
      400,
      'validation_failed',
      /displayName/,
    ],
    [
      'a wrong type (string for version)',
      () => sys.patch('/api/users/00000000-0000-7000-8000-000000000000', { version: 'one' }),
      400,
      'validation_failed',
      /version/,
    ],
    [
      'a value breaking its rule (regionCode)',
      () => sys.post('/api/users', { ...validUser, regionCode: '1404' }),
      400,
      'validation_failed',
      /regionCode.*12 位数字/,
    ],
    [
      'an unknown field',
      () => sys.post('/api/users', { ...validUser, isAdmin: true }),
      400,
      'validation_failed',
      /isAdmin/,
    ],
    [
      'mass assignment of status/version',
      () => sys.post('/api/departments', { regionCode: '140404000000', name: '某部门', kind: 'party', version: 9 }),
      400,
      'validation_failed',
      /version/,
    ],
    [
      'a missing field',
      () => sys.post('/api/users', { username: 'only-a-name' }),
      400,
      'validation_failed',
      /displayName|regionCode|password/,
    ],
    [
      'an empty body with a JSON content type',
      () => sys.request('POST', '/api/users', '', { 'content-type': 'application/json' }),
      400,
      'validation_failed',
      /请求体为空/,
    ],
    ['no body at all', () => sys.request('POST', '/api/users'), 400, 'validation_failed', /请求体/],
    ['an array instead of an object', () => sys.post('/api/users', [validUser]), 400, 'validation_failed', /请求体/],
    [
      'text/plain',
      () => sys.request('POST', '/api/users', JSON.stringify(validUser), { 'content-type': 'text/plain' }),
      400,
      'validation_failed',
      /请求体/,
    ],
    [
      'application/xml',
      () => sys.request('POST', '/api/users', '<user/>', { 'content-type': 'application/xml' }),
      415,
      'unsupported_media_type',
      /内容类型/,
    ],
    [
      'form-urlencoded',
      () => sys.request('POST', '/api/users', 'username=x', { 'content-type': 'application/x-www-form-urlencoded' }),
      415,
      'unsupported_media_type',
      /内容类型/,
    ],
    [
      'a body over bodyLimit',
      () => sys.post('/api/users', { ...validUser, displayName: '长'.repeat(400_000) }),
      413,
      'payload_too_large',
      /过大/,
    ],
    [
      'a wrong query type',
      () => sys.request('GET', '/api/users?page=first'),
      400,
      'validation_failed',
      /查询参数.*page/,
    ],
    ['an unknown query parameter', () => sys.request('GET', '/api/users?admin=1'), 400, 'validation_failed', /admin/],
    [
      'a bad path parameter',
      () => sys.request('GET', '/api/regions/not-a-code'),
      400,
      'validation_failed',
      /路径参数.*code/,
    ],
    [
      'a login with a wrong type',
      () => t.agent().post('/api/auth/login', { username: ['demo-sysadmin'], password: 1 }),
      400,
      'validation_failed',
      /username/,
    ],
  ])('%s → %i', async (_name, send, status, code, mentions) => {
    const before = await counts();
    const res = await send();
    expectError(res, status, code, mentions);
    if (res.body.error.code === 'validation_failed' && res.body.error.details) {
      expect(res.body.error.details.issues.every((i: { message: string }) => CHINESE.test(i.message))).toBe(true);
    }
    expect(await counts()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('the body limit is the configured one (JIANFU_BODY_LIMIT_BYTES)', () => {
    expect(t.deps.config.http.bodyLimit).toBe(1024 * 1024);
  });

  it('valid input still works after all that (control)', async () => {
    const before = await counts();
    const res = await sys.post('/api/users', validUser);
    expect(res.status).toBe(200);
    const after = await counts();
    expect(after).toEqual({ ...before, appUser: before.appUser + 1, auditLog: before.auditLog + 1 });
  });
});

describe('spreadsheet import of regions (POST /api/regions/import-xlsx)', () => {
  const header = ['区划代码*', '名称*'];
  const good = [
    ['140404001290', '试验一村委会'],
    ['140404510000', '试验镇'],
    ['140404510201', '试验镇一村委会'],
  ];

  it('refuses a file with bad rows, naming every bad row, writing nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('区划');
    ws.addRows([
      header,
      ['14040400129', '位数不对村'], // row 2: 11 digits
      ['140404001291', '村'], // row 3: name too short
      ['140404520201', '无上级村委会'], // row 4: parent 140404520000 neither in the DB nor earlier in the file
      ['140403001291', '外区村委会'], // row 5: outside the sysadmin's district (and no parent)
      ['140404001292', '重复村委会'], // row 6: fine
      ['140404001292', '重复村委会'], // row 7: duplicate of row 6
      ['140404001293', '方向\u202e控制符村'], // row 8: bidi override in the name
      [{ formula: '140404001200+94', result: 140404001294 }, '公式村委会'], // row 9: a formula
      ['140404001295', '名'.repeat(51)], // row 10: name too long
      ['140404001296', ''], // row 11: name missing
      ['', '没有代码的村'], // row 12: code missing
      ['140000000001', '结构错误村'], // row 13: malformed segments
      ...good.map((r) => r), // rows 14-16: fine, but the file is all or nothing
    ]);
    const file = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await counts();
    const regionsBefore = await t.deps.db.selectFrom('region').selectAll().orderBy('code').execute();
    const res = await upload(t, sys, '/api/regions/import-xlsx', file, '错误的区划.xlsx');
    expectError(res, 400, 'import_failed', /未写入任何数据/);
    const errors = res.body.error.details.errors as { sheet: string; row: number; column: string; message: string }[];
    expect(res.body.error.message).toMatch(/工作表“区划”第 2 行“区划代码”列/);
    expect([...new Set(errors.map((e) => e.row))]).toEqual([2, 3, 4, 5, 7, 8, 9, 10, 11, 12, 13]);
    for (const e of errors) {
      expect(e.sheet).toBe('区划');
      expect(['区划代码', '名称']).toContain(e.column);
      expect(e.message).toMatch(CHINESE);
    }
    const byRow = (row: number) =>
      errors
        .filter((e) => e.row === row)
        .map((e) => `${e.column}:${e.message}`)
        .join(' | ');
    expect(byRow(2)).toMatch(/区划代码:.*12 位数字/);
    expect(byRow(3)).toMatch(/名称:.*2–50 个字/);
    expect(byRow(4)).toMatch(/上级区划“140404520000”不存在/);
    expect(byRow(5)).toMatch(/不在您的管辖范围内/);
    expect(byRow(7)).toMatch(/与第 6 行重复/);
    expect(byRow(8)).toMatch(/方向控制符/);
    expect(byRow(9)).toMatch(/公式/);
    expect(byRow(10)).toMatch(/2–50 个字（现为 51 个）/);
    expect(byRow(11)).toMatch(/名称不能为空/);
    expect(byRow(12)).toMatch(/区划代码不能为空/);
    expect(byRow(13)).toMatch(/不是有效的统计用区划代码/);
    expect(await counts()).toEqual(before);
    expect(await t.deps.db.selectFrom('region').selectAll().orderBy('code').execute()).toEqual(regionsBefore);
  });

  it('imports the corrected file, and importing it again changes nothing', async () => {
    const file = await workbook([header, ...good]);
    const before = await counts();
    const first = await upload(t, sys, '/api/regions/import-xlsx', file);
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ total: 3, inserted: 3, renamed: 0 });
    expect(await counts()).toEqual({ ...before, region: before.region + 3, auditLog: before.auditLog + 1 });
    const regionsAfter = await t.deps.db.selectFrom('region').selectAll().orderBy('code').execute();
    t.clock.advanceMinutes(1);
    const second = await upload(t, sys, '/api/regions/import-xlsx', file);
    expect(second.body).toEqual({ total: 3, inserted: 0, renamed: 0 });
    expect(await t.deps.db.selectFrom('region').selectAll().orderBy('code').execute()).toEqual(regionsAfter);
  });

  it.each<[string, () => Promise<Buffer>, RegExp]>([
    ['an empty file', async () => Buffer.alloc(0), /不是有效的 .xlsx/],
    ['random bytes', async () => Buffer.from('PK\u0003\u0004 but not really a zip at all'), /损坏|不是/],
    ['an old .xls', async () => Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /旧版 .xls/],
    ['a CSV renamed', async () => Buffer.from('区划代码,名称\n140404001200,韩店村委会\n'), /不是有效的 .xlsx/],
    [
      'a sheet without the template columns',
      async () =>
        workbook([
          ['编号', '村名'],
          ['140404001200', '韩店村委会'],
        ]),
      /缺少必填列“区划代码”/,
    ],
    ['a header row only', async () => workbook([header]), /没有数据行/],
  ])('refuses %s with a Chinese 400 and writes nothing', async (_name, make, message) => {
    const before = await counts();
    const res = await upload(t, sys, '/api/regions/import-xlsx', await make());
    expect(res.status).toBe(400);
    expect(['validation_failed', 'import_failed']).toContain(res.body.error.code);
    expect(res.body.error.message).toMatch(message);
    expect(await counts()).toEqual(before);
  });

  it('refuses an upload over 10 MB with 413 and a Chinese message', async () => {
    const before = await counts();
    const res = await upload(t, sys, '/api/regions/import-xlsx', Buffer.alloc(10 * 1024 * 1024 + 1, 0x50), '太大.xlsx');
    expectError(res, 413, 'payload_too_large', /超过 10 MB/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a multipart request without a file (400) and a JSON body (415)', async () => {
    const empty = await sys.request('POST', '/api/regions/import-xlsx', '--b--\r\n', {
      'content-type': 'multipart/form-data; boundary=b',
    });
    expectError(empty, 400, 'validation_failed', /没有收到文件/);
    expectError(await sys.post('/api/regions/import-xlsx', {}), 415, 'unsupported_media_type', /multipart/);
  });
});

describe('web-facing error bodies are Chinese (401, 403, 404, 423)', () => {
  it('401: no session, an expired session, and bad credentials', async () => {
    expectError(await t.agent().get('/api/auth/me'), 401, 'unauthenticated', /请先登录/);
    const a = await t.as('demo-approver');
    t.clock.advanceMinutes(31);
    expectError(await a.get('/api/auth/me'), 401, 'unauthenticated', /会话不存在或已超时/);
    expectError(await t.agent().login('demo-approver', 'Wrong#password1'), 401, 'unauthenticated', /用户名或密码错误/);
  });

  it('403: no permission, a missing CSRF token, a password that must be changed first', async () => {
    const village = await t.as('demo-village');
    expectError(await village.get('/api/users'), 403, 'forbidden', /没有执行此操作的权限/);
    village.csrf = null;
    expectError(await village.post('/api/auth/logout'), 403, 'csrf_failed', /请求校验失败/);
    const created = await (
      await t.as('demo-sysadmin')
    ).post('/api/users', {
      username: 'must-change',
      displayName: '新用户',
      regionCode: '140404001203',
      password: 'Start#2026abc',
    });
    expect(created.status).toBe(200);
    const fresh = t.agent();
    await fresh.login('must-change', 'Start#2026abc');
    expectError(await fresh.get('/api/regions/roots'), 403, 'password_change_required', /修改密码/);
  });

  it('404: an invisible record and an unknown API route', async () => {
    const village = await t.as('demo-village');
    expectError(await village.get('/api/regions/140404001202'), 404, 'not_found', /未找到该区划/);
    expectError(await village.get('/api/no-such-thing'), 404, 'not_found', /接口不存在/);
    expectError(await village.request('DELETE', '/api/regions/140404001200'), 404, 'not_found', /接口不存在/);
  });

  it('404 stays JSON under /api even when the web app is built; other GETs get the web app', async () => {
    const built = fs.existsSync(path.resolve('dist/web/index.html'));
    const page = await t.agent().get('/regions/tree');
    if (built) {
      expect(page.status).toBe(200);
      expect(String(page.headers['content-type'])).toMatch(/text\/html/);
    } else expectError(page, 404, 'not_found', /接口不存在/);
    expectError(await t.agent().get('/api/regions/140404001200/nothing'), 404, 'not_found', /接口不存在/);
    expectError(await t.agent().request('POST', '/regions/tree'), 404, 'not_found', /接口不存在/);
  });

  it('423: a name delayed from this address, with the minutes to wait (the same for unknown names)', async () => {
    for (const name of ['demo-department', 'nobody-at-all']) {
      const a = t.agent();
      let extra: Record<string, string> = {};
      for (let i = 0; i < 4; i++) {
        const res = await a.login(name, `Wrong#pass${i}`, extra);
        expect(res.status).toBe(401);
        const captcha = res.body.error.details?.captcha;
        extra = captcha
          ? {
              captchaId: captcha.id,
              captchaAnswer: (
                await t.deps.db
                  .selectFrom('captcha')
                  .select('answer')
                  .where('id', '=', captcha.id)
                  .executeTakeFirstOrThrow()
              ).answer,
            }
          : {};
      }
      expectError(await a.login(name, 'Wrong#pass5', extra), 423, 'account_locked', /暂停登录，请 1 分钟后再试/);
      expectError(await a.login(name), 423, 'account_locked', /请 1 分钟后再试/);
    }
  });
});
