import { z } from '../../../shared/zod.js';
import { zh } from '../../../shared/i18n.js';
import * as s from '../../../shared/catalogs.js';
import type { Routes } from '../feature.js';
import { currentBy, type RoutePolicy } from '../../http/policy.js';
import { authed, can, onId, sendXlsx, route, typed, withBody, withQuery } from '../../http/route.js';
import { readUpload } from '../../http/upload.js';
import * as catalogs from './catalogs.service.js';
import * as adjustments from './catalogs.adjustments.service.js';
import * as decisions from './catalogs.adjustments.decisions.js';
import { match } from './catalogs.public.js';
import { startImport } from './catalogs.import.js';
import { catalogTemplate } from './catalogs.excel.js';
import * as exports from './catalogs.export.js';
import { publicCatalogRoutes } from './catalogs.public.routes.js';

const tags = ['目录'];
const read = can('catalogs.read');
const manage = can('catalogs.manage');
const approve = can('catalogs.approve');

/** Catalogs, versions, matching, imports and exports; then adjustments; then the public window. */
export const catalogsRoutes: Routes = (app, deps) => {
  const r = typed(app);

  r.get(
    '/api/catalogs',
    route(
      read,
      tags,
      '全部目录（含来源、完整性说明）；带 region 时标明每个目录是否在该区划现行有效',
      withQuery(s.catalogListQuery, s.catalogListSchema),
    ),
    async (req) => ({ items: await catalogs.listCatalogs(deps, authed(req).actor, req.query) }),
  );
  r.post(
    '/api/catalogs',
    route(
      approve,
      tags,
      '建立本地目录（如区级小微权力清单），事项通过动态调整新增或表格导入',
      withBody(s.createCatalogBody, s.catalogSchema),
    ),
    async (req) => catalogs.createCatalog(deps, authed(req), req.body),
  );
  r.get('/api/catalogs/template.xlsx', route(read, tags, '下载目录导入模板（xlsx）', {}), async (_req, reply) =>
    sendXlsx(reply, zh('catalogs.export.templateFile'), await catalogTemplate()),
  );
  r.get(
    '/api/catalogs/effective',
    route(
      read,
      tags,
      '区划在某日的现行目录（基础目录 + 区级、乡镇级调整），含目录版本号',
      withQuery(s.effectiveQuery, s.effectiveCatalogSchema),
    ),
    async (req) => catalogs.effectiveCatalog(deps, authed(req).actor, req.query),
  );
  r.get(
    '/api/catalogs/effective/export.xlsx',
    route(read, tags, '导出区划在某日的现行目录（xlsx）', { querystring: s.regionDateQuery }),
    async (req, reply) => {
      const out = await exports.effectiveWorkbook(deps, authed(req).actor, req.query);
      return sendXlsx(reply, out.filename, out.stream);
    },
  );
  r.get(
    '/api/catalogs/diff',
    route(
      read,
      tags,
      '区划现行目录在两个日期之间的变化（新增、修改、取消及其依据的调整）',
      withQuery(s.diffQuery, s.catalogDiffSchema),
    ),
    async (req) => catalogs.diff(deps, authed(req).actor, req.query),
  );
  r.get(
    '/api/catalogs/version',
    route(
      read,
      tags,
      '区划在某日适用的目录版本号（台账、准入、证明记录保存此号）',
      withQuery(s.regionDateQuery, s.regionVersionSchema),
    ),
    async (req) => catalogs.versionFor(deps, authed(req).actor, req.query),
  );
  r.get(
    '/api/catalogs/versions/:id',
    route(read, tags, '某个目录版本包含的目录和事项修订', onId(undefined, s.catalogVersionSchema)),
    async (req) => catalogs.getVersion(deps, req.params.id),
  );
  r.get(
    '/api/catalogs/match',
    route(
      read,
      tags,
      '按名称匹配区划现行目录中的事项（得分与理由），返回目录版本号',
      withQuery(s.matchQuery, s.matchResultSchema),
    ),
    async (req) => match(deps, authed(req).actor, req.query),
  );
  r.get(
    '/api/catalogs/items/:code/history',
    route(read, tags, '事项的全部修订历史（各层级、各次调整或导入）', {
      params: s.codeParams,
      response: { 200: s.itemHistorySchema },
    }),
    async (req) => catalogs.itemHistory(deps, authed(req).actor, req.params.code),
  );
  r.get('/api/catalogs/:id', route(read, tags, '目录详情', onId(undefined, s.catalogSchema)), async (req) =>
    catalogs.getCatalog(deps, authed(req).actor, req.params.id),
  );
  r.patch(
    '/api/catalogs/:id',
    route(
      approve,
      tags,
      '修改目录信息（名称、来源、完整性；乐观锁 version）',
      onId(s.updateCatalogBody, s.catalogSchema),
    ),
    async (req) => catalogs.updateCatalog(deps, authed(req), req.params.id, req.body),
  );
  r.get(
    '/api/catalogs/:id/items',
    route(read, tags, '目录在某日的事项（带 region 时为该区划细化后的事项）', {
      params: s.idParams,
      querystring: s.catalogItemsQuery,
      response: { 200: s.catalogItemsSchema },
    }),
    async (req) => catalogs.catalogItems(deps, authed(req).actor, req.params.id, req.query),
  );
  r.get(
    '/api/catalogs/:id/export.xlsx',
    route(read, tags, '导出目录在某日的事项（xlsx，可按模板重新导入）', {
      params: s.idParams,
      querystring: s.exportQuery,
    }),
    async (req, reply) => {
      const out = await exports.catalogWorkbook(deps, req.params.id, req.query.date);
      return sendXlsx(reply, out.filename, out.stream);
    },
  );
  r.post(
    '/api/catalogs/:id/import',
    route(
      approve,
      tags,
      '导入正式附件表格（multipart，字段 file；按事项编码全部成功或全部不写入）；202 返回 jobId，进度见 GET /api/jobs/:id',
      { params: s.idParams, response: { 202: s.jobStartedSchema } },
    ),
    async (req, reply) => {
      const file = await readUpload(req, deps.config.http.uploadLimit);
      return reply.status(202).send(await startImport(deps, authed(req), req.params.id, file));
    },
  );

  adjustmentRoutes(app, deps);
  publicCatalogRoutes(app, deps);
};

/** The adjustment workflow: draft → submitted → approved | rejected (or cancelled), then published. */
const adjustmentRoutes: Routes = (app, deps) => {
  const r = typed(app);
  // A 409 on a step carries the adjustment as it is now (details.current).
  const now = { current: currentBy((a, id) => adjustments.getAdjustment(deps, a, id)) };
  const step = <B extends z.ZodType>(policy: RoutePolicy, summary: string, body: B) =>
    route(policy, tags, summary, onId(body, s.adjustmentSchema), now);

  r.get(
    '/api/catalogs/adjustments',
    route(
      read,
      tags,
      '目录调整列表（本人可见层级；草稿仅提出人可见）',
      withQuery(s.adjustmentListQuery, s.adjustmentListSchema),
    ),
    async (req) => {
      const { region, ...rest } = req.query;
      const filter = { ...rest, region: region ? region.padEnd(12, '0') : undefined };
      return adjustments.listAdjustments(deps, authed(req).actor, filter);
    },
  );
  r.post(
    '/api/catalogs/adjustments',
    route(
      manage,
      tags,
      '提出目录调整（草稿）：新增、修改、取消事项，或采用、停用目录',
      withBody(s.createAdjustmentBody, s.adjustmentSchema),
    ),
    async (req) => adjustments.createAdjustment(deps, authed(req), req.body),
  );
  r.get(
    '/api/catalogs/adjustments/:id',
    route(read, tags, '目录调整详情（含 abilities）', onId(undefined, s.adjustmentSchema)),
    async (req) => adjustments.getAdjustment(deps, authed(req).actor, req.params.id),
  );
  r.patch(
    '/api/catalogs/adjustments/:id',
    route(manage, tags, '修改草稿（仅提出人；乐观锁 version）', onId(s.updateAdjustmentBody, s.adjustmentSchema), now),
    async (req) => adjustments.updateAdjustment(deps, authed(req), req.params.id, req.body),
  );
  r.post('/api/catalogs/adjustments/:id/submit', step(manage, '提交审批', s.versionBody), async (req) =>
    adjustments.submitAdjustment(deps, authed(req), req.params.id, req.body.version),
  );
  r.post('/api/catalogs/adjustments/:id/cancel', step(manage, '撤回（草稿或待审批）', s.versionBody), async (req) =>
    adjustments.cancelAdjustment(deps, authed(req), req.params.id, req.body.version),
  );
  r.post(
    '/api/catalogs/adjustments/:id/approve',
    step(approve, '批准（审批人不能是提出人）；生效日期 = max(拟生效日期, 批准当日)', s.approveBody),
    async (req) => decisions.approveAdjustment(deps, authed(req), req.params.id, req.body),
  );
  r.post('/api/catalogs/adjustments/:id/reject', step(approve, '驳回（须填写理由）', s.rejectBody), async (req) =>
    decisions.rejectAdjustment(deps, authed(req), req.params.id, req.body),
  );
  r.post(
    '/api/catalogs/adjustments/:id/publish',
    step(approve, '向社会公开已批准的调整（公开前门户仍显示调整前的目录）', s.versionBody),
    async (req) => decisions.publishAdjustment(deps, authed(req), req.params.id, req.body.version),
  );
};
