/**
 * Catalogs (目录): enums, Chinese labels and the zod schemas of the catalog API, shared by server and
 * web. Response schemas carry no transforms, so they describe exactly what the server sends.
 */
import { z } from './zod.js';

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

export const CATALOG_KIND_LABELS: Record<CatalogKind, string> = {
  duty: '履行职责事项',
  assistance: '协助政务服务事项',
  certificate: '出具证明事项',
  negative_certificate: '不应出具证明事项',
  prohibition: '减负措施（不得事项）',
  mechanism: '工作机制',
  sign_guide: '标识牌内容及悬挂位置',
  micro_power: '小微权力清单',
  disclosure: '村务公开事项',
};

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
export const CATALOG_LAYER_LABELS: Record<CatalogLayer, string> = {
  national: '全国',
  provincial: '省级',
  other_province: '外省参考',
  other_locality: '外地参考',
  district: '区级',
  township: '乡镇（街道）级',
};

export const REASON_TYPES = [
  'law_issued',
  'law_amended',
  'law_repealed',
  'department_request',
  'annual_review',
  'other',
] as const;
export type ReasonType = (typeof REASON_TYPES)[number];
export const REASON_TYPE_LABELS: Record<ReasonType, string> = {
  law_issued: '法律法规出台',
  law_amended: '法律法规修订',
  law_repealed: '法律法规废止',
  department_request: '部门申请',
  annual_review: '年度评估调整',
  other: '其他',
};

/** add/amend/withdraw act on an item at a layer; adopt/unadopt switch a whole catalog on or off at a layer. */
export const ADJUSTMENT_OPERATIONS = ['add', 'amend', 'withdraw', 'adopt', 'unadopt'] as const;
export type AdjustmentOperation = (typeof ADJUSTMENT_OPERATIONS)[number];
export const ADJUSTMENT_OPERATION_LABELS: Record<AdjustmentOperation, string> = {
  add: '新增事项',
  amend: '修改事项',
  withdraw: '取消事项',
  adopt: '采用目录',
  unadopt: '停用目录',
};

export const ADJUSTMENT_STATUSES = ['draft', 'submitted', 'approved', 'rejected', 'cancelled'] as const;
export type AdjustmentStatus = (typeof ADJUSTMENT_STATUSES)[number];
export const ADJUSTMENT_STATUS_LABELS: Record<AdjustmentStatus, string> = {
  draft: '草稿',
  submitted: '已提交待审批',
  approved: '已批准',
  rejected: '已驳回',
  cancelled: '已撤回',
};

export const CERTIFICATE_VERDICTS = ['positive', 'negative', 'unlisted'] as const;
export type CertificateVerdict = (typeof CERTIFICATE_VERDICTS)[number];
export const CERTIFICATE_VERDICT_LABELS: Record<CertificateVerdict, string> = {
  positive: '可以出具（在村级组织出具证明事项清单内）',
  negative: '不应由村级组织出具（在不应出具证明事项清单内）',
  unlisted: '不在清单内（须有法律法规依据，经集体研究并由村委会主任签字后方可出具）',
};

/** Editable fields of an item, with the Chinese labels the UI and the spreadsheet use. */
export const ITEM_FIELD_LABELS = {
  name: '事项名称',
  category: '类别',
  basis: '设定依据（文件）',
  basisArticle: '依据条款',
  responsibleDepartment: '责任部门',
  funding: '经费保障（费随事转）',
  alternativeChannel: '替代办理渠道',
  notes: '备注',
  sourceUrl: '来源网址',
  effectiveTo: '失效日期',
} as const;
export type ItemFieldName = keyof typeof ITEM_FIELD_LABELS;

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
  sourceUrl: optText(500),
  effectiveTo: isoDate.nullable().optional(),
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
  sourceUrl: optText(500),
  basis: optText(1000),
  complete: z.boolean().default(false),
  completenessNote: optText(500),
  effectiveFrom: isoDate.nullable().optional(),
});
export const updateCatalogBody = z.strictObject({
  version: z.number().int(),
  title: text(300).min(2).optional(),
  sourceUrl: optText(500),
  complete: z.boolean().optional(),
  completenessNote: optText(500),
});

// ───────────────────────────── responses ─────────────────────────────

export const regionRef = z.object({ code: z.string(), name: z.string(), level: z.string() });

export const catalogSchema = z.object({
  id: z.string(),
  kind: z.enum(CATALOG_KINDS),
  kindLabel: z.string(),
  title: z.string(),
  layer: z.enum(CATALOG_LAYERS),
  layerLabel: z.string(),
  province: z.string().nullable(),
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
});

/** A partial set of item fields as stored on a revision or an adjustment (response shape). */
export const itemPatchSchema = z.object({
  name: z.string().optional(),
  category: z.string().nullable().optional(),
  basis: z.string().nullable().optional(),
  basisArticle: z.string().nullable().optional(),
  responsibleDepartment: z.string().nullable().optional(),
  funding: z.string().nullable().optional(),
  alternativeChannel: z.string().nullable().optional(),
  guidance: z.string().nullable().optional(),
  notes: z.string().nullable().optional(),
  sourceUrl: z.string().nullable().optional(),
  catchAll: z.boolean().optional(),
  effectiveTo: z.string().nullable().optional(),
});

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
  operationLabel: z.string(),
  targetRegion: regionRef,
  catalogId: z.string().nullable(),
  itemCode: z.string().nullable(),
  itemName: z.string().nullable(),
  reasonType: z.enum(REASON_TYPES),
  reasonLabel: z.string(),
  basis: z.string(),
  effectiveDate: z.string(),
  effectiveFrom: z.string().nullable(),
  status: z.enum(ADJUSTMENT_STATUSES),
  statusLabel: z.string(),
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
    kindLabel: true,
    title: true,
    layer: true,
    layerLabel: true,
    province: true,
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
  type: z.enum(['adjustment', 'import', 'seed', 'adoption', 'expired', 'catalog']),
  description: z.string(),
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
  changedFields: z.array(z.string()),
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
  operation: z.enum(['base', 'add', 'amend', 'withdraw']),
  operationLabel: z.string(),
  layer: regionRef.nullable(),
  effectiveFrom: z.string().nullable(),
  fields: itemPatchSchema,
  source: z.enum(['seed', 'import', 'adjustment']),
  sourceLabel: z.string(),
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
  verdictLabel: z.string(),
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
      label: z.string(),
      catalogs: z.array(
        z.object({
          id: z.string(),
          title: z.string(),
          layerLabel: z.string(),
          province: z.string().nullable(),
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

// ───────────────────────────── completeness (issue 9) ─────────────────────────────

export const COMPLETENESS = ['complete', 'partial', 'missing'] as const;
export type Completeness = (typeof COMPLETENESS)[number];

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
