/** One line of `npm run bench`: a measured figure beside a baseline measured in the same run. */
export interface BenchResult {
  name: string;
  ms: number;
  baselineName: string;
  baselineMs: number;
  /** ms ÷ baselineMs */
  ratio: number;
  /** The target in words, e.g. "< 100 ms and ≤ 3× baseline". */
  target: string;
  pass: boolean;
  extra?: string;
}

/** Median of `runs` timings of fn after `warmup` untimed calls, in ms. */
export function timeMedian(fn: () => unknown, runs = 7, warmup = 2): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** A small deterministic PRNG (mulberry32) so generated plans are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
