/**
 * The simulation worker: runs a scenario's simulation and tornado off the main thread, so the
 * window stays responsive however many runs are asked for. One request at a time; the main side
 * cancels by setting a flag in shared memory, which the worker reads between runs (a message
 * could not be read until the work was over).
 */
import { parentPort } from 'node:worker_threads';
import type { UncertaintyResult } from '../../../shared/api/channels/uncertainty';
import { SimulationStopped, SimulationWorkspace } from '../../../shared/model';
import { runSimulation, type SimulationRequest } from './result';

export type SimulationWorkerRequest = SimulationRequest & { id: number; cancel: SharedArrayBuffer };

export type SimulationWorkerReply =
  | { id: number; type: 'result'; value: UncertaintyResult }
  | { id: number; type: 'progress'; fraction: number }
  | { id: number; type: 'cancelled' }
  | { id: number; type: 'failed'; message: string };

// The per-run store is reused from one request to the next (a re-run after each edit).
const workspace = new SimulationWorkspace();

parentPort?.on('message', (msg: SimulationWorkerRequest) => {
  const flag = new Int32Array(msg.cancel);
  let last = -1;
  try {
    const value = runSimulation(
      msg,
      {
        workspace,
        isCancelled: () => Atomics.load(flag, 0) !== 0,
        onProgress: (fraction) => {
          // About fifty updates a run is plenty for a progress bar.
          const step = Math.floor(fraction * 50);
          if (step === last) return;
          last = step;
          parentPort?.postMessage({ id: msg.id, type: 'progress', fraction } satisfies SimulationWorkerReply);
        },
      },
      () => performance.now(),
    );
    parentPort?.postMessage({ id: msg.id, type: 'result', value } satisfies SimulationWorkerReply);
  } catch (err) {
    if (err instanceof SimulationStopped) parentPort?.postMessage({ id: msg.id, type: 'cancelled' } satisfies SimulationWorkerReply);
    else parentPort?.postMessage({ id: msg.id, type: 'failed', message: err instanceof Error ? err.message : String(err) } satisfies SimulationWorkerReply);
  }
});
