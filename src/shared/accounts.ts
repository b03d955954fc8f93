/**
 * The accounts API's contracts (sign-in, second factor, sessions, users, grants, the two-person
 * procedure), shared by the server routes and the web app.
 */
import { z } from './zod.js';
import { PERMISSIONS, REGION_LEVELS, ROLES } from './roles.js';

export const USER_STATUSES = ['active', 'disabled'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/**
 * Changes to an administrator account (one holding 系统/安全/审计管理员) that no administrator may make
 * alone: they are requested, and take effect when a second administrator of another role approves.
 */
export const ADMIN_REQUEST_KINDS = [
  'disable_user',
  'enable_user',
  'remove_grant',
  'add_admin_grant',
  'reset_password',
  'reset_mfa',
] as const;
export type AdminRequestKind = (typeof ADMIN_REQUEST_KINDS)[number];
export const ADMIN_REQUEST_STATUSES = ['pending', 'approved', 'rejected', 'cancelled', 'expired'] as const;
export type AdminRequestStatus = (typeof ADMIN_REQUEST_STATUSES)[number];

export const ADMIN_REQUEST_LABELS: Record<AdminRequestKind, { zh: string; en: string }> = {
  disable_user: { zh: '停用管理员账户', en: 'Disable an administrator' },
  enable_user: { zh: '启用管理员账户', en: 'Enable an administrator' },
  remove_grant: { zh: '撤销管理员角色', en: 'Revoke an administrator role' },
  add_admin_grant: { zh: '授予管理员角色', en: 'Grant an administrator role' },
  reset_password: { zh: '重置管理员密码', en: "Reset an administrator's password" },
  reset_mfa: { zh: '重置管理员动态口令', en: "Reset an administrator's second factor" },
};

const password = z.string().min(1, '请输入密码').max(128, '密码过长');
export const otpCode = z.string().regex(/^\d{6}$/, '动态口令为 6 位数字');
export const recoveryCode = z.string().regex(/^[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}-?[A-Za-z0-9]{4}$/, '恢复码格式不正确');

export const loginBody = z.strictObject({
  username: z.string().min(1, '请输入用户名').max(64),
  password,
  otp: otpCode.optional(),
  recoveryCode: recoveryCode.optional(),
  captchaId: z.string().max(64).optional(),
  captchaAnswer: z.string().max(16).optional(),
});
export type LoginBody = z.infer<typeof loginBody>;

export const captchaSchema = z.object({ id: z.string(), svg: z.string() });
export type Captcha = z.infer<typeof captchaSchema>;

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  region: z.object({ code: z.string(), name: z.string(), level: z.enum(REGION_LEVELS) }).nullable(),
  department: z.object({ id: z.string(), name: z.string() }).nullable(),
  grants: z.array(
    z.object({
      role: z.enum(ROLES),
      roleLabel: z.string(),
      regionCode: z.string(),
      regionName: z.string(),
      level: z.enum(REGION_LEVELS),
    }),
  ),
  permissions: z.array(z.enum(PERMISSIONS)),
  mustChangePassword: z.boolean(),
  /** TOTP is required and not enrolled: the web app opens the enrolment page first. */
  mfaEnrolmentRequired: z.boolean(),
  mfaEnabled: z.boolean(),
  /** The password rules that apply to this account (for the password form). */
  passwordMinLength: z.number(),
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof meSchema>;
export type MeGrant = Me['grants'][number];

export const sessionSchema = z.object({
  id: z.string(),
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});
export type SessionInfo = z.infer<typeof sessionSchema>;

export const mfaEnrolmentSchema = z.object({
  /** otpauth:// URI and the same as a QR code (data: URL of a PNG), and the secret in base32 for typing. */
  uri: z.string(),
  qr: z.string(),
  secret: z.string(),
});
export type MfaEnrolment = z.infer<typeof mfaEnrolmentSchema>;

export const recoveryCodesSchema = z.object({ codes: z.array(z.string()) });

export const grantSchema = z.object({
  id: z.string(),
  role: z.enum(ROLES),
  regionCode: z.string(),
  regionName: z.string(),
});
export type UserGrant = z.infer<typeof grantSchema>;

export const userSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  departmentId: z.string().nullable(),
  status: z.string(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  createdAt: z.string(),
  version: z.number(),
  mfaEnabled: z.boolean(),
});
export const userRowSchema = userSchema.extend({ locked: z.boolean(), grants: z.array(grantSchema) });
export type UserRow = z.infer<typeof userRowSchema>;

export const usernameSchema = z
  .string()
  .regex(/^[a-zA-Z0-9_.-]{3,64}$/, '用户名为 3–64 位字母、数字、下划线、点或连字符');

export const createUserBody = z.strictObject({
  username: usernameSchema,
  displayName: z.string().min(1).max(50),
  regionCode: z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字'),
  departmentId: z.string().nullable().optional(),
  password,
});
export type NewUser = z.infer<typeof createUserBody>;

export const updateUserBody = z.strictObject({
  displayName: z.string().min(1).max(50).optional(),
  status: z.enum(USER_STATUSES).optional(),
  unlock: z.boolean().optional(),
  version: z.number().int(),
});

/** The answer to a change that touches an administrator: applied now, or waiting for a second administrator. */
export const adminRequestSchema = z.object({
  id: z.string(),
  kind: z.enum(ADMIN_REQUEST_KINDS),
  targetUserId: z.string(),
  targetUsername: z.string(),
  payload: z.record(z.string(), z.unknown()),
  status: z.enum(ADMIN_REQUEST_STATUSES),
  requestedBy: z.string(),
  requestedByName: z.string(),
  requesterRole: z.enum(ROLES),
  requestedAt: z.string(),
  expiresAt: z.string(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number(),
});
export type AdminRequest = z.infer<typeof adminRequestSchema>;

export const pendingSchema = z.object({ pending: adminRequestSchema });

export const resetPasswordSchema = z.object({
  /** Shown once to the administrator who reset it; the user must change it at the next sign-in. */
  oneTimePassword: z.string().nullable(),
  pending: adminRequestSchema.nullable(),
});

/** A department (党政群机构) of a region, as GET /api/departments lists it. */
export const departmentSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
});
export type Department = z.infer<typeof departmentSchema>;
export const departmentListSchema = z.object({ items: z.array(departmentSchema) });
