import { jobSchema } from '../../shared/jobs.js';
import { z } from '../../shared/zod.js';
import { notFound } from '../core/errors.js';
import type { Deps } from '../deps.js';
import type { FastifyInstance } from 'fastify';
import { authed, route, session, typed } from './route.js';

const idParams = z.strictObject({ id: z.string().min(1).max(100) });

/** Progress of a background job (imports, exports, launches). Only the user who started it may read it; others get 404. */
export function jobsRoutes(app: FastifyInstance, deps: Deps) {
  typed(app).get(
    '/api/jobs/:id',
    route(session, ['任务'], '后台任务进度（仅发起人可见）', { params: idParams, response: { 200: jobSchema } }),
    async (req) => {
      const job = await deps.jobs.get(req.params.id);
      if (!job || job.createdBy !== authed(req).actor.userId) return notFound('任务');
      const { createdBy: _, regionCode: __, ...shown } = job;
      return shown;
    },
  );
}
