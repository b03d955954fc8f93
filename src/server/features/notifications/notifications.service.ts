/**
 * In-app notifications: one row per recipient, idempotent by a dedupe key (a reminder job that runs
 * twice on the same day creates nothing new). Other features call `notify` inside their transactions.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { newId } from '../../core/ids.js';
import { notFound } from '../../core/errors.js';
import '../campaigns/campaigns.tables.js';

export interface NotificationInput {
  userId: string;
  kind: string;
  title: string;
  body: string;
  entity?: string | null;
  entityId?: string | null;
  /** A path in the web app, e.g. /tasks/<id>. */
  link?: string | null;
  regionCode?: string | null;
  /** Same key → created once. */
  dedupeKey: string;
}

/** Creates the notifications that do not exist yet; returns how many were new. */
export async function notify(db: Kysely<DB>, now: string, items: NotificationInput[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < items.length; i += 300) {
    const chunk = items.slice(i, i + 300).map((n) => ({
      id: newId(),
      userId: n.userId,
      kind: n.kind,
      title: n.title.slice(0, 200),
      body: n.body.slice(0, 1000),
      entity: n.entity ?? null,
      entityId: n.entityId ?? null,
      link: n.link ?? null,
      regionCode: n.regionCode ?? null,
      dedupeKey: n.dedupeKey,
      readAt: null,
      createdAt: now,
    }));
    const res = await db
      .insertInto('notification')
      .values(chunk)
      .onConflict((oc) => oc.column('dedupeKey').doNothing())
      .executeTakeFirst();
    created += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return created;
}

/** Users holding `role` on exactly the given region nodes (e.g. the cadres of a village). */
export async function usersWithRoleAt(
  db: Kysely<DB>,
  role: string,
  regionCodes: string[],
): Promise<{ userId: string; regionCode: string }[]> {
  if (!regionCodes.length) return [];
  const out: { userId: string; regionCode: string }[] = [];
  for (let i = 0; i < regionCodes.length; i += 500) {
    const rows = await db
      .selectFrom('grant')
      .innerJoin('appUser', 'appUser.id', 'grant.userId')
      .select(['grant.userId', 'grant.regionCode'])
      .where('grant.role', '=', role)
      .where('grant.regionCode', 'in', regionCodes.slice(i, i + 500))
      .where('appUser.status', '=', 'active')
      .execute();
    out.push(...rows);
  }
  return out;
}

/** Department officers of the given departments. */
export async function usersOfDepartments(
  db: Kysely<DB>,
  departmentIds: string[],
): Promise<{ userId: string; departmentId: string }[]> {
  if (!departmentIds.length) return [];
  const rows = await db
    .selectFrom('appUser')
    .innerJoin('grant', 'grant.userId', 'appUser.id')
    .select(['appUser.id as userId', 'appUser.departmentId'])
    .where('appUser.departmentId', 'in', departmentIds)
    .where('grant.role', '=', 'department_officer')
    .where('appUser.status', '=', 'active')
    .execute();
  return rows.map((r) => ({ userId: r.userId, departmentId: r.departmentId! }));
}

export async function listNotifications(
  deps: Deps,
  actor: Actor,
  opts: { unread: boolean; page: number; pageSize: number },
) {
  let q = deps.db.selectFrom('notification').where('userId', '=', actor.userId);
  if (opts.unread) q = q.where('readAt', 'is', null);
  const total = Number((await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const unread = Number(
    (
      await deps.db
        .selectFrom('notification')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('userId', '=', actor.userId)
        .where('readAt', 'is', null)
        .executeTakeFirst()
    )?.n ?? 0,
  );
  const items = await q
    .select(['id', 'kind', 'title', 'body', 'entity', 'entityId', 'link', 'regionCode', 'readAt', 'createdAt'])
    .orderBy('createdAt', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.pageSize)
    .offset((opts.page - 1) * opts.pageSize)
    .execute();
  return { total, unread, items };
}

/** Marks one of the actor's notifications read (404 for anyone else's). Reading one's own inbox is not audited. */
export async function markRead(deps: Deps, actor: Actor, id: string) {
  const res = await deps.db
    .updateTable('notification')
    .set({ readAt: deps.clock.nowIso() })
    .where('id', '=', id)
    .where('userId', '=', actor.userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) === 0) {
    const exists = await deps.db
      .selectFrom('notification')
      .select('id')
      .where('id', '=', id)
      .where('userId', '=', actor.userId)
      .executeTakeFirst();
    if (!exists) notFound('通知');
  }
}

export async function markAllRead(deps: Deps, actor: Actor) {
  const res = await deps.db
    .updateTable('notification')
    .set({ readAt: deps.clock.nowIso() })
    .where('userId', '=', actor.userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
