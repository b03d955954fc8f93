/**
 * The read side other features call (through catalogs.service.ts): the effective catalog of a region on a
 * date, cached per catalog generation, and its version, stored once so that the catalogVersion kept with
 * a judgement can always be resolved. Also the region lookups every catalog use case starts from.
 */
import type { Kysely } from 'kysely';
import { StampedCache } from '../../core/stamped-cache.js';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { shanghaiDate } from '../../core/clock.js';
import * as regions from '../regions/regions.service.js';
import { normalizeCode, type Region } from '../regions/regions.model.js';
import { activeCatalogs, computeEffective, layersOf, type Effective, type View } from './catalogs.model.js';
import { canReadRegion } from './catalogs.policy.js';
import * as repo from './catalogs.repo.js';
import * as versions from './catalogs.versions.repo.js';

/** A region as catalogs name it: code, name and level. */
export type RegionRef = Pick<Region, 'code' | 'name' | 'level'>;

/** Today in Asia/Shanghai, from the injected clock. */
export const today = (deps: Pick<Deps, 'clock'>) => shanghaiDate(deps.clock.now());

/** What a catalog use case may not find (or may not show): 404 with `catalogs.error.notFound.<what>`. */
export type Missing = 'region' | 'catalog' | 'item' | 'adjustment' | 'version' | 'file';
export function missing(what: Missing): never {
  throw new AppError('not_found', msg(`catalogs.error.notFound.${what}`));
}

/** A region by a 6/9/12-digit code, or 404. No scope check (public callers). */
export async function regionOr404(db: Kysely<DB>, code: string): Promise<RegionRef> {
  const c = normalizeCode(code);
  const region = c ? await regions.byCode(db, c) : null;
  return region ?? missing('region');
}

/** A region the actor may read catalogs of; 404 otherwise. */
export async function visibleRegion(db: Kysely<DB>, actor: Actor, code: string): Promise<RegionRef> {
  const region = await regionOr404(db, code);
  if (!canReadRegion(actor, region.code)) missing('region');
  return region;
}

/** Regions by code, for naming the layers of items, adoptions and adjustments (unscoped). */
export const regionsByCodes = (db: Kysely<DB>, codes: (string | null | undefined)[]) =>
  regions.byCodes(
    db,
    codes.filter((c): c is string => !!c),
  );

/**
 * Effective catalogs, per database handle and catalog generation (a counter that triggers bump on
 * every write to the catalog tables, by any process): a change elsewhere costs one recomputation.
 */
const effectiveCache = new StampedCache<Effective>({ maxEntries: 512 });

/** Effective catalogs of a region on several dates (cached per catalog generation). */
export async function effectiveOn(
  db: Kysely<DB>,
  regionCode: string,
  dates: string[],
  view: View,
): Promise<Effective[]> {
  // Inside a transaction the handle is new each time: compute without the cache.
  if (db.isTransaction) return computeEffectiveOn(db, regionCode, dates, view);
  const generation = await versions.catalogGeneration(db);
  const key = (date: string) => `${regionCode}|${date}|${view}`;
  const found = dates.map((d) => effectiveCache.get(db, generation, key(d)));
  const missing = dates.filter((_, i) => !found[i]);
  if (!missing.length) return found as Effective[];
  const computed = new Map((await computeEffectiveOn(db, regionCode, missing, view)).map((e, i) => [missing[i], e]));
  for (const [d, e] of computed) effectiveCache.set(db, generation, key(d), e);
  return dates.map((d, i) => found[i] ?? computed.get(d)!);
}

async function computeEffectiveOn(
  db: Kysely<DB>,
  regionCode: string,
  dates: string[],
  view: View,
): Promise<Effective[]> {
  const layers = layersOf(regionCode);
  const catalogs = await repo.allCatalogs(db);
  const adoptions = await repo.adoptionsFor(db, layers);
  const ids = new Set<string>();
  for (const date of dates)
    for (const a of activeCatalogs(catalogs, adoptions, { regionCode, layers, date, view }).active)
      ids.add(a.catalog.id);
  const upTo = dates.reduce((a, b) => (a > b ? a : b));
  const { items, revisions } = await repo.loadItems(db, [...ids], layers, upTo);
  return dates.map((date) =>
    computeEffective({ catalogs, items, revisions, adoptions }, { regionCode, layers, date, view }),
  );
}

/** The effective catalog of a region on a date (internal view: approved adjustments, published or not). */
export async function effectiveFor(
  deps: Pick<Deps, 'db'>,
  regionCode: string,
  date: string,
  view: View = 'internal',
): Promise<Effective> {
  return (await effectiveOn(deps.db, regionCode, [date], view))[0];
}

/** The ids of the catalogs in force in a region today (internal view). */
export async function activeCatalogIds(deps: Pick<Deps, 'db' | 'clock'>, regionCode: string): Promise<Set<string>> {
  const layers = layersOf(regionCode);
  const adoptions = await repo.adoptionsFor(deps.db, layers);
  const context = { regionCode, layers, date: today(deps), view: 'internal' as const };
  return new Set(activeCatalogs(await repo.allCatalogs(deps.db), adoptions, context).active.map((a) => a.catalog.id));
}

/** Version ids already stored, per database (a process normally has one). */
const knownVersions = new WeakMap<object, Set<string>>();
/** Stores the version snapshot (once) so that a judgement's catalogVersion can always be resolved. */
export async function recordVersion(deps: Pick<Deps, 'db' | 'clock'>, eff: Effective): Promise<string> {
  let known = knownVersions.get(deps.db);
  if (!known) knownVersions.set(deps.db, (known = new Set()));
  if (known.has(eff.versionId)) return eff.versionId;
  await versions.ensureVersion(deps.db, {
    id: eff.versionId,
    catalogIdsJson: JSON.stringify(eff.active.map((a) => a.catalog.id).sort()),
    revisionIdsJson: JSON.stringify(eff.items.flatMap((i) => i.revisionIds).sort()),
    itemCount: eff.items.length,
    createdAt: deps.clock.nowIso(),
  });
  if (known.size > 10_000) known.clear();
  known.add(eff.versionId);
  return eff.versionId;
}

/** The catalog version a region is judged against on a date (stored, so it can be resolved later). */
export async function catalogVersionFor(deps: Deps, regionCode: string, date = today(deps), view: View = 'internal') {
  const eff = await effectiveFor(deps, regionCode, date, view);
  return { catalogVersion: await recordVersion(deps, eff), date, itemCount: eff.items.length };
}
