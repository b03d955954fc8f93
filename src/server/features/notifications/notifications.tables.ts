/** The notifications feature's table (one row per recipient). */
export interface NotificationTable {
  id: string;
  userId: string;
  kind: string;
  /** Chinese rendering of the notice (outbound channels, old rows). */
  title: string;
  body: string;
  /** JSON of the message parameters: the web renders `notice.<kind>.title|body` in the user's language. */
  params: string | null;
  entity: string | null;
  entityId: string | null;
  link: string | null;
  regionCode: string | null;
  dedupeKey: string;
  readAt: string | null;
  createdAt: string;
}

declare module '../../db/schema.js' {
  interface DB {
    notification: NotificationTable;
  }
}
