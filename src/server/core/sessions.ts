import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { RegionLevel, Role } from '../../shared/roles.js';
import type { Clock } from './clock.js';
import { addMinutes } from './clock.js';
import { sm3 } from './crypto.js';
import { newToken } from './ids.js';
import type { Actor } from './actor.js';
import * as repo from './sessions.repo.js';

export interface SessionSettings {
  idleMinutes: number;
  absoluteHours: number;
}

/** The session id stored in the database is the SM3 of the cookie token, never the token itself. */
export const sessionIdOf = (token: string) => sm3(`session:${token}`);

/**
 * Opens a session. `limits` (administrators: 15 min idle, 8 h absolute) override the defaults for this
 * session; the idle limit is stored with the session so every later request applies it.
 */
export async function createSession(
  trx: Kysely<DB>,
  clock: Clock,
  settings: SessionSettings,
  userId: string,
  meta: { ip: string | null; userAgent: string | null },
  limits: Partial<SessionSettings> = {},
) {
  const token = newToken();
  const csrfToken = newToken(24);
  const now = clock.nowIso();
  const expiresAt = addMinutes(now, (limits.absoluteHours ?? settings.absoluteHours) * 60);
  const id = sessionIdOf(token);
  await repo.insertSession(trx, {
    id,
    userId,
    csrfToken,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: meta.ip,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    idleMinutes: limits.idleMinutes ?? null,
  });
  return { id, token, csrfToken, expiresAt };
}

export interface SessionFacts {
  actor: Actor;
  csrfToken: string;
}

/**
 * Loads the actor behind a session token, or null when it is unknown, idle too long, or past its
 * absolute lifetime. `mfaRequiredFor` says whether an account with these roles must use TOTP.
 */
export async function resolveSession(
  db: Kysely<DB>,
  clock: Clock,
  settings: SessionSettings,
  token: string,
  mfaRequiredFor: (roles: Role[], demo: boolean) => boolean = () => false,
): Promise<SessionFacts | null> {
  const id = sessionIdOf(token);
  const found = await repo.sessionWithUserAndGrants(db, id);
  const row = found[0];
  if (!row) return null;
  const now = clock.nowIso();
  const idle = row.idleMinutes ?? settings.idleMinutes;
  if (row.expiresAt <= now || addMinutes(row.lastSeenAt, idle) <= now || row.status !== 'active') {
    await repo.endSession(db, id);
    return null;
  }
  // Touch at most once a minute so that reads do not turn into writes on every request.
  if (addMinutes(row.lastSeenAt, 1) <= now) {
    await repo.touchSession(db, id, now);
  }
  // A grant whose region is gone (inner join before) grants nothing.
  const grants = found.flatMap((g) =>
    g.grantRole && g.grantRegionCode && g.grantLevel
      ? [{ role: g.grantRole as Role, regionCode: g.grantRegionCode, level: g.grantLevel as RegionLevel }]
      : [],
  );
  const roles = grants.map((g) => g.role as Role);
  return {
    csrfToken: row.csrfToken,
    actor: {
      userId: row.userId,
      username: row.username,
      displayName: row.displayName,
      regionCode: row.regionCode,
      departmentId: row.departmentId,
      grants,
      sessionId: id,
      mustChangePassword: row.mustChangePassword === 1,
      mfaEnrolmentRequired: !row.totpEnabledAt && mfaRequiredFor(roles, row.demo === 1),
    },
  };
}
