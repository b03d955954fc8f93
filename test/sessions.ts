import { Agent, type TestApp } from './test-app.js';
import { createSession } from '../src/server/core/sessions.js';
import { SESSION_COOKIE } from '../src/server/http/session.js';

/**
 * An agent with a fresh session for `username`, made directly in the session table: no password
 * hashing, no login rate limit, no audit row. For tests that need hundreds of sessions (the route
 * matrix); tests about signing in use `t.as()`.
 */
export async function sessionAgent(t: TestApp, username: string): Promise<Agent> {
  const user = await t.deps.db
    .selectFrom('appUser')
    .select('id')
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
  const s = await createSession(t.deps.db, t.clock, t.deps.config.session, user.id, {
    ip: '127.0.0.1',
    userAgent: 'vitest',
  });
  const a = t.agent();
  a.cookie = `${SESSION_COOKIE}=${s.token}`;
  a.csrf = s.csrfToken;
  return a;
}
