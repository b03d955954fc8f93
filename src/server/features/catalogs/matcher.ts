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
 *
 * Terms and their weights are made in matcher.terms.ts, the reasons in matcher.reasons.ts; scoring on
 * labelled names is matcher.eval.ts.
 */
import type { CatalogKind, CertificateVerdict } from '../../../shared/catalogs.js';
import { foldText } from './matcher.lexicon.js';
import { joinSurfaces, tokenize, type TokenRole } from './matcher.normalize.js';
import { termsOf, withoutBracketed, type ItemRules, type Term, type Variant } from './matcher.terms.js';
import { explain, explainRelated } from './matcher.reasons.js';
import { ITEM_HINTS } from './matcher.synonyms.js';

export interface MatchableItem {
  code: string;
  name: string;
  kind: CatalogKind;
  catalogId: string;
  catalogTitle: string;
  /** Legal or policy basis (document, article where known). */
  basis: string | null;
  /** Official alternative channel (negative items), only where the source gives it. */
  alternativeChannel: string | null;
  /** The positive list's bucket item; never a match. */
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

const HEAD_BOOST = 1.5;
/** A related candidate keeps this share of its score, and stays below this share of the threshold. */
const RELATED_FACTOR = 0.5;
const RELATED_CAP = 0.9;
const W_QUERY = 0.6;
const W_ITEM = 0.25;
const W_HEAD = 0.15;
const MAX_CANDIDATES = 5;

interface Prepared {
  item: MatchableItem;
  kindBit: number;
  rules: ItemRules | null;
  /** The folded name, for reasons. */
  folded: string;
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
export function certificateVerdict(r: MatchResult): CertificateVerdict {
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

const KIND_BITS = new Map<CatalogKind, number>();
function kindBit(kind: CatalogKind): number {
  let b = KIND_BITS.get(kind);
  if (b === undefined) KIND_BITS.set(kind, (b = 1 << KIND_BITS.size));
  return b;
}
