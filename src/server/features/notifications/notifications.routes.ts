import { z } from '../../../shared/zod.js';
import { idParams, inboxQuery, inboxSchema } from '../../../shared/notifications.js';
import type { Routes } from '../feature.js';
import { authed, route, session, typed, withQuery } from '../../http/route.js';
import * as notifications from './notifications.service.js';

const tags = ['通知'];

export const notificationsRoutes: Routes = (app, deps) => {
  const r = typed(app);
  r.get(
    '/api/notifications',
    route(session, tags, '本人的站内通知（整改提醒、台账退回/通过等）', withQuery(inboxQuery, inboxSchema)),
    async (req) =>
      notifications.listNotifications(deps, authed(req).actor, { ...req.query, unread: req.query.unread === 'true' }),
  );
  r.post(
    '/api/notifications/:id/read',
    route(session, tags, '标记一条通知为已读', {
      params: idParams,
      response: { 200: z.object({ ok: z.literal(true) }) },
    }),
    async (req) => {
      await notifications.markRead(deps, authed(req).actor, req.params.id);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/notifications/read-all',
    route(session, tags, '全部标记为已读', { response: { 200: z.object({ updated: z.number() }) } }),
    async (req) => ({ updated: await notifications.markAllRead(deps, authed(req).actor) }),
  );
};
