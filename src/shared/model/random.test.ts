import { describe, expect, it } from 'vitest';
import { runKey, streamKey, triangular, triangularCdf, uniform, uniformAt } from './random';

describe('the seeded random numbers', () => {
  it('give the same draws for the same seed, run, stream and index, and lie strictly between 0 and 1', () => {
    for (let r = 0; r < 200; r++) {
      const u = uniform(42, r, 7, 3);
      expect(u).toBe(uniform(42, r, 7, 3));
      expect(u).toBe(uniformAt(runKey(42, r), 7, 3));
      expect(u).toBeGreaterThan(0);
      expect(u).toBeLessThan(1);
    }
  });

  it('are the same numbers on every machine: pinned values of the integer hash', () => {
    // Only 32-bit integer arithmetic and one division by 2³² make these, so they were checked
    // against the same chain of hashes computed with arbitrary-precision integers. If they change,
    // every seed gives different numbers from before.
    expect([uniform(42, 0, 1), uniform(42, 1, 1), uniform(1, 0, 1), uniform(42, 0, 2)].map((u) => Math.round(u * 2 ** 32 - 0.5))).toEqual(PINNED);
  });

  it('differ between seeds, runs, streams and indexes', () => {
    const draws = new Set<number>();
    for (const seed of [1, 2])
      for (let run = 0; run < 50; run++)
        for (const stream of [streamKey(1, 1), streamKey(1, 2), streamKey(2, 1)]) for (const i of [0, 1]) draws.add(uniform(seed, run, stream, i));
    expect(draws.size).toBe(2 * 50 * 3 * 2);
  });

  it('are uniform: 100,000 draws fall evenly in 20 bins (chi-square below the 99.9 % point of 43.8 for 19 degrees of freedom)', () => {
    const bins = new Array<number>(20).fill(0);
    const n = 100_000;
    for (let r = 0; r < n; r++) bins[Math.floor(uniform(7, r, 99) * 20)]!++;
    const expected = n / 20;
    const chi2 = bins.reduce((s, b) => s + (b - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(43.8);
  });

  it('are independent between streams: two streams over 20,000 runs are uncorrelated (|r| < 0.03)', () => {
    const n = 20_000;
    let sx = 0;
    let sy = 0;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let r = 0; r < n; r++) {
      const x = uniform(3, r, streamKey(4, 1));
      const y = uniform(3, r, streamKey(4, 2));
      sx += x;
      sy += y;
      sxy += x * y;
      sxx += x * x;
      syy += y * y;
    }
    const cov = sxy / n - (sx / n) * (sy / n);
    const corr = cov / Math.sqrt((sxx / n - (sx / n) ** 2) * (syy / n - (sy / n) ** 2));
    expect(Math.abs(corr)).toBeLessThan(0.03);
  });
});

describe('the triangular distribution', () => {
  it('inverts its CDF: hand-worked values of triangular(0.5, 1, 2)', () => {
    // Width 1.5; F(1) = 0.5 / 1.5 = 1/3. Below the mode x = 0.5 + √(u × 1.5 × 0.5), above it x = 2 − √((1 − u) × 1.5 × 1).
    expect(triangular(0.5, 1, 2, 0.1)).toBeCloseTo(0.5 + Math.sqrt(0.075), 14);
    expect(triangular(0.5, 1, 2, 1 / 3)).toBeCloseTo(1, 14);
    expect(triangular(0.5, 1, 2, 0.5)).toBeCloseTo(2 - Math.sqrt(0.75), 14);
    expect(triangular(0.5, 1, 2, 0.9)).toBeCloseTo(2 - Math.sqrt(0.15), 14);
    for (const u of [0.01, 0.2, 0.4, 0.77, 0.99]) expect(triangularCdf(0.5, 1, 2, triangular(0.5, 1, 2, u))).toBeCloseTo(u, 12);
  });

  it('gives the central value exactly for a zero-width range, whatever the draw', () => {
    for (const u of [1e-10, 0.3, 0.999999]) {
      expect(triangular(0.1, 0.1, 0.1, u)).toBe(0.1);
      expect(triangular(1, 1, 1, u)).toBe(1);
    }
  });

  it('stays within its range and handles a mode at either end', () => {
    for (let i = 1; i < 100; i++) {
      const u = i / 100;
      expect(triangular(0, 0, 1, u)).toBeGreaterThanOrEqual(0);
      expect(triangular(0, 1, 1, u)).toBeLessThanOrEqual(1);
      expect(triangular(2, 3, 5, u)).toBeGreaterThan(2);
      expect(triangular(2, 3, 5, u)).toBeLessThan(5);
    }
  });
});

/** The same hash worked out independently (arbitrary-precision integers, masked to 32 bits). */
const PINNED = [348707229, 2213192568, 229114496, 2665612966];
