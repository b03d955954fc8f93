/**
 * Certificate desk (证明, S-6.2): issued certificates (the register 证明开具台账) with SM4-encrypted
 * personal data, refusal slips and promise forms, the per-village serial counter, the append-only
 * event log, evidence of de-listed certificates still demanded, and the district's 告知承诺 item flags.
 * Frozen once released: never import app code here.
 */
import type { Kysely } from 'kysely';
import { appendOnly } from './_columns.js';

const ancestors = ['province_code', 'city_code', 'county_code', 'township_code', 'village_code'] as const;

export async function up(db: Kysely<any>): Promise<void> {
  let cert = db.schema
    .createTable('certificate')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('serial', 'text', (c) => c.notNull().unique())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_name', 'text', (c) => c.notNull());
  for (const a of ancestors) cert = cert.addColumn(a, 'text');
  await cert
    .addColumn('request_text', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text')
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('catalog_id', 'text')
    .addColumn('catalog_version_id', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('template_code', 'text', (c) => c.notNull())
    .addColumn('holder_name_enc', 'text', (c) => c.notNull())
    .addColumn('holder_name_index', 'text', (c) => c.notNull())
    .addColumn('holder_name_masked', 'text', (c) => c.notNull())
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_index', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_index', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('demander', 'text')
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('signer_name', 'text', (c) => c.notNull())
    .addColumn('deliberation_json', 'text')
    .addColumn('sign_off_json', 'text')
    .addColumn('verification_code', 'text', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_by_name', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'text', (c) => c.notNull())
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .addColumn('revoked_by_name', 'text')
    .addColumn('revoke_reason', 'text')
    .addColumn('print_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('certificate_village_year_seq_uq', ['region_code', 'year', 'seq'])
    .execute();
  for (const col of [
    'county_code',
    'township_code',
    'village_code',
    'id_number_index',
    'phone_index',
    'holder_name_index',
  ]) {
    await db.schema.createIndex(`certificate_${col}_idx`).on('certificate').column(col).execute();
  }
  await db.schema
    .createIndex('certificate_issued_on_idx')
    .on('certificate')
    .columns(['village_code', 'issued_on'])
    .execute();

  let desk = db.schema
    .createTable('certificate_case')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_name', 'text', (c) => c.notNull());
  for (const a of ancestors) desk = desk.addColumn(a, 'text');
  await desk
    .addColumn('request_text', 'text', (c) => c.notNull())
    .addColumn('verdict', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text')
    .addColumn('item_name', 'text')
    .addColumn('item_kind', 'text')
    .addColumn('catalog_id', 'text')
    .addColumn('catalog_title', 'text')
    .addColumn('item_basis', 'text')
    .addColumn('catalog_version_id', 'text', (c) => c.notNull())
    .addColumn('alternative_channel', 'text')
    .addColumn('guidance', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('holder_name_enc', 'text')
    .addColumn('holder_name_masked', 'text')
    .addColumn('id_number_enc', 'text')
    .addColumn('id_number_index', 'text')
    .addColumn('id_number_masked', 'text')
    .addColumn('phone_enc', 'text')
    .addColumn('phone_index', 'text')
    .addColumn('phone_masked', 'text')
    .addColumn('purpose', 'text')
    .addColumn('demander', 'text')
    .addColumn('promise_text', 'text')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_on', 'text', (c) => c.notNull())
    .execute();
  for (const col of ['county_code', 'township_code', 'village_code']) {
    await db.schema.createIndex(`certificate_case_${col}_idx`).on('certificate_case').columns([col, 'kind']).execute();
  }

  await db.schema
    .createTable('certificate_counter')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('certificate_counter_pk', ['region_code', 'year', 'kind'])
    .execute();

  await db.schema
    .createTable('certificate_event')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('certificate_id', 'text', (c) => c.notNull().references('certificate.id'))
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('actor_name', 'text')
    .addColumn('copy_no', 'integer')
    .addColumn('note', 'text')
    .execute();
  await db.schema
    .createIndex('certificate_event_cert_idx')
    .on('certificate_event')
    .columns(['certificate_id', 'at'])
    .execute();
  await appendOnly(db, 'certificate_event');

  let demand = db.schema
    .createTable('certificate_demand')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('region_name', 'text', (c) => c.notNull());
  for (const a of ancestors) demand = demand.addColumn(a, 'text');
  await demand
    .addColumn('demander_name', 'text', (c) => c.notNull())
    .addColumn('demander_key', 'text', (c) => c.notNull())
    .addColumn('demander_kind', 'text', (c) => c.notNull())
    .addColumn('certificate_name', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text')
    .addColumn('item_name', 'text')
    .addColumn('item_kind', 'text')
    .addColumn('catalog_version_id', 'text', (c) => c.notNull())
    .addColumn('demanded_on', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('case_id', 'text')
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  for (const col of ['county_code', 'township_code', 'village_code', 'demander_key']) {
    await db.schema.createIndex(`certificate_demand_${col}_idx`).on('certificate_demand').column(col).execute();
  }

  await db.schema
    .createTable('certificate_promise_item')
    .addColumn('county_code', 'text', (c) => c.notNull())
    .addColumn('item_code', 'text', (c) => c.notNull())
    .addColumn('item_name', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('updated_by_name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint('certificate_promise_item_pk', ['county_code', 'item_code'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'certificate_promise_item',
    'certificate_demand',
    'certificate_event',
    'certificate_counter',
    'certificate_case',
    'certificate',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
