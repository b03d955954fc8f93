/** Helpers for the catalog tests (not a test file itself). */
import ExcelJS from 'exceljs';
import { createTestApp, type Agent, type TestApp, type TestResponse } from '../../../../test/test-app.js';
import { enrolTotp, totpCode } from '../../../../test/mfa.js';
import { XLSX_TYPE } from '../../core/spreadsheets.js';

export const HANDIAN_TOWNSHIP = '140404001000';
export const HANDIAN_VILLAGE = '140404001200';

/**
 * A second district lead, so that proposer ≠ approver can be exercised at the district layer. Made
 * through the real APIs: the system admin creates the account, the security admin grants the role,
 * the user changes the one-time password and enrols TOTP (required of district roles).
 */
export async function secondDistrictLead(t: TestApp, username = 'district-lead-2'): Promise<Agent> {
  const sys = await t.as('demo-sysadmin');
  const created = await sys.post('/api/users', {
    username,
    displayName: '区民政局复核人',
    regionCode: '140404000000',
    password: 'Start#2023x',
  });
  if (created.status !== 200) throw new Error(`create user: ${created.status} ${JSON.stringify(created.body)}`);
  const sec = await t.as('demo-secadmin');
  const granted = await sec.post('/api/grants', {
    userId: created.body.id,
    role: 'district_lead',
    regionCode: '140404000000',
  });
  if (granted.status !== 200) throw new Error(`grant: ${granted.status} ${JSON.stringify(granted.body)}`);
  const a = t.agent();
  await a.login(username, 'Start#2023x');
  const changed = await a.post('/api/auth/password', {
    currentPassword: 'Start#2023x',
    newPassword: 'Fuhe#Quzhang2031',
  });
  if (changed.status !== 200) throw new Error(`password: ${changed.status} ${JSON.stringify(changed.body)}`);
  factors.set(username, await enrolTotp(t, a));
  await signInAgain(t, a, username);
  return a;
}

const factors = new Map<string, { secret: string; codes: string[] }>();

/**
 * Signs the second district lead in again (after the test clock moved): password and a TOTP code, or a
 * recovery code when the clock went back to an already used period.
 */
export async function signInAgain(t: TestApp, a: Agent, username = 'district-lead-2') {
  const f = factors.get(username)!;
  let res = await a.login(username, 'Fuhe#Quzhang2031', { otp: totpCode(t, f.secret) });
  if (res.status !== 200) res = await a.login(username, 'Fuhe#Quzhang2031', { recoveryCode: f.codes.shift()! });
  if (res.status !== 200) throw new Error(`login: ${res.status} ${JSON.stringify(res.body)}`);
}

/**
 * The app of the adjustment tests: four-eyes on, the district and township leads signed in, a second
 * district lead (the reviewer), and a village of another township.
 */
export async function adjustmentsApp() {
  const t = await createTestApp({ env: { JIANFU_CATALOG_FOUR_EYES: '1' } });
  const reviewer = await secondDistrictLead(t);
  const village = await t.deps.db
    .selectFrom('region')
    .select('code')
    .where('level', '=', 'village')
    .where('townshipCode', '!=', HANDIAN_TOWNSHIP)
    .orderBy('code')
    .limit(1)
    .executeTakeFirstOrThrow();
  return {
    t,
    reviewer,
    district: await t.as('demo-district'),
    township: await t.as('demo-township'),
    otherVillage: village.code,
  };
}

/** Proposes an adjustment as `agent` and submits it; the draft and the submitted adjustment. */
export async function proposeAndSubmit(agent: Agent, body: Record<string, unknown>) {
  const draft = await agent.post('/api/catalogs/adjustments', body);
  if (draft.status !== 200) throw new Error(`propose: ${draft.status} ${JSON.stringify(draft.body)}`);
  const submitted = await agent.post(`/api/catalogs/adjustments/${draft.body.id}/submit`, {
    version: draft.body.version,
  });
  return { draft, submitted };
}

/** Sets the clock and signs in again (sessions time out when the clock jumps). */
export async function signInAt(t: TestApp, iso: string, reviewer: Agent) {
  t.clock.set(iso);
  const district = await t.as('demo-district');
  const township = await t.as('demo-township');
  await signInAgain(t, reviewer);
  return { district, township };
}

/** A workbook with the template's header row and the given rows (header text → cell). */
export async function workbook(rows: Record<string, string>[], headers?: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('目录事项');
  const cols = headers ?? [
    '事项编码',
    '事项名称',
    '类别',
    '设定依据（文件）',
    '依据条款',
    '责任部门',
    '经费保障（费随事转）',
    '替代办理渠道',
    '生效日期',
    '失效日期',
    '备注',
    '来源网址',
  ];
  ws.addRow(cols);
  for (const r of rows) ws.addRow(cols.map((c) => r[c] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Posts a file as multipart/form-data (field `file`) with the agent's session and CSRF token. */
export async function upload(
  t: TestApp,
  agent: Agent | null,
  url: string,
  data: Buffer,
  filename = 'catalog.xlsx',
): Promise<TestResponse> {
  const boundary = `----jianfu${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${XLSX_TYPE}\r\n\r\n`,
    ),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await t.app.inject({
    method: 'POST',
    url,
    headers: {
      ...(agent?.cookie ? { cookie: agent.cookie } : {}),
      ...(agent?.csrf ? { 'x-csrf-token': agent.csrf } : {}),
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    payload,
  });
  const type = String(res.headers['content-type'] ?? '');
  return {
    status: res.statusCode,
    body: type.includes('json') ? res.json() : res.body,
    headers: res.headers,
    raw: res.rawPayload,
  };
}

/** Reads an xlsx response into rows of cell text (first sheet, or the named one). */
export async function readXlsx(raw: Buffer, sheet?: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as any);
  const ws = sheet ? wb.getWorksheet(sheet)! : wb.worksheets[0];
  const out: string[][] = [];
  ws.eachRow((row) =>
    out.push((row.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))),
  );
  return out;
}
