import { describe, expect, it } from 'vitest';
import { StampedCache } from './stamped-cache.js';

describe('StampedCache', () => {
  it('keeps values while the stamp stays, drops them all on a new stamp, and bounds count and weight', async () => {
    const db = {};
    const c = new StampedCache<string>({ maxEntries: 3, maxWeight: 80, weigh: (v) => v.length });
    let produced = 0;
    const produce = (v: string) => async () => (produced++, v);
    expect(await c.getOrProduce(db, 's1', 'a', produce('x'.repeat(5)))).toBe('xxxxx');
    expect(await c.getOrProduce(db, 's1', 'a', produce('other'))).toBe('xxxxx');
    expect(produced).toBe(1);
    expect(c.get(db, 's2', 'a')).toBeUndefined(); // a new stamp starts afresh
    for (const k of ['a', 'b', 'c', 'd']) c.set(db, 's2', k, k);
    expect(c.get(db, 's2', 'a')).toBeUndefined(); // oldest evicted by count
    expect(c.get(db, 's2', 'd')).toBe('d');
    c.set(db, 's2', 'big', 'y'.repeat(70)); // over an eighth of the weight: not kept
    expect(c.get(db, 's2', 'big')).toBeUndefined();
    c.set(db, 's2', 'mid', 'z'.repeat(9));
    expect(c.get(db, 's2', 'mid')).toBe('z'.repeat(9));
    expect(c.get({}, 's2', 'mid')).toBeUndefined(); // per handle
  });
});
