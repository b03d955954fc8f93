/**
 * Recognition rules for prohibitions (减负措施 不得事项): a small pattern language a district clerk can read
 * and edit, one pattern per line in an item's `patterns` field. Pure: no database, no clock.
 *
 * The language (PATTERN_HELP says the same in Chinese for the adjustment form):
 *   词A|词B            any of the words (“或”); ｜ works too
 *   条件1 + 条件2      every condition in the same sentence (“且”), in any order; ＋ works too
 *   - 词C|词D          exclusion: the sentence must contain none of these (－ and ！ work too)
 *   {村}               a word group of the platform vocabulary (WORD_GROUPS), usable wherever a word is
 *   签订*责任状        * (or …) stands for up to 20 characters inside one clause
 *   #张                # stands for a number (20, 二十, 3.5, 百分之 is not needed: 95% is a number then %)
 *   [表格] …           the rule reads only these sections: 标题, 说明, 表格, 专岗, 牌子 (several: [标题 说明])
 *   注：…              a comment line (also “// …” and “# ” with a space)
 * A word preceded in its clause by a negation (不得, 严禁, 禁止, 不再, 杜绝 …; NEGATORS) does not count:
 * “不搞一票否决” does not trip the one-vote-veto rule. Write the negation into the word itself when it is
 * what the rule looks for (“不得评先评优”).
 *
 * A sentence of the description may take words from the title (a notice names its subject in the title
 * and its demand in the body). Text is folded first (full-width → half-width, traditional → simplified).
 *
 * Evaluation is built for every keystroke of the filing form: all literal words of all rules go into one
 * index by first character; a sentence is scanned once and only the rules whose words occur are checked.
 */
import { foldText } from './matcher.normalize.js';

// ───────────────────────────── vocabulary ─────────────────────────────

/**
 * Word groups usable as {名称} in a pattern: everyday wording of the same thing. The platform's own
 * vocabulary (not official text); extend with care, every pattern using the group changes with it.
 */
export const WORD_GROUPS: Record<string, { note: string; words: string[] }> = {
  村: {
    note: '村级组织及其常见说法',
    words: [
      '村级组织',
      '村级',
      '村委会',
      '村委',
      '村两委',
      '村"两委"',
      '村民委员会',
      '村党支部',
      '村党组织',
      '村集体',
      '村干部',
      '村支书',
      '村书记',
      '村主任',
      '行政村',
      '各村',
      '每村',
      '全村',
      '本村',
      '村(社区)',
      '村(居)',
      '村居',
      '社区',
      '居委会',
      '村民小组',
      '村组',
      '网格',
      '到村',
      '村里',
      '村内',
    ],
  },
  村民: {
    note: '村民、农户',
    words: ['村民', '农户', '农民', '群众', '村(居)民', '居民', '每户', '户均', '家家户户', '党员群众'],
  },
  签: { note: '签订', words: ['签订', '签署', '签定', '签下', '签', '层层签'] },
  责任状: {
    note: '责任状及其变体',
    words: ['责任状', '责任书', '目标责任书', '目标管理责任书', '承诺书', '保证书', '军令状', '承诺函', '责任协议书'],
  },
  否决: {
    note: '一票否决及其变相说法',
    words: [
      '一票否决',
      '一票否定',
      '一票否',
      '一律不得评先',
      '不得评先评优',
      '不得评优评先',
      '不得参加评先',
      '不得参与评先',
      '取消评先',
      '取消评优',
      '取消年度评先',
      '取消当年评先',
      '评先评优资格',
      '实行否决',
      '直接定为不合格',
      '直接评定为不合格',
      '年度考核定为不称职',
    ],
  },
  指标: {
    note: '任务指标、数量要求',
    words: [
      '任务指标',
      '指标',
      '任务数',
      '任务量',
      '目标任务',
      '硬任务',
      '定额',
      '配额',
      '份额',
      '销售任务',
      '征订任务',
      '认购任务',
      '摊派',
      '分摊',
      '包干',
      '下达任务',
      '分解任务',
      '任务分解',
      '分配任务',
    ],
  },
  上传: {
    note: '上传、报送（照片、视频等）',
    words: ['上传', '上报', '报送', '提交', '发送', '发至', '发到', '发在', '发布到', '晒', '传至', '传到'],
  },
  照片: {
    note: '照片、视频、截图等影像',
    words: [
      '照片',
      '图片',
      '相片',
      '截图',
      '截屏',
      '视频',
      '录像',
      '影像',
      '影像资料',
      '现场图',
      '工作场景',
      '工作照',
      '工作痕迹',
      '轨迹',
      '定位',
    ],
  },
  考核: {
    note: '考核、评比、排名',
    words: [
      '考核',
      '考评',
      '评比',
      '评分',
      '计分',
      '打分',
      '排名',
      '排位',
      '排序',
      '通报',
      '晾晒',
      '纳入年终',
      '纳入年度',
      '年终考',
      '绩效',
      '挂钩',
      '评先',
      '评优',
    ],
  },
  应用: {
    note: '政务应用程序、小程序、公众号',
    words: [
      'app',
      '客户端',
      '小程序',
      '应用程序',
      '软件',
      '公众号',
      '视频号',
      '抖音号',
      '平台',
      '学习强国',
      '手机端',
      '移动端',
      '钉钉',
      '企业微信',
    ],
  },
};

/** Section names a pattern may be scoped to ([表格] …). */
export const SECTIONS = ['title', 'description', 'form', 'post', 'board'] as const;
export type SectionKind = (typeof SECTIONS)[number];
export const SECTION_LABELS: Record<SectionKind, string> = {
  title: '标题',
  description: '说明',
  form: '表格',
  post: '专岗',
  board: '牌子',
};
const SECTION_BY_LABEL = new Map<string, SectionKind>([
  ...SECTIONS.map((s) => [SECTION_LABELS[s], s] as [string, SectionKind]),
  ['事项说明', 'description'],
  ['正文', 'description'],
  ['报表', 'form'],
  ['专人专岗', 'post'],
  ['岗位', 'post'],
  ['标识牌', 'board'],
]);

/** Negations that cancel a word after them in the same clause. */
export const NEGATORS = [
  '不得',
  '严禁',
  '禁止',
  '不准',
  '不许',
  '不再',
  '杜绝',
  '避免',
  '不搞',
  '不设',
  '不签',
  '不要求',
  '不强制',
  '不强求',
  '不作为',
  '不纳入',
  '不列入',
  '不以',
  '不将',
  '不把',
  '无需',
  '无须',
  '不需要',
  '不必',
  '纠正',
  '反对',
];

/** Help text for the pattern field (Chinese, shown in the adjustment form). */
export const PATTERN_HELP = [
  '每行一条识别规则；以“注：”开头的行是注释。',
  '“词A|词B”：出现其中任一词即可。',
  '“条件1 + 条件2”：同一句话中同时出现（不分先后）。',
  '“- 词C|词D”：同一句话中出现这些词时不算。',
  '“{村}”等：平台词组（同义说法），可用词组：' +
    Object.keys(WORD_GROUPS)
      .map((g) => `{${g}}`)
      .join('、') +
    '。',
  '“签订*责任状”：* 代表同一分句内最多 20 个字；“#张”：# 代表一个数字（20、二十等）。',
  '行首“[表格]”：只读表格（可选：标题、说明、表格、专岗、牌子，可写多个，以空格分隔）。',
  '词前同一分句内有“不得、严禁、禁止、不再”等否定词的不算；要查的正是否定说法时，请把否定词写进词里（如“不得评先评优”）。',
].join('\n');

// ───────────────────────────── parsing ─────────────────────────────

export class PatternError extends Error {
  constructor(
    message: string,
    /** 1-based line within the field, when parsing a whole field. */
    public readonly line?: number,
  ) {
    super(message);
    this.name = 'PatternError';
  }
}

/** One alternative: literal text, or a sequence with gaps, numbers or groups (then a regular expression). */
interface Alt {
  /** As written (for explanations). */
  source: string;
  /** Literal words any of which must occur for the alternative to be possible (index keys). */
  anchors: string[];
  /** Set when the alternative is not a plain word. */
  regex: RegExp | null;
}

interface Term {
  source: string;
  alts: Alt[];
  /** The plain-word alternatives, for a lookup by the words found in a sentence. */
  words: Set<string>;
  /** The alternatives that are sequences (regular expressions). */
  sequences: Alt[];
}

export interface ParsedPattern {
  source: string;
  /** null: every section. */
  scope: SectionKind[] | null;
  require: Term[];
  exclude: Term[];
}

const MAX_LINE = 500;
const MAX_ALTS = 200;
const GAP = '[^,，;；。!！?？\\n]{0,20}';
const NUM = '(?:\\d+(?:\\.\\d+)?|[零〇一二三四五六七八九十两百千万]+)';
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/**
 * Parses one pattern line. Throws PatternError with a Chinese message that says what to fix.
 * A blank or comment line is not a pattern: parsePatterns skips those.
 */
export function parsePattern(line: string): ParsedPattern {
  let s = foldText(line)
    .trim()
    .replace(/\.\.\.|…/g, '*');
  if (!s) throw new PatternError('规则为空');
  if (s.length > MAX_LINE) throw new PatternError(`一条规则不能超过 ${MAX_LINE} 个字`);
  let scope: SectionKind[] | null = null;
  if (s.startsWith('[')) {
    const end = s.indexOf(']');
    if (end < 0) throw new PatternError('行首的“[”缺少对应的“]”');
    const names = s
      .slice(1, end)
      .split(/[\s,、]+/)
      .filter(Boolean);
    if (!names.length) throw new PatternError('“[ ]”中请写要读取的部分，如 [表格]');
    scope = names.map((n) => {
      const k = SECTION_BY_LABEL.get(n);
      if (!k) throw new PatternError(`不认识的部分“${n}”，可用：${SECTIONS.map((x) => SECTION_LABELS[x]).join('、')}`);
      return k;
    });
    s = s.slice(end + 1).trim();
  }
  // Split into +conditions and -exclusions at top level (braces never nest).
  const parts: { op: '+' | '-'; text: string }[] = [];
  let op: '+' | '-' = '+';
  let buf = '';
  let depth = 0;
  for (const ch of s) {
    if (ch === '{') depth++;
    if (ch === '}') depth--;
    if (depth < 0) throw new PatternError('“}”前缺少“{”');
    if (depth === 0 && (ch === '+' || ch === '-' || ch === '!')) {
      parts.push({ op, text: buf.trim() });
      op = ch === '+' ? '+' : '-';
      buf = '';
      continue;
    }
    buf += ch;
  }
  if (depth !== 0) throw new PatternError('“{”缺少对应的“}”');
  parts.push({ op, text: buf.trim() });
  if (parts[0].text === '' && parts.length > 1 && parts[1].op === '-')
    throw new PatternError('规则不能只有排除词：请先写要查找的词，再用“-”写排除词');
  const require: Term[] = [];
  const exclude: Term[] = [];
  parts.forEach((p, i) => {
    if (!p.text)
      throw new PatternError(i === 0 ? '规则开头缺少要查找的词' : `第 ${i + 1} 个条件为空（“${p.op}”后没有词）`);
    (p.op === '+' ? require : exclude).push(parseTerm(p.text));
  });
  return { source: line.trim(), scope, require, exclude };
}

function parseTerm(text: string): Term {
  const raw = text.split('|').map((a) => a.trim());
  if (raw.some((a) => !a)) throw new PatternError(`“${text}”中有空的选项（“|”两边都要有词）`);
  if (raw.length > MAX_ALTS) throw new PatternError(`一个条件最多 ${MAX_ALTS} 个选项`);
  const alts: Alt[] = [];
  for (const a of raw) alts.push(...parseAlt(a));
  return {
    source: text,
    alts,
    words: new Set(alts.filter((a) => !a.regex).map((a) => a.anchors[0])),
    sequences: alts.filter((a) => a.regex),
  };
}

/** One written alternative → one or more compiled alternatives (a lone group expands to its words). */
function parseAlt(a: string): Alt[] {
  if (/\s/.test(a)) throw new PatternError(`“${a}”中有空格：同一句中同时出现请用“+”连接`);
  const lone = /^\{([^{}]+)\}$/.exec(a);
  if (lone) return groupWords(lone[1]).map((w) => ({ source: a, anchors: [w], regex: null }));
  if (!/[*#{]/.test(a)) return [{ source: a, anchors: [a], regex: null }];
  // A sequence: literals, gaps (*), numbers (#), groups ({…}).
  let re = '';
  const literals: string[][] = [];
  let lit = '';
  const flush = () => {
    if (lit) {
      literals.push([lit]);
      re += escapeRe(lit);
      lit = '';
    }
  };
  for (let i = 0; i < a.length; i++) {
    const ch = a[i];
    if (ch === '*') {
      flush();
      if (re.endsWith(GAP)) throw new PatternError(`“${a}”中连续两个“*”`);
      re += GAP;
    } else if (ch === '#') {
      flush();
      re += NUM;
    } else if (ch === '{') {
      flush();
      const end = a.indexOf('}', i);
      const words = groupWords(a.slice(i + 1, end));
      literals.push(words);
      re += `(?:${words.map(escapeRe).join('|')})`;
      i = end;
    } else lit += ch;
  }
  flush();
  if (!literals.length) throw new PatternError(`“${a}”中没有具体的词：“*”和“#”须与词连用`);
  if (a.startsWith('*') || a.endsWith('*')) throw new PatternError(`“${a}”：“*”只能放在两个词之间`);
  // Index on the most selective literal part: the longest single word, else the group with the longest words.
  const best = literals.reduce((x, y) =>
    Math.min(...y.map((w) => w.length)) > Math.min(...x.map((w) => w.length)) ? y : x,
  );
  return [{ source: a, anchors: best, regex: new RegExp(re, 'g') }];
}

const foldedGroups = new Map<string, string[]>();
function groupWords(name: string): string[] {
  const cached = foldedGroups.get(name.trim());
  if (cached) return cached;
  const g = WORD_GROUPS[name.trim()];
  if (!g)
    throw new PatternError(
      `不认识的词组“{${name}}”，可用：${Object.keys(WORD_GROUPS)
        .map((k) => `{${k}}`)
        .join('、')}`,
    );
  const words = g.words.map(foldText);
  foldedGroups.set(name.trim(), words);
  return words;
}

const isComment = (line: string) => /^(注[:：]|\/\/|#\s)/.test(line);

/** Parses a whole field (one pattern per line). Errors name the line; comment and blank lines are skipped. */
export function parsePatterns(text: string | null | undefined): {
  patterns: ParsedPattern[];
  errors: { line: number; message: string }[];
} {
  const patterns: ParsedPattern[] = [];
  const errors: { line: number; message: string }[] = [];
  (text ?? '').split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (!t || isComment(t)) return;
    try {
      patterns.push(parsePattern(t));
    } catch (e) {
      if (e instanceof PatternError) errors.push({ line: i + 1, message: `第 ${i + 1} 行：${e.message}` });
      else throw e;
    }
  });
  return { patterns, errors };
}

/** Validates a field for an adjustment: throws PatternError (Chinese, with the line) on the first error. */
export function assertPatterns(text: string | null | undefined): void {
  const { errors } = parsePatterns(text);
  if (errors.length) throw new PatternError(errors.map((e) => e.message).join('；'), errors[0].line);
}

// ───────────────────────────── compiling ─────────────────────────────

/** A prohibition item whose patterns are compiled (what the rules cite in a finding). */
export interface RuleItem {
  code: string;
  name: string;
  kind: string;
  catalogId: string;
  catalogTitle: string;
  /** The document (and article) the item comes from. */
  basis: string | null;
  patterns: string | null;
}

export type ItemRef = Omit<RuleItem, 'patterns'>;

interface CompiledRule {
  item: ItemRef;
  pattern: ParsedPattern;
}

export interface RuleSet {
  rules: CompiledRule[];
  /** Items whose patterns field did not parse (kept out; shown to the district). */
  errors: { code: string; line: number; message: string }[];
  /** Anchor words by first character code. */
  index: Map<number, string[]>;
  /** For each anchor word, the (rule, term) places it serves; `seq`: as the index word of a sequence. */
  places: Map<string, { rule: number; exclude: boolean; term: number; key: number; seq: boolean }[]>;
  size: number;
}

const termKey = (rule: number, term: number, exclude: boolean) => rule * 512 + term * 2 + (exclude ? 1 : 0);

/** Compiles the patterns of the given (effective prohibition) items. Items without patterns are skipped. */
export function compileRules(items: readonly RuleItem[]): RuleSet {
  const rules: CompiledRule[] = [];
  const errors: RuleSet['errors'] = [];
  for (const it of items) {
    if (!it.patterns) continue;
    const { patterns, errors: errs } = parsePatterns(it.patterns);
    for (const e of errs) errors.push({ code: it.code, line: e.line, message: e.message });
    const ref: ItemRef = {
      code: it.code,
      name: it.name,
      kind: it.kind,
      catalogId: it.catalogId,
      catalogTitle: it.catalogTitle,
      basis: it.basis,
    };
    for (const p of patterns) rules.push({ item: ref, pattern: p });
  }
  const places: RuleSet['places'] = new Map();
  rules.forEach((r, ri) => {
    const add = (terms: Term[], exclude: boolean) =>
      terms.forEach((t, ti) =>
        t.alts.forEach((a) => {
          for (const w of a.anchors) {
            let list = places.get(w);
            if (!list) places.set(w, (list = []));
            list.push({ rule: ri, exclude, term: ti, key: termKey(ri, ti, exclude), seq: a.regex !== null });
          }
        }),
      );
    add(r.pattern.require, false);
    add(r.pattern.exclude, true);
  });
  const index = new Map<number, string[]>();
  for (const w of places.keys()) {
    const c = w.charCodeAt(0);
    let list = index.get(c);
    if (!list) index.set(c, (list = []));
    list.push(w);
  }
  for (const list of index.values()) list.sort((a, b) => b.length - a.length);
  return { rules, errors, index, places, size: rules.length };
}

// ───────────────────────────── evaluating ─────────────────────────────

export type FormFrequency = 'once' | 'weekly' | 'monthly' | 'quarterly' | 'yearly' | 'ad_hoc';
export const FREQUENCY_LABELS: Record<FormFrequency, string> = {
  once: '一次性',
  weekly: '每周',
  monthly: '每月',
  quarterly: '每季度',
  yearly: '每年',
  ad_hoc: '不定期',
};

/** Everything a request or a ledger row says, as the rules read it. */
export interface RuleInput {
  title: string;
  description?: string;
  forms?: readonly { name: string; frequency: string; fields?: string }[];
  dedicatedPost?: boolean;
  /** Set for a board: where it hangs. */
  position?: 'outside' | 'inside' | 'functional_area';
  /** The request is about a board (sign). */
  board?: boolean;
}

export interface Trigger {
  /** Chinese: 标题, 说明, 表格“…”, 专岗, 牌子. */
  section: string;
  words: string[];
  excerpt: string;
}

export interface RuleFinding {
  item: ItemRef;
  /** The pattern line that fired. */
  pattern: string;
  triggers: Trigger[];
}

interface Sentence {
  kind: SectionKind;
  label: string;
  text: string;
  /** Clause starts (positions after a comma etc.) for negation. */
}

const SENTENCE_SPLIT = /[。；;！!？?\n\r]+/;
const CLAUSE_BREAK = /[,，、:：;；。!！?？\n()（）“”"'‘’《》]/;
const POSITION_LABELS = { outside: '室外', inside: '室内', functional_area: '功能区入口' } as const;

/** The sentences of an input, by section, folded. */
export function sentencesOf(input: RuleInput): Sentence[] {
  const out: Sentence[] = [];
  const push = (kind: SectionKind, label: string, text: string) => {
    const t = foldText(text).replace(/\s+/g, '');
    if (t) out.push({ kind, label, text: t });
  };
  push('title', SECTION_LABELS.title, input.title);
  for (const s of (input.description ?? '').split(SENTENCE_SPLIT)) push('description', SECTION_LABELS.description, s);
  for (const f of input.forms ?? []) {
    const freq = FREQUENCY_LABELS[f.frequency as FormFrequency] ?? f.frequency;
    push('form', `表格“${f.name}”`, `${f.name},报送频次:${freq}${f.fields ? `,填报内容:${f.fields}` : ''}`);
  }
  if (input.dedicatedPost) push('post', SECTION_LABELS.post, '要求村级组织配备专人专岗');
  if (input.board)
    push(
      'board',
      SECTION_LABELS.board,
      `在村${input.position ? POSITION_LABELS[input.position] : ''}悬挂标识牌:${input.title}`,
    );
  return out;
}

const NEG = NEGATORS.map(foldText);

/** Is the word at `at` negated: a negator earlier in its clause, within 10 characters? */
function negated(text: string, at: number): boolean {
  if (!hasNegator(text)) return false;
  let start = at;
  while (start > 0 && at - start < 10 && !CLAUSE_BREAK.test(text[start - 1])) start--;
  if (start === at) return false;
  const before = text.slice(start, at);
  for (const n of NEG) if (before.includes(n)) return true;
  return false;
}

/** Whether a sentence holds any negation at all (most do not: then no word needs the clause check). */
let lastText = '';
let lastHas = false;
function hasNegator(text: string): boolean {
  if (text !== lastText) {
    lastText = text;
    lastHas = NEG.some((n) => text.includes(n));
  }
  return lastHas;
}

interface Hit {
  at: number;
  word: string;
}

/** Anchor words present in a sentence, each with its first non-negated position. */
function anchorsIn(rules: RuleSet, text: string): Map<string, Hit | null> {
  const found = new Map<string, Hit | null>();
  for (let i = 0; i < text.length; i++) {
    const list = rules.index.get(text.charCodeAt(i));
    if (!list) continue;
    for (const w of list) {
      if (!text.startsWith(w, i)) continue;
      const prev = found.get(w);
      if (prev) continue;
      const ok = !negated(text, i);
      if (ok) found.set(w, { at: i, word: w });
      else if (prev === undefined) found.set(w, null); // present, but only negated (so far)
    }
  }
  return found;
}

/** The first non-negated match of a sequence alternative in a sentence, or null. */
function altHit(alt: Alt, text: string, anchors: Map<string, Hit | null>): Hit | null {
  const re = alt.regex!;
  if (!alt.anchors.some((w) => anchors.has(w))) return null;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (!negated(text, m.index)) return { at: m.index, word: m[0] };
    re.lastIndex = m.index + 1;
  }
  return null;
}

/** What a sentence offers the rules: per (rule, condition), the earliest plain-word hit, and the sequences to try. */
interface SentenceHits {
  text: string;
  words: Map<string, Hit | null>;
  plain: Map<number, Hit>;
  sequences: Set<number>;
}

function hitsOf(rules: RuleSet, text: string): SentenceHits {
  const words = anchorsIn(rules, text);
  const plain = new Map<number, Hit>();
  const sequences = new Set<number>();
  for (const [w, h] of words)
    for (const p of rules.places.get(w)!) {
      if (p.seq) sequences.add(p.key);
      else if (h) {
        const prev = plain.get(p.key);
        if (!prev || h.at < prev.at) plain.set(p.key, h);
      }
    }
  return { text, words, plain, sequences };
}

/** The earliest non-negated plain word of the condition in the sentence, else a sequence's match, else null. */
function termHit(term: Term, key: number, s: SentenceHits): Hit | null {
  const h = s.plain.get(key);
  if (h) return h;
  if (!s.sequences.has(key)) return null;
  for (const a of term.sequences) {
    const m = altHit(a, s.text, s.words);
    if (m) return m;
  }
  return null;
}

function excerptOf(text: string, hits: Hit[]): string {
  if (text.length <= 60) return text;
  const from = Math.max(0, Math.min(...hits.map((h) => h.at)) - 12);
  const to = Math.min(text.length, Math.max(...hits.map((h) => h.at + h.word.length)) + 12);
  return `${from > 0 ? '…' : ''}${text.slice(from, to)}${to < text.length ? '…' : ''}`;
}

/**
 * Every prohibition that fires on the input, in rule order, one finding per item (the first pattern of
 * the item that fired, with the triggers of every sentence where it fired).
 */
export function evaluate(rules: RuleSet, input: RuleInput): RuleFinding[] {
  if (!rules.size) return [];
  const sentences = sentencesOf(input);
  const sets = sentences.map((s) => hitsOf(rules, s.text));
  const title = sentences[0]?.kind === 'title' ? 0 : -1;
  // Candidate rules: those whose every condition has one of its words somewhere in the input.
  const touched = new Map<number, Set<number>>();
  for (const set of sets)
    for (const w of set.words.keys())
      for (const p of rules.places.get(w)!) {
        if (p.exclude) continue;
        let terms = touched.get(p.rule);
        if (!terms) touched.set(p.rule, (terms = new Set()));
        terms.add(p.term);
      }
  const candidates: number[] = [];
  for (const [ri, terms] of touched) if (terms.size === rules.rules[ri].pattern.require.length) candidates.push(ri);
  const byItem = new Map<string, RuleFinding>();
  const order: string[] = [];
  for (const ri of candidates.sort((a, b) => a - b)) {
    const { item, pattern } = rules.rules[ri];
    const triggers: Trigger[] = [];
    sentences.forEach((s, si) => {
      if (pattern.scope && !pattern.scope.includes(s.kind)) return;
      const own = sets[si];
      const hits: { hit: Hit; fromTitle: boolean }[] = [];
      for (let ti = 0; ti < pattern.require.length; ti++) {
        const term = pattern.require[ti];
        const key = termKey(ri, ti, false);
        let h = termHit(term, key, own);
        let fromTitle = false;
        // A description sentence may take a condition from the title.
        if (!h && s.kind === 'description' && title >= 0 && (!pattern.scope || pattern.scope.includes('title'))) {
          h = termHit(term, key, sets[title]);
          fromTitle = h !== null;
        }
        if (!h) return;
        hits.push({ hit: h, fromTitle });
      }
      if (hits.every((h) => h.fromTitle)) return; // the title alone fires on its own sentence
      for (let ti = 0; ti < pattern.exclude.length; ti++) {
        const term = pattern.exclude[ti];
        const key = termKey(ri, ti, true);
        if (termHit(term, key, own)) return;
        if (hits.some((h) => h.fromTitle) && termHit(term, key, sets[title])) return;
      }
      const ownHits = hits.filter((h) => !h.fromTitle).map((h) => h.hit);
      triggers.push({
        section: s.label,
        words: unique(ownHits.map((h) => h.word)),
        excerpt: excerptOf(s.text, ownHits),
      });
      const borrowed = hits.filter((h) => h.fromTitle).map((h) => h.hit);
      if (borrowed.length && !triggers.some((t) => t.section === SECTION_LABELS.title))
        triggers.push({
          section: SECTION_LABELS.title,
          words: unique(borrowed.map((h) => h.word)),
          excerpt: excerptOf(sentences[title].text, borrowed),
        });
    });
    if (!triggers.length) continue;
    const prev = byItem.get(item.code);
    if (prev) {
      for (const t of triggers) {
        const same = prev.triggers.find((p) => p.section === t.section && p.excerpt === t.excerpt);
        if (same) same.words = unique([...same.words, ...t.words]);
        else prev.triggers.push(t);
      }
      continue;
    }
    byItem.set(item.code, { item, pattern: pattern.source, triggers });
    order.push(item.code);
  }
  return order.map((c) => byItem.get(c)!);
}

const unique = (xs: string[]) => [...new Set(xs)];

/** The triggering words of a finding, for a one-line explanation: “签订…责任状”“一票否决”. */
export function triggerWords(f: RuleFinding): string[] {
  return unique(f.triggers.flatMap((t) => t.words));
}
