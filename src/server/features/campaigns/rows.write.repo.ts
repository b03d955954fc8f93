/**
 * Writes of ledger rows: new rows (one by one, or thousands through the dialect's bulk insert),
 * suggestions, facts and decisions, deletions, and the clean-up status rows mirror from their tasks.
 * Services call these inside their transactions; nothing here checks permissions.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { bulkInsert } from '../../db/dialect.js';
import type {
  Category,
  ChangeKind,
  CleanupStatus,
  DecisionKind,
  RowSource,
  Verdict,
  WorkflowStatus,
} from '../../../shared/campaigns.js';
import { fieldsHashOf, naturalKeyOf, type RowInput } from './campaigns.model.js';
import type { Suggestion } from './campaigns.judge.js';
import type { LedgerRecord } from './ledgers.repo.js';
import { reasonColumn, type RowRecord } from './rows.repo.js';
import type { LedgerRowTable } from './campaigns.tables.js';
import { updateVersioned } from './versioned.repo.js';

/** The new suggestion as columns (judged now). */
export const suggestionColumns = (s: Suggestion, now: string) => ({
  suggestedVerdict: s.verdict,
  suggestionClause: s.clause,
  suggestionReason: reasonColumn(s.reason),
  suggestionItemCode: s.itemCode,
  suggestionItemName: s.itemName,
  matchKind: s.matchKind,
  flags: JSON.stringify(s.flags),
  catalogVersion: s.catalogVersion,
  judgedAt: now,
});

/** A decision as columns: verdict, kind, reason, who and when (all null for "undecided"). */
export interface DecisionColumns {
  verdict: Verdict | null;
  decision: DecisionKind | null;
  overrideReason: string | null;
}

/** The columns of a new row (the caller supplies the judgement and the cycle links). */
export function newRowValues(
  l: Pick<
    LedgerRecord,
    'id' | 'campaignId' | 'villageCode' | 'provinceCode' | 'cityCode' | 'countyCode' | 'townshipCode'
  >,
  workflow: WorkflowStatus,
  r: {
    id: string;
    seq: number;
    input: RowInput;
    suggestion: Suggestion;
    now: string;
    createdBy: string | null;
    source: RowSource;
    prevRowId?: string | null;
    prevVerdict?: Verdict | null;
    prevFieldsHash?: string | null;
    changeKind?: ChangeKind | null;
    verdict?: Verdict | null;
    decision?: DecisionKind | null;
    overrideReason?: string | null;
    /** Precomputed by callers that already have them (imports). */
    naturalKey?: string;
    fieldsHash?: string;
  },
): LedgerRowTable {
  const decided = r.verdict
    ? {
        verdict: r.verdict,
        decision: r.decision ?? 'accepted',
        overrideReason: r.overrideReason ?? null,
        decidedBy: r.createdBy,
        decidedAt: r.now,
      }
    : { verdict: null, decision: null, overrideReason: null, decidedBy: null, decidedAt: null };
  return {
    id: r.id,
    campaignId: l.campaignId,
    ledgerId: l.id,
    category: r.input.category,
    seq: r.seq,
    name: r.input.name.trim(),
    imposedBy: r.input.imposedBy.trim(),
    basis: r.input.basis.trim(),
    fields: JSON.stringify(r.input.fields),
    naturalKey: r.naturalKey ?? naturalKeyOf(r.input),
    fieldsHash: r.fieldsHash ?? fieldsHashOf(r.input),
    ...suggestionColumns(r.suggestion, r.now),
    ...decided,
    workflowStatus: workflow,
    cleanupStatus: 'none',
    prevRowId: r.prevRowId ?? null,
    prevVerdict: r.prevVerdict ?? null,
    prevFieldsHash: r.prevFieldsHash ?? null,
    changeKind: r.changeKind ?? null,
    source: r.source,
    photoFileId: null,
    provinceCode: l.provinceCode,
    cityCode: l.cityCode,
    countyCode: l.countyCode,
    townshipCode: l.townshipCode,
    villageCode: l.villageCode,
    createdBy: r.createdBy,
    createdAt: r.now,
    updatedAt: r.now,
    version: 1,
  };
}

/** Every column of ledger_row, in the order bulk inserts write them. */
export const ROW_COLUMNS: (keyof LedgerRowTable)[] = [
  'id',
  'campaignId',
  'ledgerId',
  'category',
  'seq',
  'name',
  'imposedBy',
  'basis',
  'fields',
  'naturalKey',
  'fieldsHash',
  'suggestedVerdict',
  'suggestionClause',
  'suggestionReason',
  'suggestionItemCode',
  'suggestionItemName',
  'matchKind',
  'flags',
  'catalogVersion',
  'judgedAt',
  'verdict',
  'decision',
  'overrideReason',
  'decidedBy',
  'decidedAt',
  'workflowStatus',
  'cleanupStatus',
  'prevRowId',
  'prevVerdict',
  'prevFieldsHash',
  'changeKind',
  'source',
  'photoFileId',
  'provinceCode',
  'cityCode',
  'countyCode',
  'townshipCode',
  'villageCode',
  'createdBy',
  'createdAt',
  'updatedAt',
  'version',
];
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const INT_COLUMNS = new Set<keyof LedgerRowTable>(['seq', 'version']);
const BULK_COLUMNS = ROW_COLUMNS.map((k) => ({
  name: snake(k),
  type: INT_COLUMNS.has(k) ? ('int' as const) : ('text' as const),
}));

/**
 * Inserts rows inside the caller's transaction. With the database handle (`raw`), thousands of rows go in
 * fast through `bulkInsert` (db/dialect.ts); otherwise multi-row Kysely inserts.
 */
export async function insertRows(
  db: Kysely<DB>,
  rows: LedgerRowTable[],
  raw?: {
    sqlite: { prepare(sql: string): { run(...params: unknown[]): unknown } } | null;
    dialect: 'sqlite' | 'postgres';
  },
): Promise<void> {
  if (!rows.length) return;
  if (raw)
    return bulkInsert(
      db,
      raw.sqlite,
      'ledger_row',
      BULK_COLUMNS,
      rows.map((r) => ROW_COLUMNS.map((k) => r[k])),
    );
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto('ledgerRow')
      .values(rows.slice(i, i + 400))
      .execute();
}

// ------------------------------------------------------------------ writing

/** Stores a new suggestion; an accepted decision that no longer matches it is withdrawn (overrides stay). */
export async function storeSuggestion(trx: Kysely<DB>, r: RowRecord, s: Suggestion, now: string): Promise<void> {
  const reset = r.decision === 'accepted' && r.verdict !== s.verdict;
  await trx
    .updateTable('ledgerRow')
    .set((eb) => ({
      ...suggestionColumns(s, now),
      ...(reset ? { verdict: null, decision: null, decidedBy: null, decidedAt: null } : {}),
      updatedAt: now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', r.id)
    .execute();
}

/** Changes a row if it still has `version`; false when it moved meanwhile. */
export async function updateRow(
  trx: Kysely<DB>,
  id: string,
  version: number,
  patch: Partial<Omit<LedgerRowTable, 'id' | 'version'>> & { updatedAt: string },
): Promise<boolean> {
  return updateVersioned(trx, 'ledgerRow', { id }, version, patch);
}

/** The facts of a row as columns (what the cadre typed). */
export const factColumns = (input: RowInput) => ({
  name: input.name,
  imposedBy: input.imposedBy,
  basis: input.basis,
  fields: JSON.stringify(input.fields),
  fieldsHash: fieldsHashOf(input),
});

export async function deleteRow(trx: Kysely<DB>, id: string, version: number): Promise<boolean> {
  const res = await trx.deleteFrom('ledgerRow').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** Every undecided row (of one category, or all) takes its suggestion; returns how many. */
export async function acceptSuggestions(
  trx: Kysely<DB>,
  ledgerId: string,
  category: Category | undefined,
  by: { userId: string; now: string },
): Promise<number> {
  let q = trx
    .updateTable('ledgerRow')
    .set((eb) => ({
      verdict: eb.ref('suggestedVerdict'),
      decision: 'accepted',
      overrideReason: null,
      decidedBy: by.userId,
      decidedAt: by.now,
      updatedAt: by.now,
      version: eb('version', '+', 1),
    }))
    .where('ledgerId', '=', ledgerId)
    .where('verdict', 'is', null)
    // 待核实（目录未完整） is never accepted in bulk: the cadre verifies it and decides with a reason.
    .where('suggestedVerdict', '!=', 'verify');
  if (category) q = q.where('category', '=', category);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

/** Rows mirror their clean-up task's state (roll-ups read rows only): one row, or every row of a ledger. */
export async function setCleanupStatus(
  trx: Kysely<DB>,
  where: { rowId: string } | { ledgerId: string },
  status: CleanupStatus,
): Promise<void> {
  const q = trx.updateTable('ledgerRow').set({ cleanupStatus: status });
  await ('rowId' in where ? q.where('id', '=', where.rowId) : q.where('ledgerId', '=', where.ledgerId)).execute();
}

/** A ledger's rows take the state of their task (rows without one: none). */
export async function syncCleanupStatus(trx: Kysely<DB>, ledgerId: string): Promise<void> {
  await setCleanupStatus(trx, { ledgerId }, 'none');
  for (const status of ['open', 'closed'] as const) {
    await trx
      .updateTable('ledgerRow')
      .set({ cleanupStatus: status })
      .where('ledgerId', '=', ledgerId)
      .where('id', 'in', (eb) =>
        eb.selectFrom('cleanupTask').select('rowId').where('ledgerId', '=', ledgerId).where('status', '=', status),
      )
      .execute();
  }
}
