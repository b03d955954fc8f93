/**
 * The codes of the campaigns API (enums as `as const` arrays) and the seed plan's default phases: plain
 * data, no zod, so the web app can import these values without the schema library (src/shared/campaigns.ts
 * re-exports them with the schemas; the web imports its types from there). Labels live in the locale
 * tables (`campaigns.category.<code>` …).
 */

export const CATEGORIES = ['sign', 'mechanism', 'work_affair', 'certificate'] as const;
export type Category = (typeof CATEGORIES)[number];

export const VERDICTS = ['keep', 'cancel', 'merge', 'rectify'] as const;
export type Verdict = (typeof VERDICTS)[number];
/**
 * A suggestion may also be `verify` (待核实（目录未完整）): the answer would rest on "not in the catalog"
 * while the village's catalog of that kind is incomplete. Never a final verdict, never accepted in bulk.
 */
export const SUGGESTED_VERDICTS = [...VERDICTS, 'verify'] as const;
export type SuggestedVerdict = (typeof SUGGESTED_VERDICTS)[number];

/** Stored workflow status of a ledger. */
export const LEDGER_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type LedgerStatus = (typeof LEDGER_STATUSES)[number];
/** Effective status, as denormalised onto rows: an approval the village edited afterwards is `stale`. */
export const WORKFLOW_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'stale'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];

export const CLEANUP_STATUSES = ['none', 'open', 'closed'] as const;
export type CleanupStatus = (typeof CLEANUP_STATUSES)[number];

export const TASK_STATUSES = ['open', 'closed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const CAMPAIGN_STATUSES = ['draft', 'launching', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const SIGN_POSITIONS = ['outside', 'inside', 'functional_area'] as const;
export type SignPosition = (typeof SIGN_POSITIONS)[number];

/** Who provides a mechanism's staff or funds. */
export const PROVIDERS = ['village', 'imposer', 'other', 'none'] as const;
export type Provider = (typeof PROVIDERS)[number];

/** A work affair's catalog: duty, assistance, or outside both. */
export const CATALOG_HITS = ['duty', 'assistance', 'none'] as const;
export type CatalogHit = (typeof CATALOG_HITS)[number];

export const PHASE_KEYS = ['self_inspection', 'signs_certificates', 'mechanisms_affairs', 'permanent_rules'] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];

/** A row compared with last cycle's. */
export const CHANGE_KINDS = ['new', 'changed', 'unchanged'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];
export const ROW_SOURCES = ['manual', 'import', 'previous'] as const;
export type RowSource = (typeof ROW_SOURCES)[number];
export const DECISION_KINDS = ['accepted', 'overridden'] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];
export const OWNER_KINDS = ['village', 'department'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];
export const VILLAGE_KINDS = ['village', 'community'] as const;
export type VillageKind = (typeof VILLAGE_KINDS)[number];
/** Where a type-ahead suggestion comes from. */
export const SUGGEST_SOURCES = ['catalog', 'guide', 'township'] as const;
export type SuggestSource = (typeof SUGGEST_SOURCES)[number];
/** Steps of a ledger's workflow history. */
export const LEDGER_EVENTS = ['submit', 'withdraw', 'return', 'approve', 'stale'] as const;
export type LedgerEventAction = (typeof LEDGER_EVENTS)[number];

/**
 * The seed plan's phases with their default deadlines (month-day, year offset from the campaign's
 * year): the server applies them to any date left out, the create form shows them.
 */
export const DEFAULT_PHASES: {
  key: PhaseKey;
  clause: string;
  categories: Category[];
  monthDay: string;
  yearOffset: number;
  /** Days after the launch a phase gets when its default date has passed (the plan's spacing). */
  leadDays: number;
}[] = [
  { key: 'self_inspection', clause: 'S-5', categories: [], monthDay: '08-10', yearOffset: 0, leadDays: 30 },
  {
    key: 'signs_certificates',
    clause: 'S-6.1、S-6.2',
    categories: ['sign', 'certificate'],
    monthDay: '08-10',
    yearOffset: 0,
    leadDays: 60,
  },
  {
    key: 'mechanisms_affairs',
    clause: 'S-6.3、S-6.4',
    categories: ['mechanism', 'work_affair'],
    monthDay: '12-10',
    yearOffset: 0,
    leadDays: 150,
  },
  { key: 'permanent_rules', clause: 'S-7', categories: [], monthDay: '06-15', yearOffset: 1, leadDays: 330 },
];

/** The default deadline of a phase in a campaign of `year`. */
export function defaultDeadline(key: PhaseKey, year: number): string {
  const p = DEFAULT_PHASES.find((x) => x.key === key)!;
  return `${year + p.yearOffset}-${p.monthDay}`;
}

/** A date (YYYY-MM-DD) `days` later. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface PhaseDate {
  key: PhaseKey;
  deadline: string;
  /** The date the phase had before it was moved relative to the launch (null: not moved). */
  movedFrom: string | null;
}

/**
 * The phases' deadlines of a campaign started on `today`: each phase keeps its date (given, or the
 * plan's default) unless that date is today or earlier, in which case it moves to `today + leadDays`
 * (the plan's spacing) and records where it came from. So a campaign launched after 08-10 or 12-10 is
 * never overdue on its first day.
 */
export function phaseDates(year: number, today: string, given: Partial<Record<PhaseKey, string>> = {}): PhaseDate[] {
  return DEFAULT_PHASES.map((p) => {
    const planned = given[p.key] ?? defaultDeadline(p.key, year);
    return planned > today
      ? { key: p.key, deadline: planned, movedFrom: null }
      : { key: p.key, deadline: addDays(today, p.leadDays), movedFrom: planned };
  });
}
