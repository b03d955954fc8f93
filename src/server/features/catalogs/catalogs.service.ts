/**
 * Catalog reads: lists, the effective catalog of a region on a date, its version, history, diff, the
 * matcher and the public window. Other features call `effectiveFor`, `matchInRegion` and
 * `catalogVersionFor` (never the repo) and store the returned catalogVersion with their judgements.
 */
import { CompiledQuery, type Kysely } from 'kysely';
import { StampedCache } from '../../core/stamped-cache.js';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor, RequestContext } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { shanghaiDate } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import { normalizeCode } from '../regions/regions.model.js';
import {
  ADJUSTMENT_OPERATION_LABELS,
  ADJUSTMENT_STATUS_LABELS,
  CATALOG_KIND_LABELS,
  CATALOG_KINDS,
  CATALOG_LAYER_LABELS,
  CERTIFICATE_VERDICT_LABELS,
  REASON_TYPE_LABELS,
  type CatalogKind,
  type CertificateVerdict,
} from '../../../shared/catalogs.js';
import {
  activeCatalogs,
  catalogAsOf,
  computeEffective,
  diffEffective,
  layersOf,
  type CatalogRecord,
  type DiffCause,
  type Effective,
  type EffectiveItem,
  type ItemFields,
  type View,
} from './catalogs.model.js';
import { canCreateCatalogAt, canManageCatalog, canReadRegion, canSeeLayer, isLayerLevel } from './catalogs.policy.js';
import { matcherFor } from './catalogs.matching.js';
import { certificateVerdict, CERTIFICATE_KINDS, type MatchCandidate } from './matcher.js';
import * as repo from './catalogs.repo.js';
import type { AdjustmentRecord, RegionRef } from './catalogs.repo.js';

/** Today in Asia/Shanghai, from the injected clock. */
export const today = (deps: Pick<Deps, 'clock'>) => shanghaiDate(deps.clock.now());

const regionLabel = (r: RegionRef | undefined, code: string) => ({
  code,
  name: r?.name ?? code,
  level: r?.level ?? 'unknown',
});

/** A region by a 6/9/12-digit code, or 404. No scope check (public callers). */
export async function regionOr404(db: Kysely<DB>, code: string): Promise<RegionRef> {
  const c = normalizeCode(code);
  const region = c ? await repo.regionByCode(db, c) : null;
  return region ?? notFound('区划');
}

/** A region the actor may read catalogs of; 404 otherwise. */
export async function visibleRegion(db: Kysely<DB>, actor: Actor, code: string): Promise<RegionRef> {
  const region = await regionOr404(db, code);
  if (!canReadRegion(actor, region.code)) notFound('区划');
  return region;
}

// ───────────────────────────── effective catalogs ─────────────────────────────

const GENERATION_QUERY = CompiledQuery.raw('select generation from catalog_generation where id = 1');

/** The catalog generation (bumped by triggers on every write to the catalog and region tables). */
export async function catalogGeneration(db: Kysely<DB>): Promise<string> {
  const r = await db.executeQuery<{ generation: number | string }>(GENERATION_QUERY);
  return String(r.rows[0]?.generation ?? 0);
}

/**
 * Effective catalogs, per database handle and catalog generation (a counter that triggers bump on
 * every write to the catalog tables, by any process): a change elsewhere costs one recomputation.
 */
const effectiveCache = new StampedCache<Effective>({ maxEntries: 512 });

/**
 * Serialised public answers, per database and catalog generation: the public window is read far more
 * often than catalogs or regions change. Bounded by total size; only successful answers are kept.
 */
const publicMemo = new StampedCache<Buffer>({
  maxEntries: 100_000,
  maxWeight: 32 * 1024 * 1024,
  weigh: (b) => b.length,
});

export async function publicAnswer(
  deps: Pick<Deps, 'db'>,
  key: string,
  produce: () => Promise<Buffer>,
): Promise<Buffer> {
  return publicMemo.getOrProduce(deps.db, await catalogGeneration(deps.db), key, produce);
}

/** Effective catalogs of a region on several dates (cached per catalog generation). */
export async function effectiveOn(
  db: Kysely<DB>,
  regionCode: string,
  dates: string[],
  view: View,
): Promise<Effective[]> {
  // Inside a transaction the handle is new each time: compute without the cache.
  if (db.isTransaction) return computeEffectiveOn(db, regionCode, dates, view);
  const generation = await catalogGeneration(db);
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

/** Version ids already stored, per database (a process normally has one). */
const knownVersions = new WeakMap<object, Set<string>>();
/** Stores the version snapshot (once) so that a judgement's catalogVersion can always be resolved. */
export async function recordVersion(deps: Pick<Deps, 'db' | 'clock'>, eff: Effective): Promise<string> {
  let known = knownVersions.get(deps.db);
  if (!known) knownVersions.set(deps.db, (known = new Set()));
  if (known.has(eff.versionId)) return eff.versionId;
  await repo.ensureVersion(deps.db, {
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

// ───────────────────────────── presenters ─────────────────────────────

export function presentItemFields(f: ItemFields) {
  return { ...f };
}

export function presentEffectiveItem(i: EffectiveItem, regions: Map<string, RegionRef>) {
  return {
    ...presentItemFields(i.fields),
    itemId: i.itemId,
    code: i.code,
    catalogId: i.catalogId,
    kind: i.kind,
    effectiveFrom: i.effectiveFrom,
    addedBy: i.addedBy ? regionLabel(regions.get(i.addedBy), i.addedBy) : null,
    amendedBy: i.amendedBy.map((c) => regionLabel(regions.get(c), c)),
    revisionIds: i.revisionIds,
  };
}

export function presentCatalog(
  c: CatalogRecord,
  opts: { actor: Actor | null; itemCount: number; regions: Map<string, RegionRef>; activeHere?: boolean | null },
) {
  return {
    id: c.id,
    kind: c.kind,
    kindLabel: CATALOG_KIND_LABELS[c.kind],
    title: c.title,
    layer: c.layer,
    layerLabel: layerLabelOf(c),
    province: c.province,
    year: c.year,
    ownerRegion: c.ownerRegionCode ? regionLabel(opts.regions.get(c.ownerRegionCode), c.ownerRegionCode) : null,
    sourceUrl: c.sourceUrl,
    secondarySources: c.secondarySources,
    completenessStatement: c.completeness,
    complete: c.complete,
    completenessNote: c.completenessNote,
    adoptedByDefault: c.adoptedByDefault,
    effectiveFrom: c.effectiveFrom,
    dateNote: c.dateNote,
    unknownItemCount: c.extra.unknownItemCount ?? null,
    attachedRules: c.extra.attachedRules ?? [],
    guidanceNote: c.extra.guidanceNote ?? null,
    importNote: c.extra.importNote ?? null,
    origin: c.origin,
    itemCount: opts.itemCount,
    activeHere: opts.activeHere ?? null,
    version: c.version,
    abilities: {
      update: !!opts.actor && canManageCatalog(opts.actor, c),
      import: !!opts.actor && canManageCatalog(opts.actor, c),
    },
  };
}

/** 全国 / 山西省 / 外省参考（湖南省） / 外地参考（河北省石家庄市鹿泉区） / 区级 …: references name their origin. */
export function layerLabelOf(c: CatalogRecord): string {
  if (c.layer === 'provincial' && c.province) return c.province;
  if (c.layer === 'other_province')
    return `${CATALOG_LAYER_LABELS.other_province}（${c.province ?? '外省'}，未采用时不生效）`;
  if (c.layer === 'other_locality')
    return `${CATALOG_LAYER_LABELS.other_locality}（${c.extra.locality ?? c.province ?? '外地'}，未采用时不生效）`;
  return CATALOG_LAYER_LABELS[c.layer];
}

export function presentAdjustmentSummary(a: AdjustmentRecord, regions: Map<string, RegionRef>) {
  return {
    id: a.id,
    operation: a.operation,
    operationLabel: ADJUSTMENT_OPERATION_LABELS[a.operation],
    targetRegion: regionLabel(regions.get(a.targetRegionCode), a.targetRegionCode),
    catalogId: a.catalogId,
    itemCode: a.itemCode,
    itemName: a.itemName,
    reasonType: a.reasonType,
    reasonLabel: REASON_TYPE_LABELS[a.reasonType],
    basis: a.basis,
    effectiveDate: a.effectiveDate,
    effectiveFrom: a.effectiveFrom,
    status: a.status,
    statusLabel: ADJUSTMENT_STATUS_LABELS[a.status],
    proposerName: a.proposerName,
    approverName: a.approverName,
    publishedAt: a.publishedAt,
  };
}

export async function presentAdjustmentSummaries(db: Kysely<DB>, list: AdjustmentRecord[]) {
  const regions = await repo.regionsByCodes(
    db,
    list.map((a) => a.targetRegionCode),
  );
  return list.map((a) => presentAdjustmentSummary(a, regions));
}

async function presentEffective(deps: Deps, region: RegionRef, eff: Effective, kinds?: CatalogKind[]) {
  const codes = [
    ...eff.items.flatMap((i) => [i.addedBy, ...i.amendedBy]),
    ...eff.active.map((a) => a.adoptedBy),
  ].filter((c): c is string => !!c);
  const regions = await repo.regionsByCodes(deps.db, codes);
  const scheduled = await repo.scheduledOn(deps.db, layersOf(region.code), eff.date, eff.view === 'public');
  const wanted = (k: CatalogKind) => !kinds || kinds.includes(k);
  const catalogs = eff.active
    .filter((a) => wanted(a.catalog.kind))
    .map((a) => ({
      ...pickActive(a.catalog),
      via: a.via,
      adoptedBy: a.adoptedBy ? regionLabel(regions.get(a.adoptedBy), a.adoptedBy) : null,
      items: eff.items.filter((i) => i.catalogId === a.catalog.id).map((i) => presentEffectiveItem(i, regions)),
    }));
  return {
    region: regionLabel(region, region.code),
    date: eff.date,
    catalogVersion: await recordVersion(deps, eff),
    view: eff.view,
    catalogs,
    itemCount: catalogs.reduce((n, c) => n + c.items.length, 0),
    scheduled: await presentAdjustmentSummaries(deps.db, scheduled),
  };
}

const pickActive = (c: CatalogRecord) => ({
  id: c.id,
  kind: c.kind,
  kindLabel: CATALOG_KIND_LABELS[c.kind],
  title: c.title,
  layer: c.layer,
  layerLabel: layerLabelOf(c),
  province: c.province,
  sourceUrl: c.sourceUrl,
  secondarySources: c.secondarySources,
  complete: c.complete,
  completenessNote: c.completenessNote,
  effectiveFrom: c.effectiveFrom,
  dateNote: c.dateNote,
  importNote: c.extra.importNote ?? null,
  unknownItemCount: c.extra.unknownItemCount ?? null,
});

// ───────────────────────────── use cases ─────────────────────────────

export function parseKinds(kinds: string | undefined): CatalogKind[] | undefined {
  if (!kinds) return undefined;
  const list = kinds
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const bad = list.filter((k) => !(CATALOG_KINDS as readonly string[]).includes(k));
  if (bad.length)
    throw new AppError('validation_failed', `目录类型“${bad.join('、')}”不存在，可选：${CATALOG_KINDS.join(', ')}`);
  return list as CatalogKind[];
}

/** Every catalog; with a region, whether each is in force there today. */
export async function listCatalogs(deps: Deps, actor: Actor, opts: { region?: string; kind?: CatalogKind }) {
  const catalogs = (await repo.allCatalogs(deps.db)).filter((c) => !opts.kind || c.kind === opts.kind);
  const counts = await repo.itemCounts(deps.db);
  const regions = await repo.regionsByCodes(
    deps.db,
    catalogs.map((c) => c.ownerRegionCode).filter((c): c is string => !!c),
  );
  let active: Set<string> | null = null;
  if (opts.region) {
    const region = await visibleRegion(deps.db, actor, opts.region);
    const layers = layersOf(region.code);
    const adoptions = await repo.adoptionsFor(deps.db, layers);
    active = new Set(
      activeCatalogs(await repo.allCatalogs(deps.db), adoptions, {
        regionCode: region.code,
        layers,
        date: today(deps),
        view: 'internal',
      }).active.map((a) => a.catalog.id),
    );
  }
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
  const c = (await repo.catalogById(deps.db, id)) ?? notFound('目录');
  const counts = await repo.itemCounts(deps.db);
  const regions = await repo.regionsByCodes(deps.db, c.ownerRegionCode ? [c.ownerRegionCode] : []);
  return presentCatalog(c, { actor, itemCount: counts.get(c.id) ?? 0, regions });
}

/**
 * Items of one catalog on a date: its base items, or (with a region) the items as refined for that
 * region. A local list without a region is shown as it stands at its owner.
 */
export async function catalogItems(deps: Deps, actor: Actor, id: string, opts: { date?: string; region?: string }) {
  const c = (await repo.catalogById(deps.db, id)) ?? notFound('目录');
  const date = opts.date ?? today(deps);
  const regionCode = opts.region ? (await visibleRegion(deps.db, actor, opts.region)).code : c.ownerRegionCode;
  let items: EffectiveItem[];
  if (regionCode) {
    const eff = await effectiveFor(deps, regionCode, date);
    items = eff.items.filter((i) => i.catalogId === c.id);
  } else {
    const base = await repo.baseRevisionsOfCatalog(deps.db, c.id);
    items = catalogAsOf(c, base.items, base.revisions, date);
  }
  const regions = await repo.regionsByCodes(
    deps.db,
    items.flatMap((i) => [i.addedBy, ...i.amendedBy]).filter((x): x is string => !!x),
  );
  return {
    catalogId: c.id,
    date,
    complete: c.complete,
    completenessNote: c.completenessNote,
    items: items.map((i) => presentEffectiveItem(i, regions)),
  };
}

export async function createCatalog(
  deps: Deps,
  ctx: RequestContext,
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
  const actor = ctx.actor!;
  const owner = await visibleRegion(deps.db, actor, input.ownerRegion);
  if (!isLayerLevel(owner.level)) throw new AppError('validation_failed', '本地目录只能属于区（县）或乡镇（街道）');
  if (!canCreateCatalogAt(actor, owner))
    throw new AppError('forbidden', '只有区民政局可以为本区或所辖乡镇（街道）建立本地目录');
  const now = deps.clock.nowIso();
  const note = input.completenessNote?.trim() || (input.complete ? '完整' : '部分：目录事项尚未录入完整');
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
    completenessNote: input.complete ? note : note.startsWith('部分') ? note : `部分：${note}`,
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
  ctx: RequestContext,
  id: string,
  input: {
    version: number;
    title?: string;
    sourceUrl?: string | null;
    complete?: boolean;
    completenessNote?: string | null;
  },
) {
  const actor = ctx.actor!;
  await deps.db.transaction().execute(async (trx) => {
    const c = (await repo.catalogById(trx, id)) ?? notFound('目录');
    if (!canManageCatalog(actor, c)) throw new AppError('forbidden', '只有区民政局可以修改目录信息');
    const complete = input.complete ?? c.complete;
    let note =
      input.completenessNote?.trim() ||
      (input.complete !== undefined && input.complete !== c.complete
        ? complete
          ? '完整'
          : '部分：目录事项不完整'
        : c.completenessNote);
    if (!complete && !note.startsWith('部分')) note = `部分：${note}`;
    if (complete && note.startsWith('部分'))
      throw new AppError('validation_failed', '标记为完整时，完整性说明不能以“部分”开头');
    const patch = {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.sourceUrl !== undefined ? { sourceUrl: input.sourceUrl } : {}),
      complete: complete ? 1 : 0,
      completenessNote: note,
    };
    if (!(await repo.updateCatalog(trx, id, input.version, patch, deps.clock.nowIso())))
      throw new AppError('conflict', '目录已被他人修改，请刷新后重试');
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
  return { region: regionLabel(region, region.code), ...v };
}

/** A stored version: the catalogs and item revisions a judgement used. */
export async function getVersion(deps: Deps, id: string) {
  const v = (await repo.versionById(deps.db, id)) ?? notFound('目录版本');
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
  const item = (await repo.itemByCode(deps.db, code)) ?? notFound('事项');
  if (!canSeeLayer(actor, item.originRegionCode)) notFound('事项');
  const catalog = (await repo.catalogById(deps.db, item.catalogId))!;
  const revisions = await repo.revisionsOfItem(deps.db, actor, item.id);
  const adjustments = await repo.adjustmentsByIds(
    deps.db,
    revisions.map((r) => r.adjustmentId).filter((x): x is string => !!x),
  );
  const pending = await repo.pendingForItem(deps.db, actor, item.id);
  const regions = await repo.regionsByCodes(deps.db, [
    ...revisions.map((r) => r.regionCode).filter((x): x is string => !!x),
    ...[...adjustments.values(), ...pending].map((a) => a.targetRegionCode),
    ...(item.originRegionCode ? [item.originRegionCode] : []),
  ]);
  const OP = { base: '基础目录', add: '新增', amend: '修改', withdraw: '取消' } as const;
  const SRC = { seed: '随系统发布的参考目录', import: '表格导入（正式附件）', adjustment: '动态调整' } as const;
  return {
    item: {
      id: item.id,
      code: item.code,
      catalogId: item.catalogId,
      catalogTitle: catalog.title,
      kind: catalog.kind,
      addedBy: item.originRegionCode ? regionLabel(regions.get(item.originRegionCode), item.originRegionCode) : null,
    },
    revisions: revisions.map((r) => ({
      id: r.id,
      revision: r.revision,
      operation: r.operation,
      operationLabel: OP[r.operation],
      layer: r.regionCode ? regionLabel(regions.get(r.regionCode), r.regionCode) : null,
      effectiveFrom: r.effectiveFrom,
      fields: r.fields,
      source: r.source,
      sourceLabel: SRC[r.source],
      importJobId: r.importId,
      adjustment:
        r.adjustmentId && adjustments.get(r.adjustmentId)
          ? presentAdjustmentSummary(adjustments.get(r.adjustmentId)!, regions)
          : null,
      createdAt: r.createdAt,
      createdBy: r.createdBy,
    })),
    pending: pending.map((a) => presentAdjustmentSummary(a, regions)),
  };
}

const FIELD_LABELS: Record<keyof ItemFields, string> = {
  name: '事项名称',
  category: '类别',
  basis: '设定依据',
  basisArticle: '依据条款',
  responsibleDepartment: '责任部门',
  funding: '经费保障',
  alternativeChannel: '替代办理渠道',
  guidance: '办理指引',
  notes: '备注',
  sourceUrl: '来源网址',
  catchAll: '兜底项',
  effectiveTo: '失效日期',
};

/** What changed in a region's effective catalog between two dates, with the adjustment behind each change. */
export async function diff(deps: Deps, actor: Actor, opts: { region: string; from: string; to: string }) {
  const region = await visibleRegion(deps.db, actor, opts.region);
  if (opts.from > opts.to) throw new AppError('validation_failed', '起始日期不能晚于结束日期');
  const [a, b] = await effectiveOn(deps.db, region.code, [opts.from, opts.to], 'internal');
  const d = diffEffective(a, b);
  const all = [...d.added, ...d.amended, ...d.withdrawn];
  const adjustments = await repo.adjustmentsByIds(
    deps.db,
    all.flatMap((e) => e.causes.map((c) => c.adjustmentId)).filter((x): x is string => !!x),
  );
  const regions = await repo.regionsByCodes(
    deps.db,
    [...adjustments.values()].map((x) => x.targetRegionCode),
  );
  const describe = (c: DiffCause): string => {
    const adj = c.adjustmentId ? adjustments.get(c.adjustmentId) : undefined;
    switch (c.type) {
      case 'adjustment':
        return adj
          ? `${regions.get(adj.targetRegionCode)?.name ?? adj.targetRegionCode}${ADJUSTMENT_OPERATION_LABELS[adj.operation]}（${REASON_TYPE_LABELS[adj.reasonType]}，${adj.effectiveFrom ?? adj.effectiveDate}起生效）`
          : '动态调整';
      case 'import':
        return '表格导入（正式附件）';
      case 'seed':
        return '随系统发布的参考目录';
      case 'adoption':
        return adj
          ? `${regions.get(adj.targetRegionCode)?.name ?? adj.targetRegionCode}${ADJUSTMENT_OPERATION_LABELS[adj.operation]}（${adj.effectiveFrom ?? adj.effectiveDate}起）`
          : '目录采用或停用';
      case 'expired':
        return `事项失效（失效日期 ${c.detail}）`;
      case 'catalog':
        return '所属目录生效或失效';
    }
  };
  const entry = (e: (typeof all)[number]) => ({
    itemId: e.itemId,
    code: e.code,
    name: (e.after ?? e.before)!.name,
    kind: e.kind,
    catalogId: e.catalogId,
    before: e.before,
    after: e.after,
    changedFields: e.changedFields.map((f) => FIELD_LABELS[f]),
    causes: e.causes.map((c) => ({
      type: c.type,
      description: describe(c),
      revisionId: c.revisionId,
      adjustment:
        c.adjustmentId && adjustments.get(c.adjustmentId)
          ? presentAdjustmentSummary(adjustments.get(c.adjustmentId)!, regions)
          : null,
    })),
  });
  return {
    region: regionLabel(region, region.code),
    from: opts.from,
    to: opts.to,
    fromVersion: a.versionId,
    toVersion: b.versionId,
    added: d.added.map(entry),
    amended: d.amended.map(entry),
    withdrawn: d.withdrawn.map(entry),
  };
}

// ───────────────────────────── matching ─────────────────────────────

function presentCandidate(c: MatchCandidate, eff: Effective) {
  const catalog = eff.active.find((a) => a.catalog.id === c.catalogId)?.catalog;
  const item = eff.items.find((i) => i.code === c.code);
  return {
    code: c.code,
    name: c.name,
    kind: c.kind,
    catalogId: c.catalogId,
    catalog: catalog?.title ?? c.catalogId,
    catalogComplete: catalog?.complete ?? false,
    basis: item?.fields.basis ?? null,
    score: c.score,
    reason: c.reason,
  };
}

/**
 * Matches free text against a region's effective catalog on a date. For other features (ledgers,
 * admission pre-checks, the certificate desk): store `catalogVersion` with the result.
 */
export async function matchInRegion(
  deps: Deps,
  regionCode: string,
  q: string,
  opts: { kinds?: CatalogKind[]; date?: string; view?: View } = {},
) {
  const date = opts.date ?? today(deps);
  const eff = await effectiveFor(deps, regionCode, date, opts.view ?? 'internal');
  const catalogVersion = await recordVersion(deps, eff);
  const entry = matcherFor(eff);
  const result = entry.matcher.match(q, opts.kinds);
  const searchedCertificates = !opts.kinds || opts.kinds.some((k) => CERTIFICATE_KINDS.includes(k));
  return {
    eff,
    date,
    catalogVersion,
    result,
    verdict: searchedCertificates ? (certificateVerdict(result) as CertificateVerdict) : null,
  };
}

export async function match(
  deps: Deps,
  actor: Actor,
  opts: { q: string; region: string; kinds?: string; date?: string },
) {
  const region = await visibleRegion(deps.db, actor, opts.region);
  const m = await matchInRegion(deps, region.code, opts.q, { kinds: parseKinds(opts.kinds), date: opts.date });
  return {
    query: opts.q,
    normalized: m.result.normalized,
    terms: m.result.terms,
    region: regionLabel(region, region.code),
    date: m.date,
    catalogVersion: m.catalogVersion,
    threshold: m.result.threshold,
    best: m.result.best ? presentCandidate(m.result.best, m.eff) : null,
    candidates: m.result.candidates.map((c) => presentCandidate(c, m.eff)),
    unlisted: m.result.unlisted,
    verdict: m.verdict,
  };
}

// ───────────────────────────── public window ─────────────────────────────

/** "Can my village issue X?" against the published catalog of the region today. */
export async function publicCertificateCheck(deps: Deps, opts: { q: string; region: string }) {
  const region = await regionOr404(deps.db, opts.region);
  const m = await matchInRegion(deps, region.code, opts.q, { kinds: [...CERTIFICATE_KINDS], view: 'public' });
  const verdict = m.verdict ?? 'unlisted';
  const best =
    verdict === 'unlisted'
      ? null
      : (m.result.candidates.find((c) => c.score >= m.result.threshold && CERTIFICATE_KINDS.includes(c.kind)) ?? null);
  const item = best ? (m.eff.items.find((i) => i.code === best.code) ?? null) : null;
  const catalog = best ? m.eff.active.find((a) => a.catalog.id === best.catalogId)?.catalog : undefined;
  const official = item?.fields.alternativeChannel ?? null;
  const alternative = verdict === 'negative' ? (official ?? item?.fields.guidance ?? null) : null;
  return {
    query: opts.q,
    region: regionLabel(region, region.code),
    date: m.date,
    verdict,
    verdictLabel: CERTIFICATE_VERDICT_LABELS[verdict],
    item:
      best && item
        ? {
            code: item.code,
            name: item.fields.name,
            catalog: catalog?.title ?? item.catalogId,
            catalogId: item.catalogId,
            basis: item.fields.basis,
          }
        : null,
    alternative,
    alternativeOfficial: verdict === 'negative' && official !== null,
    candidates: m.result.candidates.map((c) => presentCandidate(c, m.eff)),
    catalogVersion: m.catalogVersion,
  };
}

/** The published effective catalog of a region today, by kind, each list with its completeness. */
export async function publicCatalogs(deps: Deps, opts: { region: string }) {
  const region = await regionOr404(deps.db, opts.region);
  const eff = await effectiveFor(deps, region.code, today(deps), 'public');
  const regions = await repo.regionsByCodes(
    deps.db,
    eff.items.map((i) => i.addedBy).filter((x): x is string => !!x),
  );
  const kinds = CATALOG_KINDS.filter((k) => eff.active.some((a) => a.catalog.kind === k)).map((kind) => ({
    kind,
    label: CATALOG_KIND_LABELS[kind],
    catalogs: eff.active
      .filter((a) => a.catalog.kind === kind)
      .map(({ catalog: c }) => ({
        id: c.id,
        title: c.title,
        layerLabel: layerLabelOf(c),
        province: c.province,
        sourceUrl: c.sourceUrl,
        secondarySources: c.secondarySources,
        complete: c.complete,
        completenessNote: c.completenessNote,
        effectiveFrom: c.effectiveFrom,
        dateNote: c.dateNote,
        items: eff.items
          .filter((i) => i.catalogId === c.id)
          .map((i) => ({
            code: i.code,
            name: i.fields.name,
            category: i.fields.category,
            basis: i.fields.basis,
            basisArticle: i.fields.basisArticle,
            responsibleDepartment: i.fields.responsibleDepartment,
            funding: i.fields.funding,
            alternative: i.fields.alternativeChannel ?? (kind === 'negative_certificate' ? i.fields.guidance : null),
            alternativeOfficial: i.fields.alternativeChannel !== null,
            catchAll: i.fields.catchAll,
            effectiveFrom: i.effectiveFrom,
            effectiveTo: i.fields.effectiveTo,
            addedBy: i.addedBy ? (regions.get(i.addedBy)?.name ?? i.addedBy) : null,
            sourceUrl: i.fields.sourceUrl ?? c.sourceUrl,
          })),
      })),
  }));
  return {
    region: regionLabel(region, region.code),
    date: eff.date,
    catalogVersion: await recordVersion(deps, eff),
    kinds,
  };
}
