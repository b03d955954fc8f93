/**
 * Roll-ups (分级分类台账): region × category × verdict × workflow status, before/after counts,
 * progress per phase and overdue tasks, for any node. Two indexed GROUP BYs over the denormalised
 * ancestor columns (ledgers with their row counters; open tasks past their deadline); the node's own
 * ancestors are added as equalities so the same query is a prefix scan of the same index for a
 * township, a district or a province.
 */
import type { Deps } from '../../deps.js';
import type { Actor } from '../../core/actor.js';
import { shanghaiDate } from '../../core/clock.js';
import { StampedCache } from '../../core/stamped-cache.js';
import {
  CATEGORIES,
  VERDICTS,
  WORKFLOW_STATUSES,
  type Category,
  type ChangeCounts,
  type ChangeKind,
  type CycleChanges,
  type Figures,
  type Rollup,
  type Verdict,
  type WorkflowStatus,
} from '../../../shared/campaigns.js';
import * as regions from '../regions/regions.service.js';
import { counterColumn } from './campaigns.model.js';
import type { CampaignRecord } from './campaigns.repo.js';
import { CHILD_COLUMN, changeCounts, overdueQuery, removedCounts, rollupQuery } from './rollups.repo.js';
import { getVisibleCampaign } from './campaigns.service.js';
import { ancestorEqualities, scopeNode, type ScopeNode } from './campaigns.scope.js';

const emptyFigures = (): Figures => ({
  before: 0,
  keep: 0,
  cancel: 0,
  merge: 0,
  rectify: 0,
  undecided: 0,
  plannedAfter: 0,
  achievedAfter: 0,
  tasksOpen: 0,
  tasksClosed: 0,
});
const emptyLedgers = () => ({ total: 0, draft: 0, submitted: 0, returned: 0, approved: 0, stale: 0 });
const byCategoryOf = <T>(make: () => T) =>
  Object.fromEntries(CATEGORIES.map((k) => [k, make()])) as Record<Category, T>;

function addFigures(into: Figures, f: Figures) {
  for (const k of Object.keys(f) as (keyof Figures)[]) into[k] += f[k];
}

/**
 * Roll-ups served again while nothing in the database has changed (SQLite: its change stamp, read
 * before the data; any write anywhere starts afresh). A dashboard is read far more often than the
 * ledgers change between two looks. Not on PostgreSQL, which has no such cheap stamp (and meets the
 * latency target without it). Entries are shared: callers treat a roll-up as read-only.
 */
const rollupMemo = new StampedCache<Rollup>({ maxEntries: 256 });

async function memoisedRollupOf(deps: Deps, c: CampaignRecord, node: ScopeNode): Promise<Rollup> {
  const stampOf = deps.database.changeStamp;
  if (!stampOf) return rollupOf(deps, c, node);
  const key = `${c.id}|${c.version}|${node.code}|${shanghaiDate(deps.clock.now())}`;
  return rollupMemo.getOrProduce(deps.database, stampOf(), key, () => rollupOf(deps, c, node));
}

/** The full roll-up of a node (default: the actor's own node) for a campaign. */
export async function rollup(deps: Deps, actor: Actor, campaignId: string, regionCode?: string) {
  const c = await getVisibleCampaign(deps, actor, campaignId);
  const node = await scopeNode(deps, actor, c, regionCode);
  return memoisedRollupOf(deps, c, node);
}

export async function rollupOf(deps: Deps, c: CampaignRecord, node: ScopeNode): Promise<Rollup> {
  const today = shanghaiDate(deps.clock.now());
  const pinnedNode = { level: node.level, pins: ancestorEqualities(node) };
  const [groups, overdue] = await Promise.all([
    rollupQuery(deps.db, c.id, pinnedNode).execute(),
    overdueQuery(deps.db, c.id, pinnedNode, today).execute(),
  ]);
  const byCategory = byCategoryOf(emptyFigures);
  const byStatus = Object.fromEntries(WORKFLOW_STATUSES.map((s) => [s, 0])) as Record<WorkflowStatus, number>;
  const children = new Map<
    string,
    {
      rows: number;
      byCategory: Record<Category, Figures>;
      ledgers: ReturnType<typeof emptyLedgers>;
      overdueTasks: number;
    }
  >();
  const childOf = (code: string | null) => {
    const k = code ?? '';
    let x = children.get(k);
    if (!x)
      children.set(
        k,
        (x = {
          rows: 0,
          byCategory: byCategoryOf(emptyFigures),
          ledgers: emptyLedgers(),
          overdueTasks: 0,
        }),
      );
    return x;
  };
  const ledgerTotals = emptyLedgers();
  const cells: {
    regionCode: string | null;
    category: Category;
    verdict: Verdict | null;
    status: WorkflowStatus;
    count: number;
  }[] = [];
  let rows = 0;
  for (const g of groups) {
    const n = Number(g.ledgers);
    const status: WorkflowStatus =
      g.status === 'approved' && Number(g.approvalStale) === 1 ? 'stale' : (g.status as WorkflowStatus);
    ledgerTotals.total += n;
    ledgerTotals[status] += n;
    const ch = childOf(g.regionCode);
    ch.ledgers.total += n;
    ch.ledgers[status] += n;
    for (const cat of CATEGORIES) {
      const v = (k: Parameters<typeof counterColumn>[1]) =>
        Number((g as Record<string, unknown>)[counterColumn(cat, k)] ?? 0);
      const f: Figures = {
        before: v('total'),
        keep: v('keep'),
        cancel: v('cancel'),
        merge: v('merge'),
        rectify: v('rectify'),
        undecided: 0,
        plannedAfter: 0,
        achievedAfter: 0,
        tasksOpen: v('tasksOpen'),
        tasksClosed: v('tasksClosed'),
      };
      f.undecided = f.before - f.keep - f.cancel - f.merge - f.rectify;
      f.plannedAfter = f.before - f.cancel - f.merge;
      f.achievedAfter = f.before - v('removedDone');
      addFigures(byCategory[cat], f);
      addFigures(ch.byCategory[cat], f);
      rows += f.before;
      ch.rows += f.before;
      byStatus[status] += f.before;
      for (const verdict of [...VERDICTS, null] as (Verdict | null)[]) {
        const count = verdict ? f[verdict] : f.undecided;
        if (count > 0) cells.push({ regionCode: g.regionCode, category: cat, verdict, status, count });
      }
    }
  }
  const overdueByCategory = byCategoryOf(() => 0);
  let overdueTotal = 0;
  for (const o of overdue) {
    const n = Number(o.n);
    overdueTotal += n;
    overdueByCategory[o.category as Category] += n;
    childOf(o.regionCode).overdueTasks += n;
  }
  const phases = c.phases.map((p) => {
    let total = 0;
    let done = 0;
    let measured = true;
    if (p.key === 'self_inspection') {
      total = ledgerTotals.total;
      done = ledgerTotals.approved;
    } else if (p.categories.length) {
      for (const cat of p.categories) {
        total += byCategory[cat].tasksOpen + byCategory[cat].tasksClosed;
        done += byCategory[cat].tasksClosed;
      }
    } else measured = false;
    return {
      key: p.key,
      clause: p.clause,
      deadline: p.deadline,
      measured,
      total,
      done,
      percent: measured && total > 0 ? Math.round((done / total) * 1000) / 10 : measured ? 100 : null,
      pastDeadline: p.deadline < today,
      behind: measured && p.deadline < today && done < total,
    };
  });
  const names = await regions.namesOf(deps.db, [...children.keys()]);
  return {
    campaign: { id: c.id, name: c.name, year: c.year },
    region: { code: node.code, name: node.name, level: node.level },
    childLevel: CHILD_COLUMN[node.level].replace('Code', ''),
    asOf: today,
    totals: {
      rows,
      byCategory,
      byStatus,
      ledgers: ledgerTotals,
      overdueTasks: { total: overdueTotal, byCategory: overdueByCategory },
    },
    phases,
    children: [...children.entries()]
      .filter(([k]) => k)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, x]) => ({ regionCode: code, regionName: names.get(code) ?? code, ...x })),
    groups: cells,
  };
}

/** Rows new, changed, unchanged since the previous cycle, and last cycle's rows not carried over, per category, under a node. */
export async function cycleChanges(
  deps: Deps,
  actor: Actor,
  campaignId: string,
  regionCode: string | undefined,
): Promise<CycleChanges> {
  const c = await getVisibleCampaign(deps, actor, campaignId);
  const node = await scopeNode(deps, actor, c, regionCode);
  const pins = ancestorEqualities(node);
  const by = byCategoryOf((): ChangeCounts => ({ new: 0, changed: 0, unchanged: 0, removed: 0 }));
  for (const r of await changeCounts(deps.db, c.id, pins))
    by[r.category as Category][(r.changeKind ?? 'new') as ChangeKind] += r.n;
  if (c.previousCampaignId)
    for (const r of await removedCounts(deps.db, c.previousCampaignId, c.id, pins))
      by[r.category as Category].removed += r.n;
  return {
    campaignId: c.id,
    previousCampaignId: c.previousCampaignId,
    region: { code: node.code, name: node.name, level: node.level },
    byCategory: by,
  };
}
