/**
 * SQL of the catalogs, their items, revisions and adoptions, with the row → record mapping. Adjustments
 * are in catalogs.adjustments.repo.ts, version snapshots and the generation in catalogs.versions.repo.ts.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import type { CatalogKind, CatalogLayer } from '../../../shared/catalogs.js';
import type {
  AdoptionRecord,
  CatalogExtra,
  CatalogRecord,
  ItemPatch,
  ItemRecord,
  RevisionOperation,
  RevisionRecord,
  RevisionSource,
} from './catalogs.model.js';
import { layerVisibleTo } from './catalogs.policy.js';

const CHUNK = 500;
/** Splits a list for `in (…)` lists and multi-row inserts (bound-parameter limits). */
export const chunks = <T>(xs: T[], n = CHUNK) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
export const parse = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);

// ───────────────────────────── catalogs ─────────────────────────────

type CatalogRow = DB['catalog'];

export function toCatalog(r: CatalogRow): CatalogRecord {
  return {
    id: r.id,
    kind: r.kind as CatalogKind,
    title: r.title,
    layer: r.layer as CatalogLayer,
    province: r.province,
    scopeCode: r.scopeCode,
    ownerRegionCode: r.ownerRegionCode,
    year: r.year === null ? null : Number(r.year),
    sourceUrl: r.sourceUrl,
    secondarySources: parse<string[]>(r.secondarySources, []),
    completeness: r.completeness,
    complete: r.complete === 1,
    completenessNote: r.completenessNote,
    adoptedByDefault: r.adoptedByDefault === 1,
    effectiveFrom: r.effectiveFrom,
    dateNote: r.dateNote,
    codePrefix: r.codePrefix,
    extra: parse<CatalogExtra>(r.extraJson, {}),
    origin: r.origin as 'seed' | 'local',
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}

export function fromCatalog(c: CatalogRecord): CatalogRow {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    layer: c.layer,
    province: c.province,
    scopeCode: c.scopeCode,
    ownerRegionCode: c.ownerRegionCode,
    year: c.year,
    sourceUrl: c.sourceUrl,
    secondarySources: JSON.stringify(c.secondarySources),
    completeness: c.completeness,
    complete: c.complete ? 1 : 0,
    completenessNote: c.completenessNote,
    adoptedByDefault: c.adoptedByDefault ? 1 : 0,
    effectiveFrom: c.effectiveFrom,
    dateNote: c.dateNote,
    codePrefix: c.codePrefix,
    extraJson: JSON.stringify(c.extra),
    origin: c.origin,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    version: c.version,
  };
}

export async function allCatalogs(db: Kysely<DB>): Promise<CatalogRecord[]> {
  return (await db.selectFrom('catalog').selectAll().orderBy('id').execute()).map(toCatalog);
}

export async function catalogById(db: Kysely<DB>, id: string): Promise<CatalogRecord | null> {
  const r = await db.selectFrom('catalog').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toCatalog(r) : null;
}

export async function insertCatalog(db: Kysely<DB>, c: CatalogRecord) {
  await db.insertInto('catalog').values(fromCatalog(c)).execute();
}

/** Optimistic update: returns false when the version is stale. */
export async function updateCatalog(
  db: Kysely<DB>,
  id: string,
  version: number,
  patch: Partial<Pick<CatalogRow, 'title' | 'sourceUrl' | 'complete' | 'completenessNote'>>,
  now: string,
) {
  const r = await db
    .updateTable('catalog')
    .set({ ...patch, updatedAt: now, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Number of base items per catalog. */
export async function itemCounts(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('catalogItem')
    .select(['catalogId', (eb) => eb.fn.countAll<number>().as('n')])
    .where('originRegionCode', 'is', null)
    .groupBy('catalogId')
    .execute();
  return new Map(rows.map((r) => [r.catalogId, Number(r.n)]));
}

// ───────────────────────────── items and revisions ─────────────────────────────

type RevisionRow = DB['catalogItemRevision'];
const ITEM_COLUMNS = ['id', 'code', 'catalogId', 'originRegionCode'] as const;

const toRevision = (r: RevisionRow & { publishedAt?: string | null }): RevisionRecord => ({
  id: r.id,
  itemId: r.itemId,
  revision: Number(r.revision),
  regionCode: r.regionCode,
  operation: r.operation as RevisionOperation,
  effectiveFrom: r.effectiveFrom,
  fields: parse<ItemPatch>(r.fieldsJson, {}),
  source: r.source as RevisionSource,
  adjustmentId: r.adjustmentId,
  importId: r.importId,
  published: r.adjustmentId === null || !!r.publishedAt,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
});

/** Revisions with the publication of the adjustment behind each (seed and import revisions are public). */
const revisionsWithPublication = (db: Kysely<DB>) =>
  db
    .selectFrom('catalogItemRevision')
    .leftJoin('catalogAdjustment', 'catalogAdjustment.id', 'catalogItemRevision.adjustmentId')
    .selectAll('catalogItemRevision')
    .select('catalogAdjustment.publishedAt');

/** A revision to write (whether it is published follows from its adjustment). */
export type NewRevision = Omit<RevisionRecord, 'published'>;

/**
 * Items of the given catalogs with the revisions that can apply to a region whose layers are `layers`
 * on or before `upTo` (base revisions and revisions of those layers).
 */
export async function loadItems(
  db: Kysely<DB>,
  catalogIds: string[],
  layers: string[],
  upTo: string,
): Promise<{ items: ItemRecord[]; revisions: RevisionRecord[] }> {
  if (!catalogIds.length) return { items: [], revisions: [] };
  const layerFilter = (col: 'catalogItem.originRegionCode' | 'catalogItemRevision.regionCode') => (eb: any) =>
    eb.or([eb(col, 'is', null), eb(col, 'in', layers)]);
  const items = await db
    .selectFrom('catalogItem')
    .select(ITEM_COLUMNS)
    .where('catalogId', 'in', catalogIds)
    .where(layerFilter('catalogItem.originRegionCode'))
    .execute();
  const revisions = await revisionsWithPublication(db)
    .innerJoin('catalogItem', 'catalogItem.id', 'catalogItemRevision.itemId')
    .where('catalogItem.catalogId', 'in', catalogIds)
    .where(layerFilter('catalogItemRevision.regionCode'))
    .where((eb) =>
      eb.or([eb('catalogItemRevision.effectiveFrom', 'is', null), eb('catalogItemRevision.effectiveFrom', '<=', upTo)]),
    )
    .execute();
  return { items, revisions: revisions.map(toRevision) };
}

export async function itemByCode(db: Kysely<DB>, code: string): Promise<ItemRecord | null> {
  return (await db.selectFrom('catalogItem').select(ITEM_COLUMNS).where('code', '=', code).executeTakeFirst()) ?? null;
}

/** Items whose `column` is one of `values` (chunked), keyed by that column. */
async function itemsWhereIn(db: Kysely<DB>, column: 'code' | 'id', values: string[]) {
  const out = new Map<string, ItemRecord>();
  for (const part of chunks([...new Set(values)])) {
    if (!part.length) continue;
    for (const r of await db.selectFrom('catalogItem').select(ITEM_COLUMNS).where(column, 'in', part).execute())
      out.set(r[column], r);
  }
  return out;
}

export const itemsByCodes = (db: Kysely<DB>, codes: string[]) => itemsWhereIn(db, 'code', codes);
export const itemsByIds = (db: Kysely<DB>, ids: string[]) => itemsWhereIn(db, 'id', ids);

export async function codesWithPrefix(db: Kysely<DB>, prefix: string): Promise<Set<string>> {
  const rows = await db
    .selectFrom('catalogItem')
    .select('code')
    .where('code', 'like', `${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)
    .execute();
  return new Set(rows.map((r) => r.code));
}

/** Every revision of an item on layers the actor may see, in order. */
export async function revisionsOfItem(db: Kysely<DB>, actor: Actor, itemId: string): Promise<RevisionRecord[]> {
  const rows = await revisionsWithPublication(db)
    .where('catalogItemRevision.itemId', '=', itemId)
    .where(layerVisibleTo(actor, 'catalogItemRevision.regionCode'))
    .orderBy('catalogItemRevision.revision')
    .execute();
  return rows.map(toRevision);
}

/** All base revisions of a catalog's base items (for imports, exports and seeding). */
export async function baseRevisionsOfCatalog(
  db: Kysely<DB>,
  catalogId: string,
): Promise<{ items: ItemRecord[]; revisions: RevisionRecord[] }> {
  const items = await db
    .selectFrom('catalogItem')
    .select(ITEM_COLUMNS)
    .where('catalogId', '=', catalogId)
    .where('originRegionCode', 'is', null)
    .execute();
  const revisions = await db
    .selectFrom('catalogItemRevision')
    .innerJoin('catalogItem', 'catalogItem.id', 'catalogItemRevision.itemId')
    .selectAll('catalogItemRevision')
    .where('catalogItem.catalogId', '=', catalogId)
    .where('catalogItemRevision.regionCode', 'is', null)
    .execute();
  return { items, revisions: revisions.map(toRevision) };
}

/** The highest revision number per item. */
export async function maxRevisions(db: Kysely<DB>, itemIds: string[]): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const part of chunks(itemIds)) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom('catalogItemRevision')
      .select(['itemId', (eb) => eb.fn.max('revision').as('rev')])
      .where('itemId', 'in', part)
      .groupBy('itemId')
      .execute();
    for (const r of rows) out.set(r.itemId, Number(r.rev));
  }
  return out;
}

export async function insertItems(db: Kysely<DB>, items: (ItemRecord & { createdAt: string })[]) {
  for (const part of chunks(items, 200)) if (part.length) await db.insertInto('catalogItem').values(part).execute();
}

export async function insertRevisions(db: Kysely<DB>, revs: NewRevision[]) {
  for (const part of chunks(revs, 200)) {
    if (!part.length) continue;
    await db
      .insertInto('catalogItemRevision')
      .values(part.map(({ fields, ...r }) => ({ ...r, fieldsJson: JSON.stringify(fields) })))
      .execute();
  }
}

export async function revisionsByIds(db: Kysely<DB>, ids: string[]): Promise<RevisionRecord[]> {
  const out: RevisionRecord[] = [];
  for (const part of chunks(ids)) {
    if (!part.length) continue;
    const rows = await revisionsWithPublication(db).where('catalogItemRevision.id', 'in', part).execute();
    out.push(...rows.map(toRevision));
  }
  return out;
}

// ───────────────────────────── adoptions ─────────────────────────────

const toAdoption = (r: DB['catalogAdoption'] & { publishedAt: string | null }): AdoptionRecord => ({
  id: r.id,
  catalogId: r.catalogId,
  regionCode: r.regionCode,
  operation: r.operation as 'adopt' | 'unadopt',
  effectiveFrom: r.effectiveFrom,
  adjustmentId: r.adjustmentId,
  published: r.adjustmentId === null || !!r.publishedAt,
  createdAt: r.createdAt,
});

export async function adoptionsFor(db: Kysely<DB>, layers: string[]): Promise<AdoptionRecord[]> {
  if (!layers.length) return [];
  const rows = await db
    .selectFrom('catalogAdoption')
    .leftJoin('catalogAdjustment', 'catalogAdjustment.id', 'catalogAdoption.adjustmentId')
    .selectAll('catalogAdoption')
    .select('catalogAdjustment.publishedAt')
    .where('catalogAdoption.regionCode', 'in', layers)
    .execute();
  return rows.map(toAdoption);
}

export async function insertAdoption(db: Kysely<DB>, a: DB['catalogAdoption']) {
  await db.insertInto('catalogAdoption').values(a).execute();
}
