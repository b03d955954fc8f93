import type { Kysely } from 'kysely';
import { appendOnly } from './_columns.js';

/**
 * Catalogs: lists (catalog), items with stable codes (catalog_item), immutable dated revisions per layer
 * (catalog_item_revision), catalog adoptions per layer (catalog_adoption), the adjustment workflow
 * (catalog_adjustment) and stored version snapshots (catalog_version). See docs/catalogs.md.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('layer', 'text', (c) => c.notNull())
    .addColumn('province', 'text')
    .addColumn('scope_code', 'text')
    .addColumn('owner_region_code', 'text', (c) => c.references('region.code'))
    .addColumn('year', 'integer')
    .addColumn('source_url', 'text')
    .addColumn('secondary_sources', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('completeness', 'text')
    .addColumn('complete', 'integer', (c) => c.notNull())
    .addColumn('completeness_note', 'text', (c) => c.notNull())
    .addColumn('adopted_by_default', 'integer', (c) => c.notNull())
    .addColumn('effective_from', 'text')
    .addColumn('date_note', 'text')
    .addColumn('code_prefix', 'text')
    .addColumn('extra_json', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();

  await db.schema
    .createTable('catalog_item')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalog.id'))
    .addColumn('origin_region_code', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('catalog_item_catalog_idx').on('catalog_item').column('catalog_id').execute();

  await db.schema
    .createTable('catalog_item_revision')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('item_id', 'text', (c) => c.notNull().references('catalog_item.id'))
    .addColumn('revision', 'integer', (c) => c.notNull())
    .addColumn('region_code', 'text')
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text')
    .addColumn('fields_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('adjustment_id', 'text')
    .addColumn('import_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addUniqueConstraint('catalog_item_revision_item_rev_uq', ['item_id', 'revision'])
    .execute();
  await db.schema
    .createIndex('catalog_item_revision_region_idx')
    .on('catalog_item_revision')
    .column('region_code')
    .execute();
  await appendOnly(db, 'catalog_item_revision');

  await db.schema
    .createTable('catalog_adoption')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalog_id', 'text', (c) => c.notNull().references('catalog.id'))
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('adjustment_id', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .execute();
  await db.schema.createIndex('catalog_adoption_region_idx').on('catalog_adoption').column('region_code').execute();
  await appendOnly(db, 'catalog_adoption');

  await db.schema
    .createTable('catalog_adjustment')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('target_region_code', 'text', (c) => c.notNull().references('region.code'))
    .addColumn('target_level', 'text', (c) => c.notNull())
    .addColumn('province_code', 'text')
    .addColumn('city_code', 'text')
    .addColumn('county_code', 'text')
    .addColumn('township_code', 'text')
    .addColumn('village_code', 'text')
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('catalog_id', 'text', (c) => c.references('catalog.id'))
    .addColumn('item_id', 'text')
    .addColumn('item_code', 'text')
    .addColumn('item_name', 'text')
    .addColumn('changes_json', 'text')
    .addColumn('reason_type', 'text', (c) => c.notNull())
    .addColumn('reason_note', 'text')
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('effective_date', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposer_id', 'text', (c) => c.notNull())
    .addColumn('proposer_name', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('approver_id', 'text')
    .addColumn('approver_name', 'text')
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('published_at', 'text')
    .addColumn('published_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await db.schema
    .createIndex('catalog_adjustment_status_idx')
    .on('catalog_adjustment')
    .columns(['status', 'effective_from'])
    .execute();
  await db.schema.createIndex('catalog_adjustment_county_idx').on('catalog_adjustment').column('county_code').execute();
  await db.schema
    .createIndex('catalog_adjustment_township_idx')
    .on('catalog_adjustment')
    .column('township_code')
    .execute();
  await db.schema.createIndex('catalog_adjustment_item_idx').on('catalog_adjustment').column('item_id').execute();

  await db.schema
    .createTable('catalog_version')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('catalog_ids_json', 'text', (c) => c.notNull())
    .addColumn('revision_ids_json', 'text', (c) => c.notNull())
    .addColumn('item_count', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'catalog_version',
    'catalog_adjustment',
    'catalog_adoption',
    'catalog_item_revision',
    'catalog_item',
    'catalog',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
