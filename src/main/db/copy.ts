/**
 * Copies of plans: Save As, backups, restores and the backup taken before an upgrade. A copy is
 * made under a temporary name beside its target, created owner-only (0600) before a byte is
 * written, verified (SQLite's quick_check, and the file holding exactly the pages its header
 * says), flushed to disk and only then renamed into place. On any failure the temporary file
 * and its journal are removed and the target is left as it was.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { syncFolder, temporaryPathFor } from '../fs/atomic';
import { writeFailure } from '../fs/file-errors';

type Db = Database.Database;

/** An empty owner-only file beside `dest` for a copy to be written into (SQLite keeps its mode). */
export function privateTempBeside(dest: string): string {
  const tmp = temporaryPathFor(dest);
  const fd = fs.openSync(tmp, 'wx', 0o600);
  try {
    if (process.platform !== 'win32') fs.fchmodSync(fd, 0o600);
  } finally {
    fs.closeSync(fd);
  }
  return tmp;
}

/** Removes a temporary copy and whatever SQLite left beside it. */
export function discardCopy(tmp: string): void {
  for (const f of [tmp, `${tmp}-journal`, `${tmp}-wal`, `${tmp}-shm`]) fs.rmSync(f, { force: true });
}

/**
 * Proves a freshly written copy is a whole, readable database: a single file (rollback
 * journal, so it travels alone), quick_check ok, and its size exactly page_count × page_size.
 */
export function verifyCopy(file: string, expectedPages?: number): void {
  const check = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    check.pragma('journal_mode = DELETE');
    const ok = check.pragma('quick_check', { simple: true });
    if (ok !== 'ok') throw new AppError('IO', `the copy failed its check (${String(ok)})`);
    const pages = check.pragma('page_count', { simple: true }) as number;
    const pageSize = check.pragma('page_size', { simple: true }) as number;
    if (expectedPages !== undefined && pages !== expectedPages) throw new AppError('IO', `the copy has ${pages} pages where ${expectedPages} were written`);
    const size = fs.statSync(file).size;
    if (size !== pages * pageSize) throw new AppError('IO', `the copy is ${size} bytes where its header says ${pages * pageSize}`);
  } finally {
    check.close();
  }
}

/** Flushes the verified temporary copy to disk and renames it over `dest`. */
export function commitCopy(tmp: string, dest: string): void {
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, dest);
  syncFolder(path.dirname(dest));
}

/** Bytes a copy of `db` will take: its page count × page size. */
export function planBytes(db: Db): number {
  return (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);
}

/** A failed copy in words. `what` is e.g. "The copy" or "The backup". */
export function copyFailure(dest: string, err: unknown, bytes: number): AppError {
  if (err instanceof AppError && err.code === 'IO' && !err.message.includes(path.basename(dest))) {
    return new AppError(
      'IO',
      `Could not write "${path.basename(dest)}" in ${path.dirname(dest)}: ${err.message}. Nothing was replaced. Try again, or choose another folder.`,
    );
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    if (code === 'SQLITE_FULL') return writeFailure(dest, err, { bytes });
    if (code.startsWith('SQLITE_READONLY') || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM' || code === 'SQLITE_AUTH') {
      return writeFailure(dest, Object.assign(new Error(code), { code: fs.existsSync(path.dirname(dest)) ? 'EACCES' : 'ENOENT' }), { bytes });
    }
    if (code.startsWith('SQLITE_IOERR')) return writeFailure(dest, Object.assign(new Error(code), { code: 'EIO' }), { bytes });
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
      return new AppError(
        'LOCKED',
        `Could not write "${path.basename(dest)}": the file is in use by another program. Nothing was replaced. Close it there, or choose another name, and try again.`,
      );
    }
  }
  return writeFailure(dest, err, { bytes });
}

/**
 * Copies the open plan to `dest` with SQLite's online backup API (never a raw file copy, which
 * can catch a WAL database half way), verified before it replaces anything.
 */
export async function backupDatabaseTo(db: Db, dest: string): Promise<void> {
  const abs = path.resolve(dest);
  const bytes = planBytes(db);
  let tmp: string | null = null;
  try {
    tmp = privateTempBeside(abs);
    const progress = await db.backup(tmp);
    verifyCopy(tmp, progress.totalPages);
    commitCopy(tmp, abs);
  } catch (err) {
    if (tmp) discardCopy(tmp);
    throw copyFailure(abs, err, bytes);
  }
}

/** The same with VACUUM INTO (synchronous; used for the backup taken before an upgrade). */
export function vacuumDatabaseTo(db: Db, dest: string): void {
  const abs = path.resolve(dest);
  const bytes = planBytes(db);
  let tmp: string | null = null;
  try {
    tmp = privateTempBeside(abs);
    db.prepare('VACUUM INTO ?').run(tmp);
    verifyCopy(tmp);
    commitCopy(tmp, abs);
  } catch (err) {
    if (tmp) discardCopy(tmp);
    throw copyFailure(abs, err, bytes);
  }
}
