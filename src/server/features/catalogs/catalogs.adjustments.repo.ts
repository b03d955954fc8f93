/** SQL of the catalog adjustments (动态调整), with the row → record mapping. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { paginate, type PageRequest } from '../../db/paginate.js';
import type { RegionLevel } from '../../../shared/roles.js';
import type { AdjustmentOperation, AdjustmentStatus, ReasonType } from '../../../shared/catalogs.js';
import type { ItemPatch } from './catalogs.model.js';
import { adjustmentVisibleTo } from './catalogs.policy.js';
import { chunks, parse } from './catalogs.repo.js';

export type AdjustmentRow = DB['catalogAdjustment'];

type Typed = 'targetLevel' | 'operation' | 'reasonType' | 'status' | 'changesJson';
type Ancestors = 'provinceCode' | 'cityCode' | 'countyCode' | 'townshipCode' | 'villageCode';

/** An adjustment as the services see it: its codes typed and its changes parsed. */
export interface AdjustmentRecord extends Omit<AdjustmentRow, Typed | Ancestors> {
  targetLevel: RegionLevel;
  operation: AdjustmentOperation;
  reasonType: ReasonType;
  status: AdjustmentStatus;
  changes: ItemPatch | null;
}

const toAdjustment = (r: AdjustmentRow): AdjustmentRecord => ({
  ...r,
  targetLevel: r.targetLevel as RegionLevel,
  operation: r.operation as AdjustmentOperation,
  reasonType: r.reasonType as ReasonType,
  status: r.status as AdjustmentStatus,
  changes: parse<ItemPatch | null>(r.changesJson, null),
});

export async function insertAdjustment(db: Kysely<DB>, row: AdjustmentRow) {
  await db.insertInto('catalogAdjustment').values(row).execute();
}

export async function adjustmentById(db: Kysely<DB>, id: string): Promise<AdjustmentRecord | null> {
  const r = await db.selectFrom('catalogAdjustment').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toAdjustment(r) : null;
}

export async function adjustmentsByIds(db: Kysely<DB>, ids: string[]): Promise<Map<string, AdjustmentRecord>> {
  const out = new Map<string, AdjustmentRecord>();
  for (const part of chunks([...new Set(ids)])) {
    if (!part.length) continue;
    for (const r of await db.selectFrom('catalogAdjustment').selectAll().where('id', 'in', part).execute())
      out.set(r.id, toAdjustment(r));
  }
  return out;
}

/** Optimistic update of an adjustment; false when `version` is stale. */
export async function updateAdjustment(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: Partial<AdjustmentRow>,
  now: string,
): Promise<boolean> {
  const r = await db
    .updateTable('catalogAdjustment')
    .set({ ...patch, updatedAt: now, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface AdjustmentFilter {
  status?: AdjustmentStatus;
  operation?: AdjustmentOperation;
  region?: string;
  itemId?: string;
  catalogId?: string;
}

function filteredAdjustments(db: Kysely<DB>, actor: Actor, f: AdjustmentFilter) {
  let q = db.selectFrom('catalogAdjustment').where(adjustmentVisibleTo(actor));
  if (f.status) q = q.where('catalogAdjustment.status', '=', f.status);
  if (f.operation) q = q.where('catalogAdjustment.operation', '=', f.operation);
  if (f.region) q = q.where('catalogAdjustment.targetRegionCode', '=', f.region);
  if (f.itemId) q = q.where('catalogAdjustment.itemId', '=', f.itemId);
  if (f.catalogId) q = q.where('catalogAdjustment.catalogId', '=', f.catalogId);
  return q;
}

/** One page of the adjustments the actor may see, newest first. */
export async function listAdjustments(db: Kysely<DB>, actor: Actor, f: AdjustmentFilter, page: PageRequest) {
  const { total, items } = await paginate(filteredAdjustments(db, actor, f), page, (q) =>
    q
      .selectAll('catalogAdjustment')
      .orderBy('catalogAdjustment.createdAt', 'desc')
      .orderBy('catalogAdjustment.id', 'desc'),
  );
  return { total, items: items.map(toAdjustment) };
}

/** Undecided adjustments on an item, visible to the actor. */
export async function pendingForItem(db: Kysely<DB>, actor: Actor, itemId: string) {
  const rows = await filteredAdjustments(db, actor, { itemId })
    .selectAll('catalogAdjustment')
    .where('catalogAdjustment.status', 'in', ['draft', 'submitted'])
    .orderBy('catalogAdjustment.createdAt')
    .execute();
  return rows.map(toAdjustment);
}

/** Approved adjustments on the given layers that take effect after `date`. */
export async function scheduledOn(db: Kysely<DB>, layers: string[], date: string, publishedOnly: boolean) {
  if (!layers.length) return [];
  let q = db
    .selectFrom('catalogAdjustment')
    .selectAll()
    .where('status', '=', 'approved')
    .where('targetRegionCode', 'in', layers)
    .where('effectiveFrom', '>', date);
  if (publishedOnly) q = q.where('publishedAt', 'is not', null);
  return (await q.orderBy('effectiveFrom').execute()).map(toAdjustment);
}
