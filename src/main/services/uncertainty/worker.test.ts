/**
 * The simulation worker: the same numbers as a run in this thread, progress as it goes, cancel
 * that stops it between runs (and leaves it ready for the next request), and the bundled worker
 * as the built app runs it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSession } from '../../../../tests/support/plans';
import { AppError } from '../../../shared/api/errors';
import { fillTypicalRanges } from '../ranges';
import { SimulationWorker, resolveSimulationWorker } from './client';
import { simulateHere, simulationRequest } from './service';

const { db } = demoSession();
fillTypicalRanges(db, 2);
const worker = new SimulationWorker();
afterAll(() => worker.close());

describe('the simulation worker', () => {
  it('runs from the TypeScript source in tests', () => {
    expect(resolveSimulationWorker()).toEqual({ file: path.resolve('src/main/services/uncertainty/worker.ts'), execArgv: ['--import', 'tsx'] });
  });

  it('gives exactly the numbers of the same simulation run here, reporting progress on the way', async () => {
    const progress: number[] = [];
    const got = await worker.run(simulationRequest(db, 2, 300, 42), { onProgress: (f) => progress.push(f) });
    const here = simulateHere(db, 2, 300, 42);
    expect({ ...got, elapsedMs: 0 }).toEqual({ ...here, elapsedMs: 0 });
    expect(got.varying).toBeGreaterThan(50);
    expect(progress.length).toBeGreaterThan(10);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
  });

  it('can be cancelled: it stops between runs, says so, and takes the next request', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const long = worker.run(simulationRequest(db, 2, 100_000, 1), {
      signal: controller.signal,
      // The first report comes after the first run: cancel as soon as the work is under way.
      onProgress: () => controller.abort(),
    });
    const err = await long.then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CANCELLED');
    // 100,000 runs of the demo take a minute or more; cancelled, it stops within a few runs.
    expect(Date.now() - started).toBeLessThan(10_000);
    const next = await worker.run(simulationRequest(db, 2, 100, 3));
    expect(next.runs).toBe(100);
  });

  it('refuses a request already cancelled without starting it', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(worker.run(simulationRequest(db, 2, 100, 3), { signal: controller.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  const bundled = path.resolve('out/main/simulation-worker.js');
  it.skipIf(!fs.existsSync(bundled))('runs as bundled by the build, with the same numbers', async () => {
    const built = new SimulationWorker(bundled);
    try {
      const got = await built.run(simulationRequest(db, 2, 200, 7));
      expect({ ...got, elapsedMs: 0 }).toEqual({ ...simulateHere(db, 2, 200, 7), elapsedMs: 0 });
    } finally {
      await built.close();
    }
  });
});
