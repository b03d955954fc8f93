import type { RowError } from '../../../shared/errors.js';
import { buildTemplate, type ColumnDef, type SheetRow } from '../../core/xlsx.js';
import { isWellFormedCode, levelOf, parentOf } from './regions.model.js';
import type { RegionInput } from './regions.repo.js';

/** The column map shared by the template and the import (header ↔ field). */
export const REGION_SHEET = '区划';

export const regionColumns: (ColumnDef & { note?: string; width?: number })[] = [
  {
    header: '区划代码',
    key: 'code',
    required: true,
    width: 20,
    aliases: ['代码', '统计用区划代码'],
    note:
      '12 位统计用区划代码（国家统计局），如 140404001200。请将本列设为“文本”格式，以免 Excel 改成科学计数法。' +
      '上级区划必须已在系统中，或在本表中位于该行之前；只能导入本人管辖范围内的区划。',
  },
  {
    header: '名称',
    key: 'name',
    required: true,
    width: 30,
    aliases: ['区划名称'],
    note: '2–50 个字，如“韩店村委会”。',
  },
];

export const regionTemplate = () => buildTemplate([{ name: REGION_SHEET, columns: regionColumns }]);

// Control characters and bidi overrides (U+202A–202E, U+2066–2069) never belong in a name (AS-10).
// oxlint-disable-next-line no-control-regex
const BAD_CHARS = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const BAD_CHARS_ALL = new RegExp(BAD_CHARS.source, 'g');

/** A file name fit for an audit row: NFKC, without control or bidi characters, at most 100 characters. */
export const cleanFileName = (name: string) => name.normalize('NFKC').replace(BAD_CHARS_ALL, '').slice(0, 100);

const depth = (c: string) => c.replace(/0+$/, '').length;

/** The highest node among codes (fewest significant digits), or null. */
export function topCode(codes: string[]): string | null {
  return codes.reduce<string | null>((a, c) => (a === null || depth(c) < depth(a) ? c : a), null);
}

export const NO_DATA_MESSAGE = '表中没有数据行，请在表头下方逐行填写区划代码和名称';

export interface RegionRowFacts {
  /** Codes (of the parents the file refers to) that already exist in the database. */
  existing: ReadonlySet<string>;
  /** May the importer write this code? (Always true for the system.) */
  inScope: (code: string) => boolean;
}

/**
 * Checks every row of a region sheet and collects every problem (sheet, row, column, Chinese message):
 * a well-formed 12-digit code, a 2–50 character name, no duplicate codes, a parent that exists already
 * or earlier in the file, and a code within the importer's scope. Pure: the caller loads the facts.
 */
export function checkRegionRows(
  sheet: string,
  rows: SheetRow[],
  facts: RegionRowFacts,
  source: string,
): { inputs: RegionInput[]; errors: RowError[] } {
  const errors: RowError[] = [];
  const inputs: RegionInput[] = [];
  const seenAt = new Map<string, number>();
  const codeCol = regionColumns[0].header;
  const nameCol = regionColumns[1].header;
  for (const { row, values } of rows) {
    const err = (column: string, message: string) => errors.push({ sheet, row, column, message });
    const code = (values.code ?? '').normalize('NFKC').replace(/\s/g, '');
    const name = (values.name ?? '').normalize('NFKC').trim();
    let codeOk = false;
    if (!code) err(codeCol, '区划代码不能为空');
    else if (!/^\d{12}$/.test(code)) err(codeCol, `区划代码“${code.slice(0, 30)}”应为 12 位数字`);
    else if (!isWellFormedCode(code)) err(codeCol, `区划代码“${code}”不是有效的统计用区划代码（各级代码段不符合规则）`);
    else if (seenAt.has(code)) err(codeCol, `区划代码“${code}”与第 ${seenAt.get(code)} 行重复`);
    else {
      codeOk = true;
      seenAt.set(code, row);
      const parent = parentOf(code, levelOf(code));
      if (parent && !facts.existing.has(parent) && !seenAt.has(parent))
        err(codeCol, `上级区划“${parent}”不存在：须已在系统中，或在本表中位于此行之前`);
      if (!facts.inScope(code)) err(codeCol, `区划代码“${code}”不在您的管辖范围内`);
    }
    const length = [...name].length;
    if (!name) err(nameCol, '名称不能为空');
    else if (length < 2 || length > 50) err(nameCol, `名称应为 2–50 个字（现为 ${length} 个）`);
    else if (BAD_CHARS.test(name)) err(nameCol, '名称含有控制字符或文字方向控制符，请删除后重试');
    if (codeOk) inputs.push({ code, name, source });
  }
  return { inputs: errors.length ? [] : inputs, errors };
}

/** The parent codes a sheet refers to (to look up in the database before checking). */
export function parentCodesOf(rows: SheetRow[]): string[] {
  const out = new Set<string>();
  for (const { values } of rows) {
    const code = (values.code ?? '').normalize('NFKC').replace(/\s/g, '');
    if (!isWellFormedCode(code)) continue;
    const parent = parentOf(code, levelOf(code));
    if (parent) out.add(parent);
  }
  return [...out];
}
