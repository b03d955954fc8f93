/**
 * A catalog generation counter: one row, bumped by triggers on every write to the tables an effective
 * catalog (and a public answer about it) is computed from: catalogs, items, revisions, adoptions,
 * adjustments (their publication) and regions. Readers cache per generation, so a change made by
 * any process (or by a CLI, or by hand in SQL) is seen on the next read.
 * Frozen once released: never import app code here.
 */
import { sql, type Kysely } from 'kysely';
import { bigintType, isPostgres } from './_columns.js';

const TABLES = [
  'catalog',
  'catalog_item',
  'catalog_item_revision',
  'catalog_adoption',
  'catalog_adjustment',
  'region',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('catalog_generation')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', bigintType(db), (c) => c.notNull())
    .execute();
  await db.insertInto('catalog_generation').values({ id: 1, generation: 0 }).execute();
  const bump = 'update catalog_generation set generation = generation + 1 where id = 1';
  if (isPostgres(db)) {
    await sql
      .raw(
        `create or replace function catalog_generation_bump() returns trigger as $$ begin ${bump}; return null; end; $$ language plpgsql`,
      )
      .execute(db);
    for (const t of TABLES) {
      // Statement level: one bump per statement (a bulk insert bumps once); TRUNCATE included.
      await sql
        .raw(
          `create trigger ${t}_generation after insert or update or delete or truncate on ${t} for each statement execute function catalog_generation_bump()`,
        )
        .execute(db);
    }
  } else {
    for (const t of TABLES) {
      for (const op of ['insert', 'update', 'delete']) {
        await sql.raw(`create trigger ${t}_generation_${op} after ${op} on ${t} begin ${bump}; end`).execute(db);
      }
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) {
    for (const t of TABLES) await sql.raw(`drop trigger if exists ${t}_generation on ${t}`).execute(db);
    await sql.raw('drop function if exists catalog_generation_bump()').execute(db);
  } else {
    for (const t of TABLES)
      for (const op of ['insert', 'update', 'delete'])
        await sql.raw(`drop trigger if exists ${t}_generation_${op}`).execute(db);
  }
  await db.schema.dropTable('catalog_generation').execute();
}
