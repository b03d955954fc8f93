/**
 * The matcher's reading (pinyin) fallback: the toneless syllables of each character, indexes of the
 * lexicon's content words by exact, loose and coarse syllables, and the cost of reading a stretch of
 * text as a word it sounds like (a homophone typed through a pinyin input method: 建在 for 健在).
 */
import { pinyin } from 'pinyin-pro';
import { CERT_WORDS, certWordAt, LEXICON, type LexEntry } from './matcher.lexicon.js';

// Declared before the tables built at module load that use them.
const readingCache = new Map<number, Reading>();
const SYLLABLE_IDS = new Map<string, number>();
const INITIALS = [
  'zh',
  'ch',
  'sh',
  'b',
  'p',
  'm',
  'f',
  'd',
  't',
  'n',
  'l',
  'g',
  'k',
  'h',
  'j',
  'q',
  'x',
  'r',
  'z',
  'c',
  's',
  'y',
  'w',
];

const COST_READING = 1.4; // a homophone of a known word: cheaper than two unknown characters, dearer than a word
const COST_LOOSE = 1.45; // one syllable only close (zh/z, en/eng …): a little dearer than an exact homophone
const COST_NEAR = 1.5; // one syllable with the same initial and ending (烟 yan for 姻 yin) in a long word

export interface Reading {
  /** Toneless pinyin ("zheng"), as an interned id. */
  exact: number;
  /** With zh/ch/sh → z/c/s and -ng → -n: the pairs a southern or hurried typist confuses. */
  loose: number;
  /** Initial (loose) and whether the syllable ends in a nasal: the coarsest key. */
  coarse: number;
}

function syllableId(key: string): number {
  let id = SYLLABLE_IDS.get(key);
  if (id === undefined) SYLLABLE_IDS.set(key, (id = SYLLABLE_IDS.size));
  return id;
}

function readingOfSyllable(syl: string): Reading {
  const initial = INITIALS.find((i) => syl.startsWith(i)) ?? '';
  const looseInitial = initial.length === 2 ? initial[0] : initial;
  let final = syl.slice(initial.length);
  const nasal = final.endsWith('n') || final.endsWith('ng');
  if (final.endsWith('ng')) final = final.slice(0, -1);
  return {
    exact: syllableId(syl),
    loose: syllableId(`~${looseInitial}${final}`),
    coarse: syllableId(`^${looseInitial}${nasal ? 'n' : ''}`),
  };
}

/** Toneless pinyin of one character, cached per character. */
export function readingOf(code: number): Reading {
  let r = readingCache.get(code);
  if (r === undefined) {
    r = readingOfSyllable(pinyin(String.fromCharCode(code), { toneType: 'none', type: 'array' })[0] ?? '');
    readingCache.set(code, r);
  }
  return r;
}

export type ReadingKey = 'exact' | 'loose' | 'coarse';

interface ReadingEntry {
  entry: LexEntry;
  readings: Reading[];
  /** One of the certificate words (证明 …): matched by reading even when short. */
  cert: boolean;
}

export interface ReadingNode {
  next: Map<number, ReadingNode>;
  entries: ReadingEntry[] | null;
}

/**
 * Content words of `minLength` or more characters and the certificate words, indexed by a key of their
 * syllables; which of them a text really sounds like is decided when it is read (readingCost).
 */
function buildReadingIndex(entries: Iterable<LexEntry>, key: ReadingKey, minLength: number): ReadingNode {
  const root: ReadingNode = { next: new Map(), entries: null };
  for (const e of entries) {
    const cert = CERT_WORDS.has(e.surface);
    if (e.surface.length < minLength || (!cert && e.role !== 'core' && e.role !== 'modifier')) continue;
    const readings: Reading[] = [];
    let node = root;
    for (let i = 0; i < e.surface.length; i++) {
      const r = readingOf(e.surface.charCodeAt(i));
      readings.push(r);
      let n = node.next.get(r[key]);
      if (!n) node.next.set(r[key], (n = { next: new Map(), entries: null }));
      node = n;
    }
    // Vocabulary order: on an equal reading the more common word (listed first) wins.
    (node.entries ??= []).push({ entry: e, readings, cert });
  }
  return root;
}

/**
 * The cost of reading s[at, at + word length) as the word, or 0 when it may not be read so. `reads`
 * holds the reading of each character of s.
 * - At least half of the characters must be the word's own: a slip replaces a character, rarely a whole
 *   word (建在 → 健在 yes; 事实 → 逝世 no).
 * - Every other character must sound like the word's, except one syllable in a word of three or more
 *   characters that is only loosely alike (zh/z, ch/c, sh/s, -ng/-n: 独身子女 → 独生子女), or, in a
 *   word of four or more whose other characters are all its own, one with the same initial and ending
 *   (婚烟状况 → 婚姻状况; 婚育状况 does not qualify: 育 has no nasal ending).
 * - Two-character words only when `minLength` allows, when a certificate word follows (see segment), or
 *   for the certificate words themselves (证名 → 证明).
 */
export function readingCost(s: string, reads: Reading[], at: number, re: ReadingEntry, minLength: number): number {
  const word = re.entry.surface;
  const len = word.length;
  if (!re.cert && len < minLength && !(len === 2 && certWordAt(s, at + 2))) return 0;
  let same = 0;
  let loose = 0;
  let near = 0;
  for (let k = 0; k < len; k++) {
    if (s.charCodeAt(at + k) === word.charCodeAt(k)) {
      same++;
      continue;
    }
    const r = reads[at + k];
    const w = re.readings[k];
    if (r.exact === w.exact) continue;
    if (r.loose === w.loose) loose++;
    else near++;
  }
  if (same * 2 < len) return 0;
  if (loose + near === 0) return COST_READING;
  if (loose + near > 1) return 0;
  if (loose === 1 && len >= 3) return COST_LOOSE;
  if (near === 1 && len >= 4 && same === len - 1) return COST_NEAR;
  return 0;
}

let indexes: Record<ReadingKey, ReadingNode> | null = null;
/**
 * The words by their readings, built on the first text read rather than at start-up: `exact` holds words by
 * their syllables (exact homophones); `loose` words of three or more characters by their loose syllables
 * (one loose syllable: 独身子女); `coarse` words of four or more by their coarse syllables (婚烟状况).
 */
export const readingIndexes = (): Record<ReadingKey, ReadingNode> =>
  (indexes ??= {
    exact: buildReadingIndex(LEXICON.values(), 'exact', 2),
    loose: buildReadingIndex(LEXICON.values(), 'loose', 3),
    coarse: buildReadingIndex(LEXICON.values(), 'coarse', 4),
  });
