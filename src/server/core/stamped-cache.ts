/**
 * Values kept per database handle while a stamp stays the same (a catalog generation, a SQLite change
 * stamp). Read the stamp before the data it guards: a value is then never older than its stamp, and a
 * new stamp drops every entry. Bounded by entry count and, optionally, by total weight (oldest first).
 * Values are shared between callers, who treat them as read-only.
 */
export class StampedCache<V> {
  #byHandle = new WeakMap<object, { stamp: string; weight: number; entries: Map<string, V> }>();

  constructor(private readonly limits: { maxEntries: number; maxWeight?: number; weigh?: (v: V) => number }) {}

  #current(handle: object, stamp: string) {
    let c = this.#byHandle.get(handle);
    if (!c || c.stamp !== stamp) this.#byHandle.set(handle, (c = { stamp, weight: 0, entries: new Map() }));
    return c;
  }

  get(handle: object, stamp: string, key: string): V | undefined {
    return this.#current(handle, stamp).entries.get(key);
  }

  set(handle: object, stamp: string, key: string, value: V): void {
    const c = this.#current(handle, stamp);
    const { maxEntries, maxWeight = Infinity, weigh } = this.limits;
    const w = weigh?.(value) ?? 0;
    if (w > maxWeight / 8) return; // one huge value would evict everything else
    c.entries.set(key, value);
    c.weight += w;
    for (const [k, v] of c.entries) {
      if (c.entries.size <= maxEntries && c.weight <= maxWeight) break;
      c.entries.delete(k);
      c.weight -= weigh?.(v) ?? 0;
    }
  }

  /** The cached value, or `produce()`'s (kept for this stamp). */
  async getOrProduce(handle: object, stamp: string, key: string, produce: () => Promise<V>): Promise<V> {
    const hit = this.get(handle, stamp, key);
    if (hit !== undefined) return hit;
    const value = await produce();
    this.set(handle, stamp, key, value);
    return value;
  }
}
