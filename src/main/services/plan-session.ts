/**
 * An open plan: its connection with change tracking installed. Creating, opening and saving a
 * copy of plans.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PlanInfo } from '../../shared/api/dto';
import { AppError } from '../../shared/api/errors';
import { backupDatabaseTo } from '../db/copy';
import { checkWritableTarget, writeFailure } from '../fs/atomic';
import { installChangeTracking, recordChange } from '../db/changes';
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
  try {
    installChangeTracking(conn.db);
  } catch (err) {
    conn.db.close();
    conn.dispose();
    throw err;
  }
  return { conn, db: conn.db, path: conn.path, readOnly: conn.readOnly };
}

export function closeSession(session: PlanSession): void {
  try {
    if (!session.readOnly) session.db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    session.db.close();
    session.conn.dispose();
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
    readOnlyReason: session.conn.readOnlyReason,
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
 * catch a WAL database half way): written owner-only under a temporary name beside `dest`,
 * verified, flushed and only then renamed, so a failed copy never leaves a half-written plan at
 * `dest` and never replaces what was there. A read-only file or folder at `dest` is refused first.
 */
export async function backupPlanTo(db: Db, dest: string): Promise<void> {
  const abs = path.resolve(dest);
  try {
    fs.mkdirSync(path.dirname(abs), { recursive: true, mode: 0o700 });
  } catch (err) {
    throw writeFailure(abs, err);
  }
  checkWritableTarget(abs);
  await backupDatabaseTo(db, abs);
}

/** Renames the plan (its name inside the file; the file keeps its name) as one recorded change. */
export function renamePlan(db: Db, name: string): void {
  const before = getPlanSettings(db).name;
  recordChange(db, { source: 'plan', summary: `Renamed plan "${before}" to "${name}"` }, () => setMeta(db, 'name', name));
}
