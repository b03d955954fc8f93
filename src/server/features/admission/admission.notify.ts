/**
 * In-app notifications of the admission gate, through the notifications service (inside the caller's
 * transaction; idempotent by dedupe key): a step opened (its reviewers, or the named reviewer), a
 * decision (the filing department), an expiry reminder (the filing department), a village flag (the
 * township officers).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { notify, usersOfDepartments, usersWithRoleAt } from '../notifications/notifications.service.js';
import { STEP_LABELS, type StepName } from './admission.schemas.js';

const STEP_ROLE: Record<StepName, string> = {
  township: 'township_officer',
  district: 'district_lead',
  government: 'district_approver',
};
const link = (id: string) => `/admission/requests/${id}`;

interface RequestRef {
  id: string;
  number: string;
  title: string;
  departmentId: string | null;
  regionCode: string;
}

export async function stepOpened(
  trx: Kysely<DB>,
  now: string,
  r: RequestRef,
  s: { id: string; step: StepName; regionCode: string; assigneeId: string | null; dueOn: string | null },
) {
  const users = s.assigneeId
    ? [s.assigneeId]
    : (await usersWithRoleAt(trx, STEP_ROLE[s.step], [s.regionCode])).map((u) => u.userId);
  await notify(
    trx,
    now,
    [...new Set(users)].map((userId) => ({
      userId,
      kind: 'admission.review',
      title: `待审核：${r.title}`,
      body: `准入申请 ${r.number} 待${STEP_LABELS[s.step]}${s.dueOn ? `，请于 ${s.dueOn} 前办理` : ''}`,
      entity: 'admission_request',
      entityId: r.id,
      link: link(r.id),
      regionCode: s.regionCode,
      dedupeKey: `admission.step:${s.id}:${userId}`,
    })),
  );
}

export async function toDepartment(
  trx: Kysely<DB>,
  now: string,
  r: RequestRef,
  kind: string,
  title: string,
  body: string,
  key: string,
) {
  if (!r.departmentId) return;
  const users = await usersOfDepartments(trx, [r.departmentId]);
  await notify(
    trx,
    now,
    users.map((u) => ({
      userId: u.userId,
      kind,
      title,
      body,
      entity: 'admission_request',
      entityId: r.id,
      link: link(r.id),
      regionCode: r.regionCode,
      dedupeKey: `${key}:${u.userId}`,
    })),
  );
}

export async function flagRaised(
  trx: Kysely<DB>,
  now: string,
  f: { id: string; townshipCode: string | null; regionName: string; departmentName: string; taskTitle: string },
) {
  if (!f.townshipCode) return;
  const users = await usersWithRoleAt(trx, 'township_officer', [f.townshipCode]);
  await notify(
    trx,
    now,
    users.map((u) => ({
      userId: u.userId,
      kind: 'admission.flag',
      title: `未经准入任务：${f.taskTitle}`,
      body: `${f.regionName}标记${f.departmentName}下达的“${f.taskTitle}”未经准入`,
      entity: 'admission_flag',
      entityId: f.id,
      link: '/admission/flags',
      regionCode: f.townshipCode,
      dedupeKey: `admission.flag:${f.id}:${u.userId}`,
    })),
  );
}
