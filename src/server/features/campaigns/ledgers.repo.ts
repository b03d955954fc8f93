/**
 * SQL of village ledgers: the ledger rows themselves, their counters and workflow, their events. Rows of a
 * ledger are in rows.repo.ts. Nothing here checks permissions (the services do).
 */
import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import type { AncestorColumn } from '../../core/scope.js';
import { visibleTo } from '../../core/scope.js';
import { paginate, type Page, type PageRequest } from '../../db/paginate.js';
import type { LedgerStatus, VillageKind, WorkflowStatus } from '../../../shared/campaigns.js';
import { countersOf, effectiveStatus } from './campaigns.model.js';
import type { LedgerCounters, LedgerEventTable, LedgerTable } from './campaigns.tables.js';

/** A ledger as services use it: its columns without the row counters, typed. */
export type LedgerRecord = Omit<
  Selectable<LedgerTable>,
  keyof LedgerCounters | 'villageKind' | 'status' | 'approvalStale' | 'version'
> & {
  villageKind: VillageKind;
  status: LedgerStatus;
  approvalStale: boolean;
  version: number;
};

export const toLedger = (l: Selectable<LedgerTable>): LedgerRecord => ({
  ...l,
  villageKind: l.villageKind === 'community' ? 'community' : 'village',
  status: l.status as LedgerStatus,
  approvalStale: Number(l.approvalStale) === 1,
  version: Number(l.version),
});

/** Column = value pairs that pin a region node (its ancestors and itself), as scope.ts's ancestorEqualities gives. */
export type Pins = [AncestorColumn, string][];
/** The pins as one condition, for any table with the ancestor columns (`prefix` qualifies them). */
export const pinned =
  (pins: Pins, prefix = '') =>
  (eb: ExpressionBuilder<any, any>) =>
    eb.and(pins.map(([k, v]) => eb(`${prefix}${k}`, '=', v)));

export async function findLedger(db: Kysely<DB>, id: string): Promise<LedgerRecord | null> {
  const l = await db.selectFrom('ledger').selectAll().where('id', '=', id).executeTakeFirst();
  return l ? toLedger(l) : null;
}

export async function ledgerVersion(db: Kysely<DB>, id: string): Promise<number | null> {
  const l = await db.selectFrom('ledger').select('version').where('id', '=', id).executeTakeFirst();
  return l ? Number(l.version) : null;
}

export interface LedgerFilter extends PageRequest {
  pins?: Pins;
  status?: WorkflowStatus;
  search?: string;
}

/** A page of the ledgers of a campaign the actor reads, with their row counters, in village-code order. */
export async function pageLedgers(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: string,
  f: LedgerFilter,
): Promise<Page<Selectable<LedgerTable>>> {
  let q = db.selectFrom('ledger').where('campaignId', '=', campaignId).where(visibleTo(actor, 'ledgers.read'));
  // Every ancestor column pinned, as the roll-ups do, so the (campaign, province, …, township) index is used.
  if (f.pins) q = q.where(pinned(f.pins));
  if (f.status === 'stale') q = q.where('status', '=', 'approved').where('approvalStale', '=', 1);
  else if (f.status === 'approved') q = q.where('status', '=', 'approved').where('approvalStale', '=', 0);
  else if (f.status) q = q.where('status', '=', f.status);
  if (f.search) {
    const s = f.search;
    q = q.where((eb) => eb.or([eb('villageName', 'like', `%${s}%`), eb('villageCode', 'like', `${s}%`)]));
  }
  return paginate(q, f, (x) => x.selectAll().orderBy('villageCode'));
}

export async function ledgersOfCampaign(db: Kysely<DB>, campaignId: string): Promise<LedgerRecord[]> {
  return (await db.selectFrom('ledger').selectAll().where('campaignId', '=', campaignId).execute()).map(toLedger);
}

/** Village code → ledger id of a campaign's ledgers. */
export async function ledgerIdsByVillage(db: Kysely<DB>, campaignId: string): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('ledger')
    .select(['id', 'villageCode'])
    .where('campaignId', '=', campaignId)
    .execute();
  return new Map(rows.map((l) => [l.villageCode, l.id]));
}

export async function insertLedgers(trx: Kysely<DB>, ledgers: LedgerTable[]): Promise<void> {
  for (let k = 0; k < ledgers.length; k += 300)
    await trx
      .insertInto('ledger')
      .values(ledgers.slice(k, k + 300))
      .execute();
}

export async function countLedgers(db: Kysely<DB>, campaignId: string): Promise<number> {
  const r = await db
    .selectFrom('ledger')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('campaignId', '=', campaignId)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** The ledgers of a campaign under a pinned node, in village order (exports). */
export async function ledgersUnder(db: Kysely<DB>, campaignId: string, pins: Pins) {
  return db
    .selectFrom('ledger')
    .select(['id', 'villageCode', 'villageName', 'townshipCode'])
    .where('campaignId', '=', campaignId)
    .where(pinned(pins))
    .orderBy('villageCode')
    .execute();
}

/** Moves a ledger to a workflow status if it still has `version`; false when it moved meanwhile. */
export async function setLedgerStatus(
  trx: Kysely<DB>,
  id: string,
  version: number,
  set: { status: LedgerStatus; approvalStale: boolean; patch?: Record<string, string | null>; now: string },
): Promise<boolean> {
  const res = await trx
    .updateTable('ledger')
    .set((eb) => ({
      status: set.status,
      approvalStale: set.approvalStale ? 1 : 0,
      ...set.patch,
      updatedAt: set.now,
      version: eb('version', '+', 1),
    }))
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function insertLedgerEvent(trx: Kysely<DB>, e: LedgerEventTable): Promise<void> {
  await trx.insertInto('ledgerEvent').values(e).execute();
}

export async function ledgerEvents(db: Kysely<DB>, ledgerId: string) {
  return db
    .selectFrom('ledgerEvent')
    .select(['id', 'action', 'note', 'actorName', 'at'])
    .where('ledgerId', '=', ledgerId)
    .orderBy('at')
    .orderBy('id')
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
