/**
 * The main side of the import worker: starts it with a heap cap, sends it requests, and stops
 * it when a request runs past its time limit, is cancelled, or the worker dies (out of memory,
 * a crash inside a parser). Each failure becomes one clear AppError; the app carries on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/api/errors';
import { LIMITS } from './limits';
import type { WorkerReply, WorkerRequest } from './worker';

type Request = WorkerRequest extends infer R ? (R extends { id: number } ? Omit<R, 'id'> : never) : never;

export interface WorkerOptions {
  heapMb?: number;
  /** Time limit of each request (tests shorten it). */
  stepMs?: number;
  /** Overrides where the worker script is looked for (tests of the bundled worker). */
  script?: string;
}

/** The bundled worker next to the main bundle (the app), else the TypeScript source run through tsx (tests, CLI). */
export function resolveWorkerScript(): { file: string; execArgv: string[] } {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [path.join(here, 'import-worker.js'), path.join(here, 'worker.ts'), path.resolve('src/main/services/import/worker.ts')];
  for (const c of candidates) {
    if (fs.existsSync(c)) return { file: c, execArgv: c.endsWith('.ts') ? ['--import', 'tsx'] : [] };
  }
  throw new AppError('INTERNAL', `The import worker is missing (looked in ${here}). Reinstall the app.`);
}

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  onProgress: ((f: number) => void) | undefined;
}

export class ImportWorker {
  private worker: Worker;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private dead: AppError | null = null;
  readonly fileName: string;
  private readonly stepMs: number;

  constructor(fileName: string, options: WorkerOptions = {}) {
    this.fileName = fileName;
    this.stepMs = options.stepMs ?? LIMITS.stepMs;
    const script = options.script ? { file: options.script, execArgv: options.script.endsWith('.ts') ? ['--import', 'tsx'] : [] } : resolveWorkerScript();
    this.worker = new Worker(script.file, {
      execArgv: script.execArgv,
      resourceLimits: { maxOldGenerationSizeMb: options.heapMb ?? LIMITS.workerHeapMb, maxYoungGenerationSizeMb: 64, stackSizeMb: 8 },
      stdout: true,
      stderr: true,
    });
    // Libraries may print cell text: the worker's output is dropped, never logged.
    this.worker.stdout.resume();
    this.worker.stderr.resume();
    // An idle worker must not keep the process alive (tests, the CLI); a busy one must.
    this.worker.unref();
    this.worker.on('message', (msg: WorkerReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress') {
        p.onProgress?.(msg.fraction);
        return;
      }
      this.pending.delete(msg.id);
      if (msg.type === 'result') p.resolve(msg.value);
      else if (msg.type === 'refused') p.reject(new AppError('VALIDATION', msg.message));
      else
        p.reject(
          new AppError(
            'VALIDATION',
            `"${this.fileName}" could not be read: it may be damaged or not a spreadsheet (${msg.message}). Open it in Excel, save it as .xlsx, and import that copy.`,
          ),
        );
    });
    this.worker.on('error', (err: Error & { code?: string }) => {
      this.fail(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError(
              'VALIDATION',
              `"${this.fileName}" is too large to read: it needs more memory than the importer allows (${(options.heapMb ?? LIMITS.workerHeapMb).toLocaleString('en-GB')} MB), so it was stopped and nothing was changed. Delete the sheets and columns you do not need, or save the sheet as CSV, and import again.`,
            )
          : new AppError(
              'VALIDATION',
              `"${this.fileName}" could not be read: the reader stopped with an error. Open it in Excel, save it as .xlsx, and import that copy.`,
            ),
      );
    });
    this.worker.on('exit', () => this.fail(new AppError('VALIDATION', `Reading "${this.fileName}" stopped unexpectedly. Choose the file again.`)));
  }

  private fail(err: AppError): void {
    if (!this.dead) this.dead = err;
    for (const p of this.pending.values()) p.reject(err);
    this.pending.clear();
  }

  get alive(): boolean {
    return this.dead === null;
  }

  request<T>(req: Request, options: { timeoutMs?: number; onProgress?: (f: number) => void; signal?: AbortSignal; transfer?: ArrayBuffer[] } = {}): Promise<T> {
    if (this.dead) return Promise.reject(this.dead);
    const id = this.nextId++;
    const timeoutMs = options.timeoutMs ?? this.stepMs;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.fail(
          new AppError(
            'VALIDATION',
            `Reading "${this.fileName}" took longer than ${Math.round(timeoutMs / 1000)} seconds and was stopped: the file may be damaged or far larger than it looks. Save the sheet you need as CSV and import that.`,
          ),
        );
        void this.worker.terminate();
      }, timeoutMs);
      const onAbort = () => {
        this.fail(new AppError('CANCELLED', `The import of "${this.fileName}" was cancelled. Nothing was changed.`));
        void this.worker.terminate();
      };
      options.signal?.addEventListener('abort', onAbort, { once: true });
      this.worker.ref();
      const done = () => {
        if (this.pending.size === 0) this.worker.unref();
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', onAbort);
      };
      this.pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v as T);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        onProgress: options.onProgress,
      });
      this.worker.postMessage({ ...req, id }, options.transfer ?? []);
    });
  }

  async terminate(): Promise<void> {
    this.fail(new AppError('CANCELLED', `"${this.fileName}" was closed.`));
    await this.worker.terminate();
  }
}
