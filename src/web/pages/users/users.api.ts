import type { Role } from '../../../shared/roles.js';
import type {
  AdminRequest,
  AdminRequestStatus,
  Department,
  NewUser,
  UserGrant,
  UserRow,
} from '../../../shared/accounts.js';
import { api } from '../../api/client.js';

export type { AdminRequest, Department, NewUser, UserGrant, UserRow } from '../../../shared/accounts.js';

export const userKeys = {
  all: ['users'] as const,
  list: (q: string, page: number, pageSize: number) => ['users', 'list', q, page, pageSize] as const,
  grants: (id: string) => ['users', 'grants', id] as const,
  requests: ['users', 'admin-requests'] as const,
  departments: ['departments'] as const,
};

export const listUsers = (q: string, page: number, pageSize: number) =>
  api<{ total: number; items: UserRow[] }>('/api/users', { query: { q, page, pageSize } });
export const createUser = (body: NewUser) => api<UserRow>('/api/users', { method: 'POST', body });
/** Applied (the user), or for an administrator filed for a second administrator (`{ pending }`). */
export const updateUser = (
  id: string,
  body: { displayName?: string; status?: 'active' | 'disabled'; unlock?: true; version: number },
) => api<UserRow | { pending: AdminRequest }>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const resetPassword = (id: string) =>
  api<{ oneTimePassword: string | null; pending: AdminRequest | null }>(
    `/api/users/${encodeURIComponent(id)}/reset-password`,
    { method: 'POST' },
  );
export const resetMfa = (id: string) =>
  api<{ pending: AdminRequest | null }>(`/api/users/${encodeURIComponent(id)}/reset-mfa`, { method: 'POST' });
export const listAdminRequests = (status?: AdminRequestStatus) =>
  api<{ items: AdminRequest[] }>('/api/admin-requests', { query: status ? { status } : {} }).then((r) => r.items);
export const decideAdminRequest = (id: string, how: 'approve' | 'reject' | 'cancel', version: number, note?: string) =>
  api<{ request: AdminRequest; oneTimePassword: string | null } | AdminRequest>(
    `/api/admin-requests/${encodeURIComponent(id)}/${how}`,
    { method: 'POST', body: { version, ...(note ? { note } : {}) } },
  );
export const listDepartments = () => api<{ items: Department[] }>('/api/departments').then((r) => r.items);
export const userGrants = (id: string) =>
  api<{ items: UserGrant[] }>(`/api/users/${encodeURIComponent(id)}/grants`).then((r) => r.items);
export const addGrant = (body: { userId: string; role: Role; regionCode: string }) =>
  api<{ items: UserGrant[]; pending: AdminRequest | null }>('/api/grants', { method: 'POST', body });
export const removeGrant = (id: string) =>
  api<{ ok: true; pending: AdminRequest | null }>(`/api/grants/${encodeURIComponent(id)}`, { method: 'DELETE' });
