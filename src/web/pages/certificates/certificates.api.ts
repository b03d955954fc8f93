import { api, download, type Query } from '../../api/client.js';

export interface ItemRef {
  code: string;
  name: string;
  kind: string;
  catalogId: string;
  catalogTitle: string;
  basis: string | null;
}

/** Where to go instead: `official` is the list's own wording; `guidance` is the platform's (平台指引). */
export interface Alternative {
  official: string | null;
  guidance: string | null;
  guidanceNote: string;
}

export type DeskAction = 'issue' | 'refuse' | 'promise' | 'deliberate';

export interface DeskMatch {
  query: string;
  region: { code: string; name: string };
  date: string;
  catalogVersionId: string;
  verdict: 'positive' | 'negative' | 'unlisted';
  item: ItemRef | null;
  alternative: Alternative | null;
  candidates: { code: string; name: string; kind: string; score: number; reason: string }[];
  promise: { available: boolean; basis: string | null };
  actions: DeskAction[];
  template: { code: string; title: string; paragraphs: string[] } | null;
}

export interface Holder {
  name: string;
  idNumber: string | null;
  phone: string | null;
}

export interface Deliberation {
  heldOn: string;
  form: 'villagers_meeting' | 'representatives_meeting' | 'joint_meeting' | 'other';
  participants: number;
  summary: string;
}

export interface SignOff {
  name: string;
  title: string;
  signedOn: string;
}

export interface IssueBody {
  q: string;
  itemCode: string | null;
  title: string | null;
  holder: Holder;
  purpose: string;
  demander: string | null;
  facts: string;
  signerName: string;
  basis: string | null;
  deliberation: Deliberation | null;
  signOff: SignOff | null;
}

export interface Certificate {
  id: string;
  serial: string;
  year: number;
  regionCode: string;
  regionName: string;
  townshipCode: string | null;
  requestText: string;
  itemCode: string | null;
  itemName: string;
  path: 'catalog' | 'deliberation';
  pathLabel: string;
  catalogVersionId: string;
  holderName: string;
  idNumber: string | null;
  phone: string | null;
  purpose: string;
  demander: string | null;
  basis: string;
  signerName: string;
  status: 'valid' | 'revoked';
  statusLabel: string;
  issuedByName: string;
  issuedAt: string;
  issuedOn: string;
  revokedAt: string | null;
  revokedByName: string | null;
  revokeReason: string | null;
  printCount: number;
  version: number;
}

export interface CertificateDetail extends Certificate {
  facts: string;
  deliberation: (Deliberation & { formLabel?: string }) | null;
  signOff: SignOff | null;
  verificationCode: string;
  verifyPath: string;
  events: { at: string; kind: string; actorName: string | null; copyNo: number | null; note: string | null }[];
  abilities: { print: boolean; revoke: boolean; unmask: boolean };
}

export interface PrintData {
  serial: string;
  title: string;
  paragraphs: string[];
  holderName: string;
  idNumber: string | null;
  purpose: string;
  demander: string | null;
  villageName: string;
  issuer: string;
  signerName: string;
  signOff: SignOff | null;
  issuedOn: string;
  issuedOnText: string;
  verificationCode: string;
  verifyPath: string;
  copyNo: number;
  reprint: boolean;
  basis: string;
  path: string;
}

export interface CertificateCase {
  id: string;
  number: string;
  kind: 'refusal' | 'promise';
  regionCode: string;
  regionName: string;
  requestText: string;
  verdict: string;
  item: ItemRef | null;
  catalogVersionId: string;
  alternative: Alternative | null;
  reason: string;
  holderName: string | null;
  idNumber: string | null;
  phone: string | null;
  purpose: string | null;
  demander: string | null;
  promiseText: string[] | null;
  createdByName: string;
  createdAt: string;
  createdOn: string;
  title: string;
}

export const DEMANDER_KINDS = [
  'bank',
  'insurer',
  'agency',
  'employer',
  'school',
  'hospital',
  'court',
  'other',
] as const;
export type DemanderKind = (typeof DEMANDER_KINDS)[number];

export interface RefusalBody {
  q: string;
  holderName: string | null;
  purpose: string | null;
  demander: string | null;
  demanderKind: DemanderKind;
  reason: string | null;
}

export interface PromiseBody {
  q: string;
  itemCode: string;
  holder: Holder;
  purpose: string;
  demander: string | null;
}

export interface Demand {
  id: string;
  regionCode: string;
  regionName: string;
  demanderName: string;
  demanderKind: string;
  demanderKindLabel: string;
  certificateName: string;
  itemCode: string | null;
  itemName: string | null;
  itemKind: string | null;
  delisted: boolean;
  catalogVersionId: string;
  demandedOn: string;
  note: string | null;
  caseId: string | null;
  recordedByName: string;
  createdAt: string;
}

export interface DemandBody {
  demanderName: string;
  demanderKind: DemanderKind;
  certificateName: string;
  demandedOn: string;
  note: string | null;
}

export interface DemanderCount {
  demanderKey: string;
  demanderName: string;
  demanderKind: string;
  count: number;
  delisted: number;
  lastDemandedOn: string;
}

export interface RegisterFilter {
  q?: string;
  name?: string;
  idNumber?: string;
  phone?: string;
  status?: 'valid' | 'revoked';
  path?: 'catalog' | 'deliberation';
  from?: string;
  to?: string;
}

type Page<T> = { total: number; items: T[] };
const enc = encodeURIComponent;

export const certificateKeys = {
  all: ['certificates'] as const,
  match: (q: string) => ['certificates', 'match', q] as const,
  register: (f: RegisterFilter, page: number, pageSize: number) =>
    ['certificates', 'register', f, page, pageSize] as const,
  detail: (id: string) => ['certificates', 'detail', id] as const,
  cases: (kind: 'refusal' | 'promise', page: number, pageSize: number) =>
    ['certificates', 'cases', kind, page, pageSize] as const,
  case: (id: string) => ['certificates', 'case', id] as const,
  demands: (page: number, pageSize: number) => ['certificates', 'demands', page, pageSize] as const,
  demandCounts: ['certificates', 'demands', 'by-demander'] as const,
};

export const matchAtDesk = (q: string) => api<DeskMatch>('/api/certificates/desk/match', { query: { q } });
export const issueCertificate = (body: IssueBody) =>
  api<CertificateDetail>('/api/certificates', { method: 'POST', body });
export const listRegister = (f: RegisterFilter, page: number, pageSize: number) =>
  api<Page<Certificate>>('/api/certificates', { query: { ...(f as Query), page, pageSize } });
export const exportRegister = (f: RegisterFilter) =>
  download('/api/certificates/export', f as Query, '证明开具台账.xlsx');
/** quiet: a 404 (not visible) is shown by the page itself. */
export const getCertificate = (id: string) => api<CertificateDetail>(`/api/certificates/${enc(id)}`, { quiet: true });
/** The print data (clear name and ID number; audited, numbered). quiet: the print page explains a reprint reason or a revocation itself. */
export const printCertificate = (id: string, reason: string | null) =>
  api<PrintData>(`/api/certificates/${enc(id)}/print`, { method: 'POST', body: { reason }, quiet: true });
export const unmaskCertificate = (id: string, fields: ('name' | 'idNumber' | 'phone')[], reason: string) =>
  api<{ name?: string; idNumber?: string | null; phone?: string | null }>(`/api/certificates/${enc(id)}/unmask`, {
    method: 'POST',
    body: { fields, reason },
  });
export const revokeCertificate = (id: string, version: number, reason: string) =>
  api<CertificateDetail>(`/api/certificates/${enc(id)}/revoke`, { method: 'POST', body: { version, reason } });
export const refuseAtDesk = (body: RefusalBody) =>
  api<CertificateCase>('/api/certificates/refusals', { method: 'POST', body });
export const promiseAtDesk = (body: PromiseBody) =>
  api<CertificateCase>('/api/certificates/promises', { method: 'POST', body });
export const listCases = (kind: 'refusal' | 'promise', page: number, pageSize: number) =>
  api<Page<CertificateCase>>(kind === 'refusal' ? '/api/certificates/refusals' : '/api/certificates/promises', {
    query: { page, pageSize },
  });
export const getCase = (kind: 'refusal' | 'promise', id: string) =>
  api<CertificateCase>(`/api/certificates/${kind === 'refusal' ? 'refusals' : 'promises'}/${enc(id)}`, { quiet: true });
export const listDemands = (page: number, pageSize: number) =>
  api<Page<Demand>>('/api/certificates/demands', { query: { page, pageSize } });
export const recordDemand = (body: DemandBody) => api<Demand>('/api/certificates/demands', { method: 'POST', body });
export const demandsByDemander = () =>
  api<{ total: number; delisted: number; items: DemanderCount[] }>('/api/certificates/demands/by-demander');
