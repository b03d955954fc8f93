import { z } from '../../../shared/zod.js';
import { typed, type Routes } from '../feature.js';
import { ctxOf } from '../../http/policy.js';
import { attachment, streamWorkbook, XLSX_TYPE } from '../../core/spreadsheets.js';
import * as audit from './audit.service.js';

const tags = ['审计'];
const policy = { access: 'permission', permission: 'audit.read' } as const;
const filter = z.strictObject({
  actor: z.string().max(64).optional(),
  action: z.string().max(64).optional(),
  entity: z.string().max(64).optional(),
  entityId: z.string().max(100).optional(),
  outcome: z.enum(['success', 'failure']).optional(),
  from: z.string().max(30).optional(),
  to: z.string().max(30).optional(),
});
const rowSchema = z.object({
  seq: z.number(),
  id: z.string(),
  ts: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorRoles: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  action: z.string(),
  outcome: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  regionCode: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
  keyId: z.string().nullable(),
});

export const auditRoutes: Routes = (app, deps) => {
  const r = typed(app);
  r.get(
    '/api/audit',
    {
      config: { policy },
      schema: {
        tags,
        summary: '审计记录查询（仅审计管理员）',
        querystring: filter.extend({
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(rowSchema) }) },
      },
    },
    async (req) => {
      const { page, pageSize, ...f } = req.query;
      return audit.list(deps, ctxOf(req), f, page, pageSize);
    },
  );

  r.get(
    '/api/audit/verify',
    {
      config: { policy },
      schema: {
        tags,
        summary: '校验审计链（HMAC-SM3，需审计密钥）并与已导出的链头锚点比对，指出第一条被破坏的记录',
        response: {
          200: z.object({
            ok: z.boolean(),
            checked: z.number(),
            anchors: z.number(),
            firstBroken: z.object({ seq: z.number(), reason: z.string() }).nullable(),
          }),
        },
      },
    },
    async (req) => audit.verify(deps, ctxOf(req)),
  );

  r.get(
    '/api/audit/export',
    { config: { policy }, schema: { tags, summary: '导出审计记录（xlsx）', querystring: filter } },
    async (req, reply) => {
      const rows = audit.exportRows(deps, ctxOf(req), req.query);
      const stream = streamWorkbook([
        {
          name: '审计记录',
          rows,
          columns: [
            { header: '序号', width: 8, value: (r) => Number(r.seq) },
            { header: '时间（UTC）', width: 26, value: (r) => r.ts },
            { header: '操作人', value: (r) => r.actorName },
            { header: '角色', value: (r) => r.actorRoles },
            { header: 'IP', value: (r) => r.ip },
            { header: '操作', width: 22, value: (r) => r.action },
            { header: '结果', width: 8, value: (r) => (r.outcome === 'success' ? '成功' : '失败') },
            { header: '对象', value: (r) => r.entity },
            { header: '对象ID', width: 38, value: (r) => r.entityId },
            { header: '区划', value: (r) => r.regionCode },
            { header: '变更前', width: 40, value: (r) => r.beforeJson },
            { header: '变更后', width: 40, value: (r) => r.afterJson },
            { header: '校验值（HMAC-SM3）', width: 66, value: (r) => r.hash },
            { header: '密钥', width: 16, value: (r) => r.keyId },
          ],
        },
      ]);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(`审计记录-${deps.clock.nowIso().slice(0, 10)}.xlsx`))
        .send(stream);
    },
  );
};
