import { api, download, type Query } from '../../api/client.js';

export interface AuditRow {
  seq: number;
  id: string;
  ts: string;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  outcome: 'success' | 'failure' | string;
  entity: string;
  entityId: string | null;
  regionCode: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

export interface AuditFilter {
  actor?: string;
  action?: string;
  entity?: string;
  outcome?: 'success' | 'failure';
  from?: string;
  to?: string;
}

export interface VerifyResult {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
}

export const auditKeys = {
  list: (f: AuditFilter, page: number, pageSize: number) => ['audit', 'list', f, page, pageSize] as const,
};

export const listAudit = (f: AuditFilter, page: number, pageSize: number) =>
  api<{ total: number; items: AuditRow[] }>('/api/audit', { query: { ...(f as Query), page, pageSize } });
export const verifyAudit = () => api<VerifyResult>('/api/audit/verify');
export const exportAudit = (f: AuditFilter) => download('/api/audit/export', f as Query, '审计记录.xlsx');
