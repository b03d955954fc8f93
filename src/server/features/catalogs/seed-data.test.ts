import { describe, expect, it } from 'vitest';
import { CATALOG_KINDS, loadSeedCatalogs, toMatchableItems, type SeedCatalog } from './seed-data.js';
import { parsePatterns } from './rules.js';

const catalogs = loadSeedCatalogs();
const byId = (id: string): SeedCatalog => {
  const c = catalogs.find((x) => x.id === id);
  if (!c) throw new Error(`no seed catalog ${id}`);
  return c;
};

const NATIONAL_NEGATIVE_NAMES = [
  '亲属关系证明',
  '居民身份信息证明',
  '户口登记项目内容变更申请证明',
  '居民养犬证明',
  '无犯罪记录证明',
  '社区戒毒社区康复人员情况证明（表现证明）',
  '人员失踪证明',
  '婚姻状况证明',
  '出生证明',
  '健在证明',
  '死亡证明',
  '疾病状况证明',
  '残疾状况证明',
  '婚育状况证明',
  '居民就业状况证明',
  '居民个人档案证明',
  '居民财产证明',
  '遗产继承权证明',
  '市场主体住所证明',
  '证件遗失证明',
];

describe('seed catalogs', () => {
  it('ships one file per reference list (18 lists)', () => {
    expect(catalogs.map((c) => c.id).sort()).toEqual(
      [
        'hebei-luquan-2023-village-government-services',
        'national-1991-farmer-burden-regulation',
        'national-2019-burden-reduction-notice',
        'national-2023-fingertip-formalism-opinions',
        'national-2026-government-app-measures',
        'hubei-duties-guidance-catalog',
        'hunan-2020-burden-reduction-list',
        'jilin-chuanying-village-disclosure-reference',
        'national-2020-negative-certificates-batch1',
        'national-2022-assistance-items',
        'national-statutory-village-assistance',
        'national-statutory-village-duties',
        'shanxi-2023-assistance-catalog',
        'shanxi-2023-burden-reduction-measures',
        'shanxi-2023-duties-catalog',
        'shanxi-2023-signage-guide',
        'shanxi-2023-village-issued-certificates',
        'statutory-village-mechanisms',
      ].sort(),
    );
  });

  it('has the 20 national negative items, in order, with codes CN-NEG-2020-01…20', () => {
    const neg = byId('national-2020-negative-certificates-batch1');
    expect(neg.kind).toBe('negative_certificate');
    expect(neg.items.map((i) => i.name)).toEqual(NATIONAL_NEGATIVE_NAMES);
    expect(neg.items.map((i) => i.code)).toEqual(
      NATIONAL_NEGATIVE_NAMES.map((_, i) => `CN-NEG-2020-${String(i + 1).padStart(2, '0')}`),
    );
  });

  it('gives no official alternative channel (not retrieved) but platform guidance for every negative item', () => {
    const neg = byId('national-2020-negative-certificates-batch1');
    for (const it of neg.items) {
      expect(it.alternativeChannel).toBeNull();
      expect(it.guidance).toContain('民发〔2020〕20号');
    }
    expect(neg.guidanceNote).toMatch(/不是官方清单/);
  });

  it('has the 5 Shanxi certificates, the last one the only catch-all', () => {
    const sx = byId('shanxi-2023-village-issued-certificates');
    expect(sx.kind).toBe('certificate');
    expect(sx.items).toHaveLength(5);
    expect(sx.items.map((i) => i.code)).toEqual(['01', '02', '03', '04', '05'].map((n) => `SX-CERT-2023-${n}`));
    expect(sx.items[4]).toMatchObject({ name: '其他依法依规需要出具的证明事项', catchAll: true });
    const catchAlls = catalogs.flatMap((c) => c.items).filter((i) => i.catchAll);
    expect(catchAlls.map((i) => i.code)).toEqual(['SX-CERT-2023-05']);
  });

  it('keeps item codes unique across all lists', () => {
    const codes = catalogs.flatMap((c) => c.items.map((i) => i.code));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('uses the agreed code prefixes', () => {
    const prefixes = Object.fromEntries(catalogs.filter((c) => c.items.length).map((c) => [c.id, c.codePrefix]));
    expect(prefixes).toEqual({
      'national-2020-negative-certificates-batch1': 'CN-NEG-2020',
      'shanxi-2023-village-issued-certificates': 'SX-CERT-2023',
      'shanxi-2023-burden-reduction-measures': 'SX-PROH-2023',
      'national-2022-assistance-items': 'CN-ASSIST-2022',
      'statutory-village-mechanisms': 'CN-MECH',
      'hubei-duties-guidance-catalog': 'HB-DUTY',
      'hunan-2020-burden-reduction-list': 'HN-PROH-2020',
      'national-1991-farmer-burden-regulation': 'CN-PROH-1991',
      'national-2019-burden-reduction-notice': 'CN-PROH-2019',
      'national-2023-fingertip-formalism-opinions': 'CN-PROH-2023',
      'national-2026-government-app-measures': 'CN-PROH-2026',
      'jilin-chuanying-village-disclosure-reference': 'JL-DISC-2022',
      'national-statutory-village-duties': 'CN-LAW-DUTY',
      'national-statutory-village-assistance': 'CN-LAW-ASSIST',
      'hebei-luquan-2023-village-government-services': 'LQ-SVC-2023',
    });
  });

  it('flags partial, missing, constructed and non-catalog lists as incomplete', () => {
    const complete = catalogs.filter((c) => c.complete).map((c) => c.id);
    expect(complete.sort()).toEqual([
      'national-2020-negative-certificates-batch1',
      'shanxi-2023-village-issued-certificates',
    ]);
    for (const c of catalogs) {
      const partial = /PARTIAL|NOT FOUND|CONSTRUCTED|NOT a catalog/.test(c.completeness);
      expect(c.complete, c.id).toBe(!partial);
    }
  });

  it('ships the Shanxi lists that were not found as empty, incomplete lists asking for an import', () => {
    for (const id of ['shanxi-2023-duties-catalog', 'shanxi-2023-assistance-catalog', 'shanxi-2023-signage-guide']) {
      const c = byId(id);
      expect(c.items, id).toEqual([]);
      expect(c.complete, id).toBe(false);
      expect(c.importNote, id).toMatch(/导入/);
    }
    expect(byId('shanxi-2023-burden-reduction-measures').unknownItemCount).toBe(2);
  });

  it('adopts published national and Shanxi lists by default; never references from elsewhere or the statutory work-affair lists', () => {
    const statutory = ['national-statutory-village-duties', 'national-statutory-village-assistance'];
    for (const c of catalogs) {
      expect(c.layer).toBe(
        c.province === '全国'
          ? 'national'
          : c.province === '山西省'
            ? 'provincial'
            : c.locality
              ? 'other_locality'
              : 'other_province',
      );
      expect(c.adoptedByDefault, c.id).toBe(
        (c.layer === 'national' || c.layer === 'provincial') && !statutory.includes(c.id),
      );
    }
    expect(
      catalogs
        .filter((c) => c.layer === 'other_province')
        .map((c) => c.province)
        .sort(),
    ).toEqual(['吉林省', '湖北省', '湖南省']);
    expect(catalogs.filter((c) => c.layer === 'other_locality').map((c) => c.locality)).toEqual([
      '河北省石家庄市鹿泉区',
    ]);
  });

  it('builds the statutory lists from article text only: every item names its law, article and text, and links to it', () => {
    for (const id of ['national-statutory-village-duties', 'national-statutory-village-assistance']) {
      const c = byId(id);
      expect(c.completeness, id).toMatch(/^CONSTRUCTED/);
      expect(c.items.length, id).toBeGreaterThan(30);
      for (const it of c.items) {
        expect(it.basis, it.code).toMatch(
          /^《[^》]+》第[一二三四五六七八九十百零]+条（\d{4}年\d{1,2}月\d{1,2}日文本）$/,
        );
        expect(it.sourceUrl, it.code).toMatch(/^https:\/\/github\.com\/LawRefBook\/Laws\/blob\/[0-9a-f]{40}\//);
        expect(it.notes, it.code).toMatch(/未增加文字/);
        expect(it.name, it.code).not.toMatch(/^应当/);
      }
    }
  });

  it('dates every list and explains the date', () => {
    for (const c of catalogs) {
      if (c.effectiveFrom !== null) expect(c.effectiveFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      else expect(c.year).toBeNull();
      expect(c.dateNote.length).toBeGreaterThan(5);
      expect(c.source_url).toMatch(/^https?:\/\//);
    }
  });

  it('gives every item a basis and only the source-given responsible department', () => {
    for (const c of catalogs)
      for (const it of c.items) {
        expect(it.basis.length, it.code).toBeGreaterThan(3);
        expect(it.funding, it.code).toBeNull();
      }
    const withDept = catalogs.flatMap((c) => c.items).filter((i) => i.responsibleDepartment !== null);
    expect(withDept.map((i) => [i.code, i.responsibleDepartment])).toEqual([
      ['CN-ASSIST-2022-09', '民政'],
      ['LQ-SVC-2023-01', '河北省司法厅'],
      ['LQ-SVC-2023-02', '河北省司法厅'],
      ...[3, 4, 5, 6].map((n) => [`LQ-SVC-2023-0${n}`, '河北省人力资源和社会保障厅']),
    ]);
  });

  it('uses only known kinds and maps the source kinds', () => {
    for (const c of catalogs) expect(CATALOG_KINDS).toContain(c.kind);
    expect(byId('statutory-village-mechanisms').kind).toBe('mechanism');
    expect(byId('hunan-2020-burden-reduction-list').kind).toBe('prohibition');
    expect(byId('jilin-chuanying-village-disclosure-reference').kind).toBe('disclosure');
    expect(byId('shanxi-2023-signage-guide').kind).toBe('sign_guide');
  });

  it('gives every prohibition item recognition rules that parse, except the measures the structural rules enforce', () => {
    const structural = ['SX-PROH-2023-06', 'SX-PROH-2023-07'];
    for (const c of catalogs.filter((x) => x.kind === 'prohibition'))
      for (const it of c.items) {
        if (structural.includes(it.code)) {
          expect(it.patterns, it.code).toBeNull();
          expect(it.notes, it.code).toMatch(/mechanism rule/);
          continue;
        }
        const { patterns, errors } = parsePatterns(it.patterns);
        expect(errors, it.code).toEqual([]);
        expect(patterns.length, it.code).toBeGreaterThan(0);
      }
    for (const c of catalogs.filter((x) => x.kind !== 'prohibition'))
      for (const it of c.items) expect(it.patterns ?? null, it.code).toBeNull();
  });

  it('ships national prohibitions only with a source and an honest completeness statement', () => {
    for (const c of catalogs.filter((x) => x.kind === 'prohibition' && x.layer === 'national')) {
      expect(c.source_url).toMatch(/^https?:\/\//);
      expect(c.complete).toBe(false);
      expect(c.completeness).toMatch(/^PARTIAL: /);
      for (const it of c.items) expect(it.notes, it.code).toMatch(/platform's/);
    }
  });

  it('hands out copies', () => {
    const a = loadSeedCatalogs();
    a[0].items.length = 0;
    expect(loadSeedCatalogs()[0].items.length).toBe(catalogs[0].items.length);
  });

  it('flattens into matcher items', () => {
    const items = toMatchableItems(catalogs);
    expect(items).toHaveLength(catalogs.reduce((n, c) => n + c.items.length, 0));
    expect(items.find((i) => i.code === 'SX-CERT-2023-05')).toMatchObject({ kind: 'certificate', catchAll: true });
    expect(items.find((i) => i.code === 'CN-NEG-2020-01')).toMatchObject({
      kind: 'negative_certificate',
      catalogId: 'national-2020-negative-certificates-batch1',
      alternativeChannel: null,
    });
  });
});
