/**
 * Notifications carry their message key parameters, so the web renders a notice in the user's language
 * (the stored title and body stay as the Chinese rendering, for outbound channels and old rows).
 * Frozen once released: never import app code here.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification').addColumn('params', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('notification').dropColumn('params').execute();
}
