// The supervision API (S-9, S-10): public burden reports with a tracking code, and the cases they become.
import { z } from './zod.js';
import { dateText, pageFields, pageOf, regionCode12 } from './common.js';

export const CATEGORIES = [
  'unadmitted_task',
  'forms_photos_checkins',
  'delisted_certificate',
  'board_mechanism',
  'money_quota',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** 受理 → 分办 → 核查 → 整改 → 答复 → 办结; a duplicate ends as merged into another case. */
export const CASE_STATUSES = [
  'received',
  'assigned',
  'investigating',
  'correcting',
  'answered',
  'closed',
  'merged',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
/** Statuses in which the assignee works against a deadline (overdue when it has passed). */
export const OPEN_WORK: readonly CaseStatus[] = ['assigned', 'investigating', 'correcting'];

export const SOURCES = ['public', 'flag'] as const;
export type Source = (typeof SOURCES)[number];
export const FINDINGS = ['founded', 'partly', 'unfounded'] as const;
export type Finding = (typeof FINDINGS)[number];
export const ASSIGNEE_KINDS = ['township', 'department'] as const;
export type AssigneeKind = (typeof ASSIGNEE_KINDS)[number];
export const STEP_KINDS = [
  'submitted',
  'assigned',
  'reassigned',
  'investigated',
  'corrected',
  'answered',
  'closed',
  'merged',
  'rated',
  'reopened',
] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/** Limits of a public report (checked by the server with keyed Chinese messages). */
export const REPORT_LIMITS = {
  descriptionMax: 2000,
  bodyMax: 100,
  photosMax: 3,
  photoMaxBytes: 5 * 1024 * 1024,
  /** The reporter may reopen once, within this many calendar days of the answer. */
  reopenDays: 15,
} as const;

/** Tracking codes: 9 random characters and a check character, from an alphabet without 0/O/1/I/L. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const trackingCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[2-9A-HJKMNP-Z]{10}$/);

// ───────────────────────────── public side ─────────────────────────────

/** The report's fields (the multipart field `report`, JSON); photos come as file parts `photo`. */
export const reportBody = z.strictObject({
  category: z.enum(CATEGORIES),
  regionCode: regionCode12,
  bodyConcerned: z.string().trim().min(1).max(1000),
  description: z.string().trim().min(1).max(20_000),
  happenedOn: dateText.nullable().default(null),
  anonymous: z.boolean(),
  name: z.string().trim().max(50).nullable().default(null),
  contact: z.string().trim().max(50).nullable().default(null),
  captchaId: z.string().max(100),
  captchaAnswer: z.string().max(20),
});
export type ReportBody = z.input<typeof reportBody>;

export const reportReceipt = z.object({ code: z.string(), status: z.enum(CASE_STATUSES) });
export type ReportReceipt = z.infer<typeof reportReceipt>;

export const codeParams = z.strictObject({ code: z.string().max(20) });

export const answerSchema = z.object({ finding: z.enum(FINDINGS), text: z.string(), answeredAt: z.string() });

/** What the tracking code shows: no personal data, no staff names. */
export const publicStatusSchema = z.object({
  code: z.string(),
  category: z.enum(CATEGORIES),
  regionName: z.string(),
  status: z.enum(CASE_STATUSES),
  submittedAt: z.string(),
  answers: z.array(answerSchema),
  rating: z.enum(['satisfied', 'unsatisfied']).nullable(),
  canRate: z.boolean(),
  canReopen: z.boolean(),
  reopenUntil: z.string().nullable(),
});
export type PublicStatus = z.infer<typeof publicStatusSchema>;

export const rateBody = z.strictObject({ satisfied: z.boolean(), comment: z.string().trim().max(500).default('') });
export const reopenBody = z.strictObject({ reason: z.string().trim().min(2).max(1000) });

export const villageQuery = z.strictObject({ q: z.string().trim().min(1).max(30) });
export const villagesSchema = z.object({
  items: z.array(z.object({ code: z.string(), name: z.string(), path: z.string() })),
});

// ───────────────────────────── staff side ─────────────────────────────

export const caseQuery = z.strictObject({
  status: z.enum(CASE_STATUSES).optional(),
  category: z.enum(CATEGORIES).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().trim().max(50).optional(),
  ...pageFields(),
});
export type CaseQuery = z.input<typeof caseQuery>;

export const caseSchema = z.object({
  id: z.string(),
  code: z.string(),
  source: z.enum(SOURCES),
  category: z.enum(CATEGORIES),
  regionCode: z.string(),
  regionName: z.string(),
  bodyConcerned: z.string(),
  status: z.enum(CASE_STATUSES),
  assigneeKind: z.enum(ASSIGNEE_KINDS).nullable(),
  assigneeName: z.string().nullable(),
  dueOn: z.string().nullable(),
  overdue: z.boolean(),
  createdAt: z.string(),
  version: z.number(),
});
export type Case = z.infer<typeof caseSchema>;
export const casePageSchema = pageOf(caseSchema);

export const stepSchema = z.object({
  kind: z.enum(STEP_KINDS),
  at: z.string(),
  actorName: z.string().nullable(),
  note: z.string().nullable(),
  params: z.record(z.string(), z.string()),
});
export type Step = z.infer<typeof stepSchema>;

export const caseDetailSchema = caseSchema.extend({
  description: z.string(),
  happenedOn: z.string().nullable(),
  anonymous: z.boolean(),
  reporterMasked: z.object({ name: z.string().nullable(), contact: z.string().nullable() }),
  photos: z.array(z.string()),
  findingNote: z.string().nullable(),
  correction: z.string().nullable(),
  answers: z.array(answerSchema),
  rating: z.enum(['satisfied', 'unsatisfied']).nullable(),
  reopenCount: z.number(),
  mergedInto: z.string().nullable(),
  flagId: z.string().nullable(),
  steps: z.array(stepSchema),
  abilities: z.object({
    assign: z.boolean(),
    investigate: z.boolean(),
    correct: z.boolean(),
    answer: z.boolean(),
    close: z.boolean(),
    merge: z.boolean(),
    reveal: z.boolean(),
  }),
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

const version = z.number().int().min(1);
export const assignBody = z.strictObject({
  version,
  assigneeKind: z.enum(ASSIGNEE_KINDS),
  /** The township's code, or the department's id. */
  assigneeId: z.string().min(1).max(100),
  /** Required when the case already had an assignee (reassignment). */
  reason: z.string().trim().max(500).default(''),
});
export const noteBody = z.strictObject({ version, note: z.string().trim().min(2).max(2000) });
export const answerBody = z.strictObject({
  version,
  finding: z.enum(FINDINGS),
  text: z.string().trim().min(2).max(2000),
});
export const closeBody = z.strictObject({ version, note: z.string().trim().max(500).default('') });
export const mergeBody = z.strictObject({ version, intoCode: trackingCode, reason: z.string().trim().min(2).max(500) });
export const revealBody = z.strictObject({ reason: z.string().trim().min(2).max(200) });
export const revealedSchema = z.object({ name: z.string().nullable(), contact: z.string().nullable() });

export const assigneesSchema = z.object({
  townships: z.array(z.object({ id: z.string(), name: z.string() })),
  departments: z.array(z.object({ id: z.string(), name: z.string() })),
});
export type Assignees = z.infer<typeof assigneesSchema>;

export const flagCaseSchema = z.object({ id: z.string(), code: z.string() });
