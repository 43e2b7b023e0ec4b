import os from 'node:os';

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
  /** What `ms` and `baselineMs` hold when they are not milliseconds. */
  unit?: 'KB';
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

/** Median wall-clock and CPU time of one function over interleaved runs, ms. */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

const cpuNow = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/**
 * Times several functions fairly on a shared, noisy machine: after `warmup` untimed rounds and
 * one full GC (when node runs with --expose-gc), each of `runs` rounds runs every function once,
 * in turn (the order alternating from round to round), so all of them see the same load. The
 * GC each one's own garbage causes lands in its own runs. (A forced GC before every run would
 * instead leave the plan's objects out of the CPU caches and charge that to whichever function
 * reads them.) Returns the median wall-clock time and the median CPU time of this process
 * (user + system, including V8's GC threads) of each, in ms. CPU time is what the code costs;
 * wall-clock also counts the time spent waiting for a core while other jobs run.
 */
export function timeInterleaved(fns: readonly (() => unknown)[], runs = 15, warmup = 3): Timing[] {
  const wall = fns.map(() => [] as number[]);
  const cpu = fns.map(() => [] as number[]);
  for (let r = 0; r < warmup; r++) for (const fn of fns) fn();
  (globalThis as { gc?: () => void }).gc?.();
  for (let r = 0; r < runs; r++) {
    for (let j = 0; j < fns.length; j++) {
      const i = r % 2 === 0 ? j : fns.length - 1 - j;
      const c0 = cpuNow();
      const t0 = performance.now();
      fns[i]!();
      const t1 = performance.now();
      const c1 = cpuNow();
      wall[i]!.push(t1 - t0);
      cpu[i]!.push(c1 - c0);
    }
  }
  return fns.map((_f, i) => ({ wallMs: median(wall[i]!), cpuMs: median(cpu[i]!) }));
}

/**
 * For runs of seconds (imports, whole workbooks): `runs` rounds in which every function runs
 * once, in turn (the order alternating from round to round), each after a full GC (when node
 * runs with --expose-gc) so that none pays for another's garbage. Each function times its own
 * measured part (leaving out its set-up) and returns it; the median of each, in ms.
 */
export async function medianInterleaved(fns: readonly (() => Promise<number>)[], runs = 3): Promise<number[]> {
  const times = fns.map(() => [] as number[]);
  for (let r = 0; r < runs; r++) {
    for (let j = 0; j < fns.length; j++) {
      const i = r % 2 === 0 ? j : fns.length - 1 - j;
      (globalThis as { gc?: () => void }).gc?.();
      times[i]!.push(await fns[i]!());
    }
  }
  return times.map(median);
}

/** The machine's 1-minute load average over its cores, e.g. "load 3.2 on 2 cores" (empty where unknown). */
export function machineLoad(): string {
  const [one] = os.loadavg();
  return one !== undefined && one > 0 ? `load ${one.toFixed(1)} on ${os.availableParallelism()} cores` : '';
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
