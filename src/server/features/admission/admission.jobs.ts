import { z } from '../../../shared/zod.js';
import type { Deps } from '../../deps.js';
import type { JobDefinition } from '../../core/jobs.js';
import { runExpiry } from './admission.service.js';

export const EXPIRY_JOB = 'admission.expiry';

/** Background work of the admission gate: expiry of admitted requests and reminders before it. */
export const admissionJobs = (deps: Deps): JobDefinition<any>[] => [
  { name: EXPIRY_JOB, payload: z.object({}), run: () => runExpiry(deps) },
];
