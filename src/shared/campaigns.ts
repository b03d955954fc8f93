/**
 * Campaigns (专项行动), village ledgers (自查台账) and their rows, clean-up tasks (清理整改) and roll-ups:
 * the enums and the zod schemas of the API, shared by server and web. Labels live in the locale tables
 * (`campaigns.category.<code>`, `campaigns.verdict.<code>` …): responses carry codes, never labels, and
 * no transforms, so they describe exactly what the server sends.
 */
import { z } from './zod.js';
import { dateText, idParams, okSchema, pageOf, paging, regionCode12 } from './common.js';
import { REGION_LEVELS } from './roles.js';
import { keyedSchema } from './keyed.js';

export * from './campaigns.codes.js';
import {
  CAMPAIGN_STATUSES,
  CATALOG_HITS,
  CATEGORIES,
  CHANGE_KINDS,
  CLEANUP_STATUSES,
  DECISION_KINDS,
  LEDGER_STATUSES,
  OWNER_KINDS,
  PHASE_KEYS,
  PROVIDERS,
  ROW_SOURCES,
  SIGN_POSITIONS,
  SUGGEST_SOURCES,
  TASK_STATUSES,
  VERDICTS,
  SUGGESTED_VERDICTS,
  VILLAGE_KINDS,
  WORKFLOW_STATUSES,
} from './campaigns.codes.js';

// ------------------------------------------------------------------ common pieces

export const date = dateText;
export { idParams, okSchema };
export const regionCode = regionCode12;
export const versionBody = z.strictObject({ version: z.number().int() });
export const regionParams = z.strictObject({ region: regionCode });
export const regionQuery = z.strictObject({ region: regionCode.optional() });
const category = z.enum(CATEGORIES);
const verdict = z.enum(VERDICTS);
const byCat = <T extends z.ZodType>(t: T) => z.object({ sign: t, mechanism: t, work_affair: t, certificate: t });

// ------------------------------------------------------------------ row facts by category

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
export interface FieldsOf {
  sign: SignFields;
  mechanism: MechanismFields;
  work_affair: WorkAffairFields;
  certificate: CertificateFields;
}

export const FIELD_SCHEMAS = {
  sign: signFields,
  mechanism: mechanismFields,
  work_affair: workAffairFields,
  certificate: certificateFields,
} as const;

// ------------------------------------------------------------------ campaigns

export const campaignSettings = z.strictObject({
  /** Reminder days before a task's deadline (a reminder on the day itself is always sent). */
  reminderDaysBefore: z.array(z.number().int().min(1).max(60)).max(5).default([3]),
});
export type CampaignSettings = z.infer<typeof campaignSettings>;

export const phaseSchema = z.object({
  key: z.enum(PHASE_KEYS),
  clause: z.string(),
  categories: z.array(category),
  deadline: z.string(),
  /** The plan's date the phase had before the campaign started after it (the deadline is then relative to the start). */
  movedFrom: z.string().nullable(),
});
export type Phase = z.infer<typeof phaseSchema>;

export const launchSchema = z.object({
  jobId: z.string(),
  /** pending | running | succeeded | failed (the job runner's words). */
  status: z.string(),
  progress: z.number(),
  total: z.number(),
  message: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type LaunchRecord = z.infer<typeof launchSchema>;

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  regionLevel: z.enum(REGION_LEVELS),
  year: z.number(),
  status: z.enum(CAMPAIGN_STATUSES),
  previousCampaignId: z.string().nullable(),
  settings: z.object({ reminderDaysBefore: z.array(z.number()) }),
  launchedAt: z.string().nullable(),
  ledgerCount: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  phases: z.array(phaseSchema),
  launch: launchSchema.nullable(),
  abilities: z.object({ edit: z.boolean(), launch: z.boolean(), manage: z.boolean() }),
});
export type Campaign = z.infer<typeof campaignSchema>;
export const campaignListSchema = z.object({ items: z.array(campaignSchema) });

const phaseDates = z.array(z.strictObject({ key: z.enum(PHASE_KEYS), deadline: date })).max(4);
export const createCampaignBody = z.strictObject({
  name: z.string().trim().min(2).max(100),
  regionCode,
  year: z.number().int().min(2020).max(2100),
  previousCampaignId: z.string().nullable().optional(),
  phases: phaseDates.optional(),
  settings: campaignSettings.partial().optional(),
});
export type CreateCampaignBody = z.infer<typeof createCampaignBody>;
export const updateCampaignBody = z.strictObject({
  name: z.string().trim().min(2).max(100).optional(),
  phases: phaseDates.optional(),
  settings: campaignSettings.partial().optional(),
  version: z.number().int(),
});
export type UpdateCampaignBody = z.infer<typeof updateCampaignBody>;

// ------------------------------------------------------------------ sign guide (a district's setting)

const boards = (max: number) =>
  z
    .array(
      z.strictObject({
        name: z.string().trim().min(1).max(50),
        patterns: z.array(z.string().trim().min(1).max(30)).min(1).max(20),
      }),
    )
    .max(max);
export const signGuideInput = z.strictObject({
  allowedBoards: boards(30).min(1),
  insideBoards: boards(10),
  maxVillage: z.number().int().min(1).max(50),
  maxCommunity: z.number().int().min(1).max(50),
  note: z.string().trim().max(500),
});
export const signGuideBody = signGuideInput.extend({ version: z.number().int().min(0) });
export type SignGuideBody = z.infer<typeof signGuideBody>;

const boardList = z.array(z.object({ name: z.string(), patterns: z.array(z.string()) }));
const guideShape = {
  allowedBoards: boardList,
  insideBoards: boardList,
  maxVillage: z.number(),
  maxCommunity: z.number(),
  note: z.string(),
};
export const signGuideSchema = z.object({
  regionCode: z.string(),
  ...guideShape,
  configurable: z.literal(true),
  isDefault: z.boolean(),
  defaults: z.object(guideShape),
  version: z.number(),
  updatedAt: z.string().nullable(),
});
export type SignGuideDto = z.infer<typeof signGuideSchema>;

const changeCounts = z.object({ new: z.number(), changed: z.number(), unchanged: z.number(), removed: z.number() });
export type ChangeCounts = z.infer<typeof changeCounts>;
const regionRef = z.object({ code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS) });
export const changesSchema = z.object({
  campaignId: z.string(),
  previousCampaignId: z.string().nullable(),
  region: regionRef,
  byCategory: byCat(changeCounts),
});
export type CycleChanges = z.infer<typeof changesSchema>;

// ------------------------------------------------------------------ ledgers and rows

export const ledgerAbilitiesSchema = z.object({
  edit: z.boolean(),
  import: z.boolean(),
  submit: z.boolean(),
  withdraw: z.boolean(),
  return: z.boolean(),
  approve: z.boolean(),
});
export type LedgerAbilities = z.infer<typeof ledgerAbilitiesSchema>;

/** What a ledger and a line of the ledger list share. */
const ledgerBase = {
  id: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  villageKind: z.enum(VILLAGE_KINDS),
  townshipCode: z.string().nullable(),
  status: z.enum(LEDGER_STATUSES),
  effectiveStatus: z.enum(WORKFLOW_STATUSES),
  approvalStale: z.boolean(),
  returnNote: z.string().nullable(),
  submittedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  version: z.number(),
};
export const ledgerSchema = z.object({
  ...ledgerBase,
  campaignId: z.string(),
  campaignName: z.string(),
  reviewedAt: z.string().nullable(),
  previousLedgerId: z.string().nullable(),
  updatedAt: z.string(),
  abilities: ledgerAbilitiesSchema,
});
export type Ledger = z.infer<typeof ledgerSchema>;

/** A row's fields as the API shows them: those of its category (response shape, so no defaults). */
export const rowFieldsSchema = z.object({
  position: z.enum(SIGN_POSITIONS).optional(),
  dedicatedPost: z.boolean().optional(),
  staffBy: z.enum(PROVIDERS).optional(),
  fundedBy: z.enum(PROVIDERS).optional(),
  effective: z.boolean().optional(),
  villagersAccept: z.boolean().optional(),
  catalogHit: z.enum(CATALOG_HITS).nullable().optional(),
  funding: z.string().optional(),
  formsRequired: z.number().optional(),
  approvalRef: z.string().optional(),
  volumeLastYear: z.number().optional(),
});
export type AnyFields = z.infer<typeof rowFieldsSchema>;
export const suggestionSchema = z.object({
  verdict: z.enum(SUGGESTED_VERDICTS),
  clause: z.string(),
  /** Why (`campaigns.reason.*`): parameters are data (names, bases) or keyed texts. */
  reason: keyedSchema,
  itemCode: z.string().nullable(),
  itemName: z.string().nullable(),
  matchKind: z.string().nullable(),
  /** Codes of the judge's findings (`campaigns.flag.<code>` in the locale tables). */
  flags: z.array(z.string()),
  catalogVersion: z.string().nullable(),
  judgedAt: z.string(),
});
export const decisionSchema = z.object({
  verdict,
  kind: z.enum(DECISION_KINDS),
  overrideReason: z.string().nullable(),
  decidedBy: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export const rowSchema = z.object({
  id: z.string(),
  ledgerId: z.string(),
  category,
  seq: z.number(),
  name: z.string(),
  imposedBy: z.string(),
  basis: z.string(),
  fields: rowFieldsSchema,
  source: z.enum(ROW_SOURCES),
  photoFileId: z.string().nullable(),
  suggestion: suggestionSchema,
  decision: decisionSchema.nullable(),
  nonCompliant: z.boolean(),
  cleanup: z.object({ status: z.enum(CLEANUP_STATUSES), taskId: z.string().nullable() }),
  changeKind: z.enum(CHANGE_KINDS).nullable(),
  previous: z
    .object({
      rowId: z.string(),
      verdict: verdict.nullable(),
      before: z
        .object({ name: z.string(), imposedBy: z.string(), basis: z.string(), fields: rowFieldsSchema })
        .nullable(),
    })
    .nullable(),
  version: z.number(),
  updatedAt: z.string(),
});
export type LedgerRowDto = z.infer<typeof rowSchema>;

export const ledgerEventSchema = z.object({
  id: z.string(),
  action: z.string(),
  note: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
});
export type LedgerEvent = z.infer<typeof ledgerEventSchema>;

export const ledgerViewSchema = z.object({
  ledger: ledgerSchema,
  counts: z.object({
    total: z.number(),
    undecided: z.number(),
    nonCompliant: z.number(),
    byCategory: byCat(z.number()),
  }),
  rows: byCat(z.array(rowSchema)),
  removedSinceLastCycle: z.array(
    z.object({ rowId: z.string(), category, name: z.string(), imposedBy: z.string(), verdict: verdict.nullable() }),
  ),
  events: z.array(ledgerEventSchema),
  phases: z.array(phaseSchema),
  signGuide: z.object({
    allowedBoards: z.array(z.string()),
    insideBoards: z.array(z.string()),
    max: z.number(),
    note: z.string(),
  }),
});
export type LedgerView = z.infer<typeof ledgerViewSchema>;

export const ledgerListQuery = z.strictObject({
  region: regionCode.optional(),
  status: z.enum(WORKFLOW_STATUSES).optional(),
  q: z.string().max(50).optional(),
  ...paging,
});
export type LedgerListQuery = z.infer<typeof ledgerListQuery>;
export const ledgerListItemSchema = z.object({
  ...ledgerBase,
  townshipName: z.string().nullable(),
  rows: z.number(),
  undecided: z.number(),
  nonCompliant: z.number(),
});
export type LedgerListItem = z.infer<typeof ledgerListItemSchema>;
export const ledgerListSchema = pageOf(ledgerListItemSchema);

/**
 * Rows across the villages a district or township user reads (issue 15): "which villages still hang a
 * 禁毒工作站 board?". Every filter is optional; `verdict` is the decided verdict (`undecided` for none),
 * `suggested` the judge's suggestion, `status` the row's workflow status, `cleanup` its clean-up state.
 */
export const rowSearchFilters = {
  region: regionCode.optional(),
  category: category.optional(),
  suggested: z.enum(SUGGESTED_VERDICTS).optional(),
  verdict: z.enum([...VERDICTS, 'undecided']).optional(),
  decision: z.enum(DECISION_KINDS).optional(),
  status: z.enum(WORKFLOW_STATUSES).optional(),
  cleanup: z.enum(CLEANUP_STATUSES).optional(),
  q: z.string().trim().max(50).optional(),
};
export const rowSearchQuery = z.strictObject({ ...rowSearchFilters, ...paging });
export type RowSearchQuery = z.infer<typeof rowSearchQuery>;
export const rowSearchExportQuery = z.strictObject(rowSearchFilters);
export type RowSearchFilters = z.infer<typeof rowSearchExportQuery>;
export const rowSearchItemSchema = z.object({
  id: z.string(),
  ledgerId: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  townshipName: z.string().nullable(),
  category,
  seq: z.number(),
  name: z.string(),
  imposedBy: z.string(),
  suggested: z.enum(SUGGESTED_VERDICTS),
  verdict: verdict.nullable(),
  decision: z.enum(DECISION_KINDS).nullable(),
  workflowStatus: z.enum(WORKFLOW_STATUSES),
  cleanupStatus: z.enum(CLEANUP_STATUSES),
  updatedAt: z.string(),
});
export type RowSearchItem = z.infer<typeof rowSearchItemSchema>;
export const rowSearchSchema = z.object({ total: z.number(), items: z.array(rowSearchItemSchema) });

/** Create: `{category, name, imposedBy, basis, fields}` with the category's fields (one schema per category). */
const common = { name, imposedBy: text(100).default(''), basis: text(300).default('') };
export const createRowBody = z.discriminatedUnion('category', [
  z.strictObject({ category: z.literal('sign'), ...common, fields: signFields }),
  z.strictObject({ category: z.literal('mechanism'), ...common, fields: mechanismFields }),
  z.strictObject({ category: z.literal('work_affair'), ...common, fields: workAffairFields }),
  z.strictObject({ category: z.literal('certificate'), ...common, fields: certificateFields }),
]);
export type CreateRowBody = z.infer<typeof createRowBody>;
export const updateRowBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  imposedBy: z.string().trim().max(100).optional(),
  basis: z.string().trim().max(300).optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
  version: z.number().int(),
});
export type UpdateRowBody = z.infer<typeof updateRowBody>;
export const deleteRowQuery = z.strictObject({ version: z.coerce.number().int() });
export const decideBody = z.strictObject({
  action: z.enum(['accept', 'override']),
  verdict: verdict.optional(),
  reason: z.string().trim().max(500).optional(),
  version: z.number().int(),
});
export type DecideBody = z.infer<typeof decideBody>;
export const rowResponse = z.object({
  row: rowSchema,
  ledgerVersion: z.number(),
  ledgerStatus: z.enum(WORKFLOW_STATUSES),
});
export type RowResponse = z.infer<typeof rowResponse>;
export const acceptAllBody = z.strictObject({ version: z.number().int(), category: category.optional() });
export type AcceptAllBody = z.infer<typeof acceptAllBody>;
export const acceptAllSchema = z.object({ accepted: z.number(), ledgerVersion: z.number() });
export const returnBody = z.strictObject({
  note: z.string().trim().min(2, '请写明退回意见').max(1000),
  version: z.number().int(),
});
export type ReturnBody = z.infer<typeof returnBody>;
export const approveBody = z.strictObject({ note: z.string().trim().max(1000).optional(), version: z.number().int() });
export type ApproveBody = z.infer<typeof approveBody>;

export const suggestQuery = z.strictObject({ category, q: z.string().max(50).default('') });
export const suggestItemSchema = z.object({
  name: z.string(),
  imposedBy: z.string().nullable(),
  source: z.enum(SUGGEST_SOURCES),
  itemCode: z.string().nullable(),
  kind: z.string().nullable(),
  count: z.number(),
});
export type SuggestItem = z.infer<typeof suggestItemSchema>;
export const suggestSchema = z.object({ items: z.array(suggestItemSchema) });

// ------------------------------------------------------------------ import (a job) and template

export const importQuery = z.strictObject({ category: category.optional() });
/** POST /api/campaigns/:id/import answers 202 with the job; GET /api/jobs/:id reports progress and the result. */
export const importStartedSchema = z.object({ jobId: z.string() });
/** The import job's result (`result` of GET /api/jobs/:id when it succeeded). */
export const importResultSchema = z.object({
  fileSha256: z.string(),
  sheets: z.array(z.string()),
  rows: z.number(),
  ledgers: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export type ImportResult = z.infer<typeof importResultSchema>;
export const templateQuery = z.strictObject({ category: z.enum([...CATEGORIES, 'all']).default('all') });

// ------------------------------------------------------------------ roll-ups

const figures = z.object({
  before: z.number(),
  keep: z.number(),
  cancel: z.number(),
  merge: z.number(),
  rectify: z.number(),
  undecided: z.number(),
  /** Before minus what is to be cancelled or merged away. */
  plannedAfter: z.number(),
  /** Before minus what has actually been cancelled or merged (task closed). */
  achievedAfter: z.number(),
  tasksOpen: z.number(),
  tasksClosed: z.number(),
});
export type Figures = z.infer<typeof figures>;
const ledgerCounts = z.object({
  total: z.number(),
  draft: z.number(),
  submitted: z.number(),
  returned: z.number(),
  approved: z.number(),
  stale: z.number(),
});
export type LedgerCounts = z.infer<typeof ledgerCounts>;
export const rollupPhaseSchema = z.object({
  key: z.enum(PHASE_KEYS),
  clause: z.string(),
  deadline: z.string(),
  measured: z.boolean(),
  total: z.number(),
  done: z.number(),
  percent: z.number().nullable(),
  pastDeadline: z.boolean(),
  behind: z.boolean(),
});
export type RollupPhase = z.infer<typeof rollupPhaseSchema>;
export const rollupChildSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  rows: z.number(),
  byCategory: byCat(figures),
  ledgers: ledgerCounts,
  overdueTasks: z.number(),
});
export type RollupChild = z.infer<typeof rollupChildSchema>;
export const rollupSchema = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), year: z.number() }),
  region: regionRef,
  childLevel: z.string(),
  asOf: z.string(),
  totals: z.object({
    rows: z.number(),
    byCategory: byCat(figures),
    byStatus: z.object({
      draft: z.number(),
      submitted: z.number(),
      returned: z.number(),
      approved: z.number(),
      stale: z.number(),
    }),
    ledgers: ledgerCounts,
    overdueTasks: z.object({ total: z.number(), byCategory: byCat(z.number()) }),
  }),
  phases: z.array(rollupPhaseSchema),
  children: z.array(rollupChildSchema),
  groups: z.array(
    z.object({
      regionCode: z.string().nullable(),
      category,
      verdict: verdict.nullable(),
      status: z.enum(WORKFLOW_STATUSES),
      count: z.number(),
    }),
  ),
});
export type Rollup = z.infer<typeof rollupSchema>;

// ------------------------------------------------------------------ clean-up tasks

export const taskSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  ledgerId: z.string(),
  rowId: z.string(),
  category,
  phaseKey: z.string(),
  title: z.string(),
  verdict,
  clause: z.string(),
  owner: z.object({ kind: z.enum(OWNER_KINDS), departmentId: z.string().nullable(), name: z.string() }),
  villageCode: z.string().nullable(),
  villageName: z.string().nullable(),
  townshipCode: z.string().nullable(),
  deadline: z.string(),
  status: z.enum(TASK_STATUSES),
  overdue: z.boolean(),
  daysLeft: z.number().nullable(),
  closureNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  evidenceCount: z.number(),
  version: z.number(),
  updatedAt: z.string(),
  abilities: z.object({ addEvidence: z.boolean(), close: z.boolean(), reassign: z.boolean(), reopen: z.boolean() }),
});
export type Task = z.infer<typeof taskSchema>;
export const taskListQuery = z.strictObject({
  campaignId: z.string().max(100).optional(),
  ledgerId: z.string().max(100).optional(),
  region: regionCode.optional(),
  status: z.enum(TASK_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  category: category.optional(),
  mine: z.enum(['true', 'false']).optional(),
  ...paging,
});
export type TaskListQuery = z.infer<typeof taskListQuery>;
export const taskListSchema = z.object({ total: z.number(), today: z.string(), items: z.array(taskSchema) });
export const evidenceSchema = z.object({
  id: z.string(),
  revision: z.number(),
  name: z.string(),
  contentType: z.string(),
  size: z.number(),
  sha256: z.string(),
  note: z.string().nullable(),
  uploadedByName: z.string().nullable(),
  uploadedAt: z.string(),
});
export type Evidence = z.infer<typeof evidenceSchema>;
export const taskDetailSchema = z.object({
  task: taskSchema,
  row: z
    .object({
      id: z.string(),
      category,
      name: z.string(),
      imposedBy: z.string(),
      basis: z.string(),
      suggestionReason: keyedSchema,
      overrideReason: z.string().nullable(),
    })
    .nullable(),
  evidence: z.array(evidenceSchema),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;
export const updateTaskBody = z.strictObject({
  ownerKind: z.enum(OWNER_KINDS).optional(),
  ownerDepartmentId: z.string().nullable().optional(),
  deadline: date.optional(),
  version: z.number().int(),
});
export type UpdateTaskBody = z.infer<typeof updateTaskBody>;
export const closeTaskBody = z.strictObject({
  note: z.string().trim().min(2, '请写明整改情况').max(1000),
  version: z.number().int(),
});
export type CloseTaskBody = z.infer<typeof closeTaskBody>;
export const evidenceParams = z.strictObject({
  id: z.string().min(1).max(100),
  evidenceId: z.string().min(1).max(100),
});
