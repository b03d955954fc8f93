/**
 * Catalog use cases: the lists, one catalog and its items, local lists (create, update), the effective
 * catalog of a region with its version, stored versions, an item's history and the change between two
 * dates. Other features call the read side re-exported here (never the repositories) and store the
 * returned catalogVersion with their judgements.
 */
import type { Deps } from '../../deps.js';
import type { Actor, AuthedContext } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { zh } from '../../../shared/i18n.js';
import type { CatalogKind } from '../../../shared/catalogs.js';
import { layersOf, type CatalogRecord, type Effective, type View } from './catalogs.model.js';
import { catalogAsOf, diffEffective } from './catalogs.history.js';
import { canCreateCatalogAt, canManageCatalog, canSeeLayer, isLayerLevel } from './catalogs.policy.js';
import {
  activeCatalogIds,
  catalogVersionFor,
  effectiveFor,
  effectiveOn,
  missing,
  recordVersion,
  regionsByCodes,
  today,
  visibleRegion,
  type RegionRef,
} from './catalogs.effective.js';
import { parseKinds } from './catalogs.public.js';
import {
  presentAdjustmentOf,
  presentAdjustmentSummary,
  presentCatalog,
  presentCatalogFacts,
  presentEffectiveItem,
  presentRegion,
  presentRegionRef,
  presentRevision,
} from './catalogs.presenter.js';
import * as repo from './catalogs.repo.js';
import * as adjustmentsRepo from './catalogs.adjustments.repo.js';
import * as versions from './catalogs.versions.repo.js';

// The read side for other features (admission, certificates, campaigns).
export { today, effectiveFor, recordVersion, catalogVersionFor } from './catalogs.effective.js';
export { matchInRegion, publicCertificateCheck } from './catalogs.public.js';

/** Every catalog; with a region, whether each is in force there today. */
export async function listCatalogs(deps: Deps, actor: Actor, opts: { region?: string; kind?: CatalogKind }) {
  const catalogs = (await repo.allCatalogs(deps.db)).filter((c) => !opts.kind || c.kind === opts.kind);
  const counts = await repo.itemCounts(deps.db);
  const regions = await regionsByCodes(
    deps.db,
    catalogs.map((c) => c.ownerRegionCode),
  );
  const active = opts.region
    ? await activeCatalogIds(deps, (await visibleRegion(deps.db, actor, opts.region)).code)
    : null;
  return catalogs.map((c) =>
    presentCatalog(c, {
      actor,
      itemCount: counts.get(c.id) ?? 0,
      regions,
      activeHere: active ? active.has(c.id) : null,
    }),
  );
}

export async function getCatalog(deps: Deps, actor: Actor | null, id: string) {
  const c = (await repo.catalogById(deps.db, id)) ?? missing('catalog');
  const counts = await repo.itemCounts(deps.db);
  const regions = await regionsByCodes(deps.db, [c.ownerRegionCode]);
  return presentCatalog(c, { actor, itemCount: counts.get(c.id) ?? 0, regions });
}

/** The items of one catalog on a date, as they stand in a region (or, without one, at the list's owner). */
export async function itemsOn(deps: Deps, c: CatalogRecord, date: string, regionCode: string | null) {
  if (regionCode) return (await effectiveFor(deps, regionCode, date)).items.filter((i) => i.catalogId === c.id);
  const base = await repo.baseRevisionsOfCatalog(deps.db, c.id);
  return catalogAsOf(c, base.items, base.revisions, date);
}

/**
 * Items of one catalog on a date: its base items, or (with a region) the items as refined for that
 * region. A local list without a region is shown as it stands at its owner.
 */
export async function catalogItems(deps: Deps, actor: Actor, id: string, opts: { date?: string; region?: string }) {
  const c = (await repo.catalogById(deps.db, id)) ?? missing('catalog');
  const date = opts.date ?? today(deps);
  const regionCode = opts.region ? (await visibleRegion(deps.db, actor, opts.region)).code : c.ownerRegionCode;
  const items = await itemsOn(deps, c, date, regionCode);
  const regions = await regionsByCodes(
    deps.db,
    items.flatMap((i) => [i.addedBy, ...i.amendedBy]),
  );
  return {
    catalogId: c.id,
    date,
    complete: c.complete,
    completenessNote: c.completenessNote,
    items: items.map((i) => presentEffectiveItem(i, regions)),
  };
}

/** A completeness note that says 部分 first whenever the list is partial. */
const partialNote = (note: string) =>
  note.startsWith(zh('catalogs.partial')) ? note : zh('catalogs.note.partial', { note });

export async function createCatalog(
  deps: Deps,
  ctx: AuthedContext,
  input: {
    kind: CatalogKind;
    title: string;
    ownerRegion: string;
    sourceUrl?: string | null;
    basis?: string | null;
    complete: boolean;
    completenessNote?: string | null;
    effectiveFrom?: string | null;
  },
) {
  const { actor } = ctx;
  const owner = await visibleRegion(deps.db, actor, input.ownerRegion);
  if (!isLayerLevel(owner.level)) throw new AppError('validation_failed', msg('catalogs.error.localOwnerLevel'));
  if (!canCreateCatalogAt(actor, owner)) throw new AppError('forbidden', msg('catalogs.error.createForbidden'));
  const now = deps.clock.nowIso();
  const note =
    input.completenessNote?.trim() || (input.complete ? zh('catalogs.complete') : zh('catalogs.note.partialEmpty'));
  const c: CatalogRecord = {
    id: `local-${newId()}`,
    kind: input.kind,
    title: input.title,
    layer: owner.level === 'county' ? 'district' : 'township',
    province: null,
    scopeCode: null,
    ownerRegionCode: owner.code,
    year: null,
    sourceUrl: input.sourceUrl ?? null,
    secondarySources: [],
    completeness: null,
    complete: input.complete,
    completenessNote: input.complete ? note : partialNote(note),
    adoptedByDefault: false,
    effectiveFrom: input.effectiveFrom ?? null,
    dateNote: null,
    codePrefix: null,
    extra: { basis: input.basis ?? undefined },
    origin: 'local',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  await deps.db.transaction().execute(async (trx) => {
    await repo.insertCatalog(trx, c);
    await appendAudit(trx, deps, ctx, {
      action: 'catalogs.catalog.create',
      entity: 'catalog',
      entityId: c.id,
      regionCode: owner.code,
      after: { kind: c.kind, title: c.title, ownerRegionCode: c.ownerRegionCode },
    });
  });
  return getCatalog(deps, actor, c.id);
}

export async function updateCatalog(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  input: {
    version: number;
    title?: string;
    sourceUrl?: string | null;
    complete?: boolean;
    completenessNote?: string | null;
  },
) {
  const { actor } = ctx;
  await deps.db.transaction().execute(async (trx) => {
    const c = (await repo.catalogById(trx, id)) ?? missing('catalog');
    if (!canManageCatalog(actor, c)) throw new AppError('forbidden', msg('catalogs.error.updateForbidden'));
    const complete = input.complete ?? c.complete;
    const switched = input.complete !== undefined && input.complete !== c.complete;
    let note =
      input.completenessNote?.trim() ||
      (switched ? zh(complete ? 'catalogs.complete' : 'catalogs.note.partialIncomplete') : c.completenessNote);
    if (!complete) note = partialNote(note);
    if (complete && note.startsWith(zh('catalogs.partial')))
      throw new AppError('validation_failed', msg('catalogs.error.completeNotPartial'));
    const patch = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.sourceUrl !== undefined ? { sourceUrl: input.sourceUrl } : {}),
      complete: complete ? 1 : 0,
      completenessNote: note,
    };
    if (!(await repo.updateCatalog(trx, id, input.version, patch, deps.clock.nowIso())))
      throw new AppError('conflict', msg('catalogs.error.catalogStale'));
    await appendAudit(trx, deps, ctx, {
      action: 'catalogs.catalog.update',
      entity: 'catalog',
      entityId: id,
      regionCode: c.ownerRegionCode,
      before: { title: c.title, sourceUrl: c.sourceUrl, complete: c.complete, completenessNote: c.completenessNote },
      after: { ...patch, complete },
    });
  });
  return getCatalog(deps, actor, id);
}

async function presentEffective(deps: Deps, region: RegionRef, eff: Effective, kinds?: CatalogKind[]) {
  const regions = await regionsByCodes(deps.db, [
    ...eff.items.flatMap((i) => [i.addedBy, ...i.amendedBy]),
    ...eff.active.map((a) => a.adoptedBy),
  ]);
  const scheduled = await adjustmentsRepo.scheduledOn(deps.db, layersOf(region.code), eff.date, eff.view === 'public');
  const scheduledRegions = await regionsByCodes(
    deps.db,
    scheduled.map((a) => a.targetRegionCode),
  );
  const catalogs = eff.active
    .filter((a) => !kinds || kinds.includes(a.catalog.kind))
    .map((a) => ({
      ...presentCatalogFacts(a.catalog),
      via: a.via,
      adoptedBy: a.adoptedBy ? presentRegion(regions, a.adoptedBy) : null,
      items: eff.items.filter((i) => i.catalogId === a.catalog.id).map((i) => presentEffectiveItem(i, regions)),
    }));
  return {
    region: presentRegionRef(region),
    date: eff.date,
    catalogVersion: await recordVersion(deps, eff),
    view: eff.view,
    catalogs,
    itemCount: catalogs.reduce((n, c) => n + c.items.length, 0),
    scheduled: scheduled.map((a) => presentAdjustmentSummary(a, scheduledRegions)),
  };
}

export async function effectiveCatalog(
  deps: Deps,
  actor: Actor,
  opts: { region: string; date?: string; kinds?: string; view?: View },
) {
  const region = await visibleRegion(deps.db, actor, opts.region);
  const eff = await effectiveFor(deps, region.code, opts.date ?? today(deps), opts.view ?? 'internal');
  return presentEffective(deps, region, eff, parseKinds(opts.kinds));
}

export async function versionFor(deps: Deps, actor: Actor, opts: { region: string; date?: string }) {
  const region = await visibleRegion(deps.db, actor, opts.region);
  const v = await catalogVersionFor(deps, region.code, opts.date ?? today(deps));
  return { region: presentRegionRef(region), ...v };
}

/** A stored version: the catalogs and item revisions a judgement used. */
export async function getVersion(deps: Deps, id: string) {
  const v = (await versions.versionById(deps.db, id)) ?? missing('version');
  const revisions = await repo.revisionsByIds(deps.db, v.revisionIds);
  const items = await repo.itemsByIds(
    deps.db,
    revisions.map((r) => r.itemId),
  );
  const byItem = new Map<string, typeof revisions>();
  for (const r of revisions) byItem.set(r.itemId, [...(byItem.get(r.itemId) ?? []), r]);
  const out = [...byItem.entries()].map(([itemId, revs]) => {
    revs.sort((a, b) => a.revision - b.revision);
    let fields: Record<string, unknown> = {};
    for (const r of revs) fields = { ...fields, ...r.fields };
    const item = items.get(itemId)!;
    return {
      itemId,
      code: item.code,
      catalogId: item.catalogId,
      name: String(fields.name ?? ''),
      revisionIds: revs.map((r) => r.id),
    };
  });
  out.sort((a, b) => a.catalogId.localeCompare(b.catalogId) || a.code.localeCompare(b.code, 'en', { numeric: true }));
  return { id: v.id, catalogIds: v.catalogIds, itemCount: v.itemCount, createdAt: v.createdAt, items: out };
}

/** The history of one item: every revision on layers the actor may see, with the adjustment behind it. */
export async function itemHistory(deps: Deps, actor: Actor, code: string) {
  const item = (await repo.itemByCode(deps.db, code)) ?? missing('item');
  if (!canSeeLayer(actor, item.originRegionCode)) missing('item');
  const catalog = (await repo.catalogById(deps.db, item.catalogId))!;
  const revisions = await repo.revisionsOfItem(deps.db, actor, item.id);
  const adjustments = await adjustmentsRepo.adjustmentsByIds(
    deps.db,
    revisions.map((r) => r.adjustmentId).filter((x): x is string => !!x),
  );
  const pending = await adjustmentsRepo.pendingForItem(deps.db, actor, item.id);
  const regions = await regionsByCodes(deps.db, [
    ...revisions.map((r) => r.regionCode),
    ...[...adjustments.values(), ...pending].map((a) => a.targetRegionCode),
    item.originRegionCode,
  ]);
  return {
    item: {
      id: item.id,
      code: item.code,
      catalogId: item.catalogId,
      catalogTitle: catalog.title,
      kind: catalog.kind,
      addedBy: item.originRegionCode ? presentRegion(regions, item.originRegionCode) : null,
    },
    revisions: revisions.map((r) => presentRevision(r, regions, adjustments)),
    pending: pending.map((a) => presentAdjustmentSummary(a, regions)),
  };
}

/** What changed in a region's effective catalog between two dates, with the adjustment behind each change. */
export async function diff(deps: Deps, actor: Actor, opts: { region: string; from: string; to: string }) {
  const region = await visibleRegion(deps.db, actor, opts.region);
  if (opts.from > opts.to) throw new AppError('validation_failed', msg('catalogs.error.dateRange'));
  const [a, b] = await effectiveOn(deps.db, region.code, [opts.from, opts.to], 'internal');
  const d = diffEffective(a, b);
  const all = [...d.added, ...d.amended, ...d.withdrawn];
  const adjustments = await adjustmentsRepo.adjustmentsByIds(
    deps.db,
    all.flatMap((e) => e.causes.map((c) => c.adjustmentId)).filter((x): x is string => !!x),
  );
  const regions = await regionsByCodes(
    deps.db,
    [...adjustments.values()].map((x) => x.targetRegionCode),
  );
  const entry = (e: (typeof all)[number]) => ({
    itemId: e.itemId,
    code: e.code,
    name: (e.after ?? e.before)!.name,
    kind: e.kind,
    catalogId: e.catalogId,
    before: e.before,
    after: e.after,
    changedFields: e.changedFields,
    causes: e.causes.map((c) => ({
      type: c.type,
      expiredOn: c.type === 'expired' ? c.detail : null,
      revisionId: c.revisionId,
      adjustment: presentAdjustmentOf(c.adjustmentId, adjustments, regions),
    })),
  });
  return {
    region: presentRegionRef(region),
    from: opts.from,
    to: opts.to,
    fromVersion: a.versionId,
    toVersion: b.versionId,
    added: d.added.map(entry),
    amended: d.amended.map(entry),
    withdrawn: d.withdrawn.map(entry),
  };
}
