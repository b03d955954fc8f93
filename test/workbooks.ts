import ExcelJS from 'exceljs';

/** An .xlsx with one sheet of the given rows (the first row is the header), as a user would save it. */
export async function workbook(rows: unknown[][], sheet = '区划'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Reads every sheet of a workbook back as rows of cell values (and the notes of the header row). */
export async function readWorkbook(buf: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb.worksheets.map((ws) => ({
    name: ws.name,
    rows: ws
      .getSheetValues()
      .filter(Boolean)
      .map((r) => (r as unknown[]).slice(1)),
    notes: (ws.getRow(1).values as unknown[]).slice(1).map((_, i) => {
      const note = ws.getCell(1, i + 1).note;
      return typeof note === 'string' ? note : (note?.texts ?? []).map((x) => x.text).join('');
    }),
  }));
}
