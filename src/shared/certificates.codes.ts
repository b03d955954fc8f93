/**
 * The codes of the certificate desk (证明, S-6.2): every enum of its API, once. No zod here, so the web app
 * takes these arrays without pulling the validator into the browser; `src/shared/certificates.ts`
 * re-exports them beside the API's zod schemas. Labels are locale keys: `certificates.<enum>.<code>`
 * (src/shared/locales/{zh-CN,en-US}/certificates.ts). The desk's verdicts are the catalogs' CERTIFICATE_VERDICTS.
 */
export const CERTIFICATE_STATUSES = ['valid', 'revoked'] as const;
export type CertificateStatus = (typeof CERTIFICATE_STATUSES)[number];

/** catalog: a positive-list item from its template; deliberation: unlisted, with a recorded deliberation and sign-off. */
export const ISSUE_PATHS = ['catalog', 'deliberation'] as const;
export type IssuePath = (typeof ISSUE_PATHS)[number];

/** What the desk may do next: issue (positive), refuse (slip), promise (告知承诺 form), deliberate (unlisted). */
export const DESK_ACTIONS = ['issue', 'refuse', 'promise', 'deliberate'] as const;
export type DeskAction = (typeof DESK_ACTIONS)[number];

/** Refusal slips (不予出具告知单) and promise forms (告知承诺书). */
export const CASE_KINDS = ['refusal', 'promise'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];

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
export type DemanderKind = (typeof DEMANDER_KINDS)[number];

export const DELIBERATION_FORMS = ['villagers_meeting', 'representatives_meeting', 'joint_meeting', 'other'] as const;
export type DeliberationForm = (typeof DELIBERATION_FORMS)[number];

/** Entries of a certificate's record. */
export const CERTIFICATE_EVENTS = ['issued', 'printed', 'reprinted', 'verified', 'revoked', 'unmasked'] as const;
export type CertificateEvent = (typeof CERTIFICATE_EVENTS)[number];

/** Personal fields a village may show in clear (audited). */
export const UNMASK_FIELDS = ['name', 'idNumber', 'phone'] as const;
export type UnmaskField = (typeof UNMASK_FIELDS)[number];
