import { describe, expect, it } from 'vitest';
import {
  assertPatterns,
  compileRules,
  evaluate,
  parsePattern,
  parsePatterns,
  PatternError,
  sentencesOf,
  triggerWords,
  type RuleInput,
  type RuleItem,
} from './rules.js';

const item = (code: string, patterns: string): RuleItem => ({
  code,
  name: `事项${code}`,
  kind: 'prohibition',
  catalogId: 'test-prohibitions',
  catalogTitle: '测试禁止事项',
  basis: '某文件',
  patterns,
});
const fire = (patterns: string, input: RuleInput | string) =>
  evaluate(compileRules([item('P-01', patterns)]), typeof input === 'string' ? { title: input } : input);

describe('parsePattern: the language a clerk edits', () => {
  it('reads alternatives, conditions, exclusions, groups, gaps, numbers and a section scope', () => {
    const p = parsePattern('[表格 说明] 签订*责任状|{否决} + #份 - 自愿');
    expect(p.scope).toEqual(['form', 'description']);
    expect(p.require).toHaveLength(2);
    expect(p.exclude).toHaveLength(1);
    expect(p.require[0].alts.length).toBeGreaterThan(5); // 签订*责任状 plus every word of {否决}
  });

  it('accepts full-width operators (＋ ｜ －) as typed with a Chinese keyboard', () => {
    expect(() => parsePattern('摊派｜分摊 ＋ 任务 － 自愿')).not.toThrow();
  });

  it.each([
    ['', '规则为空'],
    ['+ 任务', '规则开头缺少要查找的词'],
    ['摊派 +', '第 2 个条件为空'],
    ['摊派||任务', '空的选项'],
    ['{不存在}', '不认识的词组“{不存在}”'],
    ['{村', '“{”缺少对应的“}”'],
    ['[附件] 摊派', '不认识的部分“附件”'],
    ['[表格 摊派', '缺少对应的“]”'],
    ['签订 责任状', '有空格'],
    ['*责任状', '“*”只能放在两个词之间'],
    ['#', '没有具体的词'],
    ['- 自愿', '不能只有排除词'],
  ])('“%s” → a Chinese message saying what to fix (%s)', (line, message) => {
    expect(() => parsePattern(line)).toThrow(PatternError);
    expect(() => parsePattern(line)).toThrow(message);
  });

  it('checks a whole field line by line, skipping comments and blank lines', () => {
    const { patterns, errors } = parsePatterns('注：说明文字\n\n摊派 + 任务\n// 另一条注释\n{错误}');
    expect(patterns).toHaveLength(1);
    expect(errors).toEqual([{ line: 5, message: expect.stringMatching(/^第 5 行：不认识的词组/) }]);
    expect(() => assertPatterns('摊派 + 任务\n{错误}')).toThrow('第 2 行');
    expect(() => assertPatterns(null)).not.toThrow();
  });
});

describe('evaluate: what fires, where, and on which words', () => {
  it('needs every condition in one sentence, in any order', () => {
    expect(fire('招商引资 + 任务|指标', '承担年度招商引资任务指标')).toHaveLength(1);
    expect(
      fire('招商引资 + 任务|指标', { title: '招商工作', description: '做好招商引资宣传。完成年度任务。' }),
    ).toEqual([]);
    expect(fire('任务 + 招商引资', '下达任务：招商引资')).toHaveLength(1);
  });

  it('drops a sentence with an excluded word', () => {
    expect(fire('保险 + 任务 - 医保', '完成医保参保任务')).toEqual([]);
    expect(fire('保险 + 任务 - 医保', '完成商业保险销售任务')).toHaveLength(1);
  });

  it('reads groups, gaps within a clause and numbers', () => {
    expect(fire('{签} + {责任状}', '各村与镇政府签署目标责任书')).toHaveLength(1);
    expect(fire('签订*责任状', '签订年度森林防火目标责任状')).toHaveLength(1);
    expect(fire('签订*责任状', '签订合同，落实责任状')).toEqual([]); // the gap stops at a comma
    expect(fire('照片 + #张', '每周上传照片二十张')).toHaveLength(1);
    expect(fire('照片 + #张', '每周上传20张照片')).toHaveLength(1);
    expect(fire('照片 + #张', '上传照片')).toEqual([]);
  });

  it('does not count a word negated earlier in its clause, unless the negation is part of the word', () => {
    expect(fire('{否决}', '本项工作不搞一票否决')).toEqual([]);
    expect(fire('{签} + {责任状}', '不得要求各村签订责任状')).toEqual([]);
    expect(fire('{否决}', '未完成任务的村，不得评先评优')).toHaveLength(1);
    expect(fire('{否决}', '不搞一票否决，但发生火情的村实行一票否决')).toHaveLength(1);
  });

  it('lets a sentence of the description take a condition from the title', () => {
    const f = fire('招商引资 + 任务', { title: '招商引资工作安排', description: '每村全年完成任务2个。' });
    expect(f).toHaveLength(1);
    expect(f[0].triggers.map((t) => t.section)).toEqual(['说明', '标题']);
    expect(fire('招商引资 + 任务', { title: '招商引资任务', description: '' })[0].triggers).toHaveLength(1);
  });

  it('reads forms with their frequency, the dedicated-post box and the board', () => {
    const forms = [{ name: '进度表', frequency: 'weekly' }];
    expect(fire('[表格] 每周', { title: 'x', forms })).toHaveLength(1);
    expect(fire('[说明] 每周', { title: 'x', forms })).toEqual([]);
    expect(
      fire('[表格] 日报', { title: '报送', forms: [{ name: '疫情日报表', frequency: 'ad_hoc' }] })[0].triggers[0],
    ).toMatchObject({ section: '表格“疫情日报表”', words: ['日报'] });
    expect(fire('[专岗] 专人专岗', { title: 'x', dedicatedPost: true })).toHaveLength(1);
    expect(fire('[牌子] 室外', { title: '某工作站', board: true, position: 'outside' })).toHaveLength(1);
  });

  it('folds full-width and traditional characters before matching', () => {
    expect(fire('{签} + {责任状}', '與鎮政府簽訂責任狀')).toHaveLength(1);
    expect(fire('app + 注册率', '反诈ＡＰＰ注册率')).toHaveLength(1);
  });

  it('gives one finding per item, with every section and word that fired', () => {
    const rules = compileRules([item('P-01', '{签} + {责任状}\n{否决}'), item('P-02', '摊派')]);
    const f = evaluate(rules, {
      title: '森林防火',
      description: '各村与镇签订目标责任状，实行一票否决。不得摊派费用。',
    });
    expect(f.map((x) => x.item.code)).toEqual(['P-01']);
    expect(triggerWords(f[0])).toEqual(expect.arrayContaining(['签订', '责任状', '一票否决']));
    expect(f[0].triggers[0].excerpt).toContain('一票否决');
  });

  it('keeps items whose field does not parse out of the rules, and says so', () => {
    const rules = compileRules([item('P-01', '摊派\n{错误}'), item('P-02', null as unknown as string)]);
    expect(rules.size).toBe(1);
    expect(rules.errors).toEqual([{ code: 'P-01', line: 2, message: expect.stringContaining('不认识的词组') }]);
  });

  it('splits sentences at full stops and semicolons, not at commas', () => {
    expect(sentencesOf({ title: '题', description: '一，二。三；四' }).map((s) => s.text)).toEqual([
      '题',
      '一,二',
      '三',
      '四',
    ]);
  });
});
