/**
 * `npm run audit:verify`: walks DATABASE_URL's audit chain with the audit keys of the key file
 * (HMAC-SM3; plain SM3 for rows older than the keyed chain), then compares it with every signed chain
 * head in the anchor file, so a recomputed chain or a deleted tail is found. Prints OK with the row
 * count, or the first broken seq and why, exiting 1. Writes nothing to the database.
 */
import pino from 'pino';
import { loadConfig } from '../config.js';
import { composeDeps } from '../compose.js';
import { readAnchors, verifyChain } from '../core/audit.js';
import { redactUrl, runCli } from './cli.js';

runCli(async (out) => {
  const config = loadConfig();
  const deps = await composeDeps(config, { logger: pino({ level: 'warn' }) });
  try {
    out(`数据库 / database: ${redactUrl(config.db.url)}`);
    const file = config.audit.anchorFile;
    const anchors = file ? readAnchors(file) : [];
    out(`链头锚点 / anchors: ${file ?? '(未配置 none)'}，${anchors.length} 个`);
    const verdict = await verifyChain(deps.db, deps.keys, { anchors });
    if (verdict.ok) {
      out(
        `OK 审计链完整：共校验 ${verdict.checked} 条记录，${verdict.anchors} 个链头锚点一致 / audit chain intact, ${verdict.checked} rows, ${verdict.anchors} anchors`,
      );
      if (!anchors.length)
        out('注意：没有链头锚点，无法发现末尾记录被删除 / warning: no anchors, a deleted tail cannot be detected');
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
