import * as s from '../../../shared/campaigns.js';
import { authed, can, onId, route, typed, withQuery } from '../../http/route.js';
import type { Routes } from '../feature.js';
import * as tasks from './tasks.service.js';
import { readUpload, sendFile } from './campaigns.http.js';

const tags = ['清理整改任务'];
const read = can('tasks.read');
const work = can('tasks.update');
const manage = can('tasks.manage');

/** Clean-up tasks: lists, detail, reassignment, evidence, closure. */
export const tasksRoutes: Routes = (app, deps) => {
  const r = typed(app);
  r.get(
    '/api/tasks',
    route(
      read,
      tags,
      '整改任务（按行动、区划、状态、类别筛选；overdue=true 为逾期清单；mine=true 为本人负责）',
      withQuery(s.taskListQuery, s.taskListSchema),
    ),
    async (req) => tasks.listTasks(deps, authed(req).actor, req.query),
  );
  r.get(
    '/api/tasks/:id',
    route(read, tags, '整改任务详情与佐证材料', onId(undefined, s.taskDetailSchema)),
    async (req) => tasks.getTask(deps, authed(req).actor, req.params.id),
  );
  r.patch(
    '/api/tasks/:id',
    route(manage, tags, '调整责任方（村或部门）或截止日期', onId(s.updateTaskBody, s.taskDetailSchema)),
    async (req) => tasks.updateTask(deps, authed(req), req.params.id, req.body),
  );
  r.post(
    '/api/tasks/:id/evidence',
    route(
      work,
      tags,
      '上传佐证材料（可选；PNG/JPEG/PDF，按内容识别，≤10 MB；multipart 字段 note 可选、file 必填）',
      onId(undefined, s.taskDetailSchema),
    ),
    async (req) => tasks.addEvidence(deps, authed(req), req.params.id, await readUpload(req)),
  );
  r.get(
    '/api/tasks/:id/evidence/:evidenceId',
    route(read, tags, '下载佐证材料', { params: s.evidenceParams }),
    async (req, reply) =>
      sendFile(reply, await tasks.getEvidenceFile(deps, authed(req).actor, req.params.id, req.params.evidenceId)),
  );
  r.post(
    '/api/tasks/:id/close',
    route(work, tags, '办结（写明整改情况；不强制照片）', onId(s.closeTaskBody, s.taskDetailSchema)),
    async (req) => tasks.closeTask(deps, authed(req), req.params.id, req.body),
  );
  r.post(
    '/api/tasks/:id/reopen',
    route(manage, tags, '重新打开已办结的任务（写明原因）', onId(s.closeTaskBody, s.taskDetailSchema)),
    async (req) => tasks.reopenTask(deps, authed(req), req.params.id, req.body),
  );
};
