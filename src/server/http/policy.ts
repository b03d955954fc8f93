import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Permission } from '../../shared/roles.js';
import type { Actor, RequestContext } from '../core/actor.js';
import { hasPermission } from '../core/actor.js';
import { AppError } from '../core/errors.js';
import { appendAudit } from '../core/audit.js';
import type { Deps } from '../deps.js';

/**
 * Every /api route declares one of these in `config.policy`; the app refuses to start when a route has
 * none. Route-level checks answer 401/403; region checks (404 when invisible) live in the services.
 */
export type RoutePolicy =
  | { access: 'public' }
  | { access: 'session'; allowPasswordChange?: boolean; allowMfaEnrolment?: boolean }
  | { access: 'permission'; permission: Permission; regionParam?: string };

export interface RouteInfo {
  method: string;
  url: string;
  policy: RoutePolicy | null;
  stateChanging: boolean;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
    /** Reads the route's record as it is now: a 409 without details then carries it as `details.current`. */
    current?: (req: FastifyRequest) => Promise<unknown>;
  }
  interface FastifyRequest {
    actor: Actor | null;
    csrfToken: string | null;
  }
  interface FastifyInstance {
    routeInventory: RouteInfo[];
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isStateChanging = (method: string) => !SAFE.has(method.toUpperCase());

/** Collects every route with its policy (the inventory the route × role × region test walks). */
export function collectRoutes(app: FastifyInstance) {
  const inventory: RouteInfo[] = [];
  app.decorate('routeInventory', inventory);
  app.addHook('onRoute', (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const m of methods) {
      if (m === 'HEAD') continue;
      inventory.push({
        method: m,
        url: route.url,
        policy: (route.config as { policy?: RoutePolicy } | undefined)?.policy ?? null,
        stateChanging: isStateChanging(m),
      });
    }
  });
  app.addHook('onReady', async () => {
    const missing = inventory.filter((r) => r.url.startsWith('/api/') && !r.policy && !r.url.startsWith('/api/docs'));
    if (missing.length)
      throw new Error(`routes without a policy: ${missing.map((r) => `${r.method} ${r.url}`).join(', ')}`);
  });
}

/** Enforces the route's policy before the body is parsed, so 401/403 come before 400/413. */
export async function enforcePolicy(req: FastifyRequest, _reply: FastifyReply, _payload?: unknown) {
  const policy = req.routeOptions.config?.policy;
  if (!policy || policy.access === 'public') return;
  const actor = req.actor;
  if (!actor) throw new AppError('unauthenticated', '请先登录（会话不存在或已超时）');
  if (isStateChanging(req.method)) {
    const sent = req.headers['x-csrf-token'];
    if (!sent || sent !== req.csrfToken) throw new AppError('csrf_failed');
  }
  const passwordRoute = policy.access === 'session' && policy.allowPasswordChange;
  if (actor.mustChangePassword && !passwordRoute) throw new AppError('password_change_required');
  const mfaRoute = policy.access === 'session' && policy.allowMfaEnrolment;
  if (actor.mfaEnrolmentRequired && !mfaRoute) throw new AppError('mfa_enrolment_required');
  if (policy.access === 'permission' && !hasPermission(actor, policy.permission)) throw new AppError('forbidden');
}

/**
 * `enforcePolicy` plus an audit row for every authorization failure of a signed-in user (403 for a
 * missing permission, a failed CSRF check): 等保 8.1.4.3 a / ASVS 16.3.2. The refusal stands even if
 * the audit write fails (logged).
 */
export function enforcePolicyAudited(deps: Deps) {
  return async (req: FastifyRequest, reply: FastifyReply, payload?: unknown) => {
    try {
      await enforcePolicy(req, reply, payload);
    } catch (e) {
      if (e instanceof AppError && (e.code === 'forbidden' || e.code === 'csrf_failed') && req.actor) {
        const policy = req.routeOptions.config?.policy;
        const route = `${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]}`;
        await deps.db
          .transaction()
          .execute((trx) =>
            appendAudit(trx, deps, ctxOf(req), {
              action: 'auth.denied',
              outcome: 'failure',
              entity: 'route',
              entityId: route.slice(0, 200),
              after: { reason: e.code, permission: policy?.access === 'permission' ? policy.permission : null },
            }),
          )
          .catch((err: unknown) => req.log.error({ err }, 'audit of an authorization failure failed'));
      }
      throw e;
    }
  };
}

/** The request facts services need for audit rows. */
export const ctxOf = (req: FastifyRequest): RequestContext => ({
  actor: req.actor,
  ip: req.ip ?? null,
  requestId: String(req.id),
});

/** The actor of a route whose policy guarantees a session. */
export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('unauthenticated');
  return req.actor;
}

/** A route's `current` reader (see FastifyContextConfig): the record named by the `:id` parameter, as the actor sees it now. */
export const currentBy =
  (read: (actor: Actor, id: string) => Promise<unknown>) =>
  (req: FastifyRequest): Promise<unknown> =>
    read(actorOf(req), (req.params as { id: string }).id);
