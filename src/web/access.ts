import { ADMIN_ROLES, ROLES, roleHas, type Permission, type Role } from '../shared/roles.js';

/** What access.ts needs of /api/auth/me. */
export interface AccessSubject {
  permissions: readonly string[];
  grants: readonly { role: string }[];
  mustChangePassword: boolean;
  /** TOTP is required and not enrolled yet (only the enrolment page is usable). */
  mfaEnrolmentRequired?: boolean;
}

/**
 * App-wide flags for menus and route guards, derived only from `me.permissions` and `me.grants`
 * (the server computes permissions from the same table in src/shared/roles.ts). Pure, so it is
 * unit-tested as a table. The server still checks every request; these flags only shape the UI.
 */
export interface Access {
  signedIn: boolean;
  /** Must change the password first: nothing else is usable (the API answers 403 elsewhere). */
  mustChangePassword: boolean;
  /** Must enrol TOTP first. */
  mfaEnrolmentRequired: boolean;
  /** Holds at least one business role (village, township, district, approver, department). */
  isBusinessUser: boolean;
  /** Holds one of the three admin roles (三员). */
  isAdminUser: boolean;
  canReadRegions: boolean;
  canManageRegions: boolean;
  canManageDepartments: boolean;
  canReadUsers: boolean;
  canManageUsers: boolean;
  canManageGrants: boolean;
  /** 安全管理员: every session in the region, and resetting a second factor. */
  canManageSessions: boolean;
  /** The two-person procedure for changes to administrator accounts. */
  canReviewAdminRequests: boolean;
  canReadAudit: boolean;
  canReadCatalogs: boolean;
  canManageCatalogs: boolean;
  canApproveCatalogs: boolean;
  /** 准入: file requests (department officer). */
  canFileAdmission: boolean;
  /** 准入: see admitted tasks and flags (every business role). */
  canReadAdmission: boolean;
  /** 准入: decide review steps (township officer, district lead) or approve (district approver). */
  canReviewAdmission: boolean;
  /** 准入: flag a task that arrived without admission (village cadre). */
  canFlagAdmission: boolean;
  /** 证明: the desk (village cadre). */
  canIssueCertificates: boolean;
  /** 证明: the register, slips, promise forms and demand evidence. */
  canReadCertificates: boolean;
  /** 专项行动: see campaigns (every business role). */
  canReadCampaigns: boolean;
  /** 专项行动: create, date and launch campaigns (district lead). */
  canManageCampaigns: boolean;
  /** 自查台账: read ledgers in scope (village, township, district). */
  canReadLedgers: boolean;
  /** 自查台账: fill the village's ledger (village cadre). */
  canFillLedgers: boolean;
  /** 自查台账: import spreadsheets (village cadre, township officer). */
  canImportLedgers: boolean;
  /** 自查台账: return or approve (township officer). */
  canReviewLedgers: boolean;
  /** 汇总看板: consolidated roll-ups above the village (township, district). */
  canViewRollups: boolean;
  /** 整改任务: see clean-up tasks. */
  canReadTasks: boolean;
  /** 整改任务: reopen, re-date (township officer, district lead). */
  canManageTasks: boolean;
  /** 监督: the cases in scope (district handler, assigned township or department). */
  canReadSupervision: boolean;
  /** 监督: assign, close, merge; turn village flags into cases (district handler). */
  canHandleSupervision: boolean;
}

export type AccessFlag = keyof Access;

const NONE: Access = {
  signedIn: false,
  mustChangePassword: false,
  mfaEnrolmentRequired: false,
  isBusinessUser: false,
  isAdminUser: false,
  canReadRegions: false,
  canManageRegions: false,
  canManageDepartments: false,
  canReadUsers: false,
  canManageUsers: false,
  canManageGrants: false,
  canManageSessions: false,
  canReviewAdminRequests: false,
  canReadAudit: false,
  canReadCatalogs: false,
  canManageCatalogs: false,
  canApproveCatalogs: false,
  canFileAdmission: false,
  canReadAdmission: false,
  canReviewAdmission: false,
  canFlagAdmission: false,
  canIssueCertificates: false,
  canReadCertificates: false,
  canReadCampaigns: false,
  canManageCampaigns: false,
  canReadLedgers: false,
  canFillLedgers: false,
  canImportLedgers: false,
  canReviewLedgers: false,
  canViewRollups: false,
  canReadTasks: false,
  canManageTasks: false,
  canReadSupervision: false,
  canHandleSupervision: false,
};

const isRole = (r: string): r is Role => (ROLES as readonly string[]).includes(r);

export function accessOf(me: AccessSubject | null | undefined): Access {
  if (!me) return NONE;
  if (me.mustChangePassword) return { ...NONE, signedIn: true, mustChangePassword: true };
  if (me.mfaEnrolmentRequired) return { ...NONE, signedIn: true, mfaEnrolmentRequired: true };
  const perms = new Set(me.permissions);
  const has = (p: Permission) => perms.has(p);
  const roles = me.grants.map((g) => g.role).filter(isRole);
  return {
    signedIn: true,
    mustChangePassword: false,
    mfaEnrolmentRequired: false,
    isBusinessUser: roles.some((r) => !ADMIN_ROLES.includes(r)),
    isAdminUser: roles.some((r) => ADMIN_ROLES.includes(r)),
    canReadRegions: has('regions.read'),
    canManageRegions: has('regions.manage'),
    canManageDepartments: has('departments.manage'),
    canReadUsers: has('users.read'),
    canManageUsers: has('users.manage'),
    canManageGrants: has('grants.manage'),
    canManageSessions: has('sessions.manage'),
    canReviewAdminRequests: has('admin.requests'),
    canReadAudit: has('audit.read'),
    canReadCatalogs: has('catalogs.read'),
    canManageCatalogs: has('catalogs.manage'),
    canApproveCatalogs: has('catalogs.approve'),
    canFileAdmission: has('admission.file'),
    canReadAdmission: has('admission.read'),
    canReviewAdmission: has('admission.review') || has('admission.approve'),
    canFlagAdmission: has('admission.flag'),
    canIssueCertificates: has('certificates.issue'),
    canReadCertificates: has('certificates.read'),
    canReadCampaigns: has('campaigns.read'),
    canManageCampaigns: has('campaigns.manage'),
    canReadLedgers: has('ledgers.read'),
    canFillLedgers: has('ledgers.fill'),
    canImportLedgers: has('ledgers.import'),
    canReviewLedgers: has('ledgers.review'),
    canViewRollups: has('ledgers.read') && roles.some((r) => r !== 'village_cadre' && roleHas(r, 'ledgers.read')),
    canReadTasks: has('tasks.read'),
    canManageTasks: has('tasks.manage'),
    canReadSupervision: has('supervision.read'),
    canHandleSupervision: has('supervision.handle'),
  };
}
