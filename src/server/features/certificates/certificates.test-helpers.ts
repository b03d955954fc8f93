/** Helpers for the certificate desk's route tests (not a test file itself). */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect } from 'vitest';
import { createTestApp, type Agent, type TestApp } from '../../../../test/test-app.js';
import { CLEAR_ID_PATTERN, CLEAR_PHONE_PATTERN } from './certificates.identity.js';

export const { residents } = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/certificates/residents.json', import.meta.url), 'utf8'),
) as {
  residents: { name: string; idNumber: string; phone: string }[];
};
export const VILLAGE = '140404001200';

export interface CertificatesTest {
  t: TestApp;
  village: Agent;
  township: Agent;
  district: Agent;
  dept: Agent;
}

/** A fresh app for the file, with the demo village, township, district and department signed in. */
export function certificatesTest(): CertificatesTest {
  const s = {} as CertificatesTest;
  beforeAll(async () => {
    s.t = await createTestApp();
    [s.village, s.township, s.district, s.dept] = await Promise.all(
      ['demo-village', 'demo-township', 'demo-district', 'demo-department'].map((u) => s.t.as(u)),
    );
  });
  afterAll(() => s.t.close());
  return s;
}

export const issueBody = (over: Record<string, unknown> = {}) => ({
  q: '入党外调政审证明',
  holder: { name: residents[0].name, idNumber: residents[0].idNumber, phone: residents[0].phone },
  purpose: '发展党员政治审查',
  demander: '中共某某大学委员会组织部',
  facts: '系本村村民，户籍在本村，现实表现良好，无违法违纪记录',
  signerName: '刘主任',
  ...over,
});

/** A refusal slip for a negative-list certificate a bank demanded (names the second resident). */
export const kinshipSlip = () => ({
  q: '开个亲属关系证明',
  holderName: residents[1].name,
  purpose: '办理存款继承',
  demander: '某某银行长治分行',
  demanderKind: 'bank',
});

/** Every string anywhere in a JSON value. */
export function strings(v: unknown, out: string[] = []): string[] {
  if (typeof v === 'string') out.push(v);
  else if (Array.isArray(v)) for (const x of v) strings(x, out);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}

const CLEAR = residents.flatMap((r) => [r.idNumber, r.phone]);
export function expectNoClearPii(label: string, values: string[]) {
  for (const s of values) {
    expect(CLEAR_ID_PATTERN.test(s), `${label}: unmasked ID number in “${s}”`).toBe(false);
    expect(CLEAR_PHONE_PATTERN.test(s), `${label}: unmasked phone number in “${s}”`).toBe(false);
    for (const c of CLEAR) expect(s.includes(c), `${label}: “${c}” in “${s}”`).toBe(false);
  }
}

export async function xlsxStrings(raw: Buffer): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as any);
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((cell) => out.push(String(cell.text ?? cell.value ?? '')))));
  return out;
}
