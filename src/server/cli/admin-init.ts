/**
 * `npm run admin:init`: creates each of the three administrators (系统管理员, 安全管理员, 审计管理员)
 * that no active account holds yet — on a new database also the district's regions — with one-time
 * passwords printed once. Names: JIANFU_ADMIN_USERNAMES=sys,sec,aud, or generated. Audited as the
 * system. For an install that has fewer than three administrators (an older version made only one).
 */
import pino from 'pino';
import { loadConfig } from '../config.js';
import { composeDeps } from '../compose.js';
import { adminBanner, bootstrap, ensureAdministrators } from '../features/accounts/bootstrap.js';
import { redactUrl, runCli } from './cli.js';

runCli(async (out) => {
  const config = loadConfig();
  const deps = await composeDeps(config, { logger: pino({ level: 'warn' }) });
  try {
    out(`数据库 / database: ${redactUrl(config.db.url)}`);
    // A new database: the district's regions and the three administrators; otherwise the missing ones.
    const fresh = await bootstrap(deps, config.region);
    const admins = fresh.length ? fresh : await ensureAdministrators(deps, config.region.padEnd(12, '0'));
    if (!admins.length) {
      out('三员账户均已存在，未创建新账户 / all three administrators exist; nothing created');
      return 0;
    }
    process.stdout.write(adminBanner(admins));
    return 0;
  } finally {
    await deps.database.close();
  }
});
