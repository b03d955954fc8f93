import os from 'node:os';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Logger } from 'pino';
import type { DB } from '../db/schema.js';
import type { Clock } from './clock.js';
import { newId } from './ids.js';
import { isUniqueViolation } from '../db/dialect.js';
import { AppError } from './errors.js';
import * as repo from './jobs.repo.js';

/** What a running job can report. */
export interface JobContext {
  jobId: string;
  createdBy: string | null;
  progress(done: number, total?: number, message?: string): Promise<void>;
}

export interface JobDefinition<P> {
  /** `<feature>.<verb>` */
  name: string;
  payload: z.ZodType<P>;
  run(payload: P, ctx: JobContext): Promise<unknown>;
  maxAttempts?: number;
}

export interface JobRecord {
  id: string;
  name: string;
  status: 'pending' | 'running' | 'succeeded' | 'failed';
  progress: number;
  total: number;
  message: string | null;
  result: unknown;
  error: unknown;
  createdBy: string | null;
  regionCode: string | null;
  createdAt: string;
  updatedAt: string;
}

/**
 * A job table with a portable claim (UPDATE … WHERE locked_by IS NULL, run only if one row changed),
 * so several app processes can share it on PostgreSQL. Jobs report progress the UI polls.
 */
export class JobQueue {
  private readonly defs = new Map<string, JobDefinition<any>>();
  private readonly worker = `${os.hostname()}:${process.pid}:${newId().slice(-8)}`;
  private timer: NodeJS.Timeout | null = null;
  private readonly schedules: { name: string; everyMs: number }[] = [];
  private running = 0;
  private idle: Promise<void> = Promise.resolve();
  /** When true (tests), enqueue() runs the job before returning. */
  inline = false;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  register<P>(def: JobDefinition<P>) {
    this.defs.set(def.name, def);
  }

  async enqueue<P>(
    name: string,
    payload: P,
    opts: { createdBy?: string | null; regionCode?: string | null; dedupeKey?: string; runAt?: string } = {},
  ): Promise<string> {
    const def = this.defs.get(name);
    if (!def) throw new Error(`unknown job ${name}`);
    const parsed = def.payload.parse(payload);
    const now = this.clock.nowIso();
    const id = newId();
    try {
      await repo.insertJob(this.db, {
        id,
        name,
        payload: JSON.stringify(parsed),
        status: 'pending',
        runAt: opts.runAt ?? now,
        lockedBy: null,
        lockedAt: null,
        attempts: 0,
        progress: 0,
        total: 0,
        message: null,
        result: null,
        error: null,
        dedupeKey: opts.dedupeKey ?? null,
        createdBy: opts.createdBy ?? null,
        regionCode: opts.regionCode ?? null,
        createdAt: now,
        updatedAt: now,
      });
    } catch (err) {
      if (opts.dedupeKey && isUniqueViolation(err)) return (await repo.jobIdByDedupeKey(this.db, opts.dedupeKey)).id;
      throw err;
    }
    if (this.inline) await this.runOne(id);
    return id;
  }

  async get(id: string): Promise<JobRecord | null> {
    const r = await repo.jobById(this.db, id);
    if (!r) return null;
    return {
      id: r.id,
      name: r.name,
      status: r.status as JobRecord['status'],
      progress: r.progress,
      total: r.total,
      message: r.message,
      result: r.result ? JSON.parse(r.result) : null,
      error: r.error ? JSON.parse(r.error) : null,
      createdBy: r.createdBy,
      regionCode: r.regionCode,
      createdAt: r.createdAt,
      updatedAt: r.updatedAt,
    };
  }

  /** Claims and runs one job; returns false when another worker got it first. */
  async runOne(id: string): Promise<boolean> {
    const now = this.clock.nowIso();
    // Never claim a job this process cannot run (e.g. during a rolling upgrade): leave it for a process that can.
    const known = await repo.jobById(this.db, id);
    if (!known || !this.defs.has(known.name)) return false;
    if (!(await repo.claim(this.db, id, this.worker, now))) return false;
    const row = (await repo.jobById(this.db, id))!;
    const def = this.defs.get(row.name);
    const ctx: JobContext = {
      jobId: id,
      createdBy: row.createdBy,
      progress: async (done, total, message) => {
        await repo.updateJob(this.db, id, {
          progress: done,
          ...(total !== undefined ? { total } : {}),
          ...(message !== undefined ? { message } : {}),
          updatedAt: this.clock.nowIso(),
        });
      },
    };
    try {
      if (!def) throw new Error(`unknown job ${row.name}`);
      const result = await def.run(def.payload.parse(JSON.parse(row.payload)), ctx);
      await repo.updateJob(this.db, id, {
        status: 'succeeded',
        result: JSON.stringify(result ?? null),
        lockedBy: null,
        updatedAt: this.clock.nowIso(),
      });
    } catch (err) {
      const error =
        err instanceof AppError
          ? {
              code: err.code,
              message: err.message,
              // The message by key too, so a client shows it in the user's language.
              ...(err.key ? { key: err.key, ...(err.params ? { params: err.params } : {}) } : {}),
              details: err.details,
            }
          : { code: 'internal', message: '任务执行失败' };
      if (!(err instanceof AppError)) this.logger.error({ err, jobId: id }, 'job failed');
      const retry = !(err instanceof AppError) && row.attempts < (def?.maxAttempts ?? 1);
      await repo.updateJob(this.db, id, {
        status: retry ? 'pending' : 'failed',
        error: JSON.stringify(error),
        lockedBy: null,
        updatedAt: this.clock.nowIso(),
      });
    }
    return true;
  }

  /**
   * A recurring job: each period gets one job row whose dedupe key is the period's slot, so however
   * many processes tick, the job is enqueued and run once per period.
   */
  scheduleEvery(name: string, everyMs: number) {
    this.schedules.push({ name, everyMs });
  }

  /** Enqueues the current slot of every schedule (idempotent across processes). */
  async enqueueScheduled(): Promise<void> {
    const now = this.clock.now().getTime();
    for (const s of this.schedules) {
      const slot = Math.floor(now / s.everyMs);
      await this.enqueue(s.name, {}, { dedupeKey: `${s.name}@${slot}` });
    }
  }

  /** Runs every due job once (what the poller does each tick). */
  async runDue(limit = 5): Promise<number> {
    const due = await repo.dueJobIds(this.db, [...this.defs.keys()], this.clock.nowIso(), limit);
    let ran = 0;
    for (const j of due) if (await this.runOne(j.id)) ran += 1;
    return ran;
  }

  /** Recovers jobs left running by a process that died (claimed longer ago than `staleMinutes`). */
  async recoverStale(staleMinutes = 10) {
    const cutoff = new Date(this.clock.now().getTime() - staleMinutes * 60_000).toISOString();
    await repo.releaseStale(this.db, cutoff, this.clock.nowIso());
  }

  start(intervalMs = 1000) {
    if (this.timer) return;
    const tick = async () => {
      if (this.running > 0) return;
      this.running += 1;
      this.idle = (async () => {
        try {
          await this.enqueueScheduled();
          await this.runDue();
        } catch (err) {
          this.logger.error({ err }, 'job poller failed');
        } finally {
          this.running -= 1;
        }
      })();
    };
    void this.recoverStale().catch(() => undefined);
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
  }

  async stop() {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.idle;
  }
}
