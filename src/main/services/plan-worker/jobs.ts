/**
 * Work on an open plan that can take long on a big plan — the board workbook, snapshots,
 * comparisons, restoring a snapshot, writing a checked import — done on a connection of its own, so that it can run in
 * the plan worker, off the Electron main thread. Each job opens the plan file, does its work and
 * closes it; a job that writes records one undoable change, like any other.
 */
import Database from 'better-sqlite3';
import type { HistoryState } from '../../../shared/api/dto';
import type { SnapshotComparison, SnapshotView } from '../../../shared/api/channels/audit';
import { installChangeTracking } from '../../db/changes';
import { applyPragmas, type Db } from '../../db/connection';
import { exportBoard, type ExportBoardRequest, type ExportSummary } from '../export';
import { writeImportCommit, type ImportCommit } from '../import/write';
import { compareSnapshots, openSnapshot, restoreSnapshot, snapshotBytes, writeComparison, type SnapshotBytes } from '../history/snapshots';

export type PlanJob =
  | { kind: 'export-board'; file: string; request: ExportBoardRequest }
  | { kind: 'snapshot-open'; file: string; snapshotId: number }
  | { kind: 'snapshot-compare'; file: string; a: number | null; b: number | null }
  | { kind: 'comparison-workbook'; file: string; a: number | null; b: number | null; target: string }
  | { kind: 'snapshot-bytes'; file: string }
  | { kind: 'snapshot-restore'; file: string; snapshotId: number }
  | { kind: 'import-commit'; file: string; commit: ImportCommit };

/** What each job gives back. */
export interface PlanJobResults {
  'export-board': ExportSummary;
  'snapshot-open': SnapshotView;
  'snapshot-compare': SnapshotComparison;
  'comparison-workbook': { path: string };
  'snapshot-bytes': SnapshotBytes;
  'snapshot-restore': HistoryState;
  /** The import history id of the import written. */
  'import-commit': number;
}

export interface JobContext {
  progress(fraction: number | null, message: string): void;
  throwIfCancelled(): void;
}

/**
 * Opens the plan file for one job. Reading jobs use a read-only connection, except the board
 * export of a writable plan, which folds the write-ahead log into the file before hashing it.
 */
function withPlan<T>(file: string, mode: 'read' | 'write', fn: (db: Db) => T): T {
  const db = new Database(file, { fileMustExist: true, readonly: mode === 'read' });
  try {
    applyPragmas(db, true);
    if (mode === 'write') db.pragma('synchronous = FULL');
    installChangeTracking(db);
    return fn(db);
  } finally {
    db.close();
  }
}

async function withPlanAsync<T>(file: string, mode: 'read' | 'write', fn: (db: Db) => Promise<T>): Promise<T> {
  const db = new Database(file, { fileMustExist: true, readonly: mode === 'read' });
  try {
    applyPragmas(db, true);
    installChangeTracking(db);
    return await fn(db);
  } finally {
    db.close();
  }
}

export async function runPlanJob(job: PlanJob, ctx: JobContext): Promise<PlanJobResults[PlanJob['kind']]> {
  switch (job.kind) {
    case 'export-board':
      return withPlanAsync(job.file, job.request.readOnly ? 'read' : 'write', (db) =>
        exportBoard(
          db,
          job.request,
          (f, m) => ctx.progress(f, m),
          () => ctx.throwIfCancelled(),
        ),
      );
    case 'snapshot-open':
      return withPlan(job.file, 'read', (db) => openSnapshot(db, job.snapshotId));
    case 'snapshot-compare':
      return withPlan(job.file, 'read', (db) => compareSnapshots(db, job.a, job.b));
    case 'comparison-workbook': {
      const cmp = withPlan(job.file, 'read', (db) => compareSnapshots(db, job.a, job.b));
      ctx.throwIfCancelled();
      return writeComparison(cmp, job.target);
    }
    case 'snapshot-bytes':
      return withPlan(job.file, 'read', (db) => snapshotBytes(db));
    case 'snapshot-restore':
      return withPlan(job.file, 'write', (db) => restoreSnapshot(db, job.snapshotId));
    case 'import-commit':
      ctx.progress(0.95, 'Writing the import…');
      return withPlan(job.file, 'write', (db) => writeImportCommit(db, job.commit));
  }
}
