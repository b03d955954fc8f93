/**
 * Catalog API calls and query keys. Response types come from the shared zod schemas (type-only
 * imports, so no zod reaches the browser).
 */
import type { z } from 'zod';
import type {
  AdjustmentDto,
  AdjustmentListQuery,
  AdjustmentOperation,
  AdjustmentStatus,
  CatalogDto,
  CatalogKind,
  CreateAdjustmentBody,
  EffectiveItemDto,
  ImportResult,
  UpdateAdjustmentBody,
  adjustmentListSchema,
  adjustmentSummarySchema,
  catalogItemsSchema,
  catalogListSchema,
  catalogDiffSchema,
  certificateCheckSchema,
  effectiveCatalogSchema,
  itemFieldsSchema,
  itemHistorySchema,
  matchCandidateSchema,
  publicCatalogsSchema,
  revisionSchema,
} from '../../../shared/catalogs.js';
import type { RowError } from '../../../shared/errors.js';
import { jobSchema } from '../../../shared/jobs.js';
import { api, ApiError, download, withQuery } from '../../api/client.js';
import { fetchMe } from '../../api/auth.js';
import { translate } from '../../i18n/index.js';

export type { AdjustmentDto, AdjustmentOperation, AdjustmentStatus, CatalogDto, CatalogKind, EffectiveItemDto };
export type AdjustmentSummary = z.infer<typeof adjustmentSummarySchema>;
export type EffectiveCatalog = z.infer<typeof effectiveCatalogSchema>;
export type ActiveCatalog = EffectiveCatalog['catalogs'][number];
export type CatalogDiff = z.infer<typeof catalogDiffSchema>;
export type DiffEntry = CatalogDiff['added'][number];
export type DiffCause = DiffEntry['causes'][number];
export type ItemHistory = z.infer<typeof itemHistorySchema>;
export type Revision = z.infer<typeof revisionSchema>;
export type ItemFields = z.infer<typeof itemFieldsSchema>;
export type Job = z.infer<typeof jobSchema>;
export type CertificateCheck = z.infer<typeof certificateCheckSchema>;
export type MatchCandidate = z.infer<typeof matchCandidateSchema>;
export type PublicCatalogs = z.infer<typeof publicCatalogsSchema>;
export type PublicCatalog = PublicCatalogs['kinds'][number]['catalogs'][number];
export type PublicItem = PublicCatalog['items'][number];
export type CatalogItems = z.infer<typeof catalogItemsSchema>;
export type { CreateAdjustmentBody, ImportResult, UpdateAdjustmentBody, RowError };
export type AdjustmentFilter = Omit<AdjustmentListQuery, 'page' | 'pageSize'>;

export const catalogKeys = {
  all: ['catalogs'] as const,
  list: (region: string | undefined) => ['catalogs', 'list', region ?? ''] as const,
  effective: (region: string, date: string, view: 'internal' | 'public' = 'internal') =>
    ['catalogs', 'effective', region, date, view] as const,
  items: (id: string, date: string) => ['catalogs', 'items', id, date] as const,
  history: (code: string) => ['catalogs', 'history', code] as const,
  diff: (region: string, from: string, to: string) => ['catalogs', 'diff', region, from, to] as const,
  adjustments: (f: AdjustmentFilter, page: number, pageSize: number) =>
    ['catalogs', 'adjustments', f, page, pageSize] as const,
  adjustment: (id: string) => ['catalogs', 'adjustment', id] as const,
  job: (id: string) => ['jobs', id] as const,
};

export const listCatalogs = (region?: string) =>
  api<z.infer<typeof catalogListSchema>>('/api/catalogs', { query: { region } }).then((r) => r.items);
export const effectiveCatalog = (region: string, date: string, view: 'internal' | 'public' = 'internal') =>
  api<EffectiveCatalog>('/api/catalogs/effective', {
    query: { region, date, view: view === 'public' ? view : undefined },
  });
export const catalogItems = (id: string, date: string) =>
  api<CatalogItems>(`/api/catalogs/${encodeURIComponent(id)}/items`, { query: { date } });
export const itemHistory = (code: string) =>
  api<ItemHistory>(`/api/catalogs/items/${encodeURIComponent(code)}/history`);
export const catalogDiff = (region: string, from: string, to: string) =>
  api<CatalogDiff>('/api/catalogs/diff', { query: { region, from, to } });

export const exportCatalog = (id: string, date: string) =>
  download(`/api/catalogs/${encodeURIComponent(id)}/export.xlsx`, { date }, '目录.xlsx');
export const exportEffective = (region: string, date: string) =>
  download('/api/catalogs/effective/export.xlsx', { region, date }, '现行目录.xlsx');
export const downloadTemplate = () => download('/api/catalogs/template.xlsx', undefined, '目录导入模板.xlsx');

export const listAdjustments = (f: AdjustmentFilter, page: number, pageSize: number) =>
  api<z.infer<typeof adjustmentListSchema>>('/api/catalogs/adjustments', { query: { ...f, page, pageSize } });
export const getAdjustment = (id: string) => api<AdjustmentDto>(`/api/catalogs/adjustments/${encodeURIComponent(id)}`);
/** quiet: the form shows the server's Chinese message next to the fields. */
export const createAdjustment = (body: CreateAdjustmentBody) =>
  api<AdjustmentDto>('/api/catalogs/adjustments', { method: 'POST', body, quiet: true });
export const updateAdjustment = (id: string, body: UpdateAdjustmentBody) =>
  api<AdjustmentDto>(`/api/catalogs/adjustments/${encodeURIComponent(id)}`, { method: 'PATCH', body, quiet: true });

export type AdjustmentAction = 'submit' | 'cancel' | 'approve' | 'reject' | 'publish';
export const adjustmentAction = (
  id: string,
  action: AdjustmentAction,
  version: number,
  note?: string | null,
  quiet = false,
) =>
  api<AdjustmentDto>(`/api/catalogs/adjustments/${encodeURIComponent(id)}/${action}`, {
    method: 'POST',
    quiet,
    body:
      action === 'approve'
        ? { version, note: note?.trim() || null }
        : action === 'reject'
          ? { version, note: note ?? '' }
          : { version },
  });

export const getJob = (id: string) => api<Job>(`/api/jobs/${encodeURIComponent(id)}`);

/** Row errors of a refused import (`error.details.errors`). */
export function jobRowErrors(job: Job | undefined): RowError[] {
  const e = job?.error as { details?: { errors?: RowError[] } } | null | undefined;
  return e?.details?.errors ?? [];
}
export const jobErrorMessage = (job: Job | undefined) =>
  (job?.error as { message?: string } | null | undefined)?.message ?? null;

/** The server's `{ error }` body (or the bare status) as an ApiError. */
async function uploadError(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; details?: unknown };
  } | null;
  const e = body?.error;
  return e?.code && e.message
    ? new ApiError(e.code as ApiError['code'], e.message, res.status, e.details)
    : new ApiError('http', translate('error.http', { status: res.status }), res.status);
}

/**
 * POST /api/catalogs/:id/import (multipart, field `file`) → 202 {jobId}. api/client.ts speaks JSON
 * only, so this one call uses fetch with the same conventions: same-origin cookie, the session's CSRF
 * token (read from /api/auth/me, which also refreshes the client's copy), one retry on csrf_failed,
 * and the server's error turned into an ApiError. The page shows the error inline.
 */
export async function uploadImport(catalogId: string, file: File): Promise<{ jobId: string }> {
  const send = async () => {
    const me = await fetchMe();
    if (!me) throw new ApiError('unauthenticated', translate('error.sessionExpired'), 401);
    const form = new FormData();
    form.append('file', file, file.name);
    try {
      return await fetch(withQuery(`/api/catalogs/${encodeURIComponent(catalogId)}/import`), {
        method: 'POST',
        credentials: 'same-origin',
        headers: { Accept: 'application/json', ...(me.csrfToken ? { 'X-CSRF-Token': me.csrfToken } : {}) },
        body: form,
      });
    } catch {
      throw new ApiError('network', translate('error.network'), 0);
    }
  };
  let res = await send();
  if (res.ok) return (await res.json()) as { jobId: string };
  let err = await uploadError(res);
  if (err.code === 'csrf_failed') {
    res = await send();
    if (res.ok) return (await res.json()) as { jobId: string };
    err = await uploadError(res);
  }
  throw err;
}

/** Public window (no login): quiet, the public pages show their own error states. */
export const publicCatalogs = (region: string) =>
  api<PublicCatalogs>('/api/public/catalogs', { query: { region }, quiet: true });
export const certificateCheck = (q: string, region: string) =>
  api<CertificateCheck>('/api/public/certificate-check', { query: { q, region }, quiet: true });
export const publicKeys = {
  catalogs: (region: string) => ['public', 'catalogs', region] as const,
  check: (q: string, region: string) => ['public', 'check', q, region] as const,
};
