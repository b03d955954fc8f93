/** All SQL of the catalogs feature, and the row → record mapping. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import type { RegionLevel, Role } from '../../../shared/roles.js';
import type {
  AdjustmentOperation,
  AdjustmentStatus,
  CatalogKind,
  CatalogLayer,
  ReasonType,
} from '../../../shared/catalogs.js';
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
import { adjustmentVisibleTo, layerVisibleTo } from './catalogs.policy.js';

const CHUNK = 500;
const chunks = <T>(xs: T[], n = CHUNK) =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
const parse = <T>(s: string | null, fallback: T): T => (s ? (JSON.parse(s) as T) : fallback);

// ───────────────────────────── regions (read-only lookups) ─────────────────────────────

export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
}

/** A region by its 12-digit code (no scope: callers check visibility with the policy). */
export async function regionByCode(db: Kysely<DB>, code: string): Promise<RegionRef | null> {
  const r = await db.selectFrom('region').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirst();
  return r ? { code: r.code, name: r.name, level: r.level as RegionLevel } : null;
}

export async function regionsByCodes(db: Kysely<DB>, codes: string[]): Promise<Map<string, RegionRef>> {
  const out = new Map<string, RegionRef>();
  for (const part of chunks([...new Set(codes)])) {
    if (!part.length) continue;
    const rows = await db.selectFrom('region').select(['code', 'name', 'level']).where('code', 'in', part).execute();
    for (const r of rows) out.set(r.code, { code: r.code, name: r.name, level: r.level as RegionLevel });
  }
  return out;
}

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

export interface NewRevision {
  id: string;
  itemId: string;
  revision: number;
  regionCode: string | null;
  operation: RevisionOperation;
  effectiveFrom: string | null;
  fields: ItemPatch;
  source: RevisionSource;
  adjustmentId: string | null;
  importId: string | null;
  createdAt: string;
  createdBy: string | null;
}

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
    .select(['id', 'code', 'catalogId', 'originRegionCode'])
    .where('catalogId', 'in', catalogIds)
    .where(layerFilter('catalogItem.originRegionCode'))
    .execute();
  const revisions = await db
    .selectFrom('catalogItemRevision')
    .innerJoin('catalogItem', 'catalogItem.id', 'catalogItemRevision.itemId')
    .leftJoin('catalogAdjustment', 'catalogAdjustment.id', 'catalogItemRevision.adjustmentId')
    .selectAll('catalogItemRevision')
    .select('catalogAdjustment.publishedAt')
    .where('catalogItem.catalogId', 'in', catalogIds)
    .where(layerFilter('catalogItemRevision.regionCode'))
    .where((eb) =>
      eb.or([eb('catalogItemRevision.effectiveFrom', 'is', null), eb('catalogItemRevision.effectiveFrom', '<=', upTo)]),
    )
    .execute();
  return { items, revisions: revisions.map(toRevision) };
}

export async function itemByCode(db: Kysely<DB>, code: string): Promise<ItemRecord | null> {
  return (
    (await db
      .selectFrom('catalogItem')
      .select(['id', 'code', 'catalogId', 'originRegionCode'])
      .where('code', '=', code)
      .executeTakeFirst()) ?? null
  );
}

export async function itemsByCodes(db: Kysely<DB>, codes: string[]): Promise<Map<string, ItemRecord>> {
  const out = new Map<string, ItemRecord>();
  for (const part of chunks(codes)) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom('catalogItem')
      .select(['id', 'code', 'catalogId', 'originRegionCode'])
      .where('code', 'in', part)
      .execute();
    for (const r of rows) out.set(r.code, r);
  }
  return out;
}

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
  const rows = await db
    .selectFrom('catalogItemRevision')
    .leftJoin('catalogAdjustment', 'catalogAdjustment.id', 'catalogItemRevision.adjustmentId')
    .selectAll('catalogItemRevision')
    .select('catalogAdjustment.publishedAt')
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
    .select(['id', 'code', 'catalogId', 'originRegionCode'])
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
    const rows = await db
      .selectFrom('catalogItemRevision')
      .leftJoin('catalogAdjustment', 'catalogAdjustment.id', 'catalogItemRevision.adjustmentId')
      .selectAll('catalogItemRevision')
      .select('catalogAdjustment.publishedAt')
      .where('catalogItemRevision.id', 'in', part)
      .execute();
    out.push(...rows.map(toRevision));
  }
  return out;
}

export async function itemsByIds(db: Kysely<DB>, ids: string[]): Promise<Map<string, ItemRecord>> {
  const out = new Map<string, ItemRecord>();
  for (const part of chunks([...new Set(ids)])) {
    if (!part.length) continue;
    const rows = await db
      .selectFrom('catalogItem')
      .select(['id', 'code', 'catalogId', 'originRegionCode'])
      .where('id', 'in', part)
      .execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

// ───────────────────────────── adoptions ─────────────────────────────

export async function adoptionsFor(db: Kysely<DB>, layers: string[]): Promise<AdoptionRecord[]> {
  if (!layers.length) return [];
  const rows = await db
    .selectFrom('catalogAdoption')
    .leftJoin('catalogAdjustment', 'catalogAdjustment.id', 'catalogAdoption.adjustmentId')
    .selectAll('catalogAdoption')
    .select('catalogAdjustment.publishedAt')
    .where('catalogAdoption.regionCode', 'in', layers)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    catalogId: r.catalogId,
    regionCode: r.regionCode,
    operation: r.operation as 'adopt' | 'unadopt',
    effectiveFrom: r.effectiveFrom,
    adjustmentId: r.adjustmentId,
    published: r.adjustmentId === null || !!r.publishedAt,
    createdAt: r.createdAt,
  }));
}

export async function insertAdoption(db: Kysely<DB>, a: DB['catalogAdoption']) {
  await db.insertInto('catalogAdoption').values(a).execute();
}

// ───────────────────────────── adjustments ─────────────────────────────

type AdjustmentRow = DB['catalogAdjustment'];

export interface AdjustmentRecord {
  id: string;
  targetRegionCode: string;
  targetLevel: RegionLevel;
  operation: AdjustmentOperation;
  catalogId: string | null;
  itemId: string | null;
  itemCode: string | null;
  itemName: string | null;
  changes: ItemPatch | null;
  reasonType: ReasonType;
  reasonNote: string | null;
  basis: string;
  effectiveDate: string;
  effectiveFrom: string | null;
  status: AdjustmentStatus;
  proposerId: string;
  proposerName: string;
  submittedAt: string | null;
  approverId: string | null;
  approverName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

const toAdjustment = (r: AdjustmentRow): AdjustmentRecord => ({
  id: r.id,
  targetRegionCode: r.targetRegionCode,
  targetLevel: r.targetLevel as RegionLevel,
  operation: r.operation as AdjustmentOperation,
  catalogId: r.catalogId,
  itemId: r.itemId,
  itemCode: r.itemCode,
  itemName: r.itemName,
  changes: parse<ItemPatch | null>(r.changesJson, null),
  reasonType: r.reasonType as ReasonType,
  reasonNote: r.reasonNote,
  basis: r.basis,
  effectiveDate: r.effectiveDate,
  effectiveFrom: r.effectiveFrom,
  status: r.status as AdjustmentStatus,
  proposerId: r.proposerId,
  proposerName: r.proposerName,
  submittedAt: r.submittedAt,
  approverId: r.approverId,
  approverName: r.approverName,
  decidedAt: r.decidedAt,
  decisionNote: r.decisionNote,
  publishedAt: r.publishedAt,
  publishedBy: r.publishedBy,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
  version: r.version,
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
export async function listAdjustments(
  db: Kysely<DB>,
  actor: Actor,
  f: AdjustmentFilter,
  page: number,
  pageSize: number,
) {
  const q = filteredAdjustments(db, actor, f);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await q
    .selectAll('catalogAdjustment')
    .orderBy('catalogAdjustment.createdAt', 'desc')
    .orderBy('catalogAdjustment.id', 'desc')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, items: rows.map(toAdjustment) };
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

// ───────────────────────────── versions ─────────────────────────────

/** Stores a version snapshot once (ignores a concurrent insert of the same id). */
export async function ensureVersion(db: Kysely<DB>, v: DB['catalogVersion']) {
  await db
    .insertInto('catalogVersion')
    .values(v)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function versionById(db: Kysely<DB>, id: string) {
  const r = await db.selectFrom('catalogVersion').selectAll().where('id', '=', id).executeTakeFirst();
  return r
    ? {
        id: r.id,
        catalogIds: parse<string[]>(r.catalogIdsJson, []),
        revisionIds: parse<string[]>(r.revisionIdsJson, []),
        itemCount: Number(r.itemCount),
        createdAt: r.createdAt,
      }
    : null;
}

// ───────────────────────────── files and actors (for the import job) ─────────────────────────────

export async function storeFile(db: Kysely<DB>, f: DB['storedFile']) {
  await db.insertInto('storedFile').values(f).execute();
}

export async function fileById(db: Kysely<DB>, id: string) {
  return (await db.selectFrom('storedFile').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

/**
 * The actor behind a user id (for work done outside a request, such as a job re-checking permissions).
 * Null when the account is gone or disabled.
 */
export async function actorById(db: Kysely<DB>, userId: string): Promise<Actor | null> {
  const u = await db
    .selectFrom('appUser')
    .select(['id', 'username', 'displayName', 'regionCode', 'departmentId', 'status'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u || u.status !== 'active') return null;
  const grants = await db
    .selectFrom('grant')
    .innerJoin('region', 'region.code', 'grant.regionCode')
    .select(['grant.role', 'grant.regionCode', 'region.level'])
    .where('grant.userId', '=', userId)
    .execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    regionCode: u.regionCode,
    departmentId: u.departmentId,
    grants: grants.map((g) => ({ role: g.role as Role, regionCode: g.regionCode, level: g.level as RegionLevel })),
    sessionId: null,
    mustChangePassword: false,
  };
}
