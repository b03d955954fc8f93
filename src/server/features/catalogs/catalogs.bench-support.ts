/**
 * Benchmark hooks for the lead's bench runner: how long the effective catalog of a village takes to
 * compute (one database load + the layering fold), and how long a match takes once the matcher of that
 * version is cached. Pure measurement: nothing is written except the version snapshot.
 */
import { performance } from 'node:perf_hooks';
import type { Deps } from '../../deps.js';
import { effectiveFor, matchInRegion, recordVersion, today } from './catalogs.service.js';
import { clearMatcherCache } from './catalogs.matching.js';

export interface TimingStats {
  iterations: number;
  meanMs: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const round = (x: number) => Math.round(x * 1000) / 1000;

function stats(samples: number[]): TimingStats {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return {
    iterations: s.length,
    meanMs: round(s.reduce((a, b) => a + b, 0) / s.length),
    p50Ms: round(at(0.5)),
    p95Ms: round(at(0.95)),
    maxMs: round(s[s.length - 1]),
  };
}

/** Times the effective-catalog computation for a region (default: today, internal view). */
export async function measureEffectiveCatalog(
  deps: Deps,
  regionCode: string,
  opts: { iterations?: number; date?: string; view?: 'internal' | 'public' } = {},
) {
  const iterations = opts.iterations ?? 50;
  const date = opts.date ?? today(deps);
  const first = await effectiveFor(deps, regionCode, date, opts.view);
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await effectiveFor(deps, regionCode, date, opts.view);
    samples.push(performance.now() - t0);
  }
  return {
    regionCode,
    date,
    itemCount: first.items.length,
    catalogCount: first.active.length,
    catalogVersion: await recordVersion(deps, first),
    ...stats(samples),
  };
}

/** Times matching free text in a region: the first call builds the matcher, the rest hit the cache. */
export async function measureMatch(deps: Deps, regionCode: string, queries: string[], opts: { rounds?: number } = {}) {
  clearMatcherCache();
  const t0 = performance.now();
  await matchInRegion(deps, regionCode, queries[0] ?? '证明');
  const coldMs = performance.now() - t0;
  const samples: number[] = [];
  for (let r = 0; r < (opts.rounds ?? 5); r++) {
    for (const q of queries) {
      const t1 = performance.now();
      await matchInRegion(deps, regionCode, q);
      samples.push(performance.now() - t1);
    }
  }
  return { regionCode, coldMs: round(coldMs), ...stats(samples) };
}
