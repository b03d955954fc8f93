// T-AU2 / T-AU3: the SM3 audit chain grows with every write, is append-only in the database, and any
// direct alteration is found by verifyChain (and by `npm run audit:verify`) naming the first broken seq.
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
import { appendAudit, GENESIS_HASH, rowHash, verifyChain } from './audit.js';
import type { RequestContext } from './actor.js';

const CTX: RequestContext = { actor: null, ip: '127.0.0.1', requestId: 'audit-test' };

/** Appends `n` audit rows, each in its own transaction, as a write would. */
async function appendRows(deps: Pick<Deps, 'db' | 'dialect' | 'clock'>, n: number) {
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
    await sql`drop trigger audit_log_no_update`.execute(db);
    await sql`drop trigger audit_log_no_delete`.execute(db);
  }
}

const ROLLBACK = new Error('rollback');

/** Runs a tamper inside a transaction that is always rolled back, so each trial starts from the intact chain. */
async function tamperAndVerify(db: Kysely<DB>, dialect: DialectName, tamper: (trx: Kysely<DB>) => Promise<void>) {
  let verdict: Awaited<ReturnType<typeof verifyChain>> | null = null;
  await db
    .transaction()
    .execute(async (trx) => {
      await disableTriggers(trx, dialect);
      await tamper(trx);
      verdict = await verifyChain(trx, 7); // a small page size also exercises paging
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
    const { hash, ...rest } = row;
    expect(rowHash({ ...rest, seq: Number(rest.seq) })).toBe(hash);
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
    const verdict = await verifyChain(t.deps.db, 3);
    expect(verdict).toEqual({ ok: true, checked: await count(t.deps.db), firstBroken: null });
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
    expect((await verifyChain(t.deps.db)).ok).toBe(true);
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

  it('finds a row whose content and hash were both rewritten, at the next row', async () => {
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
      checked: 5,
      firstBroken: { seq: 6, reason: expect.stringMatching(/前序哈希不匹配/) },
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
            expected = a + 1;
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
    expect((await verifyChain(t.deps.db)).ok).toBe(true); // every trial was rolled back
  });
});

describe(`npm run audit:verify (${TEST_DIALECT === 'postgres' ? 'PostgreSQL' : 'a SQLite file'})`, () => {
  it('prints OK and the count for an intact chain, and exits 1 naming the row after a direct alteration', async () => {
    const { url, file, drop } = await sharedDatabase();
    try {
      const deps = await composeDeps(loadConfig({ DATABASE_URL: url } as NodeJS.ProcessEnv), {
        logger: pino({ level: 'silent' }),
      });
      await appendRows(deps, 6);
      const rows = await count(deps.db);
      await deps.database.close();

      const ok = runScript('audit:verify', [], url);
      expect(ok.status, ok.output).toBe(0);
      expect(ok.stdout).toMatch(/OK/);
      expect(ok.stdout).toContain(`共校验 ${rows} 条记录`);

      if (file) {
        const db = new SQLite(file);
        db.exec('drop trigger audit_log_no_update');
        db.prepare('update audit_log set after_json = \'{"i":999}\' where seq = ?').run(rows - 2);
        db.close();
      } else {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        await c.query('alter table audit_log disable trigger user');
        await c.query(`update audit_log set after_json = '{"i":999}' where seq = $1`, [rows - 2]);
        await c.end();
      }
      const broken = runScript('audit:verify', [], url);
      expect(broken.status, broken.output).toBe(1);
      expect(broken.stdout).toContain(`第 ${rows - 2} 条记录（seq=${rows - 2}）`);
      expect(broken.stdout).toMatch(/被篡改/);
    } finally {
      await drop();
    }
  });
});
