/**
 * What a pre-check finding says: its clause, what a returned request must add, its keyed message, the shape of
 * a finding and of the result, and how outcomes rank. Pure; admission.precheck.ts applies the rules. The texts
 * live in src/shared/locales/{zh-CN,en-US}/admission.ts (`admission.clause.*`, `admission.missing.*`,
 * `admission.finding.*`).
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
import type { PrecheckClause, PrecheckMissing } from '../../../shared/admission.codes.js';
import { formatKeyed, type Keyed, type KeyedParams, type MessageKey } from '../../../shared/i18n.js';

/** The seed-plan clauses a finding cites (worded by `admission.clause.<id>` in the locale tables). */
export type ClauseId = PrecheckClause;
/** What a returned request must add before it is filed again (worded by `admission.missing.<code>`). */
export type Missing = PrecheckMissing;

export interface Finding {
  rule: string;
  outcome: PrecheckOutcome;
  /** A seed-plan clause, or for a prohibition the item's code. */
  clause: { id: string };
  item: ItemRef | null;
  score: number | null;
  /** What the finding says, by key (`admission.finding.*`) and parameters. */
  message: Keyed;
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

export const clause = (id: ClauseId) => ({ id });
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
/** A finding's message (`admission.finding.<key>`); parameters are data or keyed texts. */
type FindingKey = Extract<MessageKey, `admission.finding.${string}`> extends `admission.finding.${infer K}` ? K : never;
export const say = (key: FindingKey, params?: KeyedParams): Keyed => ({
  key: `admission.finding.${key}`,
  ...(params ? { params } : {}),
});
/** Nothing (an optional part of a message left out). */
export const none = say('none');
/** Data words as a list the locale joins. */
export const texts = (xs: readonly string[]) => xs.map((text) => say('text', { text }));
/** What to add, as a list the locale joins. */
export const missingList = (m: readonly Missing[]): Keyed[] => m.map((x) => ({ key: `admission.missing.${x}` }));
/** “see also” the measure that states the rule, or nothing. */
export const citing = (it: JudgedItem | null) =>
  it ? say('citing', { catalog: it.catalogTitle, code: it.code, item: it.name }) : none;

/** A finding's message in Chinese (the decision document, the timeline, notices). */
export const findingZh = (f: Pick<Finding, 'message'>) => formatKeyed('zh-CN', f.message);

/** A finding judged before messages were keyed: the Chinese sentence then written, the clause's text beside its id. */
type StoredFinding = Omit<Finding, 'message' | 'clause'> & {
  message: Keyed | string;
  clause: { id: string; text?: string };
};

/**
 * A pre-check result as stored (precheck_json). Findings judged before messages were keyed keep the sentence
 * the server wrote then (shown as written, `admission.finding.text`); their clause's text is worded from its id
 * now (a seed-plan clause) or is the prohibition item's name, which the finding carries.
 */
export function storedPrecheck(json: string): PrecheckResult {
  const p = JSON.parse(json) as Omit<PrecheckResult, 'findings'> & { findings: StoredFinding[] };
  const findings = p.findings.map(({ message, clause: c, ...rest }) => ({
    ...rest,
    clause: { id: c.id },
    message: typeof message === 'string' ? say('text', { text: message }) : message,
  }));
  return { ...p, findings };
}
