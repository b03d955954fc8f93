import type { FastifyInstance } from 'fastify';
import type { Deps } from '../deps.js';
import type { JobDefinition } from '../core/jobs.js';

/**
 * A feature is data, registered by the composition root: its HTTP routes (buildApp), its background
 * job definitions and schedules (composeDeps), its subscribers to domain events (composeDeps) and the
 * reference data it seeds at start-up (seedFeatures). Nothing is registered as a side effect of another.
 */
export interface Feature {
  name: string;
  routes?: (app: FastifyInstance, deps: Deps) => void | Promise<void>;
  /** Job definitions: `<feature>.<verb>`, a zod payload, a handler that loads what it needs. */
  jobs?: (deps: Deps) => JobDefinition<any>[];
  /** Recurring jobs (each period enqueues one run, however many processes tick). */
  schedules?: { job: string; everyMs: number }[];
  /** Reacts to domain events inside the recording transaction. */
  subscribe?: (deps: Deps) => void;
  /** Idempotent reference data (runs under the start-up lock). */
  seed?: (deps: Deps) => Promise<unknown>;
  /** Idempotent demo data of the feature, after the demo district and accounts exist (JIANFU_DEMO). */
  demo?: (deps: Deps) => Promise<unknown>;
}

export { typed } from '../http/route.js';

/** What a feature's `*.routes.ts` exports. */
export type Routes = NonNullable<Feature['routes']>;
