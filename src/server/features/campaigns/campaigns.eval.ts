/**
 * The ledger's suggestions measured on labelled rows (test/fixtures/ledger-rows.json): verdict accuracy,
 * per-verdict precision and recall, lawful duty or assistance work never suggested cancel, and the
 * misses. Each sign row is judged as the only board of its village (the count limit is tested apart). Pure.
 */
import type { CatalogView } from '../catalogs/judge.js';
import { score, type Score, type Scored } from '../catalogs/judge.eval.js';
import { suggestRow, suggestSigns, type Suggestion } from './campaigns.judge.js';
import { createRowBody as rowInput, SUGGESTED_VERDICTS, type SuggestedVerdict } from '../../../shared/campaigns.js';
import type { RowInput } from './campaigns.model.js';

export interface LabelledRow {
  id: string;
  split: 'dev' | 'holdout';
  row: unknown;
  expect: { verdict: SuggestedVerdict; why: string; dependsOn?: string; lawful?: boolean };
  source?: string;
}

export interface RowEvaluation {
  score: Score<SuggestedVerdict>;
  /** Work-affair rows labelled as lawful work (keep, rectify or verify). */
  lawfulWork: number;
  /** Of those, suggested cancel (must be none). */
  lawfulCancelled: string[];
  /** Rows labelled cancel for a prohibition, and those suggested cancel as prohibited. */
  prohibited: number;
  prohibitedCancelled: number;
}

/** The suggestion for one labelled row. */
export function suggestionFor(view: CatalogView, input: RowInput): Suggestion {
  if (input.category === 'sign') return suggestSigns([{ id: 'x', seq: 1, input }], view, 'village').get('x')!;
  return suggestRow(input, view);
}

export function evaluateRows(view: CatalogView, rows: readonly LabelledRow[]): RowEvaluation {
  const results: Scored<SuggestedVerdict>[] = [];
  let lawfulWork = 0;
  let prohibited = 0;
  let prohibitedCancelled = 0;
  const lawfulCancelled: string[] = [];
  for (const r of rows) {
    const input = rowInput.parse(r.row) as RowInput;
    const s = suggestionFor(view, input);
    results.push({
      id: r.id,
      want: r.expect.verdict,
      got: s.verdict,
      why: r.expect.why,
      detail: `[${s.matchKind}] ${s.reason}`,
    });
    const lawful =
      input.category === 'work_affair' && (r.expect.lawful ?? ['keep', 'rectify', 'verify'].includes(r.expect.verdict));
    if (lawful) {
      lawfulWork++;
      if (s.verdict === 'cancel') lawfulCancelled.push(r.id);
    }
    if (r.expect.verdict === 'cancel' && /禁止/.test(r.expect.why)) {
      prohibited++;
      if (s.verdict === 'cancel' && s.matchKind === 'prohibited') prohibitedCancelled++;
    }
  }
  return { score: score(SUGGESTED_VERDICTS, results), lawfulWork, lawfulCancelled, prohibited, prohibitedCancelled };
}
