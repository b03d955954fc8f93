/**
 * The certificate desk's API (证明, S-6.2), shared by server and web: its codes (certificates.codes.ts,
 * re-exported) and the zod schemas of its requests and responses. Personal data arrives in clear over TLS
 * and is validated here (身份证 GB 11643 check digit, mainland mobile number); responses carry only masked
 * forms except the audited print and unmask endpoints. Response schemas carry no transforms.
 */
import { z } from './zod.js';
import { dateText, idParams, pageOf, pageQuery, paging } from './common.js';
import { CERTIFICATE_VERDICTS } from './catalogs.js';
import {
  isValidIdNumber,
  isValidMobile,
  maskPersonalText,
  NAME_PATTERN,
  normalizeIdNumber,
  normalizePhone,
} from './identity.js';
import {
  CASE_KINDS,
  CERTIFICATE_EVENTS,
  CERTIFICATE_STATUSES,
  DELIBERATION_FORMS,
  DEMANDER_KINDS,
  DESK_ACTIONS,
  ISSUE_PATHS,
  UNMASK_FIELDS,
} from './certificates.codes.js';

export * from './certificates.codes.js';
export type { CertificateVerdict } from './catalogs.js';

const isoDate = dateText;
/**
 * Free text (purpose, facts, notes, reasons): ID and mobile numbers typed into it are masked on write
 * (issue 14 M1), so they never reach lists, exports, prints or audit payloads in clear. A holder's
 * numbers belong in the holder fields, which are encrypted.
 */
const text = (max: number) => z.string().trim().max(max).overwrite(maskPersonalText);
/** Search terms: compared through the blind index, never stored. */
const term = (max: number) => z.string().trim().max(max);
const page = paging;
export { idParams, pageQuery };

// ───────────────────────────── requests ─────────────────────────────

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
export type Holder = z.output<typeof holderInput>;

export const deliberationInput = z.strictObject({
  heldOn: isoDate,
  form: z.enum(DELIBERATION_FORMS),
  participants: z.number().int().min(1).max(10_000),
  summary: text(2000).min(4, '请写明集体研究的经过和结论'),
});

export const signOffInput = z.strictObject({
  name: z.string().trim().min(2).max(30),
  title: text(30).default('村民委员会主任'),
  signedOn: isoDate,
});

export const matchQuery = z.strictObject({ q: z.string().trim().min(2, '请输入证明名称').max(100) });

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
export type IssueBody = z.output<typeof issueBody>;
export type IssueInput = z.input<typeof issueBody>;

export const refusalBody = z.strictObject({
  q: text(100).min(2, '请填写申请开具的证明名称'),
  holderName: z.string().trim().min(2).max(30).nullable().default(null),
  purpose: text(200).nullable().default(null),
  demander: text(100).nullable().default(null),
  demanderKind: z.enum(DEMANDER_KINDS).default('other'),
  /** Required when refusing something the positive list allows (e.g. the facts cannot be verified). */
  reason: text(500).nullable().default(null),
});
export type RefusalBody = z.output<typeof refusalBody>;
export type RefusalInput = z.input<typeof refusalBody>;

export const promiseBody = z.strictObject({
  q: text(100).min(2),
  itemCode: z.string().trim().min(1).max(40),
  holder: holderInput,
  purpose: text(200).min(2, '请填写用途'),
  demander: text(100).nullable().default(null),
});
export type PromiseBody = z.output<typeof promiseBody>;
export type PromiseInput = z.input<typeof promiseBody>;

export const demandBody = z.strictObject({
  demanderName: text(100).min(2, '请填写要求出具证明的单位'),
  demanderKind: z.enum(DEMANDER_KINDS),
  certificateName: text(100).min(2, '请填写被要求的证明名称'),
  demandedOn: isoDate,
  note: text(1000).nullable().default(null),
});
export type DemandBody = z.output<typeof demandBody>;
export type DemandInput = z.input<typeof demandBody>;

export const demandsQuery = z.strictObject({
  demanderKey: z.string().max(100).optional(),
  delistedOnly: z.enum(['true', 'false']).optional(),
  ...page,
});

export const unmaskBody = z.strictObject({
  fields: z.array(z.enum(UNMASK_FIELDS)).min(1).max(3),
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
export const promiseItemParams = z.strictObject({ code: z.string().min(1).max(40) });

export const registerQuery = z.strictObject({
  q: term(50).optional(),
  name: term(30).optional(),
  idNumber: term(18).optional(),
  phone: term(11).optional(),
  status: z.enum(CERTIFICATE_STATUSES).optional(),
  path: z.enum(ISSUE_PATHS).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  villageCode: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  ...page,
});
export type RegisterQuery = z.output<typeof registerQuery>;
export const registerFilterQuery = registerQuery.omit({ page: true, pageSize: true });
export type RegisterFilter = z.input<typeof registerFilterQuery>;

export const codeParams = z.strictObject({ code: z.string().min(1).max(100) });

// ───────────────────────────── responses ─────────────────────────────

const itemRef = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  catalogId: z.string(),
  catalogTitle: z.string(),
  basis: z.string().nullable(),
});
/** Where to go instead: `official` is the list's own wording; `guidance` is the platform's (平台指引). */
const alternative = z.object({ official: z.string().nullable(), guidance: z.string().nullable() });
export type Alternative = z.infer<typeof alternative>;

export const matchSchema = z.object({
  query: z.string(),
  region: z.object({ code: z.string(), name: z.string() }),
  date: z.string(),
  catalogVersionId: z.string(),
  verdict: z.enum(CERTIFICATE_VERDICTS),
  item: itemRef.nullable(),
  alternative: alternative.nullable(),
  candidates: z.array(
    z.object({ code: z.string(), name: z.string(), kind: z.string(), score: z.number(), reason: z.string() }),
  ),
  promise: z.object({ available: z.boolean(), basis: z.string().nullable() }),
  actions: z.array(z.enum(DESK_ACTIONS)),
  template: z.object({ code: z.string(), title: z.string(), paragraphs: z.array(z.string()) }).nullable(),
});
export type DeskMatch = z.infer<typeof matchSchema>;

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
  path: z.enum(ISSUE_PATHS),
  catalogVersionId: z.string(),
  holderName: z.string(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  purpose: z.string(),
  demander: z.string().nullable(),
  basis: z.string(),
  signerName: z.string(),
  status: z.enum(CERTIFICATE_STATUSES),
  issuedByName: z.string(),
  issuedAt: z.string(),
  issuedOn: z.string(),
  revokedAt: z.string().nullable(),
  revokedByName: z.string().nullable(),
  revokeReason: z.string().nullable(),
  printCount: z.number(),
  version: z.number(),
});
export type Certificate = z.infer<typeof certificateSchema>;
export const registerPageSchema = pageOf(certificateSchema);

const deliberationSchema = z.object({
  heldOn: z.string(),
  form: z.enum(DELIBERATION_FORMS),
  participants: z.number(),
  summary: z.string(),
});
export type Deliberation = z.infer<typeof deliberationSchema>;
const signOffSchema = z.object({ name: z.string(), title: z.string(), signedOn: z.string() });
export type SignOff = z.infer<typeof signOffSchema>;

export const certificateDetailSchema = certificateSchema.extend({
  facts: z.string(),
  deliberation: deliberationSchema.nullable(),
  signOff: signOffSchema.nullable(),
  verificationCode: z.string(),
  verifyPath: z.string(),
  events: z.array(
    z.object({
      at: z.string(),
      kind: z.enum(CERTIFICATE_EVENTS),
      actorName: z.string().nullable(),
      copyNo: z.number().nullable(),
      note: z.string().nullable(),
    }),
  ),
  abilities: z.object({ print: z.boolean(), revoke: z.boolean(), unmask: z.boolean() }),
});
export type CertificateDetail = z.infer<typeof certificateDetailSchema>;

/** The A4 print view's data: the holder's clear name and ID number (audited, numbered copies). */
export const printSchema = z.object({
  serial: z.string(),
  title: z.string(),
  paragraphs: z.array(z.string()),
  holderName: z.string(),
  idNumber: z.string().nullable(),
  purpose: z.string(),
  demander: z.string().nullable(),
  villageName: z.string(),
  issuer: z.string(),
  signerName: z.string(),
  signOff: signOffSchema.nullable(),
  issuedOn: z.string(),
  /** The date as printed (Chinese: the certificate is a Chinese document). */
  issuedOnText: z.string(),
  verificationCode: z.string(),
  verifyPath: z.string(),
  copyNo: z.number(),
  reprint: z.boolean(),
  basis: z.string(),
  path: z.enum(ISSUE_PATHS),
});
export type PrintData = z.infer<typeof printSchema>;

export const unmaskedSchema = z.object({
  name: z.string().optional(),
  idNumber: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
});

export const caseSchema = z.object({
  id: z.string(),
  number: z.string(),
  kind: z.enum(CASE_KINDS),
  regionCode: z.string(),
  regionName: z.string(),
  requestText: z.string(),
  verdict: z.enum(CERTIFICATE_VERDICTS),
  item: itemRef.nullable(),
  catalogVersionId: z.string(),
  alternative: alternative.nullable(),
  /** The slip's printed reason (Chinese, from the locale tables). */
  reason: z.string(),
  holderName: z.string().nullable(),
  idNumber: z.string().nullable(),
  phone: z.string().nullable(),
  purpose: z.string().nullable(),
  demander: z.string().nullable(),
  /** The promise form's printed paragraphs (Chinese, from the locale tables). */
  promiseText: z.array(z.string()).nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  createdOn: z.string(),
});
export type CertificateCase = z.infer<typeof caseSchema>;
export const casePageSchema = pageOf(caseSchema);

export const demandSchema = z.object({
  id: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  demanderName: z.string(),
  demanderKind: z.enum(DEMANDER_KINDS),
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
export type Demand = z.infer<typeof demandSchema>;
export const demandPageSchema = pageOf(demandSchema);

export const demanderCountsSchema = z.object({
  total: z.number(),
  delisted: z.number(),
  items: z.array(
    z.object({
      demanderKey: z.string(),
      demanderName: z.string(),
      demanderKind: z.enum(DEMANDER_KINDS),
      count: z.number(),
      delisted: z.number(),
      lastDemandedOn: z.string(),
    }),
  ),
});
export type DemanderCount = z.infer<typeof demanderCountsSchema>['items'][number];

export const promiseItemSchema = z.object({
  itemCode: z.string(),
  itemName: z.string(),
  enabled: z.boolean(),
  basis: z.string(),
  updatedByName: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});
export const promiseItemsSchema = z.object({ items: z.array(promiseItemSchema) });

/** What /verify/<code> shows: validity, issuing village, date, type and a masked name; nothing else. */
export const verifySchema = z.object({
  valid: z.boolean(),
  status: z.enum(CERTIFICATE_STATUSES),
  serial: z.string(),
  type: z.string(),
  village: z.object({ code: z.string(), name: z.string() }),
  issuedOn: z.string(),
  holderName: z.string(),
  revokedOn: z.string().nullable(),
});
export type Verification = z.infer<typeof verifySchema>;
