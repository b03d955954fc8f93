/** Background jobs as the API shows them (GET /api/jobs/:id): progress the UI polls, result or error. */
import { z } from './zod.js';

export const jobSchema = z.object({
  id: z.string(),
  name: z.string(),
  status: z.enum(['pending', 'running', 'succeeded', 'failed']),
  progress: z.number(),
  total: z.number(),
  message: z.string().nullable(),
  result: z.unknown(),
  /**
   * On failure: { code, message, key?, params?, details } — `key`/`params` name the message in the locale
   * tables; imports put their row errors in details.errors ([{ sheet, row, column, message, key?, params? }]).
   */
  error: z.unknown(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
