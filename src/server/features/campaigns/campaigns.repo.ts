/**
 * SQL of the campaigns feature and the row ↔ record mapping. Services call these inside their
 * transactions; nothing here checks permissions (the services do, with campaigns.policy.ts).
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import { bulkInsert } from '../../db/dialect.js';
import type { RegionLevel } from '../../../shared/roles.js';
import type {
  CampaignSettings,
  CampaignStatus,
  Category,
  CleanupStatus,
  LedgerStatus,
  PhaseKey,
  RowFields,
  RowInput,
  SignGuide,
  Verdict,
  WorkflowStatus,
} from './campaigns.model.js';
import {
  DEFAULT_SIGN_GUIDE,
  campaignSettings,
  countersOf,
  effectiveStatus,
  fieldsHashOf,
  naturalKeyOf,
} from './campaigns.model.js';
import type { Flag, Suggestion } from './campaigns.judge.js';
import type { CampaignTable, LedgerRowTable, LedgerTable } from './campaigns.tables.js';
import type { RegionAncestors } from '../../core/scope.js';

export interface PhaseRecord {
  id: string;
  key: PhaseKey;
  name: string;
  clause: string;
  categories: Category[];
  deadline: string;
  sort: number;
}

export interface CampaignRecord {
  id: string;
  name: string;
  regionCode: string;
  regionLevel: RegionLevel;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  year: number;
  status: CampaignStatus;
  previousCampaignId: string | null;
  settings: CampaignSettings;
  launchJobId: string | null;
  launchedAt: string | null;
  ledgerCount: number;
  createdAt: string;
  updatedAt: string;
  version: number;
  phases: PhaseRecord[];
}

export interface LedgerRecord {
  id: string;
  campaignId: string;
  villageCode: string;
  villageName: string;
  villageKind: 'village' | 'community';
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  status: LedgerStatus;
  approvalStale: boolean;
  returnNote: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  reviewedAt: string | null;
  reviewedBy: string | null;
  approvedAt: string | null;
  previousLedgerId: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

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
  decision: 'accepted' | 'overridden' | null;
  overrideReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  workflowStatus: WorkflowStatus;
  cleanupStatus: CleanupStatus;
  prevRowId: string | null;
  prevVerdict: Verdict | null;
  prevFieldsHash: string | null;
  changeKind: 'new' | 'changed' | 'unchanged' | null;
  source: 'manual' | 'import' | 'previous';
  photoFileId: string | null;
  villageCode: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export const toCampaign = (c: Selectable<CampaignTable>, phases: PhaseRecord[]): CampaignRecord => ({
  id: c.id,
  name: c.name,
  regionCode: c.regionCode,
  regionLevel: c.regionLevel as RegionLevel,
  provinceCode: c.provinceCode,
  cityCode: c.cityCode,
  countyCode: c.countyCode,
  year: Number(c.year),
  status: c.status as CampaignStatus,
  previousCampaignId: c.previousCampaignId,
  settings: campaignSettings.parse(JSON.parse(c.settings || '{}')),
  launchJobId: c.launchJobId,
  launchedAt: c.launchedAt,
  ledgerCount: Number(c.ledgerCount),
  createdAt: c.createdAt,
  updatedAt: c.updatedAt,
  version: Number(c.version),
  phases,
});

export const toLedger = (l: Selectable<LedgerTable>): LedgerRecord => ({
  ...l,
  villageKind: l.villageKind === 'community' ? 'community' : 'village',
  status: l.status as LedgerStatus,
  approvalStale: Number(l.approvalStale) === 1,
  version: Number(l.version),
});

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
    reason: r.suggestionReason,
    itemCode: r.suggestionItemCode,
    itemName: r.suggestionItemName,
    matchKind: r.matchKind,
    flags: JSON.parse(r.flags) as Flag[],
    catalogVersion: r.catalogVersion,
    judgedAt: r.judgedAt,
  },
  verdict: r.verdict as Verdict | null,
  decision: r.decision as RowRecord['decision'],
  overrideReason: r.overrideReason,
  decidedBy: r.decidedBy,
  decidedAt: r.decidedAt,
  workflowStatus: r.workflowStatus as WorkflowStatus,
  cleanupStatus: r.cleanupStatus as CleanupStatus,
  prevRowId: r.prevRowId,
  prevVerdict: r.prevVerdict as Verdict | null,
  prevFieldsHash: r.prevFieldsHash,
  changeKind: r.changeKind as RowRecord['changeKind'],
  source: r.source as RowRecord['source'],
  photoFileId: r.photoFileId,
  villageCode: r.villageCode ?? '',
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  version: Number(r.version),
});

export const inputOf = (r: Pick<RowRecord, 'category' | 'name' | 'imposedBy' | 'basis' | 'fields'>): RowInput => ({
  category: r.category,
  name: r.name,
  imposedBy: r.imposedBy,
  basis: r.basis,
  fields: r.fields,
});

export async function findCampaign(db: Kysely<DB>, id: string): Promise<CampaignRecord | null> {
  const c = await db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c) return null;
  return toCampaign(c, await phasesOf(db, id));
}

export async function phasesOf(db: Kysely<DB>, campaignId: string): Promise<PhaseRecord[]> {
  const rows = await db
    .selectFrom('campaignPhase')
    .selectAll()
    .where('campaignId', '=', campaignId)
    .orderBy('sort')
    .execute();
  return rows.map((p) => ({
    id: p.id,
    key: p.key as PhaseKey,
    name: p.name,
    clause: p.clause,
    categories: JSON.parse(p.categories),
    deadline: p.deadline,
    sort: Number(p.sort),
  }));
}

export async function findLedger(db: Kysely<DB>, id: string): Promise<LedgerRecord | null> {
  const l = await db.selectFrom('ledger').selectAll().where('id', '=', id).executeTakeFirst();
  return l ? toLedger(l) : null;
}

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
    source: RowRecord['source'];
    prevRowId?: string | null;
    prevVerdict?: Verdict | null;
    prevFieldsHash?: string | null;
    changeKind?: RowRecord['changeKind'];
    verdict?: Verdict | null;
    decision?: RowRecord['decision'];
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

export const suggestionColumns = (s: Suggestion, now: string) => ({
  suggestedVerdict: s.verdict,
  suggestionClause: s.clause,
  suggestionReason: s.reason,
  suggestionItemCode: s.itemCode,
  suggestionItemName: s.itemName,
  matchKind: s.matchKind,
  flags: JSON.stringify(s.flags),
  catalogVersion: s.catalogVersion,
  judgedAt: now,
});

export const sameSuggestion = (a: Suggestion, b: Suggestion) =>
  a.verdict === b.verdict &&
  a.clause === b.clause &&
  a.reason === b.reason &&
  a.itemCode === b.itemCode &&
  a.matchKind === b.matchKind &&
  a.catalogVersion === b.catalogVersion &&
  a.flags.join() === b.flags.join();

const ROW_COLUMNS: (keyof LedgerRowTable)[] = [
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

/** Applies a ledger's (new) workflow status to its rows, so roll-ups group rows without a join. */
export async function syncRowWorkflow(
  db: Kysely<DB>,
  ledgerId: string,
  status: LedgerStatus,
  approvalStale: boolean,
): Promise<void> {
  await db
    .updateTable('ledgerRow')
    .set({ workflowStatus: effectiveStatus(status, approvalStale) })
    .where('ledgerId', '=', ledgerId)
    .execute();
}

/** The region's ancestor columns as stored on the region table. */
export async function regionWithAncestors(
  db: Kysely<DB>,
  code: string,
): Promise<(RegionAncestors & { code: string; name: string; level: RegionLevel }) | null> {
  const r = await db
    .selectFrom('region')
    .select(['code', 'name', 'level', 'provinceCode', 'cityCode', 'countyCode', 'townshipCode', 'villageCode'])
    .where('code', '=', code)
    .executeTakeFirst();
  return r ? { ...r, level: r.level as RegionLevel } : null;
}

export async function signGuideOf(db: Kysely<DB>, countyCode: string | null): Promise<SignGuide> {
  if (!countyCode) return DEFAULT_SIGN_GUIDE;
  const s = await db.selectFrom('signGuideSetting').selectAll().where('regionCode', '=', countyCode).executeTakeFirst();
  if (!s) return DEFAULT_SIGN_GUIDE;
  return {
    allowedBoards: JSON.parse(s.allowedBoards),
    insideBoards: JSON.parse(s.insideBoards),
    maxVillage: Number(s.maxVillage),
    maxCommunity: Number(s.maxCommunity),
    note: s.note,
  };
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

/** Recomputes a ledger's counters from its rows (one aggregate over ~50 rows, inside the caller's transaction). */
export async function recountLedger(db: Kysely<DB>, ledgerId: string): Promise<void> {
  const groups = await db
    .selectFrom('ledgerRow')
    .select(['category', 'verdict', 'cleanupStatus', (eb) => eb.fn.countAll<number>().as('n')])
    .where('ledgerId', '=', ledgerId)
    .groupBy(['category', 'verdict', 'cleanupStatus'])
    .execute();
  await db
    .updateTable('ledger')
    .set(countersOf(groups.map((g) => ({ ...g, n: Number(g.n) }))))
    .where('id', '=', ledgerId)
    .execute();
}

/** Bumps a ledger's version (any change to its rows) and its counters; an approved ledger's approval goes stale. Returns the new stale flag. */
export async function touchLedger(db: Kysely<DB>, l: LedgerRecord, now: string): Promise<boolean> {
  const stale = l.status === 'approved' ? true : l.approvalStale;
  await db
    .updateTable('ledger')
    .set((eb) => ({ version: eb('version', '+', 1), updatedAt: now, approvalStale: stale ? 1 : 0 }))
    .where('id', '=', l.id)
    .execute();
  await recountLedger(db, l.id);
  if (stale !== l.approvalStale) await syncRowWorkflow(db, l.id, l.status, stale);
  return stale;
}
