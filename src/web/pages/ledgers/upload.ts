import { api, ApiError, setCsrfToken, withQuery, type Query } from '../../api/client.js';
import { translate } from '../../i18n/index.js';
import { isMessageKey } from '../../../shared/i18n.js';

/**
 * multipart/form-data uploads (ledger import, evidence, board photos). api/client.ts sends JSON only
 * and keeps its CSRF token private, so this fetches the current token through /api/auth/me (which
 * also refreshes the client's copy) and sends the form itself. Always "quiet": the caller shows the
 * error (an import's row errors are a table, not a toast).
 */
export async function uploadFile<T>(
  path: string,
  file: File | Blob,
  opts: { fields?: Record<string, string>; query?: Query; filename?: string } = {},
): Promise<T> {
  const me = await api<{ csrfToken: string | null }>('/api/auth/me', { quiet: true });
  setCsrfToken(me.csrfToken);
  const form = new FormData();
  // The server reads text fields (e.g. note) before the file part.
  for (const [k, v] of Object.entries(opts.fields ?? {})) form.append(k, v);
  form.append('file', file, opts.filename ?? (file instanceof File ? file.name : 'file'));
  let res: Response;
  try {
    res = await fetch(withQuery(path, opts.query), {
      method: 'POST',
      headers: { Accept: 'application/json', ...(me.csrfToken ? { 'X-CSRF-Token': me.csrfToken } : {}) },
      credentials: 'same-origin',
      body: form,
    });
  } catch {
    throw new ApiError('network', translate('error.network'), 0);
  }
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  if (res.ok) return body as T;
  const e = (
    body as {
      error?: {
        code?: ApiError['code'];
        message?: string;
        key?: string;
        params?: Record<string, string | number>;
        details?: unknown;
      };
    } | null
  )?.error;
  // A keyed message is shown in the user's language, as api/client.ts does.
  if (e?.code && e.message)
    throw new ApiError(
      e.code,
      e.key && isMessageKey(e.key) ? translate(e.key, e.params) : e.message,
      res.status,
      e.details,
    );
  if (res.status === 413) throw new ApiError('payload_too_large', translate('upload.tooLarge'), 413);
  throw new ApiError('http', translate('error.http', { status: res.status }), res.status);
}
