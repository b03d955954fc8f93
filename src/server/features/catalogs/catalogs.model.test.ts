import { describe, expect, it } from 'vitest';
import { catalogAsOf, diffEffective } from './catalogs.history.js';
import {
  computeEffective,
  EMPTY_FIELDS,
  layersOf,
  scopeCovers,
  versionIdOf,
  type AdoptionRecord,
  type CatalogRecord,
  type ItemRecord,
  type LayerContext,
  type RevisionRecord,
} from './catalogs.model.js';

// The layering rule as a pure function (docs/catalogs.md "Layering"): no database, no clock.
const DISTRICT = '140404000000';
const HANDIAN = '140404001000';
const VILLAGE = '140404001200';
const OTHER_VILLAGE = '140404100201';

const catalog = (id: string, over: Partial<CatalogRecord> = {}): CatalogRecord => ({
  id,
  kind: 'certificate',
  title: id,
  layer: 'national',
  province: '全国',
  scopeCode: null,
  ownerRegionCode: null,
  year: 2020,
  sourceUrl: null,
  secondarySources: [],
  completeness: null,
  complete: true,
  completenessNote: '完整',
  adoptedByDefault: true,
  effectiveFrom: '2020-01-01',
  dateNote: null,
  codePrefix: null,
  extra: {},
  origin: 'seed',
  createdAt: 't',
  updatedAt: 't',
  version: 1,
  ...over,
});
let seq = 0;
const rev = (itemId: string, over: Partial<RevisionRecord>): RevisionRecord => ({
  id: `r${++seq}`,
  itemId,
  revision: 1,
  regionCode: null,
  operation: 'base',
  effectiveFrom: '2020-01-01',
  fields: { ...EMPTY_FIELDS, name: itemId },
  source: 'seed',
  adjustmentId: null,
  importId: null,
  published: true,
  createdAt: 't',
  createdBy: null,
  ...over,
});
const ctx = (regionCode: string, date: string, view: 'internal' | 'public' = 'internal'): LayerContext => ({
  regionCode,
  layers: layersOf(regionCode),
  date,
  view,
});

const catalogs = [
  catalog('nat'),
  catalog('sx', { layer: 'provincial', province: '山西省', scopeCode: '140000000000', effectiveFrom: '2023-01-01' }),
  catalog('hn', { layer: 'other_province', province: '湖南省', scopeCode: '430000000000', adoptedByDefault: false }),
  catalog('lq', { layer: 'other_locality', province: '河北省', scopeCode: '130000000000', adoptedByDefault: false }),
  catalog('local', { layer: 'township', ownerRegionCode: HANDIAN, adoptedByDefault: false, effectiveFrom: null }),
];
const items: ItemRecord[] = [
  { id: 'a', code: 'A-01', catalogId: 'nat', originRegionCode: null },
  { id: 'b', code: 'B-01', catalogId: 'nat', originRegionCode: null },
  { id: 's', code: 'S-01', catalogId: 'sx', originRegionCode: null },
  { id: 'h', code: 'H-01', catalogId: 'hn', originRegionCode: null },
  { id: 'q', code: 'Q-01', catalogId: 'lq', originRegionCode: null },
  { id: 't', code: 'T-01', catalogId: 'nat', originRegionCode: HANDIAN },
  { id: 'l', code: 'L-01', catalogId: 'local', originRegionCode: null },
];
const base = [
  rev('a', {}),
  rev('b', {}),
  rev('s', { effectiveFrom: '2023-01-01' }),
  rev('h', {}),
  rev('q', {}),
  rev('l', { effectiveFrom: null }),
];
const codes = (e: { items: { code: string }[] }) => e.items.map((i) => i.code);

describe('layers and scope', () => {
  it('lists the ancestors of a village top-down, itself included', () => {
    expect(layersOf(VILLAGE)).toEqual(['140000000000', '140400000000', DISTRICT, HANDIAN, VILLAGE]);
    expect(layersOf(DISTRICT)).toEqual(['140000000000', '140400000000', DISTRICT]);
  });
  it.each([
    ['140000000000', VILLAGE, true],
    ['140000000000', '430102000000', false],
    [DISTRICT, OTHER_VILLAGE, true],
    [HANDIAN, OTHER_VILLAGE, false],
  ])('scope %s covers %s: %s', (scope, region, expected) => expect(scopeCovers(scope, region)).toBe(expected));
});

describe('computeEffective', () => {
  const input = (extra: RevisionRecord[] = [], adoptions: AdoptionRecord[] = []) => ({
    catalogs,
    items,
    revisions: [...base, ...extra],
    adoptions,
  });

  it('national and in-scope provincial lists by default; other provinces and localities only when adopted; local lists only under their owner', () => {
    expect(codes(computeEffective(input(), ctx(VILLAGE, '2024-01-01')))).toEqual(['A-01', 'B-01', 'S-01', 'L-01']);
    expect(codes(computeEffective(input(), ctx(OTHER_VILLAGE, '2024-01-01')))).toEqual(['A-01', 'B-01', 'S-01']);
    expect(codes(computeEffective(input(), ctx('430102001200', '2024-01-01')))).toEqual(['A-01', 'B-01']);
    expect(codes(computeEffective(input(), ctx(VILLAGE, '2022-06-01')))).toEqual(['A-01', 'B-01', 'L-01']); // Shanxi list not yet in force
  });

  it('a township withdrawal takes effect on its date, for that township only', () => {
    const w = rev('s', {
      revision: 2,
      regionCode: HANDIAN,
      operation: 'withdraw',
      effectiveFrom: '2026-12-15',
      fields: {},
      source: 'adjustment',
      adjustmentId: 'adj1',
    });
    expect(codes(computeEffective(input([w]), ctx(VILLAGE, '2026-12-14')))).toContain('S-01');
    const after = computeEffective(input([w]), ctx(VILLAGE, '2026-12-15'));
    expect(codes(after)).not.toContain('S-01');
    expect(after.removed.get('s')).toMatchObject({ reason: 'withdrawn' });
    expect(codes(computeEffective(input([w]), ctx(OTHER_VILLAGE, '2026-12-15')))).toContain('S-01');
  });

  it('applies layers top-down: the township refines what the district set; a district withdrawal wins over a township amendment', () => {
    const d = rev('a', {
      revision: 2,
      regionCode: DISTRICT,
      operation: 'amend',
      effectiveFrom: '2025-01-01',
      fields: { funding: '区财政', category: '区' },
      source: 'adjustment',
    });
    const tw = rev('a', {
      revision: 3,
      regionCode: HANDIAN,
      operation: 'amend',
      effectiveFrom: '2024-06-01',
      fields: { category: '镇' },
      source: 'adjustment',
    });
    const a = computeEffective(input([tw, d]), ctx(VILLAGE, '2025-06-01')).items.find((i) => i.code === 'A-01')!;
    expect(a.fields).toMatchObject({ funding: '区财政', category: '镇' });
    expect(a.amendedBy).toEqual([DISTRICT, HANDIAN]);
    expect(a.effectiveFrom).toBe('2025-01-01');
    const other = computeEffective(input([tw, d]), ctx(OTHER_VILLAGE, '2025-06-01')).items.find(
      (i) => i.code === 'A-01',
    )!;
    expect(other.fields).toMatchObject({ funding: '区财政', category: '区' });
    const dw = rev('a', {
      revision: 4,
      regionCode: DISTRICT,
      operation: 'withdraw',
      effectiveFrom: '2025-02-01',
      fields: {},
      source: 'adjustment',
    });
    expect(codes(computeEffective(input([tw, d, dw]), ctx(VILLAGE, '2025-06-01')))).not.toContain('A-01');
  });

  it('items added at a layer exist only below it and from their date', () => {
    const add = rev('t', { regionCode: HANDIAN, operation: 'add', effectiveFrom: '2026-01-01', source: 'adjustment' });
    expect(codes(computeEffective(input([add]), ctx(VILLAGE, '2026-01-01')))).toContain('T-01');
    expect(codes(computeEffective(input([add]), ctx(VILLAGE, '2025-12-31')))).not.toContain('T-01');
    expect(codes(computeEffective(input([add]), ctx(OTHER_VILLAGE, '2026-01-01')))).not.toContain('T-01');
    expect(
      computeEffective(input([add]), ctx(VILLAGE, '2026-01-01')).items.find((i) => i.code === 'T-01')!.addedBy,
    ).toBe(HANDIAN);
  });

  it('takes the latest base revision in force on the date (imports), and drops expired items', () => {
    const next = rev('b', {
      revision: 2,
      effectiveFrom: '2025-01-01',
      fields: { ...EMPTY_FIELDS, name: 'B 新名称' },
      source: 'import',
    });
    expect(
      computeEffective(input([next]), ctx(VILLAGE, '2024-12-31')).items.find((i) => i.code === 'B-01')!.fields.name,
    ).toBe('b');
    expect(
      computeEffective(input([next]), ctx(VILLAGE, '2025-01-01')).items.find((i) => i.code === 'B-01')!.fields.name,
    ).toBe('B 新名称');
    const expiring = rev('b', {
      revision: 3,
      effectiveFrom: '2025-01-01',
      fields: { ...EMPTY_FIELDS, name: 'b', effectiveTo: '2025-06-30' },
      source: 'import',
    });
    expect(codes(computeEffective(input([expiring]), ctx(VILLAGE, '2025-06-30')))).toContain('B-01');
    const gone = computeEffective(input([expiring]), ctx(VILLAGE, '2025-07-01'));
    expect(codes(gone)).not.toContain('B-01');
    expect(gone.removed.get('b')).toMatchObject({ reason: 'expired', effectiveTo: '2025-06-30' });
  });

  it("adoption switches another province's list on at a layer, and unadoption off; the public view ignores what is not published", () => {
    const adopt: AdoptionRecord = {
      id: 'ad1',
      catalogId: 'hn',
      regionCode: DISTRICT,
      operation: 'adopt',
      effectiveFrom: '2026-01-01',
      adjustmentId: 'x',
      published: false,
      createdAt: 't',
    };
    const drop: AdoptionRecord = {
      id: 'ad2',
      catalogId: 'hn',
      regionCode: HANDIAN,
      operation: 'unadopt',
      effectiveFrom: '2026-03-01',
      adjustmentId: 'y',
      published: true,
      createdAt: 't',
    };
    expect(codes(computeEffective(input([], [adopt]), ctx(VILLAGE, '2026-01-01')))).toContain('H-01');
    expect(codes(computeEffective(input([], [adopt]), ctx(VILLAGE, '2026-01-01', 'public')))).not.toContain('H-01');
    const later = computeEffective(input([], [adopt, drop]), ctx(VILLAGE, '2026-03-01'));
    expect(codes(later)).not.toContain('H-01');
    expect(later.dropped.get('hn')?.id).toBe('ad2');
    expect(codes(computeEffective(input([], [adopt, drop]), ctx(OTHER_VILLAGE, '2026-03-01')))).toContain('H-01');
    // Another locality's list (外地参考) works the same way: nowhere in force until a layer adopts it.
    const adoptLocality: AdoptionRecord = { ...adopt, id: 'ad3', catalogId: 'lq', published: true };
    expect(codes(computeEffective(input(), ctx(VILLAGE, '2026-01-01')))).not.toContain('Q-01');
    expect(codes(computeEffective(input([], [adoptLocality]), ctx(VILLAGE, '2026-01-01')))).toContain('Q-01');
    expect(codes(computeEffective(input([], [adoptLocality]), ctx('430102001200', '2026-01-01')))).not.toContain(
      'Q-01',
    );
    const unpublished = rev('a', {
      revision: 2,
      regionCode: DISTRICT,
      operation: 'withdraw',
      effectiveFrom: '2026-01-01',
      fields: {},
      source: 'adjustment',
      published: false,
    });
    expect(codes(computeEffective(input([unpublished]), ctx(VILLAGE, '2026-02-01', 'public')))).toContain('A-01');
    expect(codes(computeEffective(input([unpublished]), ctx(VILLAGE, '2026-02-01')))).not.toContain('A-01');
  });

  it('the version id is a content hash: independent of input order and date, changed by any applied revision', () => {
    const e1 = computeEffective(input(), ctx(VILLAGE, '2024-01-01'));
    const e2 = computeEffective(
      { catalogs: catalogs.toReversed(), items: items.toReversed(), revisions: base.toReversed(), adoptions: [] },
      ctx(VILLAGE, '2025-01-01'),
    );
    expect(e1.versionId).toBe(e2.versionId);
    expect(e1.versionId).toMatch(/^cv-[0-9a-f]{24}$/);
    const amend = rev('a', {
      revision: 2,
      regionCode: HANDIAN,
      operation: 'amend',
      effectiveFrom: '2024-06-01',
      fields: { notes: 'x' },
      source: 'adjustment',
    });
    expect(computeEffective(input([amend]), ctx(VILLAGE, '2024-06-01')).versionId).not.toBe(e1.versionId);
    expect(versionIdOf(['b', 'a'], ['2', '1'])).toBe(versionIdOf(['a', 'b'], ['1', '2']));
  });
});

describe('diffEffective', () => {
  it('names what was added, amended and withdrawn, and why', () => {
    const add = rev('t', {
      regionCode: HANDIAN,
      operation: 'add',
      effectiveFrom: '2026-01-01',
      source: 'adjustment',
      adjustmentId: 'adj-add',
    });
    const amend = rev('a', {
      revision: 2,
      regionCode: DISTRICT,
      operation: 'amend',
      effectiveFrom: '2026-01-01',
      fields: { funding: '区财政' },
      source: 'adjustment',
      adjustmentId: 'adj-amend',
    });
    const w = rev('b', {
      revision: 2,
      regionCode: HANDIAN,
      operation: 'withdraw',
      effectiveFrom: '2026-01-01',
      fields: {},
      source: 'adjustment',
      adjustmentId: 'adj-w',
    });
    const input = { catalogs, items, revisions: [...base, add, amend, w], adoptions: [] };
    const d = diffEffective(
      computeEffective(input, ctx(VILLAGE, '2025-12-31')),
      computeEffective(input, ctx(VILLAGE, '2026-01-01')),
    );
    expect(d.added.map((e) => [e.code, e.causes[0].adjustmentId])).toEqual([['T-01', 'adj-add']]);
    expect(d.amended.map((e) => [e.code, e.changedFields, e.causes[0].adjustmentId])).toEqual([
      ['A-01', ['funding'], 'adj-amend'],
    ]);
    expect(d.withdrawn.map((e) => [e.code, e.causes[0].adjustmentId])).toEqual([['B-01', 'adj-w']]);
  });
});

describe('catalogAsOf', () => {
  it('shows one list as it stood on a date, without any layer', () => {
    const w = rev('a', {
      revision: 2,
      regionCode: HANDIAN,
      operation: 'withdraw',
      effectiveFrom: '2021-01-01',
      fields: {},
      source: 'adjustment',
    });
    const list = catalogAsOf(catalogs[0], items, [...base, w], '2022-01-01');
    expect(list.map((i) => i.code)).toEqual(['A-01', 'B-01']);
    expect(catalogAsOf(catalogs[0], items, base, '2019-12-31')).toEqual([]);
  });
});
