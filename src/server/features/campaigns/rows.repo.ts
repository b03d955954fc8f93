/**
 * Ledger rows (the facts a village types, the judge's suggestion, the decision): the row ↔ record
 * mapping and the reads. Writes are in rows.write.repo.ts. Nothing here checks permissions.
 */
import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type {
  Category,
  ChangeKind,
  CleanupStatus,
  DecisionKind,
  RowFields,
  RowSource,
  Verdict,
  WorkflowStatus,
} from '../../../shared/campaigns.js';
import type { RowInput } from './campaigns.model.js';
import type { Flag, Suggestion } from './campaigns.judge.js';
import type { Keyed } from '../../../shared/i18n.js';
import type { LedgerRecord } from './ledgers.repo.js';
import type { LedgerRowTable } from './campaigns.tables.js';

export interface RowRecord {
  id: string;
  campaignId: string;
  ledgerId: string;
  category: Category;
  seq: number;
  name: string;
  imposedBy: string;
  basis: string;
  fields: RowFields;
  naturalKey: string;
  fieldsHash: string;
  suggestion: Suggestion & { judgedAt: string };
  verdict: Verdict | null;
  decision: DecisionKind | null;
  overrideReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  workflowStatus: WorkflowStatus;
  cleanupStatus: CleanupStatus;
  prevRowId: string | null;
  prevVerdict: Verdict | null;
  prevFieldsHash: string | null;
  changeKind: ChangeKind | null;
  source: RowSource;
  photoFileId: string | null;
  villageCode: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const toRow = (r: Selectable<LedgerRowTable>): RowRecord => ({
  id: r.id,
  campaignId: r.campaignId,
  ledgerId: r.ledgerId,
  category: r.category as Category,
  seq: Number(r.seq),
  name: r.name,
  imposedBy: r.imposedBy,
  basis: r.basis,
  fields: JSON.parse(r.fields),
  naturalKey: r.naturalKey,
  fieldsHash: r.fieldsHash,
  suggestion: {
    verdict: r.suggestedVerdict as Verdict,
    clause: r.suggestionClause,
    reason: reasonOf(r.suggestionReason),
    itemCode: r.suggestionItemCode,
    itemName: r.suggestionItemName,
    matchKind: r.matchKind,
    flags: JSON.parse(r.flags) as Flag[],
    catalogVersion: r.catalogVersion,
    judgedAt: r.judgedAt,
  },
  verdict: r.verdict as Verdict | null,
  decision: r.decision as DecisionKind | null,
  overrideReason: r.overrideReason,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt,
  workflowStatus: r.workflowStatus as WorkflowStatus,
  cleanupStatus: r.cleanupStatus as CleanupStatus,
  prevRowId: r.prevRowId,
  prevVerdict: r.prevVerdict as Verdict | null,
  prevFieldsHash: r.prevFieldsHash,
  changeKind: r.changeKind as ChangeKind | null,
  source: r.source as RowSource,
  photoFileId: r.photoFileId,
  villageCode: r.villageCode ?? '',
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  version: Number(r.version),
});

/** A keyed reason as stored (JSON in suggestion_reason). */
export const reasonColumn = (reason: Keyed) => JSON.stringify(reason);

/** The stored reason: keyed, or (judged before reasons were keyed) the Chinese text as it was written. */
export function reasonOf(stored: string): Keyed {
  if (stored.startsWith('{')) {
    try {
      const k = JSON.parse(stored) as Keyed;
      if (typeof k?.key === 'string') return k;
    } catch {
      // not JSON: an old text
    }
  }
  return { key: 'campaigns.reason.text', params: { text: stored } };
}

export const inputOf = (r: Pick<RowRecord, 'category' | 'name' | 'imposedBy' | 'basis' | 'fields'>): RowInput => ({
  category: r.category,
  name: r.name,
  imposedBy: r.imposedBy,
  basis: r.basis,
  fields: r.fields,
});

export const sameSuggestion = (a: Suggestion, b: Suggestion) =>
  a.verdict === b.verdict &&
  a.clause === b.clause &&
  reasonColumn(a.reason) === reasonColumn(b.reason) &&
  a.itemCode === b.itemCode &&
  a.matchKind === b.matchKind &&
  a.catalogVersion === b.catalogVersion &&
  a.flags.join() === b.flags.join();

// ------------------------------------------------------------------ reading

export async function rowsOf(db: Kysely<DB>, ledgerId: string, category?: Category): Promise<RowRecord[]> {
  let q = db.selectFrom('ledgerRow').selectAll().where('ledgerId', '=', ledgerId);
  if (category) q = q.where('category', '=', category);
  const rows = await q.orderBy('category').orderBy('seq').execute();
  return rows.map(toRow);
}

export async function findRow(db: Kysely<DB>, id: string): Promise<RowRecord | null> {
  const r = await db.selectFrom('ledgerRow').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toRow(r) : null;
}

/**
 * A row for reading, in one statement: the row, what the reader's check and answer need of its ledger
 * (village, version, status) and the id of its clean-up task, if any. Null when the id is unknown.
 */
export async function rowWithLedgerFacts(db: Kysely<DB>, id: string) {
  const r = await db
    .selectFrom('ledgerRow')
    .innerJoin('ledger', 'ledger.id', 'ledgerRow.ledgerId')
    .leftJoin('cleanupTask', 'cleanupTask.rowId', 'ledgerRow.id')
    .selectAll('ledgerRow')
    .select([
      'ledger.villageCode as ledgerVillageCode',
      'ledger.version as ledgerVersion',
      'ledger.status as ledgerStatus',
      'ledger.approvalStale as ledgerApprovalStale',
      'cleanupTask.id as taskId',
    ])
    .where('ledgerRow.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  const { ledgerVillageCode, ledgerVersion, ledgerStatus, ledgerApprovalStale, taskId, ...row } = r;
  return {
    row: toRow(row),
    ledger: {
      villageCode: ledgerVillageCode,
      version: Number(ledgerVersion),
      status: ledgerStatus as LedgerRecord['status'],
      approvalStale: Number(ledgerApprovalStale) === 1,
    },
    taskId: taskId ?? null,
  };
}

/** Rows by id (chunked). */
export async function rowsByIds(db: Kysely<DB>, ids: string[]): Promise<RowRecord[]> {
  const out: RowRecord[] = [];
  for (let i = 0; i < ids.length; i += 300)
    out.push(
      ...(
        await db
          .selectFrom('ledgerRow')
          .selectAll()
          .where('id', 'in', ids.slice(i, i + 300))
          .execute()
      ).map(toRow),
    );
  return out;
}

/**
 * The rows of several ledgers (chunked by `chunk` ledgers), optionally of one category, in ledger (or
 * village) and category order.
 */
export async function rowsOfLedgers(
  db: Kysely<DB>,
  ledgerIds: string[],
  opts: { category?: Category; chunk?: number; byVillage?: boolean } = {},
): Promise<RowRecord[]> {
  const out: RowRecord[] = [];
  const chunk = opts.chunk ?? 300;
  for (let i = 0; i < ledgerIds.length; i += chunk) {
    let q = db
      .selectFrom('ledgerRow')
      .selectAll()
      .where('ledgerId', 'in', ledgerIds.slice(i, i + chunk));
    if (opts.category) q = q.where('category', '=', opts.category);
    q = opts.byVillage ? q.orderBy('villageCode') : q.orderBy('ledgerId').orderBy('category');
    out.push(...(await q.orderBy('seq').execute()).map(toRow));
  }
  return out;
}

export async function nextSeq(db: Kysely<DB>, ledgerId: string, category: Category): Promise<number> {
  const r = await db
    .selectFrom('ledgerRow')
    .select((eb) => eb.fn.max('seq').as('m'))
    .where('ledgerId', '=', ledgerId)
    .where('category', '=', category)
    .executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

/** Does the ledger already hold a row with this identity? */
export async function hasNaturalKey(
  db: Kysely<DB>,
  ledgerId: string,
  category: Category,
  naturalKey: string,
): Promise<boolean> {
  const r = await db
    .selectFrom('ledgerRow')
    .select('id')
    .where((eb) => eb.and({ ledgerId, category, naturalKey }))
    .executeTakeFirst();
  return !!r;
}

/** What a submission checks: every row's category, name and verdict, in ledger order. */
export async function decisionsOf(db: Kysely<DB>, ledgerId: string) {
  return db
    .selectFrom('ledgerRow')
    .select(['id', 'category', 'name', 'verdict'])
    .where('ledgerId', '=', ledgerId)
    .orderBy('category')
    .orderBy('seq')
    .execute();
}

export async function hasUndecided(db: Kysely<DB>, ledgerId: string): Promise<boolean> {
  const r = await db
    .selectFrom('ledgerRow')
    .select('id')
    .where('ledgerId', '=', ledgerId)
    .where('verdict', 'is', null)
    .executeTakeFirst();
  return !!r;
}

/** The names other villages of the township entered this cycle (most frequent first), for type-ahead. */
export async function commonNames(
  db: Kysely<DB>,
  l: Pick<LedgerRecord, 'campaignId' | 'townshipCode'>,
  category: Category,
  text: string,
) {
  let q = db
    .selectFrom('ledgerRow')
    .select(['name', 'imposedBy', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', l.campaignId)
    .where('townshipCode', '=', l.townshipCode)
    .where('category', '=', category);
  if (text) q = q.where('name', 'like', `%${text.replace(/[\\%_]/g, '')}%`);
  const rows = await q
    .groupBy(['name', 'imposedBy'])
    .orderBy((eb) => eb.fn.countAll(), 'desc')
    .limit(10)
    .execute();
  return rows.map((r) => ({ name: r.name, imposedBy: r.imposedBy, n: Number(r.n) }));
}
