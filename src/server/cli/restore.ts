/**
 * `npm run restore -- <file> [--force]`: restores a backup made by `npm run backup` into DATABASE_URL's
 * SQLite file. Verifies the backup first (manifest SM3 and table checksums, integrity_check), refuses an
 * existing database unless --force, always refuses a database another process has open (stop the
 * server first), and checks the restored file against the backup's checksums.
 * PostgreSQL: prints the pg_restore route and exits 2.
 */
import { loadConfig } from '../config.js';
import { dialectOf } from '../db/database.js';
import { BackupError, PG_RESTORE_HELP, restoreSqlite } from '../core/backup.js';
import { redactUrl, runCli } from './cli.js';

const USAGE = '用法 / usage: npm run restore -- <备份文件 backup-file.db> [--force]';

runCli(async (out) => {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith('--'));
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
  const report = await restoreSqlite(file, target, { force });
  const rows = report.tables.reduce((n, t) => n + t.rows, 0);
  out(
    `OK 恢复完成 / restored: ${report.target} (${report.bytes} bytes, ${report.tables.length} tables, ${rows} rows, integrity_check=ok${report.manifestChecked ? ', 与备份清单一致 / matches the manifest' : ', 无清单未比对 / no manifest to compare'})`,
  );
  return 0;
});
