/**
 * Passwords: the rules a new password of an account must pass (policy, the blocklists with the
 * deployment's place names, the history) and the signed-in user's own password change.
 */
import { pinyin } from 'pinyin-pro';
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { RequestContext } from '../../core/actor.js';
import { AppError } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { checkPassword, hashPassword, verifyPassword } from '../../core/password.js';
import type { Role } from '../../../shared/roles.js';
import * as repo from './accounts.repo.js';
import * as authRepo from './accounts.auth.repo.js';
import { needsAdminPassword } from './accounts.policy.js';
import { setPassword } from './accounts.apply.js';

const PLACE_SUFFIX = /(特别行政区|自治区|自治州|自治县|街道办事处|街道|地区|省|市|区|县|镇|乡|盟|旗)$/;

/** The local words of the password blocklist: place names of the deployment, in Chinese and pinyin. */
export async function contextWords(db: Kysely<DB>): Promise<string[]> {
  const words = new Set<string>();
  for (const name of await repo.placeNames(db)) {
    const base = name.replace(PLACE_SUFFIX, '');
    if ([...base].length < 2) continue;
    words.add(base);
    words.add(pinyin(base, { toneType: 'none', type: 'array' }).join('').replace(/ü/g, 'v'));
  }
  return [...words];
}

/** Every rule a new password of this account must pass: policy, blocklists and history. */
export async function passwordProblems(
  deps: Deps,
  user: { id: string | null; username: string; passwordHash?: string },
  roles: readonly Role[],
  plain: string,
): Promise<string[]> {
  const problems = checkPassword(deps.config.password, plain, {
    username: user.username,
    admin: needsAdminPassword(roles),
    contextWords: await contextWords(deps.db),
  });
  if (!problems.length && user.id) {
    const recent = await authRepo.recentPasswordHashes(deps.db, user.id, deps.config.password.history);
    if (user.passwordHash && !recent.includes(user.passwordHash)) recent.push(user.passwordHash);
    for (const h of recent)
      if (await verifyPassword(h, plain)) {
        problems.push(`新密码不能与最近 ${deps.config.password.history} 次使用过的密码相同`);
        break;
      }
  }
  return problems;
}

export const refuse = (field: string, lead: string, problems: string[]): never => {
  throw new AppError('validation_failed', `${lead}：${problems.join('；')}`, {
    issues: problems.map((m) => ({ field, message: m })),
  });
};

export async function changePassword(
  deps: Deps,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
) {
  const actor = ctx.actor!;
  const user = (await repo.findUserById(deps.db, actor.userId))!;
  if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
    throw new AppError('validation_failed', '当前密码不正确', {
      issues: [{ field: 'currentPassword', message: '当前密码不正确' }],
    });
  const problems = await passwordProblems(deps, user, await repo.rolesOf(deps.db, user.id), input.newPassword);
  if (problems.length) refuse('newPassword', '新密码不符合要求', problems);
  const passwordHash = await hashPassword(input.newPassword);
  await deps.db.transaction().execute(async (trx) => {
    await setPassword(trx, deps, user.id, passwordHash, false);
    // Other sessions of this user end; the current one stays.
    await repo.deleteSessionsOf(trx, user.id, actor.sessionId);
    await appendAudit(trx, deps, ctx, {
      action: 'auth.password_change',
      entity: 'user',
      entityId: user.id,
      regionCode: user.regionCode,
    });
  });
}
