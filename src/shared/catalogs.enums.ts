/**
 * The codes of the catalog API (kinds, layers, reasons, operations, statuses, verdicts, item fields),
 * without zod so that the browser can import them; `src/shared/catalogs.ts` re-exports them with the
 * API's zod schemas. Their labels live in the locale tables (src/shared/locales/{zh-CN,en-US}/catalogs.ts)
 * as `catalogs.<enum>.<code>`: the web renders codes with t(), the server uses zh().
 */
import type { MessageKey, MessageParams } from './i18n.js';

/** Kinds, in the order the pages show them (product.md §2). */
export const CATALOG_KINDS = [
  'duty',
  'assistance',
  'certificate',
  'negative_certificate',
  'prohibition',
  'mechanism',
  'sign_guide',
  'micro_power',
  'disclosure',
] as const;
export type CatalogKind = (typeof CATALOG_KINDS)[number];

/**
 * Where a catalog comes from. Base layers are shipped or imported; district/township are local lists.
 * `other_province` and `other_locality` (a city's or county's list from elsewhere) are references: not in
 * force anywhere until a layer adopts them.
 */
export const CATALOG_LAYERS = [
  'national',
  'provincial',
  'other_province',
  'other_locality',
  'district',
  'township',
] as const;
export type CatalogLayer = (typeof CATALOG_LAYERS)[number];

export const REASON_TYPES = [
  'law_issued',
  'law_amended',
  'law_repealed',
  'department_request',
  'annual_review',
  'other',
] as const;
export type ReasonType = (typeof REASON_TYPES)[number];

/** add/amend/withdraw act on an item at a layer; adopt/unadopt switch a whole catalog on or off at a layer. */
export const ADJUSTMENT_OPERATIONS = ['add', 'amend', 'withdraw', 'adopt', 'unadopt'] as const;
export type AdjustmentOperation = (typeof ADJUSTMENT_OPERATIONS)[number];

export const ADJUSTMENT_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'cancelled'] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];

export const CERTIFICATE_VERDICTS = ['positive', 'negative', 'unlisted'] as const;
export type CertificateVerdict = (typeof CERTIFICATE_VERDICTS)[number];

/** How complete the catalogs of a kind are for a region (issue 9). */
export const COMPLETENESS = ['complete', 'partial', 'missing'] as const;
export type Completeness = (typeof COMPLETENESS)[number];

/** What a revision of an item does, and where it came from. */
export const REVISION_OPERATIONS = ['base', 'add', 'amend', 'withdraw'] as const;
export const REVISION_SOURCES = ['seed', 'import', 'adjustment'] as const;

/** Why an item changed between two dates (the diff). */
export const DIFF_CAUSES = ['adjustment', 'import', 'seed', 'adoption', 'expired', 'catalog'] as const;

/** Every field of an item, in display order. `guidance` is the platform's own text, never the official channel. */
export const ITEM_FIELDS = [
  'name',
  'category',
  'basis',
  'basisArticle',
  'responsibleDepartment',
  'funding',
  'alternativeChannel',
  'guidance',
  'notes',
  'sourceUrl',
  'catchAll',
  'effectiveTo',
  'patterns',
] as const;
export type ItemField = (typeof ITEM_FIELDS)[number];

/** The fields people set (add) or change (amend) by an adjustment, in form order (guidance and catchAll come from the seed). */
export type ItemFieldName = Exclude<ItemField, 'guidance' | 'catchAll'>;
export const EDITABLE_FIELDS: readonly ItemFieldName[] = ITEM_FIELDS.filter(
  (f): f is ItemFieldName => f !== 'guidance' && f !== 'catchAll',
);

/** The facts a layer label is made of (a catalog, or a catalog as the API sends it). */
export interface LayerFacts {
  layer: CatalogLayer;
  province: string | null;
  locality?: string | null;
}

/**
 * The layer of a catalog as a label that names its origin: 全国 / 山西省 / 外省参考（湖南省，未采用时不生效）
 * / 外地参考（河北省石家庄市鹿泉区，未采用时不生效） / 区级 / 乡镇（街道）级. `tr` is zh() on the server, t() on the web.
 */
export function layerLabel(c: LayerFacts, tr: (key: MessageKey, params?: MessageParams) => string): string {
  if (c.layer === 'provincial' && c.province) return c.province;
  if (c.layer === 'other_province')
    return tr('catalogs.layerOf.other_province', { place: c.province ?? tr('catalogs.layerOf.someProvince') });
  if (c.layer === 'other_locality')
    return tr('catalogs.layerOf.other_locality', {
      place: c.locality ?? c.province ?? tr('catalogs.layerOf.somePlace'),
    });
  return tr(`catalogs.layerOf.${c.layer}`);
}

/** Web addresses: http(s) only (a `javascript:` or `data:` link is refused, issue 14 L). */
export const HTTP_URL = /^https?:\/\/[^\s<>"'`]+$/i;
