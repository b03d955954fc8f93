/**
 * Roll-ups (分级分类台账): region × category × verdict × workflow status, before/after counts,
 * progress per phase and overdue tasks, for any node. Each figure comes from one indexed GROUP BY over
 * the denormalised ancestor columns; the node's own ancestors are added as equalities so the same
 * query is a prefix scan of the same covering index for a township, a district or a province.
 */
import type { Kysely } from 'kysely';
import type { Deps } from '../../deps.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../core/actor.js';
import { shanghaiDate } from '../../core/clock.js';
import type { RegionLevel } from '../../../shared/roles.js';
import { CATEGORIES, VERDICTS, WORKFLOW_STATUSES, type Category, type Verdict, type WorkflowStatus } from './campaigns.model.js';
import { ancestorEqualities, getVisibleCampaign, scopeNode, type ScopeNode } from './campaigns.service.js';
import type { CampaignRecord } from './campaigns.repo.js';

type ChildColumn = 'cityCode' | 'countyCode' | 'townshipCode' | 'villageCode';
export const CHILD_COLUMN: Record<RegionLevel, ChildColumn> = {
  province: 'cityCode',
  city: 'countyCode',
  county: 'townshipCode',
  township: 'villageCode',
  village: 'villageCode',
  community: 'villageCode',
};

const pin = (node: ScopeNode) => ancestorEqualities(node);

/** The roll-up's one query: row counts by child region × category × verdict × workflow × clean-up status. */
export function rollupQuery(db: Kysely<DB>, campaignId: string, node: ScopeNode) {
  const child = CHILD_COLUMN[node.level];
  return db
    .selectFrom('ledgerRow')
    .select([(eb) => eb.ref(child).as('regionCode'), 'category', 'verdict', 'workflowStatus', 'cleanupStatus', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', campaignId)
    .where((eb) => eb.and(pin(node).map(([k, v]) => eb(k, '=', v))))
    .groupBy([child, 'category', 'verdict', 'workflowStatus', 'cleanupStatus']);
}

/** Ledgers by child region × workflow status (self-inspection progress). */
export function ledgerStatusQuery(db: Kysely<DB>, campaignId: string, node: ScopeNode) {
  const child = CHILD_COLUMN[node.level];
  return db
    .selectFrom('ledger')
    .select([(eb) => eb.ref(child).as('regionCode'), 'status', 'approvalStale', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', campaignId)
    .where((eb) => eb.and(pin(node).map(([k, v]) => eb(k, '=', v))))
    .groupBy([child, 'status', 'approvalStale']);
}

/** Open tasks past their deadline by child region × category. */
export function overdueQuery(db: Kysely<DB>, campaignId: string, node: ScopeNode, today: string) {
  const child = CHILD_COLUMN[node.level];
  return db
    .selectFrom('cleanupTask')
    .select([(eb) => eb.ref(child).as('regionCode'), 'category', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaignId', '=', campaignId)
    .where((eb) => eb.and(pin(node).map(([k, v]) => eb(k, '=', v))))
    .where('status', '=', 'open')
    .where('deadline', '<', today)
    .groupBy([child, 'category']);
}

interface CategoryFigures {
  before: number;
  keep: number;
  cancel: number;
  merge: number;
  rectify: number;
  undecided: number;
  /** Before minus what is to be cancelled or merged away. */
  plannedAfter: number;
  /** Before minus what has actually been cancelled or merged (task closed). */
  achievedAfter: number;
  tasksOpen: number;
  tasksClosed: number;
}
const emptyFigures = (): CategoryFigures => ({ before: 0, keep: 0, cancel: 0, merge: 0, rectify: 0, undecided: 0, plannedAfter: 0, achievedAfter: 0, tasksOpen: 0, tasksClosed: 0 });
const emptyLedgers = () => ({ total: 0, draft: 0, submitted: 0, returned: 0, approved: 0, stale: 0 });

function addRow(f: CategoryFigures, verdict: string | null, cleanup: string, n: number) {
  f.before += n;
  if (verdict && (VERDICTS as readonly string[]).includes(verdict)) f[verdict as Verdict] += n;
  else f.undecided += n;
  const removes = verdict === 'cancel' || verdict === 'merge';
  if (!removes) f.plannedAfter += n;
  if (!(removes && cleanup === 'closed')) f.achievedAfter += n;
  if (cleanup === 'open') f.tasksOpen += n;
  if (cleanup === 'closed') f.tasksClosed += n;
}

/** The full roll-up of a node (default: the actor's own node) for a campaign. */
export async function rollup(deps: Deps, actor: Actor, campaignId: string, regionCode?: string) {
  const c = await getVisibleCampaign(deps, actor, campaignId);
  const node = await scopeNode(deps, actor, c, regionCode);
  return rollupOf(deps, c, node);
}

export async function rollupOf(deps: Deps, c: CampaignRecord, node: ScopeNode) {
  const today = shanghaiDate(deps.clock.now());
  const [groups, ledgers, overdue] = await Promise.all([
    rollupQuery(deps.db, c.id, node).execute(),
    ledgerStatusQuery(deps.db, c.id, node).execute(),
    overdueQuery(deps.db, c.id, node, today).execute(),
  ]);
  const byCategory = Object.fromEntries(CATEGORIES.map((k) => [k, emptyFigures()])) as Record<Category, CategoryFigures>;
  const byStatus = Object.fromEntries(WORKFLOW_STATUSES.map((s) => [s, 0])) as Record<WorkflowStatus, number>;
  const children = new Map<string, { rows: number; byCategory: Record<Category, CategoryFigures>; ledgers: ReturnType<typeof emptyLedgers>; overdueTasks: number }>();
  const childOf = (code: string | null) => {
    const k = code ?? '';
    let x = children.get(k);
    if (!x) children.set(k, (x = { rows: 0, byCategory: Object.fromEntries(CATEGORIES.map((cat) => [cat, emptyFigures()])) as Record<Category, CategoryFigures>, ledgers: emptyLedgers(), overdueTasks: 0 }));
    return x;
  };
  let rows = 0;
  for (const g of groups) {
    const n = Number(g.n);
    const cat = g.category as Category;
    rows += n;
    addRow(byCategory[cat], g.verdict, g.cleanupStatus, n);
    byStatus[g.workflowStatus as WorkflowStatus] = (byStatus[g.workflowStatus as WorkflowStatus] ?? 0) + n;
    const ch = childOf(g.regionCode);
    ch.rows += n;
    addRow(ch.byCategory[cat], g.verdict, g.cleanupStatus, n);
  }
  const ledgerTotals = emptyLedgers();
  for (const l of ledgers) {
    const n = Number(l.n);
    const key = l.status === 'approved' && Number(l.approvalStale) === 1 ? 'stale' : (l.status as 'draft' | 'submitted' | 'returned' | 'approved');
    ledgerTotals.total += n;
    ledgerTotals[key] += n;
    const ch = childOf(l.regionCode);
    ch.ledgers.total += n;
    ch.ledgers[key] += n;
  }
  const overdueByCategory = Object.fromEntries(CATEGORIES.map((k) => [k, 0])) as Record<Category, number>;
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
      key: p.key, name: p.name, clause: p.clause, deadline: p.deadline, measured, total, done,
      percent: measured && total > 0 ? Math.round((done / total) * 1000) / 10 : measured ? 100 : null,
      pastDeadline: p.deadline < today, behind: measured && p.deadline < today && done < total,
    };
  });
  const codes = [...children.keys()].filter(Boolean);
  const names = new Map<string, string>();
  for (let i = 0; i < codes.length; i += 500) for (const r of await deps.db.selectFrom('region').select(['code', 'name']).where('code', 'in', codes.slice(i, i + 500)).execute()) names.set(r.code, r.name);
  return {
    campaign: { id: c.id, name: c.name, year: c.year },
    region: { code: node.code, name: node.name, level: node.level },
    childLevel: CHILD_COLUMN[node.level].replace('Code', ''),
    asOf: today,
    totals: { rows, byCategory, byStatus, ledgers: ledgerTotals, overdueTasks: { total: overdueTotal, byCategory: overdueByCategory } },
    phases,
    children: [...children.entries()]
      .filter(([k]) => k)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([code, x]) => ({ regionCode: code, regionName: names.get(code) ?? code, ...x })),
    groups: groups.map((g) => ({ regionCode: g.regionCode, category: g.category as Category, verdict: (g.verdict as Verdict | null) ?? null, status: g.workflowStatus as WorkflowStatus, cleanupStatus: g.cleanupStatus, count: Number(g.n) })),
  };
}
export type Rollup = Awaited<ReturnType<typeof rollupOf>>;
