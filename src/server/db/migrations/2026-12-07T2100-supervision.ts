/**
 * Supervision (S-9, S-10): burden reports and the cases they become (public reports with a tracking code,
 * village flags turned into cases), their append-only step log, and their photos (in stored_file).
 * Reporter name and contact and the report text are SM4-encrypted with masks beside them.
 * Frozen once released: never import app code here.
 */
import type { Kysely } from 'kysely';
import { appendOnly } from './_columns.js';

const ancestors = ['province_code', 'city_code', 'county_code', 'township_code', 'village_code'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  let c = db.schema
    .createTable('supervision_case')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('code', 'text', (col) => col.notNull().unique())
    .addColumn('source', 'text', (col) => col.notNull())
    .addColumn('flag_id', 'text', (col) => col.unique())
    .addColumn('category', 'text', (col) => col.notNull())
    .addColumn('region_code', 'text', (col) => col.notNull())
    .addColumn('region_name', 'text', (col) => col.notNull());
  for (const a of ancestors) c = c.addColumn(a, 'text');
  await c
    .addColumn('body_concerned', 'text', (col) => col.notNull())
    .addColumn('description_enc', 'text', (col) => col.notNull())
    .addColumn('happened_on', 'text')
    .addColumn('anonymous', 'integer', (col) => col.notNull())
    .addColumn('reporter_name_enc', 'text')
    .addColumn('reporter_name_masked', 'text')
    .addColumn('contact_enc', 'text')
    .addColumn('contact_masked', 'text')
    .addColumn('address_hash', 'text')
    .addColumn('status', 'text', (col) => col.notNull())
    .addColumn('assignee_kind', 'text')
    .addColumn('assignee_id', 'text')
    .addColumn('assignee_name', 'text')
    .addColumn('due_on', 'text')
    .addColumn('finding_note', 'text')
    .addColumn('correction', 'text')
    .addColumn('answers_json', 'text', (col) => col.notNull())
    .addColumn('answered_on', 'text')
    .addColumn('rating', 'text')
    .addColumn('reopen_count', 'integer', (col) => col.notNull().defaultTo(0))
    .addColumn('merged_into', 'text')
    .addColumn('created_at', 'text', (col) => col.notNull())
    .addColumn('updated_at', 'text', (col) => col.notNull())
    .addColumn('version', 'integer', (col) => col.notNull().defaultTo(1))
    .execute();
  for (const col of ['county_code', 'township_code', 'assignee_id', 'address_hash'])
    await db.schema.createIndex(`supervision_case_${col}_idx`).on('supervision_case').column(col).execute();

  await db.schema
    .createTable('supervision_step')
    .addColumn('id', 'text', (col) => col.primaryKey())
    .addColumn('case_id', 'text', (col) => col.notNull().references('supervision_case.id'))
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addColumn('kind', 'text', (col) => col.notNull())
    .addColumn('at', 'text', (col) => col.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('note', 'text')
    .addColumn('params_json', 'text', (col) => col.notNull())
    .addUniqueConstraint('supervision_step_case_seq_uq', ['case_id', 'seq'])
    .execute();
  await appendOnly(db, 'supervision_step');

  await db.schema
    .createTable('supervision_photo')
    .addColumn('case_id', 'text', (col) => col.notNull().references('supervision_case.id'))
    .addColumn('file_id', 'text', (col) => col.notNull())
    .addColumn('seq', 'integer', (col) => col.notNull())
    .addPrimaryKeyConstraint('supervision_photo_pk', ['case_id', 'file_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('supervision_photo').execute();
  await db.schema.dropTable('supervision_step').execute();
  await db.schema.dropTable('supervision_case').execute();
}
