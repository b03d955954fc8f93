/**
 * All SQL of the accounts feature: users, grants, departments, sessions, sign-in throttling and
 * captchas, second factors, password history and the two-person requests. Rows are mapped here;
 * services decide.
 */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { visibleTo } from '../../core/scope.js';
import { containsInsensitive } from '../../db/dialect.js';
import type { Role } from '../../../shared/roles.js';

type Db = Kysely<DB>;
export type UserRecord = Selectable<DB['appUser']>;
export type NewUserRecord = Insertable<DB['appUser']>;

// ------------------------------------------------------------------------------------------ users

export const findUserByUsername = (db: Db, username: string) =>
  db.selectFrom('appUser').selectAll().where('username', '=', username).executeTakeFirst();

export const findUserById = (db: Db, id: string) =>
  db.selectFrom('appUser').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertUser(db: Db, row: NewUserRecord) {
  await db.insertInto('appUser').values(row).execute();
}

/** Updates a user; with `version`, only when it still has that version (returns false otherwise). */
export async function updateUser(
  db: Db,
  id: string,
  patch: Partial<Omit<NewUserRecord, 'id' | 'version'>>,
  version?: number,
): Promise<boolean> {
  let q = db
    .updateTable('appUser')
    .set((eb) => ({ ...patch, version: eb('version', '+', 1) }))
    .where('id', '=', id);
  if (version !== undefined) q = q.where('version', '=', version);
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

const userColumns = [
  'appUser.id',
  'appUser.username',
  'appUser.displayName',
  'appUser.regionCode',
  'appUser.departmentId',
  'appUser.status',
  'appUser.mustChangePassword',
  'appUser.lockedUntil',
  'appUser.lastLoginAt',
  'appUser.createdAt',
  'appUser.version',
  'appUser.totpEnabledAt',
  'region.name as regionName',
  'region.level',
] as const;

type UserJoinRow = {
  id: string;
  username: string;
  displayName: string;
  regionCode: string;
  departmentId: string | null;
  status: string;
  mustChangePassword: number;
  lockedUntil: string | null;
  lastLoginAt: string | null;
  createdAt: string;
  version: number;
  totpEnabledAt: string | null;
  regionName: string;
  level: string;
};

const toUser = (r: UserJoinRow) => ({
  id: r.id,
  username: r.username,
  displayName: r.displayName,
  regionCode: r.regionCode,
  regionName: r.regionName,
  level: r.level,
  departmentId: r.departmentId,
  status: r.status,
  mustChangePassword: r.mustChangePassword === 1,
  lockedUntil: r.lockedUntil,
  lastLoginAt: r.lastLoginAt,
  createdAt: r.createdAt,
  version: Number(r.version),
  mfaEnabled: !!r.totpEnabledAt,
});
export type UserView = ReturnType<typeof toUser>;

export async function listVisibleUsers(db: Db, actor: Actor, q: string, page: number, pageSize: number) {
  let query = db
    .selectFrom('appUser')
    .innerJoin('region', 'region.code', 'appUser.regionCode')
    .where(visibleTo(actor, 'users.read', 'region'));
  if (q)
    query = query.where((eb) =>
      eb.or([
        containsInsensitive(eb.ref('appUser.username'), q),
        containsInsensitive(eb.ref('appUser.displayName'), q),
      ]),
    );
  const total = Number((await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst())?.n ?? 0);
  const rows = await query
    .select(userColumns)
    .orderBy('appUser.username')
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .execute();
  return { total, items: rows.map(toUser) };
}

export async function findVisibleUser(db: Db, actor: Actor, id: string): Promise<UserView | null> {
  const u = await db
    .selectFrom('appUser')
    .innerJoin('region', 'region.code', 'appUser.regionCode')
    .select(userColumns)
    .where('appUser.id', '=', id)
    .where(visibleTo(actor, 'users.read', 'region'))
    .executeTakeFirst();
  return u ? toUser(u) : null;
}

/** Usernames of every account (the demo loader skips those that exist). */
export const allUsernames = async (db: Db) =>
  new Set((await db.selectFrom('appUser').select('username').execute()).map((u) => u.username));

export const anyUser = (db: Db) => db.selectFrom('appUser').select('id').limit(1).executeTakeFirst();

// ------------------------------------------------------------------------------------------ grants

export type GrantView = { id: string; role: Role; regionCode: string; regionName: string };

export async function grantsOf(db: Db, userIds: string[]) {
  const map = new Map<string, GrantView[]>();
  if (!userIds.length) return map;
  const rows = await db
    .selectFrom('grant')
    .innerJoin('region', 'region.code', 'grant.regionCode')
    .select(['grant.id', 'grant.userId', 'grant.role', 'grant.regionCode', 'region.name as regionName'])
    .where('grant.userId', 'in', userIds)
    .orderBy('grant.createdAt')
    .execute();
  for (const r of rows)
    map.set(r.userId, [
      ...(map.get(r.userId) ?? []),
      { id: r.id, role: r.role as Role, regionCode: r.regionCode, regionName: r.regionName },
    ]);
  return map;
}

export const rolesOf = async (db: Db, userId: string) =>
  (await db.selectFrom('grant').select('role').where('userId', '=', userId).execute()).map((g) => g.role as Role);

export const findGrant = (db: Db, id: string) =>
  db.selectFrom('grant').selectAll().where('id', '=', id).executeTakeFirst();

export async function insertGrant(db: Db, g: DB['grant']) {
  await db.insertInto('grant').values(g).execute();
}

export async function deleteGrant(db: Db, id: string) {
  await db.deleteFrom('grant').where('id', '=', id).execute();
}

/** Active accounts that hold `role` (for the bootstrap of the three administrators). */
export const activeHoldersOf = (db: Db, role: Role) =>
  db
    .selectFrom('grant')
    .innerJoin('appUser', 'appUser.id', 'grant.userId')
    .select(['appUser.id', 'appUser.username'])
    .where('grant.role', '=', role)
    .where('appUser.status', '=', 'active')
    .execute();

// ------------------------------------------------------------------------------------------ regions, departments

export const findRegion = (db: Db, code: string) =>
  db.selectFrom('region').select(['code', 'name', 'level']).where('code', '=', code).executeTakeFirst();

export const regionNames = (db: Db, codes: string[]) =>
  codes.length ? db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes).execute() : [];

/** Names of the province, city, district and township nodes (the local words of the password blocklist). */
export const placeNames = async (db: Db) =>
  (
    await db
      .selectFrom('region')
      .select('name')
      .where('level', 'in', ['province', 'city', 'county', 'township'])
      .execute()
  ).map((r) => r.name);

export const findDepartment = (db: Db, id: string) =>
  db.selectFrom('department').select(['id', 'name']).where('id', '=', id).executeTakeFirst();

export const listVisibleDepartments = (db: Db, actor: Actor) =>
  db
    .selectFrom('department')
    .innerJoin('region', 'region.code', 'department.regionCode')
    .select([
      'department.id',
      'department.name',
      'department.kind',
      'department.regionCode',
      'region.name as regionName',
    ])
    .where(visibleTo(actor, 'regions.read', 'region'))
    .orderBy('department.name')
    .execute();

export const departmentsIn = async (db: Db, regionCode: string) =>
  new Map(
    (await db.selectFrom('department').select(['id', 'name']).where('regionCode', '=', regionCode).execute()).map(
      (d) => [d.name, d.id],
    ),
  );

export async function insertDepartment(db: Db, d: DB['department']) {
  await db.insertInto('department').values(d).execute();
}

// ------------------------------------------------------------------------------------------ sessions

export async function deleteSessionsOf(db: Db, userId: string, exceptId?: string | null) {
  let q = db.deleteFrom('session').where('userId', '=', userId);
  if (exceptId) q = q.where('id', '!=', exceptId);
  await q.execute();
}

/** Keeps the newest `keep` sessions of a user and deletes the others (returns how many went). */
export async function trimSessions(db: Db, userId: string, keep: number): Promise<number> {
  const rows = await db
    .selectFrom('session')
    .select('id')
    .where('userId', '=', userId)
    .orderBy('createdAt', 'desc')
    .orderBy('id')
    .execute();
  const drop = rows.slice(keep).map((r) => r.id);
  if (drop.length) await db.deleteFrom('session').where('id', 'in', drop).execute();
  return drop.length;
}

const sessionColumns = [
  'session.id',
  'session.userId',
  'appUser.username',
  'appUser.displayName',
  'session.createdAt',
  'session.lastSeenAt',
  'session.expiresAt',
  'session.ip',
  'session.userAgent',
] as const;

export const sessionsOf = (db: Db, userId: string) =>
  db
    .selectFrom('session')
    .innerJoin('appUser', 'appUser.id', 'session.userId')
    .select(sessionColumns)
    .where('session.userId', '=', userId)
    .orderBy('session.createdAt', 'desc')
    .execute();

/** Every session of an account the actor may see (the 安全管理员's console). */
export const visibleSessions = (db: Db, actor: Actor, now: string) =>
  db
    .selectFrom('session')
    .innerJoin('appUser', 'appUser.id', 'session.userId')
    .innerJoin('region', 'region.code', 'appUser.regionCode')
    .select([...sessionColumns, 'appUser.regionCode'])
    .where(visibleTo(actor, 'sessions.manage', 'region'))
    .where('session.expiresAt', '>', now)
    .orderBy('session.lastSeenAt', 'desc')
    .limit(500)
    .execute();

export const findSessionWithUser = (db: Db, id: string) =>
  db
    .selectFrom('session')
    .innerJoin('appUser', 'appUser.id', 'session.userId')
    .select(['session.id', 'session.userId', 'appUser.username', 'appUser.regionCode'])
    .where('session.id', '=', id)
    .executeTakeFirst();

export async function deleteSession(db: Db, id: string, userId?: string): Promise<boolean> {
  let q = db.deleteFrom('session').where('id', '=', id);
  if (userId) q = q.where('userId', '=', userId);
  return Number((await q.executeTakeFirst()).numDeletedRows) > 0;
}
