/**
 * `npm run audit:anchor`: appends the signed head of DATABASE_URL's audit chain to the anchor file
 * (JIANFU_AUDIT_ANCHOR_FILE) now. The server does this at start, every JIANFU_AUDIT_ANCHOR_MINUTES and
 * at shutdown; a cron job can call this as well. Copy the file to storage apart from the database.
 */
import pino from 'pino';
import { loadConfig } from '../config.js';
import { composeDeps } from '../compose.js';
import { exportAnchor } from '../core/audit.js';
import { redactUrl, runCli } from './cli.js';

runCli(async (out) => {
  const config = loadConfig();
  if (!config.audit.anchorFile) {
    out('未配置链头锚点文件（JIANFU_AUDIT_ANCHOR_FILE） / no anchor file configured');
    return 2;
  }
  const deps = await composeDeps(config, { logger: pino({ level: 'warn' }) });
  try {
    out(`数据库 / database: ${redactUrl(config.db.url)}`);
    const { written, anchor } = await exportAnchor(deps.db, deps.keys, config.audit.anchorFile, deps.clock.nowIso());
    if (!anchor) out('审计链为空 / the audit chain is empty');
    else
      out(
        `${written ? 'OK 已导出链头' : 'OK 链头未变化，未重复写入'}：seq=${anchor.seq} → ${config.audit.anchorFile} / ${written ? 'anchor written' : 'head unchanged'}`,
      );
    return 0;
  } finally {
    await deps.database.close();
  }
});
