/**
 * The main side of the simulation worker: starts it when first needed and keeps it (its memory
 * is reused run after run), sends it one request at a time, forwards its progress, and cancels
 * a request through a flag in shared memory. A worker that dies is replaced at the next request.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { UncertaintyResult } from '../../../shared/api/channels/uncertainty';
import { AppError } from '../../../shared/api/errors';
import type { SimulationRequest } from './result';
import type { SimulationWorkerReply, SimulationWorkerRequest } from './worker';

/** The bundled worker next to the main bundle (the app), else the TypeScript source run through tsx (tests, the end-to-end harness). */
export function resolveSimulationWorker(): { file: string; execArgv: string[] } {
  const here = typeof __dirname === 'string' ? __dirname : process.cwd();
  const candidates = [path.join(here, 'simulation-worker.js'), path.join(here, 'worker.ts'), path.resolve('src/main/services/uncertainty/worker.ts')];
  for (const c of candidates) {
    if (fs.existsSync(c)) return { file: c, execArgv: c.endsWith('.ts') ? ['--import', 'tsx'] : [] };
  }
  throw new AppError('INTERNAL', `The simulation worker is missing (looked in ${here}). Reinstall the app.`);
}

interface Pending {
  resolve: (v: UncertaintyResult) => void;
  reject: (e: Error) => void;
  onProgress: ((fraction: number) => void) | undefined;
}

const cancelled = () => new AppError('CANCELLED', 'The simulation was cancelled.');

export class SimulationWorker {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly script?: string) {}

  private start(): Worker {
    if (this.worker) return this.worker;
    const script = this.script ? { file: this.script, execArgv: this.script.endsWith('.ts') ? ['--import', 'tsx'] : [] } : resolveSimulationWorker();
    const worker = new Worker(script.file, { execArgv: script.execArgv, stdout: true, stderr: true });
    worker.stdout.resume();
    worker.stderr.resume();
    // An idle worker must not keep the process alive (tests, the command line); a busy one must.
    worker.unref();
    worker.on('message', (msg: SimulationWorkerReply) => {
      const p = this.pending.get(msg.id);
      if (!p) return;
      if (msg.type === 'progress') {
        p.onProgress?.(msg.fraction);
        return;
      }
      this.pending.delete(msg.id);
      if (this.pending.size === 0) worker.unref();
      if (msg.type === 'result') p.resolve(msg.value);
      else if (msg.type === 'cancelled') p.reject(cancelled());
      else p.reject(new AppError('INTERNAL', `The simulation stopped with an error: ${msg.message}`));
    });
    const fail = (err: AppError) => {
      if (this.worker === worker) this.worker = null;
      for (const p of this.pending.values()) p.reject(err);
      this.pending.clear();
    };
    worker.on('error', () => fail(new AppError('INTERNAL', 'The simulation stopped unexpectedly. Try again; if it happens again, use fewer runs.')));
    worker.on('exit', () => fail(cancelled()));
    this.worker = worker;
    return worker;
  }

  /** Runs one simulation; `signal` cancels it (the promise then rejects with CANCELLED). */
  run(req: SimulationRequest, options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {}): Promise<UncertaintyResult> {
    if (options.signal?.aborted) return Promise.reject(cancelled());
    const worker = this.start();
    const id = this.nextId++;
    const cancel = new SharedArrayBuffer(4);
    const flag = new Int32Array(cancel);
    return new Promise<UncertaintyResult>((resolve, reject) => {
      const onAbort = () => Atomics.store(flag, 0, 1);
      options.signal?.addEventListener('abort', onAbort, { once: true });
      const done = () => options.signal?.removeEventListener('abort', onAbort);
      this.pending.set(id, {
        resolve: (v) => {
          done();
          resolve(v);
        },
        reject: (e) => {
          done();
          reject(e);
        },
        onProgress: options.onProgress,
      });
      worker.ref();
      worker.postMessage({ ...req, id, cancel } satisfies SimulationWorkerRequest);
    });
  }

  /** Stops the worker (the plan is closing); anything pending is cancelled. */
  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    if (w) await w.terminate();
  }
}
