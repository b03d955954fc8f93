/**
 * Parsing the pattern language of the prohibition rules (see rules.ts for the language): one line into a
 * ParsedPattern, a whole field into patterns and Chinese errors with their line numbers.
 */
import { foldText } from './matcher.lexicon.js';
import { SECTION_BY_LABEL, SECTION_LABELS, SECTIONS, WORD_GROUPS, type SectionKind } from './rules.vocabulary.js';

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
export interface Alt {
  /** As written (for explanations). */
  source: string;
  /** Literal words any of which must occur for the alternative to be possible (index keys). */
  anchors: string[];
  /** Set when the alternative is not a plain word. */
  regex: RegExp | null;
}

export interface Term {
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
