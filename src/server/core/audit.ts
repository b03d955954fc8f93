import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DialectName } from '../db/database.js';
import { lockChain } from '../db/dialect.js';
import type { Clock } from './clock.js';
import { sm3 } from './crypto.js';
import { newId } from './ids.js';
import type { RequestContext } from './actor.js';

export const GENESIS_HASH = '0'.repeat(64);
const AUDIT_LOCK_KEY = 73011; // advisory-lock key of the audit chain (PostgreSQL)

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  regionCode?: string | null;
  before?: unknown;
  after?: unknown;
  outcome?: 'success' | 'failure';
  /** Overrides the actor name (e.g. the attempted username of a failed login). */
  actorName?: string;
  /** Overrides the actor id (e.g. the user of a login attempt). */
  actorId?: string;
}

export interface AuditDeps {
  dialect: DialectName;
  clock: Clock;
}

type AuditRow = DB['auditLog'];

/** The fields a row's hash covers, in a fixed order. */
export function hashInput(r: Omit<AuditRow, 'hash'>): string {
  return JSON.stringify([
    r.seq,
    r.id,
    r.ts,
    r.actorId,
    r.actorName,
    r.actorRoles,
    r.ip,
    r.requestId,
    r.action,
    r.outcome,
    r.entity,
    r.entityId,
    r.regionCode,
    r.beforeJson,
    r.afterJson,
    r.prevHash,
  ]);
}

export const rowHash = (r: Omit<AuditRow, 'hash'>) => sm3(hashInput(r));

const toJson = (v: unknown) => (v === undefined ? null : JSON.stringify(v));

/**
 * Appends one row to the audit chain. Call it inside the transaction of the write it records, so the
 * write and its audit row commit or fail together.
 */
export async function appendAudit(
  trx: Kysely<DB>,
  deps: AuditDeps,
  ctx: RequestContext,
  entry: AuditEntry,
): Promise<void> {
  await lockChain(trx, deps.dialect, AUDIT_LOCK_KEY);
  const last = await trx
    .selectFrom('auditLog')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const actor = ctx.actor;
  const row: Omit<AuditRow, 'hash'> = {
    seq: (last?.seq ?? 0) + 1,
    id: newId(),
    ts: deps.clock.nowIso(),
    actorId: entry.actorId ?? actor?.userId ?? null,
    actorName: entry.actorName ?? actor?.username ?? null,
    actorRoles: actor ? [...new Set(actor.grants.map((g) => g.role))].join(',') : null,
    ip: ctx.ip,
    requestId: ctx.requestId,
    action: entry.action,
    outcome: entry.outcome ?? 'success',
    entity: entry.entity,
    entityId: entry.entityId ?? null,
    regionCode: entry.regionCode ?? null,
    beforeJson: toJson(entry.before),
    afterJson: toJson(entry.after),
    prevHash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('auditLog')
    .values({ ...row, hash: rowHash(row) })
    .execute();
}

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
}

/** Walks the chain in seq order, in pages, and names the first row that does not fit. */
export async function verifyChain(db: Kysely<DB>, pageSize = 5000): Promise<ChainVerdict> {
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const stray = await db
    .selectFrom('auditLog')
    .select('seq')
    .where('seq', '<', 1)
    .orderBy('seq')
    .limit(1)
    .executeTakeFirst();
  if (stray)
    return { ok: false, checked, firstBroken: { seq: Number(stray.seq), reason: '序号不合法的记录（被插入）' } };
  for (;;) {
    const rows = await db
      .selectFrom('auditLog')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq)
        return {
          ok: false,
          checked,
          firstBroken: { seq: expectedSeq, reason: `缺少第 ${expectedSeq} 条记录（已被删除）` },
        };
      if (r.prevHash !== prevHash)
        return { ok: false, checked, firstBroken: { seq, reason: '前序哈希不匹配（记录被删除、插入或调换）' } };
      const { hash, ...rest } = r;
      if (rowHash({ ...rest, seq }) !== hash)
        return { ok: false, checked, firstBroken: { seq, reason: '记录内容与哈希不符（记录被篡改）' } };
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
  return { ok: true, checked, firstBroken: null };
}
