import { z } from '../../../shared/zod.js';
import {
  adjustmentSchema,
  adjustmentSummarySchema,
  ADJUSTMENT_OPERATIONS,
  ADJUSTMENT_STATUSES,
  approveBody,
  catalogDiffSchema,
  catalogSchema,
  CATALOG_KINDS,
  certificateCheckSchema,
  createAdjustmentBody,
  createCatalogBody,
  effectiveCatalogSchema,
  effectiveItemSchema,
  isoDate,
  itemCode,
  itemHistorySchema,
  matchResultSchema,
  publicCatalogsSchema,
  regionCodeParam,
  regionRef,
  rejectBody,
  updateAdjustmentBody,
  updateCatalogBody,
  versionBody,
} from '../../../shared/catalogs.js';
import { typed, type Routes } from '../feature.js';

const JSON_TYPE = 'application/json; charset=utf-8';
/** What the route's serializer would send (the schema's encoding, then JSON), ready to be memoised. */
const json = <S extends z.ZodType>(schema: S, data: z.output<S>) => Buffer.from(JSON.stringify(z.encode(schema, data)));
import { actorOf, ctxOf } from '../../http/policy.js';
import { AppError, notFound } from '../../core/errors.js';
import { attachment, XLSX_TYPE } from '../../core/spreadsheets.js';
import * as catalogs from './catalogs.service.js';
import * as adjustments from './catalogs.adjustments.service.js';
import { startImport } from './catalogs.import.js';
import { catalogTemplate } from './catalogs.excel.js';
import * as exports from './catalogs.export.js';

const tags = ['目录'];
const publicTags = ['公开'];
const read = { access: 'permission', permission: 'catalogs.read' } as const;
const manage = { access: 'permission', permission: 'catalogs.manage' } as const;
const approve = { access: 'permission', permission: 'catalogs.approve' } as const;

const idParams = z.strictObject({ id: z.string().min(1).max(100) });
const codeParams = z.strictObject({ code: itemCode });
const kindsParam = z.string().max(200).optional();
const regionDateQuery = z.strictObject({ region: regionCodeParam, date: isoDate.optional() });

export const catalogsRoutes: Routes = (app, deps) => {
  const r = typed(app);

  // ───────────────────────────── catalogs ─────────────────────────────

  r.get(
    '/api/catalogs',
    {
      config: { policy: read },
      schema: {
        tags,
        summary: '全部目录（含来源、完整性说明）；带 region 时标明每个目录是否在该区划现行有效',
        querystring: z.strictObject({ region: regionCodeParam.optional(), kind: z.enum(CATALOG_KINDS).optional() }),
        response: { 200: z.object({ items: z.array(catalogSchema) }) },
      },
    },
    async (req) => ({ items: await catalogs.listCatalogs(deps, actorOf(req), req.query) }),
  );

  r.post(
    '/api/catalogs',
    {
      config: { policy: approve },
      schema: {
        tags,
        summary: '建立本地目录（如区级小微权力清单），事项通过动态调整新增或表格导入',
        body: createCatalogBody,
        response: { 200: catalogSchema },
      },
    },
    async (req) => catalogs.createCatalog(deps, ctxOf(req), req.body),
  );

  r.get(
    '/api/catalogs/template.xlsx',
    { config: { policy: read }, schema: { tags, summary: '下载目录导入模板（xlsx）' } },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment('目录导入模板.xlsx'))
        .send(await catalogTemplate()),
  );

  r.get(
    '/api/catalogs/effective',
    {
      config: { policy: read },
      schema: {
        tags,
        summary: '区划在某日的现行目录（基础目录 + 区级、乡镇级调整），含目录版本号',
        querystring: z.strictObject({
          region: regionCodeParam,
          date: isoDate.optional(),
          kinds: kindsParam,
          view: z.enum(['internal', 'public']).optional(),
        }),
        response: { 200: effectiveCatalogSchema },
      },
    },
    async (req) => catalogs.effectiveCatalog(deps, actorOf(req), req.query),
  );

  r.get(
    '/api/catalogs/effective/export.xlsx',
    {
      config: { policy: read },
      schema: { tags, summary: '导出区划在某日的现行目录（xlsx）', querystring: regionDateQuery },
    },
    async (req, reply) => {
      const out = await exports.effectiveWorkbook(deps, actorOf(req), req.query);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(out.filename))
        .send(out.stream);
    },
  );

  r.get(
    '/api/catalogs/diff',
    {
      config: { policy: read },
      schema: {
        tags,
        summary: '区划现行目录在两个日期之间的变化（新增、修改、取消及其依据的调整）',
        querystring: z.strictObject({ region: regionCodeParam, from: isoDate, to: isoDate }),
        response: { 200: catalogDiffSchema },
      },
    },
    async (req) => catalogs.diff(deps, actorOf(req), req.query),
  );

  r.get(
    '/api/catalogs/version',
    {
      config: { policy: read },
      schema: {
        tags,
        summary: '区划在某日适用的目录版本号（台账、准入、证明记录保存此号）',
        querystring: regionDateQuery,
        response: {
          200: z.object({ region: regionRef, catalogVersion: z.string(), date: z.string(), itemCount: z.number() }),
        },
      },
    },
    async (req) => catalogs.versionFor(deps, actorOf(req), req.query),
  );

  r.get(
    '/api/catalogs/versions/:id',
    {
      config: { policy: read },
      schema: {
        tags,
        summary: '某个目录版本包含的目录和事项修订',
        params: idParams,
        response: {
          200: z.object({
            id: z.string(),
            catalogIds: z.array(z.string()),
            itemCount: z.number(),
            createdAt: z.string(),
            items: z.array(
              z.object({
                itemId: z.string(),
                code: z.string(),
                catalogId: z.string(),
                name: z.string(),
                revisionIds: z.array(z.string()),
              }),
            ),
          }),
        },
      },
    },
    async (req) => catalogs.getVersion(deps, req.params.id),
  );

  r.get(
    '/api/catalogs/match',
    {
      config: { policy: read },
      schema: {
        tags,
        summary: '按名称匹配区划现行目录中的事项（得分与理由），返回目录版本号',
        querystring: z.strictObject({
          q: z.string().trim().min(1, '请输入要匹配的名称').max(200),
          region: regionCodeParam,
          kinds: kindsParam,
          date: isoDate.optional(),
        }),
        response: { 200: matchResultSchema },
      },
    },
    async (req) => catalogs.match(deps, actorOf(req), req.query),
  );

  r.get(
    '/api/catalogs/items/:code/history',
    {
      config: { policy: read },
      schema: {
        tags,
        summary: '事项的全部修订历史（各层级、各次调整或导入）',
        params: codeParams,
        response: { 200: itemHistorySchema },
      },
    },
    async (req) => catalogs.itemHistory(deps, actorOf(req), req.params.code),
  );

  r.get(
    '/api/catalogs/:id',
    {
      config: { policy: read },
      schema: { tags, summary: '目录详情', params: idParams, response: { 200: catalogSchema } },
    },
    async (req) => catalogs.getCatalog(deps, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/catalogs/:id',
    {
      config: { policy: approve },
      schema: {
        tags,
        summary: '修改目录信息（名称、来源、完整性；乐观锁 version）',
        params: idParams,
        body: updateCatalogBody,
        response: { 200: catalogSchema },
      },
    },
    async (req) => catalogs.updateCatalog(deps, ctxOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/catalogs/:id/items',
    {
      config: { policy: read },
      schema: {
        tags,
        summary: '目录在某日的事项（带 region 时为该区划细化后的事项）',
        params: idParams,
        querystring: z.strictObject({ date: isoDate.optional(), region: regionCodeParam.optional() }),
        response: {
          200: z.object({
            catalogId: z.string(),
            date: z.string(),
            complete: z.boolean(),
            completenessNote: z.string(),
            items: z.array(effectiveItemSchema),
          }),
        },
      },
    },
    async (req) => catalogs.catalogItems(deps, actorOf(req), req.params.id, req.query),
  );

  r.get(
    '/api/catalogs/:id/export.xlsx',
    {
      config: { policy: read },
      schema: {
        tags,
        summary: '导出目录在某日的事项（xlsx，可按模板重新导入）',
        params: idParams,
        querystring: z.strictObject({ date: isoDate.optional() }),
      },
    },
    async (req, reply) => {
      const out = await exports.catalogWorkbook(deps, req.params.id, req.query.date);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(out.filename))
        .send(out.stream);
    },
  );

  r.post(
    '/api/catalogs/:id/import',
    {
      config: { policy: approve },
      schema: {
        tags,
        summary:
          '导入正式附件表格（multipart，字段 file；按事项编码全部成功或全部不写入）；202 返回 jobId，进度见 GET /api/jobs/:id',
        params: idParams,
        response: { 202: z.object({ jobId: z.string() }) },
      },
    },
    async (req, reply) => {
      if (!req.isMultipart())
        throw new AppError('unsupported_media_type', '请以 multipart/form-data 上传 .xlsx 文件（字段名 file）');
      const file = await req.file();
      if (!file)
        throw new AppError('validation_failed', '请选择要上传的 .xlsx 文件', {
          issues: [{ field: 'file', message: '缺少文件' }],
        });
      const data = await file.toBuffer();
      const out = await startImport(deps, ctxOf(req), req.params.id, {
        filename: file.filename,
        mimetype: file.mimetype,
        data,
      });
      return reply.status(202).send(out);
    },
  );

  // ───────────────────────────── adjustments ─────────────────────────────

  r.get(
    '/api/catalogs/adjustments',
    {
      config: { policy: read },
      schema: {
        tags,
        summary: '目录调整列表（本人可见层级；草稿仅提出人可见）',
        querystring: z.strictObject({
          status: z.enum(ADJUSTMENT_STATUSES).optional(),
          operation: z.enum(ADJUSTMENT_OPERATIONS).optional(),
          region: regionCodeParam.optional(),
          catalogId: z.string().max(100).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(20),
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(adjustmentSummarySchema) }) },
      },
    },
    async (req) => {
      const { region, ...rest } = req.query;
      return adjustments.listAdjustments(deps, actorOf(req), {
        ...rest,
        region: region ? region.padEnd(12, '0') : undefined,
      });
    },
  );

  r.post(
    '/api/catalogs/adjustments',
    {
      config: { policy: manage },
      schema: {
        tags,
        summary: '提出目录调整（草稿）：新增、修改、取消事项，或采用、停用目录',
        body: createAdjustmentBody,
        response: { 200: adjustmentSchema },
      },
    },
    async (req) => adjustments.createAdjustment(deps, ctxOf(req), req.body),
  );

  r.get(
    '/api/catalogs/adjustments/:id',
    {
      config: { policy: read },
      schema: { tags, summary: '目录调整详情（含 abilities）', params: idParams, response: { 200: adjustmentSchema } },
    },
    async (req) => adjustments.getAdjustment(deps, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/catalogs/adjustments/:id',
    {
      config: { policy: manage },
      schema: {
        tags,
        summary: '修改草稿（仅提出人；乐观锁 version）',
        params: idParams,
        body: updateAdjustmentBody,
        response: { 200: adjustmentSchema },
      },
    },
    async (req) => adjustments.updateAdjustment(deps, ctxOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/catalogs/adjustments/:id/submit',
    {
      config: { policy: manage },
      schema: { tags, summary: '提交审批', params: idParams, body: versionBody, response: { 200: adjustmentSchema } },
    },
    async (req) => adjustments.submitAdjustment(deps, ctxOf(req), req.params.id, req.body.version),
  );

  r.post(
    '/api/catalogs/adjustments/:id/cancel',
    {
      config: { policy: manage },
      schema: {
        tags,
        summary: '撤回（草稿或待审批）',
        params: idParams,
        body: versionBody,
        response: { 200: adjustmentSchema },
      },
    },
    async (req) => adjustments.cancelAdjustment(deps, ctxOf(req), req.params.id, req.body.version),
  );

  r.post(
    '/api/catalogs/adjustments/:id/approve',
    {
      config: { policy: approve },
      schema: {
        tags,
        summary: '批准（审批人不能是提出人）；生效日期 = max(拟生效日期, 批准当日)',
        params: idParams,
        body: approveBody,
        response: { 200: adjustmentSchema },
      },
    },
    async (req) => adjustments.approveAdjustment(deps, ctxOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/catalogs/adjustments/:id/reject',
    {
      config: { policy: approve },
      schema: {
        tags,
        summary: '驳回（须填写理由）',
        params: idParams,
        body: rejectBody,
        response: { 200: adjustmentSchema },
      },
    },
    async (req) => adjustments.rejectAdjustment(deps, ctxOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/catalogs/adjustments/:id/publish',
    {
      config: { policy: approve },
      schema: {
        tags,
        summary: '向社会公开已批准的调整（公开前门户仍显示调整前的目录）',
        params: idParams,
        body: versionBody,
        response: { 200: adjustmentSchema },
      },
    },
    async (req) => adjustments.publishAdjustment(deps, ctxOf(req), req.params.id, req.body.version),
  );

  // ───────────────────────────── public window ─────────────────────────────

  const limit = deps.config.publicRateLimit;
  const publicConfig = {
    policy: { access: 'public' as const },
    ...(limit > 0 ? { rateLimit: { max: limit, timeWindow: 60_000 } } : {}),
  };

  r.get(
    '/api/public/certificate-check',
    {
      config: publicConfig,
      schema: {
        tags: publicTags,
        summary:
          '“村里能不能开这个证明？”按本村现行（已公开）证明清单判断：positive / negative（附替代渠道）/ unlisted',
        querystring: z.strictObject({
          q: z.string().trim().min(1, '请输入证明名称').max(100, '证明名称不能超过 100 个字'),
          region: regionCodeParam,
        }),
        response: { 200: certificateCheckSchema },
      },
    },
    async (req, reply) => {
      const key = `check|${req.query.region}|${catalogs.today(deps)}|${req.query.q}`;
      const body = await catalogs.publicAnswer(deps, key, async () =>
        json(certificateCheckSchema, await catalogs.publicCertificateCheck(deps, req.query)),
      );
      return reply.type(JSON_TYPE).send(body as never); // already encoded by the schema
    },
  );

  r.get(
    '/api/public/catalogs',
    {
      config: publicConfig,
      schema: {
        tags: publicTags,
        summary: '本村（社区）现行目录（已公开），按类型分组，含生效日期、来源和完整性',
        querystring: z.strictObject({ region: regionCodeParam }),
        response: { 200: publicCatalogsSchema },
      },
    },
    async (req, reply) => {
      const key = `catalogs|${req.query.region}|${catalogs.today(deps)}`;
      const body = await catalogs.publicAnswer(deps, key, async () =>
        json(publicCatalogsSchema, await catalogs.publicCatalogs(deps, req.query)),
      );
      return reply.type(JSON_TYPE).send(body as never); // already encoded by the schema
    },
  );
};
