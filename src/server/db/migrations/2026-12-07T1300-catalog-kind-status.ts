/**
 * How complete each kind of catalog is for a district or township (S-9, issue 9): complete, partial or
 * missing, set by the district when it imports official tables or adopts a list. A verdict that rests on
 * "not in the catalog" is only trusted where the kind is complete. Writes bump the catalog generation
 * (judgements are cached per generation). Frozen once released: never import app code here.
 */
import { sql, type Kysely } from 'kysely';
import { isPostgres } from './_columns.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_kind_status')
    .addColumn('region_code', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('catalog_id', 'text')
    .addColumn('set_by', 'text')
    .addColumn('set_by_name', 'text')
    .addColumn('set_at', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('catalog_kind_status_pk', ['region_code', 'kind'])
    .execute();
  const bump = 'update catalog_generation set generation = generation + 1 where id = 1';
  if (isPostgres(db))
    await sql
      .raw(
        `create trigger catalog_kind_status_generation after insert or update or delete or truncate on catalog_kind_status for each statement execute function catalog_generation_bump()`,
      )
      .execute(db);
  else
    for (const op of ['insert', 'update', 'delete'])
      await sql
        .raw(
          `create trigger catalog_kind_status_generation_${op} after ${op} on catalog_kind_status begin ${bump}; end`,
        )
        .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db))
    await sql.raw('drop trigger if exists catalog_kind_status_generation on catalog_kind_status').execute(db);
  else
    for (const op of ['insert', 'update', 'delete'])
      await sql.raw(`drop trigger if exists catalog_kind_status_generation_${op}`).execute(db);
  await db.schema.dropTable('catalog_kind_status').execute();
}
