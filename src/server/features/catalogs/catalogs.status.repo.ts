/** The SQL of catalog completeness (catalog_kind_status). */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CatalogKindStatusTable } from './catalogs.status.tables.js';
import './catalogs.status.tables.js';

/** The statuses set at any of the given layers. */
export const statusesAt = (db: Kysely<DB>, layers: string[]): Promise<CatalogKindStatusTable[]> =>
  layers.length
    ? db.selectFrom('catalogKindStatus').selectAll().where('regionCode', 'in', layers).execute()
    : Promise.resolve([]);

export const statusOf = (db: Kysely<DB>, regionCode: string, kind: string) =>
  db
    .selectFrom('catalogKindStatus')
    .selectAll()
    .where('regionCode', '=', regionCode)
    .where('kind', '=', kind)
    .executeTakeFirst();

export const insertStatus = (db: Kysely<DB>, row: CatalogKindStatusTable) =>
  db.insertInto('catalogKindStatus').values(row).execute();

/** Updates when the version matches; false when someone else changed it first. */
export async function updateStatus(
  db: Kysely<DB>,
  row: CatalogKindStatusTable,
  expectedVersion: number,
): Promise<boolean> {
  const res = await db
    .updateTable('catalogKindStatus')
    .set({ ...row, version: expectedVersion + 1 })
    .where('regionCode', '=', row.regionCode)
    .where('kind', '=', row.kind)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
