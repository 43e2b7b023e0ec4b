import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PercentileTaker, percentilesOf } from './percentiles';

/** The definition, written the slow way: sort, then interpolate at (n − 1) × p (Excel's PERCENTILE.INC). */
function bySorting(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const h = (s.length - 1) * p;
  const k = Math.floor(h);
  return k + 1 < s.length ? s[k]! + (h - k) * (s[k + 1]! - s[k]!) : s[k]!;
}

describe('percentiles', () => {
  it('match Excel’s PERCENTILE.INC on a small hand-worked series', () => {
    // Sorted: 1 2 3 4 10. P10 at h = 0.4: 1 + 0.4 × (2 − 1) = 1.4; P50 at h = 2: 3; P90 at h = 3.6: 4 + 0.6 × 6 = 7.6.
    const [p10, p50, p90] = percentilesOf(Float64Array.from([10, 3, 1, 4, 2]));
    expect(p10).toBeCloseTo(1.4, 12);
    expect(p50).toBe(3);
    expect(p90).toBeCloseTo(7.6, 12);
  });

  it('equal the sorted definition for any series: ties, constants, outliers, one value', () => {
    const series = fc.oneof(
      fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 400 }),
      fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 300 }),
      // Values bunched far from one outlier: nearly everything lands in one bucket.
      fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 50, maxLength: 300 }).map((a) => [...a, 1e9]),
    );
    fc.assert(
      fc.property(series, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 4 }), (values, ps) => {
        const sorted = [...ps].sort((a, b) => a - b);
        const out = new Float64Array(sorted.length);
        new PercentileTaker(values.length).take(Float64Array.from(values), sorted, out);
        sorted.forEach((p, i) => expect(out[i]).toBe(bySorting(values, p)));
      }),
      { numRuns: 500, seed: 20261201 },
    );
  });

  it('reuse their working space: many series in turn give the same answers as one at a time', () => {
    const taker = new PercentileTaker(1000);
    const out = new Float64Array(3);
    for (let s = 0; s < 20; s++) {
      const values = Float64Array.from({ length: 1000 }, (_v, i) => Math.sin(i * (s + 1)) * 100 + s);
      taker.take(values, [0.1, 0.5, 0.9], out);
      expect(Array.from(out)).toEqual([0.1, 0.5, 0.9].map((p) => bySorting(Array.from(values), p)));
    }
  });

  it('give the same answers when told the range of the values beforehand', () => {
    const taker = new PercentileTaker(500);
    const a = new Float64Array(3);
    const b = new Float64Array(3);
    for (let s = 1; s <= 10; s++) {
      const values = Float64Array.from({ length: 500 }, (_v, i) => Math.cos(i * s) * 50 + (i % 7));
      taker.take(values, [0.1, 0.5, 0.9], a);
      taker.takeWithin(values, Math.min(...values), Math.max(...values), [0.1, 0.5, 0.9], b);
      expect(Array.from(b)).toEqual(Array.from(a));
    }
  });

  it('leave the values where they were', () => {
    const values = Float64Array.from([5, 1, 4, 2, 3]);
    percentilesOf(values);
    expect(Array.from(values)).toEqual([5, 1, 4, 2, 3]);
  });
});
