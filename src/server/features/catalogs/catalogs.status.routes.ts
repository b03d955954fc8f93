import { completenessSchema, regionCodeParam, setCompletenessBody } from '../../../shared/catalogs.js';
import { z } from '../../../shared/zod.js';
import type { Routes } from '../feature.js';
import { authed, can, route, typed } from '../../http/route.js';
import { normalizeCode } from '../regions/regions.model.js';
import { effectiveFor, missing, today } from './catalogs.effective.js';
import { listCompleteness, setCompleteness } from './catalogs.status.js';

const tags = ['目录'];

/** How complete each kind of catalog is for a region (read), and the district setting it (write). */
export const catalogStatusRoutes: Routes = (app, deps) => {
  const r = typed(app);
  const read = async (actor: Parameters<typeof listCompleteness>[1], region: string) => {
    const code = normalizeCode(region) ?? missing('region');
    return listCompleteness(deps, actor, code, await effectiveFor(deps, code, today(deps)));
  };
  r.get(
    '/api/catalogs/completeness',
    route(can('catalogs.read'), tags, '各类目录在该区划的完整性（完整／部分／缺失；区民政局设定或按现行目录推定）', {
      querystring: z.strictObject({ region: regionCodeParam }),
      response: { 200: completenessSchema },
    }),
    async (req) => read(authed(req).actor, req.query.region),
  );
  r.put(
    '/api/catalogs/completeness',
    route(can('catalogs.approve'), tags, '设定某类目录在本区（乡镇）的完整性（导入官方附件表格后设为“完整”）', {
      body: setCompletenessBody,
      response: { 200: completenessSchema },
    }),
    async (req) => {
      const ctx = authed(req);
      const code = normalizeCode(req.body.region) ?? missing('region');
      await setCompleteness(deps, ctx, { ...req.body, region: code });
      return read(ctx.actor, code);
    },
  );
};
