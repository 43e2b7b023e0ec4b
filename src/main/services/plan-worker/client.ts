/**
 * The main side of the plan worker: starts it when first needed, sends jobs, forwards progress
 * and cancels through a shared flag. A worker that dies fails its jobs with one clear message and
 * is started afresh for the next job. An idle worker does not keep the process alive.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/api/errors';
import type { PlanJob, PlanJobResults } from './jobs';
import type { PlanWorkerReply, PlanWorkerRequest } from './worker';

/** The bundled worker beside the main bundle (the app), else the TypeScript source through tsx (tests, CLI). */
export function resolvePlanWorkerScript(): { file: string; execArgv: string[] } {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [path.join(here, 'plan-worker.js'), path.join(here, 'worker.ts'), path.resolve('src/main/services/plan-worker/worker.ts')];
  for (const c of candidates) {
    if (fs.existsSync(c)) return { file: c, execArgv: c.endsWith('.ts') ? ['--import', 'tsx'] : [] };
  }
  throw new AppError('INTERNAL', `The plan worker is missing (looked in ${here}). Reinstall the app.`);
}

/**
 * Running from source (tests, the command line): tsx must compile the worker's modules with the
 * main process's compiler options. The root tsconfig lists no files, so tsx would not apply its
 * options, and the chart components the board workbook draws would compile as classic JSX.
 */
function sourceEnv(file: string): NodeJS.ProcessEnv {
  for (let dir = path.dirname(file); ; dir = path.dirname(dir)) {
    const config = path.join(dir, 'tsconfig.node.json');
    if (fs.existsSync(config)) return { ...process.env, TSX_TSCONFIG_PATH: config };
    if (path.dirname(dir) === dir) return process.env;
  }
}

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  onProgress: ((fraction: number | null, message: string) => void) | undefined;
  cancel: Int32Array;
}

export interface JobOptions {
  onProgress?: (fraction: number | null, message: string) => void;
  signal?: AbortSignal;
}

export class PlanWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly script?: string) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const s = this.script ? { file: this.script, execArgv: this.script.endsWith('.ts') ? ['--import', 'tsx'] : [] } : resolvePlanWorkerScript();
    const w = new Worker(s.file, { execArgv: s.execArgv, env: s.file.endsWith('.ts') ? sourceEnv(s.file) : process.env, stdout: true, stderr: true });
    // Libraries may print plan content: the worker's output is dropped, never logged.
    w.stdout.resume();
    w.stderr.resume();
    w.unref();
    w.on('message', (msg: PlanWorkerReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress') {
        p.onProgress?.(msg.fraction, msg.message);
        return;
      }
      this.pending.delete(msg.id);
      if (this.pending.size === 0) w.unref();
      if (msg.type === 'result') p.resolve(msg.value);
      else if (msg.app) p.reject(new AppError(msg.app.code, msg.app.message, msg.app.fields));
      else p.reject(Object.assign(new Error(`The plan worker failed (${msg.code ?? msg.name}).`), { name: msg.name, ...(msg.code ? { code: msg.code } : {}) }));
    });
    const fail = (why: string) => {
      if (this.worker !== w) return;
      this.worker = null;
      for (const p of this.pending.values())
        p.reject(new AppError('INTERNAL', `The background work stopped unexpectedly (${why}). Nothing was changed; try again.`));
      this.pending.clear();
    };
    w.on('error', (err) => fail(err.name));
    w.on('exit', (code) => fail(`exit ${code}`));
    this.worker = w;
    return w;
  }

  /** Runs one job in the worker; resolves with its result. */
  run<K extends PlanJob['kind']>(job: Extract<PlanJob, { kind: K }>, options: JobOptions = {}): Promise<PlanJobResults[K]> {
    const w = this.start();
    const id = this.nextId++;
    const cancel = new Int32Array(new SharedArrayBuffer(4));
    return new Promise<PlanJobResults[K]>((resolve, reject) => {
      const onAbort = () => Atomics.store(cancel, 0, 1);
      if (options.signal?.aborted) onAbort();
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => options.signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v as PlanJobResults[K]);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        onProgress: options.onProgress,
        cancel,
      });
      w.ref();
      w.postMessage({ id, job, cancel } satisfies PlanWorkerRequest);
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    for (const p of this.pending.values()) p.reject(new AppError('CANCELLED', 'The plan was closed. Nothing was changed.'));
    this.pending.clear();
    if (w) await w.terminate();
  }
}
