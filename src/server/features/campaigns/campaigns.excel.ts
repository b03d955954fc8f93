/**
 * The spreadsheet columns of each ledger category, shared by the template, the import and the
 * exports (so an exported village ledger imports back unchanged), and the Chinese value parsers.
 * Headers and notes come from the locale table (`campaigns.column.*`); the aliases are the other
 * spellings of a header the import understands.
 */
import type { ColumnDef } from '../../core/xlsx.js';
import { buildTemplate } from '../../core/xlsx.js';
import { zh, type MessageKey } from '../../../shared/i18n.js';
import {
  CATEGORIES,
  PROVIDERS,
  SIGN_POSITIONS,
  VERDICTS,
  type CatalogHit,
  type Category,
  type Provider,
  type SignPosition,
  type Verdict,
} from '../../../shared/campaigns.js';
import { CATALOG_HIT_LABELS, categoryName } from './campaigns.model.js';

export interface LedgerColumn extends ColumnDef {
  note?: string;
  width?: number;
}

type ColumnOpts = Omit<LedgerColumn, 'header' | 'key' | 'note'> & { note?: MessageKey };
const column = (header: MessageKey, key: string, { note, ...opts }: ColumnOpts): LedgerColumn => ({
  header: zh(header),
  key,
  ...(note ? { note: zh(note) } : {}),
  ...opts,
});
/** A category's own column: its header is `campaigns.column.<category>.<key>`. */
const own = (c: Category, key: string, opts: ColumnOpts) =>
  column(`campaigns.column.${c}.${key}` as MessageKey, key, opts);

export const VILLAGE_COLUMNS: LedgerColumn[] = [
  column('campaigns.column.villageCode', 'villageCode', {
    aliases: ['村代码', '区划代码', '村（社区）区划代码', '统计用区划代码', '村社区代码'],
    note: 'campaigns.columnNote.villageCode',
    width: 16,
  }),
  column('campaigns.column.villageName', 'villageName', {
    aliases: ['村名称', '村（社区）', '村名', '村', '社区', '社区名称', '村社区名称'],
    note: 'campaigns.columnNote.villageName',
    width: 14,
  }),
];

const DECISION_COLUMNS: LedgerColumn[] = [
  column('campaigns.column.verdict', 'verdict', {
    aliases: ['最终处理意见', '处理结果'],
    note: 'campaigns.columnNote.verdict',
    width: 10,
  }),
  column('campaigns.column.overrideReason', 'overrideReason', {
    aliases: ['理由'],
    note: 'campaigns.columnNote.overrideReason',
    width: 24,
  }),
];

const yesNo = (c: Category, key: string, aliases: string[], width: number) =>
  own(c, key, { required: true, aliases, note: 'campaigns.columnNote.yesNo', width });
const provider = (key: string, aliases: string[]) =>
  own('mechanism', key, { required: true, aliases, note: 'campaigns.columnNote.provider', width: 16 });

export const CATEGORY_COLUMNS: Record<Category, LedgerColumn[]> = {
  sign: [
    own('sign', 'name', {
      required: true,
      aliases: ['牌子名称', '标牌名称', '牌子文字', '标识牌名称', '名称'],
      note: 'campaigns.columnNote.signName',
      width: 30,
    }),
    own('sign', 'imposedBy', {
      required: true,
      aliases: ['发牌单位', '制发部门', '要求悬挂单位', '要求单位'],
      width: 20,
    }),
    own('sign', 'position', {
      required: true,
      aliases: ['位置', '悬挂地点'],
      note: 'campaigns.columnNote.position',
      width: 12,
    }),
    own('sign', 'basis', { aliases: ['设立依据', '文件依据', '政策依据'], width: 24 }),
  ],
  mechanism: [
    own('mechanism', 'name', { required: true, aliases: ['工作机制名称', '名称'], width: 28 }),
    own('mechanism', 'imposedBy', { required: true, aliases: ['设立部门', '要求设立单位', '要求单位'], width: 20 }),
    own('mechanism', 'basis', {
      aliases: ['依据', '文件依据'],
      note: 'campaigns.columnNote.mechanismBasis',
      width: 26,
    }),
    yesNo('mechanism', 'dedicatedPost', ['专人专岗'], 12),
    provider('staffBy', ['人员保障', '人员来源']),
    provider('fundedBy', ['经费保障', '经费来源']),
    yesNo('mechanism', 'effective', ['发挥实际作用', '是否发挥作用'], 14),
    yesNo('mechanism', 'villagersAccept', ['村民认可', '群众是否认可'], 12),
  ],
  work_affair: [
    own('work_affair', 'name', { required: true, aliases: ['工作事项', '名称', '工作事务名称'], width: 30 }),
    own('work_affair', 'imposedBy', { required: true, aliases: ['交办单位', '要求部门', '交办部门'], width: 20 }),
    own('work_affair', 'basis', { aliases: ['文件依据', '政策依据'], width: 24 }),
    own('work_affair', 'catalogHit', {
      aliases: ['目录', '所属目录'],
      note: 'campaigns.columnNote.catalogHit',
      width: 12,
    }),
    own('work_affair', 'funding', {
      aliases: ['经费', '经费情况'],
      note: 'campaigns.columnNote.funding',
      width: 18,
    }),
    own('work_affair', 'formsRequired', {
      aliases: ['表格数', '报表数'],
      note: 'campaigns.columnNote.formsRequired',
      width: 12,
    }),
    own('work_affair', 'approvalRef', {
      aliases: ['审批文号', '准入文号'],
      note: 'campaigns.columnNote.approvalRef',
      width: 18,
    }),
  ],
  certificate: [
    own('certificate', 'name', { required: true, aliases: ['证明事项', '证明事项名称', '名称'], width: 28 }),
    own('certificate', 'imposedBy', { required: true, aliases: ['要求单位', '索要单位', '需求单位'], width: 20 }),
    own('certificate', 'volumeLastYear', {
      aliases: ['上年数量', '出具数量', '年出具量'],
      note: 'campaigns.columnNote.volumeLastYear',
      width: 12,
    }),
    own('certificate', 'basis', { aliases: ['设定依据', '法律依据'], width: 24 }),
  ],
};

export const importColumns = (c: Category): LedgerColumn[] => [
  ...VILLAGE_COLUMNS,
  ...CATEGORY_COLUMNS[c],
  ...DECISION_COLUMNS,
];

const EXAMPLES: Record<Category, string[]> = {
  sign: ['140404001200', '韩店村委会', '韩店村民委员会', '韩店街道办事处', '室外', '《村民委员会组织法》', '', ''],
  mechanism: [
    '140404001200',
    '韩店村委会',
    '禁毒工作站',
    '区禁毒委',
    '',
    '是',
    '村级组织自行承担',
    '无',
    '否',
    '否',
    '',
    '',
  ],
  work_affair: [
    '140404001200',
    '韩店村委会',
    '协助开展城乡居民医疗保险参保登记',
    '区医疗保障局',
    '',
    '协助',
    '',
    '2',
    '',
    '',
    '',
  ],
  certificate: ['140404001200', '韩店村委会', '亲属关系证明', '某商业银行', '35', '', '', ''],
};

/** The template's file name: the whole workbook, or one category's. */
export const templateName = (category: Category | 'all') =>
  category === 'all'
    ? zh('campaigns.template.all')
    : zh('campaigns.template.one', { category: categoryName(category) });

/** A template workbook: one sheet per category (or just one), bold headers with notes, one example row. */
export function ledgerTemplate(category: Category | 'all'): Promise<Buffer> {
  const cats = category === 'all' ? [...CATEGORIES] : [category];
  return buildTemplate(
    cats.map((c) => ({ name: categoryName(c), columns: importColumns(c), examples: [EXAMPLES[c]] })),
  );
}

// ------------------------------------------------------------------ Chinese values

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

export function parseYesNo(v: string): boolean | null {
  const t = fold(v);
  if (['是', '有', 'Y', 'y', 'yes', '√', '1', 'true'].includes(t)) return true;
  if (['否', '无', '没有', 'N', 'n', 'no', '×', '0', 'false'].includes(t)) return false;
  return null;
}

export function parsePosition(v: string): SignPosition | null {
  const t = fold(v);
  if (!t) return null;
  if (t.includes('功能')) return 'functional_area';
  if (['室外', '外部', '门外', '大门', '户外', '外墙', '门口', '院外'].some((w) => t.includes(w))) return 'outside';
  if (['室内', '内部', '屋内', '室内墙', '内墙', '服务站', '服务大厅', '大厅'].some((w) => t.includes(w)))
    return 'inside';
  return SIGN_POSITIONS.find((p) => zh(`campaigns.position.${p}`) === t) ?? null;
}

export function parseProvider(v: string): Provider | null {
  const t = fold(v);
  if (!t) return null;
  if (['无', '没有', '未提供', '无人', '无经费'].includes(t)) return 'none';
  if (
    ['村', '本村', '村级', '村里', '村级组织', '村级组织自行承担', '村委会', '村自筹', '自筹'].includes(t) ||
    t.startsWith('村')
  )
    return 'village';
  if (['设立单位', '部门', '要求单位', '上级部门', '设立部门', '主管部门'].includes(t) || t.includes('设立单位'))
    return 'imposer';
  if (t.startsWith('其他')) return 'other';
  return PROVIDERS.find((p) => zh(`campaigns.provider.${p}`) === t) ?? null;
}

export function parseCatalogHit(v: string): CatalogHit | null | undefined {
  const t = fold(v);
  if (!t) return null;
  if (t.startsWith('履') || t === '职责' || t === CATALOG_HIT_LABELS.duty) return 'duty';
  if (t.startsWith('协助') || t === CATALOG_HIT_LABELS.assistance) return 'assistance';
  if (t.includes('目录外') || t === '无' || t === '否') return 'none';
  return undefined;
}

export function parseVerdict(v: string): Verdict | null | undefined {
  const t = fold(v);
  if (!t) return null;
  const hit = VERDICTS.find((k) => {
    const l = zh(`campaigns.verdict.${k}`);
    return t === l || t === k || t.startsWith(l);
  });
  if (hit) return hit;
  if (['撤销', '摘除', '清理', '停止'].some((w) => t.startsWith(w))) return 'cancel';
  if (['整合', '并入'].some((w) => t.startsWith(w))) return 'merge';
  return undefined;
}

export function parseCount(v: string): number | null | undefined {
  const t = fold(v)
    .replace(/[,，]/g, '')
    .replace(/[件份张个次项]$/, '');
  if (!t) return null;
  if (!/^\d+$/.test(t)) return undefined;
  const n = Number(t);
  return n <= 10_000_000 ? n : undefined;
}

/** Strips the committee suffix of a village name so "韩店村" finds "韩店村委会". */
export function villageKey(name: string): string {
  let t = fold(name);
  for (const suffix of ['社区居民委员会', '村民委员会', '居民委员会', '村委会', '居委会', '社区居委会'])
    if (t.endsWith(suffix) && t.length > suffix.length) t = t.slice(0, -suffix.length);
  if (t.endsWith('社区') && t.length > 2) t = t.slice(0, -2);
  if (t.endsWith('村') && t.length > 1) t = t.slice(0, -1);
  return t;
}
