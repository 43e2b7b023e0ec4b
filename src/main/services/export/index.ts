/**
 * Export services used by the window (IPC), the command line and the bench alike: build the
 * board workbook or a CSV, and write it atomically. No Electron import.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';
import { toCsv, type OutputValue } from '../../../shared/csv';
import type { Db } from '../../db/connection';
import { checkWritableTarget, writeFileAtomic } from '../../fs/atomic';
import { boardBytes, buildBoardWorkbook, loadBoard, planFacts, type BoardOptions, type Progress } from './board';
import { summaryChartImages } from './chart-images';
import { simulateHere } from '../uncertainty/service';

export { BOARD_SHEETS, MEASURES, type BoardOptions, type BoardSheet, type Measure } from './board';
export type { UncertaintyOptions } from './uncertainty-sheet';

/**
 * SHA-256 of the plan as it stands. A live WAL database is never read half-written: a writable
 * plan is checkpointed into its main file first; a read-only one is hashed through a backup copy.
 */
export async function planFileHash(db: Db, planFile: string, readOnly: boolean): Promise<string> {
  const hash = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  if (!readOnly) {
    db.pragma('wal_checkpoint(TRUNCATE)');
    return hash(planFile);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-hash-'));
  try {
    const copy = path.join(dir, 'plan.wfplan');
    await db.backup(copy);
    return hash(copy);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export interface ExportBoardRequest extends BoardOptions {
  target: string;
  planFile: string;
  readOnly: boolean;
  appVersion: string;
  now?: Date;
}

export interface ExportSummary {
  path: string;
  sheets: string[];
  bytes: number;
  suppressedRows: number;
  planHash: string;
}

/** Builds the board workbook and writes it to `target` atomically. */
export async function exportBoard(
  db: Db,
  req: ExportBoardRequest,
  progress: Progress = () => {},
  throwIfCancelled: () => void = () => {},
): Promise<ExportSummary> {
  const target = path.resolve(req.target);
  if (path.extname(target).toLowerCase() !== '.xlsx')
    throw new AppError('VALIDATION', `"${path.basename(target)}" does not end in .xlsx: choose a name ending in .xlsx.`);
  if (req.suppressBelow !== null && (!Number.isInteger(req.suppressBelow) || req.suppressBelow < 1 || req.suppressBelow > 100)) {
    throw new AppError('VALIDATION', `The suppression threshold must be a whole number from 1 to 100 (got ${req.suppressBelow}).`);
  }
  // Refuse an unwritable target before the work, so the planner is not kept waiting for nothing.
  checkWritableTarget(target);
  progress(0.02, 'Projecting');
  const books = loadBoard(db, req);
  throwIfCancelled();
  if (req.uncertainty) {
    const u = req.uncertainty;
    // Simulated in this thread: the window's exports run in the plan worker, so the window only waits.
    const isCancelled = () => {
      try {
        throwIfCancelled();
        return false;
      } catch {
        return true;
      }
    };
    for (const [i, b] of books.entries()) {
      const at = 0.03 + (0.1 * i) / books.length;
      progress(at, `Simulating ${b.scenario.name}`);
      b.uncertainty = simulateHere(db, b.scenario.id, u.runs, u.seed, {
        typicalRanges: u.typicalRanges === true,
        isCancelled,
        onProgress: (f) => progress(at + (0.1 * f) / books.length, `Simulating ${b.scenario.name}`),
      });
      throwIfCancelled();
    }
  }
  const planHash = await planFileHash(db, req.planFile, req.readOnly);
  progress(0.05, 'Drawing the charts');
  const images = req.sheets.includes('summary') ? await summaryChartImages(books[0]!) : null;
  throwIfCancelled();
  const book = buildBoardWorkbook(
    planFacts(db),
    books,
    req,
    { appVersion: req.appVersion, planHash, planFile: req.planFile, now: req.now ?? new Date() },
    progress,
    images,
  );
  throwIfCancelled();
  progress(0.85, 'Writing the workbook');
  const buffer = await boardBytes(book);
  throwIfCancelled();
  writeFileAtomic(target, buffer);
  progress(1, 'Saved');
  return {
    path: target,
    sheets: book.wb.worksheets.map((w) => w.name),
    bytes: buffer.byteLength,
    suppressedRows: books.reduce((n, b) => n + b.suppression.count, 0),
    planHash,
  };
}

/** Writes any grid as CSV, neutralised (docs/ARCHITECTURE.md, "Formula-safe output"), atomically. */
export function exportCsv(target: string, headers: readonly string[], rows: readonly (readonly OutputValue[])[]): { path: string; rows: number } {
  const abs = path.resolve(target);
  if (path.extname(abs).toLowerCase() !== '.csv')
    throw new AppError('VALIDATION', `"${path.basename(abs)}" does not end in .csv: choose a name ending in .csv.`);
  writeFileAtomic(abs, toCsv(headers, rows));
  return { path: abs, rows: rows.length };
}
