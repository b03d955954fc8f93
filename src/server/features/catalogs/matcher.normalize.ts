/**
 * Text normalisation for the catalog matcher: fold (NFKC, lower case), then segment against the
 * vocabulary of matcher.synonyms.ts by dynamic programming (fewest pieces, unknown characters cost
 * more than known words), so that 开个人档案 reads 开 | 个人档案 and not 开个 | 人 | 档案.
 * Folding also maps traditional and variant characters to simplified ones (親屬關係 → 亲属关系).
 * Unknown runs of characters get a second chance by reading: a homophone typed through a pinyin
 * input method (建在 for 健在, 婚因 for 婚姻, 证名 for 证明) is replaced by the known word that sounds the
 * same; longer words also accept one syllable that is only close (独身子女 for 独生子女: en/eng).
 * A verb-object word split by an aspect particle (犯过罪, 离了婚) is read as the word (犯罪, 离婚).
 * Everything is built once at module load (folding, lexicon and trie in matcher.lexicon.ts, the reading
 * indexes in matcher.readings.ts); a call allocates only its own tokens.
 */
import { KIN_FRAME_WORDS, KIN_TERM, KIN_WORDS, type TermRole } from './matcher.synonyms.js';
import { CERT_WORDS, foldText, isHan, TRIE, type LexEntry, type TrieNode } from './matcher.lexicon.js';
import {
  readingIndexes,
  readingCost,
  readingOf,
  type Reading,
  type ReadingKey,
  type ReadingNode,
} from './matcher.readings.js';

export type TokenRole = TermRole | 'residual';

export interface Token {
  /** The text as typed (after folding; a word read by sound or split by 过/了 keeps what was typed). */
  surface: string;
  /** Canonical terms this piece stands for; a residual run stands for itself. */
  canon: string[];
  role: TokenRole;
  /** Set when the piece was recognised by its reading rather than its characters. */
  byReading?: boolean;
  /** The word 证明 (or 证明书 …): what stands right before it names the certificate. */
  certWord?: boolean;
  /** A clause break (comma, full stop, bracket …) stands right before this token. */
  clauseStart?: boolean;
}

const COST_WORD = 1;
const COST_STOP_CHAR = 1.1; // a one-character stop word yields to a content word on a tie
const COST_STOP_WORD = 0.95; // a longer stop word wins a tie: 党员身份|证明, not 党员|身份证明
const COST_UNKNOWN_CHAR = 1.6;

/** Aspect particles that split a verb-object word: 犯过罪 = 犯罪, 离了婚 = 离婚. */
const SPLIT_PARTICLES = new Set(['过', '了'].map((c) => c.charCodeAt(0)));
/** Punctuation that ends a clause ("无犯罪证明，找工作用": the purpose follows the comma). */
const CLAUSE_BREAKS = new Set([...',.;:!?、。()[]【】〔〕\n'].map((c) => c.charCodeAt(0)));

// ───────────────────────── segmentation ─────────────────────────

export interface TokenizeOptions {
  /**
   * Read unknown characters by their pinyin (for what people type; never for official item text).
   * Words of three or more characters are always tried; two-character words only right before a
   * certificate word (残急证明) or when nothing else in the text was recognised, because short
   * homophones are often real words (妇女 is not 父女). Loosely alike syllables (see readingCost) are
   * tried only when exact readings leave characters unknown.
   */
  readings?: boolean;
}

/** Segments text into tokens (stop words included, separators dropped). */
export function tokenize(text: string, opts: TokenizeOptions = {}): Token[] {
  const s = foldText(text);
  if (!opts.readings) return segment(s, 0, false);
  let tokens = segment(s, 3, false);
  const unknown = (t: Token) => t.role === 'residual';
  // Close (not exact) homophones only where exact reading leaves characters unknown.
  if (tokens.some(unknown)) tokens = segment(s, 3, true);
  if (tokens.some((t) => t.role === 'core') || !tokens.some(unknown)) return tokens;
  return segment(s, 2, true);
}

const KIND_WORD = 0;
const KIND_READING = 1; // read by its sound
const KIND_SPLIT = 2; // a verb-object word split by 过 / 了

/** Per-call work arrays, reused across calls (segmentation never re-enters itself). */
const scratch = {
  size: 0,
  starts: new Uint8Array(0),
  cost: new Float64Array(0),
  from: new Int32Array(0),
  kindAt: new Uint8Array(0),
  /** The reading of each character (filled only when readings are used). */
  reads: [] as Reading[],
  /** The entry that ends at each position: undefined = separator, null = unknown character. */
  entryAt: [] as (LexEntry | null | undefined)[],
};
function ensureScratch(n: number): void {
  if (n + 1 <= scratch.size) return;
  const size = Math.max(64, 2 * (n + 1));
  scratch.size = size;
  scratch.starts = new Uint8Array(size);
  scratch.cost = new Float64Array(size);
  scratch.from = new Int32Array(size);
  scratch.kindAt = new Uint8Array(size);
  scratch.entryAt = Array.from<LexEntry | null | undefined>({ length: size });
  scratch.reads = Array.from<Reading>({ length: size });
}

/**
 * `minReading`: shortest word that may be matched by its reading (0: none). A two-character word is
 * also read when a certificate word follows it (残急证明 → 残疾|证明): the head of a request is where a
 * slip matters and where a real homophone (房子建在… is not 健在) is least likely.
 */
function segment(s: string, minReading: number, fuzzy: boolean): Token[] {
  const n = s.length;
  const tokens: Token[] = [];
  if (n === 0) return tokens;
  // Which positions start a known word at all: a homophone may only be read over a stretch that
  // contains a character starting none (otherwise 的是 could be "read" as some word).
  ensureScratch(n);
  const { starts, cost, from, kindAt, entryAt, reads } = scratch;
  for (let i = 0; i < n; i++) {
    starts[i] = 0;
    let node: TrieNode | undefined = TRIE;
    for (let j = i; j < n && node; j++) {
      node = node.next.get(s.charCodeAt(j));
      if (node?.entry) {
        starts[i] = 1;
        break;
      }
    }
  }
  // A reading must span a character that starts no known word: no walk starts after the last one.
  let lastUnknown = -1;
  if (minReading > 0) for (let i = 0; i < n; i++) if (!starts[i] && isHan(s.charCodeAt(i))) lastUnknown = i;
  if (lastUnknown >= 0) for (let i = 0; i < n; i++) reads[i] = readingOf(s.charCodeAt(i));
  else minReading = 0;
  cost.fill(Infinity, 0, n + 1);
  cost[0] = 0;
  const relax = (i: number, j: number, c: number, e: LexEntry | null | undefined, kind: number) => {
    if (c < cost[j]) {
      cost[j] = c;
      from[j] = i;
      entryAt[j] = e;
      kindAt[j] = kind;
    }
  };
  for (let i = 0; i < n; i++) {
    const base = cost[i];
    if (base === Infinity) continue;
    const c = s.charCodeAt(i);
    if (!isHan(c)) {
      relax(i, i + 1, base, undefined, KIND_WORD);
      continue;
    }
    relax(i, i + 1, base + COST_UNKNOWN_CHAR, null, KIND_WORD);
    let node: TrieNode | undefined = TRIE;
    for (let j = i; j < n; j++) {
      node = node.next.get(s.charCodeAt(j));
      if (!node) break;
      const e = node.entry;
      if (e)
        relax(
          i,
          j + 1,
          base + (e.role !== 'stop' ? COST_WORD : e.surface.length === 1 ? COST_STOP_CHAR : COST_STOP_WORD),
          e,
          KIND_WORD,
        );
    }
    // 犯过罪 → 犯罪: a two-character content word with an aspect particle inside.
    if (i + 2 < n && SPLIT_PARTICLES.has(s.charCodeAt(i + 1))) {
      const e = TRIE.next.get(c)?.next.get(s.charCodeAt(i + 2))?.entry;
      if (e && e.role === 'core') relax(i, i + 3, base + COST_WORD, e, KIND_SPLIT);
    }
    if (minReading > 0 && i <= lastUnknown) {
      readWords(s, reads, i, readingIndexes().exact, 'exact', minReading, base, starts, relax);
      if (fuzzy) {
        readWords(s, reads, i, readingIndexes().loose, 'loose', minReading, base, starts, relax);
        readWords(s, reads, i, readingIndexes().coarse, 'coarse', minReading, base, starts, relax);
      }
    }
  }
  // Walk back, merging consecutive unknown characters into runs.
  let runEnd = -1;
  for (let end = n; end > 0;) {
    const start = from[end];
    const e = entryAt[end];
    if (e === null) {
      if (runEnd < 0) runEnd = end;
    } else {
      if (runEnd >= 0) {
        tokens.push(residual(s.slice(end, runEnd)));
        runEnd = -1;
      }
      if (e) {
        const kind = kindAt[end];
        const t: Token = {
          surface: kind === KIND_WORD ? e.surface : s.slice(start, end),
          canon: e.canon,
          role: e.role,
        };
        if (kind === KIND_READING) t.byReading = true;
        if (CERT_WORDS.has(e.surface)) t.certWord = true;
        tokens.push(t);
      } else if (CLAUSE_BREAKS.has(s.charCodeAt(start)) && tokens.length > 0) {
        tokens[tokens.length - 1].clauseStart = true;
      }
    }
    end = start;
  }
  if (runEnd >= 0) tokens.push(residual(s.slice(0, runEnd)));
  tokens.reverse();
  applyKinFrame(tokens);
  return tokens;
}

/** Offers every word of `index` that s[i …] may be read as (see readingCost) to the segmenter. */
function readWords(
  s: string,
  reads: Reading[],
  i: number,
  index: ReadingNode,
  key: ReadingKey,
  minReading: number,
  base: number,
  starts: Uint8Array,
  relax: (i: number, j: number, c: number, e: LexEntry, kind: number) => void,
): void {
  let rnode: ReadingNode | undefined = index;
  let sawUnknown = false;
  for (let j = i; j < s.length && rnode; j++) {
    const cj = s.charCodeAt(j);
    if (!isHan(cj)) break;
    if (!starts[j]) sawUnknown = true;
    const r = reads[j];
    rnode = rnode.next.get(key === 'exact' ? r.exact : key === 'loose' ? r.loose : r.coarse);
    const list = rnode?.entries;
    if (!list || !sawUnknown) continue;
    for (const re of list) {
      const rc = readingCost(s, reads, i, re, minReading);
      if (rc > 0) relax(i, j + 1, base + rc, re.entry, KIND_READING);
    }
  }
}

const KIN = new Set(KIN_WORDS.map(foldText));
const KIN_FRAME = new Set(KIN_FRAME_WORDS.map(foldText));

/**
 * "证明我妈是我妈", "证明他是我儿子": no subject word, but a copula between two persons, one of them
 * kin. Such a request is about kinship; the frame is replaced by that term.
 */
function applyKinFrame(tokens: Token[]): void {
  let frame = -1;
  for (let i = 0; i < tokens.length; i++) {
    const r = tokens[i].role;
    if (r === 'core' || r === 'modifier' || r === 'residual') return;
    if (frame < 0 && r === 'stop' && KIN_FRAME.has(tokens[i].surface)) frame = i;
  }
  if (frame < 0) return;
  let before = -1;
  let after = -1;
  for (let i = 0; i < frame; i++) if (tokens[i].role === 'person' && before < 0) before = i;
  for (let i = tokens.length - 1; i > frame; i--) if (tokens[i].role === 'person' && after < 0) after = i;
  if (before < 0 || after < 0) return;
  let kin = false;
  for (let i = before; i <= after; i++) if (tokens[i].role === 'person' && KIN.has(tokens[i].surface)) kin = true;
  if (!kin) return;
  const surface = tokens
    .slice(before, after + 1)
    .map((t) => t.surface)
    .join('');
  tokens.splice(before, after - before + 1, { surface, canon: [KIN_TERM], role: 'core' });
}

const residual = (run: string): Token => ({ surface: run, canon: [run], role: 'residual' });

/**
 * The request with affixes, question frames, measure words and the word 证明 removed, as typed
 * (no synonym rewriting): "我想开个亲属关系的证明，可以吗？" → "亲属关系".
 */
export function normalizeText(text: string): string {
  return joinSurfaces(tokenize(text, { readings: true }));
}

export function joinSurfaces(tokens: Token[]): string {
  let out = '';
  for (const t of tokens) if (t.role !== 'stop') out += t.surface;
  return out;
}

/** Canonical terms of a text in order, e.g. "我爸去世了" → ["人", "死亡"]. */
export function canonicalTerms(text: string): string[] {
  const out: string[] = [];
  for (const t of tokenize(text, { readings: true })) if (t.role !== 'stop') out.push(...t.canon);
  return out;
}
