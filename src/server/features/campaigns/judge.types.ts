/**
 * What the judge answers (a suggestion: verdict, clause, keyed reason, catalog item, findings) and the
 * port it asks the catalogs through (campaigns.catalog.ts wires it to the catalogs feature).
 */
import type { Keyed } from '../../../shared/i18n.js';
import type { Verdict } from './campaigns.model.js';

export type CertificateVerdict = 'positive' | 'negative' | 'unlisted';

export interface CatalogHitItem {
  code: string;
  name: string;
  kind: string;
  score: number;
  basis: string | null;
}

/** What the judge asks of the effective catalog of one village on one date. */
export interface CatalogLookup {
  /** The catalog version the answers come from (stored on every judged row). */
  versionId: string;
  /** The best item of the given kinds, or null when nothing reaches the matcher's threshold. */
  match(name: string, kinds: readonly string[]): Promise<CatalogHitItem | null>;
  /** Up to 5 candidates of the given kinds, best first, whatever their score (for type-ahead). */
  search(text: string, kinds: readonly string[]): Promise<CatalogHitItem[]>;
  /** Exactly the public certificate check's answer for this name and village (with the version it used). */
  certificate(name: string): Promise<{
    verdict: CertificateVerdict;
    item: { code: string; name: string; basis: string | null } | null;
    alternative: string | null;
    catalogVersion?: string;
  }>;
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
] as const;
export type Flag = (typeof FLAGS)[number];

export interface Suggestion {
  verdict: Verdict;
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
