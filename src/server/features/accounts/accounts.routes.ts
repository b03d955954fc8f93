import { z } from '../../../shared/zod.js';
import { PERMISSIONS, REGION_LEVELS, ROLES } from '../../../shared/roles.js';
import { typed, type Routes } from '../feature.js';
import { actorOf, ctxOf } from '../../http/policy.js';
import { clearSessionCookie, setSessionCookie } from '../../http/session.js';
import * as accounts from './accounts.service.js';
import { resolveSession } from '../../core/sessions.js';

const auth = ['认证与会话'];
const admin = ['用户与授权'];
const session = { access: 'session', allowPasswordChange: true } as const;
const ok = z.object({ ok: z.literal(true) });

const meSchema = z.object({
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
  csrfToken: z.string().nullable(),
});

const grantSchema = z.object({ id: z.string(), role: z.enum(ROLES), regionCode: z.string(), regionName: z.string() });
const userSchema = z.object({
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
});
const idParams = z.strictObject({ id: z.string().min(1).max(100) });
const password = z.string().min(1, '请输入密码').max(128, '密码过长');

export const accountsRoutes: Routes = (app, deps) => {
  const r = typed(app);

  r.post(
    '/api/auth/login',
    {
      config: { policy: { access: 'public' }, rateLimit: { max: 30, timeWindow: 60_000 } },
      schema: {
        tags: auth,
        summary: '登录（401 用户名或密码错误，423 账户已锁定）',
        body: z.strictObject({ username: z.string().min(1, '请输入用户名').max(64), password }),
        response: { 200: meSchema },
      },
    },
    async (req, reply) => {
      const result = await accounts.login(deps, req.body, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
        requestId: String(req.id),
      });
      setSessionCookie(reply, deps, result.session.token, result.session.expiresAt);
      const found = await resolveSession(deps.db, deps.clock, deps.config.session, result.session.token);
      return accounts.me(deps, found!.actor, found!.csrfToken);
    },
  );

  r.post(
    '/api/auth/logout',
    { config: { policy: session }, schema: { tags: auth, summary: '退出登录', response: { 200: ok } } },
    async (req, reply) => {
      await accounts.logout(deps, ctxOf(req));
      clearSessionCookie(reply, deps);
      reply.header('Clear-Site-Data', '"cache", "storage"');
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/me',
    {
      config: { policy: session },
      schema: { tags: auth, summary: '当前用户、授权与权限', response: { 200: meSchema } },
    },
    async (req) => accounts.me(deps, actorOf(req), req.csrfToken),
  );

  r.post(
    '/api/auth/password',
    {
      config: { policy: session },
      schema: {
        tags: auth,
        summary: '修改本人密码',
        body: z.strictObject({ currentPassword: password, newPassword: password }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await accounts.changePassword(deps, ctxOf(req), req.body);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/auth/sessions',
    {
      config: { policy: session },
      schema: {
        tags: auth,
        summary: '本人的在线会话',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                createdAt: z.string(),
                lastSeenAt: z.string(),
                expiresAt: z.string(),
                ip: z.string().nullable(),
                userAgent: z.string().nullable(),
                current: z.boolean(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await accounts.listSessions(deps, actorOf(req)) }),
  );

  r.delete(
    '/api/auth/sessions/:id',
    {
      config: { policy: session },
      schema: { tags: auth, summary: '结束本人的一个会话', params: idParams, response: { 200: ok } },
    },
    async (req) => {
      await accounts.endSession(deps, ctxOf(req), req.params.id);
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
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(userSchema.extend({ locked: z.boolean(), grants: z.array(grantSchema) })),
          }),
        },
      },
    },
    async (req) => accounts.listUsers(deps, actorOf(req), req.query.q, req.query.page, req.query.pageSize),
  );

  r.post(
    '/api/users',
    {
      config: { policy: { access: 'permission', permission: 'users.manage' } },
      schema: {
        tags: admin,
        summary: '创建用户（首次登录须改密码）',
        body: z.strictObject({
          username: z.string().regex(/^[a-zA-Z0-9_.-]{3,64}$/, '用户名为 3–64 位字母、数字、下划线、点或连字符'),
          displayName: z.string().min(1).max(50),
          regionCode: z.string().regex(/^\d{12}$/, '区划代码应为 12 位数字'),
          departmentId: z.string().nullable().optional(),
          password,
        }),
        response: { 200: userSchema },
      },
    },
    async (req) => accounts.createUser(deps, ctxOf(req), req.body),
  );

  r.patch(
    '/api/users/:id',
    {
      config: { policy: { access: 'permission', permission: 'users.manage' } },
      schema: {
        tags: admin,
        summary: '修改、停用或解锁用户（乐观锁 version）',
        params: idParams,
        body: z.strictObject({
          displayName: z.string().min(1).max(50).optional(),
          status: z.enum(['active', 'disabled']).optional(),
          unlock: z.boolean().optional(),
          version: z.number().int(),
        }),
        response: { 200: userSchema },
      },
    },
    async (req) => accounts.updateUser(deps, ctxOf(req), req.params.id, req.body),
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
      items: await accounts.userGrants(deps, actorOf(req), req.params.id),
    }),
  );

  r.post(
    '/api/grants',
    {
      config: { policy: { access: 'permission', permission: 'grants.manage' } },
      schema: {
        tags: admin,
        summary: '授予角色（角色 + 区划节点；三员分立）',
        body: z.strictObject({ userId: z.string(), role: z.enum(ROLES), regionCode: z.string().regex(/^\d{12}$/) }),
        response: { 200: z.object({ items: z.array(grantSchema) }) },
      },
    },
    async (req) => ({ items: await accounts.addGrant(deps, ctxOf(req), req.body) }),
  );

  r.delete(
    '/api/grants/:id',
    {
      config: { policy: { access: 'permission', permission: 'grants.manage' } },
      schema: { tags: admin, summary: '撤销授权', params: idParams, response: { 200: ok } },
    },
    async (req) => {
      await accounts.removeGrant(deps, ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  r.get(
    '/api/departments',
    {
      config: { policy: { access: 'permission', permission: 'regions.read' } },
      schema: {
        tags: ['区划'],
        summary: '部门（党政群机构）列表',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                name: z.string(),
                kind: z.string(),
                regionCode: z.string(),
                regionName: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await accounts.listDepartments(deps, actorOf(req)) }),
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
    async (req) => accounts.createDepartment(deps, ctxOf(req), req.body),
  );
};
