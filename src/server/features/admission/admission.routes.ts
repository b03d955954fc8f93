import { z } from '../../../shared/zod.js';
import { typed, type Routes } from '../feature.js';
import { actorOf, ctxOf, currentBy } from '../../http/policy.js';
import * as admission from './admission.service.js';
import {
  calendarConfig,
  chainConfig,
  decisionBody,
  flagBody,
  flagSchema,
  idParams,
  listQuery,
  precheckSchema,
  REQUEST_KINDS,
  requestContent,
  requestDetailSchema,
  requestSummarySchema,
  settingsBody,
  STATUSES,
  versionBody,
  withdrawBody,
} from './admission.schemas.js';

const tags = ['准入'];
const perm = (permission: 'admission.file' | 'admission.read' | 'admission.flag' | 'admission.configure') =>
  ({ access: 'permission', permission }) as const;
const page = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
};
const summaryPage = z.object({ total: z.number(), items: z.array(requestSummarySchema) });
const judgedSchema = precheckSchema.extend({
  judged: z.array(z.object({ regionCode: z.string(), catalogVersionId: z.string(), outcome: z.string() })),
});

export const admissionRoutes: Routes = (app, deps) => {
  const r = typed(app);
  const now = currentBy((a, id) => admission.getRequest(deps, a, id));

  r.post(
    '/api/admission/requests',
    {
      config: { policy: perm('admission.file') },
      schema: {
        tags,
        summary: '新建准入申请草稿（部门经办）',
        body: z.strictObject({ content: requestContent }),
        response: { 200: requestDetailSchema },
      },
    },
    async (req) => admission.createRequest(deps, ctxOf(req), req.body.content),
  );

  r.post(
    '/api/admission/precheck',
    {
      config: { policy: perm('admission.file') },
      schema: {
        tags,
        summary: '预审试算（不保存）：逐条说明依据条款与目录事项',
        body: z.strictObject({ content: requestContent }),
        response: { 200: judgedSchema },
      },
    },
    async (req) => admission.previewPrecheck(deps, actorOf(req), req.body.content),
  );

  r.get(
    '/api/admission/requests',
    {
      config: { policy: perm('admission.read') },
      schema: {
        tags,
        summary: '准入申请列表（按管辖范围；queue=awaiting 为待我审核）',
        querystring: listQuery,
        response: { 200: summaryPage },
      },
    },
    async (req) => {
      const { page: p, pageSize, ...f } = req.query;
      return admission.listRequests(deps, actorOf(req), f, p, pageSize);
    },
  );

  r.get(
    '/api/admission/admitted',
    {
      config: { policy: perm('admission.read') },
      schema: {
        tags,
        summary: '已准入、适用于本辖区且在有效期内的任务（村级查看）',
        querystring: z.strictObject(page),
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(
              requestSummarySchema.extend({ conditions: z.string().nullable(), decidedByBody: z.string().nullable() }),
            ),
          }),
        },
      },
    },
    async (req) => admission.listAdmitted(deps, actorOf(req), req.query.page, req.query.pageSize),
  );

  r.get(
    '/api/admission/reminders',
    {
      config: { policy: perm('admission.read') },
      schema: {
        tags,
        summary: '准入到期提醒（到期前 30/7/1 天）',
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                kind: z.string(),
                createdAt: z.string(),
                requestId: z.string(),
                number: z.string(),
                title: z.string(),
                expiresOn: z.string().nullable(),
                departmentName: z.string(),
                daysLeft: z.number(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await admission.listReminders(deps, actorOf(req)) }),
  );

  r.get(
    '/api/admission/requests/:id',
    {
      config: { policy: perm('admission.read') },
      schema: {
        tags,
        summary: '准入申请详情（不可见时 404）：预审、审核环节、版本、时间线、可执行操作',
        params: idParams,
        response: { 200: requestDetailSchema },
      },
    },
    async (req) => admission.getRequest(deps, actorOf(req), req.params.id),
  );

  r.patch(
    '/api/admission/requests/:id',
    {
      config: { policy: perm('admission.file'), current: now },
      schema: {
        tags,
        summary: '修改草稿或退回的申请（已提交的申请冻结：409）',
        params: idParams,
        body: z.strictObject({ version: z.number().int().min(1), content: requestContent }),
        response: { 200: requestDetailSchema },
      },
    },
    async (req) => admission.updateRequest(deps, ctxOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/admission/requests/:id/submit',
    {
      config: { policy: perm('admission.file'), current: now },
      schema: {
        tags,
        summary: '提交（冻结当前版本并自动预审）',
        params: idParams,
        body: versionBody,
        response: { 200: requestDetailSchema },
      },
    },
    async (req) => admission.submitRequest(deps, ctxOf(req), req.params.id, req.body.version),
  );

  r.post(
    '/api/admission/requests/:id/decision',
    {
      config: { policy: perm('admission.read'), current: now },
      schema: {
        tags,
        summary:
          '审核决定：approve 通过（可附条件）/ return 退回修改 / reject 不予准入（后两者须写理由）；绑定 version 与 revision，并发时仅一方成功（409）',
        params: idParams,
        body: decisionBody,
        response: { 200: requestDetailSchema },
      },
    },
    async (req) => admission.decide(deps, ctxOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/admission/requests/:id/withdraw',
    {
      config: { policy: perm('admission.read'), current: now },
      schema: {
        tags,
        summary: '撤回（决定前，申请部门）或撤销已准入任务（申请部门、区民政局），须写理由',
        params: idParams,
        body: withdrawBody,
        response: { 200: requestDetailSchema },
      },
    },
    async (req) => admission.withdraw(deps, ctxOf(req), req.params.id, req.body),
  );

  r.post(
    '/api/admission/requests/:id/catalog-adjustment',
    {
      config: { policy: perm('admission.read') },
      schema: {
        tags,
        summary: '按已准入申请提出目录调整（经目录服务：提出人须有目录管理权限，即区民政局；调整随后在目录中审批）',
        params: idParams,
        response: { 200: requestDetailSchema },
      },
    },
    async (req) => admission.produceAdjustment(deps, ctxOf(req), req.params.id),
  );

  r.get(
    '/api/admission/settings',
    {
      config: { policy: perm('admission.read') },
      schema: {
        tags,
        summary: '本区准入审核流程与工作日历',
        response: {
          200: z.object({
            countyCode: z.string(),
            chain: chainConfig,
            calendar: calendarConfig,
            version: z.number(),
            updatedAt: z.string().nullable(),
            isDefault: z.boolean(),
          }),
        },
      },
    },
    async (req) => admission.getSettings(deps, actorOf(req)),
  );

  r.put(
    '/api/admission/settings',
    {
      config: { policy: perm('admission.configure') },
      schema: {
        tags,
        summary: '配置本区准入审核流程（环节、工作日时限、指定审核人）与节假日（区民政局）',
        body: settingsBody,
        response: {
          200: z.object({
            countyCode: z.string(),
            chain: chainConfig,
            calendar: calendarConfig,
            version: z.number(),
            updatedAt: z.string().nullable(),
            isDefault: z.boolean(),
          }),
        },
      },
    },
    async (req) => admission.updateSettings(deps, ctxOf(req), req.body),
  );

  r.get(
    '/api/admission/departments',
    {
      config: { policy: perm('admission.read') },
      schema: {
        tags,
        summary: '可被标记的部门（本区县及以上登记的党政群机构）',
        response: {
          200: z.object({
            items: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), regionCode: z.string() })),
          }),
        },
      },
    },
    async (req) => ({ items: await admission.namableDepartments(deps, actorOf(req)) }),
  );

  r.post(
    '/api/admission/flags',
    {
      config: { policy: perm('admission.flag') },
      schema: {
        tags,
        summary: '村级标记“未经准入下达的任务”并指明部门',
        body: flagBody,
        response: { 200: flagSchema },
      },
    },
    async (req) => admission.createFlag(deps, ctxOf(req), req.body),
  );

  r.get(
    '/api/admission/flags',
    {
      config: { policy: perm('admission.read') },
      schema: {
        tags,
        summary: '未经准入任务标记列表（村看本村，乡镇看本乡镇，区看全区，部门看指向本部门的）',
        querystring: z.strictObject({
          departmentId: z.string().max(100).optional(),
          townshipCode: z
            .string()
            .regex(/^\d{12}$/)
            .optional(),
          ...page,
        }),
        response: { 200: z.object({ total: z.number(), items: z.array(flagSchema) }) },
      },
    },
    async (req) => {
      const { page: p, pageSize, ...f } = req.query;
      return admission.listFlags(deps, actorOf(req), f, p, pageSize);
    },
  );

  r.get(
    '/api/admission/flags/by-department',
    {
      config: { policy: perm('admission.read') },
      schema: {
        tags,
        summary: '未经准入任务标记按部门计数（按管辖范围）',
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(
              z.object({
                departmentId: z.string().nullable(),
                departmentName: z.string(),
                count: z.number(),
                lastReceivedOn: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => admission.flagsByDepartment(deps, actorOf(req)),
  );

  const limit = deps.config.publicRateLimit;
  r.get(
    '/api/public/admission-decisions',
    {
      config: { policy: { access: 'public' }, rateLimit: limit > 0 ? { max: limit, timeWindow: 60_000 } : false },
      schema: {
        tags: ['公开'],
        summary: '公开的准入决定（按区划：适用于该地区的已准入、不予准入和预审不予准入事项）',
        querystring: z.strictObject({
          region: z.string().regex(/^\d{6}(\d{3})?(\d{3})?$/, '区划代码应为 6、9 或 12 位数字'),
          ...page,
        }),
        response: {
          200: z.object({
            total: z.number(),
            items: z.array(
              z.object({
                number: z.string(),
                title: z.string(),
                kind: z.enum(REQUEST_KINDS),
                kindLabel: z.string(),
                departmentName: z.string(),
                decision: z.enum(['approved', 'rejected', 'refused']),
                status: z.enum(STATUSES),
                statusLabel: z.string(),
                effectState: z.enum(['none', 'scheduled', 'in_effect', 'expired']),
                decidedOn: z.string().nullable(),
                decidedByBody: z.string().nullable(),
                reason: z.string().nullable(),
                conditions: z.string().nullable(),
                basis: z.array(z.string()),
                scope: z.array(z.string()),
                effectiveFrom: z.string().nullable(),
                expiresOn: z.string().nullable(),
                withdrawnOn: z.string().nullable(),
                withdrawReason: z.string().nullable(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => admission.publicDecisions(deps, req.query.region, req.query.page, req.query.pageSize),
  );
};
