/**
 * Admission gate (准入, S-7): requests from departments, their frozen revisions, the review chain,
 * the event log, village flags of un-admitted tasks, district settings and expiry reminders.
 * Frozen once released: never import app code here.
 */
import type { Kysely } from 'kysely';
import { appendOnly } from './_columns.js';

const ancestors = ['province_code', 'city_code', 'county_code', 'township_code', 'village_code'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  let req = db.schema
    .createTable('admission_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('department_id', 'text')
    .addColumn('department_name', 'text', (c) => c.notNull())
    .addColumn('filed_by', 'text', (c) => c.notNull())
    .addColumn('filed_by_name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull());
  for (const a of ancestors) req = req.addColumn(a, 'text');
  await req
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('precheck_json', 'text')
    .addColumn('precheck_outcome', 'text')
    .addColumn('catalog_version_id', 'text')
    .addColumn('needs_government', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('current_step', 'text')
    .addColumn('decision', 'text')
    .addColumn('decision_reason', 'text')
    .addColumn('conditions', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('decided_by_body', 'text')
    .addColumn('approved_revision', 'integer')
    .addColumn('approved_hash', 'text')
    .addColumn('effective_from', 'text')
    .addColumn('expires_on', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('withdrawn_by_name', 'text')
    .addColumn('withdraw_reason', 'text')
    .addColumn('adjustment_id', 'text')
    .addColumn('adjustment_note', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('admission_request_county_status_idx')
    .on('admission_request')
    .columns(['county_code', 'status'])
    .execute();
  await db.schema
    .createIndex('admission_request_department_idx')
    .on('admission_request')
    .columns(['department_id', 'status'])
    .execute();
  await db.schema
    .createIndex('admission_request_expires_idx')
    .on('admission_request')
    .columns(['status', 'expires_on'])
    .execute();

  let target = db.schema
    .createTable('admission_target')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('admission_request.id').onDelete('cascade'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_name', 'text', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull());
  for (const a of ancestors) target = target.addColumn(a, 'text');
  await target.addUniqueConstraint('admission_target_uq', ['request_id', 'region_code']).execute();
  for (const col of ['region_code', 'county_code', 'township_code', 'village_code']) {
    await db.schema
      .createIndex(`admission_target_${col}_idx`)
      .on('admission_target')
      .columns([col, 'request_id'])
      .execute();
  }

  await db.schema
    .createTable('admission_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('admission_request.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text', (c) => c.notNull())
    .addColumn('submitted_by', 'text', (c) => c.notNull())
    .addColumn('submitted_by_name', 'text', (c) => c.notNull())
    .addUniqueConstraint('admission_revision_uq', ['request_id', 'revision'])
    .execute();
  await appendOnly(db, 'admission_revision');

  await db.schema
    .createTable('admission_step')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('admission_request.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('step', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'text')
    .addColumn('assignee_name', 'text')
    .addColumn('working_days', 'integer', (c) => c.notNull())
    .addColumn('opened_at', 'text')
    .addColumn('opened_on', 'text')
    .addColumn('due_on', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_by_name', 'text')
    .addColumn('action', 'text')
    .addColumn('comment', 'text')
    .addColumn('conditions', 'text')
    .addColumn('reason', 'text')
    .addUniqueConstraint('admission_step_uq', ['request_id', 'revision', 'seq'])
    .execute();
  await db.schema
    .createIndex('admission_step_open_idx')
    .on('admission_step')
    .columns(['status', 'step', 'region_code'])
    .execute();

  await db.schema
    .createTable('admission_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('admission_request.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text')
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('step', 'text')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('admission_event_request_idx')
    .on('admission_event')
    .columns(['request_id', 'at'])
    .execute();
  await appendOnly(db, 'admission_event');

  let flag = db.schema
    .createTable('admission_flag')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_name', 'text', (c) => c.notNull());
  for (const a of ancestors) flag = flag.addColumn(a, 'text');
  await flag
    .addColumn('department_id', 'text')
    .addColumn('department_name', 'text', (c) => c.notNull())
    .addColumn('task_title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('received_on', 'text', (c) => c.notNull())
    .addColumn('request_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('flagged_by', 'text', (c) => c.notNull())
    .addColumn('flagged_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  for (const col of ['county_code', 'township_code', 'village_code', 'department_id']) {
    await db.schema.createIndex(`admission_flag_${col}_idx`).on('admission_flag').column(col).execute();
  }

  await db.schema
    .createTable('admission_setting')
    .addColumn('county_code', 'text', (c) => c.primaryKey())
    .addColumn('chain_json', 'text', (c) => c.notNull())
    .addColumn('calendar_json', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('admission_counter')
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('admission_counter_pk', ['scope', 'year'])
    .execute();

  await db.schema
    .createTable('admission_reminder')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('request_id', 'text', (c) => c.notNull().references('admission_request.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('admission_reminder_uq', ['request_id', 'kind', 'expires_on'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'admission_reminder',
    'admission_counter',
    'admission_setting',
    'admission_flag',
    'admission_event',
    'admission_step',
    'admission_revision',
    'admission_target',
    'admission_request',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
