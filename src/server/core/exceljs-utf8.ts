/**
 * Workaround for an exceljs 4.4.0 bug that corrupts Chinese text in streamed imports.
 *
 * exceljs' streaming WorkbookReader (used by core/xlsx.ts readSheet) decodes every inflated 16 KB chunk
 * of sharedStrings.xml and of each worksheet to text on its own, so a multi-byte UTF-8 character that
 * straddles a chunk boundary becomes "��" (exceljs issues #2063, #2084, #2316; open upstream). With
 * Chinese item names about one row in 250 was silently changed.
 *
 * The patch decodes those streams with a StringDecoder (which carries partial characters over to the
 * next chunk) before exceljs sees them. It is idempotent and process-wide, applied by core/exceljs.ts
 * when exceljs is first loaded.
 * Remove it when exceljs ships a fix.
 */
import { StringDecoder } from 'node:string_decoder';
import type ExcelJSModule from 'exceljs';

const PATCHED = Symbol.for('jianfu.exceljs.utf8');
// exceljs' internal method names (underscored upstream).
const SHARED_STRINGS = '_parseSharedStrings';
const WORKSHEET = '_parseWorksheet';

async function* decodeUtf8(source: AsyncIterable<Buffer | string>): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

export function patchExcelJsUtf8(ExcelJS: typeof ExcelJSModule): void {
  const proto = (ExcelJS.stream.xlsx.WorkbookReader as unknown as { prototype: Record<string | symbol, any> })
    .prototype;
  if (proto[PATCHED]) return;
  const parseSharedStrings = proto[SHARED_STRINGS];
  const parseWorksheet = proto[WORKSHEET];
  if (typeof parseSharedStrings !== 'function' || typeof parseWorksheet !== 'function') return; // exceljs changed: nothing to patch
  proto[SHARED_STRINGS] = function (this: unknown, entry: { setEncoding?: (e: string) => void }) {
    entry.setEncoding?.('utf8');
    return parseSharedStrings.call(this, entry);
  };
  proto[WORKSHEET] = function (this: unknown, iterator: AsyncIterable<Buffer | string>, sheetNo: string) {
    return parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
  };
  proto[PATCHED] = true;
}
