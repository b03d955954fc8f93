import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

/** A recorded domain event: what happened, when, and its payload. */
export interface RecordedEvent<M, K extends keyof M = keyof M> {
  type: K;
  at: string;
  payload: M[K];
}

/** A subscriber; it may return how many effects it had (e.g. notifications created). */
type Handler<M, K extends keyof M> = (trx: Kysely<DB>, event: RecordedEvent<M, K>) => Promise<number | void>;

/**
 * Services record what happened (`events.record(trx, type, at, payload)`) inside their transaction;
 * subscribers registered by other features (notifications today; outbound channels later) react in the
 * same transaction, so an event and its effects commit or roll back together. Generic over the event map
 * (`M`), so core knows no feature's words.
 */
export class EventBus<M> {
  private readonly handlers = new Map<keyof M, Handler<M, any>[]>();

  on<K extends keyof M>(type: K, handler: Handler<M, K>): void {
    const list = this.handlers.get(type) ?? [];
    list.push(handler);
    this.handlers.set(type, list);
  }

  /** Runs every subscriber of `type` in the caller's transaction; returns the effects they reported. */
  async record<K extends keyof M>(trx: Kysely<DB>, type: K, at: string, payload: M[K]): Promise<number> {
    let effects = 0;
    for (const h of this.handlers.get(type) ?? []) effects += (await h(trx, { type, at, payload })) ?? 0;
    return effects;
  }

  /** Event types with at least one subscriber (for tests and the architecture page). */
  subscribed(): (keyof M)[] {
    return [...this.handlers.keys()];
  }
}
