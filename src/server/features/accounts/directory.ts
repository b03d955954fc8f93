/**
 * The accounts feature's read side for other features: recipients of notices (who holds a role where,
 * the officers of a department), named reviewers, display names, departments. Every function takes the
 * caller's `db` (a transaction fits) and reads through `directory.repo.ts`.
 */
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
