/**
 * Background work of the campaigns feature: the launch job (progress shown on the campaign) and the
 * hourly reminder job (idempotent per task, recipient and day, so the hour it runs does not matter).
 */
import { z } from '../../../shared/zod.js';
import type { Deps } from '../../deps.js';
import { LAUNCH_JOB, runLaunch } from './campaigns.service.js';
import { REMINDER_JOB, runReminders } from './tasks.service.js';

const registered = new WeakSet<object>();

export function registerCampaignJobs(deps: Deps) {
  if (registered.has(deps.jobs)) return;
  registered.add(deps.jobs);
  deps.jobs.register({
    name: LAUNCH_JOB,
    payload: z.object({ campaignId: z.string() }),
    maxAttempts: 3,
    run: (p, ctx) => runLaunch(deps, p.campaignId, ctx),
  });
  deps.jobs.register({ name: REMINDER_JOB, payload: z.object({}), run: () => runReminders(deps) });
  deps.jobs.scheduleEvery(REMINDER_JOB, 60 * 60 * 1000);
}
