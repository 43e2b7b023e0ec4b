/**
 * The plan worker as the built app runs it (out/main/plan-worker.js, bundled by electron-vite)
 * and from the TypeScript source in tests: a snapshot is made, opened and compared in it, a
 * cancelled job says so, an error keeps its code and message, and an import is written. The bundled case runs after
 * `npm run build` (as `npm test` does) and is skipped, saying so, when there is no build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSession } from '../../../../tests/support/plans';
import { closeSession } from '../plan-session';
import { storeSnapshot } from '../history/snapshots';
import { historyState, undo } from '../../db/changes';
import { getImportHistory } from '../import/service';
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
    await expect(worker.run({ kind: 'snapshot-open', file: session.path, snapshotId: 999 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: 'Snapshot 999 does not exist (it may have been deleted). Refresh the list of snapshots.',
    });
    const cancelled = new AbortController();
    cancelled.abort();
    await expect(worker.run({ kind: 'snapshot-bytes', file: session.path }, { signal: cancelled.signal })).rejects.toMatchObject({ code: 'CANCELLED' });
    // An import written in the worker is seen on the plan's own connection, as one change that Undo reverses.
    const cell = session.db.prepare('SELECT org_id, role_id, fte FROM workforce_baseline ORDER BY id LIMIT 1').get() as {
      org_id: number;
      role_id: number;
      fte: number;
    };
    const fte = () =>
      (session.db.prepare('SELECT fte FROM workforce_baseline WHERE org_id = ? AND role_id = ?').get(cell.org_id, cell.role_id) as { fte: number }).fte;
    const history = {
      fileName: 'staff.csv',
      sha256: '0'.repeat(64),
      size: 10,
      sheet: 'staff',
      rowsRead: 1,
      rowsUsed: 1,
      added: 0,
      replaced: 1,
      unchanged: 0,
      warnings: 0,
    };
    const plan = {
      target: 'baseline' as const,
      baseline: [{ orgId: cell.org_id, roleId: cell.role_id, fte: cell.fte + 7, headcount: 9, establishment: 12, age: null }],
      yearly: [],
    };
    const importId = await worker.run({
      kind: 'import-commit',
      file: session.path,
      commit: { scenarioId: 1, source: 'import of staff.csv', summary: 'Imported baseline from staff.csv', plan, history, saveMapping: null },
    });
    expect(getImportHistory(session.db, importId)).toMatchObject({ fileName: 'staff.csv', state: 'active' });
    expect(fte()).toBe(cell.fte + 7);
    expect(historyState(session.db).undoLabel).toBe('Imported baseline from staff.csv');
    undo(session.db);
    expect(fte()).toBe(cell.fte);
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

  it.skipIf(!fs.existsSync(bundled))(
    'runs as bundled by the build',
    async () => {
      const w = new PlanWorker(bundled);
      workers.push(w);
      await exercise(w);
    },
    60_000,
  );
});
