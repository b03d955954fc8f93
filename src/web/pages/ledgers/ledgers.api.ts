import { api, download } from '../../api/client.js';
import type { Phase } from '../campaigns/campaigns.api.js';
import type {
  CatalogHit,
  Category,
  LedgerStatus,
  Provider,
  SignPosition,
  Verdict,
  WorkflowStatus,
} from '../campaigns/campaigns.labels.js';
import { uploadFile } from './upload.js';

export interface SignFields {
  position: SignPosition;
}
export interface MechanismFields {
  dedicatedPost: boolean;
  staffBy: Provider;
  fundedBy: Provider;
  effective: boolean;
  villagersAccept: boolean;
}
export interface WorkAffairFields {
  catalogHit: CatalogHit | null;
  funding: string;
  formsRequired: number;
  approvalRef: string;
}
export interface CertificateFields {
  volumeLastYear: number;
}
export interface FieldsOf {
  sign: SignFields;
  mechanism: MechanismFields;
  work_affair: WorkAffairFields;
  certificate: CertificateFields;
}
export type AnyFields = Partial<SignFields & MechanismFields & WorkAffairFields & CertificateFields>;

export interface Suggestion {
  verdict: Verdict;
  verdictLabel: string;
  clause: string;
  reason: string;
  itemCode: string | null;
  itemName: string | null;
  matchKind: string | null;
  flags: { code: string; label: string }[];
  catalogVersion: string | null;
  judgedAt: string;
}

export interface Decision {
  verdict: Verdict;
  verdictLabel: string;
  kind: 'accepted' | 'overridden';
  overrideReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
}

export interface LedgerRow {
  id: string;
  ledgerId: string;
  category: Category;
  seq: number;
  name: string;
  imposedBy: string;
  basis: string;
  fields: AnyFields;
  source: 'manual' | 'import' | 'previous';
  photoFileId: string | null;
  suggestion: Suggestion;
  decision: Decision | null;
  nonCompliant: boolean;
  cleanup: { status: 'none' | 'open' | 'closed'; taskId: string | null };
  changeKind: 'new' | 'changed' | 'unchanged' | null;
  previous: {
    rowId: string;
    verdict: Verdict | null;
    before: { name: string; imposedBy: string; basis: string; fields: AnyFields } | null;
  } | null;
  version: number;
  updatedAt: string;
}

export interface LedgerAbilities {
  edit: boolean;
  import: boolean;
  submit: boolean;
  withdraw: boolean;
  return: boolean;
  approve: boolean;
}

export interface Ledger {
  id: string;
  campaignId: string;
  campaignName: string;
  villageCode: string;
  villageName: string;
  villageKind: 'village' | 'community';
  townshipCode: string | null;
  status: LedgerStatus;
  effectiveStatus: WorkflowStatus;
  statusLabel: string;
  approvalStale: boolean;
  returnNote: string | null;
  submittedAt: string | null;
  reviewedAt: string | null;
  approvedAt: string | null;
  previousLedgerId: string | null;
  version: number;
  updatedAt: string;
  abilities: LedgerAbilities;
}

export interface LedgerEvent {
  id: string;
  action: string;
  note: string | null;
  actorName: string | null;
  at: string;
}

/** GET /api/ledgers/:id: the editor's data. */
export interface LedgerView {
  ledger: Ledger;
  counts: { total: number; undecided: number; nonCompliant: number; byCategory: Record<Category, number> };
  rows: Record<Category, LedgerRow[]>;
  removedSinceLastCycle: {
    rowId: string;
    category: Category;
    name: string;
    imposedBy: string;
    verdict: Verdict | null;
  }[];
  events: LedgerEvent[];
  phases: Phase[];
  signGuide: { allowedBoards: string[]; insideBoards: string[]; max: number; note: string };
}

export interface LedgerListItem {
  id: string;
  villageCode: string;
  villageName: string;
  villageKind: 'village' | 'community';
  townshipCode: string | null;
  townshipName: string | null;
  status: LedgerStatus;
  effectiveStatus: WorkflowStatus;
  statusLabel: string;
  approvalStale: boolean;
  returnNote: string | null;
  submittedAt: string | null;
  approvedAt: string | null;
  version: number;
  rows: number;
  undecided: number;
  nonCompliant: number;
}

export interface LedgerFilter {
  region?: string;
  status?: WorkflowStatus;
  q?: string;
}

export interface RowInput<C extends Category = Category> {
  category: C;
  name: string;
  imposedBy: string;
  basis: string;
  fields: FieldsOf[C];
}

export interface RowResponse {
  row: LedgerRow;
  ledgerVersion: number;
  ledgerStatus: WorkflowStatus;
}

export interface SuggestItem {
  name: string;
  imposedBy: string | null;
  source: 'catalog' | 'guide' | 'township';
  itemCode: string | null;
  kind: string | null;
  count: number;
}

export interface ImportResult {
  fileSha256: string;
  sheets: string[];
  rows: number;
  ledgers: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/** One row-level problem of a refused import (error.details.errors). */
export interface ImportRowError {
  sheet?: string;
  row?: number;
  column?: string;
  field?: string;
  message: string;
}

export const ledgerKeys = {
  all: ['ledgers'] as const,
  list: (campaignId: string, f: LedgerFilter, page: number, pageSize: number) =>
    ['ledgers', 'list', campaignId, f, page, pageSize] as const,
  detail: (id: string) => ['ledgers', 'detail', id] as const,
  suggest: (id: string, category: Category, q: string) => ['ledgers', 'suggest', id, category, q] as const,
};

const enc = encodeURIComponent;

export const listLedgers = (campaignId: string, f: LedgerFilter, page: number, pageSize: number) =>
  api<{ total: number; items: LedgerListItem[] }>(`/api/campaigns/${enc(campaignId)}/ledgers`, {
    query: { region: f.region, status: f.status, q: f.q, page, pageSize },
  });
/** quiet: a 404 (not visible) is shown by the page itself. */
export const getLedger = (id: string) => api<LedgerView>(`/api/ledgers/${enc(id)}`, { quiet: true });
export const suggestNames = (id: string, category: Category, q: string, signal?: AbortSignal) =>
  api<{ items: SuggestItem[] }>(`/api/ledgers/${enc(id)}/suggest`, {
    query: { category, q },
    quiet: true,
    signal,
  }).then((r) => r.items);
export const addRow = (id: string, body: RowInput) =>
  api<RowResponse>(`/api/ledgers/${enc(id)}/rows`, { method: 'POST', body });
export const updateRow = (
  rowId: string,
  body: { name?: string; imposedBy?: string; basis?: string; fields?: AnyFields; version: number },
) => api<RowResponse>(`/api/ledger-rows/${enc(rowId)}`, { method: 'PATCH', body });
export const deleteRow = (rowId: string, version: number) =>
  api<{ ok: true }>(`/api/ledger-rows/${enc(rowId)}`, { method: 'DELETE', query: { version } });
export const decideRow = (
  rowId: string,
  body: { action: 'accept' | 'override'; verdict?: Verdict; reason?: string; version: number },
) => api<RowResponse>(`/api/ledger-rows/${enc(rowId)}/decision`, { method: 'POST', body });
export const acceptAll = (id: string, version: number, category?: Category) =>
  api<{ accepted: number; ledgerVersion: number }>(`/api/ledgers/${enc(id)}/accept-all`, {
    method: 'POST',
    body: { version, ...(category ? { category } : {}) },
  });
/** quiet: a refusal (undecided rows) is shown by the page as a list. */
export const submitLedger = (id: string, version: number) =>
  api<LedgerView>(`/api/ledgers/${enc(id)}/submit`, { method: 'POST', body: { version }, quiet: true });
export const withdrawLedger = (id: string, version: number) =>
  api<LedgerView>(`/api/ledgers/${enc(id)}/withdraw`, { method: 'POST', body: { version } });
export const returnLedger = (id: string, version: number, note: string) =>
  api<LedgerView>(`/api/ledgers/${enc(id)}/return`, { method: 'POST', body: { version, note } });
export const approveLedger = (id: string, version: number, note?: string) =>
  api<LedgerView>(`/api/ledgers/${enc(id)}/approve`, { method: 'POST', body: { version, ...(note ? { note } : {}) } });
export const exportLedger = (id: string, fallbackName: string) =>
  download(`/api/ledgers/${enc(id)}/export`, undefined, fallbackName);
export const downloadTemplate = (category: Category | 'all', fallbackName: string) =>
  download('/api/ledger-template', { category }, fallbackName);
export const importLedgers = (campaignId: string, file: File, category?: Category) =>
  uploadFile<ImportResult>(`/api/campaigns/${enc(campaignId)}/import`, file, { query: { category } });
