import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Permission, RegionLevel, Role } from '../../shared/roles.js';
import { api, ApiError, setCsrfToken } from './client.js';
import { persistLocale } from '../i18n/index.js';
import { persistCare } from '../theme/care.js';

export interface MeGrant {
  role: Role;
  roleLabel: string;
  regionCode: string;
  regionName: string;
  level: RegionLevel;
}

/** GET /api/auth/me (also the body of a successful login). */
export interface Me {
  id: string;
  username: string;
  displayName: string;
  region: { code: string; name: string; level: RegionLevel } | null;
  department: { id: string; name: string } | null;
  grants: MeGrant[];
  permissions: Permission[];
  mustChangePassword: boolean;
  csrfToken: string | null;
}

export interface SessionInfo {
  id: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  current: boolean;
}

export const ME_KEY = ['auth', 'me'] as const;

/** The signed-in user, or null when there is no session (401 is the normal answer then). */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api<Me>('/api/auth/me', { quiet: true });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw e;
  }
}

let signedOutOnPurpose = false;
/** True after the user signed out (not timed out): the next sign-in starts at the landing page. */
export const isSignedOutOnPurpose = () => signedOutOnPurpose;

/** Signs in; errors (401 bad credentials, 423 locked) are left to the login form to show inline. */
export async function login(username: string, password: string): Promise<Me> {
  const me = await api<Me>('/api/auth/login', { method: 'POST', body: { username, password }, quiet: true });
  setCsrfToken(me.csrfToken);
  signedOutOnPurpose = false;
  return me;
}

export async function logout(): Promise<void> {
  signedOutOnPurpose = true;
  try {
    await api('/api/auth/logout', { method: 'POST', quiet: true });
  } finally {
    setCsrfToken(null);
    persistLocale(); // the response's Clear-Site-Data wiped localStorage
    persistCare();
  }
}

export const changePassword = (currentPassword: string, newPassword: string) =>
  api<{ ok: true }>('/api/auth/password', { method: 'POST', body: { currentPassword, newPassword }, quiet: true });

export const listSessions = () => api<{ items: SessionInfo[] }>('/api/auth/sessions');
export const endSession = (id: string) =>
  api<{ ok: true }>(`/api/auth/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });

/** The current user from the query cache (loaded once at start, refreshed on demand). */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, retry: false });
}

export function useSetMe() {
  const qc = useQueryClient();
  return (me: Me | null) => qc.setQueryData(ME_KEY, me);
}
