import { useSearchParams } from 'react-router';

type Patch = Record<string, string | undefined>;

/**
 * The address's query parameters, and `set(patch)` to change some of them: a value sets its parameter,
 * `undefined` or '' removes it. The change replaces the history entry unless `{ replace: false }`.
 */
export function useSearchPatch() {
  const [params, setParams] = useSearchParams();
  const set = (patch: Patch, { replace = true }: { replace?: boolean } = {}) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch))
      if (v) next.set(k, v);
      else next.delete(k);
    setParams(next, { replace });
  };
  return [params, set] as const;
}
