import type { Kysely } from 'kysely';
import { pinyin } from 'pinyin-pro';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { LEVEL_COLUMN, visibleTo } from '../../core/scope.js';
import { containsInsensitive } from '../../db/dialect.js';
import type { RegionLevel } from '../../../shared/roles.js';
import { ancestorsOf, kindOf, levelOf, parentOf, type Region } from './regions.model.js';

const COLUMNS = [
  'code',
  'name',
  'level',
  'kind',
  'parentCode',
  'provinceCode',
  'cityCode',
  'countyCode',
  'townshipCode',
  'villageCode',
] as const;

const toRegion = (r: Record<(typeof COLUMNS)[number], string | null>): Region => ({
  ...(r as any),
  level: r.level as RegionLevel,
});

export const initialsOf = (name: string) =>
  pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' }).join('').toLowerCase();

export async function findVisible(db: Kysely<DB>, actor: Actor, code: string): Promise<Region | null> {
  const r = await db
    .selectFrom('region')
    .select(COLUMNS)
    .where('code', '=', code)
    .where(visibleTo(actor, 'regions.read'))
    .executeTakeFirst();
  return r ? toRegion(r) : null;
}

export async function findByCode(db: Kysely<DB>, code: string): Promise<Region | null> {
  const r = await db.selectFrom('region').select(COLUMNS).where('code', '=', code).executeTakeFirst();
  return r ? toRegion(r) : null;
}

export async function childrenVisible(db: Kysely<DB>, actor: Actor, code: string) {
  const rows = await db
    .selectFrom('region')
    .select([
      ...COLUMNS,
      (eb) =>
        eb
          .selectFrom('region as c')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('c.parentCode', '=', 'region.code')
          .as('childCount'),
    ])
    .where('parentCode', '=', code)
    .where(visibleTo(actor, 'regions.read'))
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ ...toRegion(r), childCount: Number(r.childCount ?? 0) }));
}

export async function searchVisible(
  db: Kysely<DB>,
  actor: Actor,
  q: string,
  level: RegionLevel | undefined,
  limit: number,
) {
  let query = db.selectFrom('region').select(COLUMNS).where(visibleTo(actor, 'regions.read'));
  // Digits search the division code by prefix (a padded 140404000000 still finds itself); text searches
  // the name and the pinyin initials (hd → 韩店).
  if (/^\d+$/.test(q)) query = query.where('code', 'like', `${q}%`);
  else if (q)
    query = query.where((eb) =>
      eb.or([containsInsensitive(eb.ref('name'), q), containsInsensitive(eb.ref('pinyinInitials'), q)]),
    );
  if (level) query = query.where('level', '=', level);
  const rows = await query.orderBy('code').limit(limit).execute();
  return rows.map(toRegion);
}

/** Which of `codes` exist (in chunks, to stay under the bound-parameter limits). */
export async function existingCodes(db: Kysely<DB>, codes: string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < codes.length; i += 500) {
    const found = await db
      .selectFrom('region')
      .select('code')
      .where('code', 'in', codes.slice(i, i + 500))
      .execute();
    for (const f of found) out.add(f.code);
  }
  return out;
}

/** How many regions of each level lie under a node (the node itself excluded). */
export async function countByLevelUnder(
  db: Kysely<DB>,
  code: string,
  level: RegionLevel,
): Promise<Partial<Record<RegionLevel, number>>> {
  const col = LEVEL_COLUMN[level];
  const rows = await db
    .selectFrom('region')
    .select(['level', (eb) => eb.fn.countAll<number>().as('n')])
    .where(col, '=', code)
    .where('code', '!=', code)
    .groupBy('level')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.level, Number(r.n)]));
}

export interface RegionInput {
  code: string;
  name: string;
  source: string;
}

/**
 * Inserts or renames regions (parents must come first or already exist). Returns what changed, so the
 * caller can audit it and a second identical import changes nothing.
 */
export async function upsertRegions(db: Kysely<DB>, rows: RegionInput[], now: string) {
  const existing = new Map<string, string>();
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500).map((r) => r.code);
    const found = await db.selectFrom('region').select(['code', 'name']).where('code', 'in', chunk).execute();
    for (const f of found) existing.set(f.code, f.name);
  }
  const inserted: string[] = [];
  const renamed: { code: string; from: string; to: string }[] = [];
  const toInsert = [];
  for (const r of rows) {
    const before = existing.get(r.code);
    if (before === undefined) {
      const level = levelOf(r.code);
      toInsert.push({
        code: r.code,
        name: r.name,
        level,
        kind: kindOf(r.code, level),
        parentCode: parentOf(r.code, level),
        ...ancestorsOf(r.code, level),
        pinyinInitials: initialsOf(r.name),
        source: r.source,
        active: 1,
        createdAt: now,
        updatedAt: now,
        version: 1,
      });
      inserted.push(r.code);
      existing.set(r.code, r.name);
    } else if (before !== r.name) {
      await db
        .updateTable('region')
        .set((eb) => ({
          name: r.name,
          pinyinInitials: initialsOf(r.name),
          updatedAt: now,
          version: eb('version', '+', 1),
        }))
        .where('code', '=', r.code)
        .execute();
      renamed.push({ code: r.code, from: before, to: r.name });
    }
  }
  for (let i = 0; i < toInsert.length; i += 200)
    await db
      .insertInto('region')
      .values(toInsert.slice(i, i + 200))
      .execute();
  return { inserted, renamed };
}

// ───────────────────────────── the directory other features read (regions.service) ─────────────────────────────

/** Regions by code (unscoped: the caller has already scoped its own rows), chunked for long lists. */
export async function byCodes(db: Kysely<DB>, codes: string[]): Promise<Map<string, Region>> {
  const out = new Map<string, Region>();
  const all = [...new Set(codes.filter(Boolean))];
  for (let i = 0; i < all.length; i += 500)
    for (const r of await db
      .selectFrom('region')
      .select(COLUMNS)
      .where('code', 'in', all.slice(i, i + 500))
      .execute())
      out.set(r.code, toRegion(r));
  return out;
}

/** Active villages and communities under a node (by the node's ancestor column), in code order. */
export async function villagesUnder(db: Kysely<DB>, code: string, level: RegionLevel): Promise<Region[]> {
  const rows = await db
    .selectFrom('region')
    .select(COLUMNS)
    .where(LEVEL_COLUMN[level], '=', code)
    .where('level', 'in', ['village', 'community'])
    .where('active', '=', 1)
    .orderBy('code')
    .execute();
  return rows.map(toRegion);
}

/** Active villages and communities whose name contains `q` (the public report form's village picker; names are public). */
export async function searchVillagesPublic(db: Kysely<DB>, q: string, limit: number) {
  const rows = await db
    .selectFrom('region')
    .select(COLUMNS)
    .where('level', 'in', ['village', 'community'])
    .where('active', '=', 1)
    .where((eb) => eb.or([containsInsensitive(eb.ref('name'), q), containsInsensitive(eb.ref('pinyinInitials'), q)]))
    .orderBy('code')
    .limit(limit)
    .execute();
  return rows.map(toRegion);
}
