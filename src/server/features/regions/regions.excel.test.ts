import { describe, expect, it } from 'vitest';
import { checkRegionRows, cleanFileName, topCode } from './regions.excel.js';
import { isWellFormedCode, levelOf, parentOf } from './regions.model.js';

describe('isWellFormedCode', () => {
  it.each([
    ['140000000000', true, 'province'],
    ['140400000000', true, 'city'],
    ['140404000000', true, 'county'],
    ['140404001000', true, 'township'],
    ['140404001200', true, 'village'],
    ['140404001001', true, 'community'],
    ['441900003000', true, 'township'], // 东莞: townships directly under a prefecture city
    ['441900003001', true, 'community'],
    ['000000000000', false, null],
    ['140000000001', false, null], // city segment zero, village segment set
    ['140404000001', false, null], // township segment zero, village segment set
    ['140004001000', false, null], // city segment zero, county set
    ['14040400120', false, null],
    ['1404040012000', false, null],
    ['14040400120a', false, null],
  ])('%s → %s', (code, ok, level) => {
    expect(isWellFormedCode(code)).toBe(ok);
    if (level) expect(levelOf(code)).toBe(level);
  });

  it('puts the township of a county-less city under the city', () => {
    expect(parentOf('441900003000', 'township')).toBe('441900000000');
  });
});

describe('checkRegionRows (pure)', () => {
  const facts = { existing: new Set(['140404001000', '140404000000']), inScope: (c: string) => c.startsWith('140404') };
  const rows = (...r: [string, string][]) => r.map(([code, name], i) => ({ row: i + 2, values: { code, name } }));

  it('accepts good rows, parents from the database or from earlier rows, and normalises text', () => {
    const r = checkRegionRows(
      '区划',
      rows(['140404001299', ' 新村委会 '], ['140404600000', '新镇'], ['140404600201', 'ＡＢ村']),
      facts,
      'test',
    );
    expect(r.errors).toEqual([]);
    expect(r.inputs).toEqual([
      { code: '140404001299', name: '新村委会', source: 'test' },
      { code: '140404600000', name: '新镇', source: 'test' },
      { code: '140404600201', name: 'AB村', source: 'test' },
    ]);
  });

  it('wants the parent earlier in the file, not later', () => {
    const r = checkRegionRows('区划', rows(['140404600201', '新村'], ['140404600000', '新镇']), facts, 'test');
    expect(r.errors).toEqual([
      {
        sheet: '区划',
        row: 2,
        column: '区划代码',
        message: '上级区划“140404600000”不存在：须已在系统中，或在本表中位于此行之前',
      },
    ]);
    expect(r.inputs).toEqual([]);
  });

  it('collects every problem of every row, never stopping at the first', () => {
    const r = checkRegionRows(
      '区划',
      rows(['1', 'x'], ['140403001200', '外区村'], ['140404001299', '甲村'], ['140404001299', '甲村']),
      facts,
      'test',
    );
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([
      [2, '区划代码'],
      [2, '名称'],
      [3, '区划代码'],
      [3, '区划代码'],
      [5, '区划代码'],
    ]);
  });
});

describe('helpers', () => {
  it('topCode is the highest node', () =>
    expect(topCode(['140404001200', '140404001000', '140404001201'])).toBe('140404001000'));
  it('cleanFileName strips control and bidi characters', () =>
    expect(cleanFileName('区划\u202e\u0000xslx.xlsx')).toBe('区划xslx.xlsx'));
});
