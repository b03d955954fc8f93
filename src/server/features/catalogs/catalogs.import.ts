/**
 * Import of an official annex table into a catalog (e.g. the Shanxi duties list, shipped empty).
 *
 * Decision: the district lead's import writes base items directly (no adjustment workflow): the table
 * is an already-issued official document, not a local change. It is all-or-nothing, keyed by item code
 * (new code → new item; changed row → new base revision; identical row → nothing), audited with one
 * row per import, and every written item gets a revision carrying the import's job id (per-item history).
 * It runs as a job; the HTTP call answers 202 {jobId}.
 */
import type { Deps } from '../../deps.js';
import type { AuthedContext } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { fileById, insertFile, type StoredFile } from '../../core/files.repo.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import type { JobContext } from '../../core/jobs.js';
import { failImport, precheckXlsx, readSheet } from '../../core/xlsx.js';
import type { RowError } from '../../../shared/errors.js';
import { zh } from '../../../shared/i18n.js';
import { z } from '../../../shared/zod.js';
import type { ImportResult } from '../../../shared/catalogs.js';
import { actorById } from '../accounts/directory.js';
import { EMPTY_FIELDS, type CatalogRecord, type ItemFields, type RevisionRecord } from './catalogs.model.js';
import { canImportInto } from './catalogs.policy.js';
import { contentKey } from './catalogs.seed.js';
import { CATALOG_COLUMNS, ITEM_SHEET, validateRow, type ImportRow } from './catalogs.excel.js';
import { missing } from './catalogs.effective.js';
import * as repo from './catalogs.repo.js';

export const IMPORT_JOB = 'catalogs.import';

export const importPayload = z.object({
  fileId: z.string(),
  catalogId: z.string(),
  userId: z.string(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type ImportPayload = z.infer<typeof importPayload>;

export type { ImportResult };

const importForbidden = () => new AppError('forbidden', msg('catalogs.error.importForbidden'));

/** Checks the request, stores the file and enqueues the import job (authorised again when it runs). */
export async function startImport(
  deps: Deps,
  ctx: AuthedContext,
  catalogId: string,
  file: { filename: string; mimetype: string; data: Buffer },
) {
  const { actor } = ctx;
  const catalog = (await repo.catalogById(deps.db, catalogId)) ?? missing('catalog');
  if (!canImportInto(actor, catalog)) throw importForbidden();
  await precheckXlsx(file.data);
  const fileId = newId();
  await insertFile(deps.db, {
    id: fileId,
    name: file.filename.slice(0, 200),
    contentType: file.mimetype.slice(0, 100),
    data: file.data,
    createdBy: actor.userId,
    createdAt: deps.clock.nowIso(),
  });
  const jobId = await deps.jobs.enqueue<ImportPayload>(
    IMPORT_JOB,
    { fileId, catalogId, userId: actor.userId, ip: ctx.ip, requestId: ctx.requestId },
    { createdBy: actor.userId, regionCode: catalog.ownerRegionCode },
  );
  return { jobId };
}

const rowFields = (r: ImportRow, keep: ItemFields): ItemFields => ({
  ...keep,
  name: r.name,
  category: r.category,
  basis: r.basis,
  basisArticle: r.basisArticle,
  responsibleDepartment: r.responsibleDepartment,
  funding: r.funding,
  alternativeChannel: r.alternativeChannel,
  notes: r.notes,
  sourceUrl: r.sourceUrl,
  effectiveTo: r.effectiveTo,
  // A sheet without rules keeps the item's rules (they are the platform's; change them by an adjustment).
  patterns: r.patterns ?? keep.patterns,
});

/** The job: parse, validate every row, then write everything in one transaction (or nothing). */
export async function runImport(deps: Deps, p: ImportPayload, job: JobContext): Promise<ImportResult> {
  const actor = await actorById(deps.db, p.userId);
  if (!actor) throw new AppError('forbidden', msg('catalogs.error.importerDisabled'));
  const catalog = (await repo.catalogById(deps.db, p.catalogId)) ?? missing('catalog');
  if (!canImportInto(actor, catalog)) throw importForbidden();
  const file = (await fileById(deps.db, p.fileId)) ?? missing('file');
  const ctx: AuthedContext = { actor, ip: p.ip, requestId: p.requestId };
  try {
    return await importRows(deps, ctx, catalog, file, job);
  } catch (err) {
    // A refused file is recorded too (who tried to import what, and how many errors), then reported.
    if (err instanceof AppError && err.code === 'import_failed') {
      const count = ((err.details as { errors?: unknown[] } | undefined)?.errors ?? []).length;
      await deps.db.transaction().execute((trx) =>
        appendAudit(trx, deps, ctx, {
          action: 'catalogs.import',
          outcome: 'failure',
          entity: 'catalog',
          entityId: catalog.id,
          regionCode: catalog.ownerRegionCode,
          after: { jobId: job.jobId, fileId: file.id, fileName: file.name, sha256: file.sha256, errors: count },
        }),
      );
    }
    throw err;
  }
}

async function importRows(
  deps: Deps,
  ctx: AuthedContext,
  catalog: CatalogRecord,
  file: StoredFile,
  job: JobContext,
): Promise<ImportResult> {
  const { actor } = ctx;

  await job.progress(0, 0, zh('catalogs.import.reading'));
  const read = await readSheet(file.data, CATALOG_COLUMNS);
  const sheet = read.sheet || ITEM_SHEET;
  if (read.errors.length) failImport(read.errors);
  if (!read.rows.length) failImport([{ sheet, row: 2, message: zh('catalogs.import.noRows') }]);
  const total = read.rows.length;
  await job.progress(0, total, zh('catalogs.import.checking'));

  const errors: RowError[] = [];
  const codeColumn = CATALOG_COLUMNS.find((c) => c.key === 'code')!.header;
  const codeError = (row: number, message: string) =>
    errors.push({ sheet, row, column: codeColumn, field: 'code', message });
  const rows: ImportRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of read.rows) {
    const v = validateRow(sheet, r);
    errors.push(...v.errors);
    const code = (r.values.code ?? '').trim();
    const seen = code ? firstRowOf.get(code) : undefined;
    if (seen !== undefined) {
      codeError(r.row, zh('catalogs.import.duplicateCode', { code, row: seen }));
      continue;
    }
    if (code) firstRowOf.set(code, r.row);
    if (v.row) rows.push(v.row);
  }
  const existing = await repo.itemsByCodes(
    deps.db,
    rows.map((r) => r.code),
  );
  const catalogTitles = new Map((await repo.allCatalogs(deps.db)).map((c) => [c.id, c.title]));
  for (const r of rows) {
    const item = existing.get(r.code);
    if (!item) continue;
    const other = catalogTitles.get(item.catalogId) ?? item.catalogId;
    if (item.catalogId !== catalog.id)
      codeError(r.row, zh('catalogs.import.codeOfOtherCatalog', { code: r.code, catalog: other }));
    else if (item.originRegionCode !== null) codeError(r.row, zh('catalogs.import.codeOfAdjustment', { code: r.code }));
  }
  if (errors.length) failImport(errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
  await job.progress(total, total, zh('catalogs.import.writing'));

  const base = await repo.baseRevisionsOfCatalog(deps.db, catalog.id);
  const latest = new Map<string, RevisionRecord>();
  for (const r of base.revisions)
    if (!latest.has(r.itemId) || latest.get(r.itemId)!.revision < r.revision) latest.set(r.itemId, r);
  const now = deps.clock.nowIso();
  const newItems: { id: string; code: string; catalogId: string; originRegionCode: null; createdAt: string }[] = [];
  const newRevs: repo.NewRevision[] = [];
  let unchanged = 0;
  const rev = (
    itemId: string,
    revision: number,
    effectiveFrom: string | null,
    fields: ItemFields,
  ): repo.NewRevision => ({
    id: newId(),
    itemId,
    revision,
    regionCode: null,
    operation: 'base',
    effectiveFrom,
    fields,
    source: 'import',
    adjustmentId: null,
    importId: job.jobId,
    createdAt: now,
    createdBy: actor.userId,
  });
  for (const r of rows) {
    const item = existing.get(r.code);
    if (!item) {
      const id = newId();
      newItems.push({ id, code: r.code, catalogId: catalog.id, originRegionCode: null, createdAt: now });
      newRevs.push(rev(id, 1, r.effectiveFrom ?? catalog.effectiveFrom, rowFields(r, EMPTY_FIELDS)));
      continue;
    }
    const last = latest.get(item.id);
    const keep = { ...EMPTY_FIELDS, ...last?.fields };
    const fields = rowFields(r, keep);
    const effectiveFrom = r.effectiveFrom ?? last?.effectiveFrom ?? catalog.effectiveFrom;
    if (last && contentKey(last.fields, last.effectiveFrom) === contentKey(fields, effectiveFrom)) {
      unchanged += 1;
      continue;
    }
    newRevs.push(rev(item.id, (last?.revision ?? 0) + 1, effectiveFrom, fields));
  }
  const result: ImportResult = {
    catalogId: catalog.id,
    rows: total,
    added: newItems.length,
    changed: newRevs.length - newItems.length,
    unchanged,
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertItems(trx, newItems);
    await repo.insertRevisions(trx, newRevs);
    await appendAudit(trx, deps, ctx, {
      action: 'catalogs.import',
      entity: 'catalog',
      entityId: catalog.id,
      regionCode: catalog.ownerRegionCode,
      after: { ...result, jobId: job.jobId, fileId: file.id, fileName: file.name, sha256: file.sha256 },
    });
  });
  await job.progress(total, total, zh('catalogs.import.done', { ...result }));
  return result;
}
