/**
 * The codes of the admission gate (准入, S-7): every enum of its API, once. No zod here, so the web app
 * takes these arrays without pulling the validator into the browser; `src/shared/admission.ts` re-exports
 * them beside the API's zod schemas. Labels are locale keys: `admission.<enum>.<code>`
 * (src/shared/locales/{zh-CN,en-US}/admission.ts).
 */

export const REQUEST_KINDS = [
  'work_affair',
  'mechanism',
  'sign',
  'certificate',
  'form_report',
  'special_task',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

/** Level of a legal or policy basis; central/law/regulation are what S-6.3 accepts for a mechanism or post. */
export const BASIS_LEVELS = ['central', 'law', 'regulation', 'rule', 'provincial', 'local', 'department'] as const;
export type BasisLevel = (typeof BASIS_LEVELS)[number];
export const STATUTORY_LEVELS: readonly BasisLevel[] = ['central', 'law', 'regulation'];

export const REQUEST_STATUSES = [
  'draft',
  'in_review',
  'returned',
  'refused',
  'rejected',
  'approved',
  'expired',
  'withdrawn',
] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

export const STEPS = ['township', 'district', 'government'] as const;
export type StepName = (typeof STEPS)[number];

export const STEP_STATUSES = ['open', 'pending', 'approved', 'returned', 'rejected', 'cancelled'] as const;
export type StepStatus = (typeof STEP_STATUSES)[number];

/** unverified: 待核实（目录未完整）— the answer would rest on “not in the catalog” while that catalog is incomplete. */
export const PRECHECK_OUTCOMES = ['admissible', 'needs_government', 'unverified', 'returned', 'refused'] as const;
export type PrecheckOutcome = (typeof PRECHECK_OUTCOMES)[number];

/** What a returned request must add before it is filed again (`admission.missing.<code>`). */
export const PRECHECK_MISSING = [
  'basis',
  'statutory_basis',
  'funding',
  'staffing',
  'placement',
  'shorter_name',
] as const;
export type PrecheckMissing = (typeof PRECHECK_MISSING)[number];

/** The seed-plan clauses a finding cites (`admission.clause.<id>`); a prohibition cites its item's code instead. */
export const PRECHECK_CLAUSES = ['S-6.1', 'S-6.2', 'S-6.3', 'S-6.4', 'S-7.2', 'S-7.3', 'BASIS'] as const;
export type PrecheckClause = (typeof PRECHECK_CLAUSES)[number];

/** Whether an admitted request is in force on a day. */
export const EFFECT_STATES = ['none', 'scheduled', 'in_effect', 'expired'] as const;
export type EffectState = (typeof EFFECT_STATES)[number];

/** What a reviewer decides on an open step. */
export const DECIDE_ACTIONS = ['approve', 'return', 'reject'] as const;
export type DecideAction = (typeof DECIDE_ACTIONS)[number];

/** The published decision on a request (the public portal). */
export const DECISIONS = ['approved', 'rejected', 'refused'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Entries of a request's timeline. */
export const EVENT_ACTIONS = [
  'create',
  'edit',
  'submit',
  'precheck',
  'approve',
  'return',
  'reject',
  'withdraw',
  'expire',
  'catalog_adjustment',
] as const;
export type EventAction = (typeof EVENT_ACTIONS)[number];

/** How often a village is asked to fill a form. */
export const FREQUENCIES = ['once', 'weekly', 'monthly', 'quarterly', 'yearly', 'ad_hoc'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/** What an admitted request asks of the catalogs. */
export const CHANGE_ACTIONS = ['add', 'amend', 'withdraw'] as const;
export type ChangeAction = (typeof CHANGE_ACTIONS)[number];
/** Catalog kinds an admitted request may add, amend or withdraw (what the filing form offers). */
export const CHANGEABLE_CATALOG_KINDS = ['duty', 'assistance', 'certificate', 'mechanism', 'sign_guide'] as const;

/** How a task reached a village without admission. */
export const CHANNELS = ['document', 'phone', 'wechat', 'meeting', 'app', 'in_person', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];

/** When the district government (S-7.3) decides: only for out-of-catalog requests, or always. */
export const GOVERNMENT_FOR = ['out_of_catalog', 'all'] as const;
