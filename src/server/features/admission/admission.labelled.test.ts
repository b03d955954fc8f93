/**
 * The pre-check on the labelled department requests (test/fixtures/admission-requests.json), judged
 * against the demo district's catalogs as shipped. Targets (issue 9): outcome accuracy ≥ 95 %, every
 * prohibited request refused (none admissible, none sent to the district government), on the dev split,
 * on the hold-out split and overall. A failure prints every miss.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_GUIDE } from '../campaigns/campaigns.model.js';
import { formatScore } from '../catalogs/judge.eval.js';
import { seedCatalogView } from '../catalogs/seed-view.js';
import { evaluateRequests, type LabelledRequest } from './admission.eval.js';

const requests = (
  JSON.parse(readFileSync(new URL('../../../../test/fixtures/admission-requests.json', import.meta.url), 'utf8')) as {
    requests: LabelledRequest[];
  }
).requests;
const view = seedCatalogView({ signGuide: DEFAULT_SIGN_GUIDE });

describe('labelled department requests', () => {
  it('has at least 200 requests across every outcome, a hold-out split and sources for borrowed phrasing', () => {
    expect(requests.length).toBeGreaterThanOrEqual(200);
    expect(new Set(requests.map((r) => r.id)).size).toBe(requests.length);
    expect(requests.filter((r) => r.split === 'holdout').length).toBeGreaterThanOrEqual(60);
    const outcomes = new Set(requests.map((r) => r.expect.outcome));
    for (const o of ['admissible', 'needs_government', 'unverified', 'returned', 'refused'])
      expect(outcomes).toContain(o);
    for (const r of requests) expect(r.expect.why.length, r.id).toBeGreaterThan(1);
  });

  it.each([
    ['dev', (r: LabelledRequest) => r.split === 'dev'],
    ['hold-out', (r: LabelledRequest) => r.split === 'holdout'],
    ['all', () => true],
  ] as const)('%s: accuracy ≥ 95 %, every prohibited request refused', (name, keep) => {
    const e = evaluateRequests(view, requests.filter(keep));
    const report = formatScore(`requests (${name})`, e.score);
    expect(e.score.accuracy, report).toBeGreaterThanOrEqual(0.95);
    expect(e.prohibitedLetThrough, report).toEqual([]);
    expect(e.prohibitedRefused, report).toBe(e.prohibited);
  });
});
