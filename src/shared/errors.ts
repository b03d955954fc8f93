/** Stable error codes. The server maps each to one HTTP status (src/server/core/errors.ts). */
export const ERROR_CODES = [
  'validation_failed',
  'unauthenticated',
  'password_change_required',
  'mfa_enrolment_required',
  'mfa_required',
  'captcha_required',
  'two_person_required',
  'csrf_failed',
  'forbidden',
  'not_found',
  'conflict',
  'account_locked',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'import_failed',
  'integrity_failed',
  'service_unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface RowError {
  sheet?: string;
  row?: number;
  column?: string;
  field?: string;
  /** Chinese; `key` and `params` name the same message in the locale tables, when it has one. */
  message: string;
  key?: string;
  params?: Record<string, string | number>;
}

/**
 * The error body. `message` is Chinese (the API's language); `key` and `params` name the same message in
 * the locale tables (src/shared/locales), so a client shows it in the user's language.
 */
export interface ApiErrorBody {
  error: {
    code: ErrorCode;
    message: string;
    key?: string;
    params?: Record<string, string | number>;
    details?: unknown;
  };
}
