/**
 * Exports are written atomically (docs/ARCHITECTURE.md, "Atomic writes"): the bytes go to a temporary file in
 * the target's own folder (so the rename never crosses a file system), are flushed to disk, and
 * only then renamed over the target. A failure at any point leaves the old file as it was.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors';

/** Explains a failed write in the planners' words: what, where, what to do next. */
export function writeFailure(target: string, err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string }).code;
  const name = path.basename(target);
  const folder = path.dirname(target);
  switch (code) {
    case 'EBUSY':
    case 'EPERM':
    case 'EACCES':
      return new AppError(
        'LOCKED',
        `Could not write "${name}" in ${folder}: the file is open in another program (for example Excel), read-only, or the folder cannot be written to. Close the file or choose another name or folder, then export again. Any existing "${name}" was left as it was.`,
      );
    case 'EISDIR':
      return new AppError('CONFLICT', `Could not write "${name}": ${folder} already holds a folder with that name. Choose another file name.`);
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('NOT_FOUND', `Could not write "${name}": the folder ${folder} does not exist. Choose a folder that exists.`);
    case 'ENOSPC':
      return new AppError('DISK_FULL', `The disk is full: "${name}" was not written to ${folder}. Free some space and export again.`);
    default:
      return new AppError('IO', `Could not write "${name}" in ${folder}: ${err instanceof Error ? err.message : String(err)}. Check the folder and try again.`);
  }
}

/** Refuses a target that cannot be replaced, before any work is done. */
export function checkWritableTarget(target: string): void {
  try {
    const folder = path.dirname(target);
    const st = fs.statSync(folder, { throwIfNoEntry: false });
    if (!st) throw Object.assign(new Error('missing folder'), { code: 'ENOENT' });
    if (!st.isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    // Mode bits as well as access(): an administrator (or root in CI) may bypass permissions, but
    // a folder or file someone marked read-only is a statement that it must not be replaced.
    if (process.platform !== 'win32' && (st.mode & 0o222) === 0) throw Object.assign(new Error('read-only folder'), { code: 'EACCES' });
    fs.accessSync(folder, fs.constants.W_OK);
    const existing = fs.statSync(target, { throwIfNoEntry: false });
    if (existing?.isDirectory()) throw Object.assign(new Error('is a folder'), { code: 'EISDIR' });
    if (existing && (existing.mode & 0o222) === 0) throw Object.assign(new Error('read-only file'), { code: 'EACCES' });
    if (existing) fs.accessSync(target, fs.constants.W_OK);
  } catch (err) {
    throw writeFailure(target, err);
  }
}

/**
 * Writes `data` to `target` by way of a temporary file and a rename. An existing target that is
 * read-only is refused (a rename would silently replace it), as is a folder of that name.
 */
export function writeFileAtomic(target: string, data: Uint8Array | string): void {
  const abs = path.resolve(target);
  checkWritableTarget(abs);
  const tmp = path.join(path.dirname(abs), `.${path.basename(abs)}.${process.pid}.${Date.now()}.partial`);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx', 0o644);
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, abs);
  } catch (err) {
    if (fd !== null) fs.closeSync(fd);
    fs.rmSync(tmp, { force: true });
    throw writeFailure(abs, err);
  }
  // Make the rename itself durable where the OS allows a directory fsync (not on Windows).
  if (process.platform !== 'win32') {
    try {
      const dfd = fs.openSync(path.dirname(abs), 'r');
      fs.fsyncSync(dfd);
      fs.closeSync(dfd);
    } catch {
      // The file is written; a failed directory sync only weakens the crash guarantee.
    }
  }
}
