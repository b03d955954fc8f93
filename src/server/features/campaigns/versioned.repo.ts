/**
 * The optimistic write the campaigns tables share: every change bumps `version`, and a change made
 * against a version that has moved meanwhile changes nothing (the caller answers 409).
 */
import type { ExpressionBuilder, Kysely, Updateable } from 'kysely';
import type { DB } from '../../db/schema.js';

type VersionedTable = 'campaign' | 'ledgerRow' | 'cleanupTask' | 'signGuideSetting';

/**
 * Updates the row(s) matching `where` (and `version`, unless null) and bumps their version. True when
 * a row changed.
 */
export async function updateVersioned<T extends VersionedTable>(
  db: Kysely<DB>,
  table: T,
  where: Record<string, string>,
  version: number | null,
  patch: Omit<Updateable<DB[T]>, 'version'>,
): Promise<boolean> {
  // Kysely cannot type an update over a union of tables; the columns are checked by `patch`'s type.
  const untyped = db as unknown as Kysely<any>;
  let q = untyped
    .updateTable(table as string)
    .set((eb: ExpressionBuilder<any, any>) => ({ ...(patch as object), version: eb('version', '+', 1) }));
  for (const [column, value] of Object.entries(where)) q = q.where(column, '=', value);
  if (version !== null) q = q.where('version', '=', version);
  return Number((await q.executeTakeFirst()).numUpdatedRows) > 0;
}
