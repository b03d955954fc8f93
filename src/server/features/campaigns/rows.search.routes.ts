import * as s from '../../../shared/campaigns.js';
import { authed, can, route, typed } from '../../http/route.js';
import type { Routes } from '../feature.js';
import { exportRowSearch, searchRows } from './rows.search.service.js';
import { sendXlsx } from './campaigns.http.js';

const tags = ['自查台账'];
const read = can('ledgers.read');

/** Rows across villages (issue 15): the page and its spreadsheet, with the same filters. */
export const rowSearchRoutes: Routes = (app, deps) => {
  const r = typed(app);
  r.get(
    '/api/campaigns/:id/rows',
    route(read, tags, '跨村查询台账条目（区划、类别、建议、处理意见、状态、文字；分页，最新变动在前）', {
      params: s.idParams,
      querystring: s.rowSearchQuery,
      response: { 200: s.rowSearchSchema },
    }),
    async (req) => searchRows(deps, authed(req).actor, req.params.id, req.query),
  );
  r.get(
    '/api/campaigns/:id/rows/export',
    route(read, tags, '导出条目查询结果（Excel，筛选条件同查询）', {
      params: s.idParams,
      querystring: s.rowSearchExportQuery,
    }),
    async (req, reply) => sendXlsx(reply, await exportRowSearch(deps, authed(req).actor, req.params.id, req.query)),
  );
};
