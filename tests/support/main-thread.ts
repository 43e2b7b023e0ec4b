/**
 * Watches the main thread for long tasks while some work runs: a timer that fires every
 * millisecond notes how much CPU time this thread used since it last fired. A task that holds
 * the thread (a window would freeze) shows as one long gap. CPU time of this thread, not the
 * wall clock, so a busy machine that delays the process does not count as a long task.
 */
export interface LongTaskWatch {
  /** Stops watching; the longest stretch of this thread's CPU time between two timer ticks, in ms. */
  stop(): number;
}

export function watchMainThread(): LongTaskWatch {
  let last = process.threadCpuUsage();
  let longest = 0;
  let timer: NodeJS.Timeout | null = null;
  const tick = () => {
    const now = process.threadCpuUsage();
    longest = Math.max(longest, (now.user - last.user + now.system - last.system) / 1000);
    last = now;
  };
  const loop = () => {
    tick();
    timer = setTimeout(loop, 1);
  };
  timer = setTimeout(loop, 1);
  return {
    stop() {
      if (timer) clearTimeout(timer);
      // The stretch since the last tick counts too: work that never yielded ends here.
      tick();
      return longest;
    },
  };
}

/** Runs `work` and returns its result with the longest main-thread task it caused, in ms. */
export async function longestTask<T>(work: () => Promise<T> | T): Promise<{ value: T; longestMs: number }> {
  const watch = watchMainThread();
  try {
    const value = await work();
    return { value, longestMs: watch.stop() };
  } catch (err) {
    watch.stop();
    throw err;
  }
}
