/**
 * The workbench (工作台): for the signed-in user, in their region scope, what waits for them. Every
 * count is the `total` of the list the to-do links to, asked of the owning feature's service with a page
 * of one row (a COUNT and at most one row in SQL), so the workbench and the list can never disagree;
 * lists ordered by deadline give the nearest deadline with that one row.
 */
import type { Deps } from '../../deps.js';
import { hasPermission, type AuthedContext } from '../../core/actor.js';
import { shanghaiDate } from '../../core/clock.js';
import type { RequestStatus } from '../../../shared/admission.js';
import type { WorkflowStatus } from '../../../shared/campaigns.js';
import type { LateRegion, Todo, TodoKind, Workbench } from '../../../shared/workbench.js';
import { activeCampaigns } from '../campaigns/campaigns.service.js';
import { listLedgers } from '../campaigns/ledgers.service.js';
import { listTasks } from '../campaigns/tasks.service.js';
import { rollup } from '../campaigns/rollups.service.js';
import { listRequests } from '../admission/admission.read.service.js';
import { listFlags } from '../admission/admission.flags.service.js';

const ONE = { page: 1, pageSize: 1 } as const;

type CampaignRecord = Awaited<ReturnType<typeof activeCampaigns>>[number];

type Made = Omit<Todo, 'overdue' | 'campaignId' | 'campaignName'> & { campaign?: CampaignRecord };

export async function workbench(deps: Deps, ctx: AuthedContext): Promise<Workbench> {
  const { actor } = ctx;
  const today = shanghaiDate(deps.clock.now());
  const has = (p: Parameters<typeof hasPermission>[1]) => hasPermission(actor, p);
  const isVillage = actor.grants.some((g) => g.role === 'village_cadre');
  const campaigns = has('campaigns.read') ? await activeCampaigns(deps, actor) : [];
  const made: Promise<Made | null>[] = [];
  const late: Workbench['late'] = [];

  for (const c of campaigns) {
    const inspection = c.phases.find((p) => p.key === 'self_inspection')?.deadline ?? null;
    const q = `campaign=${encodeURIComponent(c.id)}`;
    const ledgers = async (kind: TodoKind, status: WorkflowStatus, page: string): Promise<Made> => {
      const { total, items } = await listLedgers(deps, actor, c.id, { status, ...ONE });
      // One ledger (a village's own) opens directly; several open their list.
      const link = total === 1 && page === '/ledgers' ? `/ledgers/${items[0].id}` : `${page}?${q}`;
      return { kind, count: total, deadline: inspection, link, campaign: c };
    };
    if (has('ledgers.fill')) {
      made.push(ledgers('ledger_draft', 'draft', '/ledgers'), ledgers('ledger_returned', 'returned', '/ledgers'));
    }
    if (has('ledgers.review')) made.push(ledgers('ledger_review', 'submitted', '/review'));
    if (has('tasks.read')) {
      const tasks = async (kind: TodoKind, overdue: boolean, view: string): Promise<Made> => {
        const { total, items } = await listTasks(deps, actor, {
          campaignId: c.id,
          ...(overdue ? { overdue: 'true' } : { status: 'open' }),
          ...ONE,
        });
        return {
          kind,
          count: total,
          deadline: items[0]?.deadline ?? null,
          link: `/tasks?${q}&view=${view}`,
          campaign: c,
        };
      };
      made.push(tasks('tasks_overdue', true, 'overdue'));
      if (isVillage) made.push(tasks('tasks_open', false, 'list'));
    }
    if (has('ledgers.read') && actor.grants.some((g) => g.role === 'district_lead')) {
      const regions = await lateWhere(deps, ctx, c, inspection !== null && inspection < today);
      if (regions.length) late.push({ campaignId: c.id, campaignName: c.name, regions });
    }
  }

  if (has('admission.read')) {
    const requests = async (kind: TodoKind, link: string, filter: { queue?: 'awaiting'; status?: RequestStatus }[]) => {
      let count = 0;
      for (const f of filter) count += (await listRequests(deps, ctx, { ...f, ...ONE })).total;
      return { kind, count, deadline: null, link };
    };
    if (has('admission.review') || has('admission.approve'))
      made.push(requests('admission_review', '/admission/review', [{ queue: 'awaiting' }]));
    if (has('admission.file')) {
      made.push(
        requests('admission_draft', '/admission/requests?status=draft', [{ status: 'draft' }]),
        requests('admission_returned', '/admission/requests?status=returned', [{ status: 'returned' }]),
        requests('admission_decided', '/admission/requests', [
          { status: 'approved' },
          { status: 'refused' },
          { status: 'rejected' },
        ]),
      );
    }
    const flagged = actor.grants.some((g) =>
      ['village_cadre', 'township_officer', 'department_officer'].includes(g.role),
    );
    if (flagged)
      made.push(
        listFlags(deps, ctx, { ...ONE }).then(({ total }) => ({
          kind: 'flags' as const,
          count: total,
          deadline: null,
          link: '/admission/flags',
        })),
      );
  }

  const items: Todo[] = [];
  for (const m of await Promise.all(made)) {
    if (!m || m.count === 0) continue;
    const { campaign, ...rest } = m;
    items.push({
      ...rest,
      overdue: rest.deadline !== null && rest.deadline < today,
      campaignId: campaign?.id ?? null,
      campaignName: campaign?.name ?? null,
    });
  }
  return { asOf: today, items, late };
}

/** Per child region of the actor's node: ledgers not approved after the self-inspection deadline, overdue tasks. */
async function lateWhere(deps: Deps, ctx: AuthedContext, c: CampaignRecord, inspectionPassed: boolean) {
  const r = await rollup(deps, ctx.actor, c.id);
  const out: LateRegion[] = [];
  for (const ch of r.children) {
    const lateLedgers = inspectionPassed ? ch.ledgers.total - ch.ledgers.approved : 0;
    if (lateLedgers === 0 && ch.overdueTasks === 0) continue;
    out.push({
      regionCode: ch.regionCode,
      regionName: ch.regionName,
      lateLedgers,
      overdueTasks: ch.overdueTasks,
      link: `/tasks?campaign=${encodeURIComponent(c.id)}&view=overdue`,
    });
  }
  return out.sort((a, b) => b.lateLedgers + b.overdueTasks - (a.lateLedgers + a.overdueTasks));
}
