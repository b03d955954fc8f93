/**
 * Signing in (issue 14 M2, DB-02, DB-04): throttling per name, per name and address, and per address,
 * with growing delays and a local captcha instead of an anonymous hard lock, the same answers for
 * unknown and known names; TOTP (RFC 6238) with replay protection and recovery codes; one session for
 * an administrator, a few for other staff.
 */
import crypto from 'node:crypto';
import * as OTPAuth from 'otpauth';
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { RequestContext } from '../../core/actor.js';
import { AppError } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { addMinutes } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import { dummyHash, verifyPassword } from '../../core/password.js';
import { createSession } from '../../core/sessions.js';
import type { LoginBody } from '../../../shared/accounts.js';
import type { Role } from '../../../shared/roles.js';
import * as repo from './accounts.repo.js';
import * as authRepo from './accounts.auth.repo.js';
import { isAdminAccount, mfaRequiredFor } from './accounts.policy.js';

/** Login names are case-insensitive and NFKC-normalised. */
export const normalizeUsername = (u: string) => u.normalize('NFKC').trim().toLowerCase();

const BAD_CREDENTIALS = '用户名或密码错误';
const NAME_WINDOW_MINUTES = 24 * 60; // failures of a name (and name + address) are forgotten after a quiet day
const ADDRESS_WINDOW_MINUTES = 60; // failures of an address, after a quiet hour
const CAPTCHA_MINUTES = 5;

export interface LoginMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

const totpOf = (secret: string, label: string) =>
  new OTPAuth.TOTP({
    issuer: '减负通',
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });

const totpBinding = (userId: string) => ({ table: 'app_user', column: 'totp_secret_enc', row: userId });

/** A new local captcha (SVG, no outside service); the answer is kept for 5 minutes, single use. */
export async function newCaptcha(deps: Deps) {
  // Loaded on first use, not at start-up (as the QR code below): most starts never draw one.
  const { default: svgCaptcha } = await import('svg-captcha');
  const c = svgCaptcha.create({ size: 4, ignoreChars: '0oO1ilI', noise: 2, color: true, background: '#f5f7fa' });
  const id = newId();
  await authRepo.insertCaptcha(deps.db, {
    id,
    answer: c.text.toLowerCase(),
    expiresAt: addMinutes(deps.clock.nowIso(), CAPTCHA_MINUTES),
  });
  return { id, svg: c.data };
}

/** Takes a captcha (single use) and says whether `answer` solves it (other features' public forms). */
export async function solvesCaptcha(deps: Deps, id: string, answer: string): Promise<boolean> {
  const expected = await authRepo.takeCaptcha(deps.db, id, deps.clock.nowIso());
  return !!expected && expected === answer.trim().toLowerCase();
}

/** Minutes of delay after `failures`: 1, 2, 4 … from the threshold on, capped. */
const delayMinutes = (failures: number, threshold: number, cap: number) =>
  failures < threshold ? 0 : Math.min(2 ** (failures - threshold), cap);

const minutesLeft = (until: string, now: Date) =>
  Math.max(1, Math.ceil((new Date(until).getTime() - now.getTime()) / 60_000));

type Outcome =
  | { kind: 'ok'; session: { token: string; csrfToken: string; expiresAt: string }; userId: string }
  | { kind: 'bad'; captchaRequired: boolean }
  | { kind: 'delayed'; until: string; scope: 'name' | 'address' }
  | { kind: 'captcha'; wrong: boolean }
  | { kind: 'mfa' };

/**
 * Checks the password (and second factor) and opens a session. Refusals are counted and audited in
 * their own transaction, then reported: 401 bad credentials (or captcha / second factor needed), 423
 * while this name is delayed from this address, 429 while the address is delayed. Unknown names are
 * counted and answered exactly like known ones.
 */
export async function login(deps: Deps, input: LoginBody, meta: LoginMeta) {
  const username = normalizeUsername(input.username);
  const ctx: RequestContext = { actor: null, ip: meta.ip, requestId: meta.requestId };
  const { lockout } = deps.config;
  const ip = meta.ip ?? 'unknown';
  const keys = { name: `n:${username}`, pair: `p:${username}|${ip}`, address: `a:${ip}` };
  const outcome: Outcome = await deps.db.transaction().execute(async (trx) => {
    const now = deps.clock.nowIso();
    const t = await authRepo.throttles(trx, Object.values(keys));
    const audit = (reason: string, extra: Record<string, unknown> = {}, user?: repo.UserRecord) =>
      appendAudit(trx, deps, ctx, {
        action: 'auth.login',
        entity: 'user',
        entityId: user?.id ?? null,
        actorId: user?.id,
        outcome: 'failure',
        actorName: username.slice(0, 64),
        regionCode: user?.regionCode ?? null,
        after: { reason, ...extra },
      });

    const addressBlock = t.get(keys.address)?.blockedUntil;
    if (addressBlock && addressBlock > now) {
      await audit('address_delayed', { until: addressBlock });
      return { kind: 'delayed', until: addressBlock, scope: 'address' };
    }
    const pairBlock = t.get(keys.pair)?.blockedUntil;
    if (pairBlock && pairBlock > now) {
      await audit('name_delayed', { until: pairBlock });
      return { kind: 'delayed', until: pairBlock, scope: 'name' };
    }
    const fresh = (key: string, windowMinutes: number) => {
      const row = t.get(key);
      return row && addMinutes(row.lastFailureAt, windowMinutes) > now ? row.failures : 0;
    };
    if (fresh(keys.name, NAME_WINDOW_MINUTES) >= lockout.captchaAfter) {
      const answer = input.captchaId ? await authRepo.takeCaptcha(trx, input.captchaId, now) : null;
      if (!answer || answer !== (input.captchaAnswer ?? '').trim().toLowerCase()) {
        await audit(input.captchaId ? 'captcha_wrong' : 'captcha_missing');
        return { kind: 'captcha', wrong: !!input.captchaId };
      }
    }

    /** Counts one failure on the name, the name from this address, and the address; returns the delay started. */
    const fail = async (reason: string, user?: repo.UserRecord) => {
      const counts = {
        name: fresh(keys.name, NAME_WINDOW_MINUTES) + 1,
        pair: fresh(keys.pair, NAME_WINDOW_MINUTES) + 1,
        address: fresh(keys.address, ADDRESS_WINDOW_MINUTES) + 1,
      };
      const pairDelay = delayMinutes(counts.pair, lockout.threshold, lockout.minutes);
      const addressDelay = delayMinutes(counts.address, lockout.ipLimit, lockout.minutes);
      const save = (key: string, failures: number, delay: number) =>
        authRepo.saveThrottle(
          trx,
          { key, failures, lastFailureAt: now, blockedUntil: delay ? addMinutes(now, delay) : null },
          t.has(key),
        );
      await save(keys.name, counts.name, 0);
      await save(keys.pair, counts.pair, pairDelay);
      await save(keys.address, counts.address, addressDelay);
      await audit(reason, { failures: counts.pair }, user);
      if (pairDelay || addressDelay)
        await appendAudit(trx, deps, ctx, {
          action: 'auth.lockout',
          entity: 'user',
          entityId: user?.id ?? null,
          actorId: user?.id,
          actorName: username.slice(0, 64),
          regionCode: user?.regionCode ?? null,
          after: {
            scope: addressDelay ? 'address' : 'name',
            minutes: addressDelay || pairDelay,
            failures: counts.pair,
          },
        });
      if (addressDelay)
        return { kind: 'delayed' as const, until: addMinutes(now, addressDelay), scope: 'address' as const };
      if (pairDelay) return { kind: 'delayed' as const, until: addMinutes(now, pairDelay), scope: 'name' as const };
      return { kind: 'bad' as const, captchaRequired: counts.name >= lockout.captchaAfter };
    };

    const user = await repo.findUserByUsername(trx, username);
    if (!user || user.status !== 'active') {
      await verifyPassword(await dummyHash(), input.password);
      return fail(user ? 'disabled' : 'unknown_user');
    }
    if (!(await verifyPassword(user.passwordHash, input.password))) return fail('bad_password', user);

    // Second factor: every enrolled account uses it.
    let factor: 'totp' | 'recovery' | null = null;
    if (user.totpSecretEnc && user.totpEnabledAt) {
      if (!input.otp && !input.recoveryCode) return { kind: 'mfa' };
      if (input.otp) {
        const secret = deps.cipher.decrypt(user.totpSecretEnc, totpBinding(user.id));
        const ts = deps.clock.now().getTime();
        const delta = totpOf(secret, user.username).validate({ token: input.otp, timestamp: ts, window: 1 });
        const step = Math.floor(ts / 30_000) + (delta ?? 0);
        if (delta === null) return fail('mfa_wrong', user);
        if (!(await authRepo.advanceTotpStep(trx, user.id, step))) return fail('mfa_replayed', user);
        factor = 'totp';
      } else {
        const code = input.recoveryCode!.replace(/-/g, '').toUpperCase();
        if (!(await authRepo.useRecoveryCode(trx, user.id, deps.cipher.keyedHash('recovery', code), now)))
          return fail('recovery_wrong', user);
        factor = 'recovery';
      }
    }

    await authRepo.clearThrottles(trx, [keys.name, keys.pair]);
    await repo.updateUser(trx, user.id, { lastLoginAt: now, updatedAt: now, failedCount: 0, lockedUntil: null });
    const roles = await repo.rolesOf(trx, user.id);
    const admin = isAdminAccount(roles);
    const { session: s } = deps.config;
    // 三员: one session at a time (a new sign-in ends the old one); other staff: a few.
    const ended = admin
      ? await repo.trimSessions(trx, user.id, 0)
      : s.maxPerUser > 0
        ? await repo.trimSessions(trx, user.id, s.maxPerUser - 1)
        : 0;
    const session = await createSession(
      trx,
      deps.clock,
      s,
      user.id,
      meta,
      admin ? { idleMinutes: s.adminIdleMinutes, absoluteHours: s.adminAbsoluteHours } : {},
    );
    await appendAudit(trx, deps, ctx, {
      action: 'auth.login',
      entity: 'user',
      entityId: user.id,
      actorId: user.id,
      actorName: username,
      regionCode: user.regionCode,
      after: { sessionCreated: true, factor, sessionsEnded: ended },
    });
    return { kind: 'ok', session, userId: user.id };
  });
  if (outcome.kind === 'ok') return outcome;
  if (outcome.kind === 'bad')
    throw new AppError('unauthenticated', BAD_CREDENTIALS, {
      captchaRequired: outcome.captchaRequired,
      ...(outcome.captchaRequired ? { captcha: await newCaptcha(deps) } : {}),
    });
  if (outcome.kind === 'captcha')
    throw new AppError('captcha_required', outcome.wrong ? '图形验证码错误或已过期，请重新输入' : '请输入图形验证码', {
      captchaRequired: true,
      captcha: await newCaptcha(deps),
    });
  if (outcome.kind === 'mfa') throw new AppError('mfa_required', '请输入动态口令（或一个恢复码）');
  const minutes = minutesLeft(outcome.until, deps.clock.now());
  if (outcome.scope === 'address')
    throw new AppError('rate_limited', `本机登录失败次数过多，请 ${minutes} 分钟后再试`, {
      retryAfterSeconds: minutes * 60,
    });
  throw new AppError(
    'account_locked',
    `该账户在本机连续登录失败，已暂停登录，请 ${minutes} 分钟后再试，或联系管理员解锁`,
    { retryAfterSeconds: minutes * 60, until: outcome.until },
  );
}

// ------------------------------------------------------------------------------------------ TOTP enrolment

/** Starts (or restarts) TOTP enrolment: a new secret, kept sealed until a code proves the app has it. */
export async function startMfaEnrolment(deps: Deps, ctx: RequestContext) {
  const actor = ctx.actor!;
  const user = (await repo.findUserById(deps.db, actor.userId))!;
  if (user.totpEnabledAt) throw new AppError('conflict', '已绑定动态口令；如需更换，请联系安全管理员重置');
  const secret = new OTPAuth.Secret({ size: 20 }).base32;
  const uri = totpOf(secret, user.username).toString();
  await deps.db.transaction().execute(async (trx) => {
    await repo.updateUser(trx, user.id, {
      totpSecretEnc: deps.cipher.encrypt(secret, totpBinding(user.id)),
      totpEnabledAt: null,
      totpLastStep: null,
      updatedAt: deps.clock.nowIso(),
    });
    await appendAudit(trx, deps, ctx, {
      action: 'auth.mfa_setup',
      entity: 'user',
      entityId: user.id,
      regionCode: user.regionCode,
    });
  });
  const { default: QRCode } = await import('qrcode');
  return { uri, qr: await QRCode.toDataURL(uri, { margin: 1, width: 220 }), secret };
}

const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
const newRecoveryCode = () => {
  const bytes = crypto.randomBytes(12);
  const chars = [...bytes].map((b) => RECOVERY_ALPHABET[b % RECOVERY_ALPHABET.length]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
};

async function issueRecoveryCodes(trx: Kysely<DB>, deps: Deps, userId: string, now: string) {
  const codes = Array.from({ length: 10 }, newRecoveryCode);
  await authRepo.replaceRecoveryCodes(
    trx,
    userId,
    codes.map((c) => ({
      id: newId(),
      userId,
      codeHash: deps.cipher.keyedHash('recovery', c.replace(/-/g, '')),
      usedAt: null,
      createdAt: now,
    })),
  );
  return codes;
}

/** Checks a code against the account's secret and moves the replay counter; false when wrong or reused. */
async function acceptCode(trx: Kysely<DB>, deps: Deps, user: repo.UserRecord, otp: string) {
  if (!user.totpSecretEnc) return false;
  const secret = deps.cipher.decrypt(user.totpSecretEnc, totpBinding(user.id));
  const ts = deps.clock.now().getTime();
  const delta = totpOf(secret, user.username).validate({ token: otp, timestamp: ts, window: 1 });
  return delta !== null && authRepo.advanceTotpStep(trx, user.id, Math.floor(ts / 30_000) + delta);
}

/** Finishes enrolment with a code from the app; returns ten recovery codes, shown once. */
export async function confirmMfaEnrolment(deps: Deps, ctx: RequestContext, otp: string) {
  const actor = ctx.actor!;
  return deps.db.transaction().execute(async (trx) => {
    const user = (await repo.findUserById(trx, actor.userId))!;
    if (user.totpEnabledAt) throw new AppError('conflict', '已绑定动态口令');
    if (!user.totpSecretEnc) throw new AppError('conflict', '请先开始绑定');
    if (!(await acceptCode(trx, deps, user, otp)))
      throw new AppError('validation_failed', '动态口令不正确，请核对手机时间后重试', {
        issues: [{ field: 'otp', message: '动态口令不正确' }],
      });
    const now = deps.clock.nowIso();
    await repo.updateUser(trx, user.id, { totpEnabledAt: now, updatedAt: now });
    const codes = await issueRecoveryCodes(trx, deps, user.id, now);
    await appendAudit(trx, deps, ctx, {
      action: 'auth.mfa_enrol',
      entity: 'user',
      entityId: user.id,
      regionCode: user.regionCode,
      after: { recoveryCodes: codes.length },
    });
    return { codes };
  });
}

/** New recovery codes (the old ones stop working), proven with a current code. */
export async function renewRecoveryCodes(deps: Deps, ctx: RequestContext, otp: string) {
  const actor = ctx.actor!;
  return deps.db.transaction().execute(async (trx) => {
    const user = (await repo.findUserById(trx, actor.userId))!;
    if (!user.totpEnabledAt) throw new AppError('conflict', '尚未绑定动态口令');
    if (!(await acceptCode(trx, deps, user, otp)))
      throw new AppError('validation_failed', '动态口令不正确', {
        issues: [{ field: 'otp', message: '动态口令不正确' }],
      });
    const now = deps.clock.nowIso();
    const codes = await issueRecoveryCodes(trx, deps, user.id, now);
    await appendAudit(trx, deps, ctx, {
      action: 'auth.mfa_recovery_codes',
      entity: 'user',
      entityId: user.id,
      regionCode: user.regionCode,
    });
    return { codes };
  });
}

/** Removes a user's second factor (the 安全管理员's reset; applied directly or by an approved request). */
export async function clearMfa(trx: Kysely<DB>, deps: Deps, userId: string) {
  await repo.updateUser(trx, userId, {
    totpSecretEnc: null,
    totpEnabledAt: null,
    totpLastStep: null,
    updatedAt: deps.clock.nowIso(),
  });
  await authRepo.replaceRecoveryCodes(trx, userId, []);
  await repo.deleteSessionsOf(trx, userId);
}

/** Is TOTP required of an account with these roles (the setting, the demo exception)? */
export const mfaRequired = (deps: Deps) => (roles: Role[], demo: boolean) =>
  mfaRequiredFor(deps.config.mfa.required, roles, demo);
