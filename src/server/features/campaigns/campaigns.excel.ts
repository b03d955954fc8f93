/**
 * The spreadsheet columns of each ledger category, shared by the template, the import and the
 * exports (so an exported village ledger imports back unchanged), and the Chinese value parsers.
 */
import type { ColumnDef } from '../../core/xlsx.js';
import { buildTemplate } from '../../core/xlsx.js';
import {
  CATALOG_HIT_LABELS,
  CATEGORY_LABELS,
  PROVIDER_LABELS,
  SIGN_POSITION_LABELS,
  VERDICT_LABELS,
  type CatalogHit,
  type Category,
  type Provider,
  type SignPosition,
  type Verdict,
} from './campaigns.model.js';

export interface LedgerColumn extends ColumnDef {
  note?: string;
  width?: number;
}

export const VILLAGE_COLUMNS: LedgerColumn[] = [
  {
    header: '村（社区）代码',
    key: 'villageCode',
    aliases: ['村代码', '区划代码', '村（社区）区划代码', '统计用区划代码', '村社区代码'],
    note: '12 位统计用区划代码；村级经办导入本村台账时可不填',
    width: 16,
  },
  {
    header: '村（社区）名称',
    key: 'villageName',
    aliases: ['村名称', '村（社区）', '村名', '村', '社区', '社区名称', '村社区名称'],
    note: '未填代码时按名称匹配（如“韩店村”）',
    width: 14,
  },
];

const DECISION_COLUMNS: LedgerColumn[] = [
  {
    header: '处理意见',
    key: 'verdict',
    aliases: ['最终处理意见', '处理结果'],
    note: '可不填（导入后在系统中采纳建议）；填写时为：保留、取消、合并、整改',
    width: 10,
  },
  { header: '改判理由', key: 'overrideReason', aliases: ['理由'], note: '处理意见与系统建议不同时必填', width: 24 },
];

export const CATEGORY_COLUMNS: Record<Category, LedgerColumn[]> = {
  sign: [
    {
      header: '标识牌文字',
      key: 'name',
      required: true,
      aliases: ['牌子名称', '标牌名称', '牌子文字', '标识牌名称', '名称'],
      note: '牌子上的全部文字',
      width: 30,
    },
    {
      header: '制发单位',
      key: 'imposedBy',
      required: true,
      aliases: ['发牌单位', '制发部门', '要求悬挂单位', '要求单位'],
      width: 20,
    },
    {
      header: '悬挂位置',
      key: 'position',
      required: true,
      aliases: ['位置', '悬挂地点'],
      note: '室外、室内、功能区入口',
      width: 12,
    },
    { header: '依据', key: 'basis', aliases: ['设立依据', '文件依据', '政策依据'], width: 24 },
  ],
  mechanism: [
    { header: '机制名称', key: 'name', required: true, aliases: ['工作机制名称', '名称'], width: 28 },
    {
      header: '设立单位',
      key: 'imposedBy',
      required: true,
      aliases: ['设立部门', '要求设立单位', '要求单位'],
      width: 20,
    },
    {
      header: '设立依据',
      key: 'basis',
      aliases: ['依据', '文件依据'],
      note: '法律法规或中央文件名称及条款；没有可不填',
      width: 26,
    },
    { header: '是否专人专岗', key: 'dedicatedPost', required: true, aliases: ['专人专岗'], note: '是、否', width: 12 },
    {
      header: '人员由谁提供',
      key: 'staffBy',
      required: true,
      aliases: ['人员保障', '人员来源'],
      note: '村级组织自行承担、设立单位、其他单位、无',
      width: 16,
    },
    {
      header: '经费由谁提供',
      key: 'fundedBy',
      required: true,
      aliases: ['经费保障', '经费来源'],
      note: '村级组织自行承担、设立单位、其他单位、无',
      width: 16,
    },
    {
      header: '是否发挥实际作用',
      key: 'effective',
      required: true,
      aliases: ['发挥实际作用', '是否发挥作用'],
      note: '是、否',
      width: 14,
    },
    {
      header: '村民是否认可',
      key: 'villagersAccept',
      required: true,
      aliases: ['村民认可', '群众是否认可'],
      note: '是、否',
      width: 12,
    },
  ],
  work_affair: [
    { header: '事项名称', key: 'name', required: true, aliases: ['工作事项', '名称', '工作事务名称'], width: 30 },
    { header: '要求单位', key: 'imposedBy', required: true, aliases: ['交办单位', '要求部门', '交办部门'], width: 20 },
    { header: '依据', key: 'basis', aliases: ['文件依据', '政策依据'], width: 24 },
    {
      header: '目录类别',
      key: 'catalogHit',
      aliases: ['目录', '所属目录'],
      note: '履职、协助、目录外；不填由系统按目录匹配',
      width: 12,
    },
    {
      header: '经费保障',
      key: 'funding',
      aliases: ['经费', '经费情况'],
      note: '协助事项的经费（金额或文件）；没有可不填',
      width: 18,
    },
    {
      header: '需填报表格数',
      key: 'formsRequired',
      aliases: ['表格数', '报表数'],
      note: '整数，没有填 0 或不填',
      width: 12,
    },
    {
      header: '区政府审批文号',
      key: 'approvalRef',
      aliases: ['审批文号', '准入文号'],
      note: '目录外专项任务经区政府批准的文号（S-7.3）',
      width: 18,
    },
  ],
  certificate: [
    { header: '证明名称', key: 'name', required: true, aliases: ['证明事项', '证明事项名称', '名称'], width: 28 },
    {
      header: '要求出具的单位',
      key: 'imposedBy',
      required: true,
      aliases: ['要求单位', '索要单位', '需求单位'],
      width: 20,
    },
    {
      header: '上年出具数量',
      key: 'volumeLastYear',
      aliases: ['上年数量', '出具数量', '年出具量'],
      note: '整数，不清楚可不填',
      width: 12,
    },
    { header: '依据', key: 'basis', aliases: ['设定依据', '法律依据'], width: 24 },
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

/** A template workbook: one sheet per category (or just one), bold headers with notes, one example row. */
export function ledgerTemplate(category: Category | 'all'): Promise<Buffer> {
  const cats = category === 'all' ? (['sign', 'mechanism', 'work_affair', 'certificate'] as Category[]) : [category];
  return buildTemplate(
    cats.map((c) => ({ name: CATEGORY_LABELS[c], columns: importColumns(c), examples: [EXAMPLES[c]] })),
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
  return (Object.entries(SIGN_POSITION_LABELS).find(([, l]) => l === t)?.[0] as SignPosition) ?? null;
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
  return (Object.entries(PROVIDER_LABELS).find(([, l]) => l === t)?.[0] as Provider) ?? null;
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
  const hit = (Object.entries(VERDICT_LABELS) as [Verdict, string][]).find(
    ([k, l]) => t === l || t === k || t.startsWith(l),
  );
  if (hit) return hit[0];
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
