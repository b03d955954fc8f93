/**
 * Background work of the campaigns feature: the launch job (progress shown on the campaign) and the
 * hourly reminder job (idempotent per task, recipient and day, so the hour it runs does not matter).
 */
import { z } from '../../../shared/zod.js';
import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../core/jobs.js';
import { LAUNCH_JOB, runLaunch } from './campaigns.service.js';
import { REMINDER_JOB, runReminders } from './tasks.service.js';

export const campaignsJobs = (deps: Deps): JobDefinition<any>[] => [
  {
    name: LAUNCH_JOB,
    payload: z.object({ campaignId: z.string() }),
    maxAttempts: 3,
    run: (p, ctx) => runLaunch(deps, p.campaignId, ctx),
  },
  { name: REMINDER_JOB, payload: z.object({}), run: () => runReminders(deps) },
];
