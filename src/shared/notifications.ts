/** The inbox API: shared by server and web (types from z.infer). */
import { z } from './zod.js';
import { idParams, pageFields } from './common.js';

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  /** Chinese rendering (old rows have only this). */
  title: z.string(),
  body: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  link: z.string().nullable(),
  regionCode: z.string().nullable(),
  /** The message and its parameters: `notice.<message>.title|body` in the locale tables; null on old rows. */
  params: z.object({ message: z.string(), values: z.record(z.string(), z.union([z.string(), z.number()])) }).nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type NotificationItem = z.infer<typeof notificationSchema>;

export const inboxQuery = z.strictObject({
  unread: z.enum(['true', 'false']).default('false'),
  ...pageFields(100),
});
export const inboxSchema = z.object({ total: z.number(), unread: z.number(), items: z.array(notificationSchema) });
export { idParams };
