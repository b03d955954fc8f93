/** The SQL of the inbox. */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { paginate, type PageRequest } from '../../db/paginate.js';
import type { NotificationTable } from './notifications.tables.js';
import './notifications.tables.js';

/** Inserts the notices that do not exist yet (by dedupe key); returns how many were new. */
export async function insertNew(db: Kysely<DB>, rows: NotificationTable[]): Promise<number> {
  let created = 0;
  for (let i = 0; i < rows.length; i += 300) {
    const res = await db
      .insertInto('notification')
      .values(rows.slice(i, i + 300))
      .onConflict((oc) => oc.column('dedupeKey').doNothing())
      .executeTakeFirst();
    created += Number(res.numInsertedOrUpdatedRows ?? 0);
  }
  return created;
}

export async function inboxPage(db: Kysely<DB>, userId: string, unreadOnly: boolean, page: PageRequest) {
  let q = db.selectFrom('notification').where('userId', '=', userId);
  if (unreadOnly) q = q.where('readAt', 'is', null);
  return paginate(q, page, (b) =>
    b
      .select([
        'id',
        'kind',
        'title',
        'body',
        'params',
        'entity',
        'entityId',
        'link',
        'regionCode',
        'readAt',
        'createdAt',
      ])
      .orderBy('createdAt', 'desc')
      .orderBy('id', 'desc'),
  );
}

export async function unreadCount(db: Kysely<DB>, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notification')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Marks read; returns whether the notice is the user's (read now or before). */
export async function markRead(db: Kysely<DB>, userId: string, id: string, at: string): Promise<boolean> {
  const res = await db
    .updateTable('notification')
    .set({ readAt: at })
    .where('id', '=', id)
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) > 0) return true;
  const mine = await db
    .selectFrom('notification')
    .select('id')
    .where('id', '=', id)
    .where('userId', '=', userId)
    .executeTakeFirst();
  return !!mine;
}

export async function markAllRead(db: Kysely<DB>, userId: string, at: string): Promise<number> {
  const res = await db
    .updateTable('notification')
    .set({ readAt: at })
    .where('userId', '=', userId)
    .where('readAt', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
