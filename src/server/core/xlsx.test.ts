import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { buildTemplate, readSheet } from './xlsx.js';
import { streamWorkbook } from './spreadsheets.js';

const columns = [
  { header: '区划代码', key: 'code', required: true },
  { header: '名称', key: 'name', required: true },
];

async function workbook(rows: unknown[][], sheet = '区划') {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('readSheet', () => {
  it('reads a template round trip with Chinese headers and required-column marks', async () => {
    const buf = await buildTemplate([{ name: '区划', columns, examples: [['140404001200', '韩店村委会']] }]);
    const r = await readSheet(buf, columns);
    expect(r.errors).toEqual([]);
    expect(r.rows).toEqual([{ row: 2, values: { code: '140404001200', name: '韩店村委会' } }]);
  });

  it('names a missing required column', async () => {
    const r = await readSheet(await workbook([['区划代码'], ['1']]), columns);
    expect(r.errors[0]).toMatchObject({ row: 1, column: '名称' });
    expect(r.errors[0].message).toMatch(/缺少必填列/);
  });

  it('refuses formulas cell by cell and a __proto__ header', async () => {
    const r = await readSheet(
      await workbook([
        ['区划代码', '名称'],
        [{ formula: '1+1', result: 2 }, 'x'],
      ]),
      columns,
    );
    expect(r.errors[0]).toMatchObject({ sheet: '区划', row: 2, column: '区划代码' });
    const p = await readSheet(
      await workbook([
        ['区划代码', '名称', '__proto__'],
        ['1', 'x', 'y'],
      ]),
      columns,
    );
    expect(p.errors[0].message).toMatch(/不允许/);
    expect(({} as any).polluted).toBeUndefined();
  });

  it('refuses what is not an xlsx with a Chinese message', async () => {
    await expect(readSheet(Buffer.from('not a spreadsheet'), columns)).rejects.toMatchObject({
      code: 'validation_failed',
      message: expect.stringMatching(/不是有效的 .xlsx/),
    });
    await expect(
      readSheet(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), columns),
    ).rejects.toMatchObject({ message: expect.stringMatching(/旧版 .xls/) });
  });
  it('finds every named sheet of a streamed export, whose workbook part is stored last (exceljs#3064)', async () => {
    const names = ['标识牌', '工作机制', '工作事务', '证明事项'];
    for (let i = 0; i < 5; i++) {
      const out = streamWorkbook(
        names.map((name, k) => ({
          name,
          columns: [
            { header: '区划代码', value: (r: string) => r },
            { header: '名称', value: () => `${name}${i}` },
          ],
          rows: [`14040400${i}${k}`],
        })),
      );
      const chunks: Buffer[] = [];
      for await (const c of out) chunks.push(c as Buffer);
      const buf = Buffer.concat(chunks);
      for (const [k, name] of names.entries()) {
        const r = await readSheet(buf, columns, { sheet: name });
        expect(r.rows).toEqual([{ row: 2, values: { code: `14040400${i}${k}`, name: `${name}${i}` } }]);
      }
    }
  });
});
