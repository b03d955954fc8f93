/**
 * Rows across villages (issue 15): one campaign's rows under a region the actor reads, filtered by category,
 * suggestion, verdict, decision, status, clean-up state and text, newest first. Region scope is in SQL
 * (`visibleTo` on the row's own ancestor columns, and the pins of the requested node), so a township user
 * never counts or sees a row of another township.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { visibleTo } from '../../core/scope.js';
import { containsInsensitive } from '../../db/dialect.js';
import { paginate, type Page, type PageRequest } from '../../db/paginate.js';
import type { RowSearchFilters } from '../../../shared/campaigns.js';
import { pinned, type Pins } from './ledgers.repo.js';

export interface RowSearchFilter extends Omit<RowSearchFilters, 'region'> {
  pins?: Pins;
}

/** What a search answer lists of a row: its facts, its village, and where it stands. */
export interface FoundRow {
  id: string;
  ledgerId: string;
  villageCode: string;
  villageName: string;
  townshipCode: string | null;
  category: string;
  seq: number;
  name: string;
  imposedBy: string;
  suggestedVerdict: string;
  verdict: string | null;
  decision: string | null;
  workflowStatus: string;
  cleanupStatus: string;
  updatedAt: string;
}

function filtered(db: Kysely<DB>, actor: Actor, campaignId: string, f: RowSearchFilter) {
  let q = db
    .selectFrom('ledgerRow as r')
    .innerJoin('ledger as l', 'l.id', 'r.ledgerId')
    .where('r.campaignId', '=', campaignId)
    .where(visibleTo(actor, 'ledgers.read', 'r'));
  if (f.pins) q = q.where(pinned(f.pins, 'r.'));
  if (f.category) q = q.where('r.category', '=', f.category);
  if (f.suggested) q = q.where('r.suggestedVerdict', '=', f.suggested);
  if (f.verdict === 'undecided') q = q.where('r.verdict', 'is', null);
  else if (f.verdict) q = q.where('r.verdict', '=', f.verdict);
  if (f.decision) q = q.where('r.decision', '=', f.decision);
  if (f.status) q = q.where('r.workflowStatus', '=', f.status);
  if (f.cleanup) q = q.where('r.cleanupStatus', '=', f.cleanup);
  const text = f.q;
  if (text)
    q = q.where((eb) =>
      eb.or([
        containsInsensitive(eb.ref('r.name'), text),
        containsInsensitive(eb.ref('r.imposedBy'), text),
        containsInsensitive(eb.ref('l.villageName'), text),
      ]),
    );
  return q;
}

const COLUMNS = [
  'r.id',
  'r.ledgerId',
  'l.villageCode',
  'l.villageName',
  'l.townshipCode',
  'r.category',
  'r.seq',
  'r.name',
  'r.imposedBy',
  'r.suggestedVerdict',
  'r.verdict',
  'r.decision',
  'r.workflowStatus',
  'r.cleanupStatus',
  'r.updatedAt',
] as const;

const toFound = (r: FoundRow): FoundRow => ({ ...r, seq: Number(r.seq) });

/** A page of matching rows, newest change first (ties by id, so pages never overlap). */
export async function searchRows(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: string,
  f: RowSearchFilter & PageRequest,
): Promise<Page<FoundRow>> {
  const page = await paginate(filtered(db, actor, campaignId, f), f, (q) =>
    q.select(COLUMNS).orderBy('r.updatedAt', 'desc').orderBy('r.id', 'desc'),
  );
  return { total: page.total, items: page.items.map(toFound) };
}

/**
 * Every matching row, newest first, in batches read by keyset (constant memory for a spreadsheet of a
 * whole province).
 */
export async function* foundRowBatches(
  db: Kysely<DB>,
  actor: Actor,
  campaignId: string,
  f: RowSearchFilter,
  batch = 1000,
): AsyncGenerator<FoundRow[]> {
  let after: { updatedAt: string; id: string } | null = null;
  for (;;) {
    let q = filtered(db, actor, campaignId, f);
    if (after) {
      const { updatedAt, id } = after;
      q = q.where((eb) =>
        eb.or([eb('r.updatedAt', '<', updatedAt), eb.and([eb('r.updatedAt', '=', updatedAt), eb('r.id', '<', id)])]),
      );
    }
    const rows = await q.select(COLUMNS).orderBy('r.updatedAt', 'desc').orderBy('r.id', 'desc').limit(batch).execute();
    if (rows.length) yield rows.map(toFound);
    if (rows.length < batch) return;
    const last = rows[rows.length - 1];
    after = { updatedAt: last.updatedAt, id: last.id };
  }
}
