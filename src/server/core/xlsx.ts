import { Readable } from 'node:stream';
import zlib from 'node:zlib';
import type yauzl from 'yauzl';
import type ExcelJS from 'exceljs';
import { loadExcelJs } from './exceljs.js';
import { AppError } from './errors.js';
import type { RowError } from '../../shared/errors.js';

/**
 * Safe spreadsheet reading for imports. Every upload passes a zip pre-check (entry count, inflated size
 * with a byte cap, path names, macros, DOCTYPE) before exceljs' streaming reader sees it; cells come
 * back as trimmed text, formulas are refused, and every problem names the sheet, row and column.
 */
export interface XlsxLimits {
  maxEntries: number;
  maxInflatedBytes: number;
  maxRows: number;
  maxCellChars: number;
}

export const DEFAULT_LIMITS: XlsxLimits = {
  maxEntries: 1000,
  maxInflatedBytes: 100 * 1024 * 1024,
  maxRows: 50_000,
  maxCellChars: 4000,
};

const refuse = (message: string) =>
  new AppError('validation_failed', message, { issues: [{ field: 'file', message }] });

/** Zip-level checks; throws a 400 with a Chinese message on anything that is not a plain .xlsx. */
export async function precheckXlsx(buf: Buffer, limits: XlsxLimits = DEFAULT_LIMITS): Promise<void> {
  if (buf.length < 4 || buf.readUInt32LE(0) !== 0x04034b50) {
    if (buf.length >= 8 && buf.readUInt32LE(0) === 0xe011cfd0)
      throw refuse('文件是旧版 .xls 或加密的 Excel 文件，请另存为 .xlsx（Excel 工作簿）后再上传');
    throw refuse('文件不是有效的 .xlsx 工作簿（请用 Excel 或 WPS 另存为 .xlsx 格式）');
  }
  const { default: yauzl } = await import('yauzl');
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    yauzl.fromBuffer(buf, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, z) =>
      err || !z ? reject(err) : resolve(z),
    ),
  ).catch(() => {
    throw refuse('文件已损坏或不是有效的 .xlsx 工作簿');
  });
  let entries = 0;
  let inflated = 0;
  const names = new Set<string>();
  await new Promise<void>((resolve, reject) => {
    const fail = (msg: string) => {
      zip.close();
      reject(refuse(msg));
    };
    zip.on('error', () => fail('文件已损坏（压缩数据错误）'));
    zip.on('end', () => resolve());
    zip.on('entry', (entry: yauzl.Entry) => {
      entries += 1;
      const name = entry.fileName;
      if (entries > limits.maxEntries)
        return fail(`文件包含的部件过多（超过 ${limits.maxEntries} 个），不是正常的工作簿`);
      if (name.includes('..') || name.startsWith('/') || name.includes('\\') || /^[a-zA-Z]:/.test(name))
        return fail('文件中含有非法路径，已拒绝');
      if (/vbaProject\.bin$/i.test(name)) return fail('文件含有宏（.xlsm），请另存为不含宏的 .xlsx');
      if (/EncryptedPackage/i.test(name)) return fail('文件已加密，请取消密码后再上传');
      // Two parts with one name: readers disagree on which one counts, so the file is ambiguous.
      if (names.has(name)) return fail('文件中有重名的部件（文件已损坏或被改动），已拒绝');
      names.add(name);
      if (name.endsWith('/')) return zip.readEntry();
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail('文件已损坏（无法解压）');
        let head = '';
        let crc = 0;
        // XML parts must be valid UTF-8: a GBK or broken byte would otherwise become U+FFFD in the data.
        const utf8 = /\.(xml|rels)$/i.test(name) ? new TextDecoder('utf-8', { fatal: true }) : null;
        const badText = () => {
          stream.destroy();
          fail('文件含有无效的 UTF-8 编码（可能是其他编码的文本），请用 Excel 或 WPS 重新保存为 .xlsx 后上传');
        };
        stream.on('data', (chunk: Buffer) => {
          inflated += chunk.length;
          crc = zlib.crc32(chunk, crc);
          try {
            utf8?.decode(chunk, { stream: true });
          } catch {
            return badText();
          }
          if (inflated > limits.maxInflatedBytes) {
            stream.destroy();
            return fail(
              `文件解压后超过 ${Math.round(limits.maxInflatedBytes / 1024 / 1024)} MB（疑似压缩炸弹），已拒绝`,
            );
          }
          if (head.length < 4096 && name.endsWith('.xml')) {
            head += chunk.toString('utf8', 0, Math.min(chunk.length, 4096));
            if (/<!DOCTYPE|<!ENTITY/i.test(head)) {
              stream.destroy();
              return fail('文件含有 DOCTYPE/实体声明，已拒绝');
            }
          }
        });
        stream.on('error', () => fail('文件已损坏（解压校验失败）'));
        stream.on('end', () => {
          // yauzl does not check CRCs: a part whose bytes changed after zipping is refused here.
          if (crc !== entry.crc32) return fail('文件已损坏（CRC 校验失败），请重新保存后上传');
          try {
            utf8?.decode();
          } catch {
            return badText();
          }
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
  if (!names.has('[Content_Types].xml') || !names.has('xl/workbook.xml'))
    throw refuse('文件不是 Excel 工作簿（缺少工作簿结构），请确认文件格式为 .xlsx');
}

export interface ColumnDef {
  /** The header text in the template (Chinese). */
  header: string;
  key: string;
  required?: boolean;
  /** Other accepted header spellings. */
  aliases?: string[];
}

export interface SheetRow {
  /** 1-based row number as Excel shows it. */
  row: number;
  values: Record<string, string>;
}

export interface ReadResult {
  sheet: string;
  rows: SheetRow[];
  errors: RowError[];
}

/** Excel column letters for a 0-based index (0 → A, 26 → AA). */
export function columnLetter(i: number): string {
  let n = i + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/[\s\u200b-\u200d\ufeff]/g, '')
    .replace(/[*＊]/g, '');

function cellText(v: ExcelJS.CellValue): { text: string; formula?: boolean } {
  if (v === null || v === undefined) return { text: '' };
  if (typeof v === 'string') return { text: v };
  if (typeof v === 'number' || typeof v === 'boolean') return { text: String(v) };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10) };
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) return { text: '', formula: true };
    if ('richText' in v && Array.isArray(v.richText)) return { text: v.richText.map((r) => r.text).join('') };
    if ('text' in v && typeof v.text === 'string') return { text: v.text };
    if ('error' in v) return { text: '' };
  }
  return { text: String(v) };
}

/** The parts exceljs' streaming reader needs before any worksheet: without them it names sheets Sheet1… or fails. */
const WORKBOOK_PARTS = ['xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'];
const isSheet = (part: string) => part.startsWith('xl/worksheets/');

/**
 * exceljs' streaming reader reads the zip in stored order and intermittently loses the parts stored
 * after the worksheets (exceljs#3064), while streaming writers (our own exports among them) store
 * xl/workbook.xml last: such a file is re-packed with the workbook parts first and the worksheets in
 * the middle. Files saved by Excel or WPS already have that order and pass unchanged.
 */
async function workbookPartsFirst(buf: Buffer): Promise<Buffer> {
  try {
    return await repack(buf);
  } catch {
    // A part that does not inflate (or a damaged directory) is the user's file, not a server fault.
    throw refuse('文件内容无法解析（压缩包已损坏），请用 Excel 或 WPS 重新保存为 .xlsx 后上传');
  }
}

async function repack(buf: Buffer): Promise<Buffer> {
  const JSZip = (await import('jszip')).default;
  const zip = await JSZip.loadAsync(buf);
  const names = Object.keys(zip.files);
  const firstSheet = names.findIndex(isSheet);
  const head = names.filter((n) => WORKBOOK_PARTS.includes(n));
  if (firstSheet < 0 || head.every((n) => names.indexOf(n) < firstSheet)) return buf;
  const order = [...head, ...names.filter(isSheet), ...names.filter((n) => !isSheet(n) && !head.includes(n))];
  const out = new JSZip();
  for (const n of order) if (!zip.files[n].dir) out.file(n, await zip.files[n].async('nodebuffer'));
  return out.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 1 } });
}

/**
 * Reads the first sheet (or the named one) into records keyed by column key. Collects every problem
 * instead of stopping at the first, so the user can fix the whole file at once.
 */
export async function readSheet(
  buf: Buffer,
  columns: ColumnDef[],
  opts: { sheet?: string; limits?: XlsxLimits } = {},
): Promise<ReadResult> {
  const limits = opts.limits ?? DEFAULT_LIMITS;
  await precheckXlsx(buf, limits);
  const { stream } = await loadExcelJs();
  const reader = new stream.xlsx.WorkbookReader(Readable.from(await workbookPartsFirst(buf)), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    entries: 'ignore',
  });
  const errors: RowError[] = [];
  const rows: SheetRow[] = [];
  let sheetName = '';
  let found = false;
  let skippedHidden = false;
  try {
    for await (const ws of reader) {
      const name = (ws as unknown as { name: string }).name ?? '';
      // The first VISIBLE sheet: data the user cannot see in Excel or WPS is never imported unasked.
      const state = (ws as unknown as { state?: string }).state;
      const hidden = state === 'hidden' || state === 'veryHidden';
      if (hidden && !opts.sheet) skippedHidden = true;
      if (found || (opts.sheet ? name !== opts.sheet : hidden)) {
        for await (const _ of ws) void _; // drain other sheets
        continue;
      }
      found = true;
      sheetName = name;
      let header: (ColumnDef | null)[] | null = null;
      for await (const row of ws) {
        const r = row as ExcelJS.Row;
        const values = (r.values as ExcelJS.CellValue[]).slice(1);
        if (!header) {
          header = [];
          const seen = new Set<string>();
          values.forEach((v, i) => {
            const h = norm(cellText(v).text);
            const col = columnLetter(i);
            if (FORBIDDEN_KEYS.has(h))
              errors.push({ sheet: name, row: r.number, column: col, message: `表头“${h}”不允许使用` });
            if (!h) return void (header![i] = null);
            if (seen.has(h)) errors.push({ sheet: name, row: r.number, column: col, message: `表头“${h}”重复` });
            seen.add(h);
            header![i] = columns.find((c) => norm(c.header) === h || c.aliases?.some((a) => norm(a) === h)) ?? null;
          });
          for (const c of columns)
            if (c.required && !header.some((h) => h?.key === c.key))
              errors.push({
                sheet: name,
                row: r.number,
                column: c.header,
                message: `缺少必填列“${c.header}”，请使用下载的模板`,
              });
          if (errors.length) return { sheet: name, rows, errors };
          continue;
        }
        if (r.number - 1 > limits.maxRows) {
          errors.push({ sheet: name, row: r.number, message: `数据超过 ${limits.maxRows} 行，请拆分后分批导入` });
          return { sheet: name, rows: [], errors };
        }
        const rec: Record<string, string> = Object.create(null);
        let any = false;
        values.forEach((v, i) => {
          const col = header![i];
          if (!col) return;
          const { text, formula } = cellText(v);
          if (formula)
            errors.push({
              sheet: name,
              row: r.number,
              column: col.header,
              message: '单元格含公式，请改为直接填写数值或文本',
            });
          const t = text.trim();
          if (t.length > limits.maxCellChars)
            errors.push({
              sheet: name,
              row: r.number,
              column: col.header,
              message: `内容超过 ${limits.maxCellChars} 个字符`,
            });
          if (t) any = true;
          rec[col.key] = t.slice(0, limits.maxCellChars);
        });
        if (any) rows.push({ row: r.number, values: rec });
      }
      if (!header) errors.push({ sheet: name, row: 1, message: '工作表为空，缺少表头' });
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw refuse('文件内容无法解析（工作表 XML 损坏），请用 Excel 或 WPS 重新保存为 .xlsx 后上传');
  }
  if (!found)
    throw refuse(
      opts.sheet
        ? `文件中没有名为“${opts.sheet}”的工作表`
        : skippedHidden
          ? '文件中只有隐藏的工作表，请在 Excel 或 WPS 中取消隐藏后再上传'
          : '文件中没有工作表',
    );
  return { sheet: sheetName, rows, errors };
}

/** A template workbook: one sheet per entry with bold headers, notes, and example rows. */
export async function buildTemplate(
  sheets: { name: string; columns: (ColumnDef & { note?: string; width?: number })[]; examples?: string[][] }[],
): Promise<Buffer> {
  const { Workbook } = await loadExcelJs();
  const wb = new Workbook();
  wb.creator = '减负通';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name);
    ws.columns = s.columns.map((c) => ({ header: c.required ? `${c.header}*` : c.header, width: c.width ?? 18 }));
    ws.getRow(1).font = { bold: true };
    s.columns.forEach((c, i) => {
      if (c.note) ws.getCell(1, i + 1).note = c.note;
    });
    for (const ex of s.examples ?? []) ws.addRow(ex);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Turns collected row errors into the import_failed error (400) every import answers with. */
export function failImport(errors: RowError[]): never {
  const first = errors[0];
  const where = first
    ? `工作表“${first.sheet ?? ''}”第 ${first.row ?? '?'} 行${first.column ? `“${first.column}”列` : ''}：${first.message}`
    : '';
  throw new AppError(
    'import_failed',
    `导入失败：共 ${errors.length} 处错误，未写入任何数据。${where}${errors.length > 1 ? ' 等' : ''}`,
    { errors: errors.slice(0, 1000) },
  );
}
