/**
 * Turns domain events into inbox rows, inside the transaction that recorded the event. Each rule says who
 * is told, under which message (src/shared/locales/*\/notices.ts: `notice.<message>.title|body`), with
 * which parameters, what it links to and its dedupe key (the same event recorded twice notifies once).
 * Outbound channels (e-mail, WeCom, DingTalk, SMS) would subscribe here too, after commit.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Deps } from '../../deps.js';
import type { DomainEvents } from '../../events.js';
import { newId } from '../../core/ids.js';
import { zh, type MessageKey, type MessageParams } from '../../../shared/i18n.js';
import * as directory from '../accounts/directory.js';
import * as repo from './notifications.repo.js';

type Recipients = { role: string; at: string[] } | { departments: string[] } | { users: string[] };

export interface Notice {
  to: Recipients;
  kind: string;
  /** The message stem: `notice.<message>.title` and `.body` in the locale tables. */
  message: string;
  params: MessageParams;
  entity: string;
  entityId: string;
  link: string;
  regionCode: string | null;
  /** Unique per event and recipient once the user id is appended. */
  dedupe: string;
}

type Rules = { [K in keyof DomainEvents]?: (p: DomainEvents[K]) => Notice[] };

const ledgerLink = (id: string) => `/ledgers/${id}`;
const requestLink = (id: string) => `/admission/requests/${id}`;
const STEP_ROLE = { township: 'township_officer', district: 'district_lead', government: 'district_approver' } as const;

const ledgerNotice = (
  p: DomainEvents['ledger.submitted' | 'ledger.returned' | 'ledger.approved' | 'ledger.approval_voided'],
  kind: string,
  to: Recipients,
  params: MessageParams,
): Notice => ({
  to,
  kind,
  message: kind,
  params: { village: p.villageName, campaign: p.campaignName, ...params },
  entity: 'ledger',
  entityId: p.ledgerId,
  link: ledgerLink(p.ledgerId),
  regionCode: p.villageCode,
  dedupe: `${kind}:${p.ledgerId}:${p.version}`,
});

export const RULES: Rules = {
  'ledger.submitted': (p) => [
    ledgerNotice(p, 'ledger.submitted', { role: 'township_officer', at: [p.townshipCode ?? ''] }, { rows: p.rows }),
  ],
  'ledger.returned': (p) => [
    ledgerNotice(p, 'ledger.returned', { role: 'village_cadre', at: [p.villageCode] }, { note: p.note }),
  ],
  'ledger.approved': (p) => [
    {
      ...ledgerNotice(p, 'ledger.approved', { role: 'village_cadre', at: [p.villageCode] }, { tasks: p.openTasks }),
      message: p.openTasks ? 'ledger.approvedWithTasks' : 'ledger.approved',
    },
  ],
  'ledger.approval_voided': (p) => [
    ledgerNotice(p, 'ledger.stale', { role: 'township_officer', at: [p.townshipCode ?? ''] }, {}),
  ],
  'tasks.assigned': (p) =>
    p.departments.map((d) => ({
      to: { departments: [d.departmentId] },
      kind: 'task.assigned',
      message: 'task.assigned',
      params: {
        village: p.villageName,
        count: d.tasks.length,
        titles: d.tasks
          .map((t) => t.title)
          .slice(0, 5)
          .join('；'),
      },
      entity: 'ledger',
      entityId: p.ledgerId,
      link: `/tasks?ledger=${p.ledgerId}`,
      regionCode: p.villageCode,
      dedupe: `task.assigned:${p.ledgerId}:${d.tasks
        .map((t) => t.id)
        .join(',')
        .slice(0, 120)}`,
    })),
  'tasks.due': (p) =>
    p.tasks.map((t) => {
      const onDay = t.deadline === p.date;
      const days = Math.round((Date.parse(t.deadline) - Date.parse(p.date)) / 86_400_000);
      return {
        to:
          t.ownerKind === 'village'
            ? { role: 'village_cadre', at: [t.villageCode ?? ''] }
            : { departments: t.ownerDepartmentId ? [t.ownerDepartmentId] : [] },
        kind: onDay ? 'task.due_today' : 'task.due_soon',
        message: onDay ? 'task.dueToday' : 'task.dueSoon',
        params: { title: t.title, deadline: t.deadline, days },
        entity: 'cleanup_task',
        entityId: t.id,
        link: `/tasks/${t.id}`,
        regionCode: t.villageCode,
        dedupe: `task.reminder:${t.id}:${p.date}`,
      };
    }),
  'admission.step_opened': ({ request: r, step: s }) => [
    {
      to: s.assigneeId ? { users: [s.assigneeId] } : { role: STEP_ROLE[s.step], at: [s.regionCode] },
      kind: 'admission.review',
      message: s.dueOn ? 'admission.reviewDue' : 'admission.review',
      params: { title: r.title, number: r.number, step: s.step, dueOn: s.dueOn ?? '' },
      entity: 'admission_request',
      entityId: r.id,
      link: requestLink(r.id),
      regionCode: s.regionCode,
      dedupe: `admission.step:${s.id}`,
    },
  ],
  'admission.decided': (p) => [
    {
      to: { departments: p.request.departmentId ? [p.request.departmentId] : [] },
      kind: 'admission.decision',
      message: `admission.${p.outcome}`,
      params: { title: p.request.title, number: p.request.number, body: p.body, note: p.note },
      entity: 'admission_request',
      entityId: p.request.id,
      link: requestLink(p.request.id),
      regionCode: p.request.regionCode,
      dedupe: `admission.decision:${p.request.id}:${p.revision}:${p.step ?? 'precheck'}`,
    },
  ],
  'admission.expiring': (p) => [
    {
      to: { departments: p.request.departmentId ? [p.request.departmentId] : [] },
      kind: 'admission.expiry',
      message: 'admission.expiring',
      params: { title: p.request.title, number: p.request.number, expiresOn: p.expiresOn, days: p.daysLeft },
      entity: 'admission_request',
      entityId: p.request.id,
      link: requestLink(p.request.id),
      regionCode: p.request.regionCode,
      dedupe: `admission.expiry:${p.request.id}:${p.reminder}:${p.expiresOn}`,
    },
  ],
  'admission.flagged': (p) =>
    p.townshipCode
      ? [
          {
            to: { role: 'township_officer', at: [p.townshipCode] },
            kind: 'admission.flag',
            message: 'admission.flagged',
            params: { village: p.regionName, department: p.departmentName, task: p.taskTitle },
            entity: 'admission_flag',
            entityId: p.flagId,
            link: '/admission/flags',
            regionCode: p.townshipCode,
            dedupe: `admission.flag:${p.flagId}`,
          },
        ]
      : [],
  'catalogs.incomplete': (p) => [
    {
      to: { role: 'district_lead', at: [p.regionCode] },
      kind: 'catalogs.incomplete',
      message: 'catalogs.incomplete',
      params: { region: p.regionName },
      entity: 'region',
      entityId: p.regionCode,
      link: `/catalogs/browse?region=${p.regionCode}`,
      regionCode: p.regionCode,
      dedupe: `catalogs.incomplete:${p.regionCode}:${p.duty}:${p.assistance}`,
    },
  ],
};

async function recipients(db: Kysely<DB>, to: Recipients): Promise<string[]> {
  if ('users' in to) return to.users;
  if ('departments' in to) return (await directory.usersOfDepartments(db, to.departments)).map((u) => u.userId);
  return (await directory.usersWithRoleAt(db, to.role, to.at)).map((u) => u.userId);
}

/** Writes the notices (one row per recipient, new ones only); returns how many were created. */
export async function deliver(db: Kysely<DB>, at: string, notices: Notice[]): Promise<number> {
  const rows = [];
  for (const n of notices) {
    const title = zh(`notice.${n.message}.title` as MessageKey, n.params);
    const body = zh(`notice.${n.message}.body` as MessageKey, n.params);
    for (const userId of new Set(await recipients(db, n.to)))
      rows.push({
        id: newId(),
        userId,
        kind: n.kind,
        title: title.slice(0, 200),
        body: body.slice(0, 1000),
        params: JSON.stringify({ message: n.message, values: n.params }),
        entity: n.entity,
        entityId: n.entityId,
        link: n.link,
        regionCode: n.regionCode,
        dedupeKey: `${n.dedupe}:${userId}`,
        readAt: null,
        createdAt: at,
      });
  }
  return rows.length ? repo.insertNew(db, rows) : 0;
}

/** Subscribes every rule to its event (the composition root calls this once per Deps). */
export function subscribeNotifications(deps: Deps) {
  for (const type of Object.keys(RULES) as (keyof DomainEvents)[]) {
    const rule = RULES[type] as (p: unknown) => Notice[];
    deps.events.on(type, (trx, e) => deliver(trx, e.at, rule(e.payload)));
  }
}
