import { z } from '../../../shared/zod.js';
import { ping } from '../../db/dialect.js';
import { VERSION } from '../../version.js';
import { AppError } from '../../core/errors.js';
import { typed, type Routes } from '../feature.js';

export const healthRoutes: Routes = (app, deps) => {
  const r = typed(app);
  r.get(
    '/api/health',
    {
      config: { policy: { access: 'public' } },
      schema: {
        tags: ['系统'],
        summary: '健康检查（存活）',
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

  r.get(
    '/api/ready',
    {
      config: { policy: { access: 'public' } },
      schema: {
        tags: ['系统'],
        summary: '就绪检查：数据库可用且未在停止中（停止中 503，负载均衡据此摘除）',
        response: { 200: z.object({ status: z.literal('ready') }) },
      },
    },
    async () => {
      if (deps.lifecycle.shuttingDown) throw new AppError('service_unavailable', '服务正在停止 / shutting down');
      await ping(deps.db);
      return { status: 'ready' as const };
    },
  );
};
