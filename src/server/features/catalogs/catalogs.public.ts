/**
 * Matching free text against a region's effective catalog (for signed-in users and other features), and
 * the public window: "can my village issue X?" and the published lists of a village, answered from a
 * memo kept per catalog generation.
 */
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { AppError, msg } from '../../core/errors.js';
import { StampedCache } from '../../core/stamped-cache.js';
import { CATALOG_KINDS, type CatalogKind, type CertificateVerdict } from '../../../shared/catalogs.js';
import type { View } from './catalogs.model.js';
import { matcherFor } from './catalogs.matching.js';
import { certificateVerdict, CERTIFICATE_KINDS } from './matcher.js';
import {
  effectiveFor,
  recordVersion,
  regionOr404,
  regionsByCodes,
  today,
  visibleRegion,
} from './catalogs.effective.js';
import { presentCandidate, presentCatalogFacts, presentRegionRef } from './catalogs.presenter.js';
import { catalogGeneration } from './catalogs.versions.repo.js';

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

/** `duty,assistance` → the kinds; 400 naming any unknown kind. */
export function parseKinds(kinds: string | undefined): CatalogKind[] | undefined {
  if (!kinds) return undefined;
  const list = kinds
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean);
  const bad = list.filter((k) => !(CATALOG_KINDS as readonly string[]).includes(k));
  if (bad.length)
    throw new AppError(
      'validation_failed',
      msg('catalogs.error.unknownKinds', { kinds: bad.join('、'), options: CATALOG_KINDS.join(', ') }),
    );
  return list as CatalogKind[];
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
    region: presentRegionRef(region),
    date: m.date,
    catalogVersion: m.catalogVersion,
    threshold: m.result.threshold,
    best: m.result.best ? presentCandidate(m.result.best, m.eff) : null,
    candidates: m.result.candidates.map((c) => presentCandidate(c, m.eff)),
    unlisted: m.result.unlisted,
    verdict: m.verdict,
  };
}

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
    region: presentRegionRef(region),
    date: m.date,
    verdict,
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
  const regions = await regionsByCodes(
    deps.db,
    eff.items.map((i) => i.addedBy),
  );
  const kinds = CATALOG_KINDS.filter((k) => eff.active.some((a) => a.catalog.kind === k)).map((kind) => ({
    kind,
    catalogs: eff.active
      .filter((a) => a.catalog.kind === kind)
      .map(({ catalog: c }) => ({
        ...presentCatalogFacts(c),
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
    region: presentRegionRef(region),
    date: eff.date,
    catalogVersion: await recordVersion(deps, eff),
    kinds,
  };
}
