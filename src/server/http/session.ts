import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Deps } from '../deps.js';
import { resolveSession } from '../core/sessions.js';
import { mfaRequiredFor } from '../features/accounts/accounts.policy.js';

/**
 * The session cookie. Behind HTTPS (JIANFU_COOKIE_SECURE=1) it is `__Host-jianfu_sid`: Secure, Path=/,
 * no Domain, so no other host or path can set or shadow it (ASVS 3.3.1).
 */
export const SESSION_COOKIE = 'jianfu_sid';
export const SECURE_SESSION_COOKIE = `__Host-${SESSION_COOKIE}`;
export const sessionCookieName = (deps: Pick<Deps, 'config'>) =>
  deps.config.cookieSecure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;

/** The cookie a request carries (only the name this deployment sets counts). */
export const sessionTokenOf = (req: FastifyRequest, deps: Pick<Deps, 'config'>) => req.cookies[sessionCookieName(deps)];

/** Resolves the session cookie into `req.actor` on every request (null when absent or expired). */
export function registerSessionHook(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  const mfa = (roles: Parameters<typeof mfaRequiredFor>[1], demo: boolean) =>
    mfaRequiredFor(deps.config.mfa.required, roles, demo);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = sessionTokenOf(req, deps);
    if (!token) return;
    const found = await resolveSession(deps.db, deps.clock, deps.config.session, token, mfa);
    if (found) {
      req.actor = found.actor;
      req.csrfToken = found.csrfToken;
    }
  });
}

export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string, expiresAt: string) {
  reply.setCookie(sessionCookieName(deps), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.cookieSecure,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: Deps) {
  reply.clearCookie(sessionCookieName(deps), {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.cookieSecure,
  });
}
