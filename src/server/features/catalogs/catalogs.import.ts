/**
 * Import of an official annex table into a catalog (e.g. the Shanxi duties list, shipped empty).
 *
 * Decision: the district lead's import writes base items directly (no adjustment workflow): the table
 * is an already-issued official document, not a local change. It is all-or-nothing, keyed by item code
 * (new code → new item; changed row → new base revision; identical row → nothing), audited with one
 * row per import, and every written item gets a revision carrying the import's job id (per-item history).
 * It runs as a job; the HTTP call answers 202 {jobId}.
 */
import crypto from 'node:crypto';
import type { Deps } from '../../deps.js';
import type { RequestContext } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import type { JobContext } from '../../core/jobs.js';
import { failImport, precheckXlsx, readSheet } from '../../core/xlsx.js';
import type { RowError } from '../../../shared/errors.js';
import { z } from '../../../shared/zod.js';
import { EMPTY_FIELDS, type CatalogRecord, type ItemFields, type RevisionRecord } from './catalogs.model.js';
import { canImportInto } from './catalogs.policy.js';
import { contentKey } from './catalogs.seed.js';
import { CATALOG_COLUMNS, ITEM_SHEET, validateRow, type ImportRow } from './catalogs.excel.js';
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

export interface ImportResult {
  catalogId: string;
  rows: number;
  added: number;
  changed: number;
  unchanged: number;
}

/** Checks the request, stores the file and enqueues the import job (authorised again when it runs). */
export async function startImport(
  deps: Deps,
  ctx: RequestContext,
  catalogId: string,
  file: { filename: string; mimetype: string; data: Buffer },
) {
  const actor = ctx.actor!;
  const catalog = (await repo.catalogById(deps.db, catalogId)) ?? notFound('目录');
  if (!canImportInto(actor, catalog)) throw new AppError('forbidden', '只有区民政局可以向该目录导入事项');
  await precheckXlsx(file.data);
  const fileId = newId();
  await repo.storeFile(deps.db, {
    id: fileId,
    name: file.filename.slice(0, 200),
    contentType: file.mimetype.slice(0, 100),
    size: file.data.length,
    sha256: crypto.createHash('sha256').update(file.data).digest('hex'),
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
  const actor = await repo.actorById(deps.db, p.userId);
  if (!actor) throw new AppError('forbidden', '导入人账户已停用');
  const catalog = (await repo.catalogById(deps.db, p.catalogId)) ?? notFound('目录');
  if (!canImportInto(actor, catalog)) throw new AppError('forbidden', '只有区民政局可以向该目录导入事项');
  const file = (await repo.fileById(deps.db, p.fileId)) ?? notFound('上传文件');
  const ctx: RequestContext = { actor, ip: p.ip, requestId: p.requestId };
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
  ctx: RequestContext,
  catalog: CatalogRecord,
  file: NonNullable<Awaited<ReturnType<typeof repo.fileById>>>,
  job: JobContext,
): Promise<ImportResult> {
  const actor = ctx.actor!;

  await job.progress(0, 0, '正在读取文件');
  const read = await readSheet(Buffer.from(file.data), CATALOG_COLUMNS);
  const sheet = read.sheet || ITEM_SHEET;
  if (read.errors.length) failImport(read.errors);
  if (!read.rows.length) failImport([{ sheet, row: 2, message: '工作表中没有数据行' }]);
  const total = read.rows.length;
  await job.progress(0, total, '正在校验');

  const errors: RowError[] = [];
  const rows: ImportRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const r of read.rows) {
    const v = validateRow(sheet, r);
    errors.push(...v.errors);
    const code = (r.values.code ?? '').trim();
    const seen = code ? firstRowOf.get(code) : undefined;
    if (seen !== undefined) {
      errors.push({
        sheet,
        row: r.row,
        column: '事项编码',
        field: 'code',
        message: `事项编码“${code}”与第 ${seen} 行重复`,
      });
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
    if (item.catalogId !== catalog.id)
      errors.push({
        sheet,
        row: r.row,
        column: '事项编码',
        field: 'code',
        message: `事项编码“${r.code}”已属于目录“${catalogTitles.get(item.catalogId) ?? item.catalogId}”`,
      });
    else if (item.originRegionCode !== null)
      errors.push({
        sheet,
        row: r.row,
        column: '事项编码',
        field: 'code',
        message: `事项编码“${r.code}”是动态调整新增的事项，请通过动态调整修改`,
      });
  }
  if (errors.length) failImport(errors.sort((a, b) => (a.row ?? 0) - (b.row ?? 0)));
  await job.progress(total, total, '正在写入');

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
  await job.progress(
    total,
    total,
    `导入完成：新增 ${result.added} 项，更新 ${result.changed} 项，未变化 ${result.unchanged} 项`,
  );
  return result;
}
