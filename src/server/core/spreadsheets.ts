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
export const attachment = (filename: string) =>
  `attachment; filename="${encodeURIComponent(filename).replace(/%[0-9A-F]{2}/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const PENDING_BYTES = 1 << 20;

/** The stream the zip reads a worksheet from, and the bytes queued in it (exceljs and archiver internals: undefined if they change). */
function sheetQueue(ws: unknown): { stream: NodeJS.EventEmitter; bytes: number } | undefined {
  const pipe = (ws as { stream?: { pipes?: unknown[] } }).stream?.pipes?.[0] as NodeJS.EventEmitter | undefined;
  const state = pipe ? (Reflect.get(pipe, '_writableState') as { length?: number } | undefined) : undefined;
  return pipe && typeof state?.length === 'number' ? { stream: pipe, bytes: state.length } : undefined;
}

/** Resolves when `stream` drains, when the reply closes, or after 5 s: an export never hangs on it. */
function drained(stream: NodeJS.EventEmitter, out: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      stream.off('drain', done);
      out.off('close', done);
      resolve();
    };
    const timer = setTimeout(done, 5_000);
    stream.once('drain', done);
    out.once('close', done);
  });
}

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
        if (++n % 100 === 0) {
          if (out.destroyed) return; // the client went away: stop reading rows
          // exceljs never applies back-pressure: rows pile up in memory in front of the zip's deflate
          // (1.5 GB for a province on SQLite). Wait while more than 1 MB is queued there, or while the
          // reply has not drained; rows from a synchronous driver (better-sqlite3) never yield, so also
          // give the event loop a turn now and then.
          const queue = sheetQueue(ws);
          if (queue && queue.bytes > PENDING_BYTES) await drained(queue.stream, out);
          else if (out.writableNeedDrain) await drained(out, out);
          else if (n % 500 === 0) await new Promise((r) => setImmediate(r));
        }
      }
      for (const extra of spec.footer?.() ?? []) ws.addRow(extra.map(safeCell)).commit();
      ws.commit();
    }
    await wb.commit();
  })().catch((err) => out.destroy(err));
  return out;
}
