import { z } from '../../../shared/zod.js';
import { typed, type Routes } from '../feature.js';
import { actorOf, ctxOf } from '../../http/policy.js';
import { attachment, streamWorkbook, XLSX_TYPE } from '../../core/spreadsheets.js';
import * as certificates from './certificates.service.js';
import {
  caseSchema,
  certificateDetailSchema,
  certificateSchema,
  demandBody,
  demandSchema,
  DEMANDER_KINDS,
  idParams,
  issueBody,
  matchSchema,
  printBody,
  promiseBody,
  promiseItemBody,
  refusalBody,
  registerQuery,
  revokeBody,
  unmaskBody,
  verifySchema,
} from './certificates.schemas.js';

const tags = ['证明'];
const perm = (
  permission: 'certificates.issue' | 'certificates.read' | 'certificates.unmask' | 'certificates.configure',
) => ({ access: 'permission', permission }) as const;
const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const registerFilter = registerQuery.omit({ page: true, pageSize: true });
const promiseItemSchema = z.object({
  itemCode: z.string(),
  itemName: z.string(),
  enabled: z.boolean(),
  basis: z.string(),
  updatedByName: z.string(),
  updatedAt: z.string(),
  version: z.number(),
});

export const certificatesRoutes: Routes = (app, deps) => {
  const r = typed(app);

  r.get(
    '/api/certificates/desk/match',
    {
      config: { policy: perm('certificates.issue') },
      schema: {
        tags,
        summary: '证明受理：按本村现行目录比对（可出具 / 不应出具 / 目录外），给出可办理方式、模板预览和替代渠道',
        querystring: z.strictObject({ q: z.string().trim().min(2, '请输入证明名称').max(100) }),
        response: { 200: matchSchema },
      },
    },
    async (req) => certificates.matchAtDesk(deps, actorOf(req), req.query.q),
  );

  r.post(
    '/api/certificates',
    {
      config: { policy: perm('certificates.issue') },
      schema: {
        tags,
        summary: '开具证明（目录内按模板；目录外须依据、集体研究记录和村委会主任签字；不应出具事项 409）',
        body: issueBody,
        response: { 200: certificateDetailSchema },
      },
    },
    async (req) => certificates.issue(deps, ctxOf(req), req.body),
  );

  r.get(
    '/api/certificates',
    {
      config: { policy: perm('certificates.read') },
      schema: {
        tags,
        summary: '证明开具台账（个人信息一律脱敏；按姓名、身份证号、手机号精确查询经盲索引，查询留痕）',
        querystring: registerQuery,
        response: { 200: z.object({ total: z.number(), items: z.array(certificateSchema) }) },
      },
    },
    async (req) => certificates.listRegister(deps, ctxOf(req), req.query),
  );

  r.get(
    '/api/certificates/export',
    {
      config: { policy: perm('certificates.read') },
      schema: { tags, summary: '导出证明开具台账（xlsx，个人信息脱敏，导出留痕）', querystring: registerFilter },
    },
    async (req, reply) => {
      const rows = certificates.exportRegister(deps, ctxOf(req), req.query);
      const stream = streamWorkbook([
        {
          name: '证明开具台账',
          rows,
          columns: [
            { header: '证明编号', width: 24, value: (c) => c.serial },
            { header: '村（社区）', width: 16, value: (c) => c.regionName },
            { header: '证明事项', width: 30, value: (c) => c.itemName },
            { header: '类别', width: 16, value: (c) => c.pathLabel },
            { header: '申请人', width: 10, value: (c) => c.holderName },
            { header: '公民身份号码', width: 22, value: (c) => c.idNumber },
            { header: '联系电话', width: 14, value: (c) => c.phone },
            { header: '用途', width: 24, value: (c) => c.purpose },
            { header: '要求出具单位', width: 20, value: (c) => c.demander },
            { header: '依据', width: 30, value: (c) => c.basis },
            { header: '签发人', width: 10, value: (c) => c.signerName },
            { header: '经办人', width: 14, value: (c) => c.issuedByName },
            { header: '开具日期', width: 12, value: (c) => c.issuedOn },
            { header: '状态', width: 8, value: (c) => c.statusLabel },
            { header: '撤销理由', width: 24, value: (c) => c.revokeReason },
          ],
        },
      ]);
      return reply
        .header('content-type', XLSX_TYPE)
        .header('content-disposition', attachment(`证明开具台账-${deps.clock.nowIso().slice(0, 10)}.xlsx`))
        .send(stream);
    },
  );

  r.get(
    '/api/certificates/refusals',
    {
      config: { policy: perm('certificates.read') },
      schema: {
        tags,
        summary: '不予出具告知单登记（脱敏）',
        querystring: z.strictObject(page),
        response: { 200: z.object({ total: z.number(), items: z.array(caseSchema) }) },
      },
    },
    async (req) => certificates.listCases(deps, actorOf(req), 'refusal', req.query.page, req.query.pageSize),
  );

  r.post(
    '/api/certificates/refusals',
    {
      config: { policy: perm('certificates.issue') },
      schema: {
        tags,
        summary: '开具不予出具告知单（不应出具事项附替代渠道；指明要求单位时同时记录为索要证据）',
        body: refusalBody,
        response: { 200: caseSchema },
      },
    },
    async (req) => certificates.refuse(deps, ctxOf(req), req.body),
  );

  r.get(
    '/api/certificates/refusals/:id',
    {
      config: { policy: perm('certificates.read') },
      schema: {
        tags,
        summary: '不予出具告知单（打印数据，姓名脱敏）',
        params: idParams,
        response: { 200: caseSchema },
      },
    },
    async (req) => certificates.getCase(deps, actorOf(req), 'refusal', req.params.id),
  );

  r.get(
    '/api/certificates/promises',
    {
      config: { policy: perm('certificates.read') },
      schema: {
        tags,
        summary: '告知承诺书登记（脱敏）',
        querystring: z.strictObject(page),
        response: { 200: z.object({ total: z.number(), items: z.array(caseSchema) }) },
      },
    },
    async (req) => certificates.listCases(deps, actorOf(req), 'promise', req.query.page, req.query.pageSize),
  );

  r.post(
    '/api/certificates/promises',
    {
      config: { policy: perm('certificates.issue') },
      schema: {
        tags,
        summary: '签署告知承诺书（仅限本区确定适用告知承诺的事项）',
        body: promiseBody,
        response: { 200: caseSchema },
      },
    },
    async (req) => certificates.promise(deps, ctxOf(req), req.body),
  );

  r.get(
    '/api/certificates/promises/:id',
    {
      config: { policy: perm('certificates.read') },
      schema: {
        tags,
        summary: '告知承诺书（打印数据，个人信息脱敏）',
        params: idParams,
        response: { 200: caseSchema },
      },
    },
    async (req) => certificates.getCase(deps, actorOf(req), 'promise', req.params.id),
  );

  r.get(
    '/api/certificates/promise-items',
    {
      config: { policy: perm('certificates.read') },
      schema: {
        tags,
        summary: '本区确定适用告知承诺的证明事项（默认无）',
        response: { 200: z.object({ items: z.array(promiseItemSchema) }) },
      },
    },
    async (req) => ({ items: await certificates.listPromiseItems(deps, actorOf(req)) }),
  );

  r.put(
    '/api/certificates/promise-items/:code',
    {
      config: { policy: perm('certificates.configure') },
      schema: {
        tags,
        summary: '确定或取消某证明事项适用告知承诺（区民政局；须写明依据文件）',
        params: z.strictObject({ code: z.string().min(1).max(40) }),
        body: promiseItemBody,
        response: { 200: promiseItemSchema },
      },
    },
    async (req) => certificates.setPromiseItem(deps, ctxOf(req), req.params.code, req.body),
  );

  r.get(
    '/api/certificates/demands',
    {
      config: { policy: perm('certificates.read') },
      schema: {
        tags,
        summary: '仍被索要已取消（不应出具）证明的记录',
        querystring: z.strictObject({
          demanderKey: z.string().max(100).optional(),
          delistedOnly: z.enum(['true', 'false']).optional(),
          ...page,
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(demandSchema) }) },
      },
    },
    async (req) =>
      certificates.listDemands(
        deps,
        actorOf(req),
        { demanderKey: req.query.demanderKey, delistedOnly: req.query.delistedOnly === 'true' },
        req.query.page,
        req.query.pageSize,
      ),
  );

  r.post(
    '/api/certificates/demands',
    {
      config: { policy: perm('certificates.issue') },
      schema: {
        tags,
        summary: '记录某单位仍索要证明（自动比对是否属于不应出具事项）',
        body: demandBody,
        response: { 200: demandSchema },
      },
    },
    async (req) => certificates.recordDemand(deps, ctxOf(req), req.body),
  );

  r.get(
    '/api/certificates/demands/by-demander',
    {
      config: { policy: perm('certificates.read') },
      schema: {
        tags,
        summary: '按索要单位计数（delisted：索要不应出具证明的次数）',
        response: {
          200: z.object({
            total: z.number(),
            delisted: z.number(),
            items: z.array(
              z.object({
                demanderKey: z.string(),
                demanderName: z.string(),
                demanderKind: z.enum(DEMANDER_KINDS).or(z.string()),
                count: z.number(),
                delisted: z.number(),
                lastDemandedOn: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => certificates.demandsByDemander(deps, actorOf(req)),
  );

  r.get(
    '/api/certificates/:id',
    {
      config: { policy: perm('certificates.read') },
      schema: {
        tags,
        summary: '证明详情（脱敏；含核验码、事件记录与可执行操作；查看留痕）',
        params: idParams,
        response: { 200: certificateDetailSchema },
      },
    },
    async (req) => certificates.viewCertificate(deps, ctxOf(req), req.params.id),
  );

  r.post(
    '/api/certificates/:id/print',
    {
      config: { policy: perm('certificates.issue') },
      schema: {
        tags,
        summary: 'A4 打印数据（含完整姓名和身份证号，仅出具村可用，逐份编号；重印须写原因；留痕）',
        params: idParams,
        body: printBody,
        response: {
          200: z.object({
            serial: z.string(),
            title: z.string(),
            paragraphs: z.array(z.string()),
            holderName: z.string(),
            idNumber: z.string().nullable(),
            purpose: z.string(),
            demander: z.string().nullable(),
            villageName: z.string(),
            issuer: z.string(),
            signerName: z.string(),
            signOff: z.unknown().nullable(),
            issuedOn: z.string(),
            issuedOnText: z.string(),
            verificationCode: z.string(),
            verifyPath: z.string(),
            copyNo: z.number(),
            reprint: z.boolean(),
            basis: z.string(),
            path: z.string(),
          }),
        },
      },
    },
    async (req) => certificates.print(deps, ctxOf(req), req.params.id, req.body.reason),
  );

  r.post(
    '/api/certificates/:id/unmask',
    {
      config: { policy: perm('certificates.unmask') },
      schema: {
        tags,
        summary: '查看完整个人信息（仅出具村经办人员；须写原因；每次留痕）',
        params: idParams,
        body: unmaskBody,
        response: {
          200: z.object({
            name: z.string().optional(),
            idNumber: z.string().nullable().optional(),
            phone: z.string().nullable().optional(),
          }),
        },
      },
    },
    async (req) => certificates.unmask(deps, ctxOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/certificates/:id/revoke',
    {
      config: { policy: perm('certificates.issue') },
      schema: {
        tags,
        summary: '撤销证明（须写理由；核验页随即显示已撤销）',
        params: idParams,
        body: revokeBody,
        response: { 200: certificateDetailSchema },
      },
    },
    async (req) => certificates.revoke(deps, ctxOf(req), req.params.id, req.body),
  );

  const limit = deps.config.publicRateLimit;
  r.get(
    '/api/public/verify/:code',
    {
      config: { policy: { access: 'public' }, rateLimit: limit > 0 ? { max: limit, timeWindow: 60_000 } : false },
      schema: {
        tags: ['公开'],
        summary: '证明真伪核验（/verify/<code> 页面的数据）：有效性、出具村、日期、类型、脱敏姓名',
        params: z.strictObject({ code: z.string().min(1).max(100) }),
        response: { 200: verifySchema },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return certificates.verify(deps, req.params.code);
    },
  );
};
