/**
 * Ledger API calls and query keys. Types come from the shared contract (src/shared/campaigns.ts),
 * imported as types only; the import runs as a job polled at GET /api/jobs/:id.
 */
import type { z } from 'zod';
import { api, download } from '../../api/client.js';
import type {
  Category,
  CreateRowBody,
  DecideBody,
  FieldsOf,
  ImportResult,
  LedgerListItem,
  LedgerListQuery,
  LedgerRowDto,
  LedgerView,
  RowResponse,
  RowSearchFilters,
  RowSearchItem,
  SuggestItem,
  UpdateRowBody,
} from '../../../shared/campaigns.js';
import type { RowError } from '../../../shared/errors.js';
import type { jobSchema } from '../../../shared/jobs.js';
import { isMessageKey } from '../../../shared/i18n.js';
import { translate } from '../../i18n/index.js';
import { uploadFile } from './upload.js';

export type {
  AnyFields,
  CertificateFields,
  FieldsOf,
  ImportResult,
  Ledger,
  LedgerAbilities,
  LedgerEvent,
  LedgerListItem,
  LedgerView,
  MechanismFields,
  RowResponse,
  SignFields,
  SuggestItem,
  WorkAffairFields,
} from '../../../shared/campaigns.js';

export type LedgerRow = LedgerRowDto;
export type Suggestion = LedgerRow['suggestion'];
export type Decision = NonNullable<LedgerRow['decision']>;

/** The filters of the ledger list (GET /api/campaigns/:id/ledgers) without its paging. */
export type LedgerFilter = Omit<LedgerListQuery, 'page' | 'pageSize'>;

/** The facts of a row being added (the body of POST /api/ledgers/:id/rows). */
export type RowInput<C extends Category = Category> = Extract<CreateRowBody, { category: C }> & { fields: FieldsOf[C] };

export type Job = z.infer<typeof jobSchema>;
/** One row-level problem of a refused import (the job's error.details.errors). */
export type ImportRowError = RowError;

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
export const updateRow = (rowId: string, body: UpdateRowBody) =>
  api<RowResponse>(`/api/ledger-rows/${enc(rowId)}`, { method: 'PATCH', body });
export const deleteRow = (rowId: string, version: number) =>
  api<{ ok: true }>(`/api/ledger-rows/${enc(rowId)}`, { method: 'DELETE', query: { version } });
export const decideRow = (rowId: string, body: DecideBody) =>
  api<RowResponse>(`/api/ledger-rows/${enc(rowId)}/decision`, { method: 'POST', body });
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
/** POST …/import (multipart) → 202 {jobId}; the job's progress, result or row errors at getJob(). */
export const importLedgers = (campaignId: string, file: File, category?: Category) =>
  uploadFile<{ jobId: string }>(`/api/campaigns/${enc(campaignId)}/import`, file, { query: { category } });
export const getJob = (id: string) => api<Job>(`/api/jobs/${enc(id)}`, { quiet: true });

/** The outcome of an import job: its result, or the refusal with its row errors. */
export function importOutcome(job: Job | undefined) {
  const error = job?.error as
    | { message?: string; key?: string; params?: RowError['params']; details?: { errors?: RowError[] } }
    | null
    | undefined;
  const message = error?.key && isMessageKey(error.key) ? translate(error.key, error.params) : (error?.message ?? '');
  return {
    result: job?.status === 'succeeded' ? (job.result as ImportResult) : null,
    failure: job?.status === 'failed' ? { message, errors: error?.details?.errors ?? [] } : null,
  };
}

/** Rows across villages (district and township users): a page, and the same filters as a spreadsheet. */
export type { RowSearchFilters, RowSearchItem };
export const rowSearchKey = (campaignId: string, f: RowSearchFilters, page: number, pageSize: number) =>
  ['ledgers', 'rowSearch', campaignId, f, page, pageSize] as const;
export const searchRows = (campaignId: string, f: RowSearchFilters, page: number, pageSize: number) =>
  api<{ total: number; items: RowSearchItem[] }>(`/api/campaigns/${enc(campaignId)}/rows`, {
    query: { ...f, page, pageSize },
  });
export const exportRowSearch = (campaignId: string, f: RowSearchFilters, fallbackName: string) =>
  download(`/api/campaigns/${enc(campaignId)}/rows/export`, { ...f }, fallbackName);
