/**
 * Row writes of a village's ledger: add, edit, delete (each re-judged, the ledger's signs together since
 * their count limit spans the ledger), decide (accept the suggestion or override it with a reason),
 * accept all, and the optional photo of a board. Every write is audited in its transaction and bumps
 * the ledger (an approval goes stale).
 */
import type { Deps } from '../../deps.js';
import type { AuthedContext } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { appendAudit, type AuditEntry } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type {
  AcceptAllBody,
  CreateRowBody,
  DecideBody,
  DecisionKind,
  UpdateRowBody,
  Verdict,
} from '../../../shared/campaigns.js';
import { effectiveStatus, fieldsHashOf, naturalKeyOf } from './campaigns.model.js';
import * as ledgersRepo from './ledgers.repo.js';
import * as rowsRepo from './rows.repo.js';
import * as rowsWrite from './rows.write.repo.js';
import { cancelOpenTaskOfRow } from './tasks.repo.js';
import { acceptedVerdict, judgeRow } from './campaigns.judge.js';
import { ensureEditable, getRow, loadLedger, loadRow, lookupFor } from './ledgers.service.js';
import { applySignSuggestions, duplicate, judgedWrite, judgeSignSet, parseInput, signInputs } from './rows.judging.js';
import { afterRowChange } from './review.service.js';
import { acceptUpload, storeUpload } from './uploads.js';
import { conflict, invalid } from './campaigns.errors.js';

/** After rows changed: the ledger is bumped (an approval goes stale) and the change audited, in the transaction. */
async function rowsChanged(
  trx: Kysely<DB>,
  deps: Deps,
  ctx: AuthedContext,
  l: ledgersRepo.LedgerRecord,
  now: string,
  audit: Omit<AuditEntry, 'regionCode'>,
) {
  await afterRowChange(trx, deps, ctx, l, now);
  await appendAudit(trx, deps, ctx, { ...audit, regionCode: l.villageCode });
}

export async function addRow(deps: Deps, ctx: AuthedContext, ledgerId: string, body: CreateRowBody) {
  const actor = ctx.actor;
  const input = parseInput(body.category, body);
  const id = newId();
  try {
    await judgedWrite(
      deps,
      async () => {
        const { l, c } = await loadLedger(deps.db, actor, ledgerId);
        ensureEditable(actor, l, c);
        const lookup = await lookupFor(deps, l);
        const signs = input.category === 'sign' ? await rowsRepo.rowsOf(deps.db, l.id, 'sign') : [];
        const seq = await rowsRepo.nextSeq(deps.db, l.id, input.category);
        const judged =
          input.category === 'sign'
            ? await judgeSignSet(deps, l, lookup, [...signInputs(signs), { id, seq, input }])
            : null;
        const suggestion = judged ? judged.get(id)! : await judgeRow(input, lookup);
        return { l, c, signs, judged, suggestion, seq };
      },
      async (trx, { l, c, signs, judged, suggestion, seq }) => {
        if (await rowsRepo.hasNaturalKey(trx, l.id, input.category, naturalKeyOf(input)))
          throw duplicate(input.category);
        const now = deps.clock.nowIso();
        await rowsWrite.insertRows(trx, [
          rowsWrite.newRowValues(l, effectiveStatus(l.status, l.approvalStale), {
            id,
            seq,
            input,
            suggestion,
            now,
            createdBy: actor.userId,
            source: 'manual',
            changeKind: c.previousCampaignId ? 'new' : null,
          }),
        ]);
        if (judged) await applySignSuggestions(trx, signs, judged, now);
        await rowsChanged(trx, deps, ctx, l, now, {
          action: 'ledgers.row_create',
          entity: 'ledger_row',
          entityId: id,
          after: { ledgerId: l.id, ...input, suggestion: suggestion.verdict },
        });
      },
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicate(input.category);
    throw err;
  }
  return getRow(deps, actor, id);
}

export async function updateRow(deps: Deps, ctx: AuthedContext, rowId: string, body: UpdateRowBody) {
  const actor = ctx.actor;
  try {
    await judgedWrite(
      deps,
      async () => {
        const { r, l, c } = await loadRow(deps.db, actor, rowId);
        ensureEditable(actor, l, c);
        if (r.version !== body.version) throw conflict();
        const input = parseInput(r.category, {
          name: body.name ?? r.name,
          imposedBy: body.imposedBy ?? r.imposedBy,
          basis: body.basis ?? r.basis,
          fields: { ...(r.fields as Record<string, unknown>), ...body.fields },
        });
        const hash = fieldsHashOf(input);
        const unchanged = { signs: [] as rowsRepo.RowRecord[], judged: null, suggestion: r.suggestion };
        if (hash === r.fieldsHash) return { l, r, input, hash, unchanged: true, ...unchanged };
        const lookup = await lookupFor(deps, l);
        const signs = r.category === 'sign' ? await rowsRepo.rowsOf(deps.db, l.id, 'sign') : [];
        const judged =
          r.category === 'sign' ? await judgeSignSet(deps, l, lookup, signInputs(signs, { id: r.id, input })) : null;
        const suggestion = judged ? judged.get(r.id)! : await judgeRow(input, lookup);
        return { l, r, input, hash, unchanged: false, signs, judged, suggestion };
      },
      async (trx, { l, r, input, hash, unchanged, signs, judged, suggestion }) => {
        if (unchanged) return;
        const now = deps.clock.nowIso();
        const key = naturalKeyOf(input);
        if (key !== r.naturalKey && (await rowsRepo.hasNaturalKey(trx, l.id, r.category, key)))
          throw duplicate(r.category);
        const changeKind = r.prevRowId ? (hash === r.prevFieldsHash ? 'unchanged' : 'changed') : r.changeKind;
        const ok = await rowsWrite.updateRow(trx, r.id, body.version, {
          ...rowsWrite.factColumns(input),
          naturalKey: key,
          changeKind,
          updatedAt: now,
        });
        if (!ok) throw conflict();
        const fresh = (await rowsRepo.findRow(trx, r.id))!;
        if (!rowsRepo.sameSuggestion(fresh.suggestion, suggestion))
          await rowsWrite.storeSuggestion(trx, fresh, suggestion, now);
        if (judged) await applySignSuggestions(trx, signs, judged, now, r.id);
        await rowsChanged(trx, deps, ctx, l, now, {
          action: 'ledgers.row_update',
          entity: 'ledger_row',
          entityId: r.id,
          before: { name: r.name, imposedBy: r.imposedBy, basis: r.basis, fields: r.fields },
          after: { name: input.name, imposedBy: input.imposedBy, basis: input.basis, fields: input.fields },
        });
      },
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict('campaigns.error.duplicateAny');
    throw err;
  }
  return getRow(deps, actor, rowId);
}

export async function deleteRow(deps: Deps, ctx: AuthedContext, rowId: string, version: number) {
  const actor = ctx.actor;
  await judgedWrite(
    deps,
    async () => {
      const { r, l, c } = await loadRow(deps.db, actor, rowId);
      ensureEditable(actor, l, c);
      if (r.version !== version) throw conflict();
      const signs =
        r.category === 'sign' ? (await rowsRepo.rowsOf(deps.db, l.id, 'sign')).filter((x) => x.id !== r.id) : [];
      const judged = signs.length ? await judgeSignSet(deps, l, await lookupFor(deps, l), signInputs(signs)) : null;
      return { r, l, signs, judged };
    },
    async (trx, { r, l, signs, judged }) => {
      const now = deps.clock.nowIso();
      if (!(await rowsWrite.deleteRow(trx, r.id, version))) throw conflict();
      await cancelOpenTaskOfRow(trx, r.id, now);
      if (judged) await applySignSuggestions(trx, signs, judged, now);
      await rowsChanged(trx, deps, ctx, l, now, {
        action: 'ledgers.row_delete',
        entity: 'ledger_row',
        entityId: r.id,
        before: { ledgerId: l.id, category: r.category, name: r.name, imposedBy: r.imposedBy, verdict: r.verdict },
      });
    },
  );
}

/** Accept the suggestion, or override it with a verdict and a reason. */
export async function decideRow(deps: Deps, ctx: AuthedContext, rowId: string, body: DecideBody) {
  const actor = ctx.actor;
  await deps.db.transaction().execute(async (trx) => {
    const { r, l, c } = await loadRow(trx, actor, rowId);
    ensureEditable(actor, l, c);
    if (r.version !== body.version) throw conflict();
    let verdict: Verdict = acceptedVerdict(r.suggestion.verdict, body.action);
    let decision: DecisionKind = 'accepted';
    let reason: string | null = null;
    if (body.action === 'override') {
      if (!body.verdict)
        throw invalid('campaigns.error.overrideVerdict', 'verdict', 'campaigns.error.overrideVerdictField');
      verdict = body.verdict;
      if (verdict !== r.suggestion.verdict) {
        reason = (body.reason ?? '').trim();
        if (reason.length < 2)
          throw invalid('campaigns.error.overrideReason', 'reason', 'campaigns.error.overrideReasonField');
        decision = 'overridden';
      }
    }
    if (r.verdict === verdict && r.decision === decision && (r.overrideReason ?? null) === reason) return;
    const now = deps.clock.nowIso();
    const ok = await rowsWrite.updateRow(trx, r.id, body.version, {
      verdict,
      decision,
      overrideReason: reason,
      decidedBy: actor.userId,
      decidedAt: now,
      updatedAt: now,
    });
    if (!ok) throw conflict();
    await rowsChanged(trx, deps, ctx, l, now, {
      action: 'ledgers.row_decide',
      entity: 'ledger_row',
      entityId: r.id,
      before: { verdict: r.verdict, decision: r.decision },
      after: { verdict, decision, reason, suggested: r.suggestion.verdict },
    });
  });
  return getRow(deps, actor, rowId);
}

/** Bulk accept: every undecided row (of one category, or all) takes its suggestion. One click, one audit row. */
export async function acceptAll(deps: Deps, ctx: AuthedContext, ledgerId: string, body: AcceptAllBody) {
  const actor = ctx.actor;
  const accepted = await deps.db.transaction().execute(async (trx) => {
    const { l, c } = await loadLedger(trx, actor, ledgerId);
    ensureEditable(actor, l, c);
    if (l.version !== body.version) throw conflict();
    const now = deps.clock.nowIso();
    const n = await rowsWrite.acceptSuggestions(trx, l.id, body.category, { userId: actor.userId, now });
    if (n === 0) return 0;
    await rowsChanged(trx, deps, ctx, l, now, {
      action: 'ledgers.accept_all',
      entity: 'ledger',
      entityId: l.id,
      after: { accepted: n, category: body.category ?? null },
    });
    return n;
  });
  return { accepted, ledgerVersion: (await ledgersRepo.ledgerVersion(deps.db, ledgerId))! };
}

/** Attaches an optional photo (PNG/JPEG, checked by content) to a sign row. Never required. */
export async function setRowPhoto(
  deps: Deps,
  ctx: AuthedContext,
  rowId: string,
  file: { filename: string; data: Buffer },
) {
  const actor = ctx.actor;
  const { type, data } = await acceptUpload(file.data, false);
  await deps.db.transaction().execute(async (trx) => {
    const { r, l, c } = await loadRow(trx, actor, rowId);
    ensureEditable(actor, l, c);
    if (r.category !== 'sign') throw new AppError('validation_failed', msg('campaigns.error.photoSignOnly'));
    const stored = await storeUpload(trx, deps, actor, file.filename, type, data);
    const now = deps.clock.nowIso();
    if (!(await rowsWrite.updateRow(trx, r.id, r.version, { photoFileId: stored.id, updatedAt: now })))
      throw conflict();
    await rowsChanged(trx, deps, ctx, l, now, {
      action: 'ledgers.row_photo',
      entity: 'ledger_row',
      entityId: r.id,
      before: { photoFileId: r.photoFileId },
      after: { photoFileId: stored.id, sha256: stored.sha256, size: data.length },
    });
  });
  return getRow(deps, actor, rowId);
}
