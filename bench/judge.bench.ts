/**
 * The judge benchmark: the labelled department requests and ledger rows judged against the demo district's
 * catalogs as shipped (an in-memory CatalogView over the seed lists), per-outcome precision and recall on
 * the dev and hold-out splits, every miss, and how fast the pieces run on one core.
 *
 *   npx tsx bench/judge.bench.ts          prints the report, writes bench/results/judge.json
 *   JUDGE_BENCH_SECONDS=0.5 npx tsx …      shorter timing runs (default 1 s per figure)
 *
 * Timings (median of 5 runs, each cycling through the labelled requests): the prohibition rules alone on
 * one request (what the filing form re-runs on every keystroke), the whole pre-check of one request
 * (rules, mechanisms, signs, the matcher), a ledger suggestion, compiling the rules, and building the view.
 * Pure: no database. bench/run.ts calls runJudgeBench().
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { evaluateRequests, type LabelledRequest } from '../src/server/features/admission/admission.eval.js';
import { judgeInputOf, precheck } from '../src/server/features/admission/admission.precheck.js';
import { requestContent, type RequestContent } from '../src/server/features/admission/admission.schemas.js';
import { evaluateRows, suggestionFor, type LabelledRow } from '../src/server/features/campaigns/campaigns.eval.js';
import { DEFAULT_SIGN_GUIDE, rowInput, type RowInput } from '../src/server/features/campaigns/campaigns.model.js';
import { formatScore, type Score } from '../src/server/features/catalogs/judge.eval.js';
import { compileRulesUncached, evaluate } from '../src/server/features/catalogs/rules.js';
import { seedCatalogView } from '../src/server/features/catalogs/seed-view.js';

const REQUESTS_URL = new URL('../test/fixtures/admission-requests.json', import.meta.url);
const ROWS_URL = new URL('../test/fixtures/ledger-rows.json', import.meta.url);
const RESULT_URL = new URL('./results/judge.json', import.meta.url);
const RUNS = 5;

export interface JudgeBenchOptions {
  /** Seconds per timed figure (default: JUDGE_BENCH_SECONDS or 1). */
  secondsPerRun?: number;
  /** Write bench/results/judge.json (default true). */
  write?: boolean;
  /** Print the report (default true). */
  print?: boolean;
}

interface SplitFigures<L extends string> {
  rows: number;
  accuracy: number;
  perLabel: Score<L>['perLabel'];
  misses: Score<L>['misses'];
}

const figures = <L extends string>(s: Score<L>): SplitFigures<L> => ({
  rows: s.rows,
  accuracy: s.accuracy,
  perLabel: s.perLabel,
  misses: s.misses,
});

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** Median over RUNS runs of the time per call (µs), each run cycling through `inputs` for `seconds`. */
function timePerCall<T>(inputs: readonly T[], seconds: number, fn: (x: T) => unknown): number {
  for (let i = 0; i < Math.min(inputs.length * 3, 500); i++) fn(inputs[i % inputs.length]); // warm-up
  const perRun: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    let n = 0;
    const start = performance.now();
    let now = start;
    while (now - start < (seconds * 1000) / RUNS) {
      for (let k = 0; k < 20; k++) fn(inputs[n++ % inputs.length]);
      now = performance.now();
    }
    perRun.push(((now - start) * 1000) / n);
  }
  perRun.sort((a, b) => a - b);
  return Math.round(perRun[Math.floor(RUNS / 2)] * 10) / 10;
}

export async function runJudgeBench(opts: JudgeBenchOptions = {}) {
  const seconds = opts.secondsPerRun ?? Number(process.env.JUDGE_BENCH_SECONDS ?? 1);
  const requests = (JSON.parse(readFileSync(REQUESTS_URL, 'utf8')) as { requests: LabelledRequest[] }).requests;
  const rows = (JSON.parse(readFileSync(ROWS_URL, 'utf8')) as { rows: LabelledRow[] }).rows;

  const buildStart = performance.now();
  const view = seedCatalogView({ signGuide: DEFAULT_SIGN_GUIDE });
  const viewMs = performance.now() - buildStart;

  const splits = { dev: 'dev', holdout: 'holdout' } as const;
  const req = Object.fromEntries(
    [...Object.entries(splits), ['all', null] as const].map(([name, split]) => {
      const e = evaluateRequests(view, split ? requests.filter((r) => r.split === split) : requests);
      return [
        name,
        {
          ...figures(e.score),
          prohibited: e.prohibited,
          prohibitedRefused: e.prohibitedRefused,
          prohibitedLetThrough: e.prohibitedLetThrough,
          ruleHits: e.ruleHits,
        },
      ];
    }),
  );
  const led = Object.fromEntries(
    [...Object.entries(splits), ['all', null] as const].map(([name, split]) => {
      const e = evaluateRows(view, split ? rows.filter((r) => r.split === split) : rows);
      return [
        name,
        {
          ...figures(e.score),
          lawfulWork: e.lawfulWork,
          lawfulCancelled: e.lawfulCancelled,
          prohibited: e.prohibited,
          prohibitedCancelled: e.prohibitedCancelled,
        },
      ];
    }),
  );

  const contents: RequestContent[] = requests.map((r) => requestContent.parse(r.content));
  const ruleInputs = contents.map((c) => ({ ...judgeInputOf(c), board: c.kind === 'sign' }));
  const rowInputs: RowInput[] = rows.map((r) => rowInput.parse(r.row) as RowInput);
  const prohibitionItems = view.items.filter((i) => i.kind === 'prohibition');
  const timings = {
    /** The prohibition rules on one request (the filing form re-checks on every keystroke). */
    rulesPerRequestUs: timePerCall(ruleInputs, seconds, (x) => evaluate(view.rules, x)),
    /** The whole pre-check of one request: rules, mechanisms, signs, certificates and the matcher. */
    precheckPerRequestUs: timePerCall(contents, seconds, (c) => precheck(c, view)),
    /** One ledger suggestion. */
    suggestionPerRowUs: timePerCall(rowInputs, seconds, (r) => suggestionFor(view, r)),
    /** Compiling the patterns of every prohibition item in force (once per catalog version). */
    compileRulesUs: timePerCall([prohibitionItems], seconds, (items) => compileRulesUncached(items)),
    /** Building the seed view (matcher and rules), first time in this process. */
    viewBuildMs: Math.round(viewMs * 10) / 10,
  };

  const result = {
    benchmark: 'judge (labelled requests and ledger rows)',
    date: new Date().toISOString(),
    machine: os.cpus()[0]?.model ?? null,
    catalogVersion: view.versionId,
    catalogs: 'demo district 140404 as shipped: seed lists, no adoptions, default sign guide',
    rules: { patterns: view.rules.size, items: prohibitionItems.length, errors: view.rules.errors },
    requests: req,
    ledgerRows: led,
    timings,
  };

  if (opts.print ?? true) {
    for (const [name, r] of Object.entries(req))
      console.log(
        formatScore(`Requests, ${name}`, { ...r, correct: Math.round(r.accuracy * r.rows) } as never, [
          [
            'prohibited refused',
            `${r.prohibitedRefused}/${r.prohibited} (let through: ${r.prohibitedLetThrough.length})`,
          ],
          ['refused for the intended item', `${r.ruleHits}/${r.prohibited}`],
        ]),
      );
    for (const [name, r] of Object.entries(led))
      console.log(
        formatScore(`Ledger rows, ${name}`, { ...r, correct: Math.round(r.accuracy * r.rows) } as never, [
          ['lawful work suggested cancel', `${r.lawfulCancelled.length}/${r.lawfulWork}`],
          ['prohibited tasks suggested cancel', `${r.prohibitedCancelled}/${r.prohibited}`],
        ]),
      );
    console.log(
      `Timings (one core, median of ${RUNS}): rules ${timings.rulesPerRequestUs} µs/request, pre-check ${timings.precheckPerRequestUs} µs/request, suggestion ${timings.suggestionPerRowUs} µs/row, compile rules ${timings.compileRulesUs} µs, seed view ${timings.viewBuildMs} ms`,
    );
    console.log(
      `Targets: requests ${pct(req.all.accuracy)} ≥ 95 %, prohibited refused ${req.all.prohibitedRefused}/${req.all.prohibited}, ledger ${pct(led.all.accuracy)} ≥ 95 %, lawful cancelled ${led.all.lawfulCancelled.length}`,
    );
  }
  if (opts.write ?? true) {
    mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
    writeFileSync(RESULT_URL, `${JSON.stringify(result, null, 2)}\n`);
  }
  return result;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runJudgeBench();
