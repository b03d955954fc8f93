/** Colours of the campaigns feature's codes (tags and charts); their words are in the locale tables. */
import type {
  CampaignStatus,
  SuggestedVerdict,
  TaskStatus,
  Verdict,
  WorkflowStatus,
} from '../../../shared/campaigns.js';

export const VERDICT_COLORS: Record<SuggestedVerdict, string> = {
  keep: 'green',
  cancel: 'red',
  merge: 'orange',
  rectify: 'gold',
  verify: 'purple',
};
/** Chart colours of the verdicts (and of "undecided"). */
export const VERDICT_CHART_COLORS: Record<Verdict | 'undecided', string> = {
  keep: '#52c41a',
  cancel: '#f5222d',
  merge: '#fa8c16',
  rectify: '#fadb14',
  undecided: '#bfbfbf',
};
export const WORKFLOW_COLORS: Record<WorkflowStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
  stale: 'error',
};
export const WORKFLOW_CHART_COLORS: Record<WorkflowStatus, string> = {
  approved: '#52c41a',
  submitted: '#1d5fc4',
  returned: '#fa8c16',
  stale: '#f5222d',
  draft: '#d9d9d9',
};
export const CAMPAIGN_STATUS_COLORS: Record<CampaignStatus, string> = {
  draft: 'default',
  launching: 'processing',
  active: 'success',
  closed: 'default',
};
export const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  open: 'processing',
  closed: 'success',
  cancelled: 'default',
};
