/**
 * The catalog spreadsheet: one column map shared by the template, the import and the exports, so an
 * exported catalog imports back unchanged.
 */
import type { ColumnDef } from '../../core/xlsx.js';
import { buildTemplate } from '../../core/xlsx.js';
import type { SheetColumn } from '../../core/spreadsheets.js';
import type { RowError } from '../../../shared/errors.js';
import type { SheetRow } from '../../core/xlsx.js';
import type { EffectiveItem } from './catalogs.model.js';
import { parsePatterns } from './rules.js';

export const ITEM_SHEET = '目录事项';

export type ImportField =
  | 'code'
  | 'name'
  | 'category'
  | 'basis'
  | 'basisArticle'
  | 'responsibleDepartment'
  | 'funding'
  | 'alternativeChannel'
  | 'effectiveFrom'
  | 'effectiveTo'
  | 'notes'
  | 'sourceUrl'
  | 'patterns';

interface CatalogColumn extends ColumnDef {
  key: ImportField;
  note: string;
  width: number;
}

export const CATALOG_COLUMNS: CatalogColumn[] = [
  {
    header: '事项编码',
    key: 'code',
    required: true,
    aliases: ['编码', '事项代码'],
    width: 18,
    note: '稳定编码，2–40 位字母、数字、点、下划线或连字符；同一编码再次导入即更新该事项',
  },
  { header: '事项名称', key: 'name', required: true, aliases: ['名称'], width: 40, note: '按正式目录原文填写' },
  { header: '类别', key: 'category', aliases: ['分类'], width: 12, note: '可选' },
  {
    header: '设定依据（文件）',
    key: 'basis',
    required: true,
    aliases: ['设定依据', '依据', '法律政策依据'],
    width: 40,
    note: '法律法规或政策文件名称及文号',
  },
  { header: '依据条款', key: 'basisArticle', aliases: ['条款'], width: 16, note: '可选，如“第三十二条”' },
  { header: '责任部门', key: 'responsibleDepartment', aliases: ['主管部门'], width: 20, note: '可选' },
  {
    header: '经费保障（费随事转）',
    key: 'funding',
    aliases: ['经费保障'],
    width: 24,
    note: '协助事项填写经费和工作条件保障安排',
  },
  {
    header: '替代办理渠道',
    key: 'alternativeChannel',
    aliases: ['替代方式'],
    width: 30,
    note: '不应出具证明事项填写官方替代办理方式',
  },
  { header: '生效日期', key: 'effectiveFrom', width: 12, note: 'YYYY-MM-DD，可选；空白时沿用原日期或目录日期' },
  { header: '失效日期', key: 'effectiveTo', width: 12, note: 'YYYY-MM-DD，可选；该日之后不再有效' },
  { header: '备注', key: 'notes', width: 24, note: '可选' },
  { header: '来源网址', key: 'sourceUrl', width: 30, note: '可选，以 http:// 或 https:// 开头' },
  {
    header: '识别规则',
    key: 'patterns',
    aliases: ['识别规则（平台拟定）', '匹配规则'],
    width: 40,
    note: '仅减负措施（不得事项）填写：每行一条识别规则（平台拟定，不是正式文本）；空白时保留原有规则',
  },
];

/** The import template: the item sheet, then a sheet of instructions. */
export function catalogTemplate(): Promise<Buffer> {
  return buildTemplate([
    { name: ITEM_SHEET, columns: CATALOG_COLUMNS },
    {
      name: '填写说明',
      columns: [{ header: '说明', key: 'text', width: 100 }],
      examples: [
        ['1. 在“目录事项”工作表中每行填写一个事项，带 * 的列必须填写；不要修改表头。'],
        ['2. 导入按“事项编码”对应：新编码新增事项，已有编码更新事项；内容相同的行不产生任何变化，可重复导入。'],
        ['3. 文件中未出现的已有事项保持不变（导入不会删除事项；取消事项请走动态调整）。'],
        ['4. 只要有一行出错，整个文件都不会写入，请按错误提示（工作表、行号、列名）修改后重新导入。'],
        ['5. 日期格式为 YYYY-MM-DD；单元格不能使用公式。'],
      ],
    },
  ]);
}

export interface ImportRow {
  row: number;
  code: string;
  name: string;
  category: string | null;
  basis: string;
  basisArticle: string | null;
  responsibleDepartment: string | null;
  funding: string | null;
  alternativeChannel: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  notes: string | null;
  sourceUrl: string | null;
  patterns: string | null;
}

const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/;
const header = (k: ImportField) => CATALOG_COLUMNS.find((c) => c.key === k)!.header;

/** YYYY-MM-DD, YYYY/M/D or YYYY.M.D → YYYY-MM-DD; null when not a real date. */
export function parseDate(s: string): string | null {
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s.trim());
  if (!m) return null;
  const iso = `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : null;
}

/** Validates one sheet row; every problem names the sheet, row and column. */
export function validateRow(sheet: string, r: SheetRow): { row: ImportRow | null; errors: RowError[] } {
  const errors: RowError[] = [];
  const v = (k: ImportField) => (r.values[k] ?? '').trim();
  const opt = (k: ImportField) => v(k) || null;
  const err = (k: ImportField, message: string) =>
    errors.push({ sheet, row: r.row, column: header(k), field: k, message });
  const code = v('code');
  if (!code) err('code', '事项编码不能为空');
  else if (!CODE_RE.test(code))
    err('code', `事项编码“${code.slice(0, 40)}”格式不对：应为 2–40 位字母、数字、点、下划线或连字符`);
  const name = v('name');
  if (!name) err('name', '事项名称不能为空');
  else if (name.length > 500) err('name', '事项名称不能超过 500 个字符');
  const basis = v('basis');
  if (!basis) err('basis', '设定依据不能为空（请填写法律法规或政策文件）');
  const dates: Partial<Record<'effectiveFrom' | 'effectiveTo', string | null>> = {};
  for (const k of ['effectiveFrom', 'effectiveTo'] as const) {
    const raw = v(k);
    if (!raw) dates[k] = null;
    else {
      const d = parseDate(raw);
      if (!d) err(k, `日期“${raw.slice(0, 20)}”无效，格式应为 YYYY-MM-DD`);
      dates[k] = d;
    }
  }
  if (dates.effectiveFrom && dates.effectiveTo && dates.effectiveTo < dates.effectiveFrom)
    err('effectiveTo', '失效日期不能早于生效日期');
  const url = v('sourceUrl');
  if (url && !/^https?:\/\/\S+$/i.test(url)) err('sourceUrl', '来源网址应以 http:// 或 https:// 开头');
  const rules = v('patterns');
  if (rules) {
    const { errors: bad } = parsePatterns(rules);
    if (bad.length) err('patterns', `识别规则有误：${bad.map((e) => e.message).join('；')}`);
    else if (rules.length > 4000) err('patterns', '识别规则不能超过 4000 个字符');
  }
  for (const k of ['category', 'basisArticle', 'responsibleDepartment'] as const)
    if (v(k).length > 200) err(k, '不能超过 200 个字符');
  if (errors.length) return { row: null, errors };
  return {
    row: {
      row: r.row,
      code,
      name,
      category: opt('category'),
      basis,
      basisArticle: opt('basisArticle'),
      responsibleDepartment: opt('responsibleDepartment'),
      funding: opt('funding'),
      alternativeChannel: opt('alternativeChannel'),
      effectiveFrom: dates.effectiveFrom ?? null,
      effectiveTo: dates.effectiveTo ?? null,
      notes: opt('notes'),
      sourceUrl: url || null,
      patterns: opt('patterns'),
    },
    errors,
  };
}

/** Export columns for items: the template's columns first (so an export imports back), then context. */
const f = (k: keyof EffectiveItem['fields']) => (i: EffectiveItem) => (i.fields[k] as string | null) ?? null;
const w = (k: ImportField) => CATALOG_COLUMNS.find((c) => c.key === k)!.width;

export function itemExportColumns(extra: SheetColumn<EffectiveItem>[] = []): SheetColumn<EffectiveItem>[] {
  return [
    { header: header('code'), width: w('code'), value: (i) => i.code },
    { header: header('name'), width: w('name'), value: f('name') },
    { header: header('category'), width: w('category'), value: f('category') },
    { header: header('basis'), width: w('basis'), value: f('basis') },
    { header: header('basisArticle'), width: w('basisArticle'), value: f('basisArticle') },
    { header: header('responsibleDepartment'), width: w('responsibleDepartment'), value: f('responsibleDepartment') },
    { header: header('funding'), width: w('funding'), value: f('funding') },
    { header: header('alternativeChannel'), width: w('alternativeChannel'), value: f('alternativeChannel') },
    { header: header('effectiveFrom'), width: w('effectiveFrom'), value: (i) => i.effectiveFrom },
    { header: header('effectiveTo'), width: w('effectiveTo'), value: f('effectiveTo') },
    { header: header('notes'), width: w('notes'), value: f('notes') },
    { header: header('sourceUrl'), width: w('sourceUrl'), value: f('sourceUrl') },
    { header: header('patterns'), width: w('patterns'), value: f('patterns') },
    ...extra,
  ];
}
