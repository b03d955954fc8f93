/** The suggestion rules as tables, against the seed catalogs (an in-memory CatalogView; the DB wiring is exercised by the API tests). */
import { describe, expect, it } from 'vitest';
import { formatKeyed, type Keyed } from '../../../shared/i18n.js';

/** A keyed reason as the Chinese UI and the export word it. */
const zhOf = (k: Keyed) => formatKeyed('zh-CN', k);
import {
  basisLevel,
  boardOf,
  judgeSigns,
  suggestCertificate,
  suggestMechanism,
  suggestRow,
  suggestWorkAffair,
} from './campaigns.judge.js';
import {
  DEFAULT_SIGN_GUIDE,
  type MechanismFields,
  type RowInput,
  type SignPosition,
  type WorkAffairFields,
} from './campaigns.model.js';
import { matchDepartment } from './tasks.service.js';
import { createCatalogView, type JudgedItem } from '../catalogs/judge.js';
import { seedCatalogView } from '../catalogs/seed-view.js';

/** The demo district's catalogs as shipped: duty missing, assistance partial. */
const seed = seedCatalogView({ signGuide: DEFAULT_SIGN_GUIDE });
/** The seed catalogs plus an imported, complete duty and assistance catalog. */
const extra = (code: string, kind: 'duty' | 'assistance', name: string): JudgedItem => ({
  code,
  name,
  kind,
  catalogId: `district-${kind}`,
  catalogTitle: `上党区村级组织${kind === 'duty' ? '履行职责' : '协助政务服务'}事项目录`,
  basis: '区正式目录',
  alternativeChannel: null,
  guidance: null,
  funding: null,
  catchAll: false,
  catalogComplete: true,
  patterns: null,
});
const imported = (() => {
  return createCatalogView({
    versionId: 'cv-imported',
    regionCode: '140404001200',
    date: '2026-12-01',
    items: [
      ...seed.items,
      extra('SD-DUTY-01', 'duty', '村务公开'),
      extra('SD-ASSIST-01', 'assistance', '协助开展适龄青年征兵宣传和兵役登记'),
    ],
    signGuide: DEFAULT_SIGN_GUIDE,
    completeness: { duty: 'complete', assistance: 'complete' },
  });
})();
const lookup = { versionId: seed.versionId, view: seed, search: async () => [] };

const sign = (
  id: string,
  seq: number,
  name: string,
  position: SignPosition,
  basis = '',
): { id: string; seq: number; input: RowInput } => ({
  id,
  seq,
  input: { category: 'sign', name, imposedBy: 'x', basis, fields: { position } },
});

describe('signs (S-6.1; allowed list and 村6社5 configurable)', () => {
  it('recognises the four statutory boards by the most specific pattern', () => {
    expect(boardOf('韩店村村务监督委员会', DEFAULT_SIGN_GUIDE.allowedBoards)?.name).toBe('村务监督委员会');
    expect(boardOf('中共韩店村委员会', DEFAULT_SIGN_GUIDE.allowedBoards)?.name).toBe('村党组织');
    expect(boardOf('韩店村股份经济合作社', DEFAULT_SIGN_GUIDE.allowedBoards)?.name).toBe('村集体经济组织');
    expect(boardOf('韩店村民委员会', DEFAULT_SIGN_GUIDE.allowedBoards)?.name).toBe('村民委员会');
    expect(boardOf('韩店村禁毒工作站', DEFAULT_SIGN_GUIDE.allowedBoards)).toBeNull();
  });

  it.each([
    ['韩店村民委员会', 'outside', '', 'keep', []],
    ['韩店村禁毒工作站', 'outside', '', 'cancel', ['sign_not_allowed']],
    ['韩店村禁毒工作站', 'outside', '《禁毒法》', 'merge', ['sign_not_allowed']],
    ['韩店村综治中心', 'inside', '', 'merge', ['sign_not_allowed']],
    ['韩店村党群服务中心', 'inside', '', 'keep', []],
    ['韩店村党群服务中心', 'outside', '', 'rectify', ['sign_placement']],
    ['调解室', 'functional_area', '', 'keep', []],
    ['长治市上党区司法局韩店村人民调解工作室', 'functional_area', '', 'rectify', ['sign_not_short']],
  ] as const)('%s (%s, basis “%s”) → %s', async (name, position, basis, verdict, flags) => {
    const s = (
      await judgeSigns([sign('a', 1, name, position, basis)], DEFAULT_SIGN_GUIDE, 'village', null, lookup)
    ).get('a')!;
    expect(s).toMatchObject({ verdict, flags, clause: expect.stringContaining('S-6.1') });
  });

  it('a second combined guide sign is merged', async () => {
    const out = await judgeSigns(
      [sign('a', 1, '服务功能指引', 'inside'), sign('b', 2, '便民服务指南', 'inside')],
      DEFAULT_SIGN_GUIDE,
      'village',
      null,
    );
    expect([out.get('a')!.verdict, out.get('b')!.verdict]).toEqual(['keep', 'merge']);
  });

  it('more boards than the limit: the extra ones (statutory boards last) are merged — 6 for a village, 5 for a community', async () => {
    const rows = [
      sign('s1', 1, '便民服务中心', 'inside'),
      sign('s2', 2, '服务功能指引', 'inside'),
      sign('a1', 3, '中共某村支部委员会', 'outside'),
      sign('a2', 4, '某村民委员会', 'outside'),
      sign('a3', 5, '某村股份经济合作社', 'outside'),
      sign('a4', 6, '某村务监督委员会', 'outside'),
    ];
    const six = await judgeSigns(rows, DEFAULT_SIGN_GUIDE, 'village', null);
    expect([...six.values()].every((s) => s.verdict === 'keep')).toBe(true);
    const asCommunity = await judgeSigns(rows, DEFAULT_SIGN_GUIDE, 'community', null);
    expect(asCommunity.get('s2')).toMatchObject({ verdict: 'merge', flags: ['sign_over_limit'] });
    expect(asCommunity.get('a4')!.verdict).toBe('keep');
    const stricter = await judgeSigns(rows, { ...DEFAULT_SIGN_GUIDE, maxVillage: 4 }, 'village', null);
    expect(['s1', 's2'].map((id) => stricter.get(id)!.verdict)).toEqual(['merge', 'merge']);
    expect(zhOf(stricter.get('s1')!.reason)).toMatch(/超过上限 4 块/);
  });
});

const mech = (name: string, basis: string, f: Partial<MechanismFields>): RowInput => ({
  category: 'mechanism',
  name,
  imposedBy: '区某局',
  basis,
  fields: {
    dedicatedPost: false,
    staffBy: 'village',
    fundedBy: 'imposer',
    effective: true,
    villagersAccept: true,
    ...f,
  },
});

describe('mechanisms (S-6.3 and the four tests of S-9)', () => {
  it.each([
    ['人民调解委员会', '', {}, 'keep', 'statutory'],
    ['人民调解委员会', '', { effective: false }, 'rectify', 'statutory'],
    ['村治保会', '', { fundedBy: 'none' }, 'keep', 'statutory'],
    ['村务监督委员会', '', {}, 'keep', 'statutory'],
    ['禁毒工作站', '', {}, 'merge', 'none'],
    ['禁毒工作站', '', { fundedBy: 'none' }, 'cancel', 'none'],
    ['禁毒工作站', '区禁毒委文件', { villagersAccept: false }, 'cancel', 'local'],
    [
      '禁毒工作站',
      '《禁毒法》第十三条',
      { dedicatedPost: true, staffBy: 'village', fundedBy: 'imposer' },
      'rectify',
      'law',
    ],
    [
      '禁毒工作站',
      '《禁毒法》第十三条',
      { dedicatedPost: true, staffBy: 'imposer', fundedBy: 'imposer' },
      'keep',
      'law',
    ],
    ['网格化工作站', '中办发〔2019〕1号', { fundedBy: 'village' }, 'rectify', 'central'],
    ['网格化工作站', '晋办发〔2020〕2号', {}, 'merge', 'province'],
  ] as const)('%s, basis “%s”, %o → %s (%s)', async (name, basis, f, verdict, matchKind) => {
    expect(suggestMechanism(mech(name, basis, f), seed)).toMatchObject({
      verdict,
      matchKind,
      catalogVersion: seed.versionId,
    });
  });
  it.each([
    ['', 'none'],
    ['《村民委员会组织法》第七条', 'law'],
    ['国务院令第649号', 'central'],
    ['山西省民政厅通知', 'province'],
    ['区委办文件', 'local'],
  ] as const)('basis “%s” is %s', (b, level) => {
    expect(basisLevel(b)).toBe(level);
  });
});

const affair = (name: string, f: Partial<WorkAffairFields> = {}): RowInput => ({
  category: 'work_affair',
  name,
  imposedBy: '区某局',
  basis: '',
  fields: { catalogHit: null, funding: '', formsRequired: 0, approvalRef: '', ...f },
});

describe('work affairs (S-6.4, S-7.2, S-7.3)', () => {
  it.each([
    ['村务公开', {}, 'keep', 'duty', []],
    ['协助做好社会救助', {}, 'rectify', 'assistance', ['assistance_unfunded']],
    ['协助做好社会救助', { funding: '每年 2000 元' }, 'keep', 'assistance', []],
    ['协助开展适龄青年征兵宣传', {}, 'rectify', 'assistance', ['assistance_unfunded']],
    ['秸秆禁烧巡查', {}, 'cancel', 'none', ['out_of_catalog']],
    ['秸秆禁烧巡查', { approvalRef: '上党政函〔2023〕5号' }, 'keep', 'none', ['out_of_catalog']],
    ['秸秆禁烧巡查', { catalogHit: 'assistance', funding: '专项经费' }, 'keep', 'assistance', []],
    ['承担年度招商引资任务指标', {}, 'cancel', 'prohibited', ['prohibited']],
    ['协助做好社会救助', { formsRequired: 3, funding: '有' }, 'keep', 'assistance', ['forms_required']],
  ] as const)('with complete catalogs: %s %o → %s (%s) %o', (name, f, verdict, matchKind, flags) => {
    expect(suggestWorkAffair(affair(name, f), imported)).toMatchObject({ verdict, matchKind, flags });
  });

  it.each([
    ['协助开展适龄青年征兵宣传'],
    ['城乡居民医保参保缴费动员'],
    ['城乡居民养老保险参保登记'],
    ['协助开展统计调查'],
    ['森林防火宣传和巡查'],
    ['农村人居环境整治'],
  ])('while the duty catalog is missing, lawful work not found (%s) is verify, never cancel', (name) => {
    const s = suggestWorkAffair(affair(name), seed);
    expect(s.verdict).not.toBe('cancel');
    if (s.verdict === 'verify') expect(s.flags).toContain('catalog_incomplete');
  });

  it('a prohibited task is cancel even while catalogs are incomplete, naming the item and the words', () => {
    const s = suggestRow(affair('各村与镇政府签订森林防火目标责任状，实行一票否决'), seed);
    expect(s).toMatchObject({ verdict: 'cancel', matchKind: 'prohibited' });
    expect(zhOf(s.reason)).toContain('一票否决');
  });
});

describe('certificates (S-6.2): the public check decides', () => {
  it.each([
    ['亲属关系证明', '', 'cancel', 'negative'],
    ['入党外调政审证明', '', 'keep', 'positive'],
    ['居住证明', '', 'cancel', 'unlisted'],
    ['居住证明', '《某条例》第5条', 'rectify', 'unlisted'],
  ] as const)('%s (basis “%s”) → %s (%s)', async (name, basis, verdict, matchKind) => {
    expect(
      suggestCertificate(
        { category: 'certificate', name, imposedBy: '银行', basis, fields: { volumeLastYear: 0 } },
        seed,
      ),
    ).toMatchObject({ verdict, matchKind });
  });
  it('a negative item cites the alternative (the platform guidance where the official column is missing)', () => {
    expect(
      zhOf(
        suggestCertificate(
          { category: 'certificate', name: '亲属关系证明', imposedBy: '', basis: '', fields: { volumeLastYear: 0 } },
          seed,
        ).reason,
      ),
    ).toContain('民发〔2020〕20号');
  });
});

describe('task owners: the imposing department, found by name without region prefixes', () => {
  const deps = [
    { id: '1', name: '长治市上党区司法局' },
    { id: '2', name: '中共长治市上党区委组织部' },
    { id: '3', name: '长治市上党区农业农村局' },
  ];
  it.each([
    ['区司法局', '1'],
    ['上党区司法局', '1'],
    ['区委组织部', '2'],
    ['农业农村局', '3'],
    ['某商业银行', null],
    ['区', null],
  ] as const)('%s → %s', (text, id) => {
    expect(matchDepartment(text, deps, ['山西省', '长治市', '上党区'])?.id ?? null).toBe(id);
  });
});
