import * as s from '../../../shared/certificates.js';
import type { Routes } from '../feature.js';
import {
  authed,
  can,
  isPublic,
  ok,
  onId,
  perMinute,
  route,
  sendXlsx,
  typed,
  withBody,
  withQuery,
} from '../../http/route.js';
import { streamWorkbook } from '../../core/spreadsheets.js';
import * as desk from './certificates.desk.service.js';
import * as issuing from './certificates.issue.service.js';
import * as register from './certificates.register.service.js';
import * as printing from './certificates.print.service.js';
import * as cases from './certificates.cases.service.js';
import * as demands from './certificates.demands.service.js';
import * as settings from './certificates.settings.service.js';
import { registerFileName, registerSheet } from './certificates.export.js';

const tags = ['证明'];
const issue = can('certificates.issue');
const reader = can('certificates.read');
const CASES: Record<s.CaseKind, { path: string; list: string; create: string; one: string }> = {
  refusal: {
    path: '/api/certificates/refusals',
    list: '不予出具告知单登记（脱敏）',
    create: '开具不予出具告知单（不应出具事项附替代渠道；指明要求单位时同时记录为索要证据）',
    one: '不予出具告知单（打印数据，姓名脱敏）',
  },
  promise: {
    path: '/api/certificates/promises',
    list: '告知承诺书登记（脱敏）',
    create: '签署告知承诺书（仅限本区确定适用告知承诺的事项）',
    one: '告知承诺书（打印数据，个人信息脱敏）',
  },
};

export const certificatesRoutes: Routes = (app, deps) => {
  const r = typed(app);

  r.get(
    '/api/certificates/desk/match',
    route(
      issue,
      tags,
      '证明受理：按本村现行目录比对（可出具 / 不应出具 / 目录外），给出可办理方式、模板预览和替代渠道',
      withQuery(s.matchQuery, s.matchSchema),
    ),
    async (req) => desk.matchAtDesk(deps, authed(req), req.query.q),
  );
  r.post(
    '/api/certificates',
    route(
      issue,
      tags,
      '开具证明（目录内按模板；目录外须依据、集体研究记录和村委会主任签字；不应出具事项 409）',
      withBody(s.issueBody, s.certificateDetailSchema),
    ),
    async (req) => issuing.issue(deps, authed(req), req.body),
  );
  r.get(
    '/api/certificates',
    route(
      reader,
      tags,
      '证明开具台账（个人信息一律脱敏；按姓名、身份证号、手机号精确查询经盲索引，查询留痕）',
      withQuery(s.registerQuery, s.registerPageSchema),
    ),
    async (req) => register.listRegister(deps, authed(req), req.query),
  );
  r.get(
    '/api/certificates/export',
    route(reader, tags, '导出证明开具台账（xlsx，个人信息脱敏，导出留痕）', { querystring: s.registerFilterQuery }),
    async (req, reply) => {
      const stream = streamWorkbook([registerSheet(register.exportRegister(deps, authed(req), req.query))]);
      return sendXlsx(reply, registerFileName(deps.clock.nowIso().slice(0, 10)), stream);
    },
  );

  r.post(
    CASES.refusal.path,
    route(issue, tags, CASES.refusal.create, withBody(s.refusalBody, s.caseSchema)),
    async (req) => cases.refuse(deps, authed(req), req.body),
  );
  r.post(
    CASES.promise.path,
    route(issue, tags, CASES.promise.create, withBody(s.promiseBody, s.caseSchema)),
    async (req) => cases.promise(deps, authed(req), req.body),
  );
  for (const kind of ['refusal', 'promise'] as const) {
    r.get(
      CASES[kind].path,
      route(reader, tags, CASES[kind].list, withQuery(s.pageQuery, s.casePageSchema)),
      async (req) => cases.listCases(deps, authed(req), kind, req.query),
    );
    r.get(`${CASES[kind].path}/:id`, route(reader, tags, CASES[kind].one, onId(undefined, s.caseSchema)), async (req) =>
      cases.getCase(deps, authed(req), kind, req.params.id),
    );
  }

  r.get(
    '/api/certificates/promise-items',
    route(reader, tags, '本区确定适用告知承诺的证明事项（默认无）', ok(s.promiseItemsSchema)),
    async (req) => ({ items: await settings.listPromiseItems(deps, authed(req)) }),
  );
  r.put(
    '/api/certificates/promise-items/:code',
    route(can('certificates.configure'), tags, '确定或取消某证明事项适用告知承诺（区民政局；须写明依据文件）', {
      params: s.promiseItemParams,
      body: s.promiseItemBody,
      response: { 200: s.promiseItemSchema },
    }),
    async (req) => settings.setPromiseItem(deps, authed(req), req.params.code, req.body),
  );

  r.get(
    '/api/certificates/demands',
    route(reader, tags, '仍被索要已取消（不应出具）证明的记录', withQuery(s.demandsQuery, s.demandPageSchema)),
    async (req) => {
      const { demanderKey, delistedOnly, page, pageSize } = req.query;
      return demands.listDemands(
        deps,
        authed(req),
        { demanderKey, delistedOnly: delistedOnly === 'true' },
        { page, pageSize },
      );
    },
  );
  r.post(
    '/api/certificates/demands',
    route(issue, tags, '记录某单位仍索要证明（自动比对是否属于不应出具事项）', withBody(s.demandBody, s.demandSchema)),
    async (req) => demands.recordDemand(deps, authed(req), req.body),
  );
  r.get(
    '/api/certificates/demands/by-demander',
    route(reader, tags, '按索要单位计数（delisted：索要不应出具证明的次数）', ok(s.demanderCountsSchema)),
    async (req) => demands.demandsByDemander(deps, authed(req)),
  );

  r.get(
    '/api/certificates/:id',
    route(
      reader,
      tags,
      '证明详情（脱敏；含核验码、事件记录与可执行操作；查看留痕）',
      onId(undefined, s.certificateDetailSchema),
    ),
    async (req) => register.viewCertificate(deps, authed(req), req.params.id),
  );
  r.post(
    '/api/certificates/:id/print',
    route(
      issue,
      tags,
      'A4 打印数据（含完整姓名和身份证号，仅出具村可用，逐份编号；重印须写原因；留痕）',
      onId(s.printBody, s.printSchema),
    ),
    async (req) => printing.print(deps, authed(req), req.params.id, req.body.reason),
  );
  r.post(
    '/api/certificates/:id/unmask',
    route(
      can('certificates.unmask'),
      tags,
      '查看完整个人信息（仅出具村经办人员；须写原因；每次留痕）',
      onId(s.unmaskBody, s.unmaskedSchema),
    ),
    async (req) => printing.unmask(deps, authed(req), req.params.id, req.body),
  );
  r.post(
    '/api/certificates/:id/revoke',
    route(issue, tags, '撤销证明（须写理由；核验页随即显示已撤销）', onId(s.revokeBody, s.certificateDetailSchema)),
    async (req) => printing.revoke(deps, authed(req), req.params.id, req.body),
  );

  r.get(
    '/api/public/verify/:code',
    perMinute(
      route(isPublic, ['公开'], '证明真伪核验（/verify/<code> 页面的数据）：有效性、出具村、日期、类型、脱敏姓名', {
        params: s.codeParams,
        response: { 200: s.verifySchema },
      }),
      deps.config.publicRateLimit,
    ),
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return register.verify(deps, req.params.code);
    },
  );
};
