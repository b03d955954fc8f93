// T-AU2 (issue 14 H1): the keyed chain, its signed heads, format-1 rows, key rotation and the CLI.
// Issue 14 H1: the chain is keyed (HMAC-SM3 under an audit key, key id per row) and anchored by signed
// chain heads exported outside the database, so recomputing it or cutting its tail is found too.
import SQLite from 'better-sqlite3';
import pg from 'pg';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/test-app.js';
import { runScript, sharedDatabase } from '../../../test/cli-helpers.js';
import { TEST_DIALECT } from '../../../test/dialects.js';
import { loadConfig } from '../config.js';
import { composeDeps } from '../compose.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exportAnchor, readAnchors, verifyChain, type Anchor } from './audit.js';
import { memoryKeyRing, readKeyRing, rotateAuditKey } from './keys.js';

import { appendRows, closeGap, count, disableTriggers, recomputeFrom, tamperAndVerify } from './audit.test-helpers.js';

// Each test starts the CLI as a child process (up to three times): on a busy machine that takes a while.
describe(
  `npm run audit:verify (${TEST_DIALECT === 'postgres' ? 'PostgreSQL' : 'a SQLite file'})`,
  { timeout: 240_000 },
  () => {
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
  },
);

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

  /** The probe's H1: with the triggers dropped, delete row 10 and recompute the rows after it. */
  const deleteAndRecompute = (how: 'sm3' | 'other-key') =>
    tamperAndVerify(
      t.deps.db,
      t.deps.dialect,
      async (trx) => {
        await trx.deleteFrom('auditLog').where('seq', '=', 10).execute();
        await closeGap(trx, 10);
        await recomputeFrom(trx, 10, how);
      },
      t.deps.keys,
    );

  it('H1: drop the triggers, delete a row, recompute the plain SM3 hashes after it → found', async () => {
    const v = await deleteAndRecompute('sm3');
    expect(v).toMatchObject({
      ok: false,
      firstBroken: { seq: 10, reason: expect.stringMatching(/无密钥格式|链被重算/) },
    });
  });

  it('H1: the same recomputed with a guessed key (no access to the audit key) → found', async () => {
    const v = await deleteAndRecompute('other-key');
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
