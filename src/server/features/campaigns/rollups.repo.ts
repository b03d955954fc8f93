/**
 * The roll-ups' SQL: indexed GROUP BYs over the denormalised ancestor columns of ledgers (with their row
 * counters), open tasks past their deadline (kept counts per deadline), and rows compared with the previous cycle. The node's own
 * ancestors are pinned as equalities, so the same query is a prefix scan of the same index for a
 * township, a district or a province.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RegionLevel } from '../../../shared/roles.js';
import { COUNTER_COLUMNS } from './campaigns.model.js';
import { pinned, type Pins } from './ledgers.repo.js';
import { overdueQuery as dueCounts } from './tasks.due.repo.js';

type ChildColumn = 'cityCode' | 'countyCode' | 'townshipCode' | 'villageCode';
/** The ancestor column naming a node's children. */
export const CHILD_COLUMN: Record<RegionLevel, ChildColumn> = {
  province: 'cityCode',
  city: 'countyCode',
  county: 'townshipCode',
  township: 'villageCode',
  village: 'villageCode',
  community: 'villageCode',
};

/** The node a roll-up is about: its level and its pins. */
export interface PinnedNode {
  level: RegionLevel;
  pins: Pins;
}

/**
 * The roll-up's main query: ledgers of a node by child region × workflow status, with the sums of their
 * row counters (category × verdict, removals done, tasks open/closed). One range scan of
 * ledger_scope_idx; about 22,000 ledgers for a province.
 */
export function rollupQuery(db: Kysely<DB>, campaignId: string, node: PinnedNode) {
  const child = CHILD_COLUMN[node.level];
  return db
    .selectFrom('ledger')
    .select((eb) => [
      eb.ref(child).as('regionCode'),
      'status',
      'approvalStale',
      eb.fn.countAll<number>().as('ledgers'),
      ...COUNTER_COLUMNS.map((k) => eb.fn.sum<number>(k).as(k)),
    ])
    .where('campaignId', '=', campaignId)
    .where(pinned(node.pins))
    .groupBy([child, 'status', 'approvalStale']);
}

/** Open tasks past their deadline by child region × category: a sum of the kept counts (tasks.due.repo.ts). */
export const overdueQuery = (db: Kysely<DB>, campaignId: string, node: PinnedNode, today: string) =>
  dueCounts(db, campaignId, node.pins, CHILD_COLUMN[node.level], today);

/** Rows of a campaign under a node by category × change since the previous cycle. */
export async function changeCounts(db: Kysely<DB>, campaignId: string, pins: Pins) {
  const rows = await db
    .selectFrom('ledgerRow')
    .select(['category', 'changeKind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', campaignId)
    .where(pinned(pins))
    .groupBy(['category', 'changeKind'])
    .execute();
  return rows.map((r) => ({ category: r.category, changeKind: r.changeKind, n: Number(r.n) }));
}

/** Rows of the previous campaign under a node that no row of this campaign carries over, by category. */
export async function removedCounts(db: Kysely<DB>, previousCampaignId: string, campaignId: string, pins: Pins) {
  const rows = await db
    .selectFrom('ledgerRow as p')
    .select(['p.category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('p.campaignId', '=', previousCampaignId)
    .where(pinned(pins, 'p.'))
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('ledgerRow as n')
            .select('n.id')
            .whereRef('n.prevRowId', '=', 'p.id')
            .where('n.campaignId', '=', campaignId),
        ),
      ),
    )
    .groupBy('p.category')
    .execute();
  return rows.map((r) => ({ category: r.category, n: Number(r.n) }));
}
