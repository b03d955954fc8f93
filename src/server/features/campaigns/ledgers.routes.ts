import * as s from '../../../shared/campaigns.js';
import { authed, can, onId, route, typed } from '../../http/route.js';
import { currentBy } from '../../http/policy.js';
import type { Routes } from '../feature.js';
import * as ledgers from './ledgers.service.js';
import * as rows from './rows.service.js';
import * as review from './review.service.js';
import { exportLedger } from './campaigns.export.js';
import { readUpload, sendFile, sendXlsx } from './campaigns.http.js';

const tags = ['自查台账'];
const read = can('ledgers.read');
const fill = can('ledgers.fill');
const check = can('ledgers.review');

/** One village's ledger: reading, row writes and decisions, the workflow, its export and board photos. */
export const ledgersRoutes: Routes = (app, deps) => {
  const r = typed(app);
  // A 409 on a row carries the row as it is now (details.current).
  const rowNow = { current: currentBy((a, id) => ledgers.getRow(deps, a, id)) };
  r.get(
    '/api/ledgers/:id',
    route(read, tags, '一个村的台账：四类条目、建议与决定、上一轮对比、流转记录', onId(undefined, s.ledgerViewSchema)),
    async (req) => ledgers.getLedger(deps, authed(req).actor, req.params.id),
  );
  r.get(
    '/api/ledgers/:id/export',
    route(read, tags, '导出本村台账（每类一张表，含合计；可再导入）', { params: s.idParams }),
    async (req, reply) => sendXlsx(reply, await exportLedger(deps, authed(req).actor, req.params.id)),
  );
  r.get(
    '/api/ledgers/:id/suggest',
    route(fill, tags, '输入提示：目录事项、指引牌子、本乡镇其他村已填的名称', {
      params: s.idParams,
      querystring: s.suggestQuery,
      response: { 200: s.suggestSchema },
    }),
    async (req) => ({
      items: await ledgers.suggestNames(deps, authed(req).actor, req.params.id, req.query.category, req.query.q),
    }),
  );
  r.post(
    '/api/ledgers/:id/rows',
    route(fill, tags, '新增条目（按类别的字段；返回系统建议）', onId(s.createRowBody, s.rowResponse)),
    async (req) => rows.addRow(deps, authed(req), req.params.id, req.body),
  );
  r.post(
    '/api/ledgers/:id/accept-all',
    route(fill, tags, '一键采纳全部（或某类）未定条目的系统建议', onId(s.acceptAllBody, s.acceptAllSchema)),
    async (req) => rows.acceptAll(deps, authed(req), req.params.id, req.body),
  );
  r.post(
    '/api/ledgers/:id/submit',
    route(
      fill,
      tags,
      '提交乡镇审核（全部条目须已确定处理意见；400 时 details.undecided 列出未定条目）',
      onId(s.versionBody, s.ledgerViewSchema),
    ),
    async (req) => review.submit(deps, authed(req), req.params.id, req.body.version),
  );
  r.post(
    '/api/ledgers/:id/withdraw',
    route(fill, tags, '撤回尚未审核的提交', onId(s.versionBody, s.ledgerViewSchema)),
    async (req) => review.withdraw(deps, authed(req), req.params.id, req.body.version),
  );
  r.post(
    '/api/ledgers/:id/return',
    route(check, tags, '乡镇退回修改（须写明意见）', onId(s.returnBody, s.ledgerViewSchema)),
    async (req) => review.returnLedger(deps, authed(req), req.params.id, req.body),
  );
  r.post(
    '/api/ledgers/:id/approve',
    route(check, tags, '乡镇审核通过（不合规条目生成整改任务）', onId(s.approveBody, s.ledgerViewSchema)),
    async (req) => review.approve(deps, authed(req), req.params.id, req.body),
  );
  r.get('/api/ledger-rows/:id', route(read, tags, '一个条目', onId(undefined, s.rowResponse)), async (req) =>
    ledgers.getRow(deps, authed(req).actor, req.params.id),
  );
  r.patch(
    '/api/ledger-rows/:id',
    route(
      fill,
      tags,
      '修改条目（乐观锁 version；重新给出建议；审核通过后修改会使审核失效）',
      onId(s.updateRowBody, s.rowResponse),
      rowNow,
    ),
    async (req) => rows.updateRow(deps, authed(req), req.params.id, req.body),
  );
  r.delete(
    '/api/ledger-rows/:id',
    route(
      fill,
      tags,
      '删除条目（?version=）',
      { params: s.idParams, querystring: s.deleteRowQuery, response: { 200: s.okSchema } },
      rowNow,
    ),
    async (req) => {
      await rows.deleteRow(deps, authed(req), req.params.id, req.query.version);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/ledger-rows/:id/decision',
    route(fill, tags, '采纳建议，或改判（须写明理由）', onId(s.decideBody, s.rowResponse), rowNow),
    async (req) => rows.decideRow(deps, authed(req), req.params.id, req.body),
  );
  r.post(
    '/api/ledger-rows/:id/photo',
    route(fill, tags, '标识牌照片（可选；PNG/JPEG，multipart 字段 file）', onId(undefined, s.rowResponse)),
    async (req) => rows.setRowPhoto(deps, authed(req), req.params.id, await readUpload(req)),
  );
  r.get('/api/ledger-rows/:id/photo', route(read, tags, '标识牌照片', { params: s.idParams }), async (req, reply) =>
    sendFile(reply, await ledgers.getRowPhoto(deps, authed(req).actor, req.params.id)),
  );
};
