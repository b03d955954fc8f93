/** SQL of the catalog generation (the cache stamp) and of the stored version snapshots. */
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { parse } from './catalogs.repo.js';

const GENERATION_QUERY = CompiledQuery.raw('select generation from catalog_generation where id = 1');

/** The catalog generation (bumped by triggers on every write to the catalog and region tables). */
export async function catalogGeneration(db: Kysely<DB>): Promise<string> {
  const r = await db.executeQuery<{ generation: number | string }>(GENERATION_QUERY);
  return String(r.rows[0]?.generation ?? 0);
}

/** Stores a version snapshot once (ignores a concurrent insert of the same id). */
export async function ensureVersion(db: Kysely<DB>, v: DB['catalogVersion']) {
  await db
    .insertInto('catalogVersion')
    .values(v)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

const toVersion = (r: DB['catalogVersion']) => ({
  id: r.id,
  catalogIds: parse<string[]>(r.catalogIdsJson, []),
  revisionIds: parse<string[]>(r.revisionIdsJson, []),
  itemCount: Number(r.itemCount),
  createdAt: r.createdAt,
});

export async function versionById(db: Kysely<DB>, id: string) {
  const r = await db.selectFrom('catalogVersion').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? toVersion(r) : null;
}
