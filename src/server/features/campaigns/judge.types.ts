/**
 * What the judge answers (a suggestion: verdict, clause, keyed reason, catalog item, findings) and what the
 * ledger judges against (CatalogLookup: the village's CatalogView, wired by campaigns.catalog.ts).
 */
import type { Keyed } from '../../../shared/i18n.js';
import type { SuggestedVerdict } from '../../../shared/campaigns.js';
import type { CatalogView, Judgement } from '../catalogs/judge.js';

export type CertificateVerdict = 'positive' | 'negative' | 'unlisted';

export interface CatalogHitItem {
  code: string;
  name: string;
  kind: string;
  score: number;
  basis: string | null;
}

/** What the ledger judges against for one village on one date. */
export interface CatalogLookup {
  /** The catalog version the answers come from (stored on every judged row). */
  versionId: string;
  /** The village's effective catalogs (public view) with the district's sign guide. */
  view: CatalogView;
  /** Up to 5 candidates of the given kinds, best first, whatever their score (for type-ahead). */
  search(text: string, kinds: readonly string[]): Promise<CatalogHitItem[]>;
}

/** The judge's findings (worded by `campaigns.flag.<code>` in the locale tables). */
export const FLAGS = [
  'sign_not_allowed',
  'sign_placement',
  'sign_over_limit',
  'sign_not_short',
  'sign_duplicate_guide',
  'statutory',
  'no_basis',
  'dedicated_post',
  'burden_shifted',
  'no_funding',
  'no_effect',
  'not_accepted',
  'prohibited',
  'out_of_catalog',
  'assistance_unfunded',
  'forms_required',
  'certificate_negative',
  'certificate_unlisted',
  'catalog_incomplete',
] as const;
export type Flag = (typeof FLAGS)[number];

export interface Suggestion {
  /** keep, cancel, merge, rectify, or verify (待核实（目录未完整）: a suggestion only, never accepted as it stands). */
  verdict: SuggestedVerdict;
  clause: string;
  /** Why, by key: parameters are data (names, bases) or keyed texts themselves. */
  reason: Keyed;
  itemCode: string | null;
  itemName: string | null;
  /** sign: allowed|inside|other; mechanism: statutory|central|law|…; work affair: duty|assistance|none|prohibited; certificate: the public check's verdict. */
  matchKind: string | null;
  flags: Flag[];
  catalogVersion: string | null;
}

export const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** A keyed reason (`campaigns.reason.<key>`). */
export const because = (key: string, params?: Keyed['params']): Keyed =>
  ({ key: `campaigns.reason.${key}`, ...(params ? { params } : {}) }) as Keyed;

/** A prohibited task: cancel, naming each rule that fired, its catalog and the words that triggered it. */
export function prohibited(j: Judgement, extra: Flag[], versionId: string): Suggestion {
  return {
    verdict: 'cancel',
    clause: 'S-7.2、S-9',
    reason: because('prohibitedRules', {
      rules: j.findings.map((f) =>
        because('prohibitedRule', {
          catalog: f.item.catalogTitle,
          code: f.item.code,
          item: f.item.name,
          words: [...new Set(f.triggers.flatMap((t) => t.words))].join('、'),
        }),
      ),
    }),
    itemCode: j.findings[0].item.code,
    itemName: j.findings[0].item.name,
    matchKind: 'prohibited',
    flags: ['prohibited', ...extra],
    catalogVersion: versionId,
  };
}
