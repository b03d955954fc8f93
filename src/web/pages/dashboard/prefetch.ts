import type { QueryClient } from '@tanstack/react-query';
import {
  campaignKeys,
  chooseCampaign,
  getRollup,
  listCampaigns,
  storedCampaignId,
} from '../campaigns/campaigns.api.js';
import { listTasks, taskKeys, type TaskFilter } from '../tasks/tasks.api.js';

/** Cache lifetime of the first screen's answers, so that the page does not ask again on mount. */
export const DASHBOARD_STALE_MS = 10_000;

/** The overdue-task filter of the dashboard (shared with the page so that both use one cache key). */
export const overdueFilter = (campaignId: string | undefined, region: string | undefined): TaskFilter => ({
  campaignId,
  region,
  overdue: true,
});

/**
 * The dashboard's first requests, started when the app opens on /dashboard: the campaign list, then
 * the chosen campaign's roll-up and overdue tasks, under the keys the page reads.
 */
export async function prefetchDashboard(qc: QueryClient, search: URLSearchParams) {
  const campaigns = await qc.fetchQuery({ queryKey: campaignKeys.list, queryFn: listCampaigns, staleTime: 30_000 });
  const campaign = chooseCampaign(campaigns, search.get('campaign') ?? storedCampaignId());
  if (!campaign) return;
  const overdue = overdueFilter(campaign.id, undefined);
  await Promise.all([
    qc.prefetchQuery({
      queryKey: campaignKeys.rollup(campaign.id, undefined),
      queryFn: () => getRollup(campaign.id),
      staleTime: DASHBOARD_STALE_MS,
    }),
    qc.prefetchQuery({
      queryKey: taskKeys.list(overdue, 1, 8),
      queryFn: () => listTasks(overdue, 1, 8),
      staleTime: DASHBOARD_STALE_MS,
    }),
  ]);
}
