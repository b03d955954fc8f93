import type { ApiErrorBody, ErrorCode } from '../../shared/errors.js';
import { isMessageKey } from '../../shared/i18n.js';
import { translate } from '../i18n/index.js';

/**
 * The one way the web app talks to the API: same-origin cookies, JSON, the CSRF token on every
 * state-changing request, and one error type. Errors are shown in exactly one place (the `notify`
 * handler App registers), unless the caller passes `quiet` and shows the message inline itself.
 */
export type ClientErrorCode = ErrorCode | 'network' | 'http';

export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Field-level problems from a 400 (`details.issues`), for forms. */
  get issues(): { field: string; message: string }[] {
    const d = this.details as { issues?: { field?: string; message?: string }[] } | undefined;
    return (d?.issues ?? []).filter((i) => i.field && i.message).map((i) => ({ field: i.field!, message: i.message! }));
  }

  get requestId(): string | undefined {
    return (this.details as { requestId?: string } | undefined)?.requestId;
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;

interface Handlers {
  /** Shows an error to the user (antd message / notification). */
  notify: (err: ApiError) => void;
  /** The session is gone: forget the user and go to /login. */
  unauthenticated: (err: ApiError) => void;
  /** The account must change its password first: go to /password. */
  passwordChangeRequired: (err: ApiError) => void;
  /** TOTP must be enrolled first: go to /mfa. */
  mfaEnrolmentRequired: (err: ApiError) => void;
}

const handlers: Handlers = {
  notify: (err) => console.error(err),
  unauthenticated: () => window.location.assign('/login'),
  passwordChangeRequired: () => window.location.assign('/password'),
  mfaEnrolmentRequired: () => window.location.assign('/mfa'),
};

export function configureClient(h: Partial<Handlers>) {
  Object.assign(handlers, h);
}

let csrfToken: string | null = null;

/** Remembers the CSRF token from a login or /api/auth/me response (null after sign-out). */
export function setCsrfToken(token: string | null | undefined) {
  csrfToken = token ?? null;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  query?: Query;
  body?: unknown;
  /** The caller shows the error itself: no toast, no redirect. */
  quiet?: boolean;
  signal?: AbortSignal;
}

export function withQuery(path: string, query?: Query) {
  if (!query) return path;
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  const s = qs.toString();
  return s ? `${path}?${s}` : path;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const method = opts.method ?? 'GET';
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  try {
    return await fetch(withQuery(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
      signal: opts.signal,
    });
  } catch (e) {
    if ((e as Error)?.name === 'AbortError') throw e;
    throw new ApiError('network', translate('error.network'), 0);
  }
}

async function toError(res: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON: a proxy or gateway page */
  }
  const e = (body as Partial<ApiErrorBody> | null)?.error;
  // A keyed message is shown in the user's language; an unkeyed one as the server worded it (Chinese).
  if (e?.code && e.message)
    return new ApiError(
      e.code,
      e.key && isMessageKey(e.key) ? translate(e.key, e.params) : e.message,
      res.status,
      e.details,
    );
  return new ApiError('http', translate('error.http', { status: res.status }), res.status);
}

/** Handles an error in the one agreed way, then rethrows it for the caller's own flow. */
function handle(err: ApiError, quiet: boolean | undefined): never {
  if (!quiet) {
    if (err.code === 'unauthenticated') handlers.unauthenticated(err);
    else if (err.code === 'password_change_required') handlers.passwordChangeRequired(err);
    else if (err.code === 'mfa_enrolment_required') handlers.mfaEnrolmentRequired(err);
    else handlers.notify(err);
  }
  throw err;
}

async function refreshCsrf(): Promise<boolean> {
  const res = await send('/api/auth/me', {});
  if (!res.ok) return false;
  const me = (await res.json()) as { csrfToken?: string | null };
  setCsrfToken(me.csrfToken);
  return !!me.csrfToken;
}

async function perform(path: string, opts: RequestOptions): Promise<Response> {
  let res = await send(path, opts).catch((e: unknown) => handle(e as ApiError, opts.quiet));
  if (res.ok) return res;
  let err = await toError(res);
  // A stale CSRF token (e.g. the session was renewed in another tab): fetch a fresh one and retry once.
  if (err.code === 'csrf_failed' && (opts.method ?? 'GET') !== 'GET' && (await refreshCsrf().catch(() => false))) {
    res = await send(path, opts).catch((e: unknown) => handle(e as ApiError, opts.quiet));
    if (res.ok) return res;
    err = await toError(res);
  }
  return handle(err, opts.quiet);
}

/** Calls the API and returns the parsed JSON body. */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await perform(path, opts);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** Downloads a file (e.g. an xlsx export) through the same error handling, and saves it. */
export async function download(path: string, query: Query | undefined, fallbackName: string): Promise<void> {
  const res = await perform(withQuery(path, query), {});
  const blob = await res.blob();
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const plain = /filename="?([^";]+)"?/i.exec(cd);
  const name = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
