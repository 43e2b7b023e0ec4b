/**
 * Rolling automatic backups of the open plan, in <backups>/<plan name>/. Each is made with
 * SQLite's online backup API (never a raw copy of a live file), written under a temporary name,
 * checked with quick_check and only then renamed to its final name: a file with a final name is
 * a complete, checked backup; anything else in the folder is ignored and cleaned up.
 *
 * Retention: everything from the last hour; the newest of each day for 14 days; the newest of
 * each week (weeks starting Monday, UTC) before that. The newest backup is always kept.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import type { BackupRow, DamagedPlan } from '../../../shared/api/channels/audit';
import { BACKUP_FILE_PATTERN } from '../../../shared/api/channels/audit';
import { AppError } from '../../../shared/api/errors';
import type { Db } from '../../db/connection';
import { latestChangeId } from '../../db/repos/audit';
import { backupPlanTo, nameFromPath } from '../plan-session';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const KEEP_ALL_FOR_MS = HOUR;
export const KEEP_DAILY_FOR_MS = 14 * DAY;

/** The folder of one plan's backups: its name made safe for a folder, plus a short hash of its path. */
export function backupFolder(backupsDir: string, planPath: string): string {
  const name =
    nameFromPath(planPath)
      .replace(/[^\p{L}\p{N} ._()-]/gu, '_')
      .slice(0, 80)
      .trim() || 'plan';
  let h = 0;
  for (const ch of path.resolve(planPath)) h = (Math.imul(h, 31) + ch.charCodeAt(0)) >>> 0;
  return path.join(backupsDir, `${name} ${h.toString(16).padStart(8, '0')}`);
}

export function backupName(at: Date): string {
  return `${at.toISOString().replace(/:/g, '-').replace('.', '-')}.wfplan`;
}

export function backupTime(file: string): Date {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z\.wfplan$/.exec(file);
  if (!m) throw new AppError('VALIDATION', `"${file}" is not the name of a backup.`);
  return new Date(`${m[1]}T${m[2]}:${m[3]}:${m[4]}.${m[5]}Z`);
}

/** The backups in a folder, newest first: only complete ones (final names). */
export function listBackups(folder: string): BackupRow[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((f) => BACKUP_FILE_PATTERN.test(f))
    .map((f) => ({ file: f, at: backupTime(f).toISOString(), size: fs.statSync(path.join(folder, f)).size }))
    .sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
}

function mondayOf(t: number): number {
  const d = new Date(t);
  const day = (d.getUTCDay() + 6) % 7;
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
}

/** Which of the given times to keep (see the rule above). Pure, for tests. */
export function retained(times: Date[], now: Date): Set<number> {
  const sorted = [...times].map((t) => t.getTime()).sort((a, b) => b - a);
  const keep = new Set<number>();
  const seenDays = new Set<string>();
  const seenWeeks = new Set<number>();
  sorted.forEach((t, i) => {
    const age = now.getTime() - t;
    if (i === 0 || age < KEEP_ALL_FOR_MS) {
      keep.add(t);
    } else if (age < KEEP_DAILY_FOR_MS) {
      const day = new Date(t).toISOString().slice(0, 10);
      if (!seenDays.has(day)) keep.add(t);
    } else {
      const week = mondayOf(t);
      if (!seenWeeks.has(week)) keep.add(t);
    }
    seenDays.add(new Date(t).toISOString().slice(0, 10));
    seenWeeks.add(mondayOf(t));
  });
  return keep;
}

/** Deletes backups the retention rule no longer keeps, and leftovers of interrupted backups. */
export function applyRetention(folder: string, now: Date): string[] {
  const rows = listBackups(folder);
  const keep = retained(
    rows.map((r) => new Date(r.at)),
    now,
  );
  const removed: string[] = [];
  for (const r of rows) {
    if (!keep.has(new Date(r.at).getTime())) {
      fs.rmSync(path.join(folder, r.file), { force: true });
      removed.push(r.file);
    }
  }
  for (const f of fs.readdirSync(folder)) {
    // An interrupted backup's temporary file (or its journal), older than a minute (so never one
    // being written now).
    if ((f.includes('.partial-') || /\.partial(-journal)?$/.test(f)) && now.getTime() - fs.statSync(path.join(folder, f)).mtimeMs > 60_000)
      fs.rmSync(path.join(folder, f), { force: true });
  }
  return removed;
}

/** Backs up the open plan now; returns the new backup. */
export async function makeBackup(db: Db, folder: string, now: Date = new Date()): Promise<BackupRow> {
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  const file = backupName(now);
  await backupPlanTo(db, path.join(folder, file));
  applyRetention(folder, now);
  return { file, at: now.toISOString(), size: fs.statSync(path.join(folder, file)).size };
}

/** True when the file opens as SQLite and passes quick_check. */
export function backupIsGood(file: string): boolean {
  let db: Db | null = null;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    return db.pragma('quick_check', { simple: true }) === 'ok';
  } catch {
    return false;
  } finally {
    db?.close();
  }
}

export function newestGoodBackup(folder: string): BackupRow | null {
  for (const b of listBackups(folder)) if (backupIsGood(path.join(folder, b.file))) return b;
  return null;
}

/** A file name beside the plan that does not exist yet: "Plan (restored 2026-03-31 09-15).wfplan". */
export function restoredPlanPath(planPath: string, backupAt: Date): string {
  const dir = path.dirname(planPath);
  const stamp = backupAt.toISOString().slice(0, 16).replace('T', ' ').replace(':', '-');
  const base = `${nameFromPath(planPath)} (restored ${stamp})`;
  let candidate = path.join(dir, `${base}.wfplan`);
  for (let n = 2; fs.existsSync(candidate); n++) candidate = path.join(dir, `${base} ${n}.wfplan`);
  return candidate;
}

/**
 * Copies a backup to a new plan file beside the original (with the backup API, checked, then
 * renamed into place). The open plan and the backup are not touched.
 */
export async function restoreBackupTo(folder: string, file: string, planPath: string): Promise<string> {
  if (!BACKUP_FILE_PATTERN.test(file)) throw new AppError('VALIDATION', `"${file}" is not the name of a backup.`);
  const source = path.join(folder, file);
  if (!fs.existsSync(source)) throw new AppError('NOT_FOUND', `The backup ${file} is no longer in ${folder}. Refresh the list of backups.`);
  if (!backupIsGood(source)) throw new AppError('CORRUPT', `The backup ${file} is damaged and cannot be restored. Choose an older backup.`);
  const dest = restoredPlanPath(planPath, backupTime(file));
  const src = new Database(source, { readonly: true, fileMustExist: true });
  try {
    await backupPlanTo(src, dest);
  } finally {
    src.close();
  }
  return dest;
}

/** What the window offers when a plan would not open because it is damaged. */
export function damagedPlan(planPath: string, message: string, backupsDir: string): DamagedPlan {
  return { path: planPath, message, backup: newestGoodBackup(backupFolder(backupsDir, planPath)) };
}

/**
 * Takes a backup when the plan is opened and, while it changes, at most every `intervalMs`
 * (checked every `pollMs`): a change is any new entry in the change log since the last backup.
 */
export class BackupScheduler {
  private timer: NodeJS.Timeout | null = null;
  private lastChangeId = -1;
  private lastAt = 0;
  private running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly target: () => { db: Db; folder: string } | null,
    private readonly intervalMs = 5 * 60_000,
    private readonly pollMs = 30_000,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  private latestChange(db: Db): number {
    return latestChangeId(db);
  }

  /** Backs up now (on open, or asked for); resolves when written. */
  backupNow(): Promise<BackupRow | null> {
    const t = this.target();
    if (!t) return Promise.resolve(null);
    this.lastChangeId = this.latestChange(t.db);
    this.lastAt = Date.now();
    const job = this.running.then(() => makeBackup(t.db, t.folder));
    this.running = job.catch((err: unknown) => this.onError(err));
    return job;
  }

  /** Called on each tick: backs up if the plan changed and the interval has passed. */
  tick(): Promise<BackupRow | null> {
    const t = this.target();
    if (!t) return Promise.resolve(null);
    let latest: number;
    try {
      latest = this.latestChange(t.db);
    } catch {
      return Promise.resolve(null);
    }
    if (latest === this.lastChangeId || Date.now() - this.lastAt < this.intervalMs) return Promise.resolve(null);
    return this.backupNow();
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.onError(err));
    }, this.pollMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Waits for any backup being written. */
  idle(): Promise<unknown> {
    return this.running;
  }
}
