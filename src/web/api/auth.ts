import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Captcha, LoginBody, Me, MfaEnrolment, SessionInfo } from '../../shared/accounts.js';
import { api, ApiError, setCsrfToken } from './client.js';
import { persistLocale } from '../i18n/index.js';
import { persistCare } from '../theme/care.js';

export type { Me, MeGrant, SessionInfo, Captcha, MfaEnrolment, LoginBody } from '../../shared/accounts.js';

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

/**
 * Signs in; errors (401 bad credentials, captcha_required / mfa_required, 423 this name waits, 429 this
 * address waits) are left to the login form to show inline.
 */
export async function login(body: LoginBody): Promise<Me> {
  const me = await api<Me>('/api/auth/login', { method: 'POST', body, quiet: true });
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
/** Every session in the security administrator's region. */
export const listAllSessions = () => api<{ items: SessionInfo[] }>('/api/sessions');
export const endAnySession = (id: string) =>
  api<{ ok: true }>(`/api/sessions/${encodeURIComponent(id)}`, { method: 'DELETE' });

export const fetchCaptcha = () => api<Captcha>('/api/auth/captcha', { quiet: true });
export const startMfa = () => api<MfaEnrolment>('/api/auth/mfa/setup', { method: 'POST', quiet: true });
export const enableMfa = (otp: string) =>
  api<{ codes: string[] }>('/api/auth/mfa/enable', { method: 'POST', body: { otp }, quiet: true });
export const renewRecoveryCodes = (otp: string) =>
  api<{ codes: string[] }>('/api/auth/mfa/recovery-codes', { method: 'POST', body: { otp }, quiet: true });

/** The current user from the query cache (loaded once at start, refreshed on demand). */
export function useMe() {
  return useQuery({ queryKey: ME_KEY, queryFn: fetchMe, staleTime: Infinity, retry: false });
}

export function useSetMe() {
  const qc = useQueryClient();
  return (me: Me | null) => qc.setQueryData(ME_KEY, me);
}
