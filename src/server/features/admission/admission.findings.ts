/**
 * What a pre-check finding says: the seed-plan clauses, what a returned request must add, the shape of a
 * finding and of the result, and how outcomes rank. Pure; admission.precheck.ts applies the rules.
 */
import type { CatalogKind } from '../../../shared/catalogs.js';
import {
  refOf,
  type CatalogView,
  type Completeness,
  type ItemRef,
  type JudgedItem,
  type Verdict,
} from '../catalogs/judge.js';
import type { Trigger } from '../catalogs/rules.js';
import type { PrecheckOutcome } from './admission.schemas.js';

export const CLAUSES = {
  'S-6.1':
    '标识牌按省标识牌内容及悬挂位置参考指引规范：综合服务组织标识挂在室内醒目位置，服务站设一块服务功能综合指引牌，功能区入口设简短标识。',
  'S-6.2':
    '村级组织依法依规出具证明；任何部门不得要求村级组织出具没有法律法规或国务院决定依据、或不属于村级组织职责范围的证明。',
  'S-6.3':
    '村级组织能够承担的工作，不得要求设立专门机构、配备专人专岗；只有党中央、国务院明确要求或法律法规有规定的方可设立，且由设立方提供人员和经费，不得转嫁给村级组织。',
  'S-6.4':
    '履行职责事项由村级组织承担、部门给予指导；协助政务服务事项村级组织只承担协助工作，部门须落实“费随事转、权随责走”。',
  'S-7.2': '未列入目录的事项，不得以行政命令方式交由村级组织承担。',
  'S-7.3': '目录之外确需村级组织协助的专项工作，由部门报区政府按程序审批。',
  BASIS: '申请准入须写明法律或政策依据（文件及条款）。',
} as const;
export type ClauseId = keyof typeof CLAUSES;

/** What a returned request must add before it is filed again. */
export const MISSING = ['basis', 'statutory_basis', 'funding', 'staffing', 'placement', 'shorter_name'] as const;
export type Missing = (typeof MISSING)[number];
export const MISSING_LABELS: Record<Missing, string> = {
  basis: '依据：法律法规或政策文件的名称、文号及条款',
  statutory_basis: '党中央、国务院文件或法律法规的依据（文件名称及条款）',
  funding: '经费：由申请单位提供的工作经费数额和来源',
  staffing: '人员：由申请单位提供的工作人员（人数、来源）',
  placement: '悬挂位置：改为村综合服务设施内的醒目位置',
  shorter_name: '标识文字：精简为 12 字以内的功能区名称',
};

export interface Finding {
  rule: string;
  outcome: PrecheckOutcome;
  clause: { id: string; text: string };
  item: ItemRef | null;
  score: number | null;
  message: string;
  /** The document the clause or item comes from. */
  document?: string | null;
  /** Prohibitions: the words that triggered the rule, per section of the request. */
  triggers?: Trigger[];
  /** Returned: exactly what to add. */
  missing?: Missing[];
}

export interface PrecheckResult {
  outcome: PrecheckOutcome;
  /** The request matches an item of the effective catalogs (admissible as catalogued). */
  catalogued: boolean;
  /** Out of catalog: the district government must approve (S-7.3). */
  needsGovernment: boolean;
  findings: Finding[];
  catalogVersionId: string;
  checkedOn: string;
  /** The judge's verdict and the completeness of the catalog kinds it rests on. */
  verdict: Verdict;
  completeness: Partial<Record<CatalogKind, Completeness>>;
}

/** How bad an outcome is (the worst over findings and over the townships judged wins). */
export const OUTCOME_SEVERITY: Record<PrecheckOutcome, number> = {
  admissible: 0,
  needs_government: 1,
  unverified: 2,
  returned: 3,
  refused: 4,
};

export const clause = (id: ClauseId) => ({ id, text: CLAUSES[id] });
export const documentOf = (it: ItemRef) =>
  `《${it.catalogTitle}》${it.basis && !it.catalogTitle.includes(it.basis) ? `（${it.basis}）` : ''}`;

/**
 * The burden-reduction measure that states a structural rule, when it is in force here (e.g. Shanxi
 * measure 6 for a mechanism without a central or statutory basis): cited beside the seed-plan clause.
 */
const MEASURE_OF: Record<'mechanism_no_basis' | 'mechanism_unfunded' | 'sign_not_allowed', string[]> = {
  mechanism_no_basis: ['SX-PROH-2023-06'],
  mechanism_unfunded: ['SX-PROH-2023-07'],
  sign_not_allowed: ['SX-PROH-2023-03'],
};
export function measure(view: CatalogView, rule: keyof typeof MEASURE_OF): JudgedItem | null {
  for (const code of MEASURE_OF[rule]) {
    const it = view.item(code);
    if (it) return it;
  }
  return null;
}
/** A finding's item, score and document when it cites a measure (or nothing). */
export function cited(m: JudgedItem | null) {
  const item = m ? refOf(m) : null;
  return { item, score: null, document: item ? documentOf(item) : null };
}
export const citing = (it: JudgedItem | null) => (it ? `；另见《${it.catalogTitle}》${it.code}“${it.name}”` : '');

export const joinLabels = (m: Missing[]) => m.map((x) => MISSING_LABELS[x]).join('；');
