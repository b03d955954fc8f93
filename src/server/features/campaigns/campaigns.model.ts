/**
 * Domain logic of the campaigns feature: row identity and hashes, verdict and workflow rules, phases,
 * the sign guide's default setting and the per-ledger counters. Pure data and pure functions; the enums
 * and API schemas live in src/shared/campaigns.ts, the words in the locale tables.
 */
import { createHash } from 'node:crypto';
import { zh } from '../../../shared/i18n.js';
import {
  CATALOG_HITS,
  CATEGORIES,
  type CatalogHit,
  type Category,
  type LedgerStatus,
  type PhaseKey,
  type RowFields,
  type SignFields,
  type SuggestedVerdict,
  type Verdict,
  type WorkflowStatus,
} from '../../../shared/campaigns.js';

export type {
  CatalogHit,
  Category,
  CertificateFields,
  CleanupStatus,
  LedgerStatus,
  MechanismFields,
  PhaseKey,
  Provider,
  RowFields,
  SignFields,
  SignPosition,
  TaskStatus,
  Verdict,
  WorkAffairFields,
  WorkflowStatus,
} from '../../../shared/campaigns.js';

/** Rows with these verdicts are non-compliant and become clean-up tasks. */
export const isNonCompliant = (v: Verdict | null | undefined) => v === 'cancel' || v === 'merge' || v === 'rectify';

export const effectiveStatus = (status: LedgerStatus, approvalStale: boolean): WorkflowStatus =>
  status === 'approved' && approvalStale ? 'stale' : status;

/** Chinese names the server writes (task titles, spreadsheets, the judge's reasons). */
export const categoryName = (c: Category) => zh(`campaigns.category.${c}`);
export const verdictName = (v: SuggestedVerdict) => zh(`campaigns.verdict.${v}`);
export const phaseName = (k: PhaseKey) => zh(`campaigns.phase.${k}`);
/** The catalog names the judge quotes in its reasons. */
export const CATALOG_HIT_LABELS = Object.fromEntries(
  CATALOG_HITS.map((k) => [k, zh(`campaigns.catalogHit.${k}`)]),
) as Record<CatalogHit, string>;

/** A clean-up task's title (stored; notices quote it). */
export const taskTitle = (category: Category, verdict: Verdict, name: string) =>
  zh('campaigns.taskTitle', { category: categoryName(category), verdict: verdictName(verdict), name }).slice(0, 200);

// ------------------------------------------------------------------ row identity

/** What a row is, whatever its category: the facts the cadre types. */
export interface RowInput {
  category: Category;
  name: string;
  imposedBy: string;
  basis: string;
  fields: RowFields;
}

const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();

/** The identity of a row inside its ledger (what an import upserts on). */
export function naturalKeyOf(r: Pick<RowInput, 'category' | 'name' | 'imposedBy' | 'fields'>): string {
  const parts: string[] = [r.category, fold(r.name)];
  if (r.category === 'sign') parts.push((r.fields as SignFields).position);
  if (r.category === 'work_affair') parts.push(fold(r.imposedBy));
  return parts.join('|');
}

/** A stable hash of what the cadre typed (drives "changed since last cycle" and idempotent imports). */
export function fieldsHashOf(r: RowInput): string {
  const keys = Object.keys(r.fields).sort();
  const f = Object.fromEntries(keys.map((k) => [k, (r.fields as Record<string, unknown>)[k]]));
  return createHash('sha256')
    .update(JSON.stringify([r.category, r.name.trim(), r.imposedBy.trim(), r.basis.trim(), f]))
    .digest('hex')
    .slice(0, 32);
}

/** The clean-up phase whose deadline applies to a row of this category. */
export const phaseOfCategory = (c: Category): PhaseKey =>
  c === 'sign' || c === 'certificate' ? 'signs_certificates' : 'mechanisms_affairs';

// ------------------------------------------------------------------ sign guide (configurable)

export interface BoardRule {
  name: string;
  /** Substrings that identify the board; the longest matching pattern over all rules wins. */
  patterns: string[];
}

export interface SignGuide {
  /** Boards allowed on the outside of the village office. */
  allowedBoards: BoardRule[];
  /** Boards that belong inside the comprehensive service facility (S-6.1). */
  insideBoards: BoardRule[];
  maxVillage: number;
  maxCommunity: number;
  note: string;
}

export const GUIDE_BOARD = '服务功能综合指引牌';
export const SERVICE_ORG_BOARD = '综合服务组织标识';

/**
 * The Shanxi sign guide's text was not found (catalogs.json: NOT FOUND). These defaults are the four
 * statutory boards of the Guizhou (黔南) reference and the 左权 "村6社5" reading; a district sets its own.
 * Board names, patterns and the note are the setting's data (a district edits them), not labels.
 */
export const DEFAULT_SIGN_GUIDE: SignGuide = {
  allowedBoards: [
    { name: '村党组织', patterns: ['中共', '党支部', '党总支', '党委', '支部委员会', '党组织'] },
    { name: '村民委员会', patterns: ['村民委员会', '居民委员会', '村委会', '居委会'] },
    { name: '村集体经济组织', patterns: ['经济合作社', '经济联合社', '股份经济合作社', '股份合作社', '集体经济组织'] },
    { name: '村务监督委员会', patterns: ['村务监督委员会', '居务监督委员会', '监督委员会'] },
  ],
  insideBoards: [
    {
      name: SERVICE_ORG_BOARD,
      patterns: ['党群服务中心', '便民服务中心', '综合服务中心', '综合服务站', '便民服务站', '服务中心'],
    },
    { name: GUIDE_BOARD, patterns: ['指引', '指南', '导引', '功能分布'] },
  ],
  maxVillage: 6,
  maxCommunity: 5,
  note:
    '可配置：山西省《标识牌内容及悬挂位置参考指引》原文未取得。默认允许清单取自贵州黔南“每村只挂4块牌子”（村党组织、村民委员会、村集体经济组织、村务监督委员会），' +
    '数量上限取左权县“村6社5”的理解（村6块、社区5块），请区民政局按省指引核定后修改。',
};

// ------------------------------------------------------------------ per-ledger counters

export const COUNTER_KINDS = [
  'total',
  'keep',
  'cancel',
  'merge',
  'rectify',
  'removedDone',
  'tasksOpen',
  'tasksClosed',
] as const;
export type CounterKindName = (typeof COUNTER_KINDS)[number];
const CAT_PASCAL: Record<Category, string> = {
  sign: 'Sign',
  mechanism: 'Mechanism',
  work_affair: 'WorkAffair',
  certificate: 'Certificate',
};
/** The ledger column of a counter, e.g. (work_affair, removedDone) → nWorkAffairRemovedDone. */
export const counterColumn = (c: Category, k: CounterKindName) =>
  `n${CAT_PASCAL[c]}${k[0].toUpperCase()}${k.slice(1)}` as `n${'Sign' | 'Mechanism' | 'WorkAffair' | 'Certificate'}${'Total' | 'Keep' | 'Cancel' | 'Merge' | 'Rectify' | 'RemovedDone' | 'TasksOpen' | 'TasksClosed'}`;
export const COUNTER_COLUMNS = CATEGORIES.flatMap((c) => COUNTER_KINDS.map((k) => counterColumn(c, k)));

/** The counters of a ledger from its rows (category, final verdict, clean-up status). */
export function countersOf(
  rows: Iterable<{ category: string; verdict: string | null; cleanupStatus: string; n?: number }>,
) {
  const out = Object.fromEntries(COUNTER_COLUMNS.map((k) => [k, 0])) as Record<
    ReturnType<typeof counterColumn>,
    number
  >;
  for (const r of rows) {
    const c = r.category as Category;
    if (!CAT_PASCAL[c]) continue;
    const n = r.n ?? 1;
    out[counterColumn(c, 'total')] += n;
    if (r.verdict === 'keep' || r.verdict === 'cancel' || r.verdict === 'merge' || r.verdict === 'rectify')
      out[counterColumn(c, r.verdict)] += n;
    if ((r.verdict === 'cancel' || r.verdict === 'merge') && r.cleanupStatus === 'closed')
      out[counterColumn(c, 'removedDone')] += n;
    if (r.cleanupStatus === 'open') out[counterColumn(c, 'tasksOpen')] += n;
    if (r.cleanupStatus === 'closed') out[counterColumn(c, 'tasksClosed')] += n;
  }
  return out;
}

/** Items by key, in their order (Map.groupBy arrives with Node 21). */
export function groupBy<T, K>(items: Iterable<T>, key: (x: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const x of items) {
    const k = key(x);
    const list = out.get(k);
    if (list) list.push(x);
    else out.set(k, [x]);
  }
  return out;
}
