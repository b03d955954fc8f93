/**
 * `npm run keys:rotate`: adds a new audit key to the key file and makes it current. Rows already in
 * the chain keep their key id and still verify under the old key, which stays in the file (never
 * delete it while rows signed with it exist). Restart every app process afterwards so they sign with
 * the new key; the first start registers its key check value. See docs/security.md "Key rotation".
 */
import { loadConfig } from '../config.js';
import { rotateAuditKey } from '../core/keys.js';
import { runCli } from './cli.js';

runCli(async (out) => {
  const config = loadConfig();
  if (!config.keys.file) {
    out('没有密钥文件（内存数据库） / no key file (in-memory database)');
    return 2;
  }
  const { id, previous } = rotateAuditKey(config.keys.file, new Date().toISOString());
  out(
    `OK 审计密钥已轮换：${previous} → ${id}（旧密钥保留用于校验）/ audit key rotated; the old key stays for verification`,
  );
  out('请重启所有应用进程使新密钥生效 / restart every app process to sign with the new key');
  return 0;
});
