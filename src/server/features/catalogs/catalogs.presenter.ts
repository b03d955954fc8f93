/**
 * Records → API shapes (src/shared/catalogs.ts), with the abilities the UI needs. Codes and parameters
 * only: the web renders labels from the locale tables. Pure: callers load the regions, catalogs and
 * items a shape names.
 */
import type { Actor } from '../../core/actor.js';
import type { CatalogRecord, Effective, EffectiveItem, ItemFields, RevisionRecord } from './catalogs.model.js';
import {
  canApprove,
  canCancelAdjustment,
  canEditAdjustment,
  canManageCatalog,
  canPublish,
  canReject,
  canSubmitAdjustment,
} from './catalogs.policy.js';
import type { MatchCandidate } from './matcher.js';
import type { AdjustmentRecord } from './catalogs.adjustments.repo.js';
import type { RegionRef } from './catalogs.effective.js';

export type Regions = Map<string, RegionRef>;

/** A region by code, named when known (a code that is no longer in the region table keeps its code). */
export const presentRegion = (regions: Regions, code: string) => {
  const r = regions.get(code);
  return { code, name: r?.name ?? code, level: r?.level ?? 'unknown' };
};
export const presentRegionRef = (r: RegionRef) => ({ code: r.code, name: r.name, level: r.level as string });
const regionOrNull = (regions: Regions, code: string | null) => (code ? presentRegion(regions, code) : null);

export const presentItemFields = (f: ItemFields) => ({ ...f });

export function presentEffectiveItem(i: EffectiveItem, regions: Regions) {
  return {
    ...presentItemFields(i.fields),
    itemId: i.itemId,
    code: i.code,
    catalogId: i.catalogId,
    kind: i.kind,
    effectiveFrom: i.effectiveFrom,
    addedBy: regionOrNull(regions, i.addedBy),
    amendedBy: i.amendedBy.map((c) => presentRegion(regions, c)),
    revisionIds: i.revisionIds,
  };
}

/** What every view of a catalog shows: kind, layer and origin, source, completeness and dates. */
export const presentCatalogFacts = (c: CatalogRecord) => ({
  id: c.id,
  kind: c.kind,
  title: c.title,
  layer: c.layer,
  province: c.province,
  locality: c.extra.locality ?? null,
  sourceUrl: c.sourceUrl,
  secondarySources: c.secondarySources,
  complete: c.complete,
  completenessNote: c.completenessNote,
  effectiveFrom: c.effectiveFrom,
  dateNote: c.dateNote,
  importNote: c.extra.importNote ?? null,
  unknownItemCount: c.extra.unknownItemCount ?? null,
});

export function presentCatalog(
  c: CatalogRecord,
  opts: { actor: Actor | null; itemCount: number; regions: Regions; activeHere?: boolean | null },
) {
  const manage = !!opts.actor && canManageCatalog(opts.actor, c);
  return {
    ...presentCatalogFacts(c),
    year: c.year,
    ownerRegion: regionOrNull(opts.regions, c.ownerRegionCode),
    completenessStatement: c.completeness,
    adoptedByDefault: c.adoptedByDefault,
    attachedRules: c.extra.attachedRules ?? [],
    guidanceNote: c.extra.guidanceNote ?? null,
    origin: c.origin,
    itemCount: opts.itemCount,
    activeHere: opts.activeHere ?? null,
    version: c.version,
    abilities: { update: manage, import: manage },
  };
}

export function presentAdjustmentSummary(a: AdjustmentRecord, regions: Regions) {
  return {
    id: a.id,
    operation: a.operation,
    targetRegion: presentRegion(regions, a.targetRegionCode),
    catalogId: a.catalogId,
    itemCode: a.itemCode,
    itemName: a.itemName,
    reasonType: a.reasonType,
    basis: a.basis,
    effectiveDate: a.effectiveDate,
    effectiveFrom: a.effectiveFrom,
    status: a.status,
    proposerName: a.proposerName,
    approverName: a.approverName,
    publishedAt: a.publishedAt,
  };
}

/** An adjustment in full: its catalog, the item as it stands now (amend/withdraw), and what the actor may do. */
export function presentAdjustment(
  a: AdjustmentRecord,
  facts: {
    actor: Actor;
    regions: Regions;
    catalog: CatalogRecord | null;
    current: ItemFields | null;
    today: string;
    fourEyes: boolean;
  },
) {
  const { actor, fourEyes } = facts;
  return {
    ...presentAdjustmentSummary(a, facts.regions),
    catalogTitle: facts.catalog?.title ?? null,
    kind: facts.catalog?.kind ?? null,
    itemId: a.itemId,
    changes: a.changes,
    current: facts.current ? presentItemFields(facts.current) : null,
    reasonNote: a.reasonNote,
    proposerId: a.proposerId,
    submittedAt: a.submittedAt,
    approverId: a.approverId,
    decidedAt: a.decidedAt,
    decisionNote: a.decisionNote,
    publishedBy: a.publishedBy,
    inEffect: a.status === 'approved' && !!a.effectiveFrom && a.effectiveFrom <= facts.today,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    version: a.version,
    abilities: {
      edit: canEditAdjustment(actor, a),
      submit: canSubmitAdjustment(actor, a),
      cancel: canCancelAdjustment(actor, a),
      approve: canApprove(actor, a, { fourEyes }),
      reject: canReject(actor, a, { fourEyes }),
      publish: canPublish(actor, a),
    },
  };
}

/** The adjustment behind a revision or a change, when there is one. */
export const presentAdjustmentOf = (
  id: string | null,
  adjustments: Map<string, AdjustmentRecord>,
  regions: Regions,
) => {
  const a = id ? adjustments.get(id) : undefined;
  return a ? presentAdjustmentSummary(a, regions) : null;
};

export function presentRevision(r: RevisionRecord, regions: Regions, adjustments: Map<string, AdjustmentRecord>) {
  return {
    id: r.id,
    revision: r.revision,
    operation: r.operation,
    layer: regionOrNull(regions, r.regionCode),
    effectiveFrom: r.effectiveFrom,
    fields: r.fields,
    source: r.source,
    importJobId: r.importId,
    adjustment: presentAdjustmentOf(r.adjustmentId, adjustments, regions),
    createdAt: r.createdAt,
    createdBy: r.createdBy,
  };
}

/** A matcher candidate with its catalog's title and completeness and the item's basis. */
export function presentCandidate(c: MatchCandidate, eff: Effective) {
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
