import { z } from '../../../shared/zod.js';
import { typed, type Feature } from '../feature.js';
import { actorOf } from '../../http/policy.js';
import * as notifications from './notifications.service.js';

const tags = ['通知'];
const session = { access: 'session' } as const;
const item = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  link: z.string().nullable(),
  regionCode: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});

export const notificationsRoutes: Feature = (app, deps) => {
  const r = typed(app);
  r.get(
    '/api/notifications',
    {
      config: { policy: session },
      schema: {
        tags,
        summary: '本人的站内通知（整改提醒、台账退回/通过等）',
        querystring: z.strictObject({
          unread: z.enum(['true', 'false']).default('false'),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(100).default(20),
        }),
        response: { 200: z.object({ total: z.number(), unread: z.number(), items: z.array(item) }) },
      },
    },
    async (req) =>
      notifications.listNotifications(deps, actorOf(req), {
        unread: req.query.unread === 'true',
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
  );

  r.post(
    '/api/notifications/:id/read',
    {
      config: { policy: session },
      schema: {
        tags,
        summary: '标记一条通知为已读',
        params: z.strictObject({ id: z.string().min(1).max(100) }),
        response: { 200: z.object({ ok: z.literal(true) }) },
      },
    },
    async (req) => {
      await notifications.markRead(deps, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  r.post(
    '/api/notifications/read-all',
    {
      config: { policy: session },
      schema: { tags, summary: '全部标记为已读', response: { 200: z.object({ updated: z.number() }) } },
    },
    async (req) => ({ updated: await notifications.markAllRead(deps, actorOf(req)) }),
  );
};
