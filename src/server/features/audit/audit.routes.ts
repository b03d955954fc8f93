import { auditFilterQuery, auditListQuery, auditPageSchema, auditVerifySchema } from '../../../shared/audit.js';
import type { Routes } from '../feature.js';
import { authed, can, ok, route, sendXlsx, typed, withQuery } from '../../http/route.js';
import { streamWorkbook } from '../../core/spreadsheets.js';
import * as audit from './audit.service.js';

const tags = ['审计'];
const policy = can('audit.read');

export const auditRoutes: Routes = (app, deps) => {
  const r = typed(app);
  r.get(
    '/api/audit',
    route(policy, tags, '审计记录查询（仅审计管理员）', withQuery(auditListQuery, auditPageSchema)),
    async (req) => {
      const { page, pageSize, ...f } = req.query;
      return audit.list(deps, authed(req), f, page, pageSize);
    },
  );
  r.get(
    '/api/audit/verify',
    route(
      policy,
      tags,
      '校验审计链（HMAC-SM3，需审计密钥）并与已导出的链头锚点比对，指出第一条被破坏的记录',
      ok(auditVerifySchema),
    ),
    async (req) => audit.verify(deps, authed(req)),
  );
  r.get(
    '/api/audit/export',
    route(policy, tags, '导出审计记录（xlsx）', { querystring: auditFilterQuery }),
    async (req, reply) => {
      const rows = audit.exportRows(deps, authed(req), req.query);
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
      return sendXlsx(reply, `审计记录-${deps.clock.nowIso().slice(0, 10)}.xlsx`, stream);
    },
  );
};
