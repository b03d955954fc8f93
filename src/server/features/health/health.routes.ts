import { z } from '../../../shared/zod.js';
import { ping } from '../../db/dialect.js';
import { VERSION } from '../../version.js';
import { typed, type Routes } from '../feature.js';

export const healthRoutes: Routes = (app, deps) => {
  typed(app).get(
    '/api/health',
    {
      config: { policy: { access: 'public' } },
      schema: {
        tags: ['系统'],
        summary: '健康检查',
        response: {
          200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']), version: z.string() }),
        },
      },
    },
    async () => {
      await ping(deps.db);
      return { status: 'ok' as const, db: deps.dialect, version: VERSION };
    },
  );
};
