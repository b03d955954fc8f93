// T-AU2 / T-AU3: the audit chain grows with every write, is append-only in the database, and any
// direct alteration is found by verifyChain (and by `npm run audit:verify`) naming the first broken seq.
// Issue 14 H1: the chain is keyed (HMAC-SM3 under an audit key, key id per row) and anchored by signed
// chain heads exported outside the database, so recomputing it or cutting its tail is found too.
import crypto from 'node:crypto';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import fc from 'fast-check';
import pino from 'pino';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { runScript, sharedDatabase } from '../../../test/cli-helpers.js';
import { TEST_DIALECT } from '../../../test/dialects.js';
import type { DB } from '../db/schema.js';
import type { DialectName } from '../db/database.js';
import { loadConfig } from '../config.js';
import { composeDeps } from '../compose.js';
import type { Deps } from '../deps.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  appendAudit,
  exportAnchor,
  GENESIS_HASH,
  readAnchors,
  rowHash,
  rowMac,
  verifyChain,
  type Anchor,
} from './audit.js';
import { memoryKeyRing, readKeyRing, rotateAuditKey, type KeyRing } from './keys.js';
import type { RequestContext } from './actor.js';

const CTX: RequestContext = { actor: null, ip: '127.0.0.1', requestId: 'audit-test' };
/** The key ring createTestApp injects. */
const TEST_KEYS = memoryKeyRing('test');

/** Appends `n` audit rows, each in its own transaction, as a write would. */
async function appendRows(deps: Pick<Deps, 'db' | 'dialect' | 'clock' | 'keys'>, n: number) {
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
async function disableTriggers(db: Kysely<DB>, dialect: DialectName) {
  if (dialect === 'postgres') await sql`alter table audit_log disable trigger user`.execute(db);
  else {
    await sql`drop trigger if exists audit_log_no_update`.execute(db);
    await sql`drop trigger if exists audit_log_no_delete`.execute(db);
  }
}

const ROLLBACK = new Error('rollback');

/** Runs a tamper inside a transaction that is always rolled back, so each trial starts from the intact chain. */
async function tamperAndVerify(
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

const count = async (db: Kysely<DB>) =>
  Number(
    (
      await db
        .selectFrom('auditLog')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('the chain grows with every write', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('a write through the API appends exactly one linked row, in the same transaction', async () => {
    const sys = await t.as('demo-sysadmin');
    const last = await t.deps.db
      .selectFrom('auditLog')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    const res = await sys.post('/api/departments', {
      regionCode: '140404000000',
      name: '长治市上党区审计测试局',
      kind: 'government',
    });
    expect(res.status).toBe(200);
    const rows = await t.deps.db
      .selectFrom('auditLog')
      .selectAll()
      .where('seq', '>', last.seq)
      .orderBy('seq')
      .execute();
    expect(rows).toHaveLength(1);
    const row = rows[0];
    expect(row).toMatchObject({
      seq: Number(last.seq) + 1,
      prevHash: last.hash,
      action: 'departments.create',
      entity: 'department',
      entityId: res.body.id,
      actorName: 'demo-sysadmin',
      actorRoles: 'sysadmin',
      outcome: 'success',
      regionCode: '140404000000',
    });
    expect(row.ts).toBe(t.clock.nowIso());
    expect(row.requestId).toBeTruthy();
    expect(row.hash).toMatch(/^[0-9a-f]{64}$/);
    // Format 2: HMAC-SM3 under the current audit key, whose id the row carries; not the plain SM3.
    expect(row.keyId).toBe(t.deps.keys.audit.current);
    const { hash, ...rest } = row;
    expect(rowMac({ ...rest, seq: Number(rest.seq) }, t.deps.keys.audit.keys.get(row.keyId!)!)).toBe(hash);
    expect(rowHash({ ...rest, seq: Number(rest.seq) })).not.toBe(hash);
  });

  it('a refused write appends nothing (the conflict rolls back with it)', async () => {
    const sys = await t.as('demo-sysadmin');
    const before = await count(t.deps.db);
    const dup = await sys.post('/api/departments', {
      regionCode: '140404000000',
      name: '长治市上党区审计测试局',
      kind: 'government',
    });
    expect(dup.status).toBe(409);
    expect(await count(t.deps.db)).toBe(before);
  });

  it('verifyChain walks the whole demo chain from the genesis hash', async () => {
    const first = await t.deps.db.selectFrom('auditLog').selectAll().orderBy('seq').limit(1).executeTakeFirstOrThrow();
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    const verdict = await verifyChain(t.deps.db, t.deps.keys, { pageSize: 3 });
    expect(verdict).toEqual({ ok: true, checked: await count(t.deps.db), firstBroken: null, anchors: 0 });
  });
});

describe('tamper evidence', () => {
  let N = 0; // rows in the chain (30 appended here, plus whatever start-up wrote)
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    await appendRows(t.deps, 30);
    N = await count(t.deps.db);
  });
  afterAll(() => t.close());

  it('refuses UPDATE, DELETE (and TRUNCATE on PostgreSQL) while the triggers are in place', async () => {
    await expect(
      t.deps.db.updateTable('auditLog').set({ action: 'forged' }).where('seq', '=', 3).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.deps.db.deleteFrom('auditLog').where('seq', '=', 3).execute()).rejects.toThrow(/append-only/);
    await expect(t.deps.db.deleteFrom('auditLog').execute()).rejects.toThrow(/append-only/);
    await expect(sql`update audit_log set hash = prev_hash`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    if (t.deps.dialect === 'postgres')
      await expect(sql`truncate audit_log`.execute(t.deps.db)).rejects.toThrow(/append-only/);
    expect(await count(t.deps.db)).toBe(N);
    expect((await verifyChain(t.deps.db, t.deps.keys)).ok).toBe(true);
  });

  it('finds a row altered directly in the database (trigger dropped) and names its seq', async () => {
    const verdict = await tamperAndVerify(t.deps.db, t.deps.dialect, async (trx) => {
      await trx.updateTable('auditLog').set({ actorName: 'someone-else' }).where('seq', '=', 12).execute();
    });
    expect(verdict).toMatchObject({
      ok: false,
      checked: 11,
      firstBroken: { seq: 12, reason: expect.stringMatching(/被篡改/) },
    });
  });

  it('finds a deleted row', async () => {
    const verdict = await tamperAndVerify(t.deps.db, t.deps.dialect, async (trx) => {
      await trx.deleteFrom('auditLog').where('seq', '=', 20).execute();
    });
    expect(verdict).toMatchObject({ ok: false, firstBroken: { seq: 20, reason: expect.stringMatching(/已被删除/) } });
  });

  it('finds a row whose content and hash were both rewritten without the key, at that row', async () => {
    const verdict = await tamperAndVerify(t.deps.db, t.deps.dialect, async (trx) => {
      const r = await trx.selectFrom('auditLog').selectAll().where('seq', '=', 5).executeTakeFirstOrThrow();
      const { hash: _old, ...rest } = { ...r, seq: Number(r.seq), outcome: 'failure' };
      await trx
        .updateTable('auditLog')
        .set({ outcome: 'failure', hash: rowHash(rest) })
        .where('seq', '=', 5)
        .execute();
    });
    expect(verdict).toMatchObject({
      ok: false,
      checked: 4,
      firstBroken: { seq: 5, reason: expect.stringMatching(/HMAC/) },
    });
  });

  it('detects 20/20 random tamper trials (update a field, delete, swap two rows, rehash, forge an appended row)', async () => {
    type Trial = {
      kind: 'update' | 'delete' | 'swap' | 'rehash' | 'forge';
      a: number;
      b: number;
      column: 'action' | 'actorName' | 'ts' | 'ip' | 'afterJson' | 'entityId' | 'outcome' | 'prevHash';
    };
    const trial = fc.record({
      kind: fc.constantFrom('update', 'delete', 'swap', 'rehash', 'forge'),
      a: fc.integer({ min: 1, max: 29 }),
      b: fc.integer({ min: 1, max: 29 }),
      column: fc.constantFrom('action', 'actorName', 'ts', 'ip', 'afterJson', 'entityId', 'outcome', 'prevHash'),
    }) as fc.Arbitrary<Trial>;
    let detected = 0;
    await fc.assert(
      fc.asyncProperty(trial, async ({ kind, a, b, column }) => {
        const [lo, hi] = a === b ? [a, a + 1] : [Math.min(a, b), Math.max(a, b)];
        let expected: number;
        const verdict = await tamperAndVerify(t.deps.db, t.deps.dialect, async (trx) => {
          if (kind === 'update') {
            await trx
              .updateTable('auditLog')
              .set({ [column]: column === 'ts' ? '2020-01-01T00:00:00.000Z' : `tampered-${crypto.randomUUID()}` })
              .where('seq', '=', a)
              .execute();
            expected = a;
          } else if (kind === 'delete') {
            await trx.deleteFrom('auditLog').where('seq', '=', a).execute();
            expected = a;
          } else if (kind === 'swap') {
            await trx.updateTable('auditLog').set({ seq: -1 }).where('seq', '=', lo).execute();
            await trx.updateTable('auditLog').set({ seq: lo }).where('seq', '=', hi).execute();
            await trx.updateTable('auditLog').set({ seq: hi }).where('seq', '=', -1).execute();
            expected = lo;
          } else if (kind === 'rehash') {
            const r = await trx.selectFrom('auditLog').selectAll().where('seq', '=', a).executeTakeFirstOrThrow();
            const { hash: _h, ...rest } = { ...r, seq: Number(r.seq), action: 'forged.action' };
            await trx
              .updateTable('auditLog')
              .set({ action: 'forged.action', hash: rowHash(rest) })
              .where('seq', '=', a)
              .execute();
            expected = a; // without the audit key the rehash itself no longer fits
          } else {
            const last = await trx
              .selectFrom('auditLog')
              .selectAll()
              .orderBy('seq', 'desc')
              .limit(1)
              .executeTakeFirstOrThrow();
            await trx
              .insertInto('auditLog')
              .values({
                ...last,
                seq: N + 1,
                id: crypto.randomUUID(),
                prevHash: last.hash,
                action: 'forged.insert',
                hash: crypto.randomBytes(32).toString('hex'),
              })
              .execute();
            expected = N + 1;
          }
        });
        expect(verdict.ok, `${kind} ${a} ${b} ${column}`).toBe(false);
        expect(verdict.firstBroken?.seq, `${kind} ${a} ${b} ${column}`).toBe(expected!);
        detected += 1;
      }),
      { numRuns: 20, seed: 20261128 },
    );
    expect(detected).toBe(20);
    expect((await verifyChain(t.deps.db, t.deps.keys)).ok).toBe(true); // every trial was rolled back
  });
});

describe(`npm run audit:verify (${TEST_DIALECT === 'postgres' ? 'PostgreSQL' : 'a SQLite file'})`, () => {
  it('OK for an intact chain with its anchor; exits 1 for a cut tail and for a row altered in place', async () => {
    const { url, file, drop } = await sharedDatabase();
    const config = loadConfig({ DATABASE_URL: url } as NodeJS.ProcessEnv);
    const raw = async (statements: string[]) => {
      if (file) {
        const db = new SQLite(file);
        db.exec('drop trigger if exists audit_log_no_update; drop trigger if exists audit_log_no_delete;');
        for (const s of statements) db.exec(s);
        db.close();
      } else {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query('alter table audit_log disable trigger user');
        for (const s of statements) await c.query(s);
        await c.end();
      }
    };
    try {
      // A first start generates the key file beside the database (mode 0600).
      const deps = await composeDeps(config, { logger: pino({ level: 'silent' }) });
      expect(fs.statSync(config.keys.file!).mode & 0o777).toBe(0o600);
      await appendRows(deps, 12);
      const rows = await count(deps.db);
      await exportAnchor(deps.db, deps.keys, config.audit.anchorFile!, deps.clock.nowIso());

      const ok = runScript('audit:verify', [], url);
      expect(ok.status, ok.output).toBe(0);
      expect(ok.stdout).toMatch(/OK/);
      expect(ok.stdout).toContain(`共校验 ${rows} 条记录，1 个链头锚点一致`);

      await deps.database.close();

      // Cut the last two rows: the exported head names a row that is gone.
      await raw([`delete from audit_log where seq > ${rows - 2}`]);
      const cut = runScript('audit:verify', [], url);
      expect(cut.status, cut.output).toBe(1);
      expect(cut.stdout).toMatch(/末尾记录被删除/);

      // A row altered in place.
      await raw([`update audit_log set after_json = '{"i":999}' where seq = ${rows - 6}`]);
      const broken = runScript('audit:verify', [], url);
      expect(broken.status, broken.output).toBe(1);
      expect(broken.stdout).toContain(`第 ${rows - 6} 条记录（seq=${rows - 6}）`);
      expect(broken.stdout).toMatch(/被篡改/);
    } finally {
      await drop();
      for (const f of [config.keys.file, config.audit.anchorFile]) if (f) fs.rmSync(f, { force: true });
    }
  });

  it('H1 end to end: with the triggers dropped, a deleted row and recomputed plain-SM3 hashes fail `npm run audit:verify`', async () => {
    const { url, drop } = await sharedDatabase();
    const config = loadConfig({ DATABASE_URL: url } as NodeJS.ProcessEnv);
    try {
      const deps = await composeDeps(config, { logger: pino({ level: 'silent' }) });
      await appendRows(deps, 10);
      const rows = await count(deps.db);
      await disableTriggers(deps.db, deps.dialect);
      await deps.db
        .deleteFrom('auditLog')
        .where('seq', '=', rows - 5)
        .execute();
      await closeGap(deps.db, rows - 5);
      await recomputeFrom(deps.db, rows - 5, 'sm3');
      await deps.database.close();
      const res = runScript('audit:verify', [], url);
      expect(res.status, res.output).toBe(1);
      expect(res.stdout).toMatch(/FAILED/);
      expect(res.stdout).toContain(`seq=${rows - 5}`);
    } finally {
      await drop();
      for (const f of [config.keys.file, config.audit.anchorFile]) if (f) fs.rmSync(f, { force: true });
    }
  });
});

/** Rewrites every row from `fromSeq` on as an attacker with database access but without the audit key would. */
async function recomputeFrom(trx: Kysely<DB>, fromSeq: number, how: 'sm3' | 'other-key', toSeq = Infinity) {
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
async function closeGap(trx: Kysely<DB>, seq: number) {
  const rows = await trx.selectFrom('auditLog').select('seq').where('seq', '>', seq).orderBy('seq').execute();
  for (const r of rows)
    await trx
      .updateTable('auditLog')
      .set({ seq: Number(r.seq) - 1 })
      .where('seq', '=', r.seq)
      .execute();
}

describe('issue 14 H1: a keyed chain with signed heads', () => {
  let t: TestApp;
  let anchors: Anchor[];
  let anchorFile: string;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
    await appendRows(t.deps, 24);
    anchorFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'jianfu-anchor-')), 'anchors.jsonl');
    const first = await exportAnchor(t.deps.db, t.deps.keys, anchorFile, t.clock.nowIso());
    expect(first.written).toBe(true);
    expect((await exportAnchor(t.deps.db, t.deps.keys, anchorFile, t.clock.nowIso())).written).toBe(false); // same head
    anchors = readAnchors(anchorFile) as Anchor[];
  });
  afterAll(async () => {
    await t.close();
    fs.rmSync(path.dirname(anchorFile), { recursive: true, force: true });
  });

  it('the intact chain verifies with the key and its anchors', async () => {
    const v = await verifyChain(t.deps.db, t.deps.keys, { anchors });
    expect(v).toMatchObject({ ok: true, anchors: 1 });
  });

  it('H1: drop the triggers, delete a row, recompute the plain SM3 hashes after it → found', async () => {
    const v = await tamperAndVerify(
      t.deps.db,
      t.deps.dialect,
      async (trx) => {
        await trx.deleteFrom('auditLog').where('seq', '=', 10).execute();
        await closeGap(trx, 10);
        await recomputeFrom(trx, 10, 'sm3');
      },
      t.deps.keys,
    );
    expect(v).toMatchObject({
      ok: false,
      firstBroken: { seq: 10, reason: expect.stringMatching(/无密钥格式|链被重算/) },
    });
  });

  it('H1: the same recomputed with a guessed key (no access to the audit key) → found', async () => {
    const v = await tamperAndVerify(
      t.deps.db,
      t.deps.dialect,
      async (trx) => {
        await trx.deleteFrom('auditLog').where('seq', '=', 10).execute();
        await closeGap(trx, 10);
        await recomputeFrom(trx, 10, 'other-key');
      },
      t.deps.keys,
    );
    expect(v).toMatchObject({ ok: false, firstBroken: { seq: 10, reason: expect.stringMatching(/HMAC/) } });
  });

  it('H1: the whole chain recomputed as plain SM3 passes row by row, and the exported head catches it', async () => {
    const rowsOnly = await tamperAndVerify(
      t.deps.db,
      t.deps.dialect,
      (trx) => recomputeFrom(trx, 1, 'sm3'),
      t.deps.keys,
    );
    expect(rowsOnly.ok).toBe(true); // the format-1 rows of an older install are still accepted …
    const anchored = await tamperAndVerify(
      t.deps.db,
      t.deps.dialect,
      (trx) => recomputeFrom(trx, 1, 'sm3'),
      t.deps.keys,
      anchors,
    );
    // … but not against a head exported before
    expect(anchored).toMatchObject({ ok: false, firstBroken: { reason: expect.stringMatching(/链被重算/) } });
  });

  it('H1: deleting the last rows is found against the exported head', async () => {
    const n = await count(t.deps.db);
    const v = await tamperAndVerify(
      t.deps.db,
      t.deps.dialect,
      async (trx) => {
        await trx
          .deleteFrom('auditLog')
          .where('seq', '>', n - 3)
          .execute();
      },
      t.deps.keys,
      anchors,
    );
    expect(v).toMatchObject({ ok: false, firstBroken: { seq: n, reason: expect.stringMatching(/末尾记录被删除/) } });
  });

  it('a forged anchor (changed seq or hash) fails its signature', async () => {
    const forged = { ...anchors[0], seq: anchors[0].seq - 2 };
    const v = await verifyChain(t.deps.db, t.deps.keys, { anchors: [forged] });
    expect(v).toMatchObject({ ok: false, firstBroken: { reason: expect.stringMatching(/签名无效/) } });
  });

  it('verification needs the key: another key ring cannot verify the rows', async () => {
    const v = await verifyChain(t.deps.db, memoryKeyRing('someone-else'), {});
    expect(v).toMatchObject({ ok: false, firstBroken: { seq: 1, reason: expect.stringMatching(/HMAC|缺少审计密钥/) } });
  });
});

describe('a chain that began before the keyed format (format 1 rows, plain SM3) still verifies', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ demo: false });
  });
  afterAll(() => t.close());

  it('legacy rows then keyed rows verify; a legacy row changed afterwards is found', async () => {
    // Write 5 rows as the previous version did: plain SM3, no key id.
    await disableTriggers(t.deps.db, t.deps.dialect);
    const start = await count(t.deps.db);
    await appendRows(t.deps, 5);
    await recomputeFrom(t.deps.db, 1, 'sm3');
    await appendRows(t.deps, 5); // the upgraded version appends keyed rows after them
    const rows = await t.deps.db.selectFrom('auditLog').select(['seq', 'keyId']).orderBy('seq').execute();
    expect(rows.filter((r) => r.keyId === null)).toHaveLength(start + 5);
    expect((await verifyChain(t.deps.db, t.deps.keys)).ok).toBe(true);
    const v = await tamperAndVerify(
      t.deps.db,
      t.deps.dialect,
      async (trx) => {
        await trx.updateTable('auditLog').set({ actorName: 'rewritten' }).where('seq', '=', 2).execute();
        await recomputeFrom(trx, 2, 'sm3', start + 5); // rewrites the legacy rows after it
      },
      t.deps.keys,
    );
    expect(v).toMatchObject({ ok: false, firstBroken: { seq: start + 6 } }); // the first keyed row
  });
});

describe('audit key rotation', () => {
  it('rows keep their key id; after rotation new rows use the new key; both verify; a missing old key is refused', async () => {
    const { url, drop } = await sharedDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'jianfu-keys-'));
    const keyFile = path.join(dir, 'jianfu.keys.json');
    const config = loadConfig({ DATABASE_URL: url, JIANFU_KEY_FILE: keyFile } as NodeJS.ProcessEnv);
    const open = () => composeDeps(config, { logger: pino({ level: 'silent' }) });
    try {
      const first = await open(); // a first start writes the key file (mode 0600)
      expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
      await appendRows(first, 3);
      await first.database.close();
      const { id, previous } = rotateAuditKey(keyFile, new Date().toISOString());
      expect(previous).toBe(first.keys.audit.current);
      const second = await open();
      expect(second.keys.audit.current).toBe(id);
      await appendRows(second, 3);
      const keyIds = (await second.db.selectFrom('auditLog').select('keyId').orderBy('seq').execute()).map(
        (r) => r.keyId,
      );
      expect(keyIds.slice(-6)).toEqual([previous, previous, previous, id, id, id]);
      expect((await verifyChain(second.db, second.keys)).ok).toBe(true);
      // The old key removed from the file: verification names the first row it signed, and a start is refused.
      const f = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
      f.audit.keys = f.audit.keys.filter((k: { id: string }) => k.id !== previous);
      fs.writeFileSync(keyFile, JSON.stringify(f));
      const v = await verifyChain(second.db, readKeyRing({ file: keyFile, secret: null }));
      expect(v).toMatchObject({
        ok: false,
        firstBroken: { reason: expect.stringMatching(`缺少审计密钥 ${previous}`) },
      });
      await second.database.close();
      await expect(open()).rejects.toThrow(/审计密钥 .* 缺失/);
      // And a database whose key file is gone does not get new keys silently.
      fs.rmSync(keyFile);
      await expect(open()).rejects.toThrow(/密钥文件缺失/);
    } finally {
      await drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
