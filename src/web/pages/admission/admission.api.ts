/**
 * Admission API calls and query keys. Types come from the shared contract (src/shared/admission.ts) by
 * type-only imports, so no zod reaches the browser.
 */
import type { z } from 'zod';
import type {
  AdmittedTask,
  DecisionInput,
  Department,
  DepartmentCount,
  Flag,
  NewFlag,
  PublicDecision,
  RequestContentInput,
  RequestDetail,
  RequestFilter,
  RequestSummary,
  judgedPrecheckSchema,
} from '../../../shared/admission.js';
import { api, type Query } from '../../api/client.js';

/** The live pre-check: the strictest result over every township judged. */
export type JudgedPrecheck = z.infer<typeof judgedPrecheckSchema>;

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
export const createRequest = (content: RequestContentInput) =>
  api<RequestDetail>('/api/admission/requests', { method: 'POST', body: { content } });
export const updateRequest = (id: string, version: number, content: RequestContentInput) =>
  api<RequestDetail>(`/api/admission/requests/${enc(id)}`, { method: 'PATCH', body: { version, content } });
export const submitRequest = (id: string, version: number) =>
  api<RequestDetail>(`/api/admission/requests/${enc(id)}/submit`, { method: 'POST', body: { version } });
/** The live pre-check while the form is being filled: quiet, the panel shows problems itself. */
export const precheckContent = (content: RequestContentInput, signal?: AbortSignal) =>
  api<JudgedPrecheck>('/api/admission/precheck', { method: 'POST', body: { content }, quiet: true, signal });
export const decideRequest = (id: string, body: DecisionInput) =>
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
