/**
 * Ledger import, as a job (`campaigns.import`): the request checks the campaign and the file's
 * envelope, stores the file and answers 202 with the job; the job reads and checks every row (errors
 * name sheet, row and column), judges against today's catalogs and writes everything in one
 * transaction with one audit row — or nothing. Rows are upserted on their identity in the ledger (name,
 * plus position for signs and requesting body for work affairs), so importing the same file twice
 * changes nothing. One workbook serves one village or many.
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../../deps.js';
import type { AuthedContext } from '../../core/actor.js';
import { canAt } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { shanghaiDate } from '../../core/clock.js';
import type { JobContext } from '../../core/jobs.js';
import { failImport, precheckXlsx } from '../../core/xlsx.js';
import { sm3 } from '../../core/crypto.js';
import { z } from '../../../shared/zod.js';
import { zh } from '../../../shared/i18n.js';
import { CATEGORIES, type Category, type ImportResult } from '../../../shared/campaigns.js';
import * as directory from '../accounts/directory.js';
import * as ledgersRepo from './ledgers.repo.js';
import * as rowsWrite from './rows.write.repo.js';
import { fileById, storeFile } from './tasks.repo.js';
import { catalogLookups } from './campaigns.catalog.js';
import { getVisibleCampaign } from './campaigns.service.js';
import { afterRowChange } from './review.service.js';
import { isEditableStatus } from './campaigns.policy.js';
import { checkRows, readLedgerSheets } from './import.rows.js';
import { planImport, type PlannedUpdate } from './import.plan.js';
import { conflict, forbidden, missing } from './campaigns.errors.js';
import type { LedgerRowTable } from './campaigns.tables.js';

export const IMPORT_JOB = 'campaigns.import';

export const importPayload = z.object({
  fileId: z.string(),
  campaignId: z.string(),
  category: z.enum(CATEGORIES).nullable(),
  userId: z.string(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type ImportPayload = z.infer<typeof importPayload>;

/** The campaign, if it takes imports now, and the ledgers of it the actor may import into (403 when none). */
async function importTarget(deps: Deps, ctx: AuthedContext, campaignId: string) {
  const c = await getVisibleCampaign(deps, ctx.actor, campaignId);
  if (c.status !== 'active') throw conflict('campaigns.error.importNotActive');
  const ledgers = (await ledgersRepo.ledgersOfCampaign(deps.db, c.id)).filter((l) =>
    canAt(ctx.actor, 'ledgers.import', l.villageCode),
  );
  if (!ledgers.length) throw forbidden('campaigns.error.noImportableLedgers');
  return { c, ledgers };
}

/** Checks the request and the file's envelope, stores the file and enqueues the job (authorised again when it runs). */
export async function startImport(
  deps: Deps,
  ctx: AuthedContext,
  campaignId: string,
  file: { filename: string; data: Buffer },
  category: Category | undefined,
) {
  const { c } = await importTarget(deps, ctx, campaignId);
  await precheckXlsx(file.data);
  const fileId = newId();
  await storeFile(deps.db, {
    id: fileId,
    name: file.filename.slice(0, 200),
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    size: file.data.length,
    sha256: createHash('sha256').update(file.data).digest('hex'),
    data: file.data,
    createdBy: ctx.actor.userId,
    createdAt: deps.clock.nowIso(),
  });
  const jobId = await deps.jobs.enqueue<ImportPayload>(
    IMPORT_JOB,
    {
      fileId,
      campaignId: c.id,
      category: category ?? null,
      userId: ctx.actor.userId,
      ip: ctx.ip,
      requestId: ctx.requestId,
    },
    { createdBy: ctx.actor.userId, regionCode: c.regionCode },
  );
  return { jobId };
}

/** The job: the importer is authorised again (permissions may have changed since the upload). */
export async function runImportJob(deps: Deps, p: ImportPayload, job: JobContext): Promise<ImportResult> {
  const actor = await directory.actorById(deps.db, p.userId);
  if (!actor) throw forbidden('campaigns.error.importerGone');
  const file = (await fileById(deps.db, p.fileId)) ?? missing('campaigns.error.fileNotFound');
  const ctx: AuthedContext = { actor, ip: p.ip, requestId: p.requestId };
  return importLedgerFile(deps, ctx, p.campaignId, Buffer.from(file.data), {
    category: p.category ?? undefined,
    progress: (done, total, message) => job.progress(done, total, message),
  });
}

export interface ImportOptions {
  category?: Category;
  /** Milliseconds per stage (read, validate, judge, write), added up (benchmarks). */
  timings?: Record<string, number>;
  progress?: (done: number, total: number, message: string) => Promise<void>;
}

/** Reads, checks, judges and writes a workbook; throws import_failed (400) naming every bad row. */
export async function importLedgerFile(
  deps: Deps,
  ctx: AuthedContext,
  campaignId: string,
  buf: Buffer,
  opts: ImportOptions = {},
): Promise<ImportResult> {
  let mark = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    if (opts.timings) opts.timings[name] = (opts.timings[name] ?? 0) + (now - mark);
    mark = now;
  };
  const progress = opts.progress ?? (async () => undefined);
  await progress(0, 0, zh('campaigns.importJob.reading'));
  const { c, ledgers } = await importTarget(deps, ctx, campaignId);
  const fileSha256 = createHash('sha256').update(buf).digest('hex');
  const { sheets, errors: readErrors } = await readLedgerSheets(buf, opts.category);
  if (readErrors.length) failImport(readErrors);
  lap('read');

  const total = sheets.reduce((n, s) => n + s.rows.length, 0);
  await progress(0, total, zh('campaigns.importJob.validating'));
  const { parsed, errors } = checkRows(sheets, ledgers);
  if (errors.length) failImport(errors);
  if (!parsed.length) throw new AppError('validation_failed', msg('campaigns.error.noDataRows'));
  lap('validate');

  await progress(0, parsed.length, zh('campaigns.importJob.judging'));
  const now = deps.clock.nowIso();
  const plan = await planImport(deps, c, parsed, {
    lookups: catalogLookups(deps, shanghaiDate(deps.clock.now())),
    userId: ctx.actor.userId,
    now,
    progress: (done) => progress(done, parsed.length, zh('campaigns.importJob.judging')),
  });
  if (plan.errors.length) failImport(plan.errors);
  lap('judge');

  const touched = new Set(parsed.map((p) => p.ledger.id));
  const summary: ImportResult = {
    fileSha256,
    sheets: sheets.map((s) => s.name),
    rows: parsed.length,
    ledgers: touched.size,
    inserted: plan.inserts.length,
    updated: plan.updates.filter((u) => u.input).length,
    unchanged: plan.unchanged,
  };
  const versions = new Map(ledgers.map((l) => [l.id, l.version]));
  await progress(parsed.length, parsed.length, zh('campaigns.importJob.writing'));
  await writeImport(deps, ctx, { c, ledgers, versions, inserts: plan.inserts, updates: plan.updates, summary, now });
  lap('write');
  await progress(
    parsed.length,
    parsed.length,
    zh('campaigns.importJob.done', {
      inserted: summary.inserted,
      updated: summary.updated,
      unchanged: summary.unchanged,
    }),
  );
  return summary;
}

/** One transaction: rows, ledger versions (approvals go stale), one audit row with the rows' ids hash. */
async function writeImport(
  deps: Deps,
  ctx: AuthedContext,
  w: {
    c: { id: string; regionCode: string };
    ledgers: ledgersRepo.LedgerRecord[];
    versions: Map<string, number>;
    inserts: LedgerRowTable[];
    updates: PlannedUpdate[];
    summary: ImportResult;
    now: string;
  },
) {
  const { inserts, updates, now } = w;
  const changedLedgers = new Set([...inserts.map((r) => r.ledgerId), ...updates.map((u) => u.row.ledgerId)]);
  if (!changedLedgers.size) return;
  await deps.db.transaction().execute(async (trx) => {
    await rowsWrite.insertRows(trx, inserts, deps.database);
    for (const u of updates) {
      const decided = u.decision.verdict !== u.row.verdict || u.decision.decision !== u.row.decision;
      const hash = u.input ? rowsWrite.factColumns(u.input).fieldsHash : null;
      await rowsWrite.updateRow(trx, u.row.id, u.row.version, {
        ...(u.input
          ? {
              ...rowsWrite.factColumns(u.input),
              source: 'import',
              changeKind: u.row.prevRowId
                ? hash === u.row.prevFieldsHash
                  ? 'unchanged'
                  : 'changed'
                : u.row.changeKind,
            }
          : {}),
        ...rowsWrite.suggestionColumns(u.suggestion, now),
        verdict: u.decision.verdict,
        decision: u.decision.decision,
        overrideReason: u.decision.overrideReason,
        ...(decided
          ? { decidedBy: u.decision.verdict ? ctx.actor.userId : null, decidedAt: u.decision.verdict ? now : null }
          : {}),
        updatedAt: now,
      });
    }
    for (const id of changedLedgers) {
      const l = await ledgersRepo.findLedger(trx, id);
      if (!l) continue;
      if (!isEditableStatus(l.status))
        throw conflict('campaigns.error.submittedDuringImport', { village: l.villageName });
      if (l.version !== w.versions.get(id))
        throw conflict('campaigns.error.changedDuringImport', { village: l.villageName });
      await afterRowChange(trx, deps, ctx, l, now);
    }
    const ids = [...inserts.map((r) => r.id), ...updates.map((u) => u.row.id)].sort();
    await appendAudit(trx, deps, ctx, {
      action: 'ledgers.import',
      entity: 'campaign',
      entityId: w.c.id,
      regionCode: w.ledgers.length === 1 ? w.ledgers[0].villageCode : w.c.regionCode,
      after: {
        ...w.summary,
        updatedSuggestions: updates.filter((u) => !u.input).length,
        rowIdsSm3: sm3(ids.join(',')),
        rowIdCount: ids.length,
        ledgerIds: [...changedLedgers].slice(0, 500),
      },
    });
  });
}
