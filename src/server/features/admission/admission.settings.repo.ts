/** The SQL of a district's admission settings (review chain and working-day calendar). */
import type { Kysely } from 'kysely';
import './admission.tables.js';
import type { DB } from '../../db/schema.js';

export async function settingsOf(db: Kysely<DB>, countyCode: string) {
  return db.selectFrom('admissionSetting').selectAll().where('countyCode', '=', countyCode).executeTakeFirst();
}

/**
 * Writes the settings over those at `version`, or as the first ones (version null); false when another
 * writer got there first.
 */
export async function saveSettings(
  trx: Kysely<DB>,
  countyCode: string,
  version: number | null,
  s: { chainJson: string; calendarJson: string; updatedAt: string; updatedBy: string },
) {
  if (version === null) {
    await trx
      .insertInto('admissionSetting')
      .values({ countyCode, ...s, version: 1 })
      .execute();
    return true;
  }
  const res = await trx
    .updateTable('admissionSetting')
    .set({ ...s, version: version + 1 })
    .where('countyCode', '=', countyCode)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}
