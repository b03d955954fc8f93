/**
 * Reminders of clean-up tasks: an hourly job records `tasks.due` for open tasks whose deadline is today
 * or a campaign's reminder day before it; notifications turns the event into notices, idempotent per
 * task, recipient and day, so the hour the job runs does not matter.
 */
import type { Deps } from '../../deps.js';
import { appendAudit } from '../../core/audit.js';
import { shanghaiDate } from '../../core/clock.js';
import { activeCampaignSettings } from './campaigns.repo.js';
import { dueTasks } from './tasks.repo.js';

export const REMINDER_JOB = 'campaigns.reminders';
const PAGE = 2000;

const addDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Creates today's reminders: N days before a task's deadline (per campaign setting) and on the day.
 * Idempotent: the dedupe key is task × recipient × day, so running it again the same day adds nothing.
 */
export async function runReminders(deps: Deps): Promise<{ date: string; tasks: number; created: number }> {
  const today = shanghaiDate(deps.clock.now());
  const campaigns = await activeCampaignSettings(deps.db);
  if (!campaigns.length) return { date: today, tasks: 0, created: 0 };
  const offsets = new Map(campaigns.map((c) => [c.id, [0, ...c.settings.reminderDaysBefore]]));
  const dates = [...new Set([0, ...[...offsets.values()].flat()])].map((d) => addDays(today, d));
  let tasksSeen = 0;
  let created = 0;
  let after = '';
  for (;;) {
    const page = await dueTasks(deps.db, dates, after, PAGE);
    if (!page.length) break;
    after = page[page.length - 1].id;
    const due = page.filter((t) => (offsets.get(t.campaignId) ?? []).some((d) => addDays(today, d) === t.deadline));
    tasksSeen += due.length;
    if (due.length)
      created += await deps.db.transaction().execute(async (trx) => {
        const n = await deps.events.record(trx, 'tasks.due', deps.clock.nowIso(), {
          date: today,
          tasks: due.map((t) => ({
            id: t.id,
            title: t.title,
            deadline: t.deadline,
            ownerKind: t.ownerKind,
            ownerDepartmentId: t.ownerDepartmentId,
            villageCode: t.villageCode,
          })),
        });
        if (n > 0)
          await appendAudit(
            trx,
            deps,
            { actor: null, ip: null, requestId: `job:${REMINDER_JOB}` },
            {
              action: 'notifications.reminders',
              entity: 'notification',
              actorName: `job:${REMINDER_JOB}`,
              after: { date: today, created: n },
            },
          );
        return n;
      });
    if (page.length < PAGE) break;
  }
  return { date: today, tasks: tasksSeen, created };
}
