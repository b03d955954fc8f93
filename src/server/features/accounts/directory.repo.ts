/**
 * The SQL of the accounts directory: who holds which role where, departments and their officers. Read by
 * other features only through `directory.ts`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import type { RegionLevel, Role } from '../../../shared/roles.js';

const CHUNK = 500;
const chunks = <T>(xs: T[]) =>
  Array.from({ length: Math.ceil(xs.length / CHUNK) }, (_, i) => xs.slice(i * CHUNK, (i + 1) * CHUNK));

/** The regions where `role` is held by an active user. */
export async function regionsWithRole(db: Kysely<DB>, role: string): Promise<string[]> {
  const rows = await db
    .selectFrom('grant')
    .innerJoin('appUser', 'appUser.id', 'grant.userId')
    .select('grant.regionCode')
    .distinct()
    .where('grant.role', '=', role)
    .where('appUser.status', '=', 'active')
    .execute();
  return rows.map((r) => r.regionCode);
}

export async function usersWithRoleAt(db: Kysely<DB>, role: string, regionCodes: string[]) {
  const out: { userId: string; regionCode: string }[] = [];
  for (const part of chunks([...new Set(regionCodes)]))
    out.push(
      ...(await db
        .selectFrom('grant')
        .innerJoin('appUser', 'appUser.id', 'grant.userId')
        .select(['grant.userId', 'grant.regionCode'])
        .where('grant.role', '=', role)
        .where('grant.regionCode', 'in', part)
        .where('appUser.status', '=', 'active')
        .execute()),
    );
  return out;
}

export async function usersOfDepartments(db: Kysely<DB>, departmentIds: string[]) {
  const out: { userId: string; departmentId: string }[] = [];
  for (const part of chunks([...new Set(departmentIds)])) {
    const rows = await db
      .selectFrom('appUser')
      .innerJoin('grant', 'grant.userId', 'appUser.id')
      .select(['appUser.id as userId', 'appUser.departmentId'])
      .where('appUser.departmentId', 'in', part)
      .where('grant.role', '=', 'department_officer')
      .where('appUser.status', '=', 'active')
      .execute();
    out.push(...rows.map((r) => ({ userId: r.userId, departmentId: r.departmentId! })));
  }
  return out;
}

export async function userWithGrant(db: Kysely<DB>, userId: string, role: string, regionCode: string) {
  return db
    .selectFrom('appUser')
    .innerJoin('grant', 'grant.userId', 'appUser.id')
    .select(['appUser.id', 'appUser.displayName'])
    .where('appUser.id', '=', userId)
    .where('appUser.status', '=', 'active')
    .where('grant.role', '=', role)
    .where('grant.regionCode', '=', regionCode)
    .executeTakeFirst();
}

export async function userName(db: Kysely<DB>, userId: string): Promise<string | null> {
  const u = await db.selectFrom('appUser').select('displayName').where('id', '=', userId).executeTakeFirst();
  return u?.displayName ?? null;
}

/** The actor an active user would be, without a session (e.g. re-checking a proposer at approval time). */
export async function actorById(db: Kysely<DB>, userId: string): Promise<Actor | null> {
  const u = await db
    .selectFrom('appUser')
    .select(['id', 'username', 'displayName', 'regionCode', 'departmentId', 'status'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!u || u.status !== 'active') return null;
  const grants = await db
    .selectFrom('grant')
    .innerJoin('region', 'region.code', 'grant.regionCode')
    .select(['grant.role', 'grant.regionCode', 'region.level'])
    .where('grant.userId', '=', userId)
    .execute();
  return {
    userId: u.id,
    username: u.username,
    displayName: u.displayName,
    regionCode: u.regionCode,
    departmentId: u.departmentId,
    grants: grants.map((g) => ({ role: g.role as Role, regionCode: g.regionCode, level: g.level as RegionLevel })),
    sessionId: null,
    mustChangePassword: false,
  };
}

export const departmentById = (db: Kysely<DB>, id: string) =>
  db.selectFrom('department').select(['id', 'name', 'kind', 'regionCode']).where('id', '=', id).executeTakeFirst();

/** Departments of the given region nodes (a district's and its ancestors' bodies), by name. */
export const departmentsIn = (db: Kysely<DB>, regionCodes: string[]) =>
  regionCodes.length
    ? db
        .selectFrom('department')
        .select(['id', 'name', 'kind', 'regionCode'])
        .where('regionCode', 'in', regionCodes)
        .orderBy('name')
        .execute()
    : Promise.resolve([]);

/** The id of an active user by username (demo seeding acts as the demo accounts). */
export async function userIdByUsername(db: Kysely<DB>, username: string): Promise<string | null> {
  const u = await db
    .selectFrom('appUser')
    .select('id')
    .where('username', '=', username)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return u?.id ?? null;
}
