/**
 * Table types as the application sees them (CamelCasePlugin maps to snake_case columns).
 * Booleans are stored as 0/1 integers and timestamps as ISO-8601 UTC text on both dialects.
 */
import type { Generated } from 'kysely';

export interface RegionTable {
  code: string;
  name: string;
  level: string;
  kind: string | null;
  parentCode: string | null;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  villageCode: string | null;
  pinyinInitials: string;
  source: string | null;
  active: number;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface DepartmentTable {
  id: string;
  regionCode: string;
  name: string;
  kind: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface UserTable {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
  departmentId: string | null;
  passwordHash: string;
  mustChangePassword: number;
  passwordChangedAt: string | null;
  failedCount: number;
  lockedUntil: string | null;
  status: string;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
  /** TOTP secret, SM4-sealed (bound to app_user.id / totp_secret_enc). */
  totpSecretEnc: string | null;
  totpEnabledAt: string | null;
  /** Last accepted TOTP time step (replay protection). */
  totpLastStep: number | null;
  /** 1 for the demo accounts (documented exceptions: demo password, no forced MFA). */
  demo: Generated<number>;
}

export interface GrantTable {
  id: string;
  userId: string;
  role: string;
  regionCode: string;
  createdAt: string;
  createdBy: string | null;
}

export interface SessionTable {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  ip: string | null;
  userAgent: string | null;
  /** Idle limit of this session in minutes (administrators: shorter); null = the configured default. */
  idleMinutes: number | null;
}

export interface AuditLogTable {
  seq: number;
  id: string;
  ts: string;
  actorId: string | null;
  actorName: string | null;
  actorRoles: string | null;
  ip: string | null;
  requestId: string | null;
  action: string;
  outcome: string;
  entity: string;
  entityId: string | null;
  regionCode: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  prevHash: string;
  /** Format 1 (key_id NULL): SM3 of the fields. Format 2: HMAC-SM3 under audit key `key_id`. */
  hash: string;
  keyId: string | null;
}

export interface KeyCheckTable {
  purpose: string;
  keyId: string;
  kcv: string;
  createdAt: string;
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  lastFailureAt: string;
  blockedUntil: string | null;
}

export interface CaptchaTable {
  id: string;
  answer: string;
  expiresAt: string;
}

export interface RecoveryCodeTable {
  id: string;
  userId: string;
  codeHash: string;
  usedAt: string | null;
  createdAt: string;
}

export interface PasswordHistoryTable {
  id: string;
  userId: string;
  passwordHash: string;
  createdAt: string;
}

export interface AdminRequestTable {
  id: string;
  kind: string;
  targetUserId: string;
  payloadJson: string;
  regionCode: string;
  status: string;
  requestedBy: string;
  requestedByName: string;
  requesterRole: string;
  requestedAt: string;
  expiresAt: string;
  decidedBy: string | null;
  decidedByName: string | null;
  decidedAt: string | null;
  note: string | null;
  version: number;
}

export interface JobTable {
  id: string;
  name: string;
  payload: string;
  status: string;
  runAt: string;
  lockedBy: string | null;
  lockedAt: string | null;
  attempts: number;
  progress: number;
  total: number;
  message: string | null;
  result: string | null;
  error: string | null;
  dedupeKey: string | null;
  createdBy: string | null;
  regionCode: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface FileTable {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  data: Uint8Array;
  createdBy: string | null;
  createdAt: string;
}

export interface CatalogTable {
  id: string;
  kind: string;
  title: string;
  layer: string;
  province: string | null;
  scopeCode: string | null;
  ownerRegionCode: string | null;
  year: number | null;
  sourceUrl: string | null;
  secondarySources: string;
  completeness: string | null;
  complete: number;
  completenessNote: string;
  adoptedByDefault: number;
  effectiveFrom: string | null;
  dateNote: string | null;
  codePrefix: string | null;
  extraJson: string | null;
  origin: string;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CatalogItemTable {
  id: string;
  code: string;
  catalogId: string;
  originRegionCode: string | null;
  createdAt: string;
}

export interface CatalogItemRevisionTable {
  id: string;
  itemId: string;
  revision: number;
  regionCode: string | null;
  operation: string;
  effectiveFrom: string | null;
  fieldsJson: string;
  source: string;
  adjustmentId: string | null;
  importId: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface CatalogAdoptionTable {
  id: string;
  catalogId: string;
  regionCode: string;
  operation: string;
  effectiveFrom: string;
  adjustmentId: string | null;
  createdAt: string;
  createdBy: string | null;
}

export interface CatalogAdjustmentTable {
  id: string;
  targetRegionCode: string;
  targetLevel: string;
  provinceCode: string | null;
  cityCode: string | null;
  countyCode: string | null;
  townshipCode: string | null;
  villageCode: string | null;
  operation: string;
  catalogId: string | null;
  itemId: string | null;
  itemCode: string | null;
  itemName: string | null;
  changesJson: string | null;
  reasonType: string;
  reasonNote: string | null;
  basis: string;
  effectiveDate: string;
  effectiveFrom: string | null;
  status: string;
  proposerId: string;
  proposerName: string;
  submittedAt: string | null;
  approverId: string | null;
  approverName: string | null;
  decidedAt: string | null;
  decisionNote: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

export interface CatalogVersionTable {
  id: string;
  catalogIdsJson: string;
  revisionIdsJson: string;
  itemCount: number;
  createdAt: string;
}

/** One row (id 1): bumped by triggers on every catalog write (see the catalog-generation migration). */
export interface CatalogGenerationTable {
  id: number;
  generation: number | string;
}

export interface DB {
  region: RegionTable;
  department: DepartmentTable;
  appUser: UserTable;
  grant: GrantTable;
  session: SessionTable;
  auditLog: AuditLogTable;
  keyCheck: KeyCheckTable;
  loginThrottle: LoginThrottleTable;
  captcha: CaptchaTable;
  recoveryCode: RecoveryCodeTable;
  passwordHistory: PasswordHistoryTable;
  adminRequest: AdminRequestTable;
  job: JobTable;
  storedFile: FileTable;
  catalog: CatalogTable;
  catalogItem: CatalogItemTable;
  catalogItemRevision: CatalogItemRevisionTable;
  catalogAdoption: CatalogAdoptionTable;
  catalogAdjustment: CatalogAdjustmentTable;
  catalogVersion: CatalogVersionTable;
  catalogGeneration: CatalogGenerationTable;
}

export type { Generated };
