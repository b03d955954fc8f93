/**
 * Campaigns (专项行动), self-inspection ledgers (自查台账) in four categories, clean-up tasks with
 * evidence, the sign-guide setting of a district, and in-app notifications (S-5, S-6, S-8, S-9).
 * Frozen once released: never import app code here.
 *
 * Ledgers, rows and tasks carry the denormalised region ancestors; queries add the node's own ancestors
 * as equalities (province = …, city = …, county = …), which makes every level a prefix of the same
 * index. Each ledger also carries counters of its rows (per category: total, verdicts, removals done,
 * tasks open/closed), kept in the transaction of every change, so a roll-up of a province sums about
 * 22,000 ledgers instead of grouping a million rows.
 */
import { sql, type Kysely } from 'kysely';

const ancestors = ['province_code', 'city_code', 'county_code', 'township_code', 'village_code'] as const;
const COUNTER_CATEGORIES = ['sign', 'mechanism', 'work_affair', 'certificate'] as const;
const COUNTER_KINDS = [
  'total',
  'keep',
  'cancel',
  'merge',
  'rectify',
  'removed_done',
  'tasks_open',
  'tasks_closed',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('campaign')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_level', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text')
    .addColumn('city_code', 'text')
    .addColumn('county_code', 'text')
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('previous_campaign_id', 'text')
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('launch_job_id', 'text')
    .addColumn('launched_at', 'text')
    .addColumn('ledger_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema.createIndex('campaign_region_idx').on('campaign').columns(['region_code', 'year']).execute();

  await db.schema
    .createTable('campaign_phase')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('clause', 'text', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('sort', 'integer', (c) => c.notNull())
    .addUniqueConstraint('campaign_phase_key_uq', ['campaign_id', 'key'])
    .execute();

  let ledger = db.schema
    .createTable('ledger')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('village_code', 'text', (c) => c.notNull())
    .addColumn('village_name', 'text', (c) => c.notNull())
    .addColumn('village_kind', 'text', (c) => c.notNull());
  for (const a of ancestors.slice(0, 4)) ledger = ledger.addColumn(a, 'text');
  // Per-ledger counters, kept in the transaction of every row change: roll-ups sum ledgers, not rows.
  for (const cat of COUNTER_CATEGORIES)
    for (const k of COUNTER_KINDS)
      ledger = ledger.addColumn(`n_${cat}_${k}`, 'integer', (c) => c.notNull().defaultTo(0));
  await ledger
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approval_stale', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('return_note', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'text')
    .addColumn('reviewed_at', 'text')
    .addColumn('reviewed_by', 'text')
    .addColumn('approved_at', 'text')
    .addColumn('previous_ledger_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('ledger_campaign_village_uq', ['campaign_id', 'village_code'])
    .execute();
  await db.schema
    .createIndex('ledger_scope_idx')
    .on('ledger')
    .columns([
      'campaign_id',
      'province_code',
      'city_code',
      'county_code',
      'township_code',
      'village_code',
      'status',
      'approval_stale',
    ])
    .execute();

  await db.schema
    .createTable('ledger_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('ledger_id', 'text', (c) => c.notNull().references('ledger.id').onDelete('cascade'))
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ledger_event_ledger_idx').on('ledger_event').columns(['ledger_id', 'at']).execute();

  let row = db.schema
    .createTable('ledger_row')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull())
    .addColumn('ledger_id', 'text', (c) => c.notNull().references('ledger.id').onDelete('cascade'))
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('imposed_by', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('fields', 'text', (c) => c.notNull())
    .addColumn('natural_key', 'text', (c) => c.notNull())
    .addColumn('fields_hash', 'text', (c) => c.notNull())
    .addColumn('suggested_verdict', 'text', (c) => c.notNull())
    .addColumn('suggestion_clause', 'text', (c) => c.notNull())
    .addColumn('suggestion_reason', 'text', (c) => c.notNull())
    .addColumn('suggestion_item_code', 'text')
    .addColumn('suggestion_item_name', 'text')
    .addColumn('match_kind', 'text')
    .addColumn('flags', 'text', (c) => c.notNull())
    .addColumn('catalog_version', 'text')
    .addColumn('judged_at', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text')
    .addColumn('decision', 'text')
    .addColumn('override_reason', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('workflow_status', 'text', (c) => c.notNull())
    .addColumn('cleanup_status', 'text', (c) => c.notNull())
    .addColumn('prev_row_id', 'text')
    .addColumn('prev_verdict', 'text')
    .addColumn('prev_fields_hash', 'text')
    .addColumn('change_kind', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('photo_file_id', 'text');
  for (const a of ancestors) row = row.addColumn(a, 'text');
  await row
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('ledger_row_ledger_idx')
    .on('ledger_row')
    .columns(['ledger_id', 'category', 'seq'])
    .execute();
  await db.schema
    .createIndex('ledger_row_key_uq')
    .on('ledger_row')
    .columns(['ledger_id', 'category', 'natural_key'])
    .unique()
    .execute();
  // Region scans of rows (next-cycle changes, township lists): every level is a prefix.
  await db.schema
    .createIndex('ledger_row_scope_idx')
    .on('ledger_row')
    .columns(['campaign_id', ...ancestors, 'category', 'change_kind'])
    .execute();
  await db.schema
    .createIndex('ledger_row_prev_idx')
    .on('ledger_row')
    .column('prev_row_id')
    .where(sql.ref('prev_row_id'), 'is not', null)
    .execute();

  let task = db.schema
    .createTable('cleanup_task')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('ledger_id', 'text', (c) => c.notNull())
    .addColumn('row_id', 'text', (c) => c.notNull().unique())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('phase_key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('clause', 'text', (c) => c.notNull())
    .addColumn('owner_kind', 'text', (c) => c.notNull())
    .addColumn('owner_department_id', 'text')
    .addColumn('owner_name', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('closure_note', 'text')
    .addColumn('closed_at', 'text')
    .addColumn('closed_by', 'text')
    .addColumn('evidence_count', 'integer', (c) => c.notNull().defaultTo(0));
  for (const a of ancestors) task = task.addColumn(a, 'text');
  await task
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('cleanup_task_scope_idx')
    .on('cleanup_task')
    .columns(['campaign_id', 'status', ...ancestors, 'deadline', 'category'])
    .execute();
  await db.schema.createIndex('cleanup_task_due_idx').on('cleanup_task').columns(['status', 'deadline']).execute();
  await db.schema
    .createIndex('cleanup_task_owner_idx')
    .on('cleanup_task')
    .columns(['owner_department_id', 'status'])
    .execute();

  await db.schema
    .createTable('task_evidence')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('task_id', 'text', (c) => c.notNull().references('cleanup_task.id').onDelete('cascade'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('file_id', 'text', (c) => c.notNull().references('stored_file.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('uploaded_by', 'text')
    .addColumn('uploaded_by_name', 'text')
    .addColumn('uploaded_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('task_evidence_revision_uq', ['task_id', 'revision'])
    .execute();

  await db.schema
    .createTable('sign_guide_setting')
    .addColumn('region_code', 'text', (c) => c.primaryKey())
    .addColumn('allowed_boards', 'text', (c) => c.notNull())
    .addColumn('inside_boards', 'text', (c) => c.notNull())
    .addColumn('max_village', 'integer', (c) => c.notNull())
    .addColumn('max_community', 'integer', (c) => c.notNull())
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('notification')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('entity', 'text')
    .addColumn('entity_id', 'text')
    .addColumn('link', 'text')
    .addColumn('region_code', 'text')
    .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('notification_user_idx')
    .on('notification')
    .columns(['user_id', 'read_at', 'created_at'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'notification',
    'sign_guide_setting',
    'task_evidence',
    'cleanup_task',
    'ledger_row',
    'ledger_event',
    'ledger',
    'campaign_phase',
    'campaign',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
