/**
 * File-system failures in the planners' words: what happened, where, and what to do next. Used
 * by every writer (exports, copies of plans, backups) and by the command line, so that a full
 * disk, a read-only drive, a missing permission and a file held open elsewhere are told apart.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';

/** 1234567 → "1.2 MB"; always rounded up, so "more is needed" is never an underestimate. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${Math.max(1, Math.ceil(bytes))} bytes`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let v = bytes / 1024;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const rounded = Math.ceil(v * 10) / 10;
  return `${rounded.toLocaleString('en-GB', { maximumFractionDigits: 1 })} ${units[u]}`;
}

/** Bytes free to this user in `folder`'s file system, or null where the OS will not say. */
export function freeSpace(folder: string): number | null {
  try {
    const s = fs.statfsSync(folder);
    return Number(s.bavail) * Number(s.bsize);
  } catch {
    return null;
  }
}

/** How many more bytes `folder` needs to hold `bytes` more, or null when that is not known. */
export function moreSpaceNeeded(folder: string, bytes: number): number | null {
  const free = freeSpace(folder);
  if (free === null) return null;
  const short = bytes - free;
  return short > 0 ? short : null;
}

/** "The disk is full: 1.2 MB more is needed." (or without a figure when the OS will not say). */
export function diskFullSentence(needed: number | null): string {
  return needed !== null ? `The disk is full: ${formatBytes(needed)} more is needed.` : 'The disk is full.';
}

/** True when the error is the OS or SQLite saying the disk (or the user's quota) is full. */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT' || code === 'SQLITE_FULL';
}

const errCode = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/** Why `file` (or its folder) cannot be written, from its mode bits, for a refusal message. */
function whyNotWritable(file: string): 'read-only file' | 'read-only folder' | null {
  if (process.platform === 'win32') return null;
  const st = fs.statSync(file, { throwIfNoEntry: false });
  if (st && (st.mode & 0o222) === 0) return 'read-only file';
  const dir = fs.statSync(path.dirname(file), { throwIfNoEntry: false });
  if (dir && (dir.mode & 0o222) === 0) return 'read-only folder';
  return null;
}

/**
 * Explains a failed write of `target` (a new or replaced file) as an AppError whose message names
 * the cause. `nothingReplaced` is said when an existing file was left as it was.
 */
export function writeFailure(target: string, err: unknown, options: { bytes?: number; again?: string } = {}): AppError {
  if (err instanceof AppError) return err;
  const code = errCode(err);
  const name = path.basename(target);
  const folder = path.dirname(target);
  const again = options.again ?? 'try again';
  const kept = `Nothing was replaced: any existing "${name}" was left as it was.`;
  if (isDiskFull(err)) {
    const needed = options.bytes !== undefined ? moreSpaceNeeded(folder, options.bytes) : null;
    return new AppError(
      'DISK_FULL',
      `${diskFullSentence(needed)} "${name}" could not be written in ${folder}. ${kept} Free some space, or choose another drive, and ${again}.`,
    );
  }
  switch (code) {
    case 'EROFS':
      return new AppError(
        'READ_ONLY',
        `Could not write "${name}": ${folder} is on a read-only drive (for example a CD, a write-protected USB stick or a read-only share). ${kept} Choose a folder on another drive and ${again}.`,
      );
    case 'EBUSY':
    case 'ETXTBSY':
      return new AppError(
        'LOCKED',
        `Could not write "${name}" in ${folder}: the file is open in another program (for example Excel). ${kept} Close it there, or choose another name, and ${again}.`,
      );
    case 'EPERM':
    case 'EACCES': {
      const why = whyNotWritable(target);
      if (why === 'read-only file')
        return new AppError(
          'READ_ONLY',
          `Could not write "${name}" in ${folder}: the existing file is read-only. ${kept} Choose another name, or clear its read-only setting, and ${again}.`,
        );
      if (why === 'read-only folder')
        return new AppError('READ_ONLY', `Could not write "${name}": the folder ${folder} is read-only. ${kept} Choose another folder and ${again}.`);
      if (process.platform === 'win32') {
        return new AppError(
          'LOCKED',
          `Could not write "${name}" in ${folder}: the file is open in another program (for example Excel), or you do not have permission to write there. ${kept} Close the file or choose another folder, and ${again}.`,
        );
      }
      return new AppError(
        'READ_ONLY',
        `Could not write "${name}": you do not have permission to write in ${folder}. ${kept} Choose a folder of your own (for example Documents) and ${again}.`,
      );
    }
    case 'EISDIR':
      return new AppError('CONFLICT', `Could not write "${name}": ${folder} already holds a folder with that name. Choose another file name.`);
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('NOT_FOUND', `Could not write "${name}": the folder ${folder} does not exist. Choose a folder that exists.`);
    case 'ENAMETOOLONG':
      return new AppError(
        'VALIDATION',
        `Could not write "${name}" in ${folder}: the name or folder path is too long. Choose a shorter name or a folder nearer the top of the drive.`,
      );
    case 'EIO':
      return new AppError(
        'IO',
        `Could not write "${name}" in ${folder}: the drive reported an input/output error (it may be failing or disconnected). ${kept} Check the drive, or choose another, and ${again}.`,
      );
    default:
      return new AppError(
        'IO',
        `Could not write "${name}" in ${folder} (${code || (err instanceof Error ? err.message : String(err))}). ${kept} Check the folder and ${again}.`,
      );
  }
}

/**
 * A failure writing one of the app's own temporary files (a snapshot being opened or saved, a
 * plan being checked), where `what` says what it was for: "Opening the snapshot".
 */
export function temporaryWriteFailure(err: unknown, bytes: number, what: string): AppError {
  if (err instanceof AppError) return err;
  const folder = os.tmpdir();
  if (isDiskFull(err)) {
    return new AppError(
      'DISK_FULL',
      `${diskFullSentence(moreSpaceNeeded(folder, bytes))} ${what} needs room in the temporary folder ${folder}. Nothing was changed. Free some space on that drive and try again.`,
    );
  }
  const code = errCode(err);
  return new AppError(
    'IO',
    `${what} needs a temporary file in ${folder}, which could not be written (${code || (err instanceof Error ? err.message : String(err))}). Nothing was changed. Check that folder and try again.`,
  );
}
