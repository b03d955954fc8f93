/**
 * `npm run audit:verify`: walks DATABASE_URL's audit chain (SM3) and prints OK with the row count, or
 * the first broken seq and why, exiting 1. Read-only: it writes nothing, not even an audit row.
 */
import pino from 'pino';
import { loadConfig } from '../config.js';
import { composeDeps } from '../compose.js';
import { verifyChain } from '../core/audit.js';
import { redactUrl, runCli } from './cli.js';

runCli(async (out) => {
  const config = loadConfig();
  const deps = await composeDeps(config, { logger: pino({ level: 'warn' }) });
  try {
    out(`数据库 / database: ${redactUrl(config.db.url)}`);
    const verdict = await verifyChain(deps.db);
    if (verdict.ok) {
      out(`OK 审计链完整：共校验 ${verdict.checked} 条记录 / audit chain intact, ${verdict.checked} rows`);
      return 0;
    }
    const broken = verdict.firstBroken!;
    out(
      `FAILED 审计链被破坏：第 ${broken.seq} 条记录（seq=${broken.seq}）：${broken.reason}；此前 ${verdict.checked} 条完好 / chain broken at seq ${broken.seq}`,
    );
    return 1;
  } finally {
    await deps.database.close();
  }
});
