import { api, type Query } from '../../api/client.js';
import type {
  BasisLevel,
  Channel,
  Frequency,
  PrecheckOutcome,
  RequestKind,
  RequestStatus,
} from './admission.labels.js';

/** What a department files (POST/PATCH /api/admission/requests, POST /api/admission/precheck). */
export interface RequestContent {
  kind: RequestKind;
  title: string;
  description: string;
  basis: { document: string; article: string; level: BasisLevel }[];
  targets: string[];
  startsOn: string;
  endsOn: string;
  funding: { provided: boolean; amountYuan: number | null; source: string };
  staffing: { provided: boolean; people: number | null; description: string };
  dedicatedPost: boolean;
  forms: { name: string; frequency: Frequency; fields: string }[];
  catalogItemCode: string | null;
  catalogChange: {
    action: 'add' | 'amend' | 'withdraw';
    kind: string;
    itemCode: string | null;
    name: string | null;
    reason: string;
  } | null;
}

/** Readers outside the chain (villages) get only part of the content. */
export type SeenContent = Partial<Omit<RequestContent, 'funding' | 'staffing'>> & {
  kind: RequestKind;
  title: string;
  funding?: Partial<RequestContent['funding']>;
  staffing?: Partial<RequestContent['staffing']>;
};

export interface ItemRef {
  code: string;
  name: string;
  kind: string;
  catalogId: string;
  catalogTitle: string;
  basis: string | null;
}

export interface Finding {
  rule: string;
  outcome: PrecheckOutcome;
  clause: { id: string; text: string };
  item: ItemRef | null;
  score: number | null;
  message: string;
  /** Prohibition findings: the words that fired the rule, per part of the request. */
  triggers?: { section: string; words: string[]; excerpt: string }[];
}

export interface Precheck {
  outcome: PrecheckOutcome;
  catalogued: boolean;
  needsGovernment: boolean;
  findings: Finding[];
  catalogVersionId: string;
  checkedOn: string;
  judged?: { regionCode: string; catalogVersionId: string; outcome: string }[];
}

export type EffectState = 'none' | 'scheduled' | 'in_effect' | 'expired';

export interface RequestSummary {
  id: string;
  number: string;
  kind: RequestKind;
  kindLabel: string;
  title: string;
  departmentId: string | null;
  departmentName: string;
  status: RequestStatus;
  statusLabel: string;
  effectState: EffectState;
  precheckOutcome: PrecheckOutcome | null;
  needsGovernment: boolean;
  currentStep: string | null;
  currentStepDueOn: string | null;
  startsOn: string | null;
  endsOn: string | null;
  effectiveFrom: string | null;
  expiresOn: string | null;
  decidedOn: string | null;
  submittedAt: string | null;
  revision: number;
  version: number;
  targetCount: number;
  targetNames: string[];
  updatedAt: string;
}

export interface AdmittedTask extends RequestSummary {
  conditions: string | null;
  decidedByBody: string | null;
}

export interface RequestStep {
  id: string;
  revision: number;
  seq: number;
  step: string;
  stepLabel: string;
  regionCode: string;
  body: string;
  status: string;
  assigneeId: string | null;
  assigneeName: string | null;
  workingDays: number;
  openedOn: string | null;
  dueOn: string | null;
  overdue: boolean;
  decidedAt: string | null;
  decidedByName: string | null;
  action: string | null;
  comment: string | null;
  conditions: string | null;
  reason: string | null;
}

export interface RequestEvent {
  at: string;
  actorName: string;
  action: string;
  fromStatus: string | null;
  toStatus: string | null;
  revision: number;
  step: string | null;
  note: string | null;
}

export interface RequestDetail extends RequestSummary {
  content: SeenContent;
  contentHash: string;
  filedByName: string;
  precheck: Precheck | null;
  catalogVersionId: string | null;
  decision: string | null;
  decisionReason: string | null;
  conditions: string | null;
  decidedByName: string | null;
  decidedByBody: string | null;
  approvedRevision: number | null;
  approvedHash: string | null;
  withdrawnAt: string | null;
  withdrawReason: string | null;
  withdrawnByName: string | null;
  adjustmentId: string | null;
  adjustmentNote: string | null;
  targets: { regionCode: string; regionName: string; level: string }[];
  steps: RequestStep[];
  events: RequestEvent[];
  revisions: { revision: number; contentHash: string; submittedAt: string; submittedByName: string }[];
  abilities: {
    edit: boolean;
    submit: boolean;
    decide: boolean;
    withdraw: boolean;
    decideActions: ('approve' | 'return' | 'reject')[];
  };
}

export interface DecisionBody {
  version: number;
  revision: number;
  action: 'approve' | 'return' | 'reject';
  comment: string;
  conditions: string;
  reason: string;
}

export interface Department {
  id: string;
  name: string;
  kind: string;
  regionCode: string;
}

export interface Flag {
  id: string;
  regionCode: string;
  regionName: string;
  townshipCode: string | null;
  departmentId: string | null;
  departmentName: string;
  taskTitle: string;
  description: string | null;
  channel: string;
  receivedOn: string;
  requestId: string | null;
  status: string;
  flaggedByName: string;
  createdAt: string;
}

export interface NewFlag {
  departmentId: string | null;
  departmentName: string | null;
  taskTitle: string;
  description: string;
  channel: Channel;
  receivedOn: string;
}

export interface DepartmentCount {
  departmentId: string | null;
  departmentName: string;
  count: number;
  lastReceivedOn: string | null;
}

export interface PublicDecision {
  number: string;
  title: string;
  kind: RequestKind;
  kindLabel: string;
  departmentName: string;
  decision: 'approved' | 'rejected' | 'refused';
  status: RequestStatus;
  statusLabel: string;
  effectState: EffectState;
  decidedOn: string | null;
  decidedByBody: string | null;
  reason: string | null;
  conditions: string | null;
  basis: string[];
  scope: string[];
  effectiveFrom: string | null;
  expiresOn: string | null;
  withdrawnOn: string | null;
  withdrawReason: string | null;
}

export interface RequestFilter {
  status?: RequestStatus;
  kind?: RequestKind;
  q?: string;
  queue?: 'awaiting';
}

type Page<T> = { total: number; items: T[] };

export const admissionKeys = {
  all: ['admission'] as const,
  list: (f: RequestFilter, page: number, pageSize: number) => ['admission', 'list', f, page, pageSize] as const,
  detail: (id: string) => ['admission', 'detail', id] as const,
  precheck: (content: string) => ['admission', 'precheck', content] as const,
  admitted: (page: number, pageSize: number) => ['admission', 'admitted', page, pageSize] as const,
  departments: ['admission', 'departments'] as const,
  flags: (page: number, pageSize: number) => ['admission', 'flags', page, pageSize] as const,
  flagCounts: ['admission', 'flags', 'by-department'] as const,
  publicDecisions: (region: string, page: number, pageSize: number) =>
    ['public', 'admission-decisions', region, page, pageSize] as const,
};

const enc = encodeURIComponent;

export const listRequests = (f: RequestFilter, page: number, pageSize: number) =>
  api<Page<RequestSummary>>('/api/admission/requests', { query: { ...(f as Query), page, pageSize } });
/** quiet: a 404 (not visible) is shown by the page itself. */
export const getRequest = (id: string) => api<RequestDetail>(`/api/admission/requests/${enc(id)}`, { quiet: true });
export const createRequest = (content: RequestContent) =>
  api<RequestDetail>('/api/admission/requests', { method: 'POST', body: { content } });
export const updateRequest = (id: string, version: number, content: RequestContent) =>
  api<RequestDetail>(`/api/admission/requests/${enc(id)}`, { method: 'PATCH', body: { version, content } });
export const submitRequest = (id: string, version: number) =>
  api<RequestDetail>(`/api/admission/requests/${enc(id)}/submit`, { method: 'POST', body: { version } });
/** The live pre-check while the form is being filled: quiet, the panel shows problems itself. */
export const precheckContent = (content: RequestContent, signal?: AbortSignal) =>
  api<Precheck>('/api/admission/precheck', { method: 'POST', body: { content }, quiet: true, signal });
export const decideRequest = (id: string, body: DecisionBody) =>
  api<RequestDetail>(`/api/admission/requests/${enc(id)}/decision`, { method: 'POST', body });
export const withdrawRequest = (id: string, version: number, reason: string) =>
  api<RequestDetail>(`/api/admission/requests/${enc(id)}/withdraw`, { method: 'POST', body: { version, reason } });
export const proposeAdjustment = (id: string) =>
  api<RequestDetail>(`/api/admission/requests/${enc(id)}/catalog-adjustment`, { method: 'POST' });
export const listAdmitted = (page: number, pageSize: number) =>
  api<Page<AdmittedTask>>('/api/admission/admitted', { query: { page, pageSize } });
export const listNamableDepartments = () =>
  api<{ items: Department[] }>('/api/admission/departments').then((r) => r.items);
export const createFlag = (body: NewFlag) => api<Flag>('/api/admission/flags', { method: 'POST', body });
export const listFlags = (page: number, pageSize: number) =>
  api<Page<Flag>>('/api/admission/flags', { query: { page, pageSize } });
export const flagsByDepartment = () => api<Page<DepartmentCount>>('/api/admission/flags/by-department');
/** Public (no session); quiet: the page shows a bad region code or rate limiting itself. */
export const publicDecisions = (region: string, page: number, pageSize: number) =>
  api<Page<PublicDecision>>('/api/public/admission-decisions', { query: { region, page, pageSize }, quiet: true });
