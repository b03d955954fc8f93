/**
 * Certificate desk API calls and query keys. Types come from the shared contract
 * (src/shared/certificates.ts) by type-only imports, so no zod reaches the browser.
 */
import type {
  CaseKind,
  Certificate,
  CertificateCase,
  CertificateDetail,
  Demand,
  DemanderCount,
  DemandInput,
  DeskMatch,
  IssueInput,
  PrintData,
  PromiseInput,
  RefusalInput,
  RegisterFilter,
  UnmaskField,
} from '../../../shared/certificates.js';
import { zh } from '../../../shared/i18n.js';
import { api, download, type Query } from '../../api/client.js';

type Page<T> = { total: number; items: T[] };
const enc = encodeURIComponent;

export const certificateKeys = {
  all: ['certificates'] as const,
  match: (q: string) => ['certificates', 'match', q] as const,
  register: (f: RegisterFilter, page: number, pageSize: number) =>
    ['certificates', 'register', f, page, pageSize] as const,
  detail: (id: string) => ['certificates', 'detail', id] as const,
  cases: (kind: CaseKind, page: number, pageSize: number) => ['certificates', 'cases', kind, page, pageSize] as const,
  case: (id: string) => ['certificates', 'case', id] as const,
  demands: (page: number, pageSize: number) => ['certificates', 'demands', page, pageSize] as const,
  demandCounts: ['certificates', 'demands', 'by-demander'] as const,
};

export const matchAtDesk = (q: string) => api<DeskMatch>('/api/certificates/desk/match', { query: { q } });
export const issueCertificate = (body: IssueInput) =>
  api<CertificateDetail>('/api/certificates', { method: 'POST', body });
export const listRegister = (f: RegisterFilter, page: number, pageSize: number) =>
  api<Page<Certificate>>('/api/certificates', { query: { ...(f as Query), page, pageSize } });
export const exportRegister = (f: RegisterFilter) =>
  download('/api/certificates/export', f as Query, `${zh('certificates.export.sheet')}.xlsx`);
/** quiet: a 404 (not visible) is shown by the page itself. */
export const getCertificate = (id: string) => api<CertificateDetail>(`/api/certificates/${enc(id)}`, { quiet: true });
/** The print data (clear name and ID number; audited, numbered). quiet: the print page explains a reprint reason or a revocation itself. */
export const printCertificate = (id: string, reason: string | null) =>
  api<PrintData>(`/api/certificates/${enc(id)}/print`, { method: 'POST', body: { reason }, quiet: true });
export const unmaskCertificate = (id: string, fields: UnmaskField[], reason: string) =>
  api<{ name?: string; idNumber?: string | null; phone?: string | null }>(`/api/certificates/${enc(id)}/unmask`, {
    method: 'POST',
    body: { fields, reason },
  });
export const revokeCertificate = (id: string, version: number, reason: string) =>
  api<CertificateDetail>(`/api/certificates/${enc(id)}/revoke`, { method: 'POST', body: { version, reason } });
export const refuseAtDesk = (body: RefusalInput) =>
  api<CertificateCase>('/api/certificates/refusals', { method: 'POST', body });
export const promiseAtDesk = (body: PromiseInput) =>
  api<CertificateCase>('/api/certificates/promises', { method: 'POST', body });
export const listCases = (kind: CaseKind, page: number, pageSize: number) =>
  api<Page<CertificateCase>>(kind === 'refusal' ? '/api/certificates/refusals' : '/api/certificates/promises', {
    query: { page, pageSize },
  });
export const getCase = (kind: CaseKind, id: string) =>
  api<CertificateCase>(`/api/certificates/${kind === 'refusal' ? 'refusals' : 'promises'}/${enc(id)}`, { quiet: true });
export const listDemands = (page: number, pageSize: number) =>
  api<Page<Demand>>('/api/certificates/demands', { query: { page, pageSize } });
export const recordDemand = (body: DemandInput) => api<Demand>('/api/certificates/demands', { method: 'POST', body });
export const demandsByDemander = () =>
  api<{ total: number; delisted: number; items: DemanderCount[] }>('/api/certificates/demands/by-demander');
