/**
 * The pre-check measured on labelled department requests (test/fixtures/admission-requests.json):
 * outcome accuracy, per-outcome precision and recall, whether every prohibited request is refused
 * (none admissible, none sent to the district government), and the misses. Pure.
 */
import type { CatalogView } from '../catalogs/judge.js';
import { score, type Score, type Scored } from '../catalogs/judge.eval.js';
import { findingZh, precheck } from './admission.precheck.js';
import { PRECHECK_OUTCOMES, requestContent, type PrecheckOutcome } from './admission.schemas.js';

export interface LabelledRequest {
  id: string;
  split: 'dev' | 'holdout';
  content: unknown;
  expect: { outcome: PrecheckOutcome; rule?: string; why: string; dependsOn?: string };
  source?: string;
}

export interface RequestEvaluation {
  score: Score<PrecheckOutcome>;
  /** Requests labelled refused because of a prohibition (they carry a rule). */
  prohibited: number;
  /** Of those, refused by the pre-check. */
  prohibitedRefused: number;
  /** Of those, let through as admissible or needs_government (must be 0). */
  prohibitedLetThrough: string[];
  /** Prohibited requests refused for the intended item (the rule named in the label). */
  ruleHits: number;
  ruleMisses: { id: string; want: string; got: string[] }[];
}

export function evaluateRequests(view: CatalogView, rows: readonly LabelledRequest[]): RequestEvaluation {
  const results: Scored<PrecheckOutcome>[] = [];
  let prohibited = 0;
  let prohibitedRefused = 0;
  let ruleHits = 0;
  const prohibitedLetThrough: string[] = [];
  const ruleMisses: RequestEvaluation['ruleMisses'] = [];
  for (const r of rows) {
    const res = precheck(requestContent.parse(r.content), view);
    const refusing = res.findings.filter((f) => f.outcome === res.outcome);
    results.push({
      id: r.id,
      want: r.expect.outcome,
      got: res.outcome,
      why: r.expect.why,
      detail: refusing.map((f) => `[${f.rule}${f.item ? ` ${f.item.code}` : ''}] ${findingZh(f)}`).join(' / '),
    });
    if (r.expect.outcome === 'refused' && r.expect.rule) {
      prohibited++;
      if (res.outcome === 'refused') prohibitedRefused++;
      if (res.outcome === 'admissible' || res.outcome === 'needs_government') prohibitedLetThrough.push(r.id);
      const codes = res.findings.filter((f) => f.outcome === 'refused' && f.item).map((f) => f.item!.code);
      if (codes.includes(r.expect.rule)) ruleHits++;
      else ruleMisses.push({ id: r.id, want: r.expect.rule, got: codes });
    }
  }
  return {
    score: score(PRECHECK_OUTCOMES, results),
    prohibited,
    prohibitedRefused,
    prohibitedLetThrough,
    ruleHits,
    ruleMisses,
  };
}
