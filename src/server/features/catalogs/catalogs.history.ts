/**
 * The catalog across dates, as pure functions over loaded rows: what changed between two effective
 * catalogs of a region (each change with its causes: an adjustment, an import, an adoption, an expiry),
 * and what one catalog's list held on a date.
 */
import type { CatalogKind } from '../../../shared/catalogs.js';
import {
  computeEffective,
  ITEM_FIELD_KEYS,
  type CatalogRecord,
  type Effective,
  type EffectiveItem,
  type ItemFields,
  type ItemRecord,
  type RevisionRecord,
} from './catalogs.model.js';

export type CauseType = 'adjustment' | 'import' | 'seed' | 'adoption' | 'expired' | 'catalog';
export interface DiffCause {
  type: CauseType;
  revisionId: string | null;
  adjustmentId: string | null;
  detail: string | null;
}
export interface DiffEntry {
  itemId: string;
  code: string;
  kind: CatalogKind;
  catalogId: string;
  before: ItemFields | null;
  after: ItemFields | null;
  changedFields: (keyof ItemFields)[];
  causes: DiffCause[];
}
export interface CatalogDiff {
  added: DiffEntry[];
  amended: DiffEntry[];
  withdrawn: DiffEntry[];
}

const causeOfRevision = (r: RevisionRecord): DiffCause => ({
  type: r.source === 'adjustment' ? 'adjustment' : r.source,
  revisionId: r.id,
  adjustmentId: r.adjustmentId,
  detail: r.operation,
});

export function changedFields(a: ItemFields, b: ItemFields): (keyof ItemFields)[] {
  return ITEM_FIELD_KEYS.filter((k) => (a[k] ?? null) !== (b[k] ?? null));
}

/** One item's change: its fields before and after, which fields differ (when both exist), and why. */
const entryOf = (
  item: EffectiveItem,
  before: ItemFields | null,
  after: ItemFields | null,
  causes: DiffCause[],
): DiffEntry => ({
  itemId: item.itemId,
  code: item.code,
  kind: item.kind,
  catalogId: item.catalogId,
  before,
  after,
  changedFields: before && after ? changedFields(before, after) : [],
  causes,
});

/** What changed between two effective catalogs of the same region (earlier `a`, later `b`). */
export function diffEffective(a: Effective, b: Effective): CatalogDiff {
  const before = new Map(a.items.map((i) => [i.itemId, i]));
  const after = new Map(b.items.map((i) => [i.itemId, i]));
  const activeA = new Map(a.active.map((x) => [x.catalog.id, x]));
  const activeB = new Map(b.active.map((x) => [x.catalog.id, x]));
  const out: CatalogDiff = { added: [], amended: [], withdrawn: [] };

  for (const item of b.items) {
    const old = before.get(item.itemId);
    const newRevs = item.revisionIds.filter((id) => !old?.revisionIds.includes(id)).map((id) => b.revisions.get(id)!);
    if (!old) {
      const ac = activeB.get(item.catalogId)!;
      const causes: DiffCause[] = activeA.has(item.catalogId)
        ? newRevs.map(causeOfRevision)
        : [
            {
              type: ac.via === 'adopted' ? 'adoption' : 'catalog',
              revisionId: null,
              adjustmentId: ac.adjustmentId,
              detail: ac.via,
            },
          ];
      out.added.push(entryOf(item, null, item.fields, causes));
    } else if (newRevs.length || old.revisionIds.length !== item.revisionIds.length) {
      out.amended.push(entryOf(item, old.fields, item.fields, newRevs.map(causeOfRevision)));
    }
  }
  for (const item of a.items) {
    if (after.has(item.itemId)) continue;
    const why = b.removed.get(item.itemId);
    const causes: DiffCause[] = [];
    if (why?.reason === 'withdrawn') causes.push(causeOfRevision(why.revision));
    else if (why?.reason === 'expired')
      causes.push({ type: 'expired', revisionId: why.revisionId, adjustmentId: null, detail: why.effectiveTo });
    else if (!activeB.has(item.catalogId)) {
      const drop = b.dropped.get(item.catalogId);
      causes.push(
        drop
          ? { type: 'adoption', revisionId: null, adjustmentId: drop.adjustmentId, detail: 'unadopt' }
          : { type: 'catalog', revisionId: null, adjustmentId: null, detail: null },
      );
    }
    out.withdrawn.push(entryOf(item, item.fields, null, causes));
  }
  return out;
}

/** The base items of one catalog as they stood on a date (no layers): what an export of the list shows. */
export function catalogAsOf(
  catalog: CatalogRecord,
  items: ItemRecord[],
  revisions: RevisionRecord[],
  date: string,
): EffectiveItem[] {
  const standalone: CatalogRecord = {
    ...catalog,
    adoptedByDefault: true,
    scopeCode: null,
    ownerRegionCode: null,
    effectiveFrom: null,
  };
  return computeEffective(
    {
      catalogs: [standalone],
      items: items.filter((i) => i.originRegionCode === null),
      revisions: revisions.filter((r) => r.regionCode === null),
      adoptions: [],
    },
    { regionCode: '000000000000', layers: [], date, view: 'internal' },
  ).items;
}
