import type { FastifyRequest } from 'fastify';
import { z } from '../../../shared/zod.js';
import * as s from '../../../shared/supervision.js';
import { idParams } from '../../../shared/common.js';
import type { Routes } from '../feature.js';
import type { Deps } from '../../deps.js';
import type { AuthedContext } from '../../core/actor.js';
import type { RoutePolicy } from '../../http/policy.js';
import { authed, can, isPublic, ok, onId, perMinute, route, typed, withBody, withQuery } from '../../http/route.js';
import { AppError, msg } from '../../core/errors.js';
import * as report from './supervision.report.service.js';
import * as cases from './supervision.cases.service.js';
import * as steps from './supervision.steps.service.js';
import { caseFromFlag } from './supervision.flags.service.js';

const tags = ['监督'];
const MB = s.REPORT_LIMITS.photoMaxBytes / 1024 / 1024;
const parseJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};
const pub = ['公开'];

/** The report's multipart parts: the JSON field `report` and up to three file parts `photo` (read, not yet checked). */
async function readReport(req: FastifyRequest) {
  if (!req.isMultipart()) throw new AppError('unsupported_media_type', msg('supervision.error.notMultipart'));
  let fields: unknown = null;
  const photos: report.Photo[] = [];
  const parts = req.parts({
    limits: { files: s.REPORT_LIMITS.photosMax + 1, fileSize: s.REPORT_LIMITS.photoMaxBytes, fields: 2 },
  });
  try {
    for await (const part of parts) {
      if (part.type === 'file') photos.push({ data: await part.toBuffer(), truncated: part.file.truncated });
      else if (part.fieldname === 'report') fields = parseJson(String(part.value));
    }
  } catch (err) {
    const code = (err as { code?: string })?.code;
    if (code === 'FST_REQ_FILE_TOO_LARGE')
      throw new AppError('payload_too_large', msg('supervision.error.photoTooLarge', { mb: MB }));
    if (code === 'FST_FILES_LIMIT')
      throw new AppError(
        'validation_failed',
        msg('supervision.error.tooManyPhotos', { max: s.REPORT_LIMITS.photosMax }),
      );
    throw err;
  }
  return { fields, photos };
}

/** The request context of a public route (no actor). */
const ctxOf = (req: FastifyRequest) => ({ actor: null, ip: req.ip ?? null, requestId: String(req.id) });

export const supervisionRoutes: Routes = (app, deps) => {
  const r = typed(app);
  const limit = deps.config.publicRateLimit;

  // ───────────── public: report, status by tracking code, rating, reopening ─────────────
  r.post(
    '/api/public/reports',
    perMinute(
      route(
        isPublic,
        pub,
        '举报/反映村级负担（无需登录；multipart：字段 report 为 JSON，photo 至多 3 张 PNG/JPEG，每张 ≤5 MB，重新编码去除元数据；需图形验证码 /api/auth/captcha；同一地址 10 分钟内至多 5 件）；返回查询码',
        { consumes: ['multipart/form-data'], response: { 200: s.reportReceipt } },
      ),
      limit,
    ),
    async (req) => {
      const { fields, photos } = await readReport(req);
      return report.submitReport(deps, ctxOf(req), fields, photos);
    },
  );
  r.get(
    '/api/public/reports/:code',
    perMinute(
      route(isPublic, pub, '凭查询码查看办理进度和答复（不含个人信息）', {
        params: s.codeParams,
        ...ok(s.publicStatusSchema),
      }),
      limit,
    ),
    async (req) => report.publicStatus(deps, req.params.code),
  );
  r.post(
    '/api/public/reports/:code/rating',
    perMinute(
      route(isPublic, pub, '举报人评价答复（满意/不满意）', {
        params: s.codeParams,
        ...withBody(s.rateBody, s.publicStatusSchema),
      }),
      limit,
    ),
    async (req) => report.rate(deps, ctxOf(req), req.params.code, req.body),
  );
  r.post(
    '/api/public/reports/:code/reopen',
    perMinute(
      route(isPublic, pub, '举报人对答复不满意时重新提起（答复后 15 日内，限一次）', {
        params: s.codeParams,
        ...withBody(s.reopenBody, s.publicStatusSchema),
      }),
      limit,
    ),
    async (req) => report.reopen(deps, ctxOf(req), req.params.code, req.body),
  );
  r.get(
    '/api/public/villages',
    perMinute(
      route(isPublic, pub, '按名称查找村（社区），供举报表单选择', withQuery(s.villageQuery, s.villagesSchema)),
      limit,
    ),
    async (req) => ({ items: await report.villages(deps, req.query.q) }),
  );

  // ───────────── staff: cases ─────────────
  const read = can('supervision.read');
  const handle = can('supervision.handle');
  const answer = can('supervision.answer');
  r.get(
    '/api/supervision/cases',
    route(
      read,
      tags,
      '监督案件列表（区：辖区全部；乡镇、部门：分办给本单位的）',
      withQuery(s.caseQuery, s.casePageSchema),
    ),
    async (req) => cases.listCases(deps, authed(req), req.query),
  );
  r.get(
    '/api/supervision/cases/:id',
    route(read, tags, '案件详情（办理步骤、答复；举报人信息脱敏；查看留痕）', onId(undefined, s.caseDetailSchema)),
    async (req) => cases.caseDetail(deps, authed(req), req.params.id),
  );
  r.get(
    '/api/supervision/cases/:id/photos/:fileId',
    route(read, tags, '案件照片（已重新编码）', { params: idParams.extend({ fileId: z.string().max(100) }) }),
    async (req, reply) => {
      const f = await cases.photo(deps, authed(req), req.params.id, req.params.fileId);
      return reply.header('content-type', f.contentType).header('x-content-type-options', 'nosniff').send(f.data);
    },
  );
  r.post(
    '/api/supervision/cases/:id/reveal',
    route(
      can('supervision.reveal'),
      tags,
      '查看举报人姓名和联系方式（仅区级承办人；须填写事由，留痕）',
      onId(s.revealBody, s.revealedSchema),
    ),
    async (req) => cases.reveal(deps, authed(req), req.params.id, req.body),
  );
  r.get('/api/supervision/assignees', route(handle, tags, '可分办的乡镇和部门', ok(s.assigneesSchema)), async (req) =>
    cases.assignees(deps, authed(req)),
  );
  // The lifecycle steps: each takes the case's version and answers the case as it is now.
  const stepRoute = <B extends z.ZodType>(
    name: string,
    policy: RoutePolicy,
    summary: string,
    body: B,
    run: (deps: Deps, ctx: AuthedContext, id: string, input: z.output<B>) => Promise<s.CaseDetail>,
  ) =>
    r.post(
      `/api/supervision/cases/:id/${name}`,
      route(policy, tags, summary, onId(body, s.caseDetailSchema)),
      async (req) => run(deps, authed(req), req.params.id, req.body as z.output<B>),
    );
  stepRoute(
    'assign',
    handle,
    '分办（或改派，须说明理由）给乡镇或部门；办理时限 15 个工作日',
    s.assignBody,
    steps.assign,
  );
  stepRoute('investigate', answer, '核查（记录核查情况）', s.noteBody, steps.investigate);
  stepRoute('correct', answer, '整改（记录整改措施）', s.noteBody, steps.correct);
  stepRoute('answer', answer, '答复（举报人凭查询码可见）', s.answerBody, steps.answer);
  stepRoute('close', handle, '办结', s.closeBody, steps.close);
  stepRoute('merge', handle, '合并重复举报（须说明理由）', s.mergeBody, steps.merge);
  r.post(
    '/api/supervision/flags/:id/case',
    route(
      handle,
      tags,
      '将村级“未经准入事项”标记转为监督案件（分办给所标记的部门）',
      onId(undefined, s.flagCaseSchema),
    ),
    async (req) => caseFromFlag(deps, authed(req), req.params.id),
  );
};
