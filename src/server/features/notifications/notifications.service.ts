/**
 * The inbox: one row per recipient, created by the subscribers (notifications.subscribers.ts) from
 * domain events, idempotent by dedupe key. Reading one's own inbox is not audited.
 */
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { notFound } from '../../core/errors.js';
import type { PageRequest } from '../../db/paginate.js';
import * as repo from './notifications.repo.js';

export async function listNotifications(deps: Deps, actor: Actor, opts: { unread: boolean } & PageRequest) {
  const [page, unread] = await Promise.all([
    repo.inboxPage(deps.db, actor.userId, opts.unread, opts),
    repo.unreadCount(deps.db, actor.userId),
  ]);
  return {
    total: page.total,
    unread,
    items: page.items.map(({ params, ...n }) => ({ ...n, params: params ? JSON.parse(params) : null })),
  };
}

/** Marks one of the actor's notifications read (404 for anyone else's). */
export async function markRead(deps: Deps, actor: Actor, id: string) {
  if (!(await repo.markRead(deps.db, actor.userId, id, deps.clock.nowIso()))) notFound('通知');
}

export const markAllRead = (deps: Deps, actor: Actor) => repo.markAllRead(deps.db, actor.userId, deps.clock.nowIso());
