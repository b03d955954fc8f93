/**
 * The judge's view of a region's effective catalog on a date (catalogs/judge.ts): the effective catalog, its
 * stored version, the matcher cached per version, per-kind completeness (set by the district or derived) and
 * the district's sign guide (the campaigns feature owns it; callers pass it). Interim wiring until the
 * catalogs facade replaces admission/catalog.gateway.ts and campaigns/campaigns.catalog.ts.
 */
import type { Deps } from '../../deps.js';
import type { CatalogKind, Completeness } from '../../../shared/catalogs.js';
import type { View } from './catalogs.model.js';
import { matcherFor } from './catalogs.matching.js';
import { effectiveFor, recordVersion } from './catalogs.service.js';
import { completenessOf } from './catalogs.status.js';
import { viewFromEffective, type CatalogView, type SignGuide } from './judge.js';

export async function catalogViewFor(
  deps: Pick<Deps, 'db' | 'clock'>,
  regionCode: string,
  date: string,
  opts: { view?: View; signGuide: SignGuide },
): Promise<CatalogView> {
  const eff = await effectiveFor(deps, regionCode, date, opts.view ?? 'internal');
  const versionId = await recordVersion(deps, eff);
  const kinds = await completenessOf(deps.db, eff);
  const completeness = Object.fromEntries(Object.values(kinds).map((k) => [k.kind, k.status])) as Record<
    CatalogKind,
    Completeness
  >;
  return viewFromEffective(eff, {
    versionId,
    signGuide: opts.signGuide,
    matcher: matcherFor(eff).matcher,
    completeness,
  });
}
