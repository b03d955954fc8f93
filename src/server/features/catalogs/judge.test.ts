import { describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_GUIDE } from '../campaigns/campaigns.model.js';
import { certificateVerdict, CERTIFICATE_KINDS } from './matcher.js';
import {
  boardNameOf,
  completenessOfLists,
  coreTitle,
  createCatalogView,
  judge,
  positionOf,
  recognizeMechanism,
  workText,
  type JudgeInput,
} from './judge.js';
import { seedCatalogView } from './seed-view.js';

const view = seedCatalogView({ signGuide: DEFAULT_SIGN_GUIDE });
const j = (input: Partial<JudgeInput> & { title: string }) => judge(view, { subject: 'work_affair', ...input });
const sign = (title: string, description = '', position?: JudgeInput['position']) =>
  judge(view, { subject: 'sign', title, description, position });

describe('prohibitions: the rules decide, whatever the basis', () => {
  it.each([
    ['各村与镇政府签订年度森林防火目标责任状，实行一票否决', 'CN-PROH-2019-01'],
    ['承担年度招商引资任务指标', 'SX-PROH-2023-02'],
    ['未经县委县政府统一部署，县直部门将本部门权责事项派交各村承担', 'SX-PROH-2023-01'],
    ['各村每周上传不少于20张工作照片', 'CN-PROH-2026-04'],
    ['村干部每天在APP打卡，每周通报登录率排名', 'CN-PROH-2026-02'],
  ])('%s → %s', (title, code) => {
    const r = j({ title, basisText: '《中华人民共和国森林法》第三十四条' });
    expect(r.verdict).toBe('prohibited');
    expect(r.findings.map((f) => f.item.code)).toContain(code);
    expect(r.explanation).toContain(code);
    expect(r.completeness).toEqual({ prohibition: 'partial' });
  });

  it('applies another province’s list only where it is adopted', () => {
    const title = '12345热线工单由各村直接办理答复';
    expect(j({ title }).findings.map((f) => f.item.code)).not.toContain('HN-PROH-2020-01');
    const hunan = seedCatalogView({ signGuide: DEFAULT_SIGN_GUIDE, adopt: ['hunan-2020-burden-reduction-list'] });
    expect(judge(hunan, { subject: 'work_affair', title }).findings.map((f) => f.item.code)).toContain(
      'HN-PROH-2020-01',
    );
  });
});

describe('mechanisms and posts, recognised from the text', () => {
  it.each([
    ['各村成立乡村振兴工作领导小组', ['工作领导小组']],
    ['各村设立禁毒工作站，配备1名禁毒专干', ['工作站', '专干']],
    ['组建防汛工作专班', ['工作专班']],
    ['每村明确专人专岗负责', ['专人专岗']],
    ['各村选聘食品安全协管员', ['协管员']],
  ])('%s → %o', (text, words) => {
    const m = recognizeMechanism(view, text);
    expect(m.recognised).toBe(true);
    expect(m.words).toEqual(expect.arrayContaining(words));
  });

  it('does not take an existing role or a sender for a new mechanism', () => {
    expect(recognizeMechanism(view, '通过网格员开展入户走访').recognised).toBe(false);
    expect(recognizeMechanism(view, '根据县森林防火指挥部要求做好宣传').recognised).toBe(false);
  });

  it('recognises the village’s own statutory organs by name or everyday alias (the mechanism catalog)', () => {
    for (const [text, code] of [
      ['健全村人民调解委员会', 'CN-MECH-05'],
      ['村治保会换届', 'CN-MECH-06'],
      ['在村民委员会下设治安保卫委员会', 'CN-MECH-06'],
      ['规范村务监督委员会运行', 'CN-MECH-03'],
    ]) {
      const r = judge(view, { subject: 'mechanism', title: text });
      expect(r.verdict, text).toBe('statutory_mechanism');
      expect(r.item?.code, text).toBe(code);
    }
    expect(judge(view, { subject: 'mechanism', title: '在人民调解委员会基础上设立矛盾调处工作站' }).verdict).toBe(
      'mechanism',
    );
  });

  it('makes a work request with a recognised post a mechanism, and the ticked box a post', () => {
    expect(j({ title: '各村配备1名禁毒专干' }).verdict).toBe('mechanism');
    expect(j({ title: '禁毒宣传', dedicatedPost: true }).mechanism).toMatchObject({ dedicatedPost: true });
    expect(j({ title: '禁毒宣传', dedicatedPost: true }).verdict).toBe('mechanism');
  });
});

describe('signs against the district guide', () => {
  it.each([
    ['更换“韩店村民委员会”牌子', '悬挂于村委会大门', 'allowed_sign'],
    ['“党群服务中心”标识', '悬挂于室内醒目位置', 'inside_sign'],
    ['“党群服务中心”标识', '悬挂于村委会外墙', 'inside_sign'],
    ['“平安建设联络站”挂牌', '村委会门口', 'sign_not_allowed'],
    ['“调解室”标识', '调解室门口（功能室）', 'inside_sign'],
  ])('%s, %s → %s', (title, desc, verdict) => {
    expect(sign(title, desc).verdict).toBe(verdict);
  });
  it('reads the board’s name and position from the text when the fields are not given', () => {
    expect(boardNameOf('关于悬挂标牌的通知', '在门口悬挂“退役军人服务站”牌子')).toBe('退役军人服务站');
    expect(positionOf('在功能室门口设置').position).toBe('functional_area');
    expect(positionOf('在便民服务大厅内悬挂').position).toBe('inside');
    expect(positionOf('悬挂在村委会门口')).toEqual({ position: 'outside', inferred: true });
    expect(sign('“党群服务中心”标识', '外墙').sign).toMatchObject({ position: 'outside', rule: '综合服务组织标识' });
  });
});

describe('work, certificates and incomplete catalogs', () => {
  it('finds assistance items in everyday department wording (issue 9)', () => {
    const r = j({ title: '协助做好城乡居民医保政策宣传和信息发布' });
    expect(r.verdict).toBe('assistance');
    expect(r.item?.code).toBe('CN-ASSIST-2022-02');
    expect(r.score).toBeGreaterThanOrEqual(0.6);
  });

  it('says unverifiable, not “not in the catalog”, while the duty or assistance catalog is partial or missing', () => {
    const r = j({ title: '清洁取暖煤改电入户核查' });
    expect(r.verdict).toBe('unverifiable');
    expect(r.completeness).toEqual({ duty: 'partial', assistance: 'partial' });
    expect(r.explanation).toContain('待核实（目录未完整）');
    const complete = seedCatalogView({
      signGuide: DEFAULT_SIGN_GUIDE,
      completeness: { duty: 'complete', assistance: 'complete' },
    });
    expect(judge(complete, { subject: 'work_affair', title: '清洁取暖煤改电入户核查' }).verdict).toBe('not_in_catalog');
  });

  it('gives the certificate verdict the public check gives for the same name', () => {
    for (const name of ['亲属关系证明', '入党外调政审证明', '居住证明', '我爸去世了要开证明', '残急证明']) {
      const r = judge(view, { subject: 'certificate', title: name });
      const pub = certificateVerdict(view.match(name, CERTIFICATE_KINDS));
      const mine =
        r.verdict === 'negative_certificate'
          ? 'negative'
          : r.verdict === 'positive_certificate'
            ? 'positive'
            : 'unlisted';
      expect(mine, name).toBe(pub);
    }
  });

  it('derives completeness per kind: declared complete, partial with items, else missing', () => {
    const c = completenessOfLists([
      { kind: 'duty', complete: false, itemCount: 0 },
      { kind: 'assistance', complete: false, itemCount: 9 },
      { kind: 'assistance', complete: false, itemCount: 0 },
      { kind: 'certificate', complete: true, itemCount: 5 },
      { kind: 'sign_guide', complete: true, itemCount: 0 },
    ]);
    expect([c('duty'), c('assistance'), c('certificate'), c('sign_guide'), c('micro_power')]).toEqual([
      'missing',
      'partial',
      'complete',
      'complete',
      'missing',
    ]);
  });

  it('strips the frame of a notice and department filler before matching', () => {
    expect(coreTitle('关于开展2027年度秸秆禁烧工作的通知')).toBe('秸秆禁烧工作');
    expect(workText('协助做好城乡居民医保政策宣传和信息发布')).toBe('城乡居民医保政策宣传和信息发布');
    expect(workText('工作')).toBe('工作');
  });

  it('builds a view over any items and never lets the catch-all win', () => {
    const v = createCatalogView({
      versionId: 'v',
      regionCode: '140404001200',
      date: '2026-12-01',
      items: view.items.filter((i) => i.kind === 'certificate'),
      signGuide: DEFAULT_SIGN_GUIDE,
    });
    expect(v.item('SX-CERT-2023-05')?.catchAll).toBe(true);
    expect(judge(v, { subject: 'certificate', title: '其他依法依规需要出具的证明事项' }).verdict).not.toBe(
      'positive_certificate',
    );
    expect(v.completeness('certificate')).toBe('complete');
  });
});
