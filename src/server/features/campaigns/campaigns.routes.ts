import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from '../../../shared/zod.js';
import type { Permission } from '../../../shared/roles.js';
import { typed, type Routes } from '../feature.js';
import { actorOf, ctxOf, currentBy } from '../../http/policy.js';
import { AppError } from '../../core/errors.js';
import { attachment, XLSX_TYPE } from '../../core/spreadsheets.js';
import * as campaigns from './campaigns.service.js';
import * as ledgers from './ledgers.service.js';
import * as tasks from './tasks.service.js';
import { rollup } from './rollups.service.js';
import { importLedgerRows } from './campaigns.import.js';
import { exportConsolidated, exportLedger } from './campaigns.export.js';
import { ledgerTemplate } from './campaigns.excel.js';
import { CATEGORY_LABELS, type SignGuide } from './campaigns.model.js';
import * as s from './campaigns.schemas.js';

const can = (permission: Permission) => ({ policy: { access: 'permission', permission } as const });
const T = { campaigns: ['专项行动'], ledgers: ['自查台账'], tasks: ['清理整改任务'], rollups: ['汇总统计'] };
const ok = z.object({ ok: z.literal(true) });

/** The one uploaded file of a multipart request (field `file`; put other fields such as `note` before it). */
async function readUpload(req: FastifyRequest) {
  if (!req.isMultipart())
    throw new AppError('unsupported_media_type', '请以 multipart/form-data 上传文件（字段名 file）');
  const part = await req.file();
  if (!part)
    throw new AppError('validation_failed', '没有收到文件', { issues: [{ field: 'file', message: '缺少文件' }] });
  const data = await part.toBuffer();
  const noteField = part.fields.note as { value?: unknown } | undefined;
  const note = typeof noteField?.value === 'string' ? noteField.value.trim().slice(0, 500) || null : null;
  return { filename: part.filename || 'file', data, note };
}

const sendFile = (reply: FastifyReply, f: { data: Buffer; contentType: string; name: string }) =>
  reply
    .header('content-type', f.contentType)
    .header('content-disposition', attachment(f.name))
    .header('x-content-type-options', 'nosniff')
    .header('cache-control', 'private, no-store')
    .send(f.data);

export const campaignsRoutes: Routes = (app, deps) => {
  const r = typed(app);
  const rowNow = currentBy((a, id) => ledgers.getRow(deps, a, id));
  // ---------------------------------------------------------------- campaigns
  r.get(
    '/api/campaigns',
    {
      config: can('campaigns.read'),
      schema: {
        tags: T.campaigns,
        summary: '可见的专项行动（上级发起的与本人辖区内的）',
        response: { 200: z.object({ items: z.array(s.campaignSchema) }) },
      },
    },
    async (req) => ({
      items: await campaigns.listCampaigns(deps, actorOf(req)),
    }),
  );
  r.post(
    '/api/campaigns',
    {
      config: can('campaigns.manage'),
      schema: {
        tags: T.campaigns,
        summary: '发起专项行动（默认按实施方案的四个阶段和截止日期，可修改）',
        body: s.createCampaignBody,
        response: { 200: s.campaignSchema },
      },
    },
    async (req) => campaigns.createCampaign(deps, ctxOf(req), req.body),
  );
  r.get(
    '/api/campaigns/:id',
    {
      config: can('campaigns.read'),
      schema: {
        tags: T.campaigns,
        summary: '专项行动详情（含启动进度 launch）',
        params: s.idParams,
        response: { 200: s.campaignSchema },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      return campaigns.presentCampaign(deps, actor, await campaigns.getVisibleCampaign(deps, actor, req.params.id));
    },
  );
  r.patch(
    '/api/campaigns/:id',
    {
      config: can('campaigns.manage'),
      schema: {
        tags: T.campaigns,
        summary: '修改名称、阶段截止日期或提醒设置（乐观锁 version；整改中任务随阶段日期调整）',
        params: s.idParams,
        body: s.updateCampaignBody,
        response: { 200: s.campaignSchema },
      },
    },
    async (req) => campaigns.updateCampaign(deps, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/campaigns/:id/launch',
    {
      config: can('campaigns.manage'),
      schema: {
        tags: T.campaigns,
        summary: '启动：后台为范围内每个村（社区）建立台账（上一轮数据预填），进度见 launch',
        params: s.idParams,
        body: s.versionBody,
        response: { 200: s.campaignSchema },
      },
    },
    async (req) => campaigns.launchCampaign(deps, ctxOf(req), req.params.id, req.body.version),
  );
  r.get(
    '/api/campaigns/:id/changes',
    {
      config: can('ledgers.read'),
      schema: {
        tags: T.campaigns,
        summary: '与上一轮相比：新增、变化、未变、未延续的条目数',
        params: s.idParams,
        querystring: s.regionQuery,
        response: { 200: s.changesSchema },
      },
    },
    async (req) => campaigns.cycleChanges(deps, actorOf(req), req.params.id, req.query.region),
  );
  r.get(
    '/api/campaigns/:id/rollup',
    {
      config: can('ledgers.read'),
      schema: {
        tags: T.rollups,
        summary: '汇总：区划×类别×处理意见×审核状态、清理前后数量、各阶段进度、逾期任务（默认本人所在区划）',
        params: s.idParams,
        querystring: s.regionQuery,
        response: { 200: s.rollupSchema },
      },
    },
    async (req) => rollup(deps, actorOf(req), req.params.id, req.query.region),
  );
  r.get(
    '/api/campaigns/:id/export',
    {
      config: can('ledgers.read'),
      schema: {
        tags: T.rollups,
        summary: '导出乡镇/区/市/省汇总台账（汇总表 + 每类一张表，含合计；流式 xlsx）',
        params: s.idParams,
        querystring: s.regionQuery,
      },
    },
    async (req, reply) => {
      const { filename, stream } = await exportConsolidated(deps, actorOf(req), req.params.id, req.query.region);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(filename))
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
  r.get(
    '/api/campaigns/:id/ledgers',
    {
      config: can('ledgers.read'),
      schema: {
        tags: T.ledgers,
        summary: '台账列表（按区划、状态、村名筛选，分页）',
        params: s.idParams,
        querystring: s.ledgerListQuery,
        response: { 200: s.ledgerListSchema },
      },
    },
    async (req) =>
      ledgers.listLedgers(deps, actorOf(req), req.params.id, {
        regionCode: req.query.region,
        status: req.query.status,
        search: req.query.q,
        page: req.query.page,
        pageSize: req.query.pageSize,
      }),
  );
  r.post(
    '/api/campaigns/:id/import',
    {
      config: can('ledgers.import'),
      schema: {
        tags: T.ledgers,
        summary: '导入台账（multipart 字段 file；全部成功或全部不写入，错误精确到工作表、行、列；重复导入不产生变化）',
        params: s.idParams,
        querystring: s.importQuery,
        response: { 200: s.importSchema },
      },
    },
    async (req) => {
      const file = await readUpload(req);
      return importLedgerRows(deps, ctxOf(req), req.params.id, file.data, { category: req.query.category });
    },
  );
  r.get(
    '/api/ledger-template',
    {
      config: can('ledgers.import'),
      schema: {
        tags: T.ledgers,
        summary: '台账导入模板（每类一张表，或 category 指定一类）',
        querystring: s.templateQuery,
      },
    },
    async (req, reply) => {
      const buf = await ledgerTemplate(req.query.category);
      const name =
        req.query.category === 'all'
          ? '自查台账导入模板.xlsx'
          : `${CATEGORY_LABELS[req.query.category]}台账导入模板.xlsx`;
      return reply.type(XLSX_TYPE).header('content-disposition', attachment(name)).send(buf);
    },
  );
  r.get(
    '/api/sign-guide/:region',
    {
      config: can('campaigns.read'),
      schema: {
        tags: T.campaigns,
        summary: '区县的标识牌指引设置（允许清单、村6社5上限；可配置）',
        params: z.strictObject({ region: s.regionCode }),
        response: { 200: s.signGuideSchema },
      },
    },
    async (req) => campaigns.getSignGuide(deps, actorOf(req), req.params.region),
  );
  r.put(
    '/api/sign-guide/:region',
    {
      config: can('campaigns.manage'),
      schema: {
        tags: T.campaigns,
        summary: '修改本区的标识牌指引设置（首次 version 传 0）',
        params: z.strictObject({ region: s.regionCode }),
        body: s.signGuideBody,
        response: { 200: s.signGuideSchema },
      },
    },
    async (req) =>
      campaigns.putSignGuide(deps, ctxOf(req), req.params.region, req.body as SignGuide & { version: number }),
  );

  // ---------------------------------------------------------------- ledgers
  r.get(
    '/api/ledgers/:id',
    {
      config: can('ledgers.read'),
      schema: {
        tags: T.ledgers,
        summary: '一个村的台账：四类条目、建议与决定、上一轮对比、流转记录',
        params: s.idParams,
        response: { 200: s.ledgerViewSchema },
      },
    },
    async (req) => ledgers.getLedger(deps, actorOf(req), req.params.id),
  );
  r.get(
    '/api/ledgers/:id/export',
    {
      config: can('ledgers.read'),
      schema: { tags: T.ledgers, summary: '导出本村台账（每类一张表，含合计；可再导入）', params: s.idParams },
    },
    async (req, reply) => {
      const { filename, stream } = await exportLedger(deps, actorOf(req), req.params.id);
      return reply
        .type(XLSX_TYPE)
        .header('content-disposition', attachment(filename))
        .header('cache-control', 'no-store')
        .send(stream);
    },
  );
  r.get(
    '/api/ledgers/:id/suggest',
    {
      config: can('ledgers.fill'),
      schema: {
        tags: T.ledgers,
        summary: '输入提示：目录事项、指引牌子、本乡镇其他村已填的名称',
        params: s.idParams,
        querystring: s.suggestQuery,
        response: { 200: s.suggestSchema },
      },
    },
    async (req) => ({
      items: await ledgers.suggestNames(deps, actorOf(req), req.params.id, req.query.category, req.query.q),
    }),
  );
  r.post(
    '/api/ledgers/:id/rows',
    {
      config: can('ledgers.fill'),
      schema: {
        tags: T.ledgers,
        summary: '新增条目（按类别的字段；返回系统建议）',
        params: s.idParams,
        body: s.createRowBody,
        response: { 200: s.rowResponse },
      },
    },
    async (req) => ledgers.addRow(deps, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/ledgers/:id/accept-all',
    {
      config: can('ledgers.fill'),
      schema: {
        tags: T.ledgers,
        summary: '一键采纳全部（或某类）未定条目的系统建议',
        params: s.idParams,
        body: s.acceptAllBody,
        response: { 200: z.object({ accepted: z.number(), ledgerVersion: z.number() }) },
      },
    },
    async (req) => ledgers.acceptAll(deps, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/ledgers/:id/submit',
    {
      config: can('ledgers.fill'),
      schema: {
        tags: T.ledgers,
        summary: '提交乡镇审核（全部条目须已确定处理意见；400 时 details.undecided 列出未定条目）',
        params: s.idParams,
        body: s.versionBody,
        response: { 200: s.ledgerViewSchema },
      },
    },
    async (req) => ledgers.submit(deps, ctxOf(req), req.params.id, req.body.version),
  );
  r.post(
    '/api/ledgers/:id/withdraw',
    {
      config: can('ledgers.fill'),
      schema: {
        tags: T.ledgers,
        summary: '撤回尚未审核的提交',
        params: s.idParams,
        body: s.versionBody,
        response: { 200: s.ledgerViewSchema },
      },
    },
    async (req) => ledgers.withdraw(deps, ctxOf(req), req.params.id, req.body.version),
  );
  r.post(
    '/api/ledgers/:id/return',
    {
      config: can('ledgers.review'),
      schema: {
        tags: T.ledgers,
        summary: '乡镇退回修改（须写明意见）',
        params: s.idParams,
        body: s.returnBody,
        response: { 200: s.ledgerViewSchema },
      },
    },
    async (req) => ledgers.returnLedger(deps, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/ledgers/:id/approve',
    {
      config: can('ledgers.review'),
      schema: {
        tags: T.ledgers,
        summary: '乡镇审核通过（不合规条目生成整改任务）',
        params: s.idParams,
        body: s.approveBody,
        response: { 200: s.ledgerViewSchema },
      },
    },
    async (req) => ledgers.approve(deps, ctxOf(req), req.params.id, req.body),
  );
  r.get(
    '/api/ledger-rows/:id',
    {
      config: can('ledgers.read'),
      schema: { tags: T.ledgers, summary: '一个条目', params: s.idParams, response: { 200: s.rowResponse } },
    },
    async (req) => ledgers.getRow(deps, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/ledger-rows/:id',
    {
      config: { ...can('ledgers.fill'), current: rowNow },
      schema: {
        tags: T.ledgers,
        summary: '修改条目（乐观锁 version；重新给出建议；审核通过后修改会使审核失效）',
        params: s.idParams,
        body: s.updateRowBody,
        response: { 200: s.rowResponse },
      },
    },
    async (req) => ledgers.updateRow(deps, ctxOf(req), req.params.id, req.body),
  );
  r.delete(
    '/api/ledger-rows/:id',
    {
      config: { ...can('ledgers.fill'), current: rowNow },
      schema: {
        tags: T.ledgers,
        summary: '删除条目（?version=）',
        params: s.idParams,
        querystring: z.strictObject({ version: z.coerce.number().int() }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await ledgers.deleteRow(deps, ctxOf(req), req.params.id, req.query.version);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/ledger-rows/:id/decision',
    {
      config: { ...can('ledgers.fill'), current: rowNow },
      schema: {
        tags: T.ledgers,
        summary: '采纳建议，或改判（须写明理由）',
        params: s.idParams,
        body: s.decideBody,
        response: { 200: s.rowResponse },
      },
    },
    async (req) => ledgers.decideRow(deps, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/ledger-rows/:id/photo',
    {
      config: can('ledgers.fill'),
      schema: {
        tags: T.ledgers,
        summary: '标识牌照片（可选；PNG/JPEG，multipart 字段 file）',
        params: s.idParams,
        response: { 200: s.rowResponse },
      },
    },
    async (req) => {
      const file = await readUpload(req);
      return ledgers.setRowPhoto(deps, ctxOf(req), req.params.id, file);
    },
  );
  r.get(
    '/api/ledger-rows/:id/photo',
    { config: can('ledgers.read'), schema: { tags: T.ledgers, summary: '标识牌照片', params: s.idParams } },
    async (req, reply) => sendFile(reply, await ledgers.getRowPhoto(deps, actorOf(req), req.params.id)),
  );

  // ---------------------------------------------------------------- clean-up tasks
  r.get(
    '/api/tasks',
    {
      config: can('tasks.read'),
      schema: {
        tags: T.tasks,
        summary: '整改任务（按行动、区划、状态、类别筛选；overdue=true 为逾期清单；mine=true 为本人负责）',
        querystring: s.taskListQuery,
        response: { 200: s.taskListSchema },
      },
    },
    async (req) => {
      const q = req.query;
      return tasks.listTasks(deps, actorOf(req), {
        campaignId: q.campaignId,
        ledgerId: q.ledgerId,
        regionCode: q.region,
        status: q.status,
        overdue: q.overdue === 'true',
        category: q.category,
        mine: q.mine === 'true',
        page: q.page,
        pageSize: q.pageSize,
      });
    },
  );
  r.get(
    '/api/tasks/:id',
    {
      config: can('tasks.read'),
      schema: {
        tags: T.tasks,
        summary: '整改任务详情与佐证材料',
        params: s.idParams,
        response: { 200: s.taskDetailSchema },
      },
    },
    async (req) => tasks.getTask(deps, actorOf(req), req.params.id),
  );
  r.patch(
    '/api/tasks/:id',
    {
      config: can('tasks.manage'),
      schema: {
        tags: T.tasks,
        summary: '调整责任方（村或部门）或截止日期',
        params: s.idParams,
        body: s.updateTaskBody,
        response: { 200: s.taskDetailSchema },
      },
    },
    async (req) => tasks.updateTask(deps, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/tasks/:id/evidence',
    {
      config: can('tasks.update'),
      schema: {
        tags: T.tasks,
        summary: '上传佐证材料（可选；PNG/JPEG/PDF，按内容识别，≤10 MB；multipart 字段 note 可选、file 必填）',
        params: s.idParams,
        response: { 200: s.taskDetailSchema },
      },
    },
    async (req) => {
      const file = await readUpload(req);
      return tasks.addEvidence(deps, ctxOf(req), req.params.id, file);
    },
  );
  r.get(
    '/api/tasks/:id/evidence/:evidenceId',
    { config: can('tasks.read'), schema: { tags: T.tasks, summary: '下载佐证材料', params: s.evidenceParams } },
    async (req, reply) =>
      sendFile(reply, await tasks.getEvidenceFile(deps, actorOf(req), req.params.id, req.params.evidenceId)),
  );
  r.post(
    '/api/tasks/:id/close',
    {
      config: can('tasks.update'),
      schema: {
        tags: T.tasks,
        summary: '办结（写明整改情况；不强制照片）',
        params: s.idParams,
        body: s.closeTaskBody,
        response: { 200: s.taskDetailSchema },
      },
    },
    async (req) => tasks.closeTask(deps, ctxOf(req), req.params.id, req.body),
  );
  r.post(
    '/api/tasks/:id/reopen',
    {
      config: can('tasks.manage'),
      schema: {
        tags: T.tasks,
        summary: '重新打开已办结的任务（写明原因）',
        params: s.idParams,
        body: s.closeTaskBody,
        response: { 200: s.taskDetailSchema },
      },
    },
    async (req) => tasks.reopenTask(deps, ctxOf(req), req.params.id, req.body),
  );
};
