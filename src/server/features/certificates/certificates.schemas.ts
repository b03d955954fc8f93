/**
 * zod schemas of the certificate desk API. Personal data arrives in clear over TLS and is validated
 * here (身份证 GB 11643 check digit, mainland mobile number); responses carry only masked forms except
 * the audited print and unmask endpoints.
 */
import { z } from '../../../shared/zod.js';
import {
  isValidIdNumber,
  isValidMobile,
  maskPersonalText,
  NAME_PATTERN,
  normalizeIdNumber,
  normalizePhone,
} from './certificates.identity.js';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
/**
 * Free text (purpose, facts, notes, reasons): ID and mobile numbers typed into it are masked on write
 * (issue 14 M1), so they never reach lists, exports, prints or audit payloads in clear. A holder's
 * numbers belong in the holder fields, which are encrypted.
 */
const text = (max: number) => z.string().trim().max(max).overwrite(maskPersonalText);
/** Search terms: compared through the blind index, never stored. */
const term = (max: number) => z.string().trim().max(max);

export const idNumber = z
  .string()
  .trim()
  .transform(normalizeIdNumber)
  .refine(isValidIdNumber, '公民身份号码无效（应为 18 位，出生日期和校验码须正确）');
export const mobile = z
  .string()
  .trim()
  .transform(normalizePhone)
  .refine(isValidMobile, '手机号码无效（应为 11 位，以 13–19 开头）');

export const holderInput = z.strictObject({
  name: z.string().trim().min(2, '请填写申请人姓名').max(30).regex(NAME_PATTERN, '姓名只能包含汉字、字母和间隔号'),
  idNumber: idNumber.nullable().default(null),
  phone: mobile.nullable().default(null),
});

export const deliberationInput = z.strictObject({
  heldOn: isoDate,
  form: z.enum(['villagers_meeting', 'representatives_meeting', 'joint_meeting', 'other']),
  participants: z.number().int().min(1).max(10_000),
  summary: text(2000).min(4, '请写明集体研究的经过和结论'),
});
export const DELIBERATION_FORM_LABELS: Record<z.infer<typeof deliberationInput>['form'], string> = {
  villagers_meeting: '村民会议',
  representatives_meeting: '村民代表会议',
  joint_meeting: '村“两委”联席会议',
  other: '其他形式的集体研究',
};

export const signOffInput = z.strictObject({
  name: z.string().trim().min(2).max(30),
  title: text(30).default('村民委员会主任'),
  signedOn: isoDate,
});

export const issueBody = z.strictObject({
  /** The resident's request as the cadre typed it (matched again on the server). */
  q: text(100).min(2, '请填写申请开具的证明名称'),
  /** A positive-list item the cadre chose among the candidates; null → the matcher's verdict decides. */
  itemCode: z.string().trim().max(40).nullable().default(null),
  /** Title of an unlisted certificate (deliberation path); defaults to the request text. */
  title: text(60).nullable().default(null),
  holder: holderInput,
  purpose: text(200).min(2, '请填写证明用途'),
  demander: text(100).nullable().default(null),
  /** The certified facts, in the cadre's words. */
  facts: text(2000).min(2, '请填写证明内容'),
  signerName: z.string().trim().min(2, '请填写经办人或签发人').max(30),
  /** Unlisted only: the legal basis or the reason the village may certify this fact. */
  basis: text(500).nullable().default(null),
  deliberation: deliberationInput.nullable().default(null),
  signOff: signOffInput.nullable().default(null),
});
export type IssueBody = z.infer<typeof issueBody>;

export const DEMANDER_KINDS = [
  'bank',
  'insurer',
  'agency',
  'employer',
  'school',
  'hospital',
  'court',
  'other',
] as const;
export const DEMANDER_KIND_LABELS: Record<(typeof DEMANDER_KINDS)[number], string> = {
  bank: '银行',
  insurer: '保险机构',
  agency: '行政机关或事业单位',
  employer: '用人单位',
  school: '学校',
  hospital: '医疗机构',
  court: '司法机关',
  other: '其他',
};

export const refusalBody = z.strictObject({
  q: text(100).min(2, '请填写申请开具的证明名称'),
  holderName: z.string().trim().min(2).max(30).nullable().default(null),
  purpose: text(200).nullable().default(null),
  demander: text(100).nullable().default(null),
  demanderKind: z.enum(DEMANDER_KINDS).default('other'),
  /** Required when refusing something the positive list allows (e.g. the facts cannot be verified). */
  reason: text(500).nullable().default(null),
});

export const promiseBody = z.strictObject({
  q: text(100).min(2),
  itemCode: z.string().trim().min(1).max(40),
  holder: holderInput,
  purpose: text(200).min(2, '请填写用途'),
  demander: text(100).nullable().default(null),
});

export const demandBody = z.strictObject({
  demanderName: text(100).min(2, '请填写要求出具证明的单位'),
  demanderKind: z.enum(DEMANDER_KINDS),
  certificateName: text(100).min(2, '请填写被要求的证明名称'),
  demandedOn: isoDate,
  note: text(1000).nullable().default(null),
});

export const unmaskBody = z.strictObject({
  fields: z
    .array(z.enum(['name', 'idNumber', 'phone']))
    .min(1)
    .max(3),
  reason: text(200).min(2, '请填写查看原因'),
});

export const revokeBody = z.strictObject({
  version: z.number().int().min(1),
  reason: text(500).min(2, '请填写撤销理由'),
});
export const printBody = z.strictObject({ reason: text(200).nullable().default(null) });

export const promiseItemBody = z.strictObject({
  enabled: z.boolean(),
  basis: text(500).min(4, '请写明适用告知承诺制的依据文件'),
  version: z.number().int().min(0),
});

export const registerQuery = z.strictObject({
  q: term(50).optional(),
  name: term(30).optional(),
  idNumber: term(18).optional(),
  phone: term(11).optional(),
  status: z.enum(['valid', 'revoked']).optional(),
  path: z.enum(['catalog', 'deliberation']).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  villageCode: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
});
export type RegisterQuery = z.infer<typeof registerQuery>;

export const idParams = z.strictObject({ id: z.string().min(1).max(100) });

// ── responses ──

const itemRef = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  catalogId: z.string(),
  catalogTitle: z.string(),
  basis: z.string().nullable(),
});
const alternative = z.object({
  official: z.string().nullable(),
  guidance: z.string().nullable(),
  guidanceNote: z.string(),
});

export const matchSchema = z.object({
  query: z.string(),
  region: z.object({ code: z.string(), name: z.string() }),
  date: z.string(),
  catalogVersionId: z.string(),
  verdict: z.enum(['positive', 'negative', 'unlisted']),
  item: itemRef.nullable(),
  alternative: alternative.nullable(),
  candidates: z.array(
    z.object({ code: z.string(), name: z.string(), kind: z.string(), score: z.number(), reason: z.string() }),
  ),
  promise: z.object({ available: z.boolean(), basis: z.string().nullable() }),
  /** What the desk may do next: issue (positive), refuse (slip), promise (告知承诺 form), deliberate (unlisted, with sign-off). */
  actions: z.array(z.enum(['issue', 'refuse', 'promise', 'deliberate'])),
  template: z.object({ code: z.string(), title: z.string(), paragraphs: z.array(z.string()) }).nullable(),
});

export const certificateSchema = z.object({
  id: z.string(),
  serial: z.string(),
  year: z.number(),
  regionCode: z.string(),
  regionName: z.string(),
  townshipCode: z.string().nullable(),
  requestText: z.string(),
  itemCode: z.string().nullable(),
  itemName: z.string(),
  path: z.enum(['catalog', 'deliberation']),
  pathLabel: z.string(),
  catalogVersionId: z.string(),
  holderName: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  purpose: z.string(),
  demander: z.string().nullable(),
  basis: z.string(),
  signerName: z.string(),
  status: z.enum(['valid', 'revoked']),
  statusLabel: z.string(),
  issuedByName: z.string(),
  issuedAt: z.string(),
  issuedOn: z.string(),
  revokedAt: z.string().nullable(),
  revokedByName: z.string().nullable(),
  revokeReason: z.string().nullable(),
  printCount: z.number(),
  version: z.number(),
});

export const certificateDetailSchema = certificateSchema.extend({
  facts: z.string(),
  deliberation: z.unknown().nullable(),
  signOff: z.unknown().nullable(),
  verificationCode: z.string(),
  verifyPath: z.string(),
  events: z.array(
    z.object({
      at: z.string(),
      kind: z.string(),
      actorName: z.string().nullable(),
      copyNo: z.number().nullable(),
      note: z.string().nullable(),
    }),
  ),
  abilities: z.object({ print: z.boolean(), revoke: z.boolean(), unmask: z.boolean() }),
});

export const caseSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(['refusal', 'promise']),
  regionCode: z.string(),
  regionName: z.string(),
  requestText: z.string(),
  verdict: z.string(),
  item: itemRef.nullable(),
  catalogVersionId: z.string(),
  alternative: alternative.nullable(),
  reason: z.string(),
  holderName: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  purpose: z.string().nullable(),
  demander: z.string().nullable(),
  promiseText: z.array(z.string()).nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  createdOn: z.string(),
  title: z.string(),
});

export const demandSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  demanderName: z.string(),
  demanderKind: z.string(),
  demanderKindLabel: z.string(),
  certificateName: z.string(),
  itemCode: z.string().nullable(),
  itemName: z.string().nullable(),
  itemKind: z.string().nullable(),
  delisted: z.boolean(),
  catalogVersionId: z.string(),
  demandedOn: z.string(),
  note: z.string().nullable(),
  caseId: z.string().nullable(),
  recordedByName: z.string(),
  createdAt: z.string(),
});

export const verifySchema = z.object({
  valid: z.boolean(),
  status: z.enum(['valid', 'revoked']),
  statusLabel: z.string(),
  serial: z.string(),
  type: z.string(),
  village: z.object({ code: z.string(), name: z.string() }),
  issuedOn: z.string(),
  holderName: z.string(),
  revokedOn: z.string().nullable(),
});
