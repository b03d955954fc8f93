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
  message: string;
}

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
