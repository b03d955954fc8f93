// T-AU2 / T-AU3: the audit chain grows with every write, is append-only in the database, and any
// direct alteration is found by verifyChain (and by `npm run audit:verify`) naming the first broken seq.
// Issue 14 H1: the chain is keyed (HMAC-SM3 under an audit key, key id per row) and anchored by signed
// chain heads exported outside the database, so recomputing it or cutting its tail is found too.
import crypto from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { GENESIS_HASH, rowHash, rowMac, verifyChain } from './audit.js';

import { appendRows, count, tamperAndVerify } from './audit.test-helpers.js';

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
