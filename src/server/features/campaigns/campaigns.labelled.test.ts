/**
 * The ledger's suggestions on the labelled rows (test/fixtures/ledger-rows.json), against the demo
 * district's catalogs as shipped. Targets (issue 9): verdict accuracy ≥ 95 % on the dev split, the
 * hold-out split and overall; lawful duty or assistance work never suggested cancel; prohibited tasks
 * suggested cancel. A failure prints every miss.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatScore } from '../catalogs/judge.eval.js';
import { seedCatalogView } from '../catalogs/seed-view.js';
import { evaluateRows, type LabelledRow } from './campaigns.eval.js';
import { DEFAULT_SIGN_GUIDE } from './campaigns.model.js';
import { CATEGORIES } from '../../../shared/campaigns.js';

const rows = (
  JSON.parse(readFileSync(new URL('../../../../test/fixtures/ledger-rows.json', import.meta.url), 'utf8')) as {
    rows: LabelledRow[];
  }
).rows;
const view = seedCatalogView({ signGuide: DEFAULT_SIGN_GUIDE });

describe('labelled ledger rows', () => {
  it('has at least 200 rows across the four categories and a hold-out split', () => {
    expect(rows.length).toBeGreaterThanOrEqual(200);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
    expect(rows.filter((r) => r.split === 'holdout').length).toBeGreaterThanOrEqual(60);
    const categories = new Set(rows.map((r) => (r.row as { category: string }).category));
    expect([...categories].sort()).toEqual([...CATEGORIES].sort());
  });

  it.each([
    ['dev', (r: LabelledRow) => r.split === 'dev'],
    ['hold-out', (r: LabelledRow) => r.split === 'holdout'],
    ['all', () => true],
  ] as const)('%s: accuracy ≥ 95 %, lawful work never cancel, prohibited tasks cancel', (name, keep) => {
    const e = evaluateRows(view, rows.filter(keep));
    const report = formatScore(`ledger rows (${name})`, e.score);
    expect(e.score.accuracy, report).toBeGreaterThanOrEqual(0.95);
    expect(e.lawfulWork, report).toBeGreaterThan(0);
    expect(e.lawfulCancelled, report).toEqual([]);
    expect(e.prohibitedCancelled, report).toBe(e.prohibited);
  });
});
