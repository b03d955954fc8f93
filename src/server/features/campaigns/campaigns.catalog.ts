/**
 * The one wiring point between ledgers and the catalogs feature, through its service only: a village is
 * judged against the published (public-view) effective catalog of the village today, as the one judge's
 * CatalogView (catalogs/judge.ts) with the district's sign guide; its version is stored on every judged row.
 * Certificate rows go through the same matcher and the same public-view catalog as the public
 * "can my village issue this?" check, so the two cannot disagree for the same name.
 *
 * Catalog layers stop at the township (catalogs.policy isLayerLevel), so villages of one township share
 * one effective catalog: its view is built once per township per unit of work (the matcher itself is
 * cached per catalog version by the catalogs feature). To be replaced by the catalogs facade.
 */
import type { Deps } from '../../deps.js';
import type { CatalogKind } from '../../../shared/catalogs.js';
import type { CatalogHitItem, CatalogLookup } from './campaigns.judge.js';
import { catalogViewFor } from '../catalogs/catalogs.judging.js';
import * as repo from './campaigns.repo.js';

export interface CatalogLookups {
  /** The lookup for one village on the unit of work's date. */
  forVillage(villageCode: string): Promise<CatalogLookup>;
}

/** The district's sign guide for any region inside it (the defaults when the district set none). */
export function signGuideFor(deps: Pick<Deps, 'db'>, regionCode: string) {
  return repo.signGuideOf(deps.db, regionCode.slice(0, 6).padEnd(12, '0'));
}

/** Lookups for judging on `date` (YYYY-MM-DD, Asia/Shanghai). One view per township per call site. */
export function catalogLookups(deps: Deps, date: string): CatalogLookups {
  const byTownship = new Map<string, Promise<CatalogLookup>>();
  return {
    forVillage(code) {
      const township = code.slice(0, 9);
      let p = byTownship.get(township);
      if (!p) {
        p = (async () => {
          const signGuide = await signGuideFor(deps, code);
          const view = await catalogViewFor(deps, code, date, { view: 'public', signGuide });
          return {
            versionId: view.versionId,
            view,
            async search(text, kinds) {
              const r = view.match(text, kinds as CatalogKind[]);
              return r.candidates.map((c): CatalogHitItem => ({
                code: c.code,
                name: c.name,
                kind: c.kind,
                score: c.score,
                basis: view.item(c.code)?.basis ?? null,
              }));
            },
          };
        })();
        byTownship.set(township, p);
      }
      return p;
    },
  };
}
