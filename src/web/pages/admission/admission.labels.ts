/**
 * Chinese / English names of the admission gate's codes (kinds, statuses, steps, pre-check outcomes…).
 * The server sends Chinese labels too (kindLabel, statusLabel, stepLabel); these cover the English UI
 * and the codes the server sends without a label. A missing code is shown by the server's label or the code.
 */
type L = { zh: string; en: string };

export const REQUEST_KINDS = [
  'work_affair',
  'mechanism',
  'sign',
  'certificate',
  'form_report',
  'special_task',
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export const KIND_LABELS: Record<RequestKind, L> = {
  work_affair: { zh: '工作事务', en: 'Work affair' },
  mechanism: { zh: '工作机制或专人专岗', en: 'Mechanism or dedicated post' },
  sign: { zh: '标识牌', en: 'Signboard' },
  certificate: { zh: '证明事项', en: 'Certificate' },
  form_report: { zh: '报表或数据报送', en: 'Form or data report' },
  special_task: { zh: '专项任务', en: 'Special task' },
};

export const STATUSES = [
  'draft',
  'in_review',
  'returned',
  'refused',
  'rejected',
  'approved',
  'expired',
  'withdrawn',
] as const;
export type RequestStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<RequestStatus, L> = {
  draft: { zh: '草稿', en: 'Draft' },
  in_review: { zh: '审核中', en: 'In review' },
  returned: { zh: '退回修改', en: 'Returned for changes' },
  refused: { zh: '预审不予准入', en: 'Refused at pre-check' },
  rejected: { zh: '不予准入', en: 'Rejected' },
  approved: { zh: '已准入', en: 'Admitted' },
  expired: { zh: '已到期', en: 'Expired' },
  withdrawn: { zh: '已撤销', en: 'Withdrawn' },
};

export const STATUS_COLORS: Record<RequestStatus, string> = {
  draft: 'default',
  in_review: 'processing',
  returned: 'warning',
  refused: 'error',
  rejected: 'error',
  approved: 'success',
  expired: 'default',
  withdrawn: 'default',
};

export const EFFECT_LABELS: Record<string, L> = {
  none: { zh: '未生效', en: 'Not in effect' },
  scheduled: { zh: '待生效', en: 'Scheduled' },
  in_effect: { zh: '有效期内', en: 'In effect' },
  expired: { zh: '已过期', en: 'Expired' },
};

export const STEP_LABELS: Record<string, L> = {
  township: { zh: '乡镇（街道）审核', en: 'Township review' },
  district: { zh: '区民政局审核', en: 'District civil affairs review' },
  government: { zh: '区政府审批', en: 'District government approval' },
};

export const STEP_STATUS_LABELS: Record<string, L> = {
  open: { zh: '办理中', en: 'Open' },
  pending: { zh: '待办理', en: 'Pending' },
  approved: { zh: '已通过', en: 'Approved' },
  returned: { zh: '已退回', en: 'Returned' },
  rejected: { zh: '不予准入', en: 'Rejected' },
  cancelled: { zh: '已取消', en: 'Cancelled' },
};

export const OUTCOMES = ['admissible', 'needs_government', 'unverified', 'returned', 'refused'] as const;
export type PrecheckOutcome = (typeof OUTCOMES)[number];

export const OUTCOME_LABELS: Record<PrecheckOutcome, L> = {
  admissible: { zh: '可按目录准入', en: 'Admissible as catalogued' },
  needs_government: { zh: '须报区政府审批', en: 'Needs district-government approval' },
  unverified: { zh: '待核实（目录未完整）', en: 'To verify (catalog incomplete)' },
  returned: { zh: '退回补充', en: 'Returned for changes' },
  refused: { zh: '不予准入', en: 'Refused' },
};

export const OUTCOME_COLORS: Record<PrecheckOutcome, string> = {
  admissible: 'success',
  needs_government: 'warning',
  unverified: 'purple',
  returned: 'orange',
  refused: 'error',
};
export const OUTCOME_ALERT: Record<PrecheckOutcome, 'success' | 'warning' | 'error' | 'info'> = {
  admissible: 'success',
  needs_government: 'warning',
  unverified: 'info',
  returned: 'warning',
  refused: 'error',
};

export const BASIS_LEVELS = ['central', 'law', 'regulation', 'rule', 'provincial', 'local', 'department'] as const;
export type BasisLevel = (typeof BASIS_LEVELS)[number];

export const BASIS_LEVEL_LABELS: Record<BasisLevel, L> = {
  central: { zh: '党中央、国务院文件明确要求', en: 'Required by the Party Central Committee or State Council' },
  law: { zh: '法律', en: 'Law' },
  regulation: { zh: '行政法规或地方性法规', en: 'Administrative or local regulation' },
  rule: { zh: '规章', en: 'Rule' },
  provincial: { zh: '省级党委、政府文件', en: 'Provincial Party committee or government document' },
  local: { zh: '市、县级党委、政府文件', en: 'City or county Party committee or government document' },
  department: { zh: '部门文件', en: 'Department document' },
};

export const FREQUENCIES = ['once', 'weekly', 'monthly', 'quarterly', 'yearly', 'ad_hoc'] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export const FREQUENCY_LABELS: Record<Frequency, L> = {
  once: { zh: '一次性', en: 'Once' },
  weekly: { zh: '每周', en: 'Weekly' },
  monthly: { zh: '每月', en: 'Monthly' },
  quarterly: { zh: '每季度', en: 'Quarterly' },
  yearly: { zh: '每年', en: 'Yearly' },
  ad_hoc: { zh: '不定期', en: 'Ad hoc' },
};

export const CATALOG_KIND_LABELS: Record<string, L> = {
  duty: { zh: '履行职责事项', en: 'Duty' },
  assistance: { zh: '协助政务服务事项', en: 'Assistance' },
  certificate: { zh: '出具证明事项', en: 'Certificate' },
  negative_certificate: { zh: '不应出具证明事项', en: 'Negative-list certificate' },
  prohibition: { zh: '减负措施（不得事项）', en: 'Prohibition' },
  mechanism: { zh: '工作机制', en: 'Mechanism' },
  sign_guide: { zh: '标识牌内容及悬挂位置', en: 'Signage guide' },
  micro_power: { zh: '小微权力清单', en: 'Micro-power list' },
  disclosure: { zh: '村务公开事项', en: 'Village disclosure' },
};
/** Catalog kinds an admitted request may add, amend or withdraw. */
export const CHANGEABLE_CATALOG_KINDS = ['duty', 'assistance', 'certificate', 'mechanism', 'sign_guide'] as const;

export const CHANGE_ACTION_LABELS: Record<'add' | 'amend' | 'withdraw', L> = {
  add: { zh: '新增事项', en: 'Add an item' },
  amend: { zh: '修改事项', en: 'Amend an item' },
  withdraw: { zh: '取消事项', en: 'Withdraw an item' },
};

export const EVENT_LABELS: Record<string, L> = {
  create: { zh: '新建草稿', en: 'Draft created' },
  edit: { zh: '修改申请', en: 'Edited' },
  submit: { zh: '提交申请', en: 'Submitted' },
  precheck: { zh: '系统预审', en: 'Automatic pre-check' },
  approve: { zh: '审核通过', en: 'Approved' },
  return: { zh: '退回修改', en: 'Returned' },
  reject: { zh: '不予准入', en: 'Rejected' },
  withdraw: { zh: '撤销', en: 'Withdrawn' },
  expire: { zh: '到期', en: 'Expired' },
  catalog_adjustment: { zh: '提出目录调整', en: 'Catalog adjustment proposed' },
};

export const DECISION_LABELS: Record<'approved' | 'rejected' | 'refused', L> = {
  approved: { zh: '准予准入', en: 'Admitted' },
  rejected: { zh: '不予准入', en: 'Rejected' },
  refused: { zh: '预审不予准入', en: 'Refused at pre-check' },
};

export const CHANNELS = ['document', 'phone', 'wechat', 'meeting', 'app', 'in_person', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, L> = {
  document: { zh: '文件', en: 'Document' },
  phone: { zh: '电话', en: 'Phone' },
  wechat: { zh: '微信群', en: 'WeChat group' },
  meeting: { zh: '会议', en: 'Meeting' },
  app: { zh: '政务应用', en: 'Government app' },
  in_person: { zh: '当面', en: 'In person' },
  other: { zh: '其他', en: 'Other' },
};
