import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import type { Permission } from '../../shared/roles.js';
import type { AuthedContext } from '../core/actor.js';
import { idParams } from '../../shared/common.js';
import { AppError } from '../core/errors.js';
import { attachment, XLSX_TYPE } from '../core/spreadsheets.js';
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

// The schema shapes most routes share (`route(policy, tags, summary, withQuery(listQuery, pageSchema))`).

/** A route answering 200 with `response`. */
export const ok = <R extends z.ZodType>(response: R) => ({ response: { 200: response } });
/** A route reading a querystring (a list's filters and paging) and answering 200 with `response`. */
export const withQuery = <Q extends z.ZodType, R extends z.ZodType>(querystring: Q, response: R) => ({
  querystring,
  response: { 200: response },
});
/** A route taking a body and answering 200 with `response`. */
export const withBody = <B extends z.ZodType, R extends z.ZodType>(body: B, response: R) => ({
  body,
  response: { 200: response },
});

/** The schemas of a route on one record (`…/:id`): its body (if any) and its 200 answer. */
export function onId<R extends z.ZodType>(
  body: undefined,
  response: R,
): { params: typeof idParams; response: { 200: R } };
export function onId<B extends z.ZodType, R extends z.ZodType>(
  body: B,
  response: R,
): { params: typeof idParams; body: B; response: { 200: R } };
export function onId(body: z.ZodType | undefined, response: z.ZodType) {
  return { params: idParams, ...(body ? { body } : {}), response: { 200: response } };
}

/** A spreadsheet download (an export or an import template) named `filename`. */
export const sendXlsx = (reply: FastifyReply, filename: string, body: unknown) =>
  reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(filename)).send(body);
