import { z } from '../../../shared/zod.js';
import {
  adminRequestSchema,
  captchaSchema,
  createUserBody,
  departmentListSchema,
  grantSchema,
  loginBody,
  meSchema,
  mfaEnrolmentSchema,
  otpCode,
  pendingSchema,
  recoveryCodesSchema,
  sessionSchema,
  updateUserBody,
  userRowSchema,
  userSchema,
} from '../../../shared/accounts.js';
import { ROLES } from '../../../shared/roles.js';
import { typed, type Routes } from '../feature.js';
import { actorOf, ctxOf } from '../../http/policy.js';
import { clearSessionCookie, setSessionCookie } from '../../http/session.js';
import { resolveSession } from '../../core/sessions.js';
import { AppError } from '../../core/errors.js';
import * as passwords from './accounts.passwords.service.js';
import * as sessions from './accounts.sessions.service.js';
import * as users from './accounts.users.service.js';
import * as grants from './accounts.grants.service.js';
import * as departments from './accounts.departments.service.js';
import * as directory from './directory.js';
import * as auth from './accounts.auth.js';
import { accountsAdminRoutes } from './accounts.admin.routes.js';

const authTags = ['认证与会话'];
const admin = ['用户与授权'];
/** Open while a password change or TOTP enrolment is pending. */
const session = { access: 'session', allowPasswordChange: true, allowMfaEnrolment: true } as const;
const ok = z.object({ ok: z.literal(true) });
const idParams = z.strictObject({ id: z.string().min(1).max(100) });
const password = z.string().min(1, '请输入密码').max(128, '密码过长');

export const accountsRoutes: Routes = (app, deps) => {
  accountsAdminRoutes(app, deps);
  const r = typed(app);
  // Requests per address per minute on the sign-in routes; off with the public limit (load tests).
  const limit = deps.config.publicRateLimit > 0 ? { max: 30, timeWindow: 60_000 } : false;

  r.post(
    '/api/auth/login',
    {
      config: { policy: { access: 'public' }, rateLimit: limit },
      schema: {
        tags: authTags,
        summary:
          '登录（401 用户名或密码错误 / 需图形验证码 captcha_required / 需动态口令 mfa_required；423 该名称在本机暂停登录；429 本机暂停登录）',
        body: loginBody,
        response: { 200: meSchema },
      },
    },
    async (req, reply) => {
      const result = await auth.login(deps, req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: String(req.id),
      });
      setSessionCookie(reply, deps, result.session.token, result.session.expiresAt);
      const found = await resolveSession(
        deps.db,
        deps.clock,
        deps.config.session,
        result.session.token,
        auth.mfaRequired(deps),
      );
      if (found) return sessions.me(deps, found.actor, found.csrfToken);
      // A concurrent sign-in of the same user (sessions per user are capped) may already have ended this
      // one: the sign-in itself succeeded, so answer it; the next request with this cookie gets 401.
      const actor = await directory.actorById(deps.db, result.userId);
      if (!actor) throw new AppError('unauthenticated');
      return sessions.me(deps, actor, result.session.csrfToken);
    },
  );

  r.get(
    '/api/auth/captcha',
    {
      config: { policy: { access: 'public' }, rateLimit: limit },
      schema: { tags: authTags, summary: '图形验证码（SVG，5 分钟内一次有效）', response: { 200: captchaSchema } },
    },
    async () => auth.newCaptcha(deps),
  );

  r.post(
    '/api/auth/logout',
    { config: { policy: session }, schema: { tags: authTags, summary: '退出登录', response: { 200: ok } } },
    async (req, reply) => {
      await sessions.logout(deps, ctxOf(req));
      clearSessionCookie(reply, deps);
      reply.header('Clear-Site-Data', '"cache", "storage"');
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { policy: session },
      schema: { tags: authTags, summary: '当前用户、授权与权限', response: { 200: meSchema } },
    },
    async (req) => sessions.me(deps, actorOf(req), req.csrfToken),
  );

  r.post(
    '/api/auth/password',
    {
      config: { policy: session },
      schema: {
        tags: authTags,
        summary: '修改本人密码（长度、常用密码与本地地名黑名单、最近 5 次不得重复）',
        body: z.strictObject({ currentPassword: password, newPassword: password }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await passwords.changePassword(deps, ctxOf(req), req.body);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/auth/mfa/setup',
    {
      config: { policy: { access: 'session', allowMfaEnrolment: true } },
      schema: {
        tags: authTags,
        summary: '开始绑定动态口令（TOTP，RFC 6238）：返回二维码与密钥',
        response: { 200: mfaEnrolmentSchema },
      },
    },
    async (req) => auth.startMfaEnrolment(deps, ctxOf(req)),
  );

  r.post(
    '/api/auth/mfa/enable',
    {
      config: { policy: { access: 'session', allowMfaEnrolment: true } },
      schema: {
        tags: authTags,
        summary: '以一个动态口令确认绑定；返回 10 个恢复码（只显示一次）',
        body: z.strictObject({ otp: otpCode }),
        response: { 200: recoveryCodesSchema },
      },
    },
    async (req) => auth.confirmMfaEnrolment(deps, ctxOf(req), req.body.otp),
  );

  r.post(
    '/api/auth/mfa/recovery-codes',
    {
      config: { policy: { access: 'session' } },
      schema: {
        tags: authTags,
        summary: '重新生成恢复码（旧的作废；需当前动态口令）',
        body: z.strictObject({ otp: otpCode }),
        response: { 200: recoveryCodesSchema },
      },
    },
    async (req) => auth.renewRecoveryCodes(deps, ctxOf(req), req.body.otp),
  );

  r.get(
    '/api/auth/sessions',
    {
      config: { policy: session },
      schema: {
        tags: authTags,
        summary: '本人的在线会话',
        response: { 200: z.object({ items: z.array(sessionSchema) }) },
      },
    },
    async (req) => ({ items: await sessions.listSessions(deps, actorOf(req)) }),
  );

  r.delete(
    '/api/auth/sessions/:id',
    {
      config: { policy: session },
      schema: { tags: authTags, summary: '结束本人的一个会话', params: idParams, response: { 200: ok } },
    },
    async (req) => {
      await sessions.endSession(deps, ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/users',
    {
      config: { policy: { access: 'permission', permission: 'users.read' } },
      schema: {
        tags: admin,
        summary: '用户列表（管辖范围内）',
        querystring: z.strictObject({
          q: z.string().max(50).default(''),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(userRowSchema) }) },
      },
    },
    async (req) => users.listUsers(deps, actorOf(req), req.query.q, req.query.page, req.query.pageSize),
  );

  r.post(
    '/api/users',
    {
      config: { policy: { access: 'permission', permission: 'users.manage' } },
      schema: {
        tags: admin,
        summary: '创建用户（首次登录须改密码）',
        body: createUserBody,
        response: { 200: userSchema },
      },
    },
    async (req) => users.createUser(deps, ctxOf(req), req.body),
  );

  r.patch(
    '/api/users/:id',
    {
      config: { policy: { access: 'permission', permission: 'users.manage' } },
      schema: {
        tags: admin,
        summary: '修改、停用或解锁用户（乐观锁 version）；停用/启用管理员账户须双人复核，返回 202 与待复核申请',
        params: idParams,
        body: updateUserBody,
        response: { 200: userSchema, 202: pendingSchema },
      },
    },
    async (req, reply) => {
      const res = await users.updateUser(deps, ctxOf(req), req.params.id, req.body);
      if (res.pending) return reply.status(202).send({ pending: res.pending });
      return res.user!;
    },
  );

  r.get(
    '/api/users/:id/grants',
    {
      config: { policy: { access: 'permission', permission: 'users.read' } },
      schema: {
        tags: admin,
        summary: '用户的角色授权',
        params: idParams,
        response: { 200: z.object({ items: z.array(grantSchema) }) },
      },
    },
    async (req) => ({
      items: await grants.userGrants(deps, actorOf(req), req.params.id),
    }),
  );

  r.post(
    '/api/grants',
    {
      config: { policy: { access: 'permission', permission: 'grants.manage' } },
      schema: {
        tags: admin,
        summary: '授予角色（角色 + 区划节点；三员分立；管理员角色须双人复核，pending 为待复核申请）',
        body: z.strictObject({ userId: z.string(), role: z.enum(ROLES), regionCode: z.string().regex(/^\d{12}$/) }),
        response: { 200: z.object({ items: z.array(grantSchema), pending: adminRequestSchema.nullable() }) },
      },
    },
    async (req) => grants.addGrant(deps, ctxOf(req), req.body),
  );

  r.delete(
    '/api/grants/:id',
    {
      config: { policy: { access: 'permission', permission: 'grants.manage' } },
      schema: {
        tags: admin,
        summary: '撤销授权（管理员角色须双人复核，pending 为待复核申请）',
        params: idParams,
        response: { 200: z.object({ ok: z.literal(true), pending: adminRequestSchema.nullable() }) },
      },
    },
    async (req) => ({ ok: true as const, ...(await grants.removeGrant(deps, ctxOf(req), req.params.id)) }),
  );

  r.get(
    '/api/departments',
    {
      config: { policy: { access: 'permission', permission: 'regions.read' } },
      schema: {
        tags: ['区划'],
        summary: '部门（党政群机构）列表',
        response: { 200: departmentListSchema },
      },
    },
    async (req) => ({ items: await departments.listDepartments(deps, actorOf(req)) }),
  );

  r.post(
    '/api/departments',
    {
      config: { policy: { access: 'permission', permission: 'departments.manage' } },
      schema: {
        tags: ['区划'],
        summary: '新增部门',
        body: z.strictObject({
          regionCode: z.string().regex(/^\d{12}$/),
          name: z.string().min(2).max(50),
          kind: z.enum(['party', 'government', 'mass']),
        }),
        response: { 200: z.object({ id: z.string(), regionCode: z.string(), name: z.string(), kind: z.string() }) },
      },
    },
    async (req) => departments.createDepartment(deps, ctxOf(req), req.body),
  );
};
