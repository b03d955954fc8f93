/** The suggestion rules as tables, against a fake catalog lookup (the real one is exercised by the API tests). */
import { describe, expect, it } from 'vitest';
import { formatKeyed, MESSAGES } from '../../../shared/i18n.js';
import {
  basisLevel,
  boardOf,
  judgeCertificate,
  judgeMechanism,
  judgeSigns,
  judgeWorkAffair,
  type CatalogHitItem,
  type CatalogLookup,
} from './campaigns.judge.js';
import {
  DEFAULT_SIGN_GUIDE,
  type MechanismFields,
  type RowInput,
  type SignPosition,
  type WorkAffairFields,
} from './campaigns.model.js';
import { matchDepartment } from './tasks.service.js';

const item = (code: string, name: string, kind: string): CatalogHitItem => ({
  code,
  name,
  kind,
  score: 0.9,
  basis: null,
});
const fake: CatalogLookup = {
  versionId: 'cv-test',
  match: async (name, kinds) => {
    if (kinds.includes('mechanism') && name.includes('人民调解'))
      return item('M-1', '人民调解委员会（村委会下属）', 'mechanism');
    if (kinds.includes('prohibition') && name.includes('招商'))
      return item('P-2', '不得将村级组织作为…招商引资…的责任主体', 'prohibition');
    if (kinds.includes('duty') && name.includes('村务公开')) return item('D-5', '实行党务、村务、财务公开', 'duty');
    if (kinds.includes('assistance') && name.includes('救助')) return item('A-9', '协助做好社会救助', 'assistance');
    return null;
  },
  search: async () => [],
  certificate: async (name) =>
    name.includes('亲属')
      ? {
          verdict: 'negative',
          item: { code: 'N-1', name: '亲属关系证明', basis: null },
          alternative: '公安机关查询户籍信息',
        }
      : name.includes('入党')
        ? {
            verdict: 'positive',
            item: { code: 'C-2', name: '入党外调政审等发展党员证明', basis: null },
            alternative: null,
          }
        : { verdict: 'unlisted', item: null, alternative: null },
};

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
    const s = (await judgeSigns([sign('a', 1, name, position, basis)], DEFAULT_SIGN_GUIDE, 'village', 'cv-test')).get(
      'a',
    )!;
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
    expect(stricter.get('s1')!.reason).toMatchObject({
      key: 'campaigns.reason.signOverLimitVillage',
      params: { max: 4 },
    });
    expect(formatKeyed('zh-CN', stricter.get('s1')!.reason)).toMatch(/超过上限 4 块/);
    expect(formatKeyed('en-US', stricter.get('s1')!.reason)).toMatch(/over the limit of 4/);
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
    expect(await judgeMechanism(mech(name, basis, f), fake)).toMatchObject({
      verdict,
      matchKind,
      catalogVersion: 'cv-test',
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
    ['协助社会救助', {}, 'rectify', 'assistance', ['assistance_unfunded']],
    ['协助社会救助', { funding: '每年 2000 元' }, 'keep', 'assistance', []],
    ['秸秆禁烧巡查', {}, 'cancel', 'none', ['out_of_catalog']],
    ['秸秆禁烧巡查', { approvalRef: '上党政函〔2023〕5号' }, 'keep', 'none', ['out_of_catalog']],
    ['秸秆禁烧巡查', { catalogHit: 'assistance', funding: '专项经费' }, 'keep', 'assistance', []],
    ['招商引资任务', {}, 'cancel', 'prohibited', ['prohibited']],
    ['协助社会救助', { formsRequired: 3, funding: '有' }, 'keep', 'assistance', ['forms_required']],
  ] as const)('%s %o → %s (%s) %o', async (name, f, verdict, matchKind, flags) => {
    expect(await judgeWorkAffair(affair(name, f), fake)).toMatchObject({ verdict, matchKind, flags });
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
      await judgeCertificate(
        { category: 'certificate', name, imposedBy: '银行', basis, fields: { volumeLastYear: 0 } },
        fake,
      ),
    ).toMatchObject({ verdict, matchKind });
  });
  it('a negative item cites the alternative channel', async () => {
    const { reason } = await judgeCertificate(
      { category: 'certificate', name: '亲属关系证明', imposedBy: '', basis: '', fields: { volumeLastYear: 0 } },
      fake,
    );
    expect(reason.key).toBe('campaigns.reason.certificateNegativeAlternative');
    expect(formatKeyed('zh-CN', reason)).toContain('办事群众可公安机关查询户籍信息');
    expect(formatKeyed('en-US', reason)).toMatch(/^On the list of certificates the village must not issue/);
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

/** The placeholders of a message. */
const holes = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('reasons are keyed', () => {
  it('every reason has the same placeholders in both locales, and the English one no Chinese', () => {
    const keys = Object.keys(MESSAGES['zh-CN']).filter((k) => k.startsWith('campaigns.reason.'));
    expect(keys.length).toBeGreaterThan(30);
    for (const k of keys) {
      const [zhText, enText] = [MESSAGES['zh-CN'], MESSAGES['en-US']].map((m) => m[k as keyof typeof m]);
      expect(holes(enText), k).toEqual(holes(zhText));
      expect(enText, k).not.toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
