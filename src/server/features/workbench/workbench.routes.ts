import { workbenchSchema } from '../../../shared/workbench.js';
import type { Routes } from '../feature.js';
import { authed, ok, route, session, typed } from '../../http/route.js';
import { workbench } from './workbench.service.js';

const tags = ['工作台'];

export const workbenchRoutes: Routes = (app, deps) => {
  typed(app).get(
    '/api/workbench',
    route(
      session,
      tags,
      '工作台：本人管辖范围内的待办事项（数量、最近截止日期、办理入口），一次请求',
      ok(workbenchSchema),
    ),
    async (req) => workbench(deps, authed(req)),
  );
};
