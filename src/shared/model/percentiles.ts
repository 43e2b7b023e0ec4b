/**
 * Percentiles of simulated values. The definition is the one Excel's PERCENTILE.INC uses (R's
 * type 7): with the n values sorted, the p-th percentile is at position h = (n − 1) × p,
 * interpolated linearly between the values either side of h.
 *
 * Exact, without sorting: the values are counted into equal-width buckets between their minimum
 * and maximum (a bucket's index never decreases as the value grows, so the k-th smallest value
 * lies in the bucket where the running count passes k), and only the few values in the buckets
 * that hold the wanted positions are sorted. A cell-year's 1,000 runs take a few microseconds;
 * quickselect's unpredictable branches cost several times that, and a simulation takes
 * thousands of these.
 */

/** The three percentiles the app reports: P10, P50 (the median) and P90. */
export const REPORTED_PERCENTILES = [0.1, 0.5, 0.9] as const;

/** Reusable working space for percentiles of series of up to `capacity` values. */
export class PercentileTaker {
  /** About four values a bucket: fewer buckets cost more sorting, more cost more counting. */
  private readonly buckets: number;
  private readonly counts: Int32Array;
  /** Each value's bucket, from the counting pass. */
  private readonly bucketOf: Uint16Array;
  /** For each bucket: 1 + the slot its values are gathered into, or 0 when not wanted. */
  private readonly slotOf: Int32Array;
  private readonly gathered: Float64Array;
  private readonly rank = new Int32Array(16);
  private readonly bucketOfRank = new Int32Array(16);
  private readonly slotStart = new Int32Array(17);
  private readonly slotFill = new Int32Array(17);

  constructor(capacity: number) {
    this.buckets = Math.min(4096, Math.max(16, Math.floor(capacity / 4)));
    this.counts = new Int32Array(this.buckets);
    this.slotOf = new Int32Array(this.buckets);
    this.bucketOf = new Uint16Array(Math.max(1, capacity));
    this.gathered = new Float64Array(Math.max(1, capacity));
  }

  /**
   * Writes the percentiles `ps` (fractions in ascending order, at most 8) of `values` to
   * out[0..ps.length). `values` is only read. An empty series gives NaN.
   */
  take(values: Float64Array, ps: readonly number[], out: Float64Array): void {
    const n = values.length;
    if (n === 0) {
      out.fill(Number.NaN, 0, ps.length);
      return;
    }
    let min = values[0]!;
    let max = min;
    for (let i = 1; i < n; i++) {
      const v = values[i]!;
      if (v < min) min = v;
      else if (v > max) max = v;
    }
    this.takeWithin(values, min, max, ps, out);
  }

  /** As take(), for a caller that already knows the values' minimum and maximum (it saves a pass). */
  takeWithin(values: Float64Array, min: number, max: number, ps: readonly number[], out: Float64Array): void {
    const n = values.length;
    if (n === 0) {
      out.fill(Number.NaN, 0, ps.length);
      return;
    }
    if (!(max > min)) {
      out.fill(min, 0, ps.length);
      return;
    }
    const B = this.buckets;
    const top = B - 1;
    const scale = B / (max - min);
    const { counts, bucketOf, slotOf, rank, bucketOfRank, slotStart, slotFill } = this;
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      // (v − min) × scale is never negative, so truncation is the floor.
      const b = ((values[i]! - min) * scale) | 0;
      const c = b < top ? b : top;
      bucketOf[i] = c;
      counts[c]!++;
    }
    // The positions wanted, ⌊h⌋ and ⌊h⌋ + 1 for each percentile (ascending), and the bucket of
    // each, in one walk up the counts.
    const wanted = ps.length * 2;
    for (let q = 0; q < ps.length; q++) {
      const k = Math.floor((n - 1) * ps[q]!);
      rank[2 * q] = k;
      rank[2 * q + 1] = k + 1 < n ? k + 1 : n - 1;
    }
    let slots = 0;
    let seen = 0;
    let b = 0;
    for (let w = 0; w < wanted; w++) {
      const r = rank[w]!;
      while (seen + counts[b]! <= r) seen += counts[b++]!;
      bucketOfRank[w] = b;
      if (slotOf[b] === 0) {
        slotOf[b] = ++slots;
        slotStart[slots] = seen;
        slotFill[slots] = seen;
      }
    }
    // Gather the wanted buckets' values where they would sit sorted (a bucket starts at the count before it).
    const g = this.gathered;
    for (let i = 0; i < n; i++) {
      const s = slotOf[bucketOf[i]!]!;
      if (s !== 0) g[slotFill[s]!++] = values[i]!;
    }
    // Insertion sort of each gathered bucket (a handful of values each), or the built-in sort
    // for a crowded one (values bunched far from an outlier).
    for (let s = 1; s <= slots; s++) {
      const from = slotStart[s]!;
      const to = slotFill[s]!;
      if (to - from > 48) {
        g.subarray(from, to).sort();
        continue;
      }
      for (let i = from + 1; i < to; i++) {
        const v = g[i]!;
        let j = i - 1;
        while (j >= from && g[j]! > v) {
          g[j + 1] = g[j]!;
          j--;
        }
        g[j + 1] = v;
      }
    }
    for (let q = 0; q < ps.length; q++) {
      const h = (n - 1) * ps[q]!;
      const k = rank[2 * q]!;
      const at = g[k]!;
      const frac = h - k;
      out[q] = frac > 0 ? at + frac * (g[rank[2 * q + 1]!]! - at) : at;
    }
    for (let w = 0; w < wanted; w++) slotOf[bucketOfRank[w]!] = 0;
  }
}

/** The percentiles `ps` of `values` (a one-off; use a PercentileTaker for many series). */
export function percentilesOf(values: Float64Array, ps: readonly number[] = REPORTED_PERCENTILES): number[] {
  const out = new Float64Array(ps.length);
  new PercentileTaker(values.length).take(values, ps, out);
  return Array.from(out);
}
