/**
 * Scoring the matcher on labelled names (test/fixtures/matcher-devset.json, the bench's hold-out set):
 * verdict and top-1 accuracy, precision and recall per verdict, and the misses.
 */
import type { CatalogKind, CertificateVerdict } from '../../../shared/catalogs.js';
import { CERTIFICATE_KINDS, certificateVerdict, type Matcher } from './matcher.js';

export type { CertificateVerdict };

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export interface LabelledName {
  q: string;
  verdict: CertificateVerdict;
  code: string | null;
  note?: string;
}

export interface VerdictStats {
  /** Rows labelled with this verdict. */
  support: number;
  /** Rows predicted with this verdict. */
  predicted: number;
  precision: number;
  recall: number;
}

export interface MatcherEvaluation {
  rows: number;
  /** Exact verdict (positive / negative / unlisted). */
  verdictAccuracy: number;
  /** The issue decision: positive vs anything else. */
  issueAccuracy: number;
  /** Top-1 code over rows that have a code. */
  top1Accuracy: number;
  rowsWithCode: number;
  perVerdict: Record<CertificateVerdict, VerdictStats>;
  misses: {
    q: string;
    want: CertificateVerdict;
    wantCode: string | null;
    got: CertificateVerdict;
    gotCode: string | null;
  }[];
}

/**
 * Scores a matcher on labelled names. The predicted code is that of the certificate item behind the
 * verdict (null when unlisted).
 */
export function evaluateMatcher(
  matcher: Matcher,
  rows: readonly LabelledName[],
  kinds: readonly CatalogKind[] | undefined = CERTIFICATE_KINDS,
): MatcherEvaluation {
  const verdicts: CertificateVerdict[] = ['positive', 'negative', 'unlisted'];
  const tally = Object.fromEntries(verdicts.map((v) => [v, { support: 0, predicted: 0, correct: 0 }])) as Record<
    CertificateVerdict,
    { support: number; predicted: number; correct: number }
  >;
  let verdictOk = 0;
  let issueOk = 0;
  let codeOk = 0;
  let withCode = 0;
  const misses: MatcherEvaluation['misses'] = [];
  for (const row of rows) {
    const r = matcher.match(row.q, kinds);
    const got = certificateVerdict(r);
    const gotCode =
      got === 'unlisted' ? null : (r.candidates.find((c) => CERTIFICATE_KINDS.includes(c.kind))?.code ?? null);
    tally[row.verdict].support++;
    tally[got].predicted++;
    if (got === row.verdict) {
      verdictOk++;
      tally[got].correct++;
    }
    if ((got === 'positive') === (row.verdict === 'positive')) issueOk++;
    if (row.code) {
      withCode++;
      if (gotCode === row.code) codeOk++;
    }
    if (got !== row.verdict || (row.code !== null && gotCode !== row.code))
      misses.push({ q: row.q, want: row.verdict, wantCode: row.code, got, gotCode });
  }
  const perVerdict = Object.fromEntries(
    verdicts.map((v) => {
      const t = tally[v];
      return [
        v,
        {
          support: t.support,
          predicted: t.predicted,
          precision: ratio(t.correct, t.predicted),
          recall: ratio(t.correct, t.support),
        },
      ];
    }),
  ) as Record<CertificateVerdict, VerdictStats>;
  return {
    rows: rows.length,
    verdictAccuracy: ratio(verdictOk, rows.length),
    issueAccuracy: ratio(issueOk, rows.length),
    top1Accuracy: ratio(codeOk, withCode),
    rowsWithCode: withCode,
    perVerdict,
    misses,
  };
}
