import * as s from '../../../shared/campaigns.js';
import { authed, can, ok, onId, route, typed, withBody } from '../../http/route.js';
import type { Routes } from '../feature.js';
import * as campaigns from './campaigns.service.js';
import { launchCampaign } from './launch.service.js';
import { getSignGuide, putSignGuide } from './sign-guide.service.js';
import { listLedgers } from './ledgers.service.js';
import { cycleChanges, rollup } from './rollups.service.js';
import { startImport } from './import.service.js';
import { exportConsolidated } from './campaigns.export.js';
import { ledgerTemplate, templateName } from './campaigns.excel.js';
import { readUpload, sendXlsx } from './campaigns.http.js';
import { ledgersRoutes } from './ledgers.routes.js';
import { tasksRoutes } from './tasks.routes.js';
import { rowSearchRoutes } from './rows.search.routes.js';

const tags = ['专项行动'];
const rollups = ['汇总统计'];
const ledgerTags = ['自查台账'];
const seeCampaigns = can('campaigns.read');
const manage = can('campaigns.manage');
const readLedgers = can('ledgers.read');

/** Campaigns, their roll-ups and imports, the sign guide; then ledgers and clean-up tasks. */
export const campaignsRoutes: Routes = (app, deps) => {
  const r = typed(app);
  r.get(
    '/api/campaigns',
    route(seeCampaigns, tags, '可见的专项行动（上级发起的与本人辖区内的）', ok(s.campaignListSchema)),
    async (req) => ({ items: await campaigns.listCampaigns(deps, authed(req).actor) }),
  );
  r.post(
    '/api/campaigns',
    route(
      manage,
      tags,
      '发起专项行动（默认按实施方案的四个阶段和截止日期，可修改）',
      withBody(s.createCampaignBody, s.campaignSchema),
    ),
    async (req) => campaigns.createCampaign(deps, authed(req), req.body),
  );
  r.get(
    '/api/campaigns/:id',
    route(seeCampaigns, tags, '专项行动详情（含启动进度 launch）', onId(undefined, s.campaignSchema)),
    async (req) => campaigns.getCampaign(deps, authed(req).actor, req.params.id),
  );
  r.patch(
    '/api/campaigns/:id',
    route(
      manage,
      tags,
      '修改名称、阶段截止日期或提醒设置（乐观锁 version；整改中任务随阶段日期调整）',
      onId(s.updateCampaignBody, s.campaignSchema),
    ),
    async (req) => campaigns.updateCampaign(deps, authed(req), req.params.id, req.body),
  );
  r.post(
    '/api/campaigns/:id/launch',
    route(
      manage,
      tags,
      '启动：后台为范围内每个村（社区）建立台账（上一轮数据预填），进度见 launch',
      onId(s.versionBody, s.campaignSchema),
    ),
    async (req) => launchCampaign(deps, authed(req), req.params.id, req.body.version),
  );
  r.get(
    '/api/campaigns/:id/changes',
    route(readLedgers, tags, '与上一轮相比：新增、变化、未变、未延续的条目数', {
      params: s.idParams,
      querystring: s.regionQuery,
      response: { 200: s.changesSchema },
    }),
    async (req) => cycleChanges(deps, authed(req).actor, req.params.id, req.query.region),
  );
  r.get(
    '/api/campaigns/:id/rollup',
    route(
      readLedgers,
      rollups,
      '汇总：区划×类别×处理意见×审核状态、清理前后数量、各阶段进度、逾期任务（默认本人所在区划）',
      { params: s.idParams, querystring: s.regionQuery, response: { 200: s.rollupSchema } },
    ),
    async (req) => rollup(deps, authed(req).actor, req.params.id, req.query.region),
  );
  r.get(
    '/api/campaigns/:id/export',
    route(readLedgers, rollups, '导出乡镇/区/市/省汇总台账（汇总表 + 每类一张表，含合计；流式 xlsx）', {
      params: s.idParams,
      querystring: s.regionQuery,
    }),
    async (req, reply) =>
      sendXlsx(reply, await exportConsolidated(deps, authed(req).actor, req.params.id, req.query.region)),
  );
  r.get(
    '/api/campaigns/:id/ledgers',
    route(readLedgers, ledgerTags, '台账列表（按区划、状态、村名筛选，分页）', {
      params: s.idParams,
      querystring: s.ledgerListQuery,
      response: { 200: s.ledgerListSchema },
    }),
    async (req) => listLedgers(deps, authed(req).actor, req.params.id, req.query),
  );
  r.post(
    '/api/campaigns/:id/import',
    route(
      can('ledgers.import'),
      ledgerTags,
      '导入台账（multipart 字段 file；后台任务：全部成功或全部不写入，错误精确到工作表、行、列；重复导入不产生变化）；202 返回 jobId，进度与结果见 GET /api/jobs/:id',
      { params: s.idParams, querystring: s.importQuery, response: { 202: s.importStartedSchema } },
    ),
    async (req, reply) => {
      const file = await readUpload(req);
      return reply.status(202).send(await startImport(deps, authed(req), req.params.id, file, req.query.category));
    },
  );
  r.get(
    '/api/ledger-template',
    route(can('ledgers.import'), ledgerTags, '台账导入模板（每类一张表，或 category 指定一类）', {
      querystring: s.templateQuery,
    }),
    async (req, reply) =>
      sendXlsx(reply, { filename: templateName(req.query.category), stream: await ledgerTemplate(req.query.category) }),
  );
  r.get(
    '/api/sign-guide/:region',
    route(seeCampaigns, tags, '区县的标识牌指引设置（允许清单、村6社5上限；可配置）', {
      params: s.regionParams,
      response: { 200: s.signGuideSchema },
    }),
    async (req) => getSignGuide(deps, authed(req).actor, req.params.region),
  );
  r.put(
    '/api/sign-guide/:region',
    route(manage, tags, '修改本区的标识牌指引设置（首次 version 传 0）', {
      params: s.regionParams,
      body: s.signGuideBody,
      response: { 200: s.signGuideSchema },
    }),
    async (req) => putSignGuide(deps, authed(req), req.params.region, req.body),
  );
  ledgersRoutes(app, deps);
  rowSearchRoutes(app, deps);
  tasksRoutes(app, deps);
};
