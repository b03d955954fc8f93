/**
 * The audit chain (等保 8.1.4.3; issue 14 H1). Each row carries the previous row's hash and its own
 * MAC over a fixed field list. Two formats, told apart per row by `key_id`:
 *  - format 1 (`key_id` NULL, rows written before the upgrade): plain SM3 of the fields;
 *  - format 2 (`key_id` set): HMAC-SM3 under the audit key of that id (not the data key).
 * Once a format-2 row exists no format-1 row may follow it, so the plain rows are sealed by the first
 * keyed row after them (its MAC covers their last hash). Recomputing the chain needs the audit key;
 * truncating its tail is caught by signed chain-head anchors exported outside the database
 * (`exportAnchor`, daily or more often), which the verifier checks.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DialectName } from '../db/database.js';
import { lockChain } from '../db/dialect.js';
import { maskPersonalText } from '../../shared/identity.js';
import type { Clock } from './clock.js';
import { hmacSm3, sameText, sm3 } from './crypto.js';
import type { KeyRing } from './keys.js';
import { newId } from './ids.js';
import * as repo from './audit.repo.js';
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
  keys: KeyRing;
}

type AuditRow = DB['auditLog'];

const fields = (r: Omit<AuditRow, 'hash'>) => [
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
];

/** Format 1: the fields a row's plain SM3 hash covers, in a fixed order. */
export const hashInput = (r: Omit<AuditRow, 'hash'>) => JSON.stringify(fields(r));

/** Format 2: the same fields, a format tag and the key id. */
export const macInput = (r: Omit<AuditRow, 'hash'>) => JSON.stringify(['v2', ...fields(r), r.keyId]);

/** Format 1 hash (rows written before the keyed chain). */
export const rowHash = (r: Omit<AuditRow, 'hash'>) => sm3(hashInput(r));

/** Format 2 MAC under an audit key. */
export const rowMac = (r: Omit<AuditRow, 'hash'>, key: Buffer) => hmacSm3(key, macInput(r));

/** Masks ID and mobile numbers in every string of an audit payload (PI-09: no personal numbers in logs). */
function scrub(v: unknown): unknown {
  if (typeof v === 'string') return maskPersonalText(v);
  if (Array.isArray(v)) return v.map(scrub);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, scrub(x)]));
  return v;
}

const toJson = (v: unknown) => (v === undefined ? null : JSON.stringify(scrub(v)));

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
  const last = await repo.chainHead(trx);
  const actor = ctx.actor;
  const keyId = deps.keys.audit.current;
  const name = entry.actorName ?? actor?.username ?? null;
  const row: Omit<AuditRow, 'hash'> = {
    seq: Number(last?.seq ?? 0) + 1,
    id: newId(),
    ts: deps.clock.nowIso(),
    actorId: entry.actorId ?? actor?.userId ?? null,
    actorName: name === null ? null : maskPersonalText(name),
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
    keyId,
  };
  await repo.insertAuditRow(trx, { ...row, hash: rowMac(row, deps.keys.audit.keys.get(keyId)!) });
}

// ------------------------------------------------------------------------------------ chain anchors

/** A signed chain head: the last row's seq and hash at `ts`, MACed under an audit key. */
export interface Anchor {
  seq: number;
  hash: string;
  ts: string;
  keyId: string;
  sig: string;
}

const anchorInput = (a: Omit<Anchor, 'sig'>) => JSON.stringify(['anchor', a.seq, a.hash, a.ts, a.keyId]);

/** The current chain head, signed (null for an empty chain). */
export async function signedHead(db: Kysely<DB>, keys: KeyRing, ts: string): Promise<Anchor | null> {
  const last = await repo.chainHead(db);
  if (!last) return null;
  const a = { seq: Number(last.seq), hash: last.hash, ts, keyId: keys.audit.current };
  return { ...a, sig: hmacSm3(keys.audit.keys.get(a.keyId)!, anchorInput(a)) };
}

/** Reads the anchors of an anchor file (JSON lines; a line that does not parse is reported as broken). */
export function readAnchors(file: string): (Anchor | { broken: string })[] {
  if (!fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      try {
        return JSON.parse(l) as Anchor;
      } catch {
        return { broken: l.slice(0, 80) };
      }
    });
}

/**
 * Appends the signed chain head to the anchor file (one JSON line, fsynced), unless the head is the one
 * already written last. The file belongs on storage apart from the database (or a collector that
 * tails it); `npm run audit:verify` compares the chain with every anchor in it.
 */
export async function exportAnchor(
  db: Kysely<DB>,
  keys: KeyRing,
  file: string,
  ts: string,
): Promise<{ written: boolean; anchor: Anchor | null }> {
  const head = await signedHead(db, keys, ts);
  if (!head) return { written: false, anchor: null };
  const prior = readAnchors(file).at(-1);
  if (prior && 'seq' in prior && prior.seq === head.seq && prior.hash === head.hash)
    return { written: false, anchor: head };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const fd = fs.openSync(file, 'a', 0o600);
  try {
    fs.writeSync(fd, `${JSON.stringify(head)}\n`);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { written: true, anchor: head };
}

// ------------------------------------------------------------------------------------ verification

export interface ChainVerdict {
  ok: boolean;
  checked: number;
  firstBroken: { seq: number; reason: string } | null;
  /** How many anchors were compared with the chain. */
  anchors: number;
}

/**
 * Walks the chain in seq order, in pages, and names the first row that does not fit; then checks the
 * anchors (signed heads exported earlier): each must verify under its key and name a row whose hash is
 * unchanged, so a truncated tail or a recomputed chain is caught. Needs the audit keys.
 */
export async function verifyChain(
  db: Kysely<DB>,
  keys: KeyRing,
  opts: { pageSize?: number; anchors?: (Anchor | { broken: string })[] } = {},
): Promise<ChainVerdict> {
  const pageSize = opts.pageSize ?? 5000;
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  let keyed = false;
  let anchors = 0;
  const fail = (seq: number, reason: string): ChainVerdict => ({
    ok: false,
    checked,
    firstBroken: { seq, reason },
    anchors,
  });
  const stray = await repo.strayRow(db);
  if (stray) return fail(Number(stray.seq), '序号不合法的记录（被插入）');
  const hashes = new Map<number, string>();
  const wanted = new Set((opts.anchors ?? []).filter((a): a is Anchor => 'seq' in a).map((a) => Number(a.seq)));
  for (;;) {
    const rows = await repo.rowsFrom(db, expectedSeq, pageSize);
    if (rows.length === 0) break;
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return fail(expectedSeq, `缺少第 ${expectedSeq} 条记录（已被删除）`);
      if (r.prevHash !== prevHash) return fail(seq, '前序哈希不匹配（记录被删除、插入或调换）');
      const { hash, ...rest } = r;
      const row = { ...rest, seq };
      if (r.keyId === null) {
        if (keyed) return fail(seq, '带密钥的记录之后出现无密钥格式的记录（链被重算）');
        if (!sameText(rowHash(row), hash)) return fail(seq, '记录内容与哈希不符（记录被篡改）');
      } else {
        keyed = true;
        const key = keys.audit.keys.get(r.keyId);
        if (!key) return fail(seq, `缺少审计密钥 ${r.keyId}，无法校验`);
        if (!sameText(rowMac(row, key), hash)) return fail(seq, '记录内容与 HMAC 不符（记录被篡改或链被重算）');
      }
      if (wanted.has(seq)) hashes.set(seq, hash);
      prevHash = hash;
      expectedSeq += 1;
      checked += 1;
    }
  }
  for (const a of opts.anchors ?? []) {
    if (!('seq' in a)) return fail(expectedSeq, `链头锚点文件中有无法解析的行：${a.broken}`);
    const key = keys.audit.keys.get(a.keyId);
    if (!key) return fail(Number(a.seq), `链头锚点使用的审计密钥 ${a.keyId} 缺失`);
    const { sig, ...body } = a;
    if (!sameText(hmacSm3(key, anchorInput(body)), sig))
      return fail(Number(a.seq), '链头锚点签名无效（锚点被伪造或改动）');
    const at = hashes.get(Number(a.seq));
    if (at === undefined)
      return fail(
        Number(a.seq),
        `链头锚点（${a.ts}）记录了第 ${a.seq} 条，但链只到第 ${expectedSeq - 1} 条（末尾记录被删除）`,
      );
    if (at !== a.hash) return fail(Number(a.seq), `第 ${a.seq} 条记录与 ${a.ts} 导出的链头不符（链被重算）`);
    anchors += 1;
  }
  return { ok: true, checked, firstBroken: null, anchors };
}
