/**
 * Scoring a judge against labelled examples: accuracy, per-label precision and recall, and the misses.
 * Pure and label-agnostic; admission.eval.ts (requests) and campaigns.eval.ts (ledger rows) use it.
 */

export interface LabelStats {
  /** Examples labelled with this label. */
  support: number;
  /** Examples predicted with this label. */
  predicted: number;
  precision: number;
  recall: number;
}

export interface Scored<L extends string> {
  id: string;
  want: L;
  got: L;
  why: string;
  /** What the judge said (a finding or a suggestion's reason). */
  detail: string;
}

export interface Score<L extends string> {
  rows: number;
  correct: number;
  accuracy: number;
  perLabel: Record<L, LabelStats>;
  misses: Scored<L>[];
}

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export function score<L extends string>(labels: readonly L[], results: readonly Scored<L>[]): Score<L> {
  const t = Object.fromEntries(labels.map((l) => [l, { support: 0, predicted: 0, correct: 0 }])) as Record<
    L,
    { support: number; predicted: number; correct: number }
  >;
  let correct = 0;
  for (const r of results) {
    t[r.want].support++;
    t[r.got].predicted++;
    if (r.got === r.want) {
      correct++;
      t[r.got].correct++;
    }
  }
  const perLabel = Object.fromEntries(
    labels.map((l) => [
      l,
      {
        support: t[l].support,
        predicted: t[l].predicted,
        precision: ratio(t[l].correct, t[l].predicted),
        recall: ratio(t[l].correct, t[l].support),
      },
    ]),
  ) as Record<L, LabelStats>;
  return {
    rows: results.length,
    correct,
    accuracy: ratio(correct, results.length),
    perLabel,
    misses: results.filter((r) => r.got !== r.want),
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A plain-text report: the accuracy, a per-label table and every miss. */
export function formatScore<L extends string>(title: string, s: Score<L>, extra: [string, string][] = []): string {
  const lines = [`${title}: ${s.correct}/${s.rows} right (${pct(s.accuracy)})`];
  for (const [k, v] of extra) lines.push(`  ${k}: ${v}`);
  lines.push('  label                 support  predicted  precision  recall');
  for (const [l, st] of Object.entries(s.perLabel) as [string, LabelStats][])
    lines.push(
      `  ${l.padEnd(20)} ${String(st.support).padStart(8)} ${String(st.predicted).padStart(10)} ${pct(st.precision).padStart(10)} ${pct(st.recall).padStart(7)}`,
    );
  if (s.misses.length) {
    lines.push('  misses:');
    for (const m of s.misses) lines.push(`    ${m.id}: want ${m.want}, got ${m.got} — ${m.why} | ${m.detail}`);
  }
  return lines.join('\n');
}
