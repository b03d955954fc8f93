/**
 * Matcher terms: tokens (matcher.normalize.ts) turned into weighted terms, for the query (its head word
 * boosted) and for every item name and alias; and the shapes the matcher indexes them into (a variant per
 * name or alias, an item's scope rules). Pure.
 */
import { CANON_ROLE, foldText } from './matcher.lexicon.js';
import type { Token, TokenRole } from './matcher.normalize.js';

const ROLE_WEIGHT: Record<TokenRole, number> = {
  core: 1,
  modifier: 0.45,
  residual: 0.5,
  generic: 0.12,
  context: 0.15,
  person: 0.05,
  stop: 0,
};

export interface Term {
  key: string;
  role: TokenRole;
  /** Role weight before IDF; a residual run shares its weight among its bigrams. */
  base: number;
  /** What the user typed for it (for reasons). */
  surface: string;
  byReading: boolean;
  /** Part of the query's head word (its last content word). */
  head: boolean;
  /** A single character of an unknown run: helps a partial match, never selects an item. */
  weak: boolean;
}

export interface Variant {
  item: number;
  label: string; // the name or alias this variant was built from
  isAlias: boolean;
  weights: Map<string, number>;
  total: number;
  heads: Set<string>;
  /** Terms that select the variant only as a related candidate (ItemHint.weakHeads). */
  weakHeads: Set<string> | null;
  /** Built from a related alias: a hit makes the item a related candidate only. */
  related: boolean;
}

/** Scope rules of an item (from its hint). */
export interface ItemRules {
  scope: string[] | null;
  scopeNote: string;
  rivals: string[] | null;
  rivalNote: string;
  relatedNote: string;
}

/**
 * The query's head. When the last "证明" is used as a verb with its object in the same clause
 * ("要村里证明场地", "证明我没有犯过罪"), the last content word of that object; otherwise the last content
 * word before the last "证明" that follows one ("无犯罪证明，找工作用" → 无犯罪), else the last core or
 * unknown word, else the last modifier. -1 when there is none.
 */
const isContent = (t: Token) => t.role === 'core' || t.role === 'residual';
function headIndex(tokens: Token[]): number {
  let lastCert = -1;
  for (let i = tokens.length - 1; i >= 0 && lastCert < 0; i--) if (tokens[i].certWord) lastCert = i;
  if (lastCert >= 0) {
    let object = -1;
    for (let i = lastCert + 1; i < tokens.length && !tokens[i].clauseStart; i++) if (isContent(tokens[i])) object = i;
    if (object >= 0) return object;
  }
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (!tokens[i].certWord) continue;
    for (let j = i - 1; j >= 0; j--) if (isContent(tokens[j])) return j;
  }
  for (let i = tokens.length - 1; i >= 0; i--) if (isContent(tokens[i])) return i;
  for (let i = tokens.length - 1; i >= 0; i--) if (tokens[i].role === 'modifier') return i;
  return -1;
}

/** Splits tokens into weighted terms. `headBoost` weights the query's head word. */
export function termsOf(tokens: Token[], headBoost: number): Term[] {
  const head = headBoost === 1 ? -1 : headIndex(tokens);
  const out: Term[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.role === 'stop') continue;
    const isHead = i === head;
    const boost = isHead ? headBoost : 1;
    if (t.role === 'residual') {
      const s = t.surface;
      const base = { role: 'residual' as const, surface: s, byReading: false, head: isHead };
      if (s.length === 1) out.push({ ...base, key: s, base: ROLE_WEIGHT.residual * 0.6 * boost, weak: false });
      else {
        // A run's weight grows slowly with its length; 70% goes to its bigrams, 30% to its characters.
        const run = ROLE_WEIGHT.residual * Math.min(s.length - 1, 2.2) * boost;
        for (let k = 0; k + 1 < s.length; k++)
          out.push({ ...base, key: s.slice(k, k + 2), base: (0.7 * run) / (s.length - 1), weak: false });
        for (let k = 0; k < s.length; k++) out.push({ ...base, key: s[k], base: (0.3 * run) / s.length, weak: true });
      }
      continue;
    }
    for (const c of t.canon) {
      const role = CANON_ROLE.get(c) ?? t.role;
      out.push({
        key: c,
        role,
        base: ROLE_WEIGHT[role] * boost,
        surface: t.surface,
        byReading: t.byReading === true,
        head: isHead,
        weak: false,
      });
    }
  }
  return out;
}

/** Strips brackets and their content: "社区戒毒社区康复人员情况证明（表现证明）" → "社区戒毒社区康复人员情况证明". */
export function withoutBracketed(name: string): string {
  return foldText(name).replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '');
}
