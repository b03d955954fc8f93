import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CERTIFICATE_KINDS, certificateVerdict, createMatcher, type MatchableItem } from './matcher.js';
import { evaluateMatcher, type LabelledName } from './matcher.eval.js';
import { CANON_ROLE, foldText, LEXICON } from './matcher.lexicon.js';
import { canonicalTerms, normalizeText, tokenize } from './matcher.normalize.js';
import { CONCEPTS, ITEM_HINTS, KIN_TERM, PHRASES } from './matcher.synonyms.js';
import { loadSeedCatalogs, toMatchableItems } from './seed-data.js';

const items = toMatchableItems(loadSeedCatalogs());
const matcher = createMatcher(items);
const devset = JSON.parse(
  readFileSync(new URL('../../../../test/fixtures/matcher-devset.json', import.meta.url), 'utf8'),
) as LabelledName[];

/** Certificate verdict and code for a request, matched against the certificate lists only. */
const judge = (q: string) => {
  const r = matcher.match(q, CERTIFICATE_KINDS);
  return { verdict: certificateVerdict(r), code: r.best?.code ?? null, r };
};

describe('normalizeText', () => {
  it.each([
    ['开个亲属关系的证明', '亲属关系'],
    ['亲属关系证明', '亲属关系'],
    ['我想开个死亡证明，可以吗？', '死亡'],
    ['（亲属关系）证明书', '亲属关系'],
    ['请问村里能不能帮我开一份无犯罪记录证明呀', '无犯罪记录'],
    ['ＡＢＣ亲属关系证明　２份', '亲属关系'], // full-width latin, digits and space
    ['开个人档案证明', '个人档案'], // 开|个人档案, not 开个|人|档案
    ['收养人婚姻状况证明书', '收养人婚姻状况'],
    ['帮我办理一张出生证明吧', '出生'],
    ['需要开具的证明信', ''],
  ])('%s → %s', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });
});

describe('synonyms and everyday wording', () => {
  it.each([
    ['我爸去世了', '死亡'],
    ['亡故', '死亡'],
    ['过世', '死亡'],
    ['离世', '死亡'],
    ['身故', '死亡'],
    ['户籍', '户口'],
    ['户籍证明', '身份信息'],
    ['还活着', '健在'],
    ['在世', '健在'],
    ['生存', '健在'],
    ['存活', '健在'],
    ['单身', '婚姻状况'],
    ['未婚', '婚姻状况'],
    ['离异', '婚姻状况'],
    ['失业', '就业状况'],
    ['无业', '就业状况'],
    ['工作', '就业状况'],
    ['患病', '疾病状况'],
    ['伤残', '残疾状况'],
    ['丢了', '遗失'],
    ['狗', '养犬'],
    ['案底', '犯罪记录'],
    ['违法记录', '犯罪记录'],
    ['父子', '亲属关系'],
    ['直系亲属', '亲属关系'],
    ['夫妻', '亲属关系'],
    ['生孩子', '婚育状况'],
    ['独生子女', '婚育状况'],
    ['计生', '婚育状况'],
    ['经营场所', '住所'],
    ['注册地址', '住所'],
    ['领养', '收养'],
    ['政审', '政审'],
    ['外调', '外调'],
    ['函调', '外调'],
    ['入党积极分子', '入党'],
    ['双报到', '党员'],
    ['社会实践', '学生'],
    ['走丢了', '失踪'],
    ['放弃继承权', '继承'],
    ['收入', '经济状况'],
    ['存款', '财产'],
    ['无房', '财产'],
    ['同一人', '身份信息'],
    ['出生日期', '出生'],
  ])('%s → %s', (word, canon) => {
    expect(canonicalTerms(word)).toContain(canon);
  });

  it('reads a pinyin slip as the word it sounds like, but not a different real word', () => {
    expect(canonicalTerms('建在证明')).toEqual(['健在']);
    expect(canonicalTerms('婚因状况证明')).toEqual(['婚姻状况']);
    expect(canonicalTerms('亲书关系证明')).toEqual(['亲属关系']);
    expect(canonicalTerms('事实无人抚养儿童')).not.toContain('死亡'); // 事实 sounds like 逝世
    expect(tokenize('妇女和儿童工作委员会').some((t) => t.byReading)).toBe(false); // item text is never re-read
  });

  it('folds traditional and variant characters to simplified ones', () => {
    expect(normalizeText('親屬關係證明')).toBe('亲属关系');
    expect(normalizeText('戶口簿遺失證明書')).toBe('户口簿遗失');
    expect(canonicalTerms('學生參加活動情況')).toEqual(['学生', '活动', '情况']);
    expect(foldText('証明')).toBe('证明'); // Japanese form
    // Simplified text is never changed: not the vocabulary, not any catalog name.
    for (const surface of LEXICON.keys()) expect(foldText(surface)).toBe(surface);
    for (const item of items) expect(foldText(item.name), item.name).toBe(item.name.normalize('NFKC').toLowerCase());
  });

  it('reads a slip in the word 证明 and a two-character word right before it', () => {
    expect(normalizeText('失业证名')).toBe('失业');
    expect(normalizeText('健在正明')).toBe('健在');
    expect(canonicalTerms('残急证明')).toEqual(['残疾状况']); // 残急|证明, not 残急证|明
    expect(canonicalTerms('房子建在宅基地上的证明')).not.toContain('健在'); // not before 证明, a real word
  });

  it('accepts one loosely alike syllable only in longer words', () => {
    expect(canonicalTerms('独身子女证明')).toEqual(['婚育状况']); // shen/sheng
    expect(canonicalTerms('婚烟状况证明')).toEqual(['婚姻状况']); // yan/yin: same initial and ending, 3 of 4 characters
    expect(canonicalTerms('出身证明')).not.toContain('出生'); // family background is a word of its own
    expect(canonicalTerms('出生证明')).toEqual(['出生']);
  });

  it('reads a verb-object word split by 过 or 了', () => {
    expect(canonicalTerms('证明我没有犯过罪')).toContain('犯罪记录');
    expect(canonicalTerms('离了婚')).toContain('婚姻状况');
    expect(canonicalTerms('住过院')).toContain('疾病状况');
  });

  it('reads "X 是 Y" between kin as a kinship request', () => {
    expect(canonicalTerms('证明我妈是我妈')).toEqual([KIN_TERM]);
    expect(canonicalTerms('证明他是我儿子')).toEqual([KIN_TERM]);
    expect(canonicalTerms('我给我妈开个证明')).not.toContain(KIN_TERM);
  });

  it('keeps the vocabulary consistent', () => {
    // Module load already rejects duplicate surfaces and phrases with unknown terms.
    expect(LEXICON.size).toBeGreaterThan(500);
    for (const c of CONCEPTS) expect(CANON_ROLE.get(c.canon)).toBe(c.role);
    for (const p of PHRASES) for (const t of p.canon) expect(CANON_ROLE.has(t), `${p.surface} → ${t}`).toBe(true);
    const names = new Set(items.map((i) => i.name));
    for (const [name, hint] of Object.entries(ITEM_HINTS)) {
      expect(names.has(name), `hint for unknown item ${name}`).toBe(true);
      for (const h of hint.heads ?? []) expect(CANON_ROLE.get(h), `${name}: head ${h}`).toBe('core');
      for (const t of [...(hint.scope ?? []), ...(hint.rivals ?? [])])
        expect(CANON_ROLE.has(t), `${name}: scope/rival ${t}`).toBe(true);
      // A related alias must not be reachable through the item's own words.
      for (const a of hint.related?.aliases ?? [])
        expect(
          canonicalTerms(a).some((t) => hint.heads?.includes(t)),
          `${name}: ${a}`,
        ).toBe(false);
    }
  });
});

describe('matching certificates', () => {
  it('anchors: 开个亲属关系的证明 and 亲属关系证明 are the negative item CN-NEG-2020-01', () => {
    for (const q of ['开个亲属关系的证明', '亲属关系证明']) {
      const { verdict, code, r } = judge(q);
      expect(verdict).toBe('negative');
      expect(code).toBe('CN-NEG-2020-01');
      expect(r.best?.reason).toBe('名称与“亲属关系证明”核心词“亲属关系”一致');
    }
  });

  it.each([
    ['收养人婚姻状况证明', 'SX-CERT-2023-03'],
    ['领养孩子要开婚姻状况证明', 'SX-CERT-2023-03'],
    ['单身证明，领养孩子用', 'SX-CERT-2023-03'],
    ['婚姻状况证明', 'CN-NEG-2020-08'],
    ['未婚未育证明', 'CN-NEG-2020-14'],
    ['办继承公证要的亲属关系证明', 'CN-NEG-2020-01'],
    ['老人去世了，分遗产要开证明', 'CN-NEG-2020-18'],
    ['更正出生日期的证明', 'CN-NEG-2020-03'],
    ['出生日期证明', 'CN-NEG-2020-09'],
    ['结婚证丢了要开证明', 'CN-NEG-2020-20'],
    ['当兵政审要的无犯罪证明', 'CN-NEG-2020-05'],
    ['开个无违法犯罪证明，找工作用', 'CN-NEG-2020-05'],
  ])('prefers the more specific item: %s → %s', (q, code) => {
    expect(judge(q).code).toBe(code);
  });

  it('takes the object of 证明 used as a verb as the head of the request', () => {
    expect(judge('要村里证明门面').code).toBe('CN-NEG-2020-19');
    expect(judge('证明他从来没有犯过罪').code).toBe('CN-NEG-2020-05');
    expect(judge('无犯罪证明，找工作用').code).toBe('CN-NEG-2020-05'); // after a comma: the purpose
  });

  it('does not let purpose words and paperwork words outweigh the fact asked for', () => {
    expect(judge('老人过世了，要注销户口，村里给开个证明').code).toBe('CN-NEG-2020-11');
    expect(judge('个人档案存放证明').code).toBe('CN-NEG-2020-16');
  });

  describe('scope of positive items', () => {
    it.each([
      ['入党政审证明', 'SX-CERT-2023-02'],
      ['预备党员外调材料', 'SX-CERT-2023-02'],
      ['党员报到证明', 'SX-CERT-2023-01'],
      ['双报到情况反馈', 'SX-CERT-2023-01'],
      ['领养孩子要的抚养能力证明', 'SX-CERT-2023-03'],
      ['大学生志愿服务证明', 'SX-CERT-2023-04'],
      ['暑假社会实践证明', 'SX-CERT-2023-04'],
    ])('%s is positive (%s)', (q, code) => {
      expect(judge(q)).toMatchObject({ verdict: 'positive', code });
    });

    it.each([
      ['政审证明', 'SX-CERT-2023-02'],
      ['参军政审证明', 'SX-CERT-2023-02'],
      ['公务员招录外调证明', 'SX-CERT-2023-02'],
      ['志愿者证明', 'SX-CERT-2023-04'],
      ['报到证明', 'SX-CERT-2023-01'],
      ['抚养教育能力证明', 'SX-CERT-2023-03'],
    ])('%s is not (related: %s)', (q, related) => {
      const { verdict, r } = judge(q);
      expect(verdict).toBe('unlisted');
      expect(r.best).toBeNull();
      const c = r.candidates.find((x) => x.code === related);
      expect(c?.related).toBe(true);
      expect(c?.score).toBeLessThan(r.threshold);
      expect(c?.reason).toMatch(/^相近事项：“/);
    });

    it('names the rival purpose in the reason', () => {
      expect(judge('参军政审证明').r.candidates[0].reason).toContain('“参军”');
    });
  });

  describe('income and hardship: related to 居民财产证明, not that item', () => {
    it.each(['工资证明', '家庭年收入证明', '经济困难证明，申请助学金用', '贫困家庭证明'])(
      '%s stays unlisted with a hint',
      (q) => {
        const { verdict, r } = judge(q);
        expect(verdict).toBe('unlisted');
        expect(r.candidates[0]).toMatchObject({ code: 'CN-NEG-2020-17', related: true });
        expect(r.candidates[0].score).toBeLessThan(r.threshold);
        expect(r.candidates[0].reason).toMatch(/^相近事项：“居民财产证明”——收入、经济困难情况不等同于/);
      },
    );

    it('still matches property itself', () => {
      for (const q of ['居民财产证明', '名下房产证明', '银行存款证明']) {
        const { verdict, code, r } = judge(q);
        expect({ q, verdict, code }).toEqual({ q, verdict: 'negative', code: 'CN-NEG-2020-17' });
        expect(r.best?.related).toBeUndefined();
      }
    });
  });

  it('never lets the catch-all item win, even on its own words', () => {
    expect(judge('其他依法依规需要出具的证明事项').verdict).toBe('unlisted');
    const onlyCatchAll = createMatcher(items.filter((i) => i.catchAll));
    expect(onlyCatchAll.match('其他依法依规需要出具的证明事项').unlisted).toBe(true);
    for (const row of devset)
      expect(
        matcher.match(row.q).candidates.some((c) => c.code === 'SX-CERT-2023-05'),
        row.q,
      ).toBe(false);
  });

  it.each([
    '居住证明',
    '学生在校证明',
    '户口迁移证明',
    '房屋租赁证明',
    '低保证明',
    '监护人证明',
    '开个证明',
    '',
    '   ',
    '？？',
  ])('leaves %s unlisted', (q) => {
    const { verdict, r } = judge(q);
    expect(verdict).toBe('unlisted');
    expect(r.unlisted).toBe(true);
    expect(r.best).toBeNull();
  });

  it('does not call 禁毒专干 a mechanism, prohibition or certificate', () => {
    expect(matcher.match('禁毒专干', ['mechanism', 'prohibition']).unlisted).toBe(true);
    expect(certificateVerdict(matcher.match('禁毒专干'))).toBe('unlisted');
  });

  it('matches the other kinds when asked', () => {
    expect(matcher.match('人民调解委员会', ['mechanism']).best?.code).toBe('CN-MECH-05');
    expect(matcher.match('村务监督委员会', ['mechanism']).best?.code).toBe('CN-MECH-03');
    expect(matcher.match('招商引资任务', ['prohibition']).best?.code).toBe('HN-PROH-2020-01');
    expect(matcher.match('要求村里签责任状', ['prohibition']).best?.code).toBe('CN-PROH-2019-01');
    expect(matcher.match('协助社会救助', ['assistance']).best?.code).toBe('CN-ASSIST-2022-09');
    expect(matcher.match('村级财务管理制度').best?.code).toBe('JL-DISC-2022-07');
  });

  it('restricts candidates to the requested kinds', () => {
    const r = matcher.match('残疾证明', ['duty']);
    expect(r.candidates.every((c) => c.kind === 'duty')).toBe(true);
  });

  it('returns at most five candidates, best first, with Chinese reasons', () => {
    const r = matcher.match('收养人婚姻状况证明');
    expect(r.candidates.map((c) => c.code).slice(0, 2)).toEqual(['SX-CERT-2023-03', 'CN-NEG-2020-08']);
    expect(r.candidates.length).toBeLessThanOrEqual(5);
    for (let i = 1; i < r.candidates.length; i++)
      expect(r.candidates[i - 1].score).toBeGreaterThanOrEqual(r.candidates[i].score);
    expect(r.best).toEqual(r.candidates[0]);
    for (const c of r.candidates) expect(c.reason).toMatch(/^名称与“.+”(核心词|关键词)“.+”一致/);
    expect(judge('我爸去世了').r.best?.reason).toContain('“去世”视为“死亡”');
  });

  it('gives the same certificate verdict whether or not match() was restricted to certificates', () => {
    for (const row of devset)
      expect(certificateVerdict(matcher.match(row.q)), row.q).toBe(
        certificateVerdict(matcher.match(row.q, CERTIFICATE_KINDS)),
      );
  });

  it('honours the threshold option', () => {
    expect(judge('肢体残疾证明').verdict).toBe('negative');
    const strict = createMatcher(items, { threshold: 0.99 });
    expect(certificateVerdict(strict.match('肢体残疾证明', CERTIFICATE_KINDS))).toBe('unlisted');
    expect(certificateVerdict(strict.match('亲属关系证明', CERTIFICATE_KINDS))).toBe('negative');
  });

  it('uses aliases supplied with an item', () => {
    const custom: MatchableItem = {
      code: 'X-01',
      name: '村集体经济组织成员身份确认',
      kind: 'certificate',
      catalogId: 'x',
      catalogTitle: 'x',
      basis: null,
      alternativeChannel: null,
      aliases: ['社员证明'],
    };
    const m = createMatcher([...items, custom]);
    expect(m.match('社员证明', CERTIFICATE_KINDS).best?.code).toBe('X-01');
  });

  it('is not pathologically slow (a loose smoke check; bench/matcher.bench.ts measures throughput)', () => {
    const qs = devset.map((r) => r.q);
    for (let i = 0; i < 3000; i++) matcher.match(qs[i % qs.length], CERTIFICATE_KINDS); // warm-up
    const start = performance.now();
    for (let i = 0; i < 5000; i++) matcher.match(qs[i % qs.length], CERTIFICATE_KINDS);
    expect(performance.now() - start).toBeLessThan(2500);
  });
});

describe('dev set (test/fixtures/matcher-devset.json)', () => {
  it('is large and covers every list item', () => {
    expect(devset.length).toBeGreaterThanOrEqual(160);
    const codes = new Set(devset.map((r) => r.code));
    for (let n = 1; n <= 20; n++) expect(codes.has(`CN-NEG-2020-${String(n).padStart(2, '0')}`)).toBe(true);
    for (let n = 1; n <= 4; n++) expect(codes.has(`SX-CERT-2023-0${n}`)).toBe(true);
    expect(devset.filter((r) => r.verdict === 'negative').length / 20).toBeGreaterThanOrEqual(4);
    expect(devset.filter((r) => r.verdict === 'unlisted').length).toBeGreaterThanOrEqual(20);
    for (const r of devset) expect((r.verdict === 'unlisted') === (r.code === null), r.q).toBe(true);
  });

  it.each([
    ['matched against certificate lists', CERTIFICATE_KINDS],
    ['matched against every seed list', undefined],
  ] as const)('meets the accuracy targets when %s', (_label, kinds) => {
    const e = evaluateMatcher(matcher, devset, kinds);
    expect(e.misses.filter((m) => (m.got === 'positive') !== (m.want === 'positive'))).toEqual([]);
    expect(e.issueAccuracy).toBe(1);
    expect(e.verdictAccuracy).toBeGreaterThanOrEqual(0.95);
    expect(e.top1Accuracy).toBeGreaterThanOrEqual(0.9);
  });
});
