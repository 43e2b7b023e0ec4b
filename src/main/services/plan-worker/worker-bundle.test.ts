/**
 * The plan worker as the built app runs it (out/main/plan-worker.js, bundled by electron-vite)
 * and from the TypeScript source in tests: a snapshot is made, opened and compared in it, a
 * cancelled job says so, and an error keeps its code and message. The bundled case runs after
 * `npm run build` (as `npm test` does) and is skipped, saying so, when there is no build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSession } from '../../../../tests/support/plans';
import { closeSession } from '../plan-session';
import { storeSnapshot } from '../history/snapshots';
import { PlanWorker, resolvePlanWorkerScript } from './client';

const bundled = path.resolve('out/main/plan-worker.js');
const workers: PlanWorker[] = [];
afterAll(async () => {
  for (const w of workers) await w.close();
});

async function exercise(worker: PlanWorker): Promise<void> {
  const session = demoSession();
  try {
    const content = await worker.run({ kind: 'snapshot-bytes', file: session.path });
    const snap = storeSnapshot(session.db, 'Board, March 2026', content);
    const view = await worker.run({ kind: 'snapshot-open', file: session.path, snapshotId: snap.id });
    expect(view.scenarios.map((s) => s.name)).toEqual(['Do nothing', 'Our Dorset plan']);
    const cmp = await worker.run({ kind: 'snapshot-compare', file: session.path, a: snap.id, b: null });
    expect(cmp).toMatchObject({ labelA: 'Board, March 2026', labelB: 'Now', inputChangeCount: 0 });
    await expect(worker.run({ kind: 'snapshot-open', file: session.path, snapshotId: 999 })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Snapshot 999 does not exist (it may have been deleted). Refresh the list of snapshots.' });
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(worker.run({ kind: 'snapshot-bytes', file: session.path }, { signal: cancelled.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
  } finally {
    closeSession(session);
  }
}

describe('the plan worker', () => {
  it('runs from the TypeScript source in tests', async () => {
    expect(resolvePlanWorkerScript()).toEqual({ file: path.resolve('src/main/services/plan-worker/worker.ts'), execArgv: ['--import', 'tsx'] });
    const w = new PlanWorker();
    workers.push(w);
    await exercise(w);
  }, 60_000);

  it.skipIf(!fs.existsSync(bundled))('runs as bundled by the build', async () => {
    const w = new PlanWorker(bundled);
    workers.push(w);
    await exercise(w);
  }, 60_000);
});
