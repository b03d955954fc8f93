/**
 * `npm run backup -- <file>`: an online backup of DATABASE_URL while the server keeps running.
 * SQLite: SQLite's backup API in one consistent step, integrity_check on the copy, then encrypted
 * (SM4-CTR) and MACed (HMAC-SM3) with keys derived from the data secret of the key file, beside a
 * MACed manifest (`<file>.manifest.json`: SM3, per-table row counts + SM3 checksums, IV, MACs) that the
 * restore verifies. PostgreSQL: prints the pg_dump route and exits 2. Never migrates or writes the live
 * database.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config.js';
import { dialectOf, openDatabase } from '../db/database.js';
import { BackupError, PG_BACKUP_HELP, backupSqlite, manifestPathOf } from '../core/backup.js';
import { FileSealer } from '../core/crypto.js';
import { readKeyRing } from '../core/keys.js';
import { redactUrl, runCli } from './cli.js';

const USAGE = '用法 / usage: npm run backup -- <备份文件 backup-file.db>';

runCli(async (out) => {
  const file = process.argv.slice(2).find((a) => !a.startsWith('--'));
  if (!file) {
    out(USAGE);
    return 1;
  }
  const config = loadConfig();
  if (dialectOf(config.db.url) === 'postgres') {
    process.stderr.write(`${PG_BACKUP_HELP}\n`);
    return 2;
  }
  const dbFile = config.db.url.slice('sqlite:'.length);
  if (!dbFile || dbFile === ':memory:' || !fs.existsSync(dbFile))
    throw new BackupError(`数据库文件不存在：${dbFile || ':memory:'} / database file not found`);
  const sealer = new FileSealer(readKeyRing(config.keys).dataSecret);
  const database = openDatabase(config.db.url);
  try {
    out(`数据库 / database: ${redactUrl(config.db.url)}`);
    const started = Date.now();
    const manifest = await backupSqlite(database.sqlite!, file, sealer);
    const rows = manifest.tables.reduce((n, t) => n + t.rows, 0);
    out(
      `OK 备份完成（已加密） / encrypted backup written: ${path.resolve(file)} (${manifest.bytes} bytes, ${manifest.tables.length} tables, ${rows} rows, integrity_check=${manifest.integrity}, ${Date.now() - started} ms)`,
    );
    out(`清单 / manifest: ${manifestPathOf(path.resolve(file))} (SM3 ${manifest.fileSm3}, HMAC-SM3)`);
    out('恢复时需要同一密钥文件 / restoring needs the same key file');
    return 0;
  } finally {
    await database.close();
    // Kysely only closes the handle if a Kysely query ran; close it so the WAL is checkpointed and removed.
    if (database.sqlite?.open) database.sqlite.close();
  }
});
