/**
 * One village's ledger: rows in four categories with suggested verdicts, the cadre's decisions, and
 * the workflow draft → submitted → returned (with a note) | approved, kept apart from the verdicts.
 * An approval goes stale when the village edits afterwards. Every write is audited in its transaction.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { LedgerFacts } from '../../events.js';
import type { DB } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../core/actor.js';
import { canAt } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { shanghaiDate } from '../../core/clock.js';
import { isUniqueViolation } from '../../db/dialect.js';
import { visibleTo } from '../../core/scope.js';
import {
  CATEGORIES,
  CATEGORY_LABELS,
  counterColumn,
  FIELD_SCHEMAS,
  VERDICT_LABELS,
  WORKFLOW_LABELS,
  effectiveStatus,
  fieldsHashOf,
  isNonCompliant,
  naturalKeyOf,
  type Category,
  type LedgerStatus,
  type RowInput,
  type Verdict,
} from './campaigns.model.js';
import * as repo from './campaigns.repo.js';
import { ancestorEqualities } from './campaigns.service.js';
import { FLAGS, judgeRow, judgeSigns, type CatalogLookup, type Suggestion } from './campaigns.judge.js';
import { catalogLookups } from './campaigns.catalog.js';
import {
  canEditRows,
  canReadLedger,
  canReview,
  canSeeCampaign,
  canSubmit,
  canWithdraw,
  ledgerAbilities,
} from './campaigns.policy.js';
import { acceptUpload, storeFile, syncTasks } from './tasks.service.js';

type Trx = Kysely<DB>;

// ------------------------------------------------------------------ presenters

export function presentRow(r: repo.RowRecord, extra: { prev?: repo.RowRecord | null; taskId?: string | null } = {}) {
  const prev = extra.prev ?? null;
  return {
    id: r.id,
    ledgerId: r.ledgerId,
    category: r.category,
    seq: r.seq,
    name: r.name,
    imposedBy: r.imposedBy,
    basis: r.basis,
    fields: r.fields as Record<string, unknown>,
    source: r.source,
    photoFileId: r.photoFileId,
    suggestion: {
      verdict: r.suggestion.verdict,
      verdictLabel: VERDICT_LABELS[r.suggestion.verdict],
      clause: r.suggestion.clause,
      reason: r.suggestion.reason,
      itemCode: r.suggestion.itemCode,
      itemName: r.suggestion.itemName,
      matchKind: r.suggestion.matchKind,
      flags: r.suggestion.flags.map((f) => ({ code: f, label: FLAGS[f] ?? f })),
      catalogVersion: r.suggestion.catalogVersion,
      judgedAt: r.suggestion.judgedAt,
    },
    decision: r.verdict
      ? {
          verdict: r.verdict,
          verdictLabel: VERDICT_LABELS[r.verdict],
          kind: r.decision ?? 'accepted',
          overrideReason: r.overrideReason,
          decidedBy: r.decidedBy,
          decidedAt: r.decidedAt,
        }
      : null,
    nonCompliant: isNonCompliant(r.verdict),
    cleanup: { status: r.cleanupStatus, taskId: extra.taskId ?? null },
    changeKind: r.changeKind,
    previous: r.prevRowId
      ? {
          rowId: r.prevRowId,
          verdict: r.prevVerdict,
          before:
            prev && r.changeKind === 'changed'
              ? {
                  name: prev.name,
                  imposedBy: prev.imposedBy,
                  basis: prev.basis,
                  fields: prev.fields as Record<string, unknown>,
                }
              : null,
        }
      : null,
    version: r.version,
    updatedAt: r.updatedAt,
  };
}
export type RowView = ReturnType<typeof presentRow>;

export function presentLedger(actor: Actor, l: repo.LedgerRecord, c: repo.CampaignRecord) {
  const status = effectiveStatus(l.status, l.approvalStale);
  return {
    id: l.id,
    campaignId: l.campaignId,
    campaignName: c.name,
    villageCode: l.villageCode,
    villageName: l.villageName,
    villageKind: l.villageKind,
    townshipCode: l.townshipCode,
    status: l.status,
    effectiveStatus: status,
    statusLabel: WORKFLOW_LABELS[status],
    approvalStale: l.approvalStale,
    returnNote: l.returnNote,
    submittedAt: l.submittedAt,
    reviewedAt: l.reviewedAt,
    approvedAt: l.approvedAt,
    previousLedgerId: l.previousLedgerId,
    version: l.version,
    updatedAt: l.updatedAt,
    abilities: ledgerAbilities(actor, l, c),
  };
}

// ------------------------------------------------------------------ loading with scope

async function loadLedger(db: Trx, actor: Actor, id: string) {
  const l = await repo.findLedger(db, id);
  if (!l || !(canReadLedger(actor, l) || canAt(actor, 'ledgers.import', l.villageCode))) return notFound('台账');
  const c = (await repo.findCampaign(db, l.campaignId))!;
  return { l, c };
}

async function loadRow(db: Trx, actor: Actor, id: string) {
  const r = await repo.findRow(db, id);
  if (!r) return notFound('台账条目');
  const { l, c } = await loadLedger(db, actor, r.ledgerId);
  return { r, l, c };
}

function ensureEditable(actor: Actor, l: repo.LedgerRecord, c: repo.CampaignRecord) {
  if (canEditRows(actor, l, c)) return;
  if (!canAt(actor, 'ledgers.fill', l.villageCode))
    throw new AppError('forbidden', '只有本村（社区）的村级经办可以填报台账');
  if (c.status !== 'active') throw new AppError('conflict', '专项行动尚未启动或已结束，台账不能修改');
  throw new AppError('conflict', '台账已提交，等待乡镇审核，不能修改（如需修改请先撤回）');
}

const todayOf = (deps: Deps) => shanghaiDate(deps.clock.now());

// ------------------------------------------------------------------ reading

export async function listLedgers(
  deps: Deps,
  actor: Actor,
  campaignId: string,
  q: { regionCode?: string; status?: string; search?: string; page: number; pageSize: number },
) {
  const c = await repo.findCampaign(deps.db, campaignId);
  if (!c || !canSeeCampaign(actor, c)) return notFound('专项行动');
  let query = deps.db.selectFrom('ledger').where('campaignId', '=', c.id).where(visibleTo(actor, 'ledgers.read'));
  if (q.regionCode) {
    const node = await repo.regionWithAncestors(deps.db, q.regionCode);
    if (!node) return notFound('区划');
    // Pin every ancestor column, as the roll-ups do, so the (campaign, province, …, township) index is used.
    for (const [col, value] of ancestorEqualities(node)) query = query.where(col, '=', value);
  }
  if (q.status === 'stale') query = query.where('status', '=', 'approved').where('approvalStale', '=', 1);
  else if (q.status === 'approved') query = query.where('status', '=', 'approved').where('approvalStale', '=', 0);
  else if (q.status) query = query.where('status', '=', q.status);
  if (q.search)
    query = query.where((eb) =>
      eb.or([eb('villageName', 'like', `%${q.search}%`), eb('villageCode', 'like', `${q.search}%`)]),
    );
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await query
    .selectAll()
    .orderBy('villageCode')
    .limit(q.pageSize)
    .offset((q.page - 1) * q.pageSize)
    .execute();
  // Row figures from the ledger's own counters (kept in the same transaction as every row write).
  const figures = (r: (typeof rows)[number]) => {
    let total = 0,
      decided = 0,
      nonCompliant = 0;
    for (const k of CATEGORIES) {
      total += Number(r[counterColumn(k, 'total')]);
      decided += Number(r[counterColumn(k, 'keep')]);
      for (const v of ['cancel', 'merge', 'rectify'] as const) {
        const n = Number(r[counterColumn(k, v)]);
        decided += n;
        nonCompliant += n;
      }
    }
    return { rows: total, undecided: total - decided, nonCompliant };
  };
  const townships = new Map(
    (rows.length
      ? await deps.db
          .selectFrom('region')
          .select(['code', 'name'])
          .where('code', 'in', [...new Set(rows.map((r) => r.townshipCode ?? ''))])
          .execute()
      : []
    ).map((t) => [t.code, t.name]),
  );
  return {
    total,
    items: rows.map((r) => {
      const l = repo.toLedger(r);
      const status = effectiveStatus(l.status, l.approvalStale);
      return {
        id: l.id,
        villageCode: l.villageCode,
        villageName: l.villageName,
        villageKind: l.villageKind,
        townshipCode: l.townshipCode,
        townshipName: townships.get(l.townshipCode ?? '') ?? null,
        status: l.status,
        effectiveStatus: status,
        statusLabel: WORKFLOW_LABELS[status],
        approvalStale: l.approvalStale,
        returnNote: l.returnNote,
        submittedAt: l.submittedAt,
        approvedAt: l.approvedAt,
        version: l.version,
        ...figures(r),
      };
    }),
  };
}

/** The ledger editor's data: rows by category with suggestions, decisions, last cycle's facts where changed, and the events. */
export async function getLedger(deps: Deps, actor: Actor, id: string) {
  const { l, c } = await loadLedger(deps.db, actor, id);
  const rows = await repo.rowsOf(deps.db, l.id);
  const prevIds = rows.map((r) => r.prevRowId).filter((x): x is string => !!x);
  const prev = new Map<string, repo.RowRecord>();
  for (let i = 0; i < prevIds.length; i += 300)
    for (const p of await deps.db
      .selectFrom('ledgerRow')
      .selectAll()
      .where('id', 'in', prevIds.slice(i, i + 300))
      .execute())
      prev.set(p.id, repo.toRow(p));
  let removed: repo.RowRecord[] = [];
  if (l.previousLedgerId) {
    const carried = new Set(prevIds);
    removed = (await repo.rowsOf(deps.db, l.previousLedgerId)).filter((p) => !carried.has(p.id));
  }
  const tasks = new Map(
    (await deps.db.selectFrom('cleanupTask').select(['id', 'rowId']).where('ledgerId', '=', l.id).execute()).map(
      (t) => [t.rowId, t.id],
    ),
  );
  const events = await deps.db
    .selectFrom('ledgerEvent')
    .select(['id', 'action', 'note', 'actorName', 'at'])
    .where('ledgerId', '=', l.id)
    .orderBy('at')
    .orderBy('id')
    .execute();
  const guide = await repo.signGuideOf(deps.db, l.countyCode);
  const views = rows.map((r) =>
    presentRow(r, { prev: r.prevRowId ? prev.get(r.prevRowId) : null, taskId: tasks.get(r.id) ?? null }),
  );
  const byCategory = Object.fromEntries(CATEGORIES.map((k) => [k, views.filter((v) => v.category === k)])) as Record<
    Category,
    RowView[]
  >;
  return {
    ledger: presentLedger(actor, l, c),
    counts: {
      total: rows.length,
      undecided: rows.filter((r) => !r.verdict).length,
      nonCompliant: rows.filter((r) => isNonCompliant(r.verdict)).length,
      byCategory: Object.fromEntries(CATEGORIES.map((k) => [k, byCategory[k].length])) as Record<Category, number>,
    },
    rows: byCategory,
    removedSinceLastCycle: removed.map((p) => ({
      rowId: p.id,
      category: p.category,
      name: p.name,
      imposedBy: p.imposedBy,
      verdict: p.verdict,
    })),
    events: events.map((e) => ({ ...e })),
    phases: c.phases.map((p) => ({
      key: p.key,
      name: p.name,
      clause: p.clause,
      categories: p.categories,
      deadline: p.deadline,
    })),
    signGuide: {
      allowedBoards: guide.allowedBoards.map((b) => b.name),
      insideBoards: guide.insideBoards.map((b) => b.name),
      max: l.villageKind === 'community' ? guide.maxCommunity : guide.maxVillage,
      note: guide.note,
    },
  };
}

// ------------------------------------------------------------------ judging, then writing
//
// Judging asks the catalogs service, which reads the database; on SQLite a transaction holds the only
// connection, so judgements are made *before* the transaction against a snapshot of the ledger, and
// the transaction then checks the ledger's version: if anything changed meanwhile, judge again.

async function lookupFor(deps: Deps, l: repo.LedgerRecord): Promise<CatalogLookup> {
  return catalogLookups(deps, todayOf(deps)).forVillage(l.villageCode);
}

class Retry extends Error {}

/** Runs plan (outside any transaction) then write (in one) until the ledger did not move in between. */
async function judgedWrite<P>(
  deps: Deps,
  plan: () => Promise<P & { l: repo.LedgerRecord }>,
  write: (trx: Trx, p: P & { l: repo.LedgerRecord }) => Promise<void>,
) {
  for (let attempt = 0; ; attempt++) {
    const p = await plan();
    try {
      await deps.db.transaction().execute(async (trx) => {
        const fresh = await trx.selectFrom('ledger').select(['version']).where('id', '=', p.l.id).executeTakeFirst();
        if (!fresh || Number(fresh.version) !== p.l.version) throw new Retry();
        await write(trx, p);
      });
      return;
    } catch (err) {
      if (!(err instanceof Retry)) throw err;
      if (attempt >= 4) throw new AppError('conflict', '台账正被同时修改，请刷新后重试');
    }
  }
}

/** The suggestions of a ledger's signs after a change (their count limit spans the ledger). */
async function judgeSignSet(
  deps: Deps,
  l: repo.LedgerRecord,
  lookup: CatalogLookup,
  signs: { id: string; seq: number; input: RowInput }[],
) {
  if (!signs.length) return new Map<string, Suggestion>();
  return judgeSigns(signs, await repo.signGuideOf(deps.db, l.countyCode), l.villageKind, lookup.versionId, lookup);
}

/** Stores the planned suggestions of the ledger's other signs where they changed. */
async function applySignSuggestions(
  trx: Trx,
  current: repo.RowRecord[],
  judged: Map<string, Suggestion>,
  now: string,
  skip?: string,
) {
  for (const r of current) {
    if (r.id === skip) continue;
    const s = judged.get(r.id);
    if (s && !repo.sameSuggestion(r.suggestion, s)) await storeSuggestion(trx, r, s, now);
  }
}

/** Stores a new suggestion; an accepted decision that no longer matches it is withdrawn (overrides stay). */
async function storeSuggestion(trx: Trx, r: repo.RowRecord, s: Suggestion, now: string) {
  const reset = r.decision === 'accepted' && r.verdict !== s.verdict;
  await trx
    .updateTable('ledgerRow')
    .set((eb) => ({
      ...repo.suggestionColumns(s, now),
      ...(reset ? { verdict: null, decision: null, decidedBy: null, decidedAt: null } : {}),
      updatedAt: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', r.id)
    .execute();
}

/** What subscribers of a ledger event need to know (LedgerFacts in events.ts). */
const facts = (l: repo.LedgerRecord, c: { name: string } | null, version: number): LedgerFacts => ({
  ledgerId: l.id,
  version,
  villageCode: l.villageCode,
  villageName: l.villageName,
  townshipCode: l.townshipCode,
  campaignName: c?.name ?? '',
});

/** After any change to rows: bump the ledger; an approval goes stale (event + township notified). */
export async function afterRowChange(trx: Trx, deps: Deps, ctx: RequestContext, l: repo.LedgerRecord, now: string) {
  const stale = await repo.touchLedger(trx, l, now);
  if (stale && !l.approvalStale) {
    await trx
      .insertInto('ledgerEvent')
      .values({
        id: newId(),
        ledgerId: l.id,
        action: 'stale',
        note: '审核通过后村里修改了台账，原审核已失效',
        actorId: ctx.actor?.userId ?? null,
        actorName: ctx.actor?.displayName ?? null,
        at: now,
      })
      .execute();
    await deps.events.record(trx, 'ledger.approval_voided', now, facts(l, null, l.version + 1));
  }
}

function parseInput(
  category: Category,
  body: { name: string; imposedBy?: string; basis?: string; fields: unknown },
): RowInput {
  const parsed = FIELD_SCHEMAS[category].safeParse(body.fields);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => ({ field: `fields.${i.path.join('.')}`, message: i.message }));
    throw new AppError(
      'validation_failed',
      `${CATEGORY_LABELS[category]}的字段不符合要求：${issues[0].field} ${issues[0].message}`,
      { issues },
    );
  }
  return {
    category,
    name: body.name.trim(),
    imposedBy: (body.imposedBy ?? '').trim(),
    basis: (body.basis ?? '').trim(),
    fields: parsed.data,
  };
}

const duplicate = (category: Category) =>
  new AppError(
    'conflict',
    `本台账的${CATEGORY_LABELS[category]}中已有相同的条目（名称${category === 'sign' ? '和位置' : category === 'work_affair' ? '和要求单位' : ''}相同）`,
  );

// ------------------------------------------------------------------ row writes

export async function addRow(
  deps: Deps,
  ctx: RequestContext,
  ledgerId: string,
  body: { category: Category; name: string; imposedBy?: string; basis?: string; fields: unknown },
) {
  const actor = ctx.actor!;
  const input = parseInput(body.category, body);
  const id = newId();
  try {
    await judgedWrite(
      deps,
      async () => {
        const { l, c } = await loadLedger(deps.db, actor, ledgerId);
        ensureEditable(actor, l, c);
        const lookup = await lookupFor(deps, l);
        const signs = input.category === 'sign' ? await repo.rowsOf(deps.db, l.id, 'sign') : [];
        const seq = await repo.nextSeq(deps.db, l.id, input.category);
        const judged =
          input.category === 'sign'
            ? await judgeSignSet(deps, l, lookup, [
                ...signs.map((r) => ({ id: r.id, seq: r.seq, input: repo.inputOf(r) })),
                { id, seq, input },
              ])
            : null;
        const suggestion = judged ? judged.get(id)! : await judgeRow(input, lookup);
        return { l, c, signs, judged, suggestion, seq };
      },
      async (trx, { l, c, signs, judged, suggestion, seq }) => {
        const clash = await trx
          .selectFrom('ledgerRow')
          .select('id')
          .where('ledgerId', '=', l.id)
          .where('category', '=', input.category)
          .where('naturalKey', '=', naturalKeyOf(input))
          .executeTakeFirst();
        if (clash) throw duplicate(input.category);
        const now = deps.clock.nowIso();
        await repo.insertRows(trx, [
          repo.newRowValues(l, effectiveStatus(l.status, l.approvalStale), {
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
        await afterRowChange(trx, deps, ctx, l, now);
        await appendAudit(trx, deps, ctx, {
          action: 'ledgers.row_create',
          entity: 'ledger_row',
          entityId: id,
          regionCode: l.villageCode,
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

export async function getRow(deps: Deps, actor: Actor, id: string) {
  const { r } = await loadRow(deps.db, actor, id);
  const prev = r.prevRowId ? await repo.findRow(deps.db, r.prevRowId) : null;
  const task = await deps.db.selectFrom('cleanupTask').select('id').where('rowId', '=', r.id).executeTakeFirst();
  const l = (await repo.findLedger(deps.db, r.ledgerId))!;
  return {
    row: presentRow(r, { prev, taskId: task?.id ?? null }),
    ledgerVersion: l.version,
    ledgerStatus: effectiveStatus(l.status, l.approvalStale),
  };
}

export async function updateRow(
  deps: Deps,
  ctx: RequestContext,
  rowId: string,
  body: { name?: string; imposedBy?: string; basis?: string; fields?: Record<string, unknown>; version: number },
) {
  const actor = ctx.actor!;
  try {
    await judgedWrite(
      deps,
      async () => {
        const { r, l, c } = await loadRow(deps.db, actor, rowId);
        ensureEditable(actor, l, c);
        if (r.version !== body.version) throw new AppError('conflict');
        const input = parseInput(r.category, {
          name: body.name ?? r.name,
          imposedBy: body.imposedBy ?? r.imposedBy,
          basis: body.basis ?? r.basis,
          fields: { ...(r.fields as Record<string, unknown>), ...body.fields },
        });
        const hash = fieldsHashOf(input);
        if (hash === r.fieldsHash)
          return {
            l,
            r,
            input,
            hash,
            unchanged: true,
            signs: [] as repo.RowRecord[],
            judged: null,
            suggestion: r.suggestion,
          };
        const lookup = await lookupFor(deps, l);
        const signs = r.category === 'sign' ? await repo.rowsOf(deps.db, l.id, 'sign') : [];
        const judged =
          r.category === 'sign'
            ? await judgeSignSet(
                deps,
                l,
                lookup,
                signs.map((x) => ({ id: x.id, seq: x.seq, input: x.id === r.id ? input : repo.inputOf(x) })),
              )
            : null;
        const suggestion = judged ? judged.get(r.id)! : await judgeRow(input, lookup);
        return { l, r, input, hash, unchanged: false, signs, judged, suggestion };
      },
      async (trx, { l, r, input, hash, unchanged, signs, judged, suggestion }) => {
        if (unchanged) return;
        const now = deps.clock.nowIso();
        const key = naturalKeyOf(input);
        if (key !== r.naturalKey) {
          const clash = await trx
            .selectFrom('ledgerRow')
            .select('id')
            .where('ledgerId', '=', l.id)
            .where('category', '=', r.category)
            .where('naturalKey', '=', key)
            .executeTakeFirst();
          if (clash) throw duplicate(r.category);
        }
        const changeKind = r.prevRowId ? (hash === r.prevFieldsHash ? 'unchanged' : 'changed') : r.changeKind;
        const res = await trx
          .updateTable('ledgerRow')
          .set((eb) => ({
            name: input.name,
            imposedBy: input.imposedBy,
            basis: input.basis,
            fields: JSON.stringify(input.fields),
            naturalKey: key,
            fieldsHash: hash,
            changeKind,
            updatedAt: now,
            version: eb('version', '+', 1),
          }))
          .where('id', '=', r.id)
          .where('version', '=', body.version)
          .executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict');
        const fresh = (await repo.findRow(trx, r.id))!;
        if (!repo.sameSuggestion(fresh.suggestion, suggestion)) await storeSuggestion(trx, fresh, suggestion, now);
        if (judged) await applySignSuggestions(trx, signs, judged, now, r.id);
        await afterRowChange(trx, deps, ctx, l, now);
        await appendAudit(trx, deps, ctx, {
          action: 'ledgers.row_update',
          entity: 'ledger_row',
          entityId: r.id,
          regionCode: l.villageCode,
          before: { name: r.name, imposedBy: r.imposedBy, basis: r.basis, fields: r.fields },
          after: { name: input.name, imposedBy: input.imposedBy, basis: input.basis, fields: input.fields },
        });
      },
    );
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('conflict', '本台账中已有相同的条目');
    throw err;
  }
  return getRow(deps, actor, rowId);
}

export async function deleteRow(deps: Deps, ctx: RequestContext, rowId: string, version: number) {
  const actor = ctx.actor!;
  await judgedWrite(
    deps,
    async () => {
      const { r, l, c } = await loadRow(deps.db, actor, rowId);
      ensureEditable(actor, l, c);
      if (r.version !== version) throw new AppError('conflict');
      const signs =
        r.category === 'sign' ? (await repo.rowsOf(deps.db, l.id, 'sign')).filter((x) => x.id !== r.id) : [];
      const judged = signs.length
        ? await judgeSignSet(
            deps,
            l,
            await lookupFor(deps, l),
            signs.map((x) => ({ id: x.id, seq: x.seq, input: repo.inputOf(x) })),
          )
        : null;
      return { r, l, signs, judged };
    },
    async (trx, { r, l, signs, judged }) => {
      const now = deps.clock.nowIso();
      const res = await trx
        .deleteFrom('ledgerRow')
        .where('id', '=', r.id)
        .where('version', '=', version)
        .executeTakeFirst();
      if (Number(res.numDeletedRows) !== 1) throw new AppError('conflict');
      await trx
        .updateTable('cleanupTask')
        .set((eb) => ({ status: 'cancelled', updatedAt: now, version: eb('version', '+', 1) }))
        .where('rowId', '=', r.id)
        .where('status', '=', 'open')
        .execute();
      if (judged) await applySignSuggestions(trx, signs, judged, now);
      await afterRowChange(trx, deps, ctx, l, now);
      await appendAudit(trx, deps, ctx, {
        action: 'ledgers.row_delete',
        entity: 'ledger_row',
        entityId: r.id,
        regionCode: l.villageCode,
        before: { ledgerId: l.id, category: r.category, name: r.name, imposedBy: r.imposedBy, verdict: r.verdict },
      });
    },
  );
}

/** Accept the suggestion, or override it with a verdict and a reason. */
export async function decideRow(
  deps: Deps,
  ctx: RequestContext,
  rowId: string,
  body: { action: 'accept' | 'override'; verdict?: Verdict; reason?: string; version: number },
) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const { r, l, c } = await loadRow(trx, actor, rowId);
    ensureEditable(actor, l, c);
    if (r.version !== body.version) throw new AppError('conflict');
    let verdict: Verdict = r.suggestion.verdict;
    let decision: 'accepted' | 'overridden' = 'accepted';
    let reason: string | null = null;
    if (body.action === 'override') {
      if (!body.verdict)
        throw new AppError('validation_failed', '改判须选择处理意见', {
          issues: [{ field: 'verdict', message: '请选择处理意见' }],
        });
      verdict = body.verdict;
      if (verdict !== r.suggestion.verdict) {
        reason = (body.reason ?? '').trim();
        if (reason.length < 2)
          throw new AppError('validation_failed', '改判须写明理由', {
            issues: [{ field: 'reason', message: '请写明改判理由' }],
          });
        decision = 'overridden';
      }
    }
    if (r.verdict === verdict && r.decision === decision && (r.overrideReason ?? null) === reason) return;
    const now = deps.clock.nowIso();
    const res = await trx
      .updateTable('ledgerRow')
      .set((eb) => ({
        verdict,
        decision,
        overrideReason: reason,
        decidedBy: actor.userId,
        decidedAt: now,
        updatedAt: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', r.id)
      .where('version', '=', body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict');
    await afterRowChange(trx, deps, ctx, l, now);
    await appendAudit(trx, deps, ctx, {
      action: 'ledgers.row_decide',
      entity: 'ledger_row',
      entityId: r.id,
      regionCode: l.villageCode,
      before: { verdict: r.verdict, decision: r.decision },
      after: { verdict, decision, reason, suggested: r.suggestion.verdict },
    });
  });
  return getRow(deps, actor, rowId);
}

/** Bulk accept: every undecided row (of one category, or all) takes its suggestion. One click, one audit row. */
export async function acceptAll(
  deps: Deps,
  ctx: RequestContext,
  ledgerId: string,
  body: { version: number; category?: Category },
) {
  const actor = ctx.actor!;
  const accepted = await deps.db.transaction().execute(async (trx) => {
    const { l, c } = await loadLedger(trx, actor, ledgerId);
    ensureEditable(actor, l, c);
    if (l.version !== body.version) throw new AppError('conflict');
    const now = deps.clock.nowIso();
    let q = trx
      .updateTable('ledgerRow')
      .set((eb) => ({
        verdict: eb.ref('suggestedVerdict'),
        decision: 'accepted',
        overrideReason: null,
        decidedBy: actor.userId,
        decidedAt: now,
        updatedAt: now,
        version: eb('version', '+', 1),
      }))
      .where('ledgerId', '=', l.id)
      .where('verdict', 'is', null);
    if (body.category) q = q.where('category', '=', body.category);
    const n = Number((await q.executeTakeFirst()).numUpdatedRows);
    if (n === 0) return 0;
    await afterRowChange(trx, deps, ctx, l, now);
    await appendAudit(trx, deps, ctx, {
      action: 'ledgers.accept_all',
      entity: 'ledger',
      entityId: l.id,
      regionCode: l.villageCode,
      after: { accepted: n, category: body.category ?? null },
    });
    return n;
  });
  const l = (await repo.findLedger(deps.db, ledgerId))!;
  return { accepted, ledgerVersion: l.version };
}

// ------------------------------------------------------------------ workflow

async function transition(
  trx: Trx,
  deps: Deps,
  ctx: RequestContext,
  l: repo.LedgerRecord,
  expectedVersion: number,
  next: {
    status: LedgerStatus;
    approvalStale?: boolean;
    patch?: Record<string, string | null>;
    event: string;
    note?: string | null;
  },
) {
  const now = deps.clock.nowIso();
  const stale = next.approvalStale ?? false;
  const res = await trx
    .updateTable('ledger')
    .set((eb) => ({
      status: next.status,
      approvalStale: stale ? 1 : 0,
      ...next.patch,
      updatedAt: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', l.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new AppError('conflict');
  await repo.syncRowWorkflow(trx, l.id, next.status, stale);
  await trx
    .insertInto('ledgerEvent')
    .values({
      id: newId(),
      ledgerId: l.id,
      action: next.event,
      note: next.note ?? null,
      actorId: ctx.actor?.userId ?? null,
      actorName: ctx.actor?.displayName ?? null,
      at: now,
    })
    .execute();
  await appendAudit(trx, deps, ctx, {
    action: `ledgers.${next.event}`,
    entity: 'ledger',
    entityId: l.id,
    regionCode: l.villageCode,
    before: { status: effectiveStatus(l.status, l.approvalStale), version: l.version },
    after: { status: next.status, note: next.note ?? null },
  });
  return now;
}

/** Submits for township review. Every row must be decided; the ledger must not be empty. */
export async function submit(deps: Deps, ctx: RequestContext, ledgerId: string, version: number) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const { l, c } = await loadLedger(trx, actor, ledgerId);
    if (!canSubmit(actor, l, c)) {
      if (!canAt(actor, 'ledgers.fill', l.villageCode))
        throw new AppError('forbidden', '只有本村（社区）的村级经办可以提交台账');
      throw new AppError(
        'conflict',
        l.status === 'submitted' ? '台账已提交，等待乡镇审核' : '台账已审核通过，无需再次提交',
      );
    }
    if (l.version !== version) throw new AppError('conflict');
    const rows = await trx
      .selectFrom('ledgerRow')
      .select(['id', 'category', 'name', 'verdict'])
      .where('ledgerId', '=', l.id)
      .orderBy('category')
      .orderBy('seq')
      .execute();
    if (rows.length === 0)
      throw new AppError('validation_failed', '台账为空：请至少填报一类事项后再提交', { undecided: [] });
    const undecided = rows.filter((r) => !r.verdict);
    if (undecided.length) {
      throw new AppError(
        'validation_failed',
        `还有 ${undecided.length} 项未确定处理意见（可一键采纳建议），全部确定后才能提交`,
        {
          undecided: undecided.slice(0, 200).map((r) => ({ rowId: r.id, category: r.category, name: r.name })),
        },
      );
    }
    const now = await transition(trx, deps, ctx, l, version, {
      status: 'submitted',
      patch: { submittedAt: deps.clock.nowIso(), submittedBy: actor.userId },
      event: 'submit',
    });
    await deps.events.record(trx, 'ledger.submitted', now, {
      ...facts(l, c, l.version + 1),
      rows: rows.length,
    });
  });
  return getLedger(deps, actor, ledgerId);
}

/** The village takes a submission back before review. */
export async function withdraw(deps: Deps, ctx: RequestContext, ledgerId: string, version: number) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const { l, c } = await loadLedger(trx, actor, ledgerId);
    if (!canWithdraw(actor, l, c)) {
      if (!canAt(actor, 'ledgers.fill', l.villageCode)) throw new AppError('forbidden');
      throw new AppError('conflict', '只有已提交、尚未审核的台账可以撤回');
    }
    await transition(trx, deps, ctx, l, version, { status: 'draft', event: 'withdraw' });
  });
  return getLedger(deps, actor, ledgerId);
}

async function loadForReview(trx: Trx, actor: Actor, ledgerId: string) {
  const { l, c } = await loadLedger(trx, actor, ledgerId);
  if (!canReview(actor, l, c)) {
    if (!canAt(actor, 'ledgers.review', l.villageCode))
      throw new AppError('forbidden', '只有所属乡镇（街道）的审核人员可以审核台账');
    throw new AppError('conflict', '只有已提交待审核的台账可以退回或审核通过');
  }
  return { l, c };
}

/** The township returns the ledger with a note the village sees. */
export async function returnLedger(
  deps: Deps,
  ctx: RequestContext,
  ledgerId: string,
  body: { note: string; version: number },
) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const { l, c } = await loadForReview(trx, actor, ledgerId);
    const now = deps.clock.nowIso();
    await transition(trx, deps, ctx, l, body.version, {
      status: 'returned',
      patch: { returnNote: body.note, reviewedAt: now, reviewedBy: actor.userId },
      event: 'return',
      note: body.note,
    });
    await deps.events.record(trx, 'ledger.returned', now, { ...facts(l, c, l.version + 1), note: body.note });
  });
  return getLedger(deps, actor, ledgerId);
}

/** The township approves: verdicts are final and every non-compliant row becomes (or keeps) a clean-up task. */
export async function approve(
  deps: Deps,
  ctx: RequestContext,
  ledgerId: string,
  body: { note?: string; version: number },
) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const { l, c } = await loadForReview(trx, actor, ledgerId);
    const undecided = await trx
      .selectFrom('ledgerRow')
      .select('id')
      .where('ledgerId', '=', l.id)
      .where('verdict', 'is', null)
      .executeTakeFirst();
    if (undecided) throw new AppError('conflict', '台账中有未确定处理意见的条目，请退回村里补充');
    const now = deps.clock.nowIso();
    await transition(trx, deps, ctx, l, body.version, {
      status: 'approved',
      patch: { returnNote: null, reviewedAt: now, reviewedBy: actor.userId, approvedAt: now },
      event: 'approve',
      note: body.note ?? null,
    });
    const tasks = await syncTasks(trx, deps, ctx, { ...l, status: 'approved', approvalStale: false }, c);
    await deps.events.record(trx, 'ledger.approved', now, { ...facts(l, c, l.version + 1), openTasks: tasks.open });
  });
  return getLedger(deps, actor, ledgerId);
}

// ------------------------------------------------------------------ inline suggestions (principle zero: type a fact once)

/** Names the cadre probably means: catalog items and what other villages of the township entered this cycle. */
export async function suggestNames(deps: Deps, actor: Actor, ledgerId: string, category: Category, q: string) {
  const { l } = await loadLedger(deps.db, actor, ledgerId);
  const lookup = await lookupFor(deps, l);
  const kinds: Record<Category, string[]> = {
    sign: ['sign_guide'],
    mechanism: ['mechanism'],
    work_affair: ['duty', 'assistance'],
    certificate: ['certificate', 'negative_certificate'],
  };
  const items: {
    name: string;
    imposedBy: string | null;
    source: 'catalog' | 'guide' | 'township';
    itemCode: string | null;
    kind: string | null;
    count: number;
  }[] = [];
  const text = q.trim();
  if (text)
    for (const c of await lookup.search(text, kinds[category]))
      items.push({ name: c.name, imposedBy: null, source: 'catalog', itemCode: c.code, kind: c.kind, count: 0 });
  if (category === 'sign') {
    const guide = await repo.signGuideOf(deps.db, l.countyCode);
    for (const b of guide.allowedBoards)
      if (!text || b.name.includes(text))
        items.push({ name: b.name, imposedBy: null, source: 'guide', itemCode: null, kind: null, count: 0 });
  }
  let tq = deps.db
    .selectFrom('ledgerRow')
    .select(['name', 'imposedBy', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', l.campaignId)
    .where('townshipCode', '=', l.townshipCode)
    .where('category', '=', category);
  if (text) tq = tq.where('name', 'like', `%${text.replace(/[\\%_]/g, '')}%`);
  const common = await tq
    .groupBy(['name', 'imposedBy'])
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .limit(10)
    .execute();
  for (const r of common)
    items.push({
      name: r.name,
      imposedBy: r.imposedBy || null,
      source: 'township',
      itemCode: null,
      kind: null,
      count: Number(r.n),
    });
  const seen = new Set<string>();
  return items
    .filter((i) =>
      seen.has(`${i.name}|${i.imposedBy ?? ''}`) ? false : (seen.add(`${i.name}|${i.imposedBy ?? ''}`), true),
    )
    .slice(0, 15);
}

// ------------------------------------------------------------------ optional photo of a board

/** Attaches an optional photo (PNG/JPEG, checked by content) to a sign row. Never required. */
export async function setRowPhoto(
  deps: Deps,
  ctx: RequestContext,
  rowId: string,
  file: { filename: string; data: Buffer },
) {
  const actor = ctx.actor!;
  const { type, data } = await acceptUpload(file.data, false);
  await deps.db.transaction().execute(async (trx) => {
    const { r, l, c } = await loadRow(trx, actor, rowId);
    ensureEditable(actor, l, c);
    if (r.category !== 'sign') throw new AppError('validation_failed', '只有标识牌可以附照片');
    const stored = await storeFile(trx, deps, actor, file.filename, type, data);
    const now = deps.clock.nowIso();
    await trx
      .updateTable('ledgerRow')
      .set((eb) => ({ photoFileId: stored.id, updatedAt: now, version: eb('version', '+', 1) }))
      .where('id', '=', r.id)
      .execute();
    await afterRowChange(trx, deps, ctx, l, now);
    await appendAudit(trx, deps, ctx, {
      action: 'ledgers.row_photo',
      entity: 'ledger_row',
      entityId: r.id,
      regionCode: l.villageCode,
      before: { photoFileId: r.photoFileId },
      after: { photoFileId: stored.id, sha256: stored.sha256, size: data.length },
    });
  });
  return getRow(deps, actor, rowId);
}

export async function getRowPhoto(deps: Deps, actor: Actor, rowId: string) {
  const { r } = await loadRow(deps.db, actor, rowId);
  if (!r.photoFileId) return notFound('照片');
  const f = await deps.db
    .selectFrom('storedFile')
    .select(['data', 'contentType', 'name'])
    .where('id', '=', r.photoFileId)
    .executeTakeFirst();
  if (!f) return notFound('照片');
  return { data: Buffer.from(f.data), contentType: f.contentType, name: f.name };
}
