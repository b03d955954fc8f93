/**
 * Catalogs (目录): the zod schemas of the catalog API, shared by server and web, and (re-exported) its
 * codes. Response schemas carry no transforms, so they describe exactly what the server sends: codes and
 * parameters, never labels (the labels are in src/shared/locales/<locale>/catalogs.ts).
 */
import { z } from './zod.js';
import { idParams, pageOf, paging } from './common.js';
import {
  ADJUSTMENT_OPERATIONS,
  ADJUSTMENT_STATUSES,
  CATALOG_KINDS,
  CATALOG_LAYERS,
  CERTIFICATE_VERDICTS,
  COMPLETENESS,
  DIFF_CAUSES,
  HTTP_URL,
  ITEM_FIELDS,
  REASON_TYPES,
  REVISION_OPERATIONS,
  REVISION_SOURCES,
} from './catalogs.enums.js';

export * from './catalogs.enums.js';

const isRealDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
};
/** A calendar date YYYY-MM-DD (Asia/Shanghai is implied wherever dates are compared with "today"). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isRealDate, '日期无效');
export const regionCodeParam = z.string().regex(/^(\d{6}|\d{9}|\d{12})$/, '区划代码应为 6、9 或 12 位数字');
export const itemCode = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{1,39}$/, '事项编码为 2–40 位字母、数字、点、下划线或连字符');

const text = (max: number) => z.string().trim().max(max, `不能超过 ${max} 个字符`);
const optText = (max: number) => text(max).nullable().optional();
const optUrl = text(500).regex(HTTP_URL, '网址应以 http:// 或 https:// 开头').nullable().optional();

/** Fields of an item for an add (name and basis required) or an amend (any subset). */
export const itemFieldsInput = z.strictObject({
  name: text(500).min(1, '请填写事项名称').optional(),
  category: optText(100),
  basis: text(1000).min(1, '请填写设定依据').optional(),
  basisArticle: optText(200),
  responsibleDepartment: optText(200),
  funding: optText(500),
  alternativeChannel: optText(1000),
  notes: optText(1000),
  sourceUrl: optUrl,
  effectiveTo: isoDate.nullable().optional(),
  /** Prohibition items: recognition rules, one per line (validated by the catalog service). */
  patterns: optText(4000),
});
export type ItemFieldsInput = z.infer<typeof itemFieldsInput>;

export const createAdjustmentBody = z.strictObject({
  /** The layer: a district (6/12-digit county code) or a township (9/12 digits). */
  targetRegion: regionCodeParam,
  operation: z.enum(ADJUSTMENT_OPERATIONS),
  /** add: the catalog the item joins; adopt/unadopt: the catalog. */
  catalogId: z.string().min(1).max(100).optional(),
  /** amend/withdraw: the item. add: an optional code for the new item (generated on approval when absent). */
  itemCode: itemCode.optional(),
  fields: itemFieldsInput.optional(),
  reasonType: z.enum(REASON_TYPES),
  reasonNote: text(1000).nullable().optional(),
  /** The document (and article) that justifies the change, e.g. the repealing decision. */
  basis: text(1000).min(1, '请填写调整依据'),
  effectiveDate: isoDate,
});
export type CreateAdjustmentBody = z.infer<typeof createAdjustmentBody>;

export const updateAdjustmentBody = z.strictObject({
  version: z.number().int(),
  itemCode: itemCode.optional(),
  fields: itemFieldsInput.optional(),
  reasonType: z.enum(REASON_TYPES).optional(),
  reasonNote: text(1000).nullable().optional(),
  basis: text(1000).min(1, '请填写调整依据').optional(),
  effectiveDate: isoDate.optional(),
});
export type UpdateAdjustmentBody = z.infer<typeof updateAdjustmentBody>;

export const versionBody = z.strictObject({ version: z.number().int() });
export const approveBody = z.strictObject({ version: z.number().int(), note: text(1000).nullable().optional() });
export const rejectBody = z.strictObject({ version: z.number().int(), note: text(1000).min(1, '驳回须填写理由') });

export const createCatalogBody = z.strictObject({
  kind: z.enum(CATALOG_KINDS),
  title: text(300).min(2, '请填写目录名称'),
  /** The district or township that owns this local list (e.g. the district's 小微权力清单). */
  ownerRegion: regionCodeParam,
  sourceUrl: optUrl,
  basis: optText(1000),
  complete: z.boolean().default(false),
  completenessNote: optText(500),
  effectiveFrom: isoDate.nullable().optional(),
});
export const updateCatalogBody = z.strictObject({
  version: z.number().int(),
  title: text(300).min(2).optional(),
  sourceUrl: optUrl,
  complete: z.boolean().optional(),
  completenessNote: optText(500),
});

export { idParams };
export const codeParams = z.strictObject({ code: itemCode });
const kindsParam = z.string().max(200).optional();
export const regionDateQuery = z.strictObject({ region: regionCodeParam, date: isoDate.optional() });
export const catalogListQuery = z.strictObject({
  region: regionCodeParam.optional(),
  kind: z.enum(CATALOG_KINDS).optional(),
});
export const effectiveQuery = z.strictObject({
  region: regionCodeParam,
  date: isoDate.optional(),
  kinds: kindsParam,
  view: z.enum(['internal', 'public']).optional(),
});
export const diffQuery = z.strictObject({ region: regionCodeParam, from: isoDate, to: isoDate });
export const matchQuery = z.strictObject({
  q: z.string().trim().min(1, '请输入要匹配的名称').max(200),
  region: regionCodeParam,
  kinds: kindsParam,
  date: isoDate.optional(),
});
export const catalogItemsQuery = z.strictObject({ date: isoDate.optional(), region: regionCodeParam.optional() });
export const exportQuery = z.strictObject({ date: isoDate.optional() });
export const adjustmentListQuery = z.strictObject({
  status: z.enum(ADJUSTMENT_STATUSES).optional(),
  operation: z.enum(ADJUSTMENT_OPERATIONS).optional(),
  region: regionCodeParam.optional(),
  catalogId: z.string().max(100).optional(),
  ...paging,
});
export type AdjustmentListQuery = z.input<typeof adjustmentListQuery>;
export const certificateCheckQuery = z.strictObject({
  q: z.string().trim().min(1, '请输入证明名称').max(100, '证明名称不能超过 100 个字'),
  region: regionCodeParam,
});
export const publicCatalogsQuery = z.strictObject({ region: regionCodeParam });

// ───────────────────────────── responses ─────────────────────────────

export const regionRef = z.object({ code: z.string(), name: z.string(), level: z.string() });

export const catalogSchema = z.object({
  id: z.string(),
  kind: z.enum(CATALOG_KINDS),
  title: z.string(),
  layer: z.enum(CATALOG_LAYERS),
  province: z.string().nullable(),
  /** other_locality lists: the city or county they come from, e.g. 河北省石家庄市鹿泉区. */
  locality: z.string().nullable(),
  year: z.number().nullable(),
  ownerRegion: regionRef.nullable(),
  sourceUrl: z.string().nullable(),
  secondarySources: z.array(z.string()),
  /** The source's own completeness statement, verbatim (often English). */
  completenessStatement: z.string().nullable(),
  complete: z.boolean(),
  /** Chinese; begins with 完整 or 部分. Shown wherever the catalog is shown. */
  completenessNote: z.string(),
  adoptedByDefault: z.boolean(),
  effectiveFrom: z.string().nullable(),
  dateNote: z.string().nullable(),
  unknownItemCount: z.number().nullable(),
  attachedRules: z.array(z.string()),
  guidanceNote: z.string().nullable(),
  importNote: z.string().nullable(),
  origin: z.enum(['seed', 'local']),
  itemCount: z.number(),
  /** Only when listed for a region: is it in force there today (default, owned or adopted)? */
  activeHere: z.boolean().nullable(),
  version: z.number(),
  abilities: z.object({ update: z.boolean(), import: z.boolean() }),
});
export type CatalogDto = z.infer<typeof catalogSchema>;

export const itemFieldsSchema = z.object({
  name: z.string(),
  category: z.string().nullable(),
  basis: z.string().nullable(),
  basisArticle: z.string().nullable(),
  responsibleDepartment: z.string().nullable(),
  funding: z.string().nullable(),
  alternativeChannel: z.string().nullable(),
  /** The platform's own guidance for negative items (NOT the official alternative-channel column). */
  guidance: z.string().nullable(),
  notes: z.string().nullable(),
  sourceUrl: z.string().nullable(),
  catchAll: z.boolean(),
  effectiveTo: z.string().nullable(),
  /** Prohibition items: the platform's recognition rules (one per line), never the official text. */
  patterns: z.string().nullable(),
});

/** A partial set of item fields as stored on a revision or an adjustment (response shape). */
export const itemPatchSchema = itemFieldsSchema.partial();

export const effectiveItemSchema = itemFieldsSchema.extend({
  itemId: z.string(),
  code: z.string(),
  catalogId: z.string(),
  kind: z.enum(CATALOG_KINDS),
  /** The date the item's current form took effect (null: the source gives no date). */
  effectiveFrom: z.string().nullable(),
  /** The layer that added the item (null: a base catalog item). */
  addedBy: regionRef.nullable(),
  /** Layers that amended it, top-down. */
  amendedBy: z.array(regionRef),
  revisionIds: z.array(z.string()),
});
export type EffectiveItemDto = z.infer<typeof effectiveItemSchema>;

export const adjustmentSummarySchema = z.object({
  id: z.string(),
  operation: z.enum(ADJUSTMENT_OPERATIONS),
  targetRegion: regionRef,
  catalogId: z.string().nullable(),
  itemCode: z.string().nullable(),
  itemName: z.string().nullable(),
  reasonType: z.enum(REASON_TYPES),
  basis: z.string(),
  effectiveDate: z.string(),
  effectiveFrom: z.string().nullable(),
  status: z.enum(ADJUSTMENT_STATUSES),
  proposerName: z.string(),
  approverName: z.string().nullable(),
  publishedAt: z.string().nullable(),
});

export const adjustmentSchema = adjustmentSummarySchema.extend({
  catalogTitle: z.string().nullable(),
  kind: z.enum(CATALOG_KINDS).nullable(),
  itemId: z.string().nullable(),
  changes: itemPatchSchema.nullable(),
  /** For amend/withdraw: the item as it stands at the target layer on the effective date (or today). */
  current: itemFieldsSchema.nullable(),
  reasonNote: z.string().nullable(),
  proposerId: z.string(),
  submittedAt: z.string().nullable(),
  approverId: z.string().nullable(),
  decidedAt: z.string().nullable(),
  decisionNote: z.string().nullable(),
  publishedBy: z.string().nullable(),
  /** Approved and effectiveFrom <= today (Asia/Shanghai). */
  inEffect: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number(),
  abilities: z.object({
    edit: z.boolean(),
    submit: z.boolean(),
    cancel: z.boolean(),
    approve: z.boolean(),
    reject: z.boolean(),
    publish: z.boolean(),
  }),
});
export type AdjustmentDto = z.infer<typeof adjustmentSchema>;

export const activeCatalogSchema = catalogSchema
  .pick({
    id: true,
    kind: true,
    title: true,
    layer: true,
    province: true,
    locality: true,
    sourceUrl: true,
    secondarySources: true,
    complete: true,
    completenessNote: true,
    effectiveFrom: true,
    dateNote: true,
    importNote: true,
    unknownItemCount: true,
  })
  .extend({
    /** How the catalog is in force here: default (national/provincial base), owned (local list) or adopted. */
    via: z.enum(['default', 'owned', 'adopted']),
    adoptedBy: regionRef.nullable(),
  });

export const effectiveCatalogSchema = z.object({
  region: regionRef,
  date: z.string(),
  /** Content hash of the catalogs and item revisions in force; store it with every judgement. */
  catalogVersion: z.string(),
  /** public = only published adjustments (what the portal shows). */
  view: z.enum(['internal', 'public']),
  catalogs: z.array(activeCatalogSchema.extend({ items: z.array(effectiveItemSchema) })),
  itemCount: z.number(),
  /** Approved adjustments on this region's layers that take effect after `date`. */
  scheduled: z.array(adjustmentSummarySchema),
});

const diffCause = z.object({
  type: z.enum(DIFF_CAUSES),
  /** type expired: the item's expiry date. */
  expiredOn: z.string().nullable(),
  adjustment: adjustmentSummarySchema.nullable(),
  revisionId: z.string().nullable(),
});
const diffEntry = z.object({
  itemId: z.string(),
  code: z.string(),
  name: z.string(),
  kind: z.enum(CATALOG_KINDS),
  catalogId: z.string(),
  before: itemFieldsSchema.nullable(),
  after: itemFieldsSchema.nullable(),
  changedFields: z.array(z.enum(ITEM_FIELDS)),
  causes: z.array(diffCause),
});
export const catalogDiffSchema = z.object({
  region: regionRef,
  from: z.string(),
  to: z.string(),
  fromVersion: z.string(),
  toVersion: z.string(),
  added: z.array(diffEntry),
  amended: z.array(diffEntry),
  withdrawn: z.array(diffEntry),
});

export const revisionSchema = z.object({
  id: z.string(),
  revision: z.number(),
  operation: z.enum(REVISION_OPERATIONS),
  layer: regionRef.nullable(),
  effectiveFrom: z.string().nullable(),
  fields: itemPatchSchema,
  source: z.enum(REVISION_SOURCES),
  importJobId: z.string().nullable(),
  adjustment: adjustmentSummarySchema.nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

export const itemHistorySchema = z.object({
  item: z.object({
    id: z.string(),
    code: z.string(),
    catalogId: z.string(),
    catalogTitle: z.string(),
    kind: z.enum(CATALOG_KINDS),
    addedBy: regionRef.nullable(),
  }),
  revisions: z.array(revisionSchema),
  /** Adjustments on this item that are not decided yet (visible to the actor). */
  pending: z.array(adjustmentSummarySchema),
});

export const matchCandidateSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(CATALOG_KINDS),
  catalogId: z.string(),
  catalog: z.string(),
  catalogComplete: z.boolean(),
  basis: z.string().nullable(),
  score: z.number(),
  reason: z.string(),
});

export const matchResultSchema = z.object({
  query: z.string(),
  normalized: z.string(),
  terms: z.array(z.string()),
  region: regionRef,
  date: z.string(),
  catalogVersion: z.string(),
  threshold: z.number(),
  best: matchCandidateSchema.nullable(),
  candidates: z.array(matchCandidateSchema),
  unlisted: z.boolean(),
  /** Present when certificate kinds were searched. */
  verdict: z.enum(CERTIFICATE_VERDICTS).nullable(),
});

export const certificateCheckSchema = z.object({
  query: z.string(),
  region: regionRef,
  date: z.string(),
  verdict: z.enum(CERTIFICATE_VERDICTS),
  item: z
    .object({
      code: z.string(),
      name: z.string(),
      catalog: z.string(),
      catalogId: z.string(),
      basis: z.string().nullable(),
    })
    .nullable(),
  /** Negative items: the official alternative channel, or else the platform's guidance (see alternativeOfficial). */
  alternative: z.string().nullable(),
  alternativeOfficial: z.boolean(),
  candidates: z.array(matchCandidateSchema),
  catalogVersion: z.string(),
});

const publicItemSchema = z.object({
  code: z.string(),
  name: z.string(),
  category: z.string().nullable(),
  basis: z.string().nullable(),
  basisArticle: z.string().nullable(),
  responsibleDepartment: z.string().nullable(),
  funding: z.string().nullable(),
  alternative: z.string().nullable(),
  alternativeOfficial: z.boolean(),
  catchAll: z.boolean(),
  effectiveFrom: z.string().nullable(),
  effectiveTo: z.string().nullable(),
  addedBy: z.string().nullable(),
  sourceUrl: z.string().nullable(),
});
export const publicCatalogsSchema = z.object({
  region: regionRef,
  date: z.string(),
  catalogVersion: z.string(),
  kinds: z.array(
    z.object({
      kind: z.enum(CATALOG_KINDS),
      catalogs: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          layer: z.enum(CATALOG_LAYERS),
          province: z.string().nullable(),
          locality: z.string().nullable(),
          sourceUrl: z.string().nullable(),
          secondarySources: z.array(z.string()),
          complete: z.boolean(),
          completenessNote: z.string(),
          effectiveFrom: z.string().nullable(),
          dateNote: z.string().nullable(),
          items: z.array(publicItemSchema),
        }),
      ),
    }),
  ),
});

export const catalogListSchema = z.object({ items: z.array(catalogSchema) });

export const catalogItemsSchema = z.object({
  catalogId: z.string(),
  date: z.string(),
  complete: z.boolean(),
  completenessNote: z.string(),
  items: z.array(effectiveItemSchema),
});

/** The catalog version a region is judged against on a date. */
export const regionVersionSchema = z.object({
  region: regionRef,
  catalogVersion: z.string(),
  date: z.string(),
  itemCount: z.number(),
});

/** A stored version: the catalogs and item revisions a judgement used. */
export const catalogVersionSchema = z.object({
  id: z.string(),
  catalogIds: z.array(z.string()),
  itemCount: z.number(),
  createdAt: z.string(),
  items: z.array(
    z.object({
      itemId: z.string(),
      code: z.string(),
      catalogId: z.string(),
      name: z.string(),
      revisionIds: z.array(z.string()),
    }),
  ),
});

export const adjustmentListSchema = pageOf(adjustmentSummarySchema);

/** The result of an import job (GET /api/jobs/:id → result). */
export const importResultSchema = z.object({
  catalogId: z.string(),
  rows: z.number(),
  added: z.number(),
  changed: z.number(),
  unchanged: z.number(),
});
export type ImportResult = z.infer<typeof importResultSchema>;
export const jobStartedSchema = z.object({ jobId: z.string() });

// ───────────────────────────── completeness (issue 9) ─────────────────────────────

export const kindCompletenessSchema = z.object({
  kind: z.enum(CATALOG_KINDS),
  status: z.enum(COMPLETENESS),
  source: z.enum(['set', 'derived']),
  /** The layer (district or township) that set it; null when derived from the catalogs in force. */
  layer: z.string().nullable(),
  note: z.string().nullable(),
  setAt: z.string().nullable(),
  setByName: z.string().nullable(),
  version: z.number(),
});
export const completenessSchema = z.object({
  region: regionRef,
  date: z.string(),
  kinds: z.array(kindCompletenessSchema),
  /** May the reader set this region's completeness (a district or township catalog approver)? */
  canSet: z.boolean(),
});
export const setCompletenessBody = z.strictObject({
  region: regionCodeParam,
  kind: z.enum(CATALOG_KINDS),
  status: z.enum(COMPLETENESS),
  note: text(500).nullable().default(null),
  version: z.number().int().min(0),
});
