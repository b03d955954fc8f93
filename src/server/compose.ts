import pino from 'pino';
import type { Config } from './config.js';
import type { Deps } from './deps.js';
import { openDatabase } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { systemClock, type Clock } from './core/clock.js';
import { FieldCipher } from './core/crypto.js';
import { JobQueue } from './core/jobs.js';
import { EventBus } from './core/events.js';
import type { DomainEvents } from './events.js';
import { registerFeatures } from './features/index.js';

/**
 * Opens and migrates the database, builds the Deps object and registers every feature's jobs, schedules
 * and event subscribers (used by main.ts, CLIs and tests).
 */
export async function composeDeps(config: Config, opts: { clock?: Clock; logger?: pino.Logger } = {}): Promise<Deps> {
  const logger = opts.logger ?? pino({ level: config.logLevel });
  const database = openDatabase(config.db.url, {
    onIdleError: (err) => logger.warn({ err }, '数据库空闲连接已断开，将按需重新连接 / idle database connection lost'),
  });
  await migrateToLatest(database.db);
  const clock = opts.clock ?? systemClock;
  const deps: Deps = {
    db: database.db,
    database,
    dialect: database.dialect,
    config,
    clock,
    cipher: new FieldCipher(config.secret),
    logger,
    jobs: new JobQueue(database.db, clock, logger),
    events: new EventBus<DomainEvents>(),
  };
  registerFeatures(deps);
  return deps;
}
