/**
 * Request and response schemas of the campaigns API (they validate, type and document each route;
 * responses carry no transforms, so they describe exactly what the server sends).
 */
import { z } from '../../../shared/zod.js';
import { REGION_LEVELS } from '../../../shared/roles.js';
import {
  CAMPAIGN_STATUSES,
  CATEGORIES,
  CLEANUP_STATUSES,
  LEDGER_STATUSES,
  PHASE_KEYS,
  TASK_STATUSES,
  VERDICTS,
  WORKFLOW_STATUSES,
  campaignSettings,
  signGuideInput,
} from './campaigns.model.js';

export const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const idParams = z.strictObject({ id: z.string().min(1).max(100) });
export const regionCode = z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字');
export const versionBody = z.strictObject({ version: z.number().int() });
const category = z.enum(CATEGORIES);
const verdict = z.enum(VERDICTS);

// ------------------------------------------------------------------ campaigns

const phase = z.object({
  key: z.enum(PHASE_KEYS),
  name: z.string(),
  clause: z.string(),
  categories: z.array(category),
  deadline: z.string(),
});
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
  phases: z.array(phase),
  launch: z
    .object({
      jobId: z.string(),
      status: z.string(),
      progress: z.number(),
      total: z.number(),
      message: z.string().nullable(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
    })
    .nullable(),
  abilities: z.object({ edit: z.boolean(), launch: z.boolean(), manage: z.boolean() }),
});

const phaseDates = z.array(z.strictObject({ key: z.enum(PHASE_KEYS), deadline: date })).max(4);
export const createCampaignBody = z.strictObject({
  name: z.string().trim().min(2).max(100),
  regionCode,
  year: z.number().int().min(2020).max(2100),
  previousCampaignId: z.string().nullable().optional(),
  phases: phaseDates.optional(),
  settings: campaignSettings.partial().optional(),
});
export const updateCampaignBody = z.strictObject({
  name: z.string().trim().min(2).max(100).optional(),
  phases: phaseDates.optional(),
  settings: campaignSettings.partial().optional(),
  version: z.number().int(),
});

export const signGuideSchema = z.object({
  regionCode: z.string(),
  allowedBoards: z.array(z.object({ name: z.string(), patterns: z.array(z.string()) })),
  insideBoards: z.array(z.object({ name: z.string(), patterns: z.array(z.string()) })),
  maxVillage: z.number(),
  maxCommunity: z.number(),
  note: z.string(),
  configurable: z.literal(true),
  isDefault: z.boolean(),
  defaults: z.object({
    allowedBoards: z.array(z.object({ name: z.string(), patterns: z.array(z.string()) })),
    insideBoards: z.array(z.object({ name: z.string(), patterns: z.array(z.string()) })),
    maxVillage: z.number(),
    maxCommunity: z.number(),
    note: z.string(),
  }),
  version: z.number(),
  updatedAt: z.string().nullable(),
});
export const signGuideBody = signGuideInput.extend({ version: z.number().int().min(0) });

const changeCounts = z.object({ new: z.number(), changed: z.number(), unchanged: z.number(), removed: z.number() });
export const changesSchema = z.object({
  campaignId: z.string(),
  previousCampaignId: z.string().nullable(),
  region: z.object({ code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS) }),
  byCategory: z.object({
    sign: changeCounts,
    mechanism: changeCounts,
    work_affair: changeCounts,
    certificate: changeCounts,
  }),
});

// ------------------------------------------------------------------ ledgers and rows

const abilities = z.object({
  edit: z.boolean(),
  import: z.boolean(),
  submit: z.boolean(),
  withdraw: z.boolean(),
  return: z.boolean(),
  approve: z.boolean(),
});
export const ledgerSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  campaignName: z.string(),
  villageCode: z.string(),
  villageName: z.string(),
  villageKind: z.enum(['village', 'community']),
  townshipCode: z.string().nullable(),
  status: z.enum(LEDGER_STATUSES),
  effectiveStatus: z.enum(WORKFLOW_STATUSES),
  statusLabel: z.string(),
  approvalStale: z.boolean(),
  returnNote: z.string().nullable(),
  submittedAt: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  approvedAt: z.string().nullable(),
  previousLedgerId: z.string().nullable(),
  version: z.number(),
  updatedAt: z.string(),
  abilities,
});

export const rowSchema = z.object({
  id: z.string(),
  ledgerId: z.string(),
  category,
  seq: z.number(),
  name: z.string(),
  imposedBy: z.string(),
  basis: z.string(),
  fields: z.record(z.string(), z.unknown()),
  source: z.enum(['manual', 'import', 'previous']),
  photoFileId: z.string().nullable(),
  suggestion: z.object({
    verdict: z.enum([...VERDICTS, 'verify']),
    verdictLabel: z.string(),
    clause: z.string(),
    reason: z.string(),
    itemCode: z.string().nullable(),
    itemName: z.string().nullable(),
    matchKind: z.string().nullable(),
    flags: z.array(z.object({ code: z.string(), label: z.string() })),
    catalogVersion: z.string().nullable(),
    judgedAt: z.string(),
  }),
  decision: z
    .object({
      verdict,
      verdictLabel: z.string(),
      kind: z.enum(['accepted', 'overridden']),
      overrideReason: z.string().nullable(),
      decidedBy: z.string().nullable(),
      decidedAt: z.string().nullable(),
    })
    .nullable(),
  nonCompliant: z.boolean(),
  cleanup: z.object({ status: z.enum(CLEANUP_STATUSES), taskId: z.string().nullable() }),
  changeKind: z.enum(['new', 'changed', 'unchanged']).nullable(),
  previous: z
    .object({
      rowId: z.string(),
      verdict: verdict.nullable(),
      before: z
        .object({
          name: z.string(),
          imposedBy: z.string(),
          basis: z.string(),
          fields: z.record(z.string(), z.unknown()),
        })
        .nullable(),
    })
    .nullable(),
  version: z.number(),
  updatedAt: z.string(),
});

const byCat = <T extends z.ZodType>(t: T) => z.object({ sign: t, mechanism: t, work_affair: t, certificate: t });
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
  events: z.array(
    z.object({
      id: z.string(),
      action: z.string(),
      note: z.string().nullable(),
      actorName: z.string().nullable(),
      at: z.string(),
    }),
  ),
  phases: z.array(phase),
  signGuide: z.object({
    allowedBoards: z.array(z.string()),
    insideBoards: z.array(z.string()),
    max: z.number(),
    note: z.string(),
  }),
});

export const ledgerListQuery = z.strictObject({
  region: regionCode.optional(),
  status: z.enum([...LEDGER_STATUSES, 'stale']).optional(),
  q: z.string().max(50).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const ledgerListSchema = z.object({
  total: z.number(),
  items: z.array(
    z.object({
      id: z.string(),
      villageCode: z.string(),
      villageName: z.string(),
      villageKind: z.enum(['village', 'community']),
      townshipCode: z.string().nullable(),
      townshipName: z.string().nullable(),
      status: z.enum(LEDGER_STATUSES),
      effectiveStatus: z.enum(WORKFLOW_STATUSES),
      statusLabel: z.string(),
      approvalStale: z.boolean(),
      returnNote: z.string().nullable(),
      submittedAt: z.string().nullable(),
      approvedAt: z.string().nullable(),
      version: z.number(),
      rows: z.number(),
      undecided: z.number(),
      nonCompliant: z.number(),
    }),
  ),
});

/** Create: `{category, name, imposedBy, basis, fields}` with the category's fields (see campaigns.model.ts). */
export { rowInput as createRowBody } from './campaigns.model.js';
export const updateRowBody = z.strictObject({
  name: z.string().trim().min(1).max(200).optional(),
  imposedBy: z.string().trim().max(100).optional(),
  basis: z.string().trim().max(300).optional(),
  fields: z.record(z.string(), z.unknown()).optional(),
  version: z.number().int(),
});
export const decideBody = z.strictObject({
  action: z.enum(['accept', 'override']),
  verdict: verdict.optional(),
  reason: z.string().trim().max(500).optional(),
  version: z.number().int(),
});
export const rowResponse = z.object({
  row: rowSchema,
  ledgerVersion: z.number(),
  ledgerStatus: z.enum(WORKFLOW_STATUSES),
});
export const acceptAllBody = z.strictObject({ version: z.number().int(), category: category.optional() });
export const returnBody = z.strictObject({
  note: z.string().trim().min(2, '请写明退回意见').max(1000),
  version: z.number().int(),
});
export const approveBody = z.strictObject({ note: z.string().trim().max(1000).optional(), version: z.number().int() });
export const suggestQuery = z.strictObject({ category, q: z.string().max(50).default('') });
export const suggestSchema = z.object({
  items: z.array(
    z.object({
      name: z.string(),
      imposedBy: z.string().nullable(),
      source: z.enum(['catalog', 'guide', 'township']),
      itemCode: z.string().nullable(),
      kind: z.string().nullable(),
      count: z.number(),
    }),
  ),
});

export const importQuery = z.strictObject({ category: category.optional() });
export const importSchema = z.object({
  fileSha256: z.string(),
  sheets: z.array(z.string()),
  rows: z.number(),
  ledgers: z.number(),
  inserted: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});
export const templateQuery = z.strictObject({ category: z.enum([...CATEGORIES, 'all']).default('all') });
export const regionQuery = z.strictObject({ region: regionCode.optional() });

// ------------------------------------------------------------------ roll-ups

const figures = z.object({
  before: z.number(),
  keep: z.number(),
  cancel: z.number(),
  merge: z.number(),
  rectify: z.number(),
  undecided: z.number(),
  plannedAfter: z.number(),
  achievedAfter: z.number(),
  tasksOpen: z.number(),
  tasksClosed: z.number(),
});
const ledgerCounts = z.object({
  total: z.number(),
  draft: z.number(),
  submitted: z.number(),
  returned: z.number(),
  approved: z.number(),
  stale: z.number(),
});
export const rollupSchema = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), year: z.number() }),
  region: z.object({ code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS) }),
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
  phases: z.array(
    z.object({
      key: z.enum(PHASE_KEYS),
      name: z.string(),
      clause: z.string(),
      deadline: z.string(),
      measured: z.boolean(),
      total: z.number(),
      done: z.number(),
      percent: z.number().nullable(),
      pastDeadline: z.boolean(),
      behind: z.boolean(),
    }),
  ),
  children: z.array(
    z.object({
      regionCode: z.string(),
      regionName: z.string(),
      rows: z.number(),
      byCategory: byCat(figures),
      ledgers: ledgerCounts,
      overdueTasks: z.number(),
    }),
  ),
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

// ------------------------------------------------------------------ tasks

export const taskSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  ledgerId: z.string(),
  rowId: z.string(),
  category,
  categoryLabel: z.string(),
  phaseKey: z.string(),
  title: z.string(),
  verdict,
  verdictLabel: z.string(),
  clause: z.string(),
  owner: z.object({ kind: z.enum(['village', 'department']), departmentId: z.string().nullable(), name: z.string() }),
  villageCode: z.string().nullable(),
  villageName: z.string().nullable(),
  townshipCode: z.string().nullable(),
  deadline: z.string(),
  status: z.enum(TASK_STATUSES),
  statusLabel: z.string(),
  overdue: z.boolean(),
  daysLeft: z.number().nullable(),
  closureNote: z.string().nullable(),
  closedAt: z.string().nullable(),
  evidenceCount: z.number(),
  version: z.number(),
  updatedAt: z.string(),
  abilities: z.object({ addEvidence: z.boolean(), close: z.boolean(), reassign: z.boolean(), reopen: z.boolean() }),
});
export const taskListQuery = z.strictObject({
  campaignId: z.string().max(100).optional(),
  ledgerId: z.string().max(100).optional(),
  region: regionCode.optional(),
  status: z.enum(TASK_STATUSES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  category: category.optional(),
  mine: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export const taskListSchema = z.object({ total: z.number(), today: z.string(), items: z.array(taskSchema) });
export const taskDetailSchema = z.object({
  task: taskSchema,
  row: z
    .object({
      id: z.string(),
      category,
      name: z.string(),
      imposedBy: z.string(),
      basis: z.string(),
      suggestionReason: z.string(),
      overrideReason: z.string().nullable(),
    })
    .nullable(),
  evidence: z.array(
    z.object({
      id: z.string(),
      revision: z.number(),
      name: z.string(),
      contentType: z.string(),
      size: z.number(),
      sha256: z.string(),
      note: z.string().nullable(),
      uploadedByName: z.string().nullable(),
      uploadedAt: z.string(),
    }),
  ),
});
export const updateTaskBody = z.strictObject({
  ownerKind: z.enum(['village', 'department']).optional(),
  ownerDepartmentId: z.string().nullable().optional(),
  deadline: date.optional(),
  version: z.number().int(),
});
export const closeTaskBody = z.strictObject({
  note: z.string().trim().min(2, '请写明整改情况').max(1000),
  version: z.number().int(),
});
export const evidenceParams = z.strictObject({
  id: z.string().min(1).max(100),
  evidenceId: z.string().min(1).max(100),
});
