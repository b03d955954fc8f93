/**
 * The matcher's vocabulary as built once at module load from matcher.synonyms.ts: text folding (NFKC,
 * lower case, traditional and variant characters → simplified), the lexicon of surfaces with their
 * canonical terms and roles, and the trie the segmenter walks (matcher.normalize.ts).
 */
import {
  CERTIFICATE_WORDS,
  CONCEPTS,
  PHRASES,
  STOP_PHRASES,
  VARIANT_CHARS,
  type TermRole,
} from './matcher.synonyms.js';

export interface LexEntry {
  surface: string;
  canon: string[];
  role: TermRole;
}

export interface TrieNode {
  next: Map<number, TrieNode>;
  entry: LexEntry | null;
}

const newNode = (): TrieNode => ({ next: new Map(), entry: null });
const ROLE_RANK: Record<TermRole, number> = { stop: 0, person: 1, context: 2, generic: 3, modifier: 4, core: 5 };

/**
 * Traditional / variant character → simplified, as a table over the Basic Multilingual Plane (0: keep).
 * Built before the lexicon, which is folded with it.
 */
const VARIANT_TABLE: Uint16Array = buildVariantTable();

function buildVariantTable(): Uint16Array {
  const table = new Uint16Array(0x10000);
  for (const line of VARIANT_CHARS)
    for (const group of line.split(' ')) {
      const [simplified, ...variants] = [...group];
      for (const v of variants) {
        const code = v.charCodeAt(0);
        const prev = table[code];
        if (v.length !== 1 || simplified.length !== 1)
          throw new Error(`matcher variants: ${group} is not a group of BMP characters`);
        if (prev !== 0 && prev !== simplified.charCodeAt(0))
          throw new Error(`matcher variants: ${v} folds to two characters`);
        table[code] = simplified.charCodeAt(0);
      }
    }
  return table;
}

/** NFKC (full-width → half-width), lower case, traditional and variant characters → simplified. */
export function foldText(text: string): string {
  const s = text.normalize('NFKC').toLowerCase();
  for (let i = 0; i < s.length; i++) {
    if (VARIANT_TABLE[s.charCodeAt(i)] === 0) continue;
    let out = s.slice(0, i);
    for (let j = i; j < s.length; j++) {
      const c = s.charCodeAt(j);
      const to = VARIANT_TABLE[c];
      out += String.fromCharCode(to === 0 ? c : to);
    }
    return out;
  }
  return s;
}

/** Han characters are the only meaningful ones; everything else separates words. */
export function isHan(c: number): boolean {
  return (c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff);
}

/** Role of each canonical term (core, modifier, …). */
export const CANON_ROLE: ReadonlyMap<string, TermRole> = buildCanonRoles();
export const LEXICON: ReadonlyMap<string, LexEntry> = buildLexicon();

export const TRIE = buildTrie(LEXICON.values());
export const CERT_WORDS = new Set(CERTIFICATE_WORDS.map(foldText));
const CERT_LIST = [...CERT_WORDS];
/** Does a certificate word start at `at`? */
export const certWordAt = (s: string, at: number) => CERT_LIST.some((w) => s.startsWith(w, at));
function buildCanonRoles(): Map<string, TermRole> {
  const roles = new Map<string, TermRole>();
  for (const c of CONCEPTS) {
    const prev = roles.get(c.canon);
    if (prev && prev !== c.role) throw new Error(`matcher vocabulary: ${c.canon} has two roles`);
    roles.set(c.canon, c.role);
  }
  return roles;
}

function buildLexicon(): Map<string, LexEntry> {
  const lex = new Map<string, LexEntry>();
  const add = (surface: string, entry: LexEntry) => {
    const key = foldText(surface);
    if (lex.has(key)) throw new Error(`matcher vocabulary: "${surface}" is defined twice`);
    lex.set(key, { ...entry, surface: key });
  };
  for (const c of CONCEPTS) for (const s of c.surfaces) add(s, { surface: s, canon: [c.canon], role: c.role });
  for (const p of PHRASES) {
    for (const t of p.canon)
      if (!CANON_ROLE.has(t)) throw new Error(`matcher vocabulary: phrase ${p.surface} uses unknown term ${t}`);
    add(p.surface, { surface: p.surface, canon: p.canon, role: strongestRole(p.canon) });
  }
  for (const s of STOP_PHRASES) add(s, { surface: s, canon: [], role: 'stop' });
  return lex;
}

function strongestRole(canon: string[]): TermRole {
  let best: TermRole = 'stop';
  for (const t of canon) {
    const r = CANON_ROLE.get(t) ?? 'stop';
    if (ROLE_RANK[r] > ROLE_RANK[best]) best = r;
  }
  return best;
}

function buildTrie(entries: Iterable<LexEntry>): TrieNode {
  const root = newNode();
  for (const e of entries) {
    let node = root;
    for (let i = 0; i < e.surface.length; i++) {
      const c = e.surface.charCodeAt(i);
      let n = node.next.get(c);
      if (!n) node.next.set(c, (n = newNode()));
      node = n;
    }
    node.entry = e;
  }
  return root;
}
