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
import { foldText } from './matcher.lexicon.js';
import { parsePatterns, type Alt, type ParsedPattern, type Term } from './rules.parse.js';
import { NEGATORS, SECTION_LABELS, type SectionKind } from './rules.vocabulary.js';

export { assertPatterns, parsePattern, parsePatterns, PatternError, type ParsedPattern } from './rules.parse.js';
export { NEGATORS, PATTERN_HELP, SECTION_LABELS, SECTIONS, WORD_GROUPS, type SectionKind } from './rules.vocabulary.js';

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
  // Content-addressed: the same items with the same patterns compile once (a view is built per request).
  const key = JSON.stringify(items.map((i) => [i.code, i.name, i.catalogId, i.catalogTitle, i.basis, i.patterns]));
  const hit = compiled.get(key);
  if (hit) return hit;
  const set = compileRulesUncached(items);
  compiled.set(key, set);
  if (compiled.size > 16) compiled.delete(compiled.keys().next().value!);
  return set;
}

const compiled = new Map<string, RuleSet>();
/** Forgets the compiled rule sets (benchmarks time a cold view build). */
export const clearCompiledRules = () => compiled.clear();

/** Compiles without the memo (what a new catalog version costs; benchmarks measure it). */
export function compileRulesUncached(items: readonly RuleItem[]): RuleSet {
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
