/**
 * Hold-out evaluation of the certificate matcher on names phrased the way other provinces' lists,
 * villagers, cadres and bank clerks phrase them (test/fixtures/matcher-holdout.json, written
 * independently of the matcher and its dev set).
 *
 *   npx tsx bench/matcher-holdout.ts      prints figures and every miss, writes bench/results/matcher-holdout.json
 *
 * Uses only the public API: createMatcher, certificateVerdict, CERTIFICATE_KINDS, evaluateMatcher
 * (cross-check), loadSeedCatalogs, toMatchableItems.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CERTIFICATE_KINDS,
  certificateVerdict,
  createMatcher,
  type MatchResult,
} from '../src/server/features/catalogs/matcher.js';
import {
  evaluateMatcher,
  type CertificateVerdict,
  type LabelledName,
} from '../src/server/features/catalogs/matcher.eval.js';
import { loadSeedCatalogs, toMatchableItems } from '../src/server/features/catalogs/seed-data.js';

interface HoldoutRow extends LabelledName {
  source: string;
  note: string;
}

const HOLDOUT_URL = new URL('../test/fixtures/matcher-holdout.json', import.meta.url);
const RESULT_URL = new URL('./results/matcher-holdout.json', import.meta.url);
const VERDICTS: CertificateVerdict[] = ['positive', 'negative', 'unlisted'];

const rows = JSON.parse(readFileSync(HOLDOUT_URL, 'utf8')) as HoldoutRow[];
const items = toMatchableItems(loadSeedCatalogs());
const byCode = new Map(items.map((it) => [it.code, it]));
const matcher = createMatcher(items);

/** The certificate item behind the verdict: first certificate-kind, non-catch-all candidate at/above threshold. */
function codeBehindVerdict(r: MatchResult): string | null {
  for (const c of r.candidates) {
    if (c.score < r.threshold) break;
    if (!CERTIFICATE_KINDS.includes(c.kind)) continue;
    if (byCode.get(c.code)?.catchAll) continue;
    return c.code;
  }
  return null;
}

function kindVerdict(code: string | null): CertificateVerdict {
  if (!code) return 'unlisted';
  return byCode.get(code)?.kind === 'negative_certificate' ? 'negative' : 'positive';
}

interface Outcome {
  q: string;
  source: string;
  note: string;
  want: CertificateVerdict;
  wantCode: string | null;
  got: CertificateVerdict;
  gotCode: string | null;
  /** Same query matched across all kinds: verdict (should not change). */
  gotAllKinds: CertificateVerdict;
  normalized: string;
  terms: string[];
  candidates: { code: string; name: string; score: number; reason: string }[];
  issueOk: boolean;
  verdictOk: boolean;
  codeOk: boolean | null;
  inconsistency?: string;
}

const outcomes: Outcome[] = rows.map((row) => {
  const r = matcher.match(row.q, CERTIFICATE_KINDS);
  const got = certificateVerdict(r);
  const gotCode = got === 'unlisted' ? null : codeBehindVerdict(r);
  const rAll = matcher.match(row.q);
  const gotAllKinds = certificateVerdict(rAll);
  const o: Outcome = {
    q: row.q,
    source: row.source,
    note: row.note,
    want: row.verdict,
    wantCode: row.code,
    got,
    gotCode,
    gotAllKinds,
    normalized: r.normalized,
    terms: r.terms,
    candidates: r.candidates.map((c) => ({
      code: c.code,
      name: c.name,
      score: Math.round(c.score * 1000) / 1000,
      reason: c.reason,
    })),
    issueOk: (row.verdict === 'positive') === (got === 'positive'),
    verdictOk: row.verdict === got,
    codeOk: row.code === null ? null : row.code === gotCode,
  };
  if (kindVerdict(gotCode) !== got)
    o.inconsistency = `certificateVerdict=${got} but item behind it is ${gotCode ?? 'none'}`;
  return o;
});

const pct = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 10000) / 100);
const withCode = outcomes.filter((o) => o.codeOk !== null);
const perVerdict = Object.fromEntries(
  VERDICTS.map((v) => {
    const support = outcomes.filter((o) => o.want === v).length;
    const predicted = outcomes.filter((o) => o.got === v).length;
    const tp = outcomes.filter((o) => o.want === v && o.got === v).length;
    return [v, { support, predicted, truePositives: tp, precision: pct(tp, predicted), recall: pct(tp, support) }];
  }),
);
const confusion = Object.fromEntries(
  VERDICTS.map((w) => [
    w,
    Object.fromEntries(VERDICTS.map((g) => [g, outcomes.filter((o) => o.want === w && o.got === g).length])),
  ]),
);
const bySource: Record<string, { rows: number; verdictOk: number; codeOk: number }> = {};
for (const o of outcomes) {
  const key = o.source.replace(/\s*\(.*\)$/, '');
  const s = (bySource[key] ??= { rows: 0, verdictOk: 0, codeOk: 0 });
  s.rows++;
  if (o.verdictOk) s.verdictOk++;
  if (o.verdictOk && o.codeOk !== false) s.codeOk++;
}

// Cross-check with the repository's own evaluator.
const official = evaluateMatcher(matcher, rows, CERTIFICATE_KINDS);

const misses = outcomes.filter((o) => !o.verdictOk || o.codeOk === false);
const figures = {
  benchmark: 'certificate matcher hold-out',
  date: new Date().toISOString(),
  holdout: 'test/fixtures/matcher-holdout.json',
  rows: outcomes.length,
  rowsWithCode: withCode.length,
  threshold: matcher.match('').threshold,
  issueAccuracy: pct(outcomes.filter((o) => o.issueOk).length, outcomes.length),
  verdictAccuracy: pct(outcomes.filter((o) => o.verdictOk).length, outcomes.length),
  top1CodeAccuracy: pct(withCode.filter((o) => o.codeOk).length, withCode.length),
  /** Verdict and code both right (code null rows: verdict only). */
  exactAccuracy: pct(outcomes.length - misses.length, outcomes.length),
  perVerdict,
  confusion,
  bySource,
  allKindsVerdictChanges: outcomes
    .filter((o) => o.gotAllKinds !== o.got)
    .map((o) => ({ q: o.q, cert: o.got, all: o.gotAllKinds })),
  inconsistencies: outcomes.filter((o) => o.inconsistency).map((o) => ({ q: o.q, msg: o.inconsistency })),
  crossCheck: {
    evaluateMatcher: {
      verdictAccuracy: Math.round(official.verdictAccuracy * 10000) / 100,
      issueAccuracy: Math.round(official.issueAccuracy * 10000) / 100,
      top1Accuracy: Math.round(official.top1Accuracy * 10000) / 100,
      rowsWithCode: official.rowsWithCode,
    },
  },
  misses: misses.map((o) => ({
    q: o.q,
    source: o.source,
    note: o.note,
    want: o.want,
    wantCode: o.wantCode,
    got: o.got,
    gotCode: o.gotCode,
    normalized: o.normalized,
    terms: o.terms,
    candidates: o.candidates,
  })),
};

mkdirSync(fileURLToPath(new URL('./results/', import.meta.url)), { recursive: true });
writeFileSync(RESULT_URL, JSON.stringify(figures, null, 2) + '\n');

const name = (code: string | null) => (code ? `${code} ${byCode.get(code)?.name ?? '?'}` : '—');
console.log(`Hold-out: ${figures.rows} rows (${figures.rowsWithCode} with a code), threshold ${figures.threshold}`);
console.log(`  issue / not-issue accuracy  ${figures.issueAccuracy}%`);
console.log(`  verdict accuracy            ${figures.verdictAccuracy}%`);
console.log(`  top-1 code accuracy         ${figures.top1CodeAccuracy}%  (rows with a code)`);
console.log(`  exact (verdict + code)      ${figures.exactAccuracy}%`);
console.log('  per verdict:');
for (const v of VERDICTS) {
  const s = perVerdict[v];
  console.log(
    `    ${v.padEnd(9)} support ${String(s.support).padStart(3)}  predicted ${String(s.predicted).padStart(3)}  P ${s.precision}%  R ${s.recall}%`,
  );
}
console.log('  confusion (rows = expected, cols = got):', JSON.stringify(confusion));
console.log('  cross-check evaluateMatcher:', JSON.stringify(figures.crossCheck.evaluateMatcher));
if (figures.inconsistencies.length) console.log('  INCONSISTENCIES:', JSON.stringify(figures.inconsistencies));
if (figures.allKindsVerdictChanges.length)
  console.log('  verdict changes when matching all kinds:', JSON.stringify(figures.allKindsVerdictChanges));
console.log(`\nMisses (${misses.length}):`);
for (const o of misses) {
  console.log(`\n✗ ${o.q}   [${o.source}]`);
  console.log(`    want ${o.want} ${name(o.wantCode)}`);
  console.log(`    got  ${o.got} ${name(o.gotCode)}`);
  console.log(`    normalized "${o.normalized}"  terms ${JSON.stringify(o.terms)}`);
  for (const c of o.candidates.slice(0, 3))
    console.log(`      ${c.score.toFixed(3)} ${c.code} ${c.name} — ${c.reason}`);
  if (!o.candidates.length) console.log('      (no candidates)');
}
