/**
 * The Chinese reason given with each candidate the matcher returns: which words of the request the item
 * shares (and which were rewritten or read by sound), or why a close item is only related.
 */
import type { ItemRules, Term, Variant } from './matcher.terms.js';

/** The reason for a related candidate: 相近事项：“…”——why it is not this item. */
export function explainRelated(
  item: { name: string },
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

function addOnce(list: string[], s: string): void {
  if (!list.includes(s)) list.push(s);
}

/** A short Chinese explanation of why the item matched (built only for returned candidates). */
export function explain(item: { name: string }, name: string, v: Variant, qTerms: Term[]): string {
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
