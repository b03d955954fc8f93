import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import type { Database, DialectName } from './db/database.js';
import type { DB } from './db/schema.js';
import type { Clock } from './core/clock.js';
import type { FieldCipher } from './core/crypto.js';
import type { KeyRing } from './core/keys.js';
import type { JobQueue } from './core/jobs.js';
import type { DomainEventBus } from './events.js';

/** Everything a service needs, built once in main.ts (or the test app) and passed first. */
export interface Deps {
  db: Kysely<DB>;
  database: Database;
  dialect: DialectName;
  config: Config;
  clock: Clock;
  cipher: FieldCipher;
  /** Data and audit keys (never constants; see core/keys.ts). */
  keys: KeyRing;
  /** Process state: readiness answers 503 once shutting down. */
  lifecycle: { shuttingDown: boolean };
  logger: Logger;
  jobs: JobQueue;
  /** Domain events: services record them in their transactions; features subscribe (composition root). */
  events: DomainEventBus;
}
