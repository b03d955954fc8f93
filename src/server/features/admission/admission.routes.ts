import type { FastifyRequest } from 'fastify';
import * as s from '../../../shared/admission.js';
import type { Routes } from '../feature.js';
import { authed, can, isPublic, ok, onId, perMinute, route, typed, withBody, withQuery } from '../../http/route.js';
import * as filing from './admission.filing.service.js';
import * as prechecks from './admission.precheck.service.js';
import * as submit from './admission.submit.service.js';
import * as review from './admission.review.service.js';
import * as effect from './admission.effect.service.js';
import * as read from './admission.read.service.js';
import * as settings from './admission.settings.service.js';
import * as flags from './admission.flags.service.js';

const tags = ['准入'];
const file = can('admission.file');
const reader = can('admission.read');
const detail = onId(undefined, s.requestDetailSchema);

export const admissionRoutes: Routes = (app, deps) => {
  const r = typed(app);
  /** A 409 on a request carries the request as the actor sees it now (`details.current`). */
  const now = {
    current: (req: FastifyRequest) => read.getRequest(deps, authed(req), (req.params as { id: string }).id),
  };

  r.post(
    '/api/admission/requests',
    route(file, tags, '新建准入申请草稿（部门经办）', withBody(s.contentBody, s.requestDetailSchema)),
    async (req) => filing.createRequest(deps, authed(req), req.body.content),
  );
  r.post(
    '/api/admission/precheck',
    route(
      file,
      tags,
      '预审试算（不保存）：逐条说明依据条款与目录事项',
      withBody(s.contentBody, s.judgedPrecheckSchema),
    ),
    async (req) => prechecks.previewPrecheck(deps, authed(req), req.body.content),
  );
  r.get(
    '/api/admission/requests',
    route(
      reader,
      tags,
      '准入申请列表（按管辖范围；queue=awaiting 为待我审核）',
      withQuery(s.listQuery, s.summaryPageSchema),
    ),
    async (req) => read.listRequests(deps, authed(req), req.query),
  );
  r.get(
    '/api/admission/admitted',
    route(
      reader,
      tags,
      '已准入、适用于本辖区且在有效期内的任务（村级查看）',
      withQuery(s.pageQuery, s.admittedPageSchema),
    ),
    async (req) => read.listAdmitted(deps, authed(req), req.query),
  );
  r.get(
    '/api/admission/reminders',
    route(reader, tags, '准入到期提醒（到期前 30/7/1 天）', ok(s.remindersSchema)),
    async (req) => effect.listReminders(deps, authed(req)),
  );
  r.get(
    '/api/admission/requests/:id',
    route(reader, tags, '准入申请详情（不可见时 404）：预审、审核环节、版本、时间线、可执行操作', detail),
    async (req) => read.getRequest(deps, authed(req), req.params.id),
  );
  r.patch(
    '/api/admission/requests/:id',
    route(file, tags, '修改草稿或退回的申请（已提交的申请冻结：409）', onId(s.updateBody, s.requestDetailSchema), now),
    async (req) => filing.updateRequest(deps, authed(req), req.params.id, req.body),
  );
  r.post(
    '/api/admission/requests/:id/submit',
    route(file, tags, '提交（冻结当前版本并自动预审）', onId(s.versionBody, s.requestDetailSchema), now),
    async (req) => submit.submitRequest(deps, authed(req), req.params.id, req.body.version),
  );
  r.post(
    '/api/admission/requests/:id/decision',
    route(
      reader,
      tags,
      '审核决定：approve 通过（可附条件）/ return 退回修改 / reject 不予准入（后两者须写理由）；绑定 version 与 revision，并发时仅一方成功（409）',
      onId(s.decisionBody, s.requestDetailSchema),
      now,
    ),
    async (req) => review.decide(deps, authed(req), req.params.id, req.body),
  );
  r.post(
    '/api/admission/requests/:id/withdraw',
    route(
      reader,
      tags,
      '撤回（决定前，申请部门）或撤销已准入任务（申请部门、区民政局），须写理由',
      onId(s.withdrawBody, s.requestDetailSchema),
      now,
    ),
    async (req) => effect.withdraw(deps, authed(req), req.params.id, req.body),
  );
  r.post(
    '/api/admission/requests/:id/catalog-adjustment',
    route(
      reader,
      tags,
      '按已准入申请提出目录调整（经目录服务：提出人须有目录管理权限，即区民政局；调整随后在目录中审批）',
      detail,
    ),
    async (req) => effect.produceAdjustment(deps, authed(req), req.params.id),
  );

  r.get(
    '/api/admission/settings',
    route(reader, tags, '本区准入审核流程与工作日历', ok(s.settingsSchema)),
    async (req) => settings.getSettings(deps, authed(req)),
  );
  r.put(
    '/api/admission/settings',
    route(
      can('admission.configure'),
      tags,
      '配置本区准入审核流程（环节、工作日时限、指定审核人）与节假日（区民政局）',
      withBody(s.settingsBody, s.settingsSchema),
    ),
    async (req) => settings.updateSettings(deps, authed(req), req.body),
  );

  r.get(
    '/api/admission/departments',
    route(reader, tags, '可被标记的部门（本区县及以上登记的党政群机构）', ok(s.departmentsSchema)),
    async (req) => ({ items: await flags.namableDepartments(deps, authed(req).actor) }),
  );
  r.post(
    '/api/admission/flags',
    route(can('admission.flag'), tags, '村级标记“未经准入下达的任务”并指明部门', withBody(s.flagBody, s.flagSchema)),
    async (req) => flags.createFlag(deps, authed(req), req.body),
  );
  r.get(
    '/api/admission/flags',
    route(
      reader,
      tags,
      '未经准入任务标记列表（村看本村，乡镇看本乡镇，区看全区，部门看指向本部门的）',
      withQuery(s.flagQuery, s.flagPageSchema),
    ),
    async (req) => flags.listFlags(deps, authed(req), req.query),
  );
  r.get(
    '/api/admission/flags/by-department',
    route(reader, tags, '未经准入任务标记按部门计数（按管辖范围）', ok(s.departmentCountsSchema)),
    async (req) => flags.flagsByDepartment(deps, authed(req)),
  );

  r.get(
    '/api/public/admission-decisions',
    perMinute(
      route(
        isPublic,
        ['公开'],
        '公开的准入决定（按区划：适用于该地区的已准入、不予准入和预审不予准入事项）',
        withQuery(s.publicDecisionsQuery, s.publicDecisionsSchema),
      ),
      deps.config.publicRateLimit,
    ),
    async (req) => read.publicDecisions(deps, req.query.region, req.query),
  );
};
