/**
 * `npm run restore -- <file> [--force] [--key-file <keys.json>]`: restores a backup made by
 * `npm run backup` into DATABASE_URL's SQLite file. Needs the key file the backup was made with (the
 * one beside the target, JIANFU_KEY_FILE, or --key-file, which is then copied beside the target when
 * none is there). Verifies the manifest and the file's MACs, decrypts, checks SM3, table checksums and
 * integrity_check; refuses a file without its manifest, an existing database unless --force, and
 * always a database another process has open (stop the server first).
 * PostgreSQL: prints the pg_restore route and exits 2.
 */
import { loadConfig } from '../config.js';
import { dialectOf } from '../db/database.js';
import fs from 'node:fs';
import { BackupError, PG_RESTORE_HELP, restoreSqlite } from '../core/backup.js';
import { FileSealer } from '../core/crypto.js';
import { readKeyRing } from '../core/keys.js';
import { redactUrl, runCli } from './cli.js';

const USAGE = '用法 / usage: npm run restore -- <备份文件 backup-file.db> [--force] [--key-file <密钥文件>]';

runCli(async (out) => {
  const args = process.argv.slice(2);
  const keyAt = args.indexOf('--key-file');
  const keyFile = keyAt >= 0 ? args[keyAt + 1] : null;
  const file = args.find((a, i) => !a.startsWith('--') && (keyAt < 0 || i !== keyAt + 1));
  const force = args.includes('--force');
  if (!file) {
    out(USAGE);
    return 1;
  }
  const config = loadConfig();
  if (dialectOf(config.db.url) === 'postgres') {
    process.stderr.write(`${PG_RESTORE_HELP}\n`);
    return 2;
  }
  const target = config.db.url.slice('sqlite:'.length);
  if (!target || target === ':memory:')
    throw new BackupError('DATABASE_URL 必须指向一个 SQLite 文件 / DATABASE_URL must name a SQLite file');
  out(`目标数据库 / target: ${redactUrl(config.db.url)}`);
  const keys = readKeyRing(keyFile ? { file: keyFile, secret: config.keys.secret } : config.keys);
  const report = await restoreSqlite(file, target, new FileSealer(keys.dataSecret), { force });
  if (keyFile && config.keys.file && !fs.existsSync(config.keys.file)) {
    fs.copyFileSync(keyFile, config.keys.file);
    fs.chmodSync(config.keys.file, 0o600);
    out(`密钥文件已复制到 / key file copied to: ${config.keys.file}`);
  }
  const rows = report.tables.reduce((n, t) => n + t.rows, 0);
  out(
    `OK 恢复完成 / restored: ${report.target} (${report.bytes} bytes, ${report.tables.length} tables, ${rows} rows, integrity_check=ok, 与备份清单一致 / matches the manifest)`,
  );
  return 0;
});
