/**
 * Catalog matcher: a free-text name ("开个亲属关系的证明", "禁毒专干") → the catalog items it most
 * likely means, each with a score and a reason in Chinese. Pure: no database, no I/O.
 *
 * How a score is made
 * 1. Both the query and every item name (plus its everyday aliases) are segmented and rewritten to
 *    canonical terms (matcher.normalize.ts, matcher.synonyms.ts). Unknown stretches of text become
 *    character bigrams.
 * 2. Each term is weighted by its role (core > modifier > generic/context/person) and by an IDF-like
 *    factor over the item names, so a word found in many items counts less.
 * 3. An item qualifies only if the query contains one of the item's head terms (by default its core
 *    terms): "居住证明" does not select "在职党员干部到居住地报到情况反馈" just because both say 居住.
 * 4. score = 0.6·(share of the query explained by the item) + 0.25·(share of the item covered)
 *    + 0.15·(the query's head word, its last content word, is in the item). Explaining more of the
 *    query wins first, so "收养人婚姻状况证明" goes to the adoption item; on equal explanation the
 *    tighter item wins, so "婚姻状况证明" goes to 婚姻状况证明.
 * 5. Catch-all items ("其他依法依规需要出具的证明事项") are never candidates.
 * 6. Scoped items (the positive list's items are each for certain people or purposes) qualify only
 *    when the query names their scope (学生 for the student-activity item, 党员 for the 报到 item …) and
 *    none of their rival purposes (征兵, 公务员 … for the party-development item). Otherwise, and for
 *    wording that is close to an item but not named by it (收入证明 next to 居民财产证明), the item is
 *    returned as a related candidate (`related: true`, reason "相近事项：…") with its score capped below the
 *    threshold, so the verdict stays unlisted while the desk can still show the near item.
 * 7. Below the threshold the result is unlisted: the UI must then follow the path for certificates on
 *    neither list (basis, deliberation, sign-off) rather than pretend a match.
 */
import type { CatalogKind } from '../../../shared/catalogs.js';
import { CANON_ROLE, foldText, joinSurfaces, tokenize, type Token, type TokenRole } from './matcher.normalize.js';
import { ITEM_HINTS } from './matcher.synonyms.js';

export interface MatchableItem {
  code: string;
  name: string;
  kind: CatalogKind;
  catalogId: string;
  catalogTitle: string;
  basis: string | null;
  alternativeChannel: string | null;
  catchAll?: boolean;
  aliases?: string[];
}

export interface MatchCandidate {
  code: string;
  name: string;
  kind: CatalogKind;
  catalogId: string;
  score: number;
  /** Chinese, e.g. 名称与“亲属关系证明”核心词“亲属关系”一致 */
  reason: string;
  /**
   * Set on a related item: close to the request but not what it names, or outside the item's scope.
   * Its score is capped below the threshold; the reason starts with 相近事项.
   */
  related?: true;
}

export interface MatchResult {
  best: MatchCandidate | null;
  /** Top 5 qualifying items, score descending (may include items below the threshold). */
  candidates: MatchCandidate[];
  unlisted: boolean;
  /** The request with affixes, question frames and the word 证明 removed (as typed, before synonyms). */
  normalized: string;
  /** Canonical terms the request was reduced to, for display and debugging. */
  terms: string[];
  /** The threshold the result was judged against. */
  threshold: number;
}

export interface Matcher {
  match(text: string, kinds?: readonly CatalogKind[], opts?: { readings?: boolean }): MatchResult;
}

export const CERTIFICATE_KINDS: readonly CatalogKind[] = ['certificate', 'negative_certificate'];
export const DEFAULT_THRESHOLD = 0.6;

const ROLE_WEIGHT: Record<TokenRole, number> = {
  core: 1,
  modifier: 0.45,
  residual: 0.5,
  generic: 0.12,
  context: 0.15,
  person: 0.05,
  stop: 0,
};
const HEAD_BOOST = 1.5;
/** A related candidate keeps this share of its score, and stays below this share of the threshold. */
const RELATED_FACTOR = 0.5;
const RELATED_CAP = 0.9;
const W_QUERY = 0.6;
const W_ITEM = 0.25;
const W_HEAD = 0.15;
const MAX_CANDIDATES = 5;

interface Term {
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

interface Variant {
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
interface ItemRules {
  scope: string[] | null;
  scopeNote: string;
  rivals: string[] | null;
  rivalNote: string;
  relatedNote: string;
}

interface Prepared {
  item: MatchableItem;
  kindBit: number;
  rules: ItemRules | null;
  /** The folded name, for reasons. */
  folded: string;
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
function termsOf(tokens: Token[], headBoost: number): Term[] {
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
function withoutBracketed(name: string): string {
  return foldText(name).replace(/\([^)]*\)|\[[^\]]*\]|【[^】]*】|〔[^〕]*〕/g, '');
}

const HINTS = new Map(Object.entries(ITEM_HINTS).map(([k, v]) => [foldText(k), v]));

/**
 * Builds a matcher over the given items. All segmentation, weighting and indexing happens here, once.
 * `threshold` (default 0.6) is the lowest score accepted as a match.
 */
export function createMatcher(items: MatchableItem[], opts: { threshold?: number } = {}): Matcher {
  const threshold = opts.threshold ?? DEFAULT_THRESHOLD;
  const prepared: Prepared[] = [];
  const rawVariants: {
    item: number;
    label: string;
    isAlias: boolean;
    related: boolean;
    terms: Term[];
    heads: string[] | undefined;
    weakHeads: string[] | undefined;
  }[] = [];
  const df = new Map<string, number>();

  items.forEach((item) => {
    if (item.catchAll) return; // a bucket, never a match target
    const index = prepared.length;
    const hint = HINTS.get(foldText(item.name));
    const rules: ItemRules | null =
      hint && (hint.scope || hint.rivals || hint.related || hint.weakHeads)
        ? {
            scope: hint.scope?.length ? hint.scope : null,
            scopeNote: hint.scopeNote ?? '请求未说明该事项适用的对象',
            rivals: hint.rivals?.length ? hint.rivals : null,
            rivalNote: hint.rivalNote ?? '属其他用途',
            relatedNote: hint.related?.note ?? '',
          }
        : null;
    prepared.push({ item, kindBit: kindBit(item.kind), rules, folded: foldText(item.name) });
    // [label, isAlias, related]
    const labels: [string, boolean, boolean][] = [[item.name, false, false]];
    const stripped = withoutBracketed(item.name);
    if (stripped !== foldText(item.name)) labels.push([stripped, false, false]);
    for (const a of [...(hint?.aliases ?? []), ...(item.aliases ?? [])]) labels.push([a, true, false]);
    for (const a of hint?.related?.aliases ?? []) labels.push([a, true, true]);
    const seenInItem = new Set<string>();
    for (const [label, isAlias, related] of labels) {
      const terms = termsOf(tokenize(label), 1);
      if (terms.length === 0) continue;
      // A related alias is selected by its own core words, not by the item's heads.
      rawVariants.push({
        item: index,
        label,
        isAlias,
        related,
        terms,
        heads: related ? undefined : hint?.heads,
        weakHeads: related ? undefined : hint?.weakHeads,
      });
      for (const t of terms) seenInItem.add(t.key);
    }
    for (const k of seenInItem) df.set(k, (df.get(k) ?? 0) + 1);
  });

  const n = Math.max(prepared.length, 1);
  const maxIdf = Math.log(1 + n / 0.5);
  /**
   * IDF-like factor in [0.5, 1]: words found in many items count less, unseen words count fully.
   * Filler, context and person words are already light; they get a flat factor.
   */
  const idf = (key: string, role: TokenRole) =>
    role === 'core' || role === 'modifier' || role === 'residual'
      ? 0.5 + (0.5 * Math.log(1 + n / ((df.get(key) ?? 0) + 0.5))) / maxIdf
      : 0.75;

  const variants: Variant[] = rawVariants.map((v) => {
    const weights = new Map<string, number>();
    for (const t of v.terms) weights.set(t.key, Math.max(weights.get(t.key) ?? 0, t.base * idf(t.key, t.role)));
    let total = 0;
    for (const w of weights.values()) total += w;
    let heads: Set<string>;
    if (v.heads) heads = new Set(v.heads.filter((h) => weights.has(h)));
    else {
      // Context words (救助, 低保 …) never decide a certificate, but they are what a service item is about.
      heads = new Set(
        v.terms
          .filter((t) => !t.weak && (t.role === 'core' || t.role === 'residual' || t.role === 'context'))
          .map((t) => t.key),
      );
      if (heads.size === 0) heads = new Set(weights.keys());
    }
    const weakHeads = v.weakHeads ? new Set(v.weakHeads.filter((h) => weights.has(h))) : null;
    return {
      item: v.item,
      label: v.label,
      isAlias: v.isAlias,
      weights,
      total,
      heads,
      weakHeads: weakHeads?.size ? weakHeads : null,
      related: v.related,
    };
  });

  // Inverted index: term → variants holding it.
  const postings = new Map<string, number[]>();
  variants.forEach((v, vi) => {
    for (const k of v.weights.keys()) {
      let list = postings.get(k);
      if (!list) postings.set(k, (list = []));
      list.push(vi);
    }
  });

  // Per-call scratch space, reused (a matcher is used from one thread at a time).
  const matchedQ = new Float64Array(variants.length);
  const matchedI = new Float64Array(variants.length);
  const headHit = new Uint8Array(variants.length);
  const qualifies = new Uint8Array(variants.length);
  const isTouched = new Uint8Array(variants.length);
  const touched: number[] = [];
  const itemBest = new Float64Array(prepared.length).fill(-1);
  const itemVariant = new Int32Array(prepared.length);
  /** Why an item's best variant is only related: 0 no, 1 related alias, 2 scope missing, 3 rival purpose. */
  const itemWhy = new Uint8Array(prepared.length);
  const itemsTouched: number[] = [];
  const relatedCap = RELATED_CAP * threshold;

  function match(text: string, kinds?: readonly CatalogKind[], opts?: { readings?: boolean }): MatchResult {
    const tokens = tokenize(text, { readings: opts?.readings ?? true });
    const normalized = joinSurfaces(tokens);
    const qTerms = termsOf(tokens, HEAD_BOOST);
    // Merge duplicate keys (keep the heavier), weight by IDF.
    const qKeys: string[] = [];
    const qWeight: number[] = [];
    const qHead: boolean[] = [];
    let qTotal = 0;
    let content = false;
    for (const t of qTerms) {
      const w = t.base * idf(t.key, t.role);
      const isHead = t.head;
      if (t.role !== 'generic' && t.role !== 'person') content = true;
      const at = qKeys.indexOf(t.key);
      if (at >= 0) {
        if (w > qWeight[at]) {
          qTotal += w - qWeight[at];
          qWeight[at] = w;
        }
        qHead[at] = qHead[at] || isHead;
        continue;
      }
      qKeys.push(t.key);
      qWeight.push(w);
      qHead.push(isHead);
      qTotal += w;
    }
    const terms = qTerms.filter((t) => t.role !== 'residual').map((t) => t.key);

    const empty: MatchResult = { best: null, candidates: [], unlisted: true, normalized, terms, threshold };
    if (!content || qTotal === 0) return empty;

    const mask = kinds ? kinds.reduce((m, k) => m | kindBit(k), 0) : -1;

    for (let qi = 0; qi < qKeys.length; qi++) {
      const list = postings.get(qKeys[qi]);
      if (!list) continue;
      for (const vi of list) {
        if (!(prepared[variants[vi].item].kindBit & mask)) continue;
        if (!isTouched[vi]) {
          isTouched[vi] = 1;
          touched.push(vi);
        }
        const v = variants[vi];
        matchedQ[vi] += qWeight[qi];
        matchedI[vi] += v.weights.get(qKeys[qi]) ?? 0;
        if (qHead[qi]) headHit[vi] = 1;
        if (v.heads.has(qKeys[qi])) qualifies[vi] = 1;
        else if (v.weakHeads?.has(qKeys[qi]) && !qualifies[vi]) qualifies[vi] = 2;
      }
    }

    for (const vi of touched) {
      if (qualifies[vi]) {
        const v = variants[vi];
        const it = v.item;
        let score = W_QUERY * (matchedQ[vi] / qTotal) + W_ITEM * (matchedI[vi] / v.total) + W_HEAD * headHit[vi];
        // 1 related alias, 2 scope missing (or only a weak head), 3 rival purpose; 0 a real match.
        let why = v.related ? 1 : outOfScope(prepared[it].rules, qKeys);
        if (why === 0 && qualifies[vi] === 2) why = 2;
        if (why) score = Math.min(score * RELATED_FACTOR, relatedCap);
        if (itemBest[it] < 0) itemsTouched.push(it);
        // Prefer the official name over an alias on a tie.
        if (
          score > itemBest[it] + 1e-9 ||
          (Math.abs(score - itemBest[it]) <= 1e-9 && variants[itemVariant[it]].isAlias && !v.isAlias)
        ) {
          itemBest[it] = score;
          itemVariant[it] = vi;
          itemWhy[it] = why;
        }
      }
      matchedQ[vi] = 0;
      matchedI[vi] = 0;
      headHit[vi] = 0;
      qualifies[vi] = 0;
      isTouched[vi] = 0;
    }
    touched.length = 0;

    itemsTouched.sort((a, b) => itemBest[b] - itemBest[a] || a - b);
    const top = itemsTouched.slice(0, MAX_CANDIDATES);
    const candidates = top.map((it): MatchCandidate => {
      const v = variants[itemVariant[it]];
      const { item, rules, folded } = prepared[it];
      const c: MatchCandidate = {
        code: item.code,
        name: item.name,
        kind: item.kind,
        catalogId: item.catalogId,
        score: Math.round(itemBest[it] * 1000) / 1000,
        reason: itemWhy[it]
          ? explainRelated(item, rules, itemWhy[it], qKeys, qTerms)
          : explain(item, folded, v, qTerms),
      };
      if (itemWhy[it]) c.related = true;
      return c;
    });
    for (const it of itemsTouched) itemBest[it] = -1;
    itemsTouched.length = 0;

    const first = candidates[0];
    const accepted = first !== undefined && first.score >= threshold && !first.related;
    return { best: accepted ? first : null, candidates, unlisted: !accepted, normalized, terms, threshold };
  }

  return { match };
}

/**
 * Certificate verdict for a request: 'positive' (villages issue it), 'negative' (on the list of
 * certificates villages must not issue) or 'unlisted' (neither: needs a basis and sign-off).
 * Looks at the best certificate-kind candidate that reaches the threshold, so it works whether or not
 * match() was restricted to CERTIFICATE_KINDS.
 */
export function certificateVerdict(r: MatchResult): 'positive' | 'negative' | 'unlisted' {
  for (const c of r.candidates) {
    if (c.score < r.threshold) break;
    if (c.related) continue; // only a hint (scores are capped below the threshold; this guards threshold 0)
    if (c.kind === 'certificate') return 'positive';
    if (c.kind === 'negative_certificate') return 'negative';
  }
  return 'unlisted';
}

/** 0 when the item's scope rules allow the query; 2 when its scope word is missing; 3 when a rival purpose is named. */
function outOfScope(rules: ItemRules | null, qKeys: string[]): number {
  if (!rules) return 0;
  if (rules.rivals) for (const k of qKeys) if (rules.rivals.includes(k)) return 3;
  if (rules.scope && !rules.scope.some((k) => qKeys.includes(k))) return 2;
  return 0;
}

/** The reason for a related candidate: 相近事项：“…”——why it is not this item. */
function explainRelated(
  item: MatchableItem,
  rules: ItemRules | null,
  why: number,
  qKeys: string[],
  qTerms: Term[],
): string {
  const head = `相近事项：“${item.name}”`;
  if (why === 3 && rules?.rivals) {
    const rival = qKeys.find((k) => rules.rivals!.includes(k)) ?? '';
    const surface = qTerms.find((t) => t.key === rival)?.surface ?? rival;
    return `${head}——请求用于“${surface}”，${rules.rivalNote}`;
  }
  if (why === 2 && rules) return `${head}——${rules.scopeNote}`;
  return `${head}——${rules?.relatedNote || '请求与该事项相近，但不是该事项本身'}`;
}

const KIND_BITS = new Map<CatalogKind, number>();
function kindBit(kind: CatalogKind): number {
  let b = KIND_BITS.get(kind);
  if (b === undefined) KIND_BITS.set(kind, (b = 1 << KIND_BITS.size));
  return b;
}

function addOnce(list: string[], s: string): void {
  if (!list.includes(s)) list.push(s);
}

/** A short Chinese explanation of why the item matched (built only for returned candidates). */
function explain(item: MatchableItem, name: string, v: Variant, qTerms: Term[]): string {
  const matchedCore: string[] = [];
  const matchedOther: string[] = [];
  const unexplained: string[] = [];
  const rewrites = new Map<string, { keys: string[]; byReading: boolean }>();
  const seen = new Set<string>();
  // A piece of the request is unexplained only if none of its terms is in the item (残急证 read as
  // 残疾证 matched 残疾 even if 证件 is not in the item).
  const explained = new Set<string>();
  for (const t of qTerms) if (v.weights.has(t.key)) explained.add(t.surface);
  for (const t of qTerms) {
    if (seen.has(t.key)) continue;
    seen.add(t.key);
    if (t.role === 'residual') {
      if (v.weights.has(t.key)) addOnce(matchedOther, t.surface);
      else if (!explained.has(t.surface)) addOnce(unexplained, t.surface);
      continue;
    }
    if (!v.weights.has(t.key)) {
      if ((t.role === 'core' || t.role === 'modifier') && !explained.has(t.surface)) addOnce(unexplained, t.surface);
      continue;
    }
    // Quote the user's own word when the item says it too; otherwise the canonical word, and why.
    const literal = !t.byReading && name.includes(t.surface);
    addOnce(t.role === 'core' && v.heads.has(t.key) ? matchedCore : matchedOther, literal ? t.surface : t.key);
    if (!literal && t.surface !== t.key) {
      const r = rewrites.get(t.surface) ?? { keys: [], byReading: t.byReading };
      r.keys.push(t.key);
      rewrites.set(t.surface, r);
    }
  }
  const words = matchedCore.length ? matchedCore : matchedOther;
  let reason = `名称与“${item.name}”${matchedCore.length ? '核心词' : '关键词'}“${words.join('、')}”一致`;
  if (v.isAlias) reason += `（常用说法“${v.label}”）`;
  if (rewrites.size)
    reason += `；${[...rewrites].map(([s, r]) => `“${s}”${r.byReading ? '按读音' : ''}视为“${r.keys.join('、')}”`).join('，')}`;
  if (matchedCore.length && matchedOther.length) reason += `；另有“${matchedOther.join('、')}”相符`;
  if (unexplained.length) reason += `；“${unexplained.join('、')}”未在该事项中出现`;
  return reason;
}

// ───────────────────────── evaluation on labelled names ─────────────────────────

const ratio = (a: number, b: number) => (b === 0 ? 1 : a / b);

export type CertificateVerdict = ReturnType<typeof certificateVerdict>;

export interface LabelledName {
  q: string;
  verdict: CertificateVerdict;
  code: string | null;
  note?: string;
}

export interface VerdictStats {
  /** Rows labelled with this verdict. */
  support: number;
  /** Rows predicted with this verdict. */
  predicted: number;
  precision: number;
  recall: number;
}

export interface MatcherEvaluation {
  rows: number;
  /** Exact verdict (positive / negative / unlisted). */
  verdictAccuracy: number;
  /** The issue decision: positive vs anything else. */
  issueAccuracy: number;
  /** Top-1 code over rows that have a code. */
  top1Accuracy: number;
  rowsWithCode: number;
  perVerdict: Record<CertificateVerdict, VerdictStats>;
  misses: {
    q: string;
    want: CertificateVerdict;
    wantCode: string | null;
    got: CertificateVerdict;
    gotCode: string | null;
  }[];
}

/**
 * Scores a matcher on labelled names. The predicted code is that of the certificate item behind the
 * verdict (null when unlisted).
 */
export function evaluateMatcher(
  matcher: Matcher,
  rows: readonly LabelledName[],
  kinds: readonly CatalogKind[] | undefined = CERTIFICATE_KINDS,
): MatcherEvaluation {
  const verdicts: CertificateVerdict[] = ['positive', 'negative', 'unlisted'];
  const tally = Object.fromEntries(verdicts.map((v) => [v, { support: 0, predicted: 0, correct: 0 }])) as Record<
    CertificateVerdict,
    { support: number; predicted: number; correct: number }
  >;
  let verdictOk = 0;
  let issueOk = 0;
  let codeOk = 0;
  let withCode = 0;
  const misses: MatcherEvaluation['misses'] = [];
  for (const row of rows) {
    const r = matcher.match(row.q, kinds);
    const got = certificateVerdict(r);
    const gotCode =
      got === 'unlisted' ? null : (r.candidates.find((c) => CERTIFICATE_KINDS.includes(c.kind))?.code ?? null);
    tally[row.verdict].support++;
    tally[got].predicted++;
    if (got === row.verdict) {
      verdictOk++;
      tally[got].correct++;
    }
    if ((got === 'positive') === (row.verdict === 'positive')) issueOk++;
    if (row.code) {
      withCode++;
      if (gotCode === row.code) codeOk++;
    }
    if (got !== row.verdict || (row.code !== null && gotCode !== row.code))
      misses.push({ q: row.q, want: row.verdict, wantCode: row.code, got, gotCode });
  }
  const perVerdict = Object.fromEntries(
    verdicts.map((v) => {
      const t = tally[v];
      return [
        v,
        {
          support: t.support,
          predicted: t.predicted,
          precision: ratio(t.correct, t.predicted),
          recall: ratio(t.correct, t.support),
        },
      ];
    }),
  ) as Record<CertificateVerdict, VerdictStats>;
  return {
    rows: rows.length,
    verdictAccuracy: ratio(verdictOk, rows.length),
    issueAccuracy: ratio(issueOk, rows.length),
    top1Accuracy: ratio(codeOk, withCode),
    rowsWithCode: withCode,
    perVerdict,
    misses,
  };
}
