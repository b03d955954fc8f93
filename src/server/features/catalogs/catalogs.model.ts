/**
 * The layering rule, as pure functions over loaded rows (no database, no clock).
 *
 * The effective catalog of a region on a date:
 * 1. Catalogs in force: base catalogs adopted by default whose scope covers the region (national
 *    everywhere, 山西省 lists inside province 14), local catalogs owned by one of the region's layers,
 *    then adoptions/unadoptions of the region's layers (top-down, then by date) switch catalogs on/off.
 * 2. Items of those catalogs: base items take their latest base revision (seed or import) whose
 *    effective_from <= date; items added at a layer exist only under that layer from the add's date.
 * 3. The layers' amend and withdraw revisions with effective_from <= date are applied top-down
 *    (province, city, district, township), and by date within a layer. A withdraw removes the item.
 * 4. An item whose effective_to is before the date has expired.
 * The version id is a content hash of the catalogs in force and the revisions applied.
 */
import { sm3 } from '../../core/crypto.js';
import { prefixLength } from '../../core/actor.js';
import { levelOf } from '../regions/regions.model.js';
import {
  CATALOG_KINDS,
  CATALOG_LAYERS,
  ITEM_FIELDS,
  type CatalogKind,
  type CatalogLayer,
} from '../../../shared/catalogs.js';

export interface ItemFields {
  name: string;
  category: string | null;
  basis: string | null;
  basisArticle: string | null;
  responsibleDepartment: string | null;
  funding: string | null;
  alternativeChannel: string | null;
  guidance: string | null;
  notes: string | null;
  sourceUrl: string | null;
  catchAll: boolean;
  effectiveTo: string | null;
  /** Prohibition items: recognition rules (catalogs/rules.ts), one per line; the platform's wording. */
  patterns: string | null;
}
export type ItemPatch = Partial<ItemFields>;

/** Every item field, in column order (the shared contract's list). */
export const ITEM_FIELD_KEYS: readonly (keyof ItemFields)[] = ITEM_FIELDS;

export const EMPTY_FIELDS: ItemFields = {
  name: '',
  category: null,
  basis: null,
  basisArticle: null,
  responsibleDepartment: null,
  funding: null,
  alternativeChannel: null,
  guidance: null,
  notes: null,
  sourceUrl: null,
  catchAll: false,
  effectiveTo: null,
  patterns: null,
};

export interface CatalogExtra {
  sourceKind?: string;
  unknownItemCount?: number;
  attachedRules?: string[];
  guidanceNote?: string;
  importNote?: string;
  referenceFromOtherProvince?: unknown;
  /** other_locality lists: the city or county, e.g. 河北省石家庄市鹿泉区. */
  locality?: string;
  basis?: string;
}

export interface CatalogRecord {
  id: string;
  kind: CatalogKind;
  title: string;
  layer: CatalogLayer;
  province: string | null;
  scopeCode: string | null;
  ownerRegionCode: string | null;
  year: number | null;
  sourceUrl: string | null;
  secondarySources: string[];
  completeness: string | null;
  complete: boolean;
  completenessNote: string;
  adoptedByDefault: boolean;
  effectiveFrom: string | null;
  dateNote: string | null;
  codePrefix: string | null;
  extra: CatalogExtra;
  origin: 'seed' | 'local';
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface ItemRecord {
  id: string;
  code: string;
  catalogId: string;
  originRegionCode: string | null;
}

export type RevisionOperation = 'base' | 'add' | 'amend' | 'withdraw';
export type RevisionSource = 'seed' | 'import' | 'adjustment';

export interface RevisionRecord {
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
  /** Seed and import revisions are public at once; adjustment revisions once the adjustment is published. */
  published: boolean;
  createdAt: string;
  createdBy: string | null;
}

export interface AdoptionRecord {
  id: string;
  catalogId: string;
  regionCode: string;
  operation: 'adopt' | 'unadopt';
  effectiveFrom: string;
  adjustmentId: string | null;
  published: boolean;
  createdAt: string;
}

export type View = 'internal' | 'public';

export interface LayerContext {
  /** The region asked about (12 digits). */
  regionCode: string;
  /** Its ancestors and itself, top-down (province … township[, village]). */
  layers: string[];
  date: string;
  view: View;
}

export interface ActiveCatalog {
  catalog: CatalogRecord;
  via: 'default' | 'owned' | 'adopted';
  adoptedBy: string | null;
  adoptionId: string | null;
  adjustmentId: string | null;
}

export interface EffectiveItem {
  itemId: string;
  code: string;
  catalogId: string;
  kind: CatalogKind;
  fields: ItemFields;
  effectiveFrom: string | null;
  addedBy: string | null;
  amendedBy: string[];
  revisionIds: string[];
}

export type Removal =
  { reason: 'withdrawn'; revision: RevisionRecord } | { reason: 'expired'; effectiveTo: string; revisionId: string };

export interface Effective {
  regionCode: string;
  date: string;
  view: View;
  active: ActiveCatalog[];
  /** Catalogs switched off by an unadoption on one of the layers. */
  dropped: Map<string, AdoptionRecord>;
  items: EffectiveItem[];
  removed: Map<string, Removal>;
  revisions: Map<string, RevisionRecord>;
  versionId: string;
}

const KIND_ORDER = new Map(CATALOG_KINDS.map((k, i) => [k, i]));
const LAYER_ORDER = new Map(CATALOG_LAYERS.map((l, i) => [l, i]));

/** The 12-digit ancestors of a region, top-down, itself included. */
export function layersOf(code12: string): string[] {
  const level = levelOf(code12);
  const out: string[] = [];
  for (const n of [2, 4, 6, 9, 12]) {
    if (n > prefixLength(level)) break;
    const c = code12.slice(0, n).padEnd(12, '0');
    if (!out.includes(c)) out.push(c);
  }
  return out;
}

/** Does a scope node (12-digit code) contain the region? */
export function scopeCovers(scopeCode: string, regionCode: string): boolean {
  return regionCode.startsWith(scopeCode.slice(0, prefixLength(levelOf(scopeCode))));
}

const onOrBefore = (d: string | null, date: string) => d === null || d <= date;

/** Which catalogs are in force for the region on the date, and why. */
export function activeCatalogs(
  catalogs: CatalogRecord[],
  adoptions: AdoptionRecord[],
  ctx: LayerContext,
): { active: ActiveCatalog[]; dropped: Map<string, AdoptionRecord> } {
  const depth = new Map(ctx.layers.map((c, i) => [c, i]));
  const byId = new Map(catalogs.map((c) => [c.id, c]));
  const active = new Map<string, ActiveCatalog>();
  for (const c of catalogs) {
    if (!onOrBefore(c.effectiveFrom, ctx.date)) continue;
    if (c.ownerRegionCode) {
      if (depth.has(c.ownerRegionCode))
        active.set(c.id, { catalog: c, via: 'owned', adoptedBy: null, adoptionId: null, adjustmentId: null });
    } else if (c.adoptedByDefault && (c.scopeCode === null || scopeCovers(c.scopeCode, ctx.regionCode))) {
      active.set(c.id, { catalog: c, via: 'default', adoptedBy: null, adoptionId: null, adjustmentId: null });
    }
  }
  const events = adoptions
    .filter((a) => depth.has(a.regionCode) && a.effectiveFrom <= ctx.date && (ctx.view === 'internal' || a.published))
    .sort(
      (a, b) =>
        depth.get(a.regionCode)! - depth.get(b.regionCode)! ||
        a.effectiveFrom.localeCompare(b.effectiveFrom) ||
        a.createdAt.localeCompare(b.createdAt) ||
        a.id.localeCompare(b.id),
    );
  const dropped = new Map<string, AdoptionRecord>();
  for (const e of events) {
    const c = byId.get(e.catalogId);
    if (!c) continue;
    if (e.operation === 'adopt') {
      active.set(c.id, {
        catalog: c,
        via: 'adopted',
        adoptedBy: e.regionCode,
        adoptionId: e.id,
        adjustmentId: e.adjustmentId,
      });
      dropped.delete(c.id);
    } else if (active.delete(c.id)) dropped.set(c.id, e);
  }
  const list = [...active.values()].sort(
    (a, b) =>
      KIND_ORDER.get(a.catalog.kind)! - KIND_ORDER.get(b.catalog.kind)! ||
      LAYER_ORDER.get(a.catalog.layer)! - LAYER_ORDER.get(b.catalog.layer)! ||
      a.catalog.id.localeCompare(b.catalog.id),
  );
  return { active: list, dropped };
}

const applyPatch = (f: ItemFields, p: ItemPatch): ItemFields => {
  const out = { ...f };
  for (const k of ITEM_FIELD_KEYS) if (k in p && p[k] !== undefined) (out as any)[k] = p[k];
  return out;
};

const maxDate = (a: string | null, b: string | null) => (a === null ? b : b === null ? a : a > b ? a : b);

/** Computes the effective catalog. Input may be a superset; everything is re-filtered here. */
export function computeEffective(
  input: { catalogs: CatalogRecord[]; items: ItemRecord[]; revisions: RevisionRecord[]; adoptions: AdoptionRecord[] },
  ctx: LayerContext,
): Effective {
  const { active, dropped } = activeCatalogs(input.catalogs, input.adoptions, ctx);
  const activeIds = new Map(active.map((a, i) => [a.catalog.id, i]));
  const depth = new Map(ctx.layers.map((c, i) => [c, i]));
  const visible = (r: RevisionRecord) =>
    onOrBefore(r.effectiveFrom, ctx.date) && (ctx.view === 'internal' || r.published);

  const revsByItem = new Map<string, RevisionRecord[]>();
  for (const r of input.revisions) {
    if (!visible(r)) continue;
    if (r.regionCode !== null && !depth.has(r.regionCode)) continue;
    let list = revsByItem.get(r.itemId);
    if (!list) revsByItem.set(r.itemId, (list = []));
    list.push(r);
  }

  const items: EffectiveItem[] = [];
  const removed = new Map<string, Removal>();
  const applied = new Map<string, RevisionRecord>();
  const kindOf = new Map(input.catalogs.map((c) => [c.id, c.kind]));

  for (const item of input.items) {
    if (!activeIds.has(item.catalogId)) continue;
    if (item.originRegionCode !== null && !depth.has(item.originRegionCode)) continue;
    const revs = revsByItem.get(item.id);
    if (!revs) continue;
    let start: RevisionRecord | undefined;
    if (item.originRegionCode === null) {
      for (const r of revs) if (r.operation === 'base' && (!start || r.revision > start.revision)) start = r;
    } else {
      start = revs.find((r) => r.operation === 'add');
    }
    if (!start) continue;
    let fields = applyPatch(EMPTY_FIELDS, start.fields);
    let effectiveFrom = start.effectiveFrom;
    const used = [start];
    const amendedBy: string[] = [];
    let withdrawnBy: RevisionRecord | null = null;
    const layerRevs = revs
      .filter((r) => (r.operation === 'amend' || r.operation === 'withdraw') && r.regionCode !== null)
      .sort(
        (a, b) =>
          depth.get(a.regionCode!)! - depth.get(b.regionCode!)! ||
          (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? '') ||
          a.revision - b.revision,
      );
    for (const r of layerRevs) {
      if (r.operation === 'withdraw') {
        withdrawnBy = r;
        break;
      }
      fields = applyPatch(fields, r.fields);
      effectiveFrom = maxDate(effectiveFrom, r.effectiveFrom);
      used.push(r);
      if (!amendedBy.includes(r.regionCode!)) amendedBy.push(r.regionCode!);
    }
    if (withdrawnBy) {
      removed.set(item.id, { reason: 'withdrawn', revision: withdrawnBy });
      applied.set(withdrawnBy.id, withdrawnBy);
      continue;
    }
    if (fields.effectiveTo && fields.effectiveTo < ctx.date) {
      removed.set(item.id, {
        reason: 'expired',
        effectiveTo: fields.effectiveTo,
        revisionId: used[used.length - 1].id,
      });
      continue;
    }
    for (const r of used) applied.set(r.id, r);
    items.push({
      itemId: item.id,
      code: item.code,
      catalogId: item.catalogId,
      kind: kindOf.get(item.catalogId)!,
      fields,
      effectiveFrom,
      addedBy: item.originRegionCode,
      amendedBy,
      revisionIds: used.map((r) => r.id),
    });
  }

  items.sort((a, b) => {
    const ca = activeIds.get(a.catalogId)!;
    const cb = activeIds.get(b.catalogId)!;
    if (ca !== cb) return ca - cb;
    const da = a.addedBy === null ? -1 : depth.get(a.addedBy)!;
    const db = b.addedBy === null ? -1 : depth.get(b.addedBy)!;
    return da - db || a.code.localeCompare(b.code, 'en', { numeric: true });
  });

  return {
    regionCode: ctx.regionCode,
    date: ctx.date,
    view: ctx.view,
    active,
    dropped,
    items,
    removed,
    revisions: applied,
    versionId: versionIdOf(
      active.map((a) => a.catalog.id),
      items.flatMap((i) => i.revisionIds),
    ),
  };
}

/** Stable content hash: same catalogs and same revisions → same id, whatever the region or date. */
export function versionIdOf(catalogIds: string[], revisionIds: string[]): string {
  const payload = JSON.stringify([[...catalogIds].sort(), [...revisionIds].sort()]);
  return `cv-${sm3(payload).slice(0, 24)}`;
}
