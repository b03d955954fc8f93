/**
 * A campaign phase remembers the date it was moved from when the campaign started after it (the plan's
 * 08-10 and 12-10 defaults): the deadline becomes relative to the launch and the UI warns.
 * Frozen once released: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaignPhase').addColumn('movedFrom', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaignPhase').dropColumn('movedFrom').execute();
}
