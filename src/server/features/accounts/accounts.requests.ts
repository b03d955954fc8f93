/**
 * The two-person procedure (issue 14 M3, DB-06/17–19): a change to an administrator account —
 * disable, enable, revoke or grant an administrator role, reset its password or second factor — is
 * filed as a request by the administrator whose duty it is, and applied only when a second
 * administrator of another role approves it (never the requester, never the account concerned), within
 * 72 hours. Every step is audited. See docs/security.md "Two-person procedure".
 */
import type { Deps } from '../../deps.js';
import type { Actor, RequestContext } from '../../core/actor.js';
import { AppError, notFound } from '../../core/errors.js';
import { appendAudit } from '../../core/audit.js';
import { addMinutes } from '../../core/clock.js';
import { newId } from '../../core/ids.js';
import { isUniqueViolation } from '../../db/dialect.js';
import type { AdminRequestKind, AdminRequestStatus } from '../../../shared/accounts.js';
import { isAdminRole, type RegionLevel, type Role } from '../../../shared/roles.js';
import * as repo from './accounts.repo.js';
import * as requestsRepo from './accounts.requests.repo.js';
import { decisionProblem, grantProblem } from './accounts.policy.js';
import { applyAddGrant, applyRemoveGrant, applyResetMfa, applyResetPassword, applyStatus } from './accounts.apply.js';

const REQUEST_HOURS = 72;

/** The administrator role the actor acts in (an administrator holds exactly one). */
const adminRoleOf = (actor: Actor): Role => {
  const role = actor.grants.find((g) => isAdminRole(g.role))?.role;
  if (!role) throw new AppError('forbidden', '只有管理员可以提出此类申请');
  return role;
};

/** Files a request (or returns the identical one already pending). */
export async function fileRequest(
  deps: Deps,
  ctx: RequestContext,
  r: { kind: AdminRequestKind; target: { id: string; username: string; regionCode: string }; payload: object },
) {
  const actor = ctx.actor!;
  const now = deps.clock.nowIso();
  const payloadJson = JSON.stringify(r.payload);
  const id = await deps.db.transaction().execute(async (trx) => {
    const dup = await requestsRepo.openDuplicate(trx, r.kind, r.target.id, payloadJson, now);
    if (dup) return dup.id;
    const newRequest = newId();
    await requestsRepo.insertAdminRequest(trx, {
      id: newRequest,
      kind: r.kind,
      targetUserId: r.target.id,
      payloadJson,
      regionCode: r.target.regionCode,
      status: 'pending',
      requestedBy: actor.userId,
      requestedByName: actor.displayName,
      requesterRole: adminRoleOf(actor),
      requestedAt: now,
      expiresAt: addMinutes(now, REQUEST_HOURS * 60),
      decidedBy: null,
      decidedByName: null,
      decidedAt: null,
      note: null,
      version: 1,
    });
    await appendAudit(trx, deps, ctx, {
      action: 'admin_requests.file',
      entity: 'admin_request',
      entityId: newRequest,
      regionCode: r.target.regionCode,
      after: { kind: r.kind, target: r.target.username, payload: r.payload },
    });
    return newRequest;
  });
  return (await requestsRepo.findAdminRequest(deps.db, id))!;
}

const present = ({ regionCode: _r, ...rest }: requestsRepo.AdminRequestRecord) => rest;

const effectiveStatus = (r: requestsRepo.AdminRequestRecord, now: string): AdminRequestStatus =>
  r.status === 'pending' && r.expiresAt <= now ? 'expired' : r.status;

export async function listRequests(deps: Deps, actor: Actor, status: AdminRequestStatus | null) {
  const now = deps.clock.nowIso();
  const rows = await requestsRepo.listAdminRequests(deps.db, actor, status === 'expired' ? 'pending' : status);
  return rows
    .map((r) => ({ ...r, status: effectiveStatus(r, now) }))
    .filter((r) => !status || r.status === status)
    .map(present);
}

async function loadForDecision(deps: Deps, actor: Actor, id: string) {
  const r = await requestsRepo.findAdminRequest(deps.db, id);
  if (!r) return notFound('申请');
  const visible = (await requestsRepo.listAdminRequests(deps.db, actor, null)).some((x) => x.id === id);
  if (!visible) return notFound('申请');
  if (effectiveStatus(r, deps.clock.nowIso()) !== 'pending')
    throw new AppError('conflict', '该申请已处理或已过期', { current: present(r) });
  return r;
}

/**
 * A second administrator approves: the change is applied in the same transaction. Returns the request
 * and, for a password reset, the one-time password (shown once to the approver, who hands it over).
 */
export async function approve(deps: Deps, ctx: RequestContext, id: string, input: { version: number; note?: string }) {
  const actor = ctx.actor!;
  const r = await loadForDecision(deps, actor, id);
  const problem = decisionProblem(r, { userId: actor.userId, roles: actor.grants.map((g) => g.role) });
  if (problem) throw new AppError('forbidden', problem);
  const target = await repo.findUserById(deps.db, r.targetUserId);
  if (!target) return notFound('用户');
  let oneTimePassword: string | null = null;
  try {
    await deps.db.transaction().execute(async (trx) => {
      const now = deps.clock.nowIso();
      const decided = await requestsRepo.decideAdminRequest(trx, id, input.version, {
        status: 'approved',
        decidedBy: actor.userId,
        decidedByName: actor.displayName,
        decidedAt: now,
        note: input.note ?? null,
      });
      if (!decided) throw new AppError('conflict', undefined, { current: present(r) });
      await appendAudit(trx, deps, ctx, {
        action: 'admin_requests.approve',
        entity: 'admin_request',
        entityId: id,
        regionCode: r.regionCode,
        after: { kind: r.kind, target: r.targetUsername, requestedBy: r.requestedByName, note: input.note ?? null },
      });
      const p = r.payload as Record<string, string>;
      if (r.kind === 'disable_user' || r.kind === 'enable_user')
        await applyStatus(trx, deps, ctx, target, r.kind === 'disable_user' ? 'disabled' : 'active');
      else if (r.kind === 'remove_grant') {
        const grant = await repo.findGrant(trx, p.grantId);
        if (!grant) throw new AppError('conflict', '该授权已不存在');
        await applyRemoveGrant(trx, deps, ctx, grant, target.username);
      } else if (r.kind === 'add_admin_grant') {
        const region = await repo.findRegion(trx, p.regionCode);
        if (!region) throw new AppError('conflict', '区划已不存在');
        const issue = grantProblem(
          await repo.rolesOf(trx, target.id),
          p.role as Role,
          region.level as RegionLevel,
          !!target.departmentId,
        );
        if (issue) throw new AppError('conflict', issue);
        await applyAddGrant(trx, deps, ctx, {
          userId: target.id,
          username: target.username,
          role: p.role as Role,
          regionCode: p.regionCode,
          createdBy: r.requestedBy,
        });
      } else if (r.kind === 'reset_password') oneTimePassword = await applyResetPassword(trx, deps, ctx, target);
      else if (r.kind === 'reset_mfa') await applyResetMfa(trx, deps, ctx, target);
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw new AppError('conflict', '该授权已存在，或违反三员分立（一个账户只能持有一种管理员角色）');
    throw err;
  }
  return { request: present((await requestsRepo.findAdminRequest(deps.db, id))!), oneTimePassword };
}

/** Rejected by a second administrator, or cancelled by the requester. Nothing is applied. */
export async function close(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: { version: number; note?: string },
  how: 'rejected' | 'cancelled',
) {
  const actor = ctx.actor!;
  const r = await loadForDecision(deps, actor, id);
  if (how === 'cancelled' && r.requestedBy !== actor.userId) throw new AppError('forbidden', '只有申请人可以撤回申请');
  if (how === 'rejected') {
    const problem = decisionProblem(r, { userId: actor.userId, roles: actor.grants.map((g) => g.role) });
    if (problem) throw new AppError('forbidden', problem);
  }
  await deps.db.transaction().execute(async (trx) => {
    const decided = await requestsRepo.decideAdminRequest(trx, id, input.version, {
      status: how,
      decidedBy: actor.userId,
      decidedByName: actor.displayName,
      decidedAt: deps.clock.nowIso(),
      note: input.note ?? null,
    });
    if (!decided) throw new AppError('conflict', undefined, { current: present(r) });
    await appendAudit(trx, deps, ctx, {
      action: how === 'rejected' ? 'admin_requests.reject' : 'admin_requests.cancel',
      entity: 'admin_request',
      entityId: id,
      regionCode: r.regionCode,
      after: { kind: r.kind, target: r.targetUsername, note: input.note ?? null },
    });
  });
  return present((await requestsRepo.findAdminRequest(deps.db, id))!);
}
