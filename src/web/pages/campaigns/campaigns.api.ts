/**
 * Campaign API calls and query keys. Types come from the shared contract (src/shared/campaigns.ts),
 * imported as types only.
 */
import { api, download } from '../../api/client.js';
import type {
  Campaign,
  CreateCampaignBody,
  CycleChanges,
  Rollup,
  UpdateCampaignBody,
} from '../../../shared/campaigns.js';

export type {
  Campaign,
  ChangeCounts,
  CycleChanges,
  Figures,
  LaunchRecord,
  LedgerCounts,
  Phase,
  Rollup,
  RollupChild,
  RollupPhase,
} from '../../../shared/campaigns.js';

export const campaignKeys = {
  all: ['campaigns'] as const,
  list: ['campaigns', 'list'] as const,
  detail: (id: string) => ['campaigns', 'detail', id] as const,
  changes: (id: string, region?: string) => ['campaigns', 'changes', id, region ?? ''] as const,
  rollup: (id: string, region?: string) => ['campaigns', 'rollup', id, region ?? ''] as const,
};

const enc = encodeURIComponent;

export const listCampaigns = () => api<{ items: Campaign[] }>('/api/campaigns').then((r) => r.items);
/** quiet: a 404 (not visible) is shown by the page itself. */
export const getCampaign = (id: string) => api<Campaign>(`/api/campaigns/${enc(id)}`, { quiet: true });
export const createCampaign = (body: CreateCampaignBody) => api<Campaign>('/api/campaigns', { method: 'POST', body });
export const updateCampaign = (id: string, body: UpdateCampaignBody) =>
  api<Campaign>(`/api/campaigns/${enc(id)}`, { method: 'PATCH', body });
export const launchCampaign = (id: string, version: number) =>
  api<Campaign>(`/api/campaigns/${enc(id)}/launch`, { method: 'POST', body: { version } });
export const getChanges = (id: string, region?: string) =>
  api<CycleChanges>(`/api/campaigns/${enc(id)}/changes`, { query: { region } });
export const getRollup = (id: string, region?: string) =>
  api<Rollup>(`/api/campaigns/${enc(id)}/rollup`, { query: { region } });
export const exportConsolidated = (id: string, region: string | undefined, fallbackName: string) =>
  download(`/api/campaigns/${enc(id)}/export`, { region }, fallbackName);

/** A launch that the job runner has not finished yet (the page keeps polling). */
export const isLaunching = (c: Pick<Campaign, 'status' | 'launch'>) =>
  c.status === 'launching' || (!!c.launch && (c.launch.status === 'pending' || c.launch.status === 'running'));

const CAMPAIGN_STORAGE_KEY = 'jianfu.campaign';

/** The campaign last chosen on this device (null in private mode or when none was chosen). */
export function storedCampaignId(): string | null {
  try {
    return window.localStorage.getItem(CAMPAIGN_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeCampaignId(id: string) {
  try {
    window.localStorage.setItem(CAMPAIGN_STORAGE_KEY, id);
  } catch {
    /* private mode */
  }
}

/** The wanted campaign unless it is a draft, else the newest active one, else the first launched one. */
export function chooseCampaign(campaigns: Campaign[], wanted: string | null): Campaign | undefined {
  const launched = campaigns.filter((c) => c.status === 'active' || c.status === 'closed');
  return (
    campaigns.find((c) => c.id === wanted && c.status !== 'draft') ??
    launched.find((c) => c.status === 'active') ??
    launched[0]
  );
}
