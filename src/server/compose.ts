import pino from 'pino';
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { systemClock, type Clock } from './core/clock.js';
import { FieldCipher } from './core/crypto.js';
import { checkKeys, openKeyRing, type KeyRing } from './core/keys.js';
import { JobQueue } from './core/jobs.js';
import { EventBus } from './core/events.js';
import type { DomainEvents } from './events.js';
import { registerFeatures } from './features/index.js';

/**
 * Opens and migrates the database, opens the key ring (generating a key file on a first start, which
 * is announced once on stdout), builds the Deps object and registers every feature's jobs, schedules and
 * event subscribers (used by main.ts, CLIs and tests). Tests inject `keys`.
 */
export async function composeDeps(
  config: Config,
  opts: { clock?: Clock; logger?: pino.Logger; keys?: KeyRing } = {},
): Promise<Deps> {
  const logger = opts.logger ?? pino({ level: config.logLevel });
  const database = openDatabase(config.db.url, {
    onIdleError: (err) => logger.warn({ err }, '数据库空闲连接已断开，将按需重新连接 / idle database connection lost'),
  });
  const clock = opts.clock ?? systemClock;
  let keys: KeyRing;
  try {
    await migrateToLatest(database.db);
    if (opts.keys) {
      keys = opts.keys;
      await checkKeys(database.db, keys, clock.nowIso());
    } else {
      const opened = await openKeyRing(database.db, { ...config.keys, now: clock.nowIso() });
      keys = opened.ring;
      if (opened.created)
        process.stdout.write(
          `\n================ 已生成密钥 / keys generated ================\n` +
            `  密钥文件 key file: ${opened.created}（权限 0600）\n` +
            `  请妥善备份此文件并与数据库分开保存；丢失后加密数据与审计链无法校验。\n` +
            `  Back this file up and keep it apart from the database; without it encrypted data cannot be read.\n` +
            `=============================================================\n\n`,
        );
    }
  } catch (err) {
    await database.close();
    throw err;
  }
  const deps: Deps = {
    db: database.db,
    database,
    dialect: database.dialect,
    config,
    clock,
    cipher: new FieldCipher(keys.dataSecret),
    keys,
    lifecycle: { shuttingDown: false },
    logger,
    jobs: new JobQueue(database.db, clock, logger),
    events: new EventBus<DomainEvents>(),
  };
  registerFeatures(deps);
  return deps;
}
