/** Helpers of the audit chain tests (not a test file itself). */
import crypto from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import type { DialectName } from '../db/database.js';
import type { Deps } from '../deps.js';
import { appendAudit, GENESIS_HASH, rowHash, rowMac, verifyChain, type Anchor } from './audit.js';
import { memoryKeyRing, type KeyRing } from './keys.js';
import type { RequestContext } from './actor.js';

export const CTX: RequestContext = { actor: null, ip: '127.0.0.1', requestId: 'audit-test' };
/** The key ring createTestApp injects. */
export const TEST_KEYS = memoryKeyRing('test');

/** Appends `n` audit rows, each in its own transaction, as a write would. */
export async function appendRows(deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'keys'>, n: number) {
  for (let i = 0; i < n; i++) {
    await deps.db.transaction().execute((trx) =>
      appendAudit(trx, deps, CTX, {
        action: 'test.write',
        entity: 'test',
        entityId: `e-${i}`,
        regionCode: '140404001200',
        before: { i },
        after: { i: i + 1, note: '测试' },
      }),
    );
  }
}

/** SQL that switches the append-only triggers off (for the tamper tests only). */
export async function disableTriggers(db: Kysely<DB>, dialect: DialectName) {
  if (dialect === 'postgres') await sql`alter table audit_log disable trigger user`.execute(db);
  else {
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(db);
  }
}

export const ROLLBACK = new Error('rollback');

/** Runs a tamper inside a transaction that is always rolled back, so each trial starts from the intact chain. */
export async function tamperAndVerify(
  db: Kysely<DB>,
  dialect: DialectName,
  tamper: (trx: Kysely<DB>) => Promise<void>,
  keys: KeyRing = TEST_KEYS,
  anchors: Anchor[] = [],
) {
  let verdict: Awaited<ReturnType<typeof verifyChain>> | null = null;
  await db
    .transaction()
    .execute(async (trx) => {
      await disableTriggers(trx, dialect);
      await tamper(trx);
      verdict = await verifyChain(trx, keys, { pageSize: 7, anchors }); // a small page size also exercises paging
      throw ROLLBACK;
    })
    .catch((err) => {
      if (err !== ROLLBACK) throw err;
    });
  return verdict!;
}

export const count = async (db: Kysely<DB>) =>
  Number(
    (
      await db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

/** Rewrites every row from `fromSeq` on as an attacker with database access but without the audit key would. */
export async function recomputeFrom(trx: Kysely<DB>, fromSeq: number, how: 'sm3' | 'other-key', toSeq = Infinity) {
  const prev = await trx
    .selectFrom('auditLog')
    .select('hash')
    .where('seq', '=', fromSeq - 1)
    .executeTakeFirst();
  let prevHash = prev?.hash ?? GENESIS_HASH;
  const guessed = crypto.randomBytes(32);
  const rows = await trx.selectFrom('auditLog').selectAll().where('seq', '>=', fromSeq).orderBy('seq').execute();
  for (const r of rows.filter((x) => Number(x.seq) <= toSeq)) {
    const { hash: _h, ...rest } = { ...r, seq: Number(r.seq), prevHash, keyId: how === 'sm3' ? null : r.keyId };
    const hash = how === 'sm3' ? rowHash(rest) : rowMac(rest, guessed);
    await trx.updateTable('auditLog').set({ prevHash, hash, keyId: rest.keyId }).where('seq', '=', r.seq).execute();
    prevHash = hash;
  }
}

/** Moves every row after `seq` down by one (so the chain has no gap where a row was deleted). */
export async function closeGap(trx: Kysely<DB>, seq: number) {
  const rows = await trx.selectFrom('auditLog').select('seq').where('seq', '>', seq).orderBy('seq').execute();
  for (const r of rows)
    await trx
      .updateTable('auditLog')
      .set({ seq: Number(r.seq) - 1 })
      .where('seq', '=', r.seq)
      .execute();
}
