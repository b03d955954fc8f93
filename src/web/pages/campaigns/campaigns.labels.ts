/**
 * Chinese / English names of the campaigns feature's codes (categories, verdicts, workflow and task
 * states, per-category field values). The server sends Chinese labels for some of them (statusLabel,
 * verdictLabel, categoryLabel); these cover the English UI and the codes sent without a label. They
 * mirror src/server/features/campaigns/campaigns.model.ts, which the browser cannot import.
 */
type L = { zh: string; en: string };

export const CATEGORIES = ['sign', 'mechanism', 'work_affair', 'certificate'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS: Record<Category, L> = {
  sign: { zh: '标识牌', en: 'Signboards' },
  mechanism: { zh: '工作机制', en: 'Mechanisms' },
  work_affair: { zh: '工作事务', en: 'Work affairs' },
  certificate: { zh: '证明事项', en: 'Certificates' },
};

export const VERDICTS = ['keep', 'cancel', 'merge', 'rectify'] as const;
export type Verdict = (typeof VERDICTS)[number];
export const VERDICT_LABELS: Record<Verdict, L> = {
  keep: { zh: '保留', en: 'Keep' },
  cancel: { zh: '取消', en: 'Cancel' },
  merge: { zh: '合并', en: 'Merge' },
  rectify: { zh: '整改', en: 'Rectify' },
};
export const VERDICT_COLORS: Record<Verdict, string> = {
  keep: 'green',
  cancel: 'red',
  merge: 'orange',
  rectify: 'gold',
};
/** Chart colours of the verdicts (and of "undecided"). */
export const VERDICT_CHART_COLORS: Record<Verdict | 'undecided', string> = {
  keep: '#52c41a',
  cancel: '#f5222d',
  merge: '#fa8c16',
  rectify: '#fadb14',
  undecided: '#bfbfbf',
};

/** Effective workflow status of a ledger (an approval the village edited afterwards is `stale`). */
export const WORKFLOW_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'stale'] as const;
export type WorkflowStatus = (typeof WORKFLOW_STATUSES)[number];
export type LedgerStatus = Exclude<WorkflowStatus, 'stale'>;
export const WORKFLOW_LABELS: Record<WorkflowStatus, L> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  approved: { zh: '已审核', en: 'Approved' },
  stale: { zh: '审核失效', en: 'Approval stale' },
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

export const CAMPAIGN_STATUSES = ['draft', 'launching', 'active', 'closed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];
export const CAMPAIGN_STATUS_LABELS: Record<CampaignStatus, L> = {
  draft: { zh: '未启动', en: 'Not launched' },
  launching: { zh: '启动中', en: 'Launching' },
  active: { zh: '进行中', en: 'Active' },
  closed: { zh: '已结束', en: 'Closed' },
};
export const CAMPAIGN_STATUS_COLORS: Record<CampaignStatus, string> = {
  draft: 'default',
  launching: 'processing',
  active: 'success',
  closed: 'default',
};

export const TASK_STATUSES = ['open', 'closed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
export const TASK_STATUS_LABELS: Record<TaskStatus, L> = {
  open: { zh: '整改中', en: 'Open' },
  closed: { zh: '已完成', en: 'Closed' },
  cancelled: { zh: '已撤销', en: 'Cancelled' },
};
export const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  open: 'processing',
  closed: 'success',
  cancelled: 'default',
};

export const SIGN_POSITIONS = ['outside', 'inside', 'functional_area'] as const;
export type SignPosition = (typeof SIGN_POSITIONS)[number];
export const SIGN_POSITION_LABELS: Record<SignPosition, L> = {
  outside: { zh: '室外', en: 'Outside' },
  inside: { zh: '室内', en: 'Inside' },
  functional_area: { zh: '功能区入口', en: 'Area entrance' },
};

export const PROVIDERS = ['village', 'imposer', 'other', 'none'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const PROVIDER_LABELS: Record<Provider, L> = {
  village: { zh: '村级组织自行承担', en: 'The village itself' },
  imposer: { zh: '设立单位', en: 'The body that set it up' },
  other: { zh: '其他单位', en: 'Another body' },
  none: { zh: '无', en: 'Nobody' },
};
/** Short names for narrow cells. */
export const PROVIDER_SHORT: Record<Provider, L> = {
  village: { zh: '村自担', en: 'Village' },
  imposer: { zh: '设立单位', en: 'Setter' },
  other: { zh: '其他', en: 'Other' },
  none: { zh: '无', en: 'None' },
};

export const CATALOG_HITS = ['duty', 'assistance', 'none'] as const;
export type CatalogHit = (typeof CATALOG_HITS)[number];
export const CATALOG_HIT_LABELS: Record<CatalogHit | 'auto', L> = {
  auto: { zh: '按目录自动匹配', en: 'Match the catalog' },
  duty: { zh: '履行职责事项', en: 'Duty' },
  assistance: { zh: '协助政务服务事项', en: 'Assistance' },
  none: { zh: '目录外', en: 'Outside the catalogs' },
};

export const SUGGEST_SOURCE_LABELS: Record<'catalog' | 'guide' | 'township', L> = {
  catalog: { zh: '目录', en: 'Catalog' },
  guide: { zh: '指引', en: 'Sign guide' },
  township: { zh: '本乡镇已填', en: 'Township' },
};

export const CHANGE_KIND_LABELS: Record<'new' | 'changed' | 'unchanged' | 'removed', L> = {
  new: { zh: '新增', en: 'New' },
  changed: { zh: '有变化', en: 'Changed' },
  unchanged: { zh: '未变', en: 'Unchanged' },
  removed: { zh: '未延续', en: 'Not carried over' },
};

export const LEDGER_EVENT_LABELS: Record<string, L> = {
  submit: { zh: '提交审核', en: 'Submitted' },
  withdraw: { zh: '撤回提交', en: 'Withdrawn' },
  return: { zh: '退回修改', en: 'Returned' },
  approve: { zh: '审核通过', en: 'Approved' },
  stale: { zh: '审核失效', en: 'Approval went stale' },
};

export const PHASE_KEYS = ['self_inspection', 'signs_certificates', 'mechanisms_affairs', 'permanent_rules'] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];
/**
 * The seed plan's default phases (the server's DEFAULT_PHASES): the create form shows them with their
 * default deadlines for the chosen year; the server applies the same defaults to any date left out.
 */
export const DEFAULT_PHASES: { key: PhaseKey; name: L; clause: string; monthDay: string; yearOffset: number }[] = [
  {
    key: 'self_inspection',
    name: { zh: '摸排自查、区级汇总', en: 'Self-inspection and district aggregation' },
    clause: 'S-5',
    monthDay: '08-10',
    yearOffset: 0,
  },
  {
    key: 'signs_certificates',
    name: { zh: '标识牌、证明事项清理', en: 'Clean up signboards and certificates' },
    clause: 'S-6.1、S-6.2',
    monthDay: '08-10',
    yearOffset: 0,
  },
  {
    key: 'mechanisms_affairs',
    name: { zh: '工作机制、工作事务清理', en: 'Clean up mechanisms and work affairs' },
    clause: 'S-6.3、S-6.4',
    monthDay: '12-10',
    yearOffset: 0,
  },
  {
    key: 'permanent_rules',
    name: { zh: '建立准入和动态调整长效机制', en: 'Permanent admission and adjustment rules' },
    clause: 'S-7',
    monthDay: '06-15',
    yearOffset: 1,
  },
];
export const PHASE_LABELS: Record<PhaseKey, L> = Object.fromEntries(
  DEFAULT_PHASES.map((p) => [p.key, p.name]),
) as Record<PhaseKey, L>;
export const defaultDeadline = (key: PhaseKey, year: number) => {
  const p = DEFAULT_PHASES.find((x) => x.key === key)!;
  return `${year + p.yearOffset}-${p.monthDay}`;
};
