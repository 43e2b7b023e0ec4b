/**
 * The plan worker: runs long jobs on the open plan (see jobs.ts) off the Electron main thread,
 * one at a time, on connections of its own. The main side sends {id, job, cancel}; the worker
 * answers with progress and then a result or an error. Errors carry only an AppError's message
 * or a code and a class: a library's message may quote plan content.
 */
import { parentPort } from 'node:worker_threads';
import { AppError, type ErrorInfo } from '../../../shared/api/errors';
import { runPlanJob, type PlanJob } from './jobs';

export interface PlanWorkerRequest {
  id: number;
  job: PlanJob;
  /** Int32Array over a SharedArrayBuffer: set to 1 by the main side to cancel. */
  cancel: Int32Array;
}

export type PlanWorkerReply =
  | { id: number; type: 'progress'; fraction: number | null; message: string }
  | { id: number; type: 'result'; value: unknown }
  | { id: number; type: 'error'; app: ErrorInfo | null; code: string | null; name: string };

let queue: Promise<unknown> = Promise.resolve();

function reply(msg: PlanWorkerReply, transfer: ArrayBuffer[] = []): void {
  parentPort?.postMessage(msg, transfer);
}

async function handle(req: PlanWorkerRequest): Promise<void> {
  const ctx = {
    progress: (fraction: number | null, message: string) => reply({ id: req.id, type: 'progress', fraction, message }),
    throwIfCancelled: () => {
      if (Atomics.load(req.cancel, 0) === 1) throw new AppError('CANCELLED', 'Cancelled. Nothing was changed.');
    },
  };
  try {
    ctx.throwIfCancelled();
    const value = await runPlanJob(req.job, ctx);
    const bytes = (value as { bytes?: unknown }).bytes;
    reply(
      { id: req.id, type: 'result', value },
      bytes instanceof Uint8Array && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
        ? [bytes.buffer]
        : [],
    );
  } catch (err) {
    const code = (err as { code?: unknown } | null)?.code;
    reply({
      id: req.id,
      type: 'error',
      app: err instanceof AppError ? err.toInfo() : null,
      code: typeof code === 'string' ? code : null,
      name: err instanceof Error ? err.name : 'Error',
    });
  }
}

parentPort?.on('message', (req: PlanWorkerRequest) => {
  queue = queue.then(() => handle(req));
});
