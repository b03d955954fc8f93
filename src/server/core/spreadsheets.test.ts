import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { streamWorkbook } from './spreadsheets.js';

const collect = (s: NodeJS.ReadableStream) =>
  new Promise<Buffer>((resolve, reject) => {
    const parts: Buffer[] = [];
    s.on('data', (d: Buffer) => parts.push(d));
    s.on('end', () => resolve(Buffer.concat(parts)));
    s.on('error', reject);
  });

async function* numbered(n: number, seen: { count: number }) {
  for (let i = 1; i <= n; i++) {
    seen.count = i;
    yield { i, name: `第${i}行 韩店村民委员会` };
  }
}

describe('streamWorkbook', () => {
  it('streams every row of a large sheet into a valid workbook, with the footer', async () => {
    const seen = { count: 0 };
    const out = streamWorkbook([
      {
        name: '标识牌',
        columns: [
          { header: '序号', value: (r: { i: number }) => r.i },
          { header: '名称', value: (r: { name: string }) => r.name },
        ],
        rows: numbered(30_000, seen),
        footer: () => [['合计', '共 30000 项']],
      },
    ]);
    const buf = await collect(out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    expect(ws.name).toBe('标识牌');
    expect(ws.rowCount).toBe(30_002);
    expect(ws.getRow(30_001).getCell(2).value).toBe('第30000行 韩店村民委员会');
    expect(ws.getRow(30_002).getCell(1).value).toBe('合计');
  });

  it('stops reading rows when the client goes away', async () => {
    const seen = { count: 0 };
    const out = streamWorkbook([
      { name: 'x', columns: [{ header: 'i', value: (r: { i: number }) => r.i }], rows: numbered(2_000_000, seen) },
    ]);
    out.once('data', () => out.destroy());
    await new Promise((r) => out.once('close', r));
    const at = seen.count;
    await new Promise((r) => setTimeout(r, 200));
    expect(seen.count).toBe(at); // nothing more was read
    expect(seen.count).toBeLessThan(2_000_000);
  });
});
