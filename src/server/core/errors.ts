import type { ErrorCode } from '../../shared/errors.js';
import { zh, type MessageKey, type MessageParams } from '../../shared/i18n.js';

/** The one table from error code to HTTP status. */
export const STATUS: Record<ErrorCode, number> = {
  validation_failed: 400,
  import_failed: 400,
  unauthenticated: 401,
  password_change_required: 403,
  mfa_enrolment_required: 403,
  mfa_required: 401,
  captcha_required: 401,
  two_person_required: 409,
  csrf_failed: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  account_locked: 423,
  rate_limited: 429,
  integrity_failed: 500,
  service_unavailable: 503,
  internal: 500,
};

/** The message of a code when a thrower gives none: `error.code.<code>` in the locale tables. */
export const defaultKey = (code: ErrorCode) => `error.code.${code}` as MessageKey;

/** A message by key (src/shared/locales), rendered in Chinese on the server and in the user's language on the web. */
export interface Msg {
  key: MessageKey;
  params?: MessageParams;
}
export const msg = (key: MessageKey, params?: MessageParams): Msg => ({ key, params });

/**
 * Domain error: code + message + optional details (e.g. row errors). Never an HTTP class. The message is
 * a key of the locale tables (`msg('errors.x', { … })`), or — for messages not yet keyed — literal Chinese.
 */
export class AppError extends Error {
  readonly key: MessageKey | null;
  readonly params: MessageParams | undefined;
  constructor(
    readonly code: ErrorCode,
    message?: string | Msg,
    readonly details?: unknown,
  ) {
    const m = message === undefined ? msg(defaultKey(code)) : message;
    super(typeof m === 'string' ? m : zh(m.key, m.params));
    this.key = typeof m === 'string' ? null : m.key;
    this.params = typeof m === 'string' ? undefined : m.params;
    this.name = 'AppError';
  }
  get status(): number {
    return STATUS[this.code];
  }
}

export const notFound = (what = '记录'): never => {
  throw new AppError('not_found', `未找到该${what}，或您无权查看`);
};
export const forbidden = (message?: string | Msg): never => {
  throw new AppError('forbidden', message);
};
export function ensure(condition: unknown, message?: string | Msg): asserts condition {
  if (!condition) throw new AppError('forbidden', message);
}
