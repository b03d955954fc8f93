import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Permission } from '../../shared/roles.js';
import type { AuthedContext } from '../core/actor.js';
import { AppError } from '../core/errors.js';
import type { RoutePolicy } from './policy.js';

/** The zod parts of a route schema (what fastify-type-provider-zod types and documents). */
export interface RouteSchema {
  params?: z.ZodType;
  querystring?: z.ZodType;
  body?: z.ZodType;
  headers?: z.ZodType;
  response?: Record<number, z.ZodType>;
  consumes?: string[];
}

/**
 * One route's options in one line: its policy (checked before the body is read), its OpenAPI tag and
 * summary, and its zod schemas. `route(read, tags, '…', { params, response: { 200: x } })`.
 */
export const route = <S extends RouteSchema>(
  policy: RoutePolicy,
  tags: string[],
  summary: string,
  schema: S,
  /** `current`: reads the record as it is now, for a 409's `details.current` (http/policy.ts `currentBy`). */
  extra: { current?: (req: FastifyRequest) => Promise<unknown> } = {},
) => ({
  config: { policy, ...extra },
  schema: { tags, summary, ...schema },
});

export const isPublic: RoutePolicy = { access: 'public' };
export const session: RoutePolicy = { access: 'session' };
export const can = (permission: Permission): RoutePolicy => ({ access: 'permission', permission });

/** The request context of a route whose policy guarantees a session: actor, address, request id. */
export function authed(req: FastifyRequest): AuthedContext {
  if (!req.actor) throw new AppError('unauthenticated');
  return { actor: req.actor, ip: req.ip ?? null, requestId: String(req.id) };
}

/** The app with zod typing for route schemas. */
export const typed = (app: FastifyInstance) => app.withTypeProvider<ZodTypeProvider>();

/** A route's options with a per-client limit of requests per minute (public routes); 0 leaves it unlimited. */
export const perMinute = <O extends { config: object }>(options: O, max: number) => ({
  ...options,
  config: { ...options.config, rateLimit: max > 0 ? { max, timeWindow: 60_000 } : false },
});
