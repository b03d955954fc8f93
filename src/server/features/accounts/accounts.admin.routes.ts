/**
 * The administrators' routes of accounts: every session (安全管理员), password and second-factor resets,
 * and the two-person requests (docs/security.md).
 */
import { z } from '../../../shared/zod.js';
import {
  ADMIN_REQUEST_STATUSES,
  adminRequestSchema,
  pendingSchema,
  resetPasswordSchema,
  sessionSchema,
} from '../../../shared/accounts.js';
import { typed, type Routes } from '../feature.js';
import { actorOf, ctxOf } from '../../http/policy.js';
import * as sessions from './accounts.sessions.service.js';
import * as users from './accounts.users.service.js';
import * as requests from './accounts.requests.js';

const admin = ['用户与授权'];
const ok = z.object({ ok: z.literal(true) });
const idParams = z.strictObject({ id: z.string().min(1).max(100) });
const decision = z.strictObject({ version: z.number().int(), note: z.string().max(200).optional() });

export const accountsAdminRoutes: Routes = (app, deps) => {
  const r = typed(app);

  r.get(
    '/api/sessions',
    {
      config: { policy: { access: 'permission', permission: 'sessions.manage' } },
      schema: {
        tags: admin,
        summary: '管辖范围内所有在线会话（安全管理员）',
        response: { 200: z.object({ items: z.array(sessionSchema) }) },
      },
    },
    async (req) => ({ items: await sessions.listAllSessions(deps, actorOf(req)) }),
  );

  r.delete(
    '/api/sessions/:id',
    {
      config: { policy: { access: 'permission', permission: 'sessions.manage' } },
      schema: { tags: admin, summary: '结束任一会话（安全管理员）', params: idParams, response: { 200: ok } },
    },
    async (req) => {
      await sessions.endAnySession(deps, ctxOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/users/:id/reset-password',
    {
      config: { policy: { access: 'permission', permission: 'users.manage' } },
      schema: {
        tags: admin,
        summary: '重置密码为一次性密码（只显示一次，用户须修改；动态口令不变）；管理员账户须双人复核（202）',
        params: idParams,
        response: { 200: resetPasswordSchema, 202: resetPasswordSchema },
      },
    },
    async (req, reply) => {
      const res = await users.resetPassword(deps, ctxOf(req), req.params.id);
      return reply.status(res.pending ? 202 : 200).send(res);
    },
  );

  r.post(
    '/api/users/:id/reset-mfa',
    {
      config: { policy: { access: 'permission', permission: 'sessions.manage' } },
      schema: {
        tags: admin,
        summary: '重置动态口令（安全管理员；管理员账户须双人复核，202）',
        params: idParams,
        response: { 200: z.object({ pending: adminRequestSchema.nullable() }), 202: pendingSchema },
      },
    },
    async (req, reply) => {
      const res = await users.resetMfa(deps, ctxOf(req), req.params.id);
      return reply.status(res.pending ? 202 : 200).send(res);
    },
  );

  r.get(
    '/api/admin-requests',
    {
      config: { policy: { access: 'permission', permission: 'admin.requests' } },
      schema: {
        tags: admin,
        summary: '涉及管理员账户的双人复核申请',
        querystring: z.strictObject({ status: z.enum(ADMIN_REQUEST_STATUSES).optional() }),
        response: { 200: z.object({ items: z.array(adminRequestSchema) }) },
      },
    },
    async (req) => ({ items: await requests.listRequests(deps, actorOf(req), req.query.status ?? null) }),
  );

  r.post(
    '/api/admin-requests/:id/approve',
    {
      config: { policy: { access: 'permission', permission: 'admin.requests' } },
      schema: {
        tags: admin,
        summary: '复核通过（须为申请人以外、另一类别的管理员；变更随即生效）',
        params: idParams,
        body: decision,
        response: { 200: z.object({ request: adminRequestSchema, oneTimePassword: z.string().nullable() }) },
      },
    },
    async (req) => requests.approve(deps, ctxOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/admin-requests/:id/reject',
    {
      config: { policy: { access: 'permission', permission: 'admin.requests' } },
      schema: {
        tags: admin,
        summary: '复核驳回',
        params: idParams,
        body: decision,
        response: { 200: adminRequestSchema },
      },
    },
    async (req) => requests.close(deps, ctxOf(req), req.params.id, req.body, 'rejected'),
  );

  r.post(
    '/api/admin-requests/:id/cancel',
    {
      config: { policy: { access: 'permission', permission: 'admin.requests' } },
      schema: {
        tags: admin,
        summary: '撤回本人的申请',
        params: idParams,
        body: decision,
        response: { 200: adminRequestSchema },
      },
    },
    async (req) => requests.close(deps, ctxOf(req), req.params.id, req.body, 'cancelled'),
  );
};
