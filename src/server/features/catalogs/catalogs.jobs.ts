import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../core/jobs.js';
import { z } from '../../../shared/zod.js';
import { IMPORT_JOB, importPayload, runImport } from './catalogs.import.js';
import { COMPLETENESS_TODO_JOB, remindIncompleteCatalogs } from './catalogs.todo.js';

/**
 * Background work of the catalogs feature: importing an official annex table (progress on the job), and the
 * districts' to-do while their duty or assistance catalog is incomplete.
 */
export const catalogsJobs = (deps: Deps): JobDefinition<any>[] => [
  { name: IMPORT_JOB, payload: importPayload, run: (p, ctx) => runImport(deps, p, ctx) },
  { name: COMPLETENESS_TODO_JOB, payload: z.object({}), run: () => remindIncompleteCatalogs(deps) },
];
