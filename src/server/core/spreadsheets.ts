import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { loadExcelJs } from './exceljs.js';

export interface SheetColumn<T> {
  header: string;
  width?: number;
  value: (row: T) => string | number | null | undefined;
}

export interface SheetSpec<T> {
  name: string;
  columns: SheetColumn<T>[];
  rows: AsyncIterable<T> | Iterable<T>;
  /** Optional closing rows (e.g. totals), written after the data. */
  footer?: () => (string | number | null)[][];
}

/** Neutralises spreadsheet formula injection: text cells that start with = + - @ tab or CR get a leading quote. */
export function safeCell(v: string | number | null | undefined): string | number | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number') return v;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

/** Content-Disposition for a Chinese file name (RFC 6266 / 5987). */
export const attachment = (filename: string) => `attachment; filename="${encodeURIComponent(filename).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Writes sheets with exceljs' streaming writer (constant memory) into a stream the HTTP reply pipes.
 * Rows are committed one by one, so a province-sized export never sits in memory.
 */
export function streamWorkbook(sheets: SheetSpec<any>[]): PassThrough {
  const out = new PassThrough();
  (async () => {
    const ExcelJS = await loadExcelJs();
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    for (const spec of sheets) {
      const ws = wb.addWorksheet(spec.name);
      ws.columns = spec.columns.map((c) => ({ header: c.header, width: c.width ?? 16 }));
      ws.getRow(1).font = { bold: true };
      let n = 0;
      for await (const row of spec.rows) {
        ws.addRow(spec.columns.map((c) => safeCell(c.value(row)))).commit();
        // Rows from a synchronous driver (better-sqlite3) never yield: give the event loop and the
        // client a turn, and wait while the reply has not drained what was already written.
        if (++n % 500 === 0) {
          if (out.writableNeedDrain) await once(out, 'drain');
          else await new Promise((r) => setImmediate(r));
        }
      }
      for (const extra of spec.footer?.() ?? []) ws.addRow(extra.map(safeCell)).commit();
      ws.commit();
    }
    await wb.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
