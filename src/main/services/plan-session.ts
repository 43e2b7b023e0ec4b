/**
 * An open plan: its connection with change tracking installed. Creating, opening and saving a
 * copy of plans.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PlanInfo } from '../../shared/api/dto';
import { AppError } from '../../shared/api/errors';
import { installChangeTracking } from '../db/changes';
import { openPlanFile, PLAN_EXTENSION, type Db, type OpenOptions, type PlanConnection } from '../db/connection';
import { getPlanSettings, setMeta } from '../db/repos/meta';
import { insertScenario } from '../db/repos/scenarios';
import { seedDemoPlan } from './demo/seed';

export interface PlanSession {
  conn: PlanConnection;
  db: Db;
  path: string;
  readOnly: boolean;
}

export function openSession(file: string, options: OpenOptions = {}): PlanSession {
  const conn = openPlanFile(file, options);
  installChangeTracking(conn.db);
  return { conn, db: conn.db, path: conn.path, readOnly: conn.readOnly };
}

export function closeSession(session: PlanSession): void {
  try {
    if (!session.readOnly) session.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    session.db.close();
  }
}

export function planInfo(session: PlanSession): PlanInfo {
  const s = getPlanSettings(session.db);
  return {
    name: s.name,
    path: session.path,
    baseYear: s.baseYear,
    horizonYear: s.horizonYear,
    readOnly: session.readOnly,
    schemaVersion: session.conn.schemaVersion,
  };
}

/** Creates a plan file holding the Dorset demo. */
export function createDemoPlan(file: string, options: OpenOptions = {}): PlanSession {
  if (fs.existsSync(file)) throw new AppError('CONFLICT', `${file} already exists.`);
  const session = openSession(file, { ...options, create: true });
  seedDemoPlan(session.db);
  return session;
}

/** Creates an empty plan with one scenario, ready for an import of the baseline. */
export function createEmptyPlan(file: string, name: string, baseYear = new Date().getFullYear(), horizonYear = baseYear + 9): PlanSession {
  if (fs.existsSync(file)) fs.rmSync(file);
  const session = openSession(file, { create: true });
  session.db.transaction(() => {
    setMeta(session.db, 'name', name);
    setMeta(session.db, 'base_year', String(baseYear));
    setMeta(session.db, 'horizon_year', String(horizonYear));
    setMeta(session.db, 'created_at', new Date().toISOString());
    insertScenario(session.db, 'Baseline', 'Current supply and demand');
  })();
  return session;
}

/** The plan name a file would get: its base name without the extension. */
export function nameFromPath(file: string): string {
  return path.basename(file, path.extname(file)) || 'Untitled plan';
}

export function withPlanExtension(file: string): string {
  return path.extname(file).toLowerCase() === PLAN_EXTENSION ? file : `${file}${PLAN_EXTENSION}`;
}

/**
 * Copies the open plan to `dest` with SQLite's online backup (never a raw file copy, which can
 * catch a WAL database half way), writing to a temporary file first so that a failed copy never
 * leaves a half-written plan at `dest`.
 */
export async function backupPlanTo(db: Db, dest: string): Promise<void> {
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.partial-${process.pid}-${Date.now()}`;
  try {
    await db.backup(tmp);
    const check = new (db.constructor as new (f: string, o: object) => Db)(tmp, { fileMustExist: true });
    try {
      check.pragma('journal_mode = DELETE');
      const ok = check.pragma('quick_check', { simple: true });
      if (ok !== 'ok') throw new AppError('IO', `The copy at ${dest} failed its check (${String(ok)}).`);
    } finally {
      check.close();
    }
    fs.renameSync(tmp, dest);
    if (process.platform !== 'win32') fs.chmodSync(dest, 0o600);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    if (err instanceof AppError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'SQLITE_FULL' || code === 'ENOSPC') throw new AppError('DISK_FULL', `The disk is full: the copy at ${dest} was not written.`);
    throw new AppError('IO', `Could not write ${dest}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
