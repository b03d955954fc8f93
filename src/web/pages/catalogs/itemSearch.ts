import { useEffect, useState } from 'react';

/**
 * Client-side item search: name, code, and pinyin initials of the name (qsgxzm → 亲属关系证明).
 * pinyin-pro is large, so it is loaded on first use of a Latin query, never with the page itself
 * (and never with the login bundle).
 */
type Initials = (text: string) => string;

let loader: Promise<Initials> | null = null;
const cache = new Map<string, string>();

function loadInitials(): Promise<Initials> {
  loader ??= import('pinyin-pro').then(({ pinyin }) => (text: string) => {
    let v = cache.get(text);
    if (v === undefined) {
      v = pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'removed' }).join('').toLowerCase();
      if (cache.size > 20_000) cache.clear();
      cache.set(text, v);
    }
    return v;
  });
  return loader;
}

const LATIN = /^[a-z]+$/i;

/** A predicate for `q` (null when the query is empty: show everything). */
export function useItemMatcher(q: string): ((item: { name: string; code: string }) => boolean) | null {
  const query = q.trim().toLowerCase().replace(/\s+/g, '');
  const [initials, setInitials] = useState<Initials | null>(null);
  const latin = LATIN.test(query);
  useEffect(() => {
    if (latin && !initials) void loadInitials().then((fn) => setInitials(() => fn));
  }, [latin, initials]);
  if (!query) return null;
  return (item) => {
    if (item.name.toLowerCase().includes(query) || item.code.toLowerCase().includes(query)) return true;
    return latin && !!initials && initials(item.name).includes(query);
  };
}
