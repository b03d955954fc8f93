/**
 * The workbench (工作台) API: what waits for the signed-in user in their region scope, one request.
 * Each to-do is a code (labels in the locale tables, `workbench.todo.<kind>`), a count, the nearest
 * deadline where the work has one, and the page (with its filter) one click away.
 */
import { z } from './zod.js';

export const TODO_KINDS = [
  'ledger_draft',
  'ledger_returned',
  'ledger_review',
  'tasks_overdue',
  'tasks_open',
  'admission_review',
  'admission_draft',
  'admission_returned',
  'admission_decided',
  'flags',
] as const;
export type TodoKind = (typeof TODO_KINDS)[number];

export const todoSchema = z.object({
  kind: z.enum(TODO_KINDS),
  count: z.number(),
  /** The nearest deadline (YYYY-MM-DD) of the waiting work, null when it has none. */
  deadline: z.string().nullable(),
  /** The deadline has passed. */
  overdue: z.boolean(),
  /** The page that lists the work (path and query string). */
  link: z.string(),
  campaignId: z.string().nullable(),
  campaignName: z.string().nullable(),
});
export type Todo = z.infer<typeof todoSchema>;

/** District and above: late ledgers and overdue tasks per township (what is late where). */
export const lateRegionSchema = z.object({
  regionCode: z.string(),
  regionName: z.string(),
  /** Ledgers not approved past the self-inspection deadline. */
  lateLedgers: z.number(),
  overdueTasks: z.number(),
  link: z.string(),
});
export type LateRegion = z.infer<typeof lateRegionSchema>;

export const workbenchSchema = z.object({
  asOf: z.string(),
  items: z.array(todoSchema),
  late: z.array(z.object({ campaignId: z.string(), campaignName: z.string(), regions: z.array(lateRegionSchema) })),
});
export type Workbench = z.infer<typeof workbenchSchema>;
