/**
 * Chinese / English names of the catalog codes (kinds, layers, reasons, operations, statuses, fields).
 * The Chinese halves match src/shared/catalogs.ts (the server sends the same Chinese labels); they are
 * repeated here so that the lazy catalog pages do not pull zod into the browser bundle.
 */
import type {
  AdjustmentOperation,
  AdjustmentStatus,
  CatalogKind,
  CatalogLayer,
  CertificateVerdict,
  ReasonType,
} from '../../../shared/catalogs.js';

export type L = { zh: string; en: string };

/** Kinds in the order the pages show them (the order of product.md §2). */
export const KIND_ORDER: CatalogKind[] = [
  'duty',
  'assistance',
  'certificate',
  'negative_certificate',
  'prohibition',
  'mechanism',
  'sign_guide',
  'micro_power',
  'disclosure',
];

export const KIND_LABELS: Record<CatalogKind, L> = {
  duty: { zh: '履行职责事项', en: 'Duties' },
  assistance: { zh: '协助政务服务事项', en: 'Assistance tasks' },
  certificate: { zh: '出具证明事项', en: 'Certificates villages issue' },
  negative_certificate: { zh: '不应出具证明事项', en: 'Certificates villages must not issue' },
  prohibition: { zh: '减负措施（不得事项）', en: 'Burden-reduction measures' },
  mechanism: { zh: '工作机制', en: 'Work mechanisms' },
  sign_guide: { zh: '标识牌内容及悬挂位置', en: 'Signage guide' },
  micro_power: { zh: '小微权力清单', en: 'Micro-power list' },
  disclosure: { zh: '村务公开事项', en: 'Village affairs disclosure' },
};

/** Short kind names for tabs on a phone. */
export const KIND_SHORT: Record<CatalogKind, L> = {
  duty: { zh: '履职事项', en: 'Duties' },
  assistance: { zh: '协助事项', en: 'Assistance' },
  certificate: { zh: '出具证明', en: 'Certificates' },
  negative_certificate: { zh: '不应出具证明', en: 'Not issuable' },
  prohibition: { zh: '减负措施', en: 'Measures' },
  mechanism: { zh: '工作机制', en: 'Mechanisms' },
  sign_guide: { zh: '标识牌', en: 'Signage' },
  micro_power: { zh: '小微权力', en: 'Micro-power' },
  disclosure: { zh: '村务公开', en: 'Disclosure' },
};

export const LAYER_LABELS: Record<CatalogLayer, L> = {
  national: { zh: '国家', en: 'National' },
  provincial: { zh: '省级', en: 'Provincial' },
  other_province: { zh: '外省参考', en: 'Other province (reference)' },
  other_locality: { zh: '外地参考', en: 'Other locality (reference)' },
  district: { zh: '区级', en: 'District' },
  township: { zh: '乡镇', en: 'Township' },
};

export const LAYER_COLORS: Record<CatalogLayer, string> = {
  national: 'red',
  provincial: 'volcano',
  other_province: 'default',
  other_locality: 'default',
  district: 'blue',
  township: 'cyan',
};

export const REASON_TYPES: ReasonType[] = [
  'law_issued',
  'law_amended',
  'law_repealed',
  'department_request',
  'annual_review',
  'other',
];
export const REASON_LABELS: Record<ReasonType, L> = {
  law_issued: { zh: '法律法规出台', en: 'Law or regulation issued' },
  law_amended: { zh: '法律法规修订', en: 'Law or regulation amended' },
  law_repealed: { zh: '法律法规废止', en: 'Law or regulation repealed' },
  department_request: { zh: '部门申请', en: "A department's request" },
  annual_review: { zh: '年度评估调整', en: 'Annual review' },
  other: { zh: '其他', en: 'Other' },
};

export const OPERATIONS: AdjustmentOperation[] = ['add', 'amend', 'withdraw', 'adopt', 'unadopt'];
export const OPERATION_LABELS: Record<AdjustmentOperation, L> = {
  add: { zh: '新增事项', en: 'Add an item' },
  amend: { zh: '修改事项', en: 'Amend an item' },
  withdraw: { zh: '取消事项', en: 'Withdraw an item' },
  adopt: { zh: '采用目录', en: 'Adopt a list' },
  unadopt: { zh: '停用目录', en: 'Stop using a list' },
};
export const OPERATION_HELP: Record<AdjustmentOperation, L> = {
  add: {
    zh: '在本区或某个乡镇（街道）的目录中增加一项（须有设定依据）',
    en: 'Add an item at the district or a township (a basis is required)',
  },
  amend: {
    zh: '修改现行事项的名称、依据、责任部门等（只改填写的字段）',
    en: 'Change fields of an item in force (only the fields you change)',
  },
  withdraw: {
    zh: '在本区或某个乡镇（街道）取消一项上级目录中的事项',
    en: 'Withdraw an item of a higher list for the district or one township',
  },
  adopt: {
    zh: '采用外省参考目录等尚未生效的目录',
    en: 'Adopt a list that is not in force here (e.g. another province’s list)',
  },
  unadopt: { zh: '停用已采用的目录', en: 'Stop using an adopted list' },
};
export const OPERATION_COLORS: Record<AdjustmentOperation, string> = {
  add: 'green',
  amend: 'blue',
  withdraw: 'red',
  adopt: 'purple',
  unadopt: 'orange',
};

export const STATUSES: AdjustmentStatus[] = ['draft', 'submitted', 'approved', 'rejected', 'cancelled'];
export const STATUS_LABELS: Record<AdjustmentStatus, L> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交待审批', en: 'Submitted' },
  approved: { zh: '已批准', en: 'Approved' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  cancelled: { zh: '已撤回', en: 'Cancelled' },
};
export const STATUS_COLORS: Record<AdjustmentStatus, string> = {
  draft: 'default',
  submitted: 'processing',
  approved: 'success',
  rejected: 'error',
  cancelled: 'default',
};

export const REVISION_OP_LABELS: Record<'base' | 'add' | 'amend' | 'withdraw', L> = {
  base: { zh: '基础目录', en: 'Base list' },
  add: { zh: '新增', en: 'Added' },
  amend: { zh: '修改', en: 'Amended' },
  withdraw: { zh: '取消', en: 'Withdrawn' },
};
export const REVISION_SOURCE_LABELS: Record<'seed' | 'import' | 'adjustment', L> = {
  seed: { zh: '随系统发布的参考目录', en: 'Shipped reference list' },
  import: { zh: '表格导入（正式附件）', en: 'Spreadsheet import (official annex)' },
  adjustment: { zh: '动态调整', en: 'Adjustment' },
};

export const VERDICT_LABELS: Record<CertificateVerdict, L> = {
  positive: { zh: '可以开具', en: 'The village may issue it' },
  negative: { zh: '不应由村（社区）开具', en: 'The village must not issue it' },
  unlisted: { zh: '未列入清单', en: 'Not on the lists' },
};

/** Item fields in display order. `guidance` is the platform's own text, never the official channel. */
export const FIELD_LABELS = {
  name: { zh: '事项名称', en: 'Name' },
  category: { zh: '类别', en: 'Category' },
  basis: { zh: '设定依据（文件）', en: 'Basis (document)' },
  basisArticle: { zh: '依据条款', en: 'Article' },
  responsibleDepartment: { zh: '责任部门', en: 'Responsible department' },
  funding: { zh: '经费保障（费随事转）', en: 'Funding' },
  alternativeChannel: { zh: '替代办理渠道', en: 'Alternative channel' },
  guidance: { zh: '平台指引', en: 'Platform guidance' },
  notes: { zh: '备注', en: 'Notes' },
  sourceUrl: { zh: '来源网址', en: 'Source URL' },
  catchAll: { zh: '兜底项', en: 'Catch-all item' },
  effectiveTo: { zh: '失效日期', en: 'Expires' },
} as const satisfies Record<string, L>;
export type FieldName = keyof typeof FIELD_LABELS;

/** The fields an adjustment may set (add) or change (amend), in form order. */
export const EDITABLE_FIELDS = [
  'name',
  'category',
  'basis',
  'basisArticle',
  'responsibleDepartment',
  'funding',
  'alternativeChannel',
  'notes',
  'sourceUrl',
  'effectiveTo',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

/** The server's Chinese field labels (diff `changedFields`) → English. */
export const CHANGED_FIELD_EN: Record<string, string> = {
  事项名称: 'Name',
  类别: 'Category',
  设定依据: 'Basis',
  依据条款: 'Article',
  责任部门: 'Responsible department',
  经费保障: 'Funding',
  替代办理渠道: 'Alternative channel',
  办理指引: 'Guidance',
  备注: 'Notes',
  来源网址: 'Source URL',
  兜底项: 'Catch-all',
  失效日期: 'Expires',
};
