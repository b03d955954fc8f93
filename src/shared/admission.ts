/**
 * The admission gate's API (准入, S-7), shared by server and web: its codes (admission.codes.ts, re-exported)
 * and the zod schemas of its requests and responses. Response schemas carry no transforms, so they describe
 * exactly what the server sends; the web takes its types from here by `z.infer` (type-only imports).
 */
import { z } from './zod.js';
import { dateText, idParams, pageOf, pageQuery, paging, regionCode12 } from './common.js';
import { CATALOG_KINDS } from './catalogs.js';
import { keyedSchema } from './keyed.js';
import {
  BASIS_LEVELS,
  CHANGE_ACTIONS,
  CHANNELS,
  DECIDE_ACTIONS,
  DECISIONS,
  EFFECT_STATES,
  EVENT_ACTIONS,
  FREQUENCIES,
  GOVERNMENT_FOR,
  PRECHECK_MISSING,
  PRECHECK_OUTCOMES,
  REQUEST_KINDS,
  REQUEST_STATUSES,
  STEP_STATUSES,
  STEPS,
} from './admission.codes.js';

export * from './admission.codes.js';

const code12 = regionCode12;
export const isoDate = dateText;
const page = paging;
export { idParams, pageQuery };

// ───────────────────────────── requests ─────────────────────────────

const basisEntry = z.strictObject({
  document: z.string().trim().min(2, '请填写依据文件名称').max(200),
  article: z.string().trim().max(100).default(''),
  level: z.enum(BASIS_LEVELS),
});

const formEntry = z.strictObject({
  name: z.string().trim().min(1).max(100),
  frequency: z.enum(FREQUENCIES),
  fields: z.string().trim().max(500).default(''),
});

const catalogChange = z.strictObject({
  action: z.enum(CHANGE_ACTIONS),
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
export type RequestContent = z.output<typeof requestContent>;
/** What the filing form sends (defaults not yet applied). */
export type RequestContentInput = z.input<typeof requestContent>;

/**
 * What a reader sees of a request's content: all of it (the filing department, reviewers), or — for
 * readers outside the chain, e.g. villages — what, why, for whom and how long, not the internals.
 */
export type SeenContent = Pick<RequestContent, 'kind' | 'title'> &
  Partial<Omit<RequestContent, 'kind' | 'title' | 'funding' | 'staffing'>> & {
    funding?: Partial<RequestContent['funding']>;
    staffing?: Partial<RequestContent['staffing']>;
  };

export const contentBody = z.strictObject({ content: requestContent });
export const updateBody = z.strictObject({ version: z.number().int().min(1), content: requestContent });
export const versionBody = z.strictObject({ version: z.number().int().min(1) });

export const decisionBody = z.strictObject({
  version: z.number().int().min(1),
  /** The revision the reviewer read; the decision is bound to it. */
  revision: z.number().int().min(1),
  action: z.enum(DECIDE_ACTIONS),
  comment: z.string().trim().max(1000).default(''),
  /** Approve with conditions (附条件准入). */
  conditions: z.string().trim().max(1000).default(''),
  /** Required for return and reject. */
  reason: z.string().trim().max(1000).default(''),
});
export type DecisionBody = z.output<typeof decisionBody>;
export type DecisionInput = z.input<typeof decisionBody>;

export const withdrawBody = z.strictObject({
  version: z.number().int().min(1),
  reason: z.string().trim().min(2, '请填写撤销理由').max(1000),
});

export const listQuery = z.strictObject({
  status: z.enum(REQUEST_STATUSES).optional(),
  kind: z.enum(REQUEST_KINDS).optional(),
  q: z.string().trim().max(50).optional(),
  /** awaiting: open steps the actor may decide now. */
  queue: z.enum(['awaiting']).optional(),
  ...page,
});
export type RequestFilter = Omit<z.output<typeof listQuery>, 'page' | 'pageSize'>;

// ───────────────────────────── pre-check ─────────────────────────────

export const itemRefSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  catalogId: z.string(),
  catalogTitle: z.string(),
  basis: z.string().nullable(),
});
export type ItemRef = z.infer<typeof itemRefSchema>;

export const findingSchema = z.object({
  rule: z.string(),
  outcome: z.enum(PRECHECK_OUTCOMES),
  /** A seed-plan clause (PRECHECK_CLAUSES, worded by `admission.clause.<id>`) or, for a prohibition, the item's code. */
  clause: z.object({ id: z.string() }),
  item: itemRefSchema.nullable(),
  score: z.number().nullable(),
  /** What the finding says (`admission.finding.*`): parameters are data (names, words, bases) or keyed texts. */
  message: keyedSchema,
  /** The document the clause or item comes from. */
  document: z.string().nullable().optional(),
  /** Prohibitions: the words that triggered the rule, per section of the request. */
  triggers: z.array(z.object({ section: z.string(), words: z.array(z.string()), excerpt: z.string() })).optional(),
  /** Returned: what to add (`admission.missing.<code>`). */
  missing: z.array(z.enum(PRECHECK_MISSING)).optional(),
});
export type Finding = z.infer<typeof findingSchema>;

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
/** The dry run of the filing form: the strictest result over every township judged. */
export const judgedPrecheckSchema = precheckSchema.extend({
  judged: z.array(z.object({ regionCode: z.string(), catalogVersionId: z.string(), outcome: z.string() })),
});
export type Precheck = z.infer<typeof precheckSchema>;

// ───────────────────────────── responses ─────────────────────────────

const targetSchema = z.object({ regionCode: z.string(), regionName: z.string(), level: z.string() });

const stepSchema = z.object({
  id: z.string(),
  revision: z.number(),
  seq: z.number(),
  step: z.enum(STEPS),
  regionCode: z.string(),
  body: z.string(),
  status: z.enum(STEP_STATUSES),
  assigneeId: z.string().nullable(),
  assigneeName: z.string().nullable(),
  workingDays: z.number(),
  openedOn: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  decidedAt: z.string().nullable(),
  decidedByName: z.string().nullable(),
  action: z.enum(DECIDE_ACTIONS).nullable(),
  comment: z.string().nullable(),
  conditions: z.string().nullable(),
  reason: z.string().nullable(),
});
export type RequestStep = z.infer<typeof stepSchema>;

const eventSchema = z.object({
  at: z.string(),
  actorName: z.string(),
  action: z.enum(EVENT_ACTIONS),
  fromStatus: z.enum(REQUEST_STATUSES).nullable(),
  toStatus: z.enum(REQUEST_STATUSES).nullable(),
  revision: z.number(),
  step: z.enum(STEPS).nullable(),
  note: z.string().nullable(),
});
export type RequestEvent = z.infer<typeof eventSchema>;

export const requestSummarySchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(REQUEST_KINDS),
  title: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string(),
  status: z.enum(REQUEST_STATUSES),
  effectState: z.enum(EFFECT_STATES),
  precheckOutcome: z.enum(PRECHECK_OUTCOMES).nullable(),
  needsGovernment: z.boolean(),
  currentStep: z.enum(STEPS).nullable(),
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
export type RequestSummary = z.infer<typeof requestSummarySchema>;
export const summaryPageSchema = pageOf(requestSummarySchema);

export const abilitiesSchema = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  decide: z.boolean(),
  withdraw: z.boolean(),
  decideActions: z.array(z.enum(DECIDE_ACTIONS)),
});

export const requestDetailSchema = requestSummarySchema.extend({
  /** SeenContent: the whole content or the public part (see publicContent in the server's presenter). */
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
export type RequestDetail = Omit<z.infer<typeof requestDetailSchema>, 'content'> & { content: SeenContent };

/** What has been admitted for the reader's area (the village's view). */
export const admittedSchema = requestSummarySchema.extend({
  conditions: z.string().nullable(),
  decidedByBody: z.string().nullable(),
});
export type AdmittedTask = z.infer<typeof admittedSchema>;
export const admittedPageSchema = pageOf(admittedSchema);

export const remindersSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      createdAt: z.string(),
      requestId: z.string(),
      number: z.string(),
      title: z.string(),
      expiresOn: z.string().nullable(),
      departmentName: z.string(),
      daysLeft: z.number(),
    }),
  ),
});

// ───────────────────────────── settings ─────────────────────────────

const chainStep = z.strictObject({
  workingDays: z.number().int().min(1).max(60),
  assigneeUserId: z.string().max(100).nullable().default(null),
});
export const chainConfig = z.strictObject({
  /** Township review for requests whose targets all lie in one township. */
  townshipReview: z.boolean().default(true),
  governmentFor: z.enum(GOVERNMENT_FOR).default('out_of_catalog'),
  township: chainStep.default({ workingDays: 5, assigneeUserId: null }),
  district: chainStep.default({ workingDays: 10, assigneeUserId: null }),
  government: chainStep.default({ workingDays: 10, assigneeUserId: null }),
  /** Days before expiry when reminders are raised. */
  reminderDays: z.array(z.number().int().min(1).max(365)).max(5).default([30, 7, 1]),
});
export type ChainConfig = z.output<typeof chainConfig>;

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

export const settingsSchema = z.object({
  countyCode: z.string(),
  chain: chainConfig,
  calendar: calendarConfig,
  version: z.number(),
  updatedAt: z.string().nullable(),
  isDefault: z.boolean(),
});

// ───────────────────────────── village flags ─────────────────────────────

export const departmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  regionCode: z.string(),
});
export type Department = z.infer<typeof departmentSchema>;
export const departmentsSchema = z.object({ items: z.array(departmentSchema) });

export const flagBody = z.strictObject({
  departmentId: z.string().max(100).nullable().default(null),
  /** Free text when the department is not registered (e.g. a city-level body). */
  departmentName: z.string().trim().max(100).nullable().default(null),
  taskTitle: z.string().trim().min(2, '请填写任务名称').max(200),
  description: z.string().trim().max(2000).default(''),
  channel: z.enum(CHANNELS),
  receivedOn: isoDate,
  requestId: z.string().max(100).nullable().default(null),
});
export type NewFlag = z.input<typeof flagBody>;

export const flagQuery = z.strictObject({
  departmentId: z.string().max(100).optional(),
  townshipCode: code12.optional(),
  ...page,
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
  channel: z.enum(CHANNELS),
  receivedOn: z.string(),
  requestId: z.string().nullable(),
  status: z.string(),
  /** null: hidden from the accused department (the web names the flagging village's cadre generically). */
  flaggedByName: z.string().nullable(),
  createdAt: z.string(),
});
export type Flag = z.infer<typeof flagSchema>;
export const flagPageSchema = pageOf(flagSchema);

export const departmentCountSchema = z.object({
  departmentId: z.string().nullable(),
  departmentName: z.string(),
  count: z.number(),
  lastReceivedOn: z.string().nullable(),
});
export type DepartmentCount = z.infer<typeof departmentCountSchema>;
export const departmentCountsSchema = pageOf(departmentCountSchema);

// ───────────────────────────── public portal ─────────────────────────────

export const publicDecisionsQuery = z.strictObject({
  region: z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, '区划代码应为 6、9 或 12 位数字'),
  ...page,
});

export const publicDecisionSchema = z.object({
  number: z.string(),
  title: z.string(),
  kind: z.enum(REQUEST_KINDS),
  departmentName: z.string(),
  decision: z.enum(DECISIONS),
  status: z.enum(REQUEST_STATUSES),
  effectState: z.enum(EFFECT_STATES),
  decidedOn: z.string().nullable(),
  decidedByBody: z.string().nullable(),
  /** The reason as published (Chinese); a pre-check refusal's also by key in precheckReasons. */
  reason: z.string().nullable(),
  /** A pre-check refusal: its findings' messages (`admission.finding.*`), worded in the reader's language. */
  precheckReasons: z.array(keyedSchema),
  conditions: z.string().nullable(),
  basis: z.array(z.string()),
  scope: z.array(z.string()),
  effectiveFrom: z.string().nullable(),
  expiresOn: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  withdrawReason: z.string().nullable(),
});
export type PublicDecision = z.infer<typeof publicDecisionSchema>;
export const publicDecisionsSchema = pageOf(publicDecisionSchema);
