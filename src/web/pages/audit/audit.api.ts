import type { z } from 'zod';
import { api, download, type Query } from '../../api/client.js';
import type { AuditFilter, AuditRow, auditVerifySchema } from '../../../shared/audit.js';

/** Types from the shared contract (src/shared/audit.ts), imported as types only. */
export type { AuditFilter, AuditRow };
export type VerifyResult = z.infer<typeof auditVerifySchema>;

export const auditKeys = {
  list: (f: AuditFilter, page: number, pageSize: number) => ['audit', 'list', f, page, pageSize] as const,
};

export const listAudit = (f: AuditFilter, page: number, pageSize: number) =>
  api<{ total: number; items: AuditRow[] }>('/api/audit', { query: { ...(f as Query), page, pageSize } });
export const verifyAudit = () => api<VerifyResult>('/api/audit/verify');
export const exportAudit = (f: AuditFilter) => download('/api/audit/export', f as Query, '审计记录.xlsx');
