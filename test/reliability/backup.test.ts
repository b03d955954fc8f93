/**
 * RL-08 (T-BR1): backup and restore drills while the server keeps writing.
 *
 * SQLite: `npm run backup` (online backup API, one consistent step, integrity_check, encrypted and MACed
 * with a MACed manifest) while a server process takes audited writes; `npm run restore` into a fresh
 * file (with the key file); the per-table checksums
 * (row count + SM3 over the rows in primary-key order) of the backup file and of the restored database
 * are identical, every write acknowledged before the backup began is present, the audit chain
 * verifies, and the app starts on the restored file. Refusals (T-BR2): an existing target without
 * --force, a target in use, a tampered backup, a backup without its manifest, another key; and the
 * backup file holds no plaintext of the database.
 *
 * PostgreSQL: the README route. pg_dump runs on a snapshot exported by the checker, whose own
 * checksums are read in that same snapshot; pg_restore into a new database gives identical checksums.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/server/core/audit.js';
import {
  inspectSqliteFile,
  manifestPathOf,
  openBackup,
  tableChecksums,
  type BackupManifest,
} from '../../src/server/core/backup.js';
import { FileSealer } from '../../src/server/core/crypto.js';
import { loadConfig } from '../../src/server/config.js';
import { freshDatabaseUrl } from '../dialects.js';
import {
  CJK,
  Client,
  DIALECT,
  ITERATIONS,
  REPO,
  cleanupTempDirs,
  figure,
  freshDb,
  killAll,
  loginAs,
  prepareDemo,
  runCli,
  sleep,
  startServer,
  tempDir,
  withDb,
  withSqlite,
  type ServerProcess,
  type TestDb,
  keysOf,
} from './harness.js';

const PG = DIALECT === 'postgres';
/** Bulk the database up with stored files (T-BR1: 50 MB in the release run). */
const FILL_MB = Number(process.env.JIANFU_BACKUP_FILL_MB) || (ITERATIONS >= 50 ? 50 : 8);

async function fill(url: string, mb: number) {
  await withDb(url, async ({ db: k }) => {
    for (let i = 0; i < mb; i++) {
      const data = crypto.randomBytes(1024 * 1024);
      const now = new Date().toISOString();
      await k
        .insertInto('storedFile')
        .values({
          id: `fill-${i}-${crypto.randomUUID()}`,
          name: `填充-${i}.bin`,
          contentType: 'application/octet-stream',
          size: data.length,
          sha256: crypto.createHash('sha256').update(data).digest('hex'),
          data,
          createdBy: null,
          createdAt: now,
        })
        .execute();
    }
  });
}

/** Sequential audited writes from `n` workers until stopped; records when each was acknowledged. */
function writer(client: Client, prefix: string, n = 2) {
  const acked: { name: string; at: number }[] = [];
  let stop = false;
  let seq = 0;
  let failure: unknown = null;
  const loops = Array.from({ length: n }, async () => {
    while (!stop) {
      const name = `${prefix}-${++seq}`;
      try {
        const r = await client.req('POST', '/api/departments', { regionCode: '140404000000', name, kind: 'mass' });
        if (r.status === 200) acked.push({ name, at: Date.now() });
        else throw new Error(`write answered ${r.status}: ${JSON.stringify(r.body)}`);
      } catch (err) {
        failure ??= err;
        stop = true;
      }
    }
  });
  return {
    acked,
    /** Stops the workers; throws the first failure (every write must succeed while the server is up). */
    async stop() {
      stop = true;
      await Promise.all(loops);
      if (failure) throw failure;
    },
  };
}

function runNpm(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('npm', args, {
      cwd: REPO,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', JIANFU_LOG_LEVEL: 'warn', ...env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    child.stderr!.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

afterAll(async () => {
  await killAll();
  cleanupTempDirs();
});

describe.skipIf(PG)('SQLite online backup → restore drill under writes (T-BR1)', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await freshDb();
    await prepareDemo(db.url);
    await fill(db.url, FILL_MB);
  });
  afterAll(async () => {
    await killAll();
    await db?.drop();
  });

  it("the restored database has the backup's exact per-table checksums and every write acknowledged before the backup", async () => {
    const dir = tempDir('jianfu-backup-');
    const backupFile = path.join(dir, 'jianfu-backup.db');
    const restored = path.join(dir, 'restored', 'jianfu.db');
    let server: ServerProcess | null = null;
    let restoredServer: ServerProcess | null = null;
    try {
      server = await startServer(db.url);
      const admin = await loginAs(server.base, 'demo-sysadmin');
      const w = writer(admin, `bk-${Math.random().toString(36).slice(2, 7)}`);
      await sleep(700);
      const backupStarted = Date.now();
      const ackedBefore = w.acked.filter((a) => a.at < backupStarted).map((a) => a.name);
      // `npm run backup` itself (the wiring), with writes continuing.
      const backup = await runNpm(['run', '-s', 'backup', '--', backupFile], { DATABASE_URL: db.url });
      expect(backup.code, backup.out).toBe(0);
      expect(backup.out).toContain('OK');
      await sleep(300);
      await w.stop();
      const ackedDuring = w.acked.filter((a) => a.at >= backupStarted).length;
      server.child.kill('SIGTERM');
      expect((await server.exited).code, server.output().slice(-3000)).toBe(0);

      const manifest = JSON.parse(fs.readFileSync(manifestPathOf(backupFile), 'utf8')) as BackupManifest;
      expect(manifest.encryption).toMatchObject({ cipher: 'sm4-ctr', mac: 'hmac-sm3' });
      const sealer = new FileSealer(keysOf(db.url).dataSecret);
      const plain = path.join(dir, 'decrypted.db');
      await openBackup(backupFile, sealer, plain);
      const snapshot = inspectSqliteFile(plain);
      expect(snapshot.integrity).toBe('ok');
      expect(snapshot.tables).toEqual(manifest.tables);
      // Encrypted: a name written before the backup is in the decrypted copy, not in the backup file.
      const marker = Buffer.from(ackedBefore[0], 'utf8');
      expect(fs.readFileSync(plain).includes(marker)).toBe(true);
      expect(fs.readFileSync(backupFile).includes(marker)).toBe(false);

      const keyFile = loadConfig({ DATABASE_URL: db.url } as NodeJS.ProcessEnv).keys.file!;
      const restore = await runCli('src/server/cli/restore.ts', [backupFile, '--key-file', keyFile], {
        DATABASE_URL: `sqlite:${restored}`,
      });
      expect(restore.code, restore.stdout + restore.stderr).toBe(0);
      const after = inspectSqliteFile(restored);
      expect(after.integrity).toBe('ok');
      expect(after.foreignKeyProblems).toBe(0);
      expect(after.tables).toEqual(snapshot.tables);

      const names = await withDb(`sqlite:${restored}`, async ({ db: k }) => {
        const chain = await verifyChain(k, keysOf(db.url));
        expect(chain.ok).toBe(true);
        const deps = await k.selectFrom('department').select(['id', 'name']).execute();
        const audited = new Set(
          (await k.selectFrom('auditLog').select('entityId').where('action', '=', 'departments.create').execute()).map(
            (a) => a.entityId,
          ),
        );
        expect(deps.filter((d) => !audited.has(d.id))).toEqual([]);
        return new Set(deps.map((d) => d.name));
      });
      expect(ackedBefore.length).toBeGreaterThan(0);
      expect(ackedBefore.filter((n) => !names.has(n))).toEqual([]);

      // The app starts on the restored file and serves the data.
      restoredServer = await startServer(`sqlite:${restored}`);
      const again = await loginAs(restoredServer.base, 'demo-sysadmin');
      const served = new Set(
        ((await again.req('GET', '/api/departments')).body.items as { name: string }[]).map((d) => d.name),
      );
      expect(ackedBefore.filter((n) => !served.has(n))).toEqual([]);

      // Refusals: the target exists; the target is in use (even with --force); a tampered backup.
      const exists = await runCli('src/server/cli/restore.ts', [backupFile], { DATABASE_URL: `sqlite:${restored}` });
      expect(exists.code).toBe(1);
      expect(exists.stderr).toMatch(/已存在.*--force/);
      const inUse = await runCli('src/server/cli/restore.ts', [backupFile, '--force'], {
        DATABASE_URL: `sqlite:${restored}`,
      });
      expect(inUse.code).toBe(1);
      expect(inUse.stderr).toContain('正被其他进程使用');
      restoredServer.child.kill('SIGTERM');
      expect((await restoredServer.exited).code).toBe(0);
      const beforeTamper = inspectSqliteFile(restored).tables;

      const tampered = path.join(dir, 'tampered.db');
      const bytes = fs.readFileSync(backupFile);
      bytes[Math.floor(bytes.length / 2)] ^= 0x01;
      fs.writeFileSync(tampered, bytes);
      fs.copyFileSync(manifestPathOf(backupFile), manifestPathOf(tampered));
      const bad = await runCli('src/server/cli/restore.ts', [tampered, '--force'], {
        DATABASE_URL: `sqlite:${restored}`,
      });
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('备份文件校验失败');
      expect(inspectSqliteFile(restored).tables).toEqual(beforeTamper); // untouched by the refused restore
      // Without its manifest, or with another key: refused as well.
      const bare = path.join(dir, 'bare.db');
      fs.copyFileSync(backupFile, bare);
      const noManifest = await runCli('src/server/cli/restore.ts', [bare, '--force'], {
        DATABASE_URL: `sqlite:${restored}`,
      });
      expect(noManifest.code).toBe(1);
      expect(noManifest.stderr).toMatch(/缺少清单文件/);
      const otherKeys = path.join(dir, 'other.keys.json');
      const foreign = JSON.parse(fs.readFileSync(keyFile, 'utf8'));
      foreign.dataSecret = crypto.randomBytes(32).toString('base64');
      fs.writeFileSync(otherKeys, JSON.stringify(foreign));
      const wrongKey = await runCli('src/server/cli/restore.ts', [backupFile, '--force', '--key-file', otherKeys], {
        DATABASE_URL: `sqlite:${restored}`,
      });
      expect(wrongKey.code).toBe(1);
      expect(wrongKey.stderr).toMatch(/密钥不符/);
      expect(inspectSqliteFile(restored).tables).toEqual(beforeTamper);

      const forced = await runCli('src/server/cli/restore.ts', [backupFile, '--force'], {
        DATABASE_URL: `sqlite:${restored}`,
      });
      expect(forced.code, forced.stderr).toBe(0);

      // The checksum is sensitive: one changed cell changes exactly that table's checksum.
      const altered = path.join(dir, 'altered.db');
      fs.copyFileSync(plain, altered);
      withSqlite(altered, (x) =>
        x.prepare('update department set name = name || ? where rowid = (select min(rowid) from department)').run('·'),
      );
      const diff = inspectSqliteFile(altered)
        .tables.filter((t, i) => t.sm3 !== snapshot.tables[i].sm3 || t.rows !== snapshot.tables[i].rows)
        .map((t) => t.table);
      expect(diff).toEqual(['department']);

      const rows = snapshot.tables.reduce((n, t) => n + t.rows, 0);
      figure('backup/restore drill', {
        fillMb: FILL_MB,
        tables: snapshot.tables.length,
        rows,
        bytes: manifest.bytes,
        ackedBeforeBackup: ackedBefore.length,
        ackedDuringBackup: ackedDuring,
        missing: 0,
        checksumsEqual: true,
      });
    } finally {
      server?.kill('SIGKILL');
      restoredServer?.kill('SIGKILL');
    }
  }, 180_000);
});

describe.skipIf(!PG)('PostgreSQL pg_dump → pg_restore drill under writes (README route)', () => {
  let db: TestDb;
  let target: { url: string; drop: () => Promise<void> } | null = null;
  beforeAll(async () => {
    db = await freshDb();
    await prepareDemo(db.url);
    await fill(db.url, FILL_MB);
  });
  afterAll(async () => {
    await killAll();
    await target?.drop();
    await db?.drop();
  });

  it('the backup and restore CLIs point to pg_dump / pg_restore and exit 2', async () => {
    const b = await runCli('src/server/cli/backup.ts', ['/tmp/x.db'], { DATABASE_URL: db.url });
    expect(b.code).toBe(2);
    expect(b.stderr).toContain('pg_dump');
    expect(b.stderr).toMatch(CJK);
    expect(b.stderr).toContain('README');
    const r = await runCli('src/server/cli/restore.ts', ['/tmp/x.dump'], { DATABASE_URL: db.url });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('pg_restore');
  });

  it('a pg_dump taken while the server writes restores to identical per-table checksums', async () => {
    const dir = tempDir('jianfu-pgdump-');
    const dump = path.join(dir, 'jianfu.dump');
    let server: ServerProcess | null = null;
    try {
      server = await startServer(db.url);
      const admin = await loginAs(server.base, 'demo-sysadmin');
      const w = writer(admin, `pg-${Math.random().toString(36).slice(2, 7)}`);
      await sleep(700);
      const snapshot = await withDb(db.url, ({ db: k }) =>
        k
          .transaction()
          .setIsolationLevel('repeatable read')
          .execute(async (trx) => {
            const snap = (await sql<{ s: string }>`select pg_export_snapshot() as s`.execute(trx)).rows[0].s;
            const dumped = new Promise<{ code: number | null; err: string }>((resolve) => {
              const c = spawn('pg_dump', ['--format=custom', `--file=${dump}`, `--snapshot=${snap}`, db.url], {
                stdio: ['ignore', 'ignore', 'pipe'],
              });
              let err = '';
              c.stderr!.on('data', (d) => (err += d));
              c.on('exit', (code) => resolve({ code, err }));
            });
            const tables = await tableChecksums(trx, 'postgres');
            const r = await dumped;
            expect(r.code, r.err).toBe(0);
            return tables;
          }),
      );
      await sleep(200);
      await w.stop();
      server.child.kill('SIGTERM');
      expect((await server.exited).code).toBe(0);

      target = await freshDatabaseUrl();
      const restore = await new Promise<{ code: number | null; err: string }>((resolve) => {
        const c = spawn('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${target!.url}`, dump], {
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let err = '';
        c.stderr!.on('data', (d) => (err += d));
        c.on('exit', (code) => resolve({ code, err }));
      });
      expect(restore.code, restore.err).toBe(0);
      const restored = await withDb(target.url, ({ db: k }) => tableChecksums(k, 'postgres'));
      expect(restored).toEqual(snapshot);
      const chain = await withDb(target.url, ({ db: k }) => verifyChain(k, keysOf(db.url)));
      expect(chain.ok).toBe(true);
      figure('pg_dump/pg_restore drill', {
        fillMb: FILL_MB,
        tables: snapshot.length,
        rows: snapshot.reduce((n, t) => n + t.rows, 0),
        acked: w.acked.length,
        checksumsEqual: true,
      });
    } finally {
      server?.kill('SIGKILL');
    }
  }, 180_000);
});
