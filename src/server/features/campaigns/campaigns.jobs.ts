/**
 * Background work of the campaigns feature: the launch (progress shown on the campaign), the ledger
 * import (progress on the job, GET /api/jobs/:id) and the hourly reminders (idempotent per task,
 * recipient and day, so the hour it runs does not matter).
 */
import { z } from '../../../shared/zod.js';
import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../core/jobs.js';
import { LAUNCH_JOB, runLaunch } from './launch.service.js';
import { IMPORT_JOB, importPayload, runImportJob } from './import.service.js';
import { REMINDER_JOB, runReminders } from './reminders.service.js';

export const campaignsJobs = (deps: Deps): JobDefinition<any>[] => [
  {
    name: LAUNCH_JOB,
    payload: z.object({ campaignId: z.string() }),
    maxAttempts: 3,
    run: (p, ctx) => runLaunch(deps, p.campaignId, ctx),
  },
  { name: IMPORT_JOB, payload: importPayload, run: (p, ctx) => runImportJob(deps, p, ctx) },
  { name: REMINDER_JOB, payload: z.object({}), run: () => runReminders(deps) },
];
