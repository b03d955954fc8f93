/**
 * The accounts feature's read side for other features: recipients of notices (who holds a role where,
 * the officers of a department), named reviewers, display names, departments. Every function takes the
 * caller's `db` (a transaction fits) and reads through `directory.repo.ts`.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Actor, AuthedContext } from '../../core/actor.js';
import { actorById, userIdByUsername } from './directory.repo.js';

export {
  actorById,
  departmentById,
  departmentsIn,
  regionsWithRole,
  userIdByUsername,
  userName,
  usersOfDepartments,
  usersWithRoleAt,
  userWithGrant,
} from './directory.repo.js';

/** The actor of an account by username, or null (features' demo seeds act as the demo accounts). */
export async function actorByUsername(db: Kysely<DB>, username: string): Promise<Actor | null> {
  const id = await userIdByUsername(db, username);
  return id ? actorById(db, id) : null;
}

/** A signed-in context for work done on an account's behalf outside a request (demo seeds). */
export const contextOf = (actor: Actor, requestId: string): AuthedContext => ({ actor, ip: null, requestId });
