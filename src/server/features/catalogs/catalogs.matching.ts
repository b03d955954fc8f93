/**
 * The one matcher, over a region's effective catalog. Building a matcher (segmenting every item name)
 * is the costly step, so matchers are cached per catalog version (a content hash: regions with the same
 * effective catalog share one) in a small LRU.
 */
import { createMatcher, type Matcher, type MatchableItem } from './matcher.js';
import type { CatalogRecord, Effective, EffectiveItem } from './catalogs.model.js';

export interface MatcherEntry {
  matcher: Matcher;
  items: Map<string, EffectiveItem>;
  catalogs: Map<string, CatalogRecord>;
}

const MAX_ENTRIES = 32;
const cache = new Map<string, MatcherEntry>();

export function toMatchable(item: EffectiveItem, catalog: CatalogRecord): MatchableItem {
  return {
    code: item.code,
    name: item.fields.name,
    kind: item.kind,
    catalogId: item.catalogId,
    catalogTitle: catalog.title,
    basis: item.fields.basis,
    alternativeChannel: item.fields.alternativeChannel,
    catchAll: item.fields.catchAll,
  };
}

/** The matcher for an effective catalog, built once per version. */
export function matcherFor(eff: Effective): MatcherEntry {
  const hit = cache.get(eff.versionId);
  if (hit) {
    cache.delete(eff.versionId);
    cache.set(eff.versionId, hit);
    return hit;
  }
  const catalogs = new Map(eff.active.map((a) => [a.catalog.id, a.catalog]));
  const entry: MatcherEntry = {
    matcher: createMatcher(eff.items.map((i) => toMatchable(i, catalogs.get(i.catalogId)!))),
    items: new Map(eff.items.map((i) => [i.code, i])),
    catalogs,
  };
  cache.set(eff.versionId, entry);
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return entry;
}

/** For tests and benchmarks. */
export const matcherCacheSize = () => cache.size;
export const clearMatcherCache = () => cache.clear();
