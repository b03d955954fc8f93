/**
 * Backups and restores (RL-08, T-BR1, T-BR2).
 *
 * Since issue 14 a backup file is encrypted and MACed (format 2): the consistent copy below is
 * encrypted with SM4-CTR and authenticated with HMAC-SM3 (encrypt-then-MAC) under keys derived from
 * the data secret (`FileSealer`), and the manifest itself carries an HMAC. A restore refuses a file
 * without its manifest, a manifest that does not verify (changed, or another key), and a file whose
 * MAC does not match, before it decrypts anything. Plain format-1 backups are refused.
 *
 * SQLite: an online backup through SQLite's backup API, copied in ONE step so the copy is a consistent
 * snapshot of the live database (WAL readers never block the server's writes), written to a temporary
 * name, turned into a self-contained single file (journal_mode=DELETE), checked with
 * `PRAGMA integrity_check` and `foreign_key_check`, then renamed into place next to a manifest: the
 * file's SM3 and a per-table checksum (row count + SM3 over the rows in primary-key order). A restore
 * verifies the manifest and the file before it replaces anything, refuses to overwrite an existing
 * database without `force` and always refuses one another process has open, and checks the restored
 * copy against the same checksums.
 *
 * PostgreSQL: pg_dump / pg_restore (the route is printed by the CLIs; see README "Backup and restore").
 * `tableChecksums` (db/checksums.ts) works on both dialects so a drill can compare a pg_dump snapshot with
 * its restore.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sqliteTableChecksums } from '../db/checksums.js';
import type { FileSealer } from './crypto.js';
import {
  BACKUP_FORMAT,
  BackupError,
  encryptFile,
  fileSm3,
  manifestMac,
  manifestPathOf,
  openBackup,
  type BackupManifest,
  type TableChecksum,
} from './backup.seal.js';

export * from './backup.seal.js';
export { sqliteTableChecksums, tableChecksums } from '../db/checksums.js';

function fsyncFile(file: string) {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string) {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    /* some platforms cannot fsync a directory */
  }
}

/** Integrity of a database file plus its checksums (opened read-write only to allow WAL recovery; nothing is written). */
export function inspectSqliteFile(file: string): {
  integrity: string;
  foreignKeyProblems: number;
  tables: TableChecksum[];
} {
  const db = new SQLite(file, { fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join('; ');
    const foreignKeyProblems = (db.pragma('foreign_key_check') as unknown[]).length;
    return { integrity, foreignKeyProblems, tables: integrity === 'ok' ? sqliteTableChecksums(db) : [] };
  } finally {
    db.close();
  }
}

/**
 * Online backup of a live SQLite database into `dest` (must not exist). Returns the manifest, which is
 * also written next to the file as `<dest>.manifest.json`.
 */
export async function backupSqlite(
  source: SQLite.Database,
  dest: string,
  sealer: FileSealer,
  now: () => string = () => new Date().toISOString(),
): Promise<BackupManifest> {
  const target = path.resolve(dest);
  if (fs.existsSync(target))
    throw new BackupError(`备份文件已存在，请换一个文件名：${target} / backup file already exists`);
  if (!fs.existsSync(path.dirname(target)))
    throw new BackupError(`备份目录不存在：${path.dirname(target)} / backup directory does not exist`);
  const tmp = `${target}.partial-${process.pid}`;
  try {
    // One step for all pages: the copy is one read snapshot, so concurrent writes never restart it.
    await source.backup(tmp, { progress: () => 0x7fffffff });
    const copy = new SQLite(tmp, { fileMustExist: true });
    try {
      copy.pragma('journal_mode = DELETE'); // a single self-contained file
    } finally {
      copy.close();
    }
    const inspected = inspectSqliteFile(tmp);
    if (inspected.integrity !== 'ok')
      throw new BackupError(`备份副本完整性检查失败：${inspected.integrity} / integrity_check of the copy failed`);
    if (inspected.foreignKeyProblems > 0)
      throw new BackupError(
        `备份副本外键检查失败（${inspected.foreignKeyProblems} 处） / foreign_key_check of the copy failed`,
      );
    const sealed = `${tmp}.sealed`;
    const iv = crypto.randomBytes(16);
    const mac = await encryptFile(tmp, sealed, sealer, iv);
    fsyncFile(sealed);
    const body: Omit<BackupManifest, 'mac'> = {
      format: BACKUP_FORMAT,
      createdAt: now(),
      bytes: fs.statSync(tmp).size,
      fileSm3: await fileSm3(tmp),
      integrity: inspected.integrity,
      tables: inspected.tables,
      encryption: {
        cipher: 'sm4-ctr',
        mac: 'hmac-sm3',
        iv: iv.toString('hex'),
        keyCheck: sealer.kcv,
        cipherBytes: fs.statSync(sealed).size,
        cipherMac: mac,
      },
    };
    const manifest: BackupManifest = { ...body, mac: manifestMac(sealer, body) };
    fs.renameSync(sealed, target);
    fs.writeFileSync(manifestPathOf(target), `${JSON.stringify(manifest, null, 2)}\n`);
    fsyncFile(manifestPathOf(target));
    fsyncDir(path.dirname(target));
    return manifest;
  } finally {
    for (const f of [tmp, `${tmp}.sealed`, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
  }
}

/** True when another connection (another process) has the SQLite database open. */
export function sqliteInUse(file: string): boolean {
  if (!fs.existsSync(file)) return false;
  const db = new SQLite(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('COMMIT');
    return false;
  } catch (err) {
    if ((err as { code?: string }).code === 'SQLITE_BUSY' || (err as { code?: string }).code === 'SQLITE_LOCKED')
      return true;
    throw err;
  } finally {
    db.close();
  }
}

export interface RestoreReport {
  target: string;
  bytes: number;
  manifestChecked: boolean;
  tables: TableChecksum[];
}

/**
 * Restores a backup file into `target` (the file of DATABASE_URL). Verifies the backup first (manifest
 * and file MACs, decryption, SM3, table checksums, integrity_check), refuses an existing target unless
 * `force`, and refuses a target another process has open even with `force`.
 */
export async function restoreSqlite(
  backupFile: string,
  targetFile: string,
  sealer: FileSealer,
  opts: { force?: boolean } = {},
): Promise<RestoreReport> {
  const source = path.resolve(backupFile);
  const target = path.resolve(targetFile);
  if (source === target) throw new BackupError('备份文件与目标数据库是同一个文件 / the backup is the target database');
  // Verify and decrypt into a private copy, so that nothing is replaced before every check passed.
  const staged = `${target}.restore-${process.pid}`;
  let manifest: BackupManifest;
  try {
    fs.mkdirSync(path.dirname(target), { recursive: true });
    manifest = await openBackup(source, sealer, staged);
    const inspected = inspectSqliteFile(staged);
    if (inspected.integrity !== 'ok')
      throw new BackupError(
        `备份文件校验失败：完整性检查未通过（${inspected.integrity}） / backup verification failed: integrity_check`,
      );
    if (JSON.stringify(inspected.tables) !== JSON.stringify(manifest.tables))
      throw new BackupError(
        '备份文件校验失败：表校验值与清单不符 / backup verification failed: table checksums differ from the manifest',
      );
    if (fs.existsSync(target)) {
      if (!opts.force)
        throw new BackupError(
          `目标数据库已存在：${target}。确认要覆盖时请加 --force（请先停止服务） / target database exists; pass --force to overwrite (stop the server first)`,
        );
      if (sqliteInUse(target))
        throw new BackupError(
          `目标数据库正被其他进程使用，请先停止服务再恢复：${target} / target database is in use; stop the server first`,
        );
    }
    fsyncFile(staged);
    // A stale -wal next to the new file would be replayed into it: remove the old journals first.
    for (const f of [`${target}-wal`, `${target}-shm`, `${target}-journal`]) fs.rmSync(f, { force: true });
    fs.renameSync(staged, target);
    fsyncDir(path.dirname(target));
  } finally {
    for (const f of [staged, `${staged}-journal`, `${staged}-wal`, `${staged}-shm`]) fs.rmSync(f, { force: true });
  }
  const after = inspectSqliteFile(target);
  if (after.integrity !== 'ok')
    throw new BackupError(`恢复后完整性检查失败：${after.integrity} / integrity_check after restore failed`);
  if (JSON.stringify(after.tables) !== JSON.stringify(manifest.tables))
    throw new BackupError('恢复后表校验值与备份不符 / table checksums after restore differ from the backup');
  return { target, bytes: fs.statSync(target).size, manifestChecked: true, tables: after.tables };
}

/** What the CLIs print on PostgreSQL (exit code 2): the pg_dump / pg_restore route. */
export const PG_BACKUP_HELP = [
  'PostgreSQL 数据库请使用 PostgreSQL 自带工具备份（见 README“备份与恢复”一节）：',
  '  pg_dump --format=custom --file=jianfu-YYYYMMDD.dump "$DATABASE_URL"',
  '  pg_restore --list jianfu-YYYYMMDD.dump > /dev/null   # 校验备份可读',
  '生产环境另行配置 WAL 归档（archive_mode=on, archive_timeout=300）与 pg_basebackup，以达到 RPO ≤ 5 分钟。',
  'On PostgreSQL, back up with pg_dump (custom format) and restore with pg_restore into an empty database;',
  'see README "Backup and restore". Use WAL archiving + pg_basebackup for point-in-time recovery.',
].join('\n');

export const PG_RESTORE_HELP = [
  'PostgreSQL 数据库请使用 pg_restore 恢复到一个新建的空数据库（见 README“备份与恢复”一节）：',
  '  createdb -O jianfu jianfu_restored',
  '  pg_restore --no-owner --exit-on-error --dbname="postgres://…/jianfu_restored" jianfu-YYYYMMDD.dump',
  '然后把 DATABASE_URL 指向新库并启动服务；确认无误后再停用旧库。',
  'On PostgreSQL, restore with pg_restore into a new, empty database, then point DATABASE_URL at it;',
  'see README "Backup and restore".',
].join('\n');
