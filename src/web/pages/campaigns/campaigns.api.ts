import { api, download } from '../../api/client.js';
import type { RegionLevel } from '../../../shared/roles.js';
import type { CampaignStatus, Category, PhaseKey, Verdict, WorkflowStatus } from './campaigns.labels.js';

/** One phase of a campaign (GET /api/campaigns/:id → phases). */
export interface Phase {
  key: PhaseKey;
  name: string;
  clause: string;
  categories: Category[];
  deadline: string;
}

export interface LaunchRecord {
  jobId: string;
  /** pending | running | succeeded | failed (the job runner's words). */
  status: string;
  progress: number;
  total: number;
  message: string | null;
  error: { code: string; message: string } | null;
}

export interface Campaign {
  id: string;
  name: string;
  regionCode: string;
  regionName: string;
  regionLevel: RegionLevel;
  year: number;
  status: CampaignStatus;
  previousCampaignId: string | null;
  settings: { reminderDaysBefore: number[] };
  launchedAt: string | null;
  ledgerCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
  phases: Phase[];
  launch: LaunchRecord | null;
  abilities: { edit: boolean; launch: boolean; manage: boolean };
}

export interface CreateCampaignBody {
  name: string;
  regionCode: string;
  year: number;
  previousCampaignId?: string | null;
  phases?: { key: PhaseKey; deadline: string }[];
}

export interface ChangeCounts {
  new: number;
  changed: number;
  unchanged: number;
  removed: number;
}

export interface CycleChanges {
  campaignId: string;
  previousCampaignId: string | null;
  region: { code: string; name: string; level: RegionLevel };
  byCategory: Record<Category, ChangeCounts>;
}

export interface Figures {
  before: number;
  keep: number;
  cancel: number;
  merge: number;
  rectify: number;
  undecided: number;
  plannedAfter: number;
  achievedAfter: number;
  tasksOpen: number;
  tasksClosed: number;
}

export interface LedgerCounts {
  total: number;
  draft: number;
  submitted: number;
  returned: number;
  approved: number;
  stale: number;
}

export interface RollupPhase {
  key: PhaseKey;
  name: string;
  clause: string;
  deadline: string;
  measured: boolean;
  total: number;
  done: number;
  percent: number | null;
  pastDeadline: boolean;
  behind: boolean;
}

export interface RollupChild {
  regionCode: string;
  regionName: string;
  rows: number;
  byCategory: Record<Category, Figures>;
  ledgers: LedgerCounts;
  overdueTasks: number;
}

/** GET /api/campaigns/:id/rollup: the consolidated view of one region node. */
export interface Rollup {
  campaign: { id: string; name: string; year: number };
  region: { code: string; name: string; level: RegionLevel };
  childLevel: string;
  asOf: string;
  totals: {
    rows: number;
    byCategory: Record<Category, Figures>;
    byStatus: Record<WorkflowStatus, number>;
    ledgers: LedgerCounts;
    overdueTasks: { total: number; byCategory: Record<Category, number> };
  };
  phases: RollupPhase[];
  children: RollupChild[];
  groups: {
    regionCode: string | null;
    category: Category;
    verdict: Verdict | null;
    status: WorkflowStatus;
    count: number;
  }[];
}

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
export const updateCampaign = (
  id: string,
  body: { name?: string; phases?: { key: PhaseKey; deadline: string }[]; version: number },
) => api<Campaign>(`/api/campaigns/${enc(id)}`, { method: 'PATCH', body });
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
