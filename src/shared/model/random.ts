/**
 * Seeded random numbers for the simulation, counter-based: a draw is a hash of (seed, run,
 * stream, index), not the next state of a generator. So a draw never depends on the order of
 * the draws before it: any run can be recomputed on its own, and adding an input to a plan does
 * not shift the draws of the others. The hash chains MurmurHash3's 32-bit finaliser (the same
 * mixing step SplitMix uses) over the four words; only 32-bit integer arithmetic (Math.imul,
 * shifts, xor) is involved, so the same seed gives the same numbers on every machine.
 */

/** MurmurHash3's finaliser: a bijection on 32-bit integers with full avalanche. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const GOLDEN = 0x9e3779b9;

/** A 32-bit key for a stream from small integers (an input kind and an id, say). */
export function streamKey(a: number, b: number, c = 0): number {
  return fmix32(fmix32(fmix32(a + GOLDEN) ^ (b >>> 0)) + Math.imul(c >>> 0, GOLDEN)) >>> 0;
}

/** The part of a draw's hash that depends only on (seed, run): worked out once per run. */
export function runKey(seed: number, run: number): number {
  const h = fmix32((seed >>> 0) ^ GOLDEN);
  return fmix32((h + Math.imul(run >>> 0, 0x85ebca77)) >>> 0);
}

/** uniform(seed, run, stream, index) from runKey(seed, run). */
export function uniformAt(key: number, stream: number, index = 0): number {
  const h = fmix32((fmix32((key ^ (stream >>> 0)) >>> 0) + Math.imul((index >>> 0) + 1, 0xc2b2ae3d)) >>> 0);
  return (h + 0.5) / 4294967296;
}

/**
 * A uniform draw in the open interval (0, 1), from 2³² equally spaced values: the same
 * (seed, run, stream, index) always gives the same number.
 */
export function uniform(seed: number, run: number, stream: number, index = 0): number {
  return uniformAt(runKey(seed, run), stream, index);
}

/**
 * The value at cumulative probability u of a triangular distribution with minimum `low`, mode
 * `central` and maximum `high` (its inverse CDF). A zero-width range gives `central` exactly,
 * whatever u; so do sides that are NaN. Requires low ≤ central ≤ high.
 */
export function triangular(low: number, central: number, high: number, u: number): number {
  const width = high - low;
  if (!(width > 0)) return central;
  const left = central - low;
  if (u * width < left) return low + Math.sqrt(u * width * left);
  return high - Math.sqrt((1 - u) * width * (high - central));
}

/** The cumulative probability of x under triangular(low, central, high) (for tests and the README's worked example). */
export function triangularCdf(low: number, central: number, high: number, x: number): number {
  if (x <= low) return 0;
  if (x >= high) return 1;
  const width = high - low;
  if (x <= central) return ((x - low) * (x - low)) / (width * (central - low));
  return 1 - ((high - x) * (high - x)) / (width * (high - central));
}
