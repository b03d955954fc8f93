/**
 * The zod schema of a text sent by key and parameters (Keyed in shared/i18n.ts; `formatKeyed` words it),
 * nested two deep (no recursion, so OpenAPI can describe it). Kept apart from i18n.ts so the web's
 * message tables do not pull the validator into the browser.
 */
import { z } from './zod.js';
import type { Keyed } from './i18n.js';

const keyedLeaf = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export const keyedSchema: z.ZodType<Keyed> = z.object({
  key: z.string(),
  params: z.record(z.string(), z.union([z.string(), z.number(), keyedLeaf, z.array(keyedLeaf)])).optional(),
});
