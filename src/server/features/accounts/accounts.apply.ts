/**
 * The changes to accounts, applied inside the caller's transaction with their audit row. Used directly
 * for ordinary accounts and, for administrator accounts, when a second administrator approves a request
 * (accounts.requests.ts).
 */
import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { RequestContext } from '../../core/actor.js';
import { appendAudit } from '../../core/audit.js';
import { newId } from '../../core/ids.js';
import { hashPassword } from '../../core/password.js';
import type { Role } from '../../../shared/roles.js';
import * as repo from './accounts.repo.js';
import * as authRepo from './accounts.auth.repo.js';
import { clearMfa } from './accounts.auth.js';

type Trx = Kysely<DB>;
interface Target {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
  status: string;
}

const OTP_SETS = ['ABCDEFGHJKLMNPQRSTUVWXYZ', 'abcdefghijkmnpqrstuvwxyz', '23456789', '#%+=-_!?'];
const pick = (s: string) => s[crypto.randomInt(s.length)];

/** A one-time password: 16 characters from four classes, never a word. */
export function oneTimePassword(): string {
  const chars = [...OTP_SETS.map(pick), ...Array.from({ length: 12 }, () => pick(OTP_SETS.join('')))];
  for (let i = chars.length - 1; i > 0; i--) {
    const j = crypto.randomInt(i + 1);
    [chars[i], chars[j]] = [chars[j], chars[i]];
  }
  return chars.join('');
}

/** Records a newly set password in the history (the last N may not be reused). */
export const rememberPassword = (trx: Trx, deps: Deps, userId: string, passwordHash: string) =>
  authRepo.addPasswordHistory(trx, { id: newId(), userId, passwordHash, createdAt: deps.clock.nowIso() });

/** Sets a password (hashed), remembers it in the history; `mustChange` makes the user change it at the next sign-in. */
export async function setPassword(trx: Trx, deps: Deps, userId: string, passwordHash: string, mustChange: boolean) {
  const now = deps.clock.nowIso();
  await repo.updateUser(trx, userId, {
    passwordHash,
    mustChangePassword: mustChange ? 1 : 0,
    passwordChangedAt: now,
    updatedAt: now,
  });
  await rememberPassword(trx, deps, userId, passwordHash);
}

export async function applyStatus(
  trx: Trx,
  deps: Deps,
  ctx: RequestContext,
  user: Target,
  status: 'active' | 'disabled',
) {
  const now = deps.clock.nowIso();
  await repo.updateUser(trx, user.id, { status, updatedAt: now });
  if (status === 'disabled') await repo.deleteSessionsOf(trx, user.id);
  await appendAudit(trx, deps, ctx, {
    action: 'users.update',
    entity: 'user',
    entityId: user.id,
    regionCode: user.regionCode,
    before: { status: user.status },
    after: { status },
  });
}

export async function applyRemoveGrant(
  trx: Trx,
  deps: Deps,
  ctx: RequestContext,
  grant: DB['grant'],
  username: string,
) {
  await repo.deleteGrant(trx, grant.id);
  await repo.deleteSessionsOf(trx, grant.userId);
  await appendAudit(trx, deps, ctx, {
    action: 'grants.remove',
    entity: 'grant',
    entityId: grant.id,
    regionCode: grant.regionCode,
    before: { userId: grant.userId, username, role: grant.role, regionCode: grant.regionCode },
  });
}

export async function applyAddGrant(
  trx: Trx,
  deps: Deps,
  ctx: RequestContext,
  g: { userId: string; username: string; role: Role; regionCode: string; createdBy: string | null },
) {
  const id = newId();
  await repo.insertGrant(trx, {
    id,
    userId: g.userId,
    role: g.role,
    regionCode: g.regionCode,
    createdAt: deps.clock.nowIso(),
    createdBy: g.createdBy,
  });
  await repo.deleteSessionsOf(trx, g.userId);
  await appendAudit(trx, deps, ctx, {
    action: 'grants.add',
    entity: 'grant',
    entityId: id,
    regionCode: g.regionCode,
    after: { userId: g.userId, username: g.username, role: g.role, regionCode: g.regionCode },
  });
  return id;
}

/** Sets a one-time password the user must change at the next sign-in; ends their sessions. The second factor stays. */
export async function applyResetPassword(trx: Trx, deps: Deps, ctx: RequestContext, user: Target) {
  const password = oneTimePassword();
  await setPassword(trx, deps, user.id, await hashPassword(password), true);
  await repo.deleteSessionsOf(trx, user.id);
  await authRepo.clearThrottles(trx, [`n:${user.username}`], `p:${user.username}|`);
  await appendAudit(trx, deps, ctx, {
    action: 'users.reset_password',
    entity: 'user',
    entityId: user.id,
    regionCode: user.regionCode,
    after: { username: user.username, oneTimePassword: true },
  });
  return password;
}

export async function applyResetMfa(trx: Trx, deps: Deps, ctx: RequestContext, user: Target) {
  await clearMfa(trx, deps, user.id);
  await appendAudit(trx, deps, ctx, {
    action: 'users.reset_mfa',
    entity: 'user',
    entityId: user.id,
    regionCode: user.regionCode,
    after: { username: user.username },
  });
}
