import type { Migration } from 'kysely';
import * as foundation from './2026-11-28T0400-foundation.js';

/** Every migration, in order. Features append theirs here (named by ISO timestamp). */
export const migrations: Record<string, Migration> = {
  '2026-11-28T0400-foundation': foundation,
};
