import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Deps } from '../deps.js';
import { resolveSession } from '../core/sessions.js';

export const SESSION_COOKIE = 'jianfu_sid';

/** Resolves the session cookie into `req.actor` on every request (null when absent or expired). */
export function registerSessionHook(app: FastifyInstance, deps: Deps) {
  app.decorateRequest('actor', null);
  app.decorateRequest('csrfToken', null);
  app.addHook('onRequest', async (req) => {
    if (!req.url.startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) return;
    const found = await resolveSession(deps.db, deps.clock, deps.config.session, token);
    if (found) {
      req.actor = found.actor;
      req.csrfToken = found.csrfToken;
    }
  });
}

export function setSessionCookie(reply: FastifyReply, deps: Deps, token: string, expiresAt: string) {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.cookieSecure,
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply, deps: Deps) {
  reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: deps.config.cookieSecure,
  });
}
