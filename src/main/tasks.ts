/**
 * Long work (import, export, large projections) runs as a task: the window gives it an id,
 * main reports progress as `task/progress` events, and `task/cancel` stops it. A cancelled
 * task throws CANCELLED before it writes anything.
 */
import { AppError } from '../shared/api/errors';
import type { TaskProgress } from '../shared/api/dto';

export interface TaskHandle {
  readonly signal: AbortSignal;
  /** fraction 0–1, or null when the amount of work is not known. */
  progress(fraction: number | null, message: string): void;
  /** Throws CANCELLED when the user has cancelled. */
  throwIfCancelled(): void;
  /**
   * Throws CANCELLED when the user has cancelled; otherwise the task can no longer be cancelled
   * from here on: it is writing, and will finish and say what it did.
   */
  beginWriting(): void;
}

export class TaskRegistry {
  private readonly running = new Map<string, AbortController>();
  private readonly writing = new Set<string>();

  constructor(private readonly emit: (progress: TaskProgress) => void) {}

  /** Runs `work` as task `taskId`; `inline` work is shown where it happens rather than in the work-in-progress panel. */
  async run<T>(taskId: string, label: string, work: (task: TaskHandle) => Promise<T> | T, options: { inline?: boolean } = {}): Promise<T> {
    if (this.running.has(taskId)) throw new AppError('CONFLICT', `${label} is already running.`);
    const controller = new AbortController();
    this.running.set(taskId, controller);
    const cancelled = () => new AppError('CANCELLED', `${label} was cancelled. Nothing was changed.`);
    let last = 0;
    const inline = options.inline ? { inline: true } : {};
    const handle: TaskHandle = {
      signal: controller.signal,
      progress: (fraction, message) => {
        const now = Date.now();
        // At most ~20 updates a second: the window only needs to look alive.
        if (fraction !== 1 && now - last < 50) return;
        last = now;
        this.emit({ taskId, label, fraction, message, ...inline });
      },
      throwIfCancelled: () => {
        if (controller.signal.aborted) throw cancelled();
      },
      beginWriting: () => {
        if (controller.signal.aborted) throw cancelled();
        this.writing.add(taskId);
      },
    };
    try {
      handle.progress(0, 'Starting…');
      const result = await work(handle);
      handle.throwIfCancelled();
      return result;
    } finally {
      this.running.delete(taskId);
      this.writing.delete(taskId);
      this.emit({ taskId, label, fraction: 1, message: 'Done', done: true, ...inline });
    }
  }

  cancel(taskId: string): boolean {
    const c = this.running.get(taskId);
    if (!c || this.writing.has(taskId)) return false;
    c.abort();
    return true;
  }
}
