import type { Role } from '../../../shared/roles.js';
import { api } from '../../api/client.js';

export interface UserGrant {
  id: string;
  role: Role;
  regionCode: string;
  regionName: string;
}

export interface UserRow {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  status: 'active' | 'disabled' | string;
  mustChangePassword: boolean;
  locked: boolean;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
  grants: UserGrant[];
}

export interface Department {
  id: string;
  name: string;
  kind: string;
  regionCode: string;
  regionName: string;
}

export interface NewUser {
  username: string;
  displayName: string;
  regionCode: string;
  departmentId?: string | null;
  password: string;
}

export const userKeys = {
  all: ['users'] as const,
  list: (q: string, page: number, pageSize: number) => ['users', 'list', q, page, pageSize] as const,
  grants: (id: string) => ['users', 'grants', id] as const,
  departments: ['departments'] as const,
};

export const listUsers = (q: string, page: number, pageSize: number) =>
  api<{ total: number; items: UserRow[] }>('/api/users', { query: { q, page, pageSize } });
export const createUser = (body: NewUser) => api<UserRow>('/api/users', { method: 'POST', body });
export const updateUser = (
  id: string,
  body: { displayName?: string; status?: 'active' | 'disabled'; unlock?: true; version: number },
) => api<UserRow>(`/api/users/${encodeURIComponent(id)}`, { method: 'PATCH', body });
export const listDepartments = () => api<{ items: Department[] }>('/api/departments').then((r) => r.items);
export const userGrants = (id: string) =>
  api<{ items: UserGrant[] }>(`/api/users/${encodeURIComponent(id)}/grants`).then((r) => r.items);
export const addGrant = (body: { userId: string; role: Role; regionCode: string }) =>
  api<{ items: UserGrant[] }>('/api/grants', { method: 'POST', body }).then((r) => r.items);
export const removeGrant = (id: string) =>
  api<{ ok: true }>(`/api/grants/${encodeURIComponent(id)}`, { method: 'DELETE' });
