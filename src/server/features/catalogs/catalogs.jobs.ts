import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../core/jobs.js';
import { IMPORT_JOB, importPayload, runImport } from './catalogs.import.js';

/** Background work of the catalogs feature: importing an official annex table (progress on the job). */
export const catalogsJobs = (deps: Deps): JobDefinition<any>[] => [
  { name: IMPORT_JOB, payload: importPayload, run: (p, ctx) => runImport(deps, p, ctx) },
];
