/**
 * Supervision API calls and query keys. Types come from the shared contract (src/shared/supervision.ts)
 * by type-only imports, so no zod reaches the browser.
 */
import type {
  Assignees,
  Case,
  CaseDetail,
  CaseQuery,
  PublicStatus,
  ReportBody,
  ReportReceipt,
} from '../../../shared/supervision.js';
import { isMessageKey } from '../../../shared/i18n.js';
import { api, ApiError, type Query } from '../../api/client.js';
import { translate } from '../../i18n/index.js';

type Page<T> = { total: number; items: T[] };
const enc = encodeURIComponent;

export const supervisionKeys = {
  all: ['supervision'] as const,
  cases: (f: CaseQuery, page: number, pageSize: number) => ['supervision', 'cases', f, page, pageSize] as const,
  case: (id: string) => ['supervision', 'case', id] as const,
  assignees: ['supervision', 'assignees'] as const,
  status: (code: string) => ['supervision', 'status', code] as const,
  villages: (q: string) => ['supervision', 'villages', q] as const,
};

// ───────────── public ─────────────

export const newCaptcha = () => api<{ id: string; svg: string }>('/api/auth/captcha', { quiet: true });
export const findVillages = (q: string) =>
  api<{ items: { code: string; name: string; path: string }[] }>('/api/public/villages', { query: { q }, quiet: true });

/** Sends a report as multipart (the JSON field `report`, then the photos); quiet: the form shows the error. */
export async function submitReport(report: ReportBody, photos: File[]): Promise<ReportReceipt> {
  const form = new FormData();
  form.append('report', JSON.stringify(report));
  for (const p of photos) form.append('photo', p, p.name);
  let res: Response;
  try {
    res = await fetch('/api/public/reports', { method: 'POST', headers: { Accept: 'application/json' }, body: form });
  } catch {
    throw new ApiError('network', translate('error.network'), 0);
  }
  const body = (await res.json().catch(() => null)) as
    | (ReportReceipt & {
        error?: { code: ApiError['code']; message: string; key?: string; params?: Record<string, string | number> };
      })
    | null;
  if (res.ok && body) return body;
  const e = body?.error;
  if (e?.code)
    throw new ApiError(e.code, e.key && isMessageKey(e.key) ? translate(e.key, e.params) : e.message, res.status);
  throw new ApiError('http', translate('error.http', { status: res.status }), res.status);
}

export const reportStatus = (code: string) => api<PublicStatus>(`/api/public/reports/${enc(code)}`, { quiet: true });
export const rateAnswer = (code: string, satisfied: boolean) =>
  api<PublicStatus>(`/api/public/reports/${enc(code)}/rating`, { method: 'POST', body: { satisfied } });
export const reopenReport = (code: string, reason: string) =>
  api<PublicStatus>(`/api/public/reports/${enc(code)}/reopen`, { method: 'POST', body: { reason } });

// ───────────── staff ─────────────

export const listCases = (f: CaseQuery, page: number, pageSize: number) =>
  api<Page<Case>>('/api/supervision/cases', { query: { ...(f as Query), page, pageSize } });
export const getCase = (id: string) => api<CaseDetail>(`/api/supervision/cases/${enc(id)}`, { quiet: true });
export const listAssignees = () => api<Assignees>('/api/supervision/assignees');
export type CaseAction = 'assign' | 'investigate' | 'correct' | 'answer' | 'close' | 'merge';
export const caseStep = (id: string, action: CaseAction, body: Record<string, unknown>) =>
  api<CaseDetail>(`/api/supervision/cases/${enc(id)}/${action}`, { method: 'POST', body });
export const revealReporter = (id: string, reason: string) =>
  api<{ name: string | null; contact: string | null }>(`/api/supervision/cases/${enc(id)}/reveal`, {
    method: 'POST',
    body: { reason },
  });
export const caseFromFlag = (flagId: string) =>
  api<{ id: string; code: string }>(`/api/supervision/flags/${enc(flagId)}/case`, { method: 'POST' });
export const photoUrl = (id: string, fileId: string) => `/api/supervision/cases/${enc(id)}/photos/${enc(fileId)}`;
