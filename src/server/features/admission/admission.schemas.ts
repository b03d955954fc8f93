/**
 * zod schemas of the admission API (request bodies and responses). Response schemas carry no
 * transforms, so OpenAPI describes exactly what the server sends.
 */
import { z } from '../../../shared/zod.js';
import { CATALOG_KINDS } from '../../../shared/catalogs.js';

export const REQUEST_KINDS = [
  'work_affair',
  'mechanism',
  'sign',
  'certificate',
  'form_report',
  'special_task',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export const REQUEST_KIND_LABELS: Record<RequestKind, string> = {
  work_affair: '工作事务',
  mechanism: '工作机制或专人专岗',
  sign: '标识牌',
  certificate: '证明事项',
  form_report: '报表或数据报送',
  special_task: '专项任务',
};

/** Level of a legal or policy basis; central/law/regulation are what S-6.3 accepts for a mechanism or post. */
export const BASIS_LEVELS = ['central', 'law', 'regulation', 'rule', 'provincial', 'local', 'department'] as const;
export type BasisLevel = (typeof BASIS_LEVELS)[number];
export const BASIS_LEVEL_LABELS: Record<BasisLevel, string> = {
  central: '党中央、国务院文件明确要求',
  law: '法律',
  regulation: '行政法规或地方性法规',
  rule: '规章',
  provincial: '省级党委、政府文件',
  local: '市、县级党委、政府文件',
  department: '部门文件',
};
export const STATUTORY_LEVELS: readonly BasisLevel[] = ['central', 'law', 'regulation'];

export const STATUSES = [
  'draft',
  'in_review',
  'returned',
  'refused',
  'rejected',
  'approved',
  'expired',
  'withdrawn',
] as const;
export type RequestStatus = (typeof STATUSES)[number];
export const STATUS_LABELS: Record<RequestStatus, string> = {
  draft: '草稿',
  in_review: '审核中',
  returned: '退回修改',
  refused: '预审不予准入',
  rejected: '不予准入',
  approved: '已准入',
  expired: '已到期',
  withdrawn: '已撤销',
};

export const STEPS = ['township', 'district', 'government'] as const;
export type StepName = (typeof STEPS)[number];
export const STEP_LABELS: Record<StepName, string> = {
  township: '乡镇（街道）审核',
  district: '区民政局审核',
  government: '区政府审批',
};

/** unverified: 待核实（目录未完整）— the answer would rest on “not in the catalog” while that catalog is incomplete. */
export const PRECHECK_OUTCOMES = ['admissible', 'needs_government', 'unverified', 'returned', 'refused'] as const;
export type PrecheckOutcome = (typeof PRECHECK_OUTCOMES)[number];

const code12 = z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');

const basisEntry = z.strictObject({
  document: z.string().trim().min(2, '请填写依据文件名称').max(200),
  article: z.string().trim().max(100).default(''),
  level: z.enum(BASIS_LEVELS),
});

const formEntry = z.strictObject({
  name: z.string().trim().min(1).max(100),
  frequency: z.enum(['once', 'weekly', 'monthly', 'quarterly', 'yearly', 'ad_hoc']),
  fields: z.string().trim().max(500).default(''),
});

const catalogChange = z.strictObject({
  action: z.enum(['add', 'amend', 'withdraw']),
  kind: z.enum(CATALOG_KINDS),
  itemCode: z.string().trim().max(40).nullable().default(null),
  name: z.string().trim().max(100).nullable().default(null),
  reason: z.string().trim().min(2).max(500),
});

/** What a department files (what, why, for whom, how long, with what money and people, which forms). */
export const requestContent = z
  .strictObject({
    kind: z.enum(REQUEST_KINDS),
    title: z.string().trim().min(2, '请填写事项名称').max(100),
    description: z.string().trim().max(2000).default(''),
    basis: z.array(basisEntry).max(10).default([]),
    targets: z.array(code12).min(1, '请选择适用的乡镇或村').max(500),
    startsOn: isoDate,
    endsOn: isoDate,
    funding: z.strictObject({
      provided: z.boolean(),
      amountYuan: z.number().int().min(0).max(10_000_000_000).nullable().default(null),
      source: z.string().trim().max(200).default(''),
    }),
    staffing: z.strictObject({
      provided: z.boolean(),
      people: z.number().int().min(0).max(100_000).nullable().default(null),
      description: z.string().trim().max(500).default(''),
    }),
    dedicatedPost: z.boolean().default(false),
    forms: z.array(formEntry).max(50).default([]),
    catalogItemCode: z.string().trim().max(40).nullable().default(null),
    catalogChange: catalogChange.nullable().default(null),
  })
  .refine((c) => c.endsOn >= c.startsOn, { message: '结束日期不能早于开始日期', path: ['endsOn'] });
export type RequestContent = z.infer<typeof requestContent>;

export const idParams = z.strictObject({ id: z.string().min(1).max(100) });
export const versionBody = z.strictObject({ version: z.number().int().min(1) });

export const decisionBody = z.strictObject({
  version: z.number().int().min(1),
  /** The revision the reviewer read; the decision is bound to it. */
  revision: z.number().int().min(1),
  action: z.enum(['approve', 'return', 'reject']),
  comment: z.string().trim().max(1000).default(''),
  /** Approve with conditions (附条件准入). */
  conditions: z.string().trim().max(1000).default(''),
  /** Required for return and reject. */
  reason: z.string().trim().max(1000).default(''),
});

export const withdrawBody = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(2, '请填写撤销理由').max(1000),
});

export const listQuery = z.strictObject({
  status: z.enum(STATUSES).optional(),
  kind: z.enum(REQUEST_KINDS).optional(),
  q: z.string().trim().max(50).optional(),
  /** awaiting: open steps the actor may decide now. */
  queue: z.enum(['awaiting']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});

const itemRef = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  catalogId: z.string(),
  catalogTitle: z.string(),
  basis: z.string().nullable(),
});
export const findingSchema = z.object({
  rule: z.string(),
  outcome: z.enum(PRECHECK_OUTCOMES),
  clause: z.object({ id: z.string(), text: z.string() }),
  item: itemRef.nullable(),
  score: z.number().nullable(),
  message: z.string(),
  /** The document the clause or item comes from. */
  document: z.string().nullable().optional(),
  /** Prohibitions: the words that triggered the rule, per section of the request. */
  triggers: z.array(z.object({ section: z.string(), words: z.array(z.string()), excerpt: z.string() })).optional(),
  /** Returned: what to add (basis, statutory_basis, funding, staffing, placement, shorter_name). */
  missing: z.array(z.string()).optional(),
});
export const precheckSchema = z.object({
  outcome: z.enum(PRECHECK_OUTCOMES),
  catalogued: z.boolean(),
  needsGovernment: z.boolean(),
  findings: z.array(findingSchema),
  catalogVersionId: z.string(),
  checkedOn: z.string(),
  /** The judge's verdict (catalogs/judge.ts) and the completeness of the catalog kinds it rests on. */
  verdict: z.string().optional(),
  completeness: z.record(z.string(), z.enum(['complete', 'partial', 'missing'])).optional(),
});

const targetSchema = z.object({ regionCode: z.string(), regionName: z.string(), level: z.string() });
const stepSchema = z.object({
  id: z.string(),
  revision: z.number(),
  seq: z.number(),
  step: z.enum(STEPS),
  stepLabel: z.string(),
  regionCode: z.string(),
  body: z.string(),
  status: z.string(),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  workingDays: z.number(),
  openedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  action: z.string().nullable(),
  comment: z.string().nullable(),
  conditions: z.string().nullable(),
  reason: z.string().nullable(),
});
const eventSchema = z.object({
  at: z.string(),
  actorName: z.string(),
  action: z.string(),
  fromStatus: z.string().nullable(),
  toStatus: z.string().nullable(),
  revision: z.number(),
  step: z.string().nullable(),
  note: z.string().nullable(),
});

export const requestSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(REQUEST_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string(),
  status: z.enum(STATUSES),
  statusLabel: z.string(),
  effectState: z.enum(['none', 'scheduled', 'in_effect', 'expired']),
  precheckOutcome: z.string().nullable(),
  needsGovernment: z.boolean(),
  currentStep: z.string().nullable(),
  currentStepDueOn: z.string().nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  effectiveFrom: z.string().nullable(),
  expiresOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  submittedAt: z.string().nullable(),
  revision: z.number(),
  version: z.number(),
  targetCount: z.number(),
  targetNames: z.array(z.string()),
  updatedAt: z.string(),
});

export const abilitiesSchema = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  decide: z.boolean(),
  withdraw: z.boolean(),
  decideActions: z.array(z.enum(['approve', 'return', 'reject'])),
});

export const requestDetailSchema = requestSummarySchema.extend({
  content: z.unknown(),
  contentHash: z.string(),
  filedByName: z.string(),
  precheck: precheckSchema.nullable(),
  catalogVersionId: z.string().nullable(),
  decision: z.string().nullable(),
  decisionReason: z.string().nullable(),
  conditions: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedByBody: z.string().nullable(),
  approvedRevision: z.number().nullable(),
  approvedHash: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  withdrawnByName: z.string().nullable(),
  adjustmentId: z.string().nullable(),
  adjustmentNote: z.string().nullable(),
  targets: z.array(targetSchema),
  steps: z.array(stepSchema),
  events: z.array(eventSchema),
  revisions: z.array(
    z.object({ revision: z.number(), contentHash: z.string(), submittedAt: z.string(), submittedByName: z.string() }),
  ),
  abilities: abilitiesSchema,
});

export const flagBody = z.strictObject({
  departmentId: z.string().max(100).nullable().default(null),
  /** Free text when the department is not registered (e.g. a city-level body). */
  departmentName: z.string().trim().max(100).nullable().default(null),
  taskTitle: z.string().trim().min(2, '请填写任务名称').max(200),
  description: z.string().trim().max(2000).default(''),
  channel: z.enum(['document', 'phone', 'wechat', 'meeting', 'app', 'in_person', 'other']),
  receivedOn: isoDate,
  requestId: z.string().max(100).nullable().default(null),
});

export const flagSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  townshipCode: z.string().nullable(),
  departmentId: z.string().nullable(),
  departmentName: z.string(),
  taskTitle: z.string(),
  description: z.string().nullable(),
  channel: z.string(),
  receivedOn: z.string(),
  requestId: z.string().nullable(),
  status: z.string(),
  flaggedByName: z.string(),
  createdAt: z.string(),
});

const chainStep = z.strictObject({
  workingDays: z.number().int().min(1).max(60),
  assigneeUserId: z.string().max(100).nullable().default(null),
});
export const chainConfig = z.strictObject({
  /** Township review for requests whose targets all lie in one township. */
  townshipReview: z.boolean().default(true),
  /** When the district government (S-7.3) decides: only for out-of-catalog requests, or always. */
  governmentFor: z.enum(['out_of_catalog', 'all']).default('out_of_catalog'),
  township: chainStep.default({ workingDays: 5, assigneeUserId: null }),
  district: chainStep.default({ workingDays: 10, assigneeUserId: null }),
  government: chainStep.default({ workingDays: 10, assigneeUserId: null }),
  /** Days before expiry when reminders are raised. */
  reminderDays: z.array(z.number().int().min(1).max(365)).max(5).default([30, 7, 1]),
});
export type ChainConfig = z.infer<typeof chainConfig>;

export const calendarConfig = z.strictObject({
  holidays: z.array(isoDate).max(400),
  workdays: z.array(isoDate).max(100),
  source: z.string().trim().max(300),
});

export const settingsBody = z.strictObject({
  version: z.number().int().min(0),
  chain: chainConfig,
  calendar: calendarConfig,
});
