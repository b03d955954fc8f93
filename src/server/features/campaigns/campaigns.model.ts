/**
 * The words of the campaigns feature: categories, verdicts, workflow and clean-up states with their
 * Chinese labels, the per-category fields, the default phases of the seed plan, and the sign guide's
 * default setting. Pure data and pure functions.
 */
import { createHash } from 'node:crypto';
import { z } from '../../../shared/zod.js';

export const CATEGORIES = ['sign', 'mechanism', 'work_affair', 'certificate'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, string> = {
  sign: '标识牌',
  mechanism: '工作机制',
  work_affair: '工作事务',
  certificate: '证明事项',
};

export const VERDICTS = ['keep', 'cancel', 'merge', 'rectify'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, string> = { keep: '保留', cancel: '取消', merge: '合并', rectify: '整改' };
/** A suggestion may also be `verify` (待核实（目录未完整）): never a final verdict, never accepted in bulk. */
export const SUGGESTED_VERDICTS = [...VERDICTS, 'verify'] as const;
export type SuggestedVerdict = (typeof SUGGESTED_VERDICTS)[number];
export const SUGGESTED_VERDICT_LABELS: Record<SuggestedVerdict, string> = {
  ...VERDICT_LABELS,
  verify: '待核实（目录未完整）',
};
/** Rows with these verdicts are non-compliant and become clean-up tasks. */
export const isNonCompliant = (v: Verdict | null | undefined) => v === 'cancel' || v === 'merge' || v === 'rectify';

/** Stored workflow status of a ledger. */
export const LEDGER_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];
/** Effective status, as denormalised onto rows: an approval the village edited afterwards is `stale`. */
export const WORKFLOW_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'stale'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];
export const WORKFLOW_LABELS: Record<WorkflowStatus, string> = {
  draft: '填报中',
  submitted: '已提交待审核',
  returned: '已退回修改',
  approved: '已审核通过',
  stale: '审核后又修改（审核已失效）',
};
export const effectiveStatus = (status: LedgerStatus, approvalStale: boolean): WorkflowStatus =>
  status === 'approved' && approvalStale ? 'stale' : status;

export const CLEANUP_STATUSES = ['none', 'open', 'closed'] as const;
export type CleanupStatus = (typeof CLEANUP_STATUSES)[number];
export const CLEANUP_LABELS: Record<CleanupStatus, string> = { none: '无需整改', open: '整改中', closed: '已整改' };

export const TASK_STATUSES = ['open', 'closed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, string> = { open: '整改中', closed: '已完成', cancelled: '已撤销' };

export const CAMPAIGN_STATUSES = ['draft', 'launching', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, string> = {
  draft: '未启动',
  launching: '启动中',
  active: '进行中',
  closed: '已结束',
};

// ------------------------------------------------------------------ per-category fields

export const SIGN_POSITIONS = ['outside', 'inside', 'functional_area'] as const;
export type SignPosition = (typeof SIGN_POSITIONS)[number];
export const SIGN_POSITION_LABELS: Record<SignPosition, string> = {
  outside: '室外',
  inside: '室内',
  functional_area: '功能区入口',
};

export const PROVIDERS = ['village', 'imposer', 'other', 'none'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const PROVIDER_LABELS: Record<Provider, string> = {
  village: '村级组织自行承担',
  imposer: '设立单位',
  other: '其他单位',
  none: '无',
};

export const CATALOG_HITS = ['duty', 'assistance', 'none'] as const;
export type CatalogHit = (typeof CATALOG_HITS)[number];
export const CATALOG_HIT_LABELS: Record<CatalogHit, string> = {
  duty: '履行职责事项',
  assistance: '协助政务服务事项',
  none: '目录外',
};

const text = (max: number) => z.string().trim().max(max);
const name = z.string().trim().min(1, '请填写名称').max(200);

export const signFields = z.strictObject({ position: z.enum(SIGN_POSITIONS) });
export const mechanismFields = z.strictObject({
  dedicatedPost: z.boolean(),
  staffBy: z.enum(PROVIDERS),
  fundedBy: z.enum(PROVIDERS),
  effective: z.boolean(),
  villagersAccept: z.boolean(),
});
export const workAffairFields = z.strictObject({
  /** The cadre's confirmation; null = take the catalog match. */
  catalogHit: z.enum(CATALOG_HITS).nullable().default(null),
  funding: text(200).default(''),
  formsRequired: z.number().int().min(0).max(1000).default(0),
  /** Reference of the district government's approval of an out-of-catalog task (S-7.3). */
  approvalRef: text(100).default(''),
});
export const certificateFields = z.strictObject({ volumeLastYear: z.number().int().min(0).max(10_000_000).default(0) });

export type SignFields = z.infer<typeof signFields>;
export type MechanismFields = z.infer<typeof mechanismFields>;
export type WorkAffairFields = z.infer<typeof workAffairFields>;
export type CertificateFields = z.infer<typeof certificateFields>;
export type RowFields = SignFields | MechanismFields | WorkAffairFields | CertificateFields;

export const FIELD_SCHEMAS = {
  sign: signFields,
  mechanism: mechanismFields,
  work_affair: workAffairFields,
  certificate: certificateFields,
} as const;

/** What a row is, whatever its category: the facts the cadre types. */
export interface RowInput {
  category: Category;
  name: string;
  imposedBy: string;
  basis: string;
  fields: RowFields;
}

/** Bodies of the row API: one zod schema per category (discriminated by `category`). */
const common = { name, imposedBy: text(100).default(''), basis: text(300).default('') };
export const rowInput = z.discriminatedUnion('category', [
  z.strictObject({ category: z.literal('sign'), ...common, fields: signFields }),
  z.strictObject({ category: z.literal('mechanism'), ...common, fields: mechanismFields }),
  z.strictObject({ category: z.literal('work_affair'), ...common, fields: workAffairFields }),
  z.strictObject({ category: z.literal('certificate'), ...common, fields: certificateFields }),
]);
export type RowInputBody = z.infer<typeof rowInput>;

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** The identity of a row inside its ledger (what an import upserts on). */
export function naturalKeyOf(r: Pick<RowInput, 'category' | 'name' | 'imposedBy' | 'fields'>): string {
  const parts: string[] = [r.category, fold(r.name)];
  if (r.category === 'sign') parts.push((r.fields as SignFields).position);
  if (r.category === 'work_affair') parts.push(fold(r.imposedBy));
  return parts.join('|');
}

/** A stable hash of what the cadre typed (drives "changed since last cycle" and idempotent imports). */
export function fieldsHashOf(r: RowInput): string {
  const keys = Object.keys(r.fields).sort();
  const f = Object.fromEntries(keys.map((k) => [k, (r.fields as Record<string, unknown>)[k]]));
  return createHash('sha256')
    .update(JSON.stringify([r.category, r.name.trim(), r.imposedBy.trim(), r.basis.trim(), f]))
    .digest('hex')
    .slice(0, 32);
}

// ------------------------------------------------------------------ phases (the seed plan's defaults)

export const PHASE_KEYS = ['self_inspection', 'signs_certificates', 'mechanisms_affairs', 'permanent_rules'] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];

export interface PhaseTemplate {
  key: PhaseKey;
  name: string;
  clause: string;
  categories: Category[];
  /** Month-day and year offset of the default deadline. */
  monthDay: string;
  yearOffset: number;
}

export const DEFAULT_PHASES: PhaseTemplate[] = [
  {
    key: 'self_inspection',
    name: '摸排自查、区级汇总',
    clause: 'S-5',
    categories: [],
    monthDay: '08-10',
    yearOffset: 0,
  },
  {
    key: 'signs_certificates',
    name: '标识牌、证明事项清理',
    clause: 'S-6.1、S-6.2',
    categories: ['sign', 'certificate'],
    monthDay: '08-10',
    yearOffset: 0,
  },
  {
    key: 'mechanisms_affairs',
    name: '工作机制、工作事务清理',
    clause: 'S-6.3、S-6.4',
    categories: ['mechanism', 'work_affair'],
    monthDay: '12-10',
    yearOffset: 0,
  },
  {
    key: 'permanent_rules',
    name: '建立准入和动态调整长效机制',
    clause: 'S-7',
    categories: [],
    monthDay: '06-15',
    yearOffset: 1,
  },
];

export const defaultDeadline = (p: PhaseTemplate, year: number) => `${year + p.yearOffset}-${p.monthDay}`;

/** The clean-up phase whose deadline applies to a row of this category. */
export const phaseOfCategory = (c: Category): PhaseKey =>
  c === 'sign' || c === 'certificate' ? 'signs_certificates' : 'mechanisms_affairs';

// ------------------------------------------------------------------ campaign settings

export const campaignSettings = z.strictObject({
  /** Reminder days before a task's deadline (a reminder on the day itself is always sent). */
  reminderDaysBefore: z.array(z.number().int().min(1).max(60)).max(5).default([3]),
});
export type CampaignSettings = z.infer<typeof campaignSettings>;

// ------------------------------------------------------------------ sign guide (configurable)

export interface BoardRule {
  name: string;
  /** Substrings that identify the board; the longest matching pattern over all rules wins. */
  patterns: string[];
}

export interface SignGuide {
  /** Boards allowed on the outside of the village office. */
  allowedBoards: BoardRule[];
  /** Boards that belong inside the comprehensive service facility (S-6.1). */
  insideBoards: BoardRule[];
  maxVillage: number;
  maxCommunity: number;
  note: string;
}

export const GUIDE_BOARD = '服务功能综合指引牌';
export const SERVICE_ORG_BOARD = '综合服务组织标识';

/**
 * The Shanxi sign guide's text was not found (catalogs.json: NOT FOUND). These defaults are the four
 * statutory boards of the Guizhou (黔南) reference and the 左权 "村6社5" reading; a district sets its own.
 */
export const DEFAULT_SIGN_GUIDE: SignGuide = {
  allowedBoards: [
    { name: '村党组织', patterns: ['中共', '党支部', '党总支', '党委', '支部委员会', '党组织'] },
    { name: '村民委员会', patterns: ['村民委员会', '居民委员会', '村委会', '居委会'] },
    { name: '村集体经济组织', patterns: ['经济合作社', '经济联合社', '股份经济合作社', '股份合作社', '集体经济组织'] },
    { name: '村务监督委员会', patterns: ['村务监督委员会', '居务监督委员会', '监督委员会'] },
  ],
  insideBoards: [
    {
      name: SERVICE_ORG_BOARD,
      patterns: ['党群服务中心', '便民服务中心', '综合服务中心', '综合服务站', '便民服务站', '服务中心'],
    },
    { name: GUIDE_BOARD, patterns: ['指引', '指南', '导引', '功能分布'] },
  ],
  maxVillage: 6,
  maxCommunity: 5,
  note:
    '可配置：山西省《标识牌内容及悬挂位置参考指引》原文未取得。默认允许清单取自贵州黔南“每村只挂4块牌子”（村党组织、村民委员会、村集体经济组织、村务监督委员会），' +
    '数量上限取左权县“村6社5”的理解（村6块、社区5块），请区民政局按省指引核定后修改。',
};

export const signGuideInput = z.strictObject({
  allowedBoards: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(50),
        patterns: z.array(z.string().trim().min(1).max(30)).min(1).max(20),
      }),
    )
    .min(1)
    .max(30),
  insideBoards: z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(50),
        patterns: z.array(z.string().trim().min(1).max(30)).min(1).max(20),
      }),
    )
    .max(10),
  maxVillage: z.number().int().min(1).max(50),
  maxCommunity: z.number().int().min(1).max(50),
  note: z.string().trim().max(500),
});

// ------------------------------------------------------------------ per-ledger counters

export const COUNTER_KINDS = [
  'total',
  'keep',
  'cancel',
  'merge',
  'rectify',
  'removedDone',
  'tasksOpen',
  'tasksClosed',
] as const;
export type CounterKindName = (typeof COUNTER_KINDS)[number];
const CAT_PASCAL: Record<Category, string> = {
  sign: 'Sign',
  mechanism: 'Mechanism',
  work_affair: 'WorkAffair',
  certificate: 'Certificate',
};
/** The ledger column of a counter, e.g. (work_affair, removedDone) → nWorkAffairRemovedDone. */
export const counterColumn = (c: Category, k: CounterKindName) =>
  `n${CAT_PASCAL[c]}${k[0].toUpperCase()}${k.slice(1)}` as `n${'Sign' | 'Mechanism' | 'WorkAffair' | 'Certificate'}${'Total' | 'Keep' | 'Cancel' | 'Merge' | 'Rectify' | 'RemovedDone' | 'TasksOpen' | 'TasksClosed'}`;
export const COUNTER_COLUMNS = CATEGORIES.flatMap((c) => COUNTER_KINDS.map((k) => counterColumn(c, k)));

/** The counters of a ledger from its rows (category, final verdict, clean-up status). */
export function countersOf(
  rows: Iterable<{ category: string; verdict: string | null; cleanupStatus: string; n?: number }>,
) {
  const out = Object.fromEntries(COUNTER_COLUMNS.map((k) => [k, 0])) as Record<
    ReturnType<typeof counterColumn>,
    number
  >;
  for (const r of rows) {
    const c = r.category as Category;
    if (!CAT_PASCAL[c]) continue;
    const n = r.n ?? 1;
    out[counterColumn(c, 'total')] += n;
    if (r.verdict === 'keep' || r.verdict === 'cancel' || r.verdict === 'merge' || r.verdict === 'rectify')
      out[counterColumn(c, r.verdict)] += n;
    if ((r.verdict === 'cancel' || r.verdict === 'merge') && r.cleanupStatus === 'closed')
      out[counterColumn(c, 'removedDone')] += n;
    if (r.cleanupStatus === 'open') out[counterColumn(c, 'tasksOpen')] += n;
    if (r.cleanupStatus === 'closed') out[counterColumn(c, 'tasksClosed')] += n;
  }
  return out;
}
