/**
 * What the command line says when something fails: the cause in words (the disk is full, the
 * plan is in use by another program, a file or folder is read-only, permission is missing, the
 * drive failed), never an error class such as "SqliteError".
 */
import { AppError } from '../shared/api/errors';

export function failureMessage(err: unknown, nothingWritten = 'Nothing was written.'): string {
  if (err instanceof AppError) return err.message;
  const code = (err as { code?: unknown } | null)?.code;
  const c = typeof code === 'string' ? code : '';
  if (c === 'SQLITE_FULL' || c === 'ENOSPC' || c === 'EDQUOT') return `The disk is full. ${nothingWritten} Free some space and try again.`;
  if (c.startsWith('SQLITE_BUSY') || c === 'SQLITE_LOCKED' || c === 'EBUSY')
    return `The plan is in use by another program, which is holding it locked. ${nothingWritten} Close it there and try again.`;
  if (c.startsWith('SQLITE_READONLY') || c === 'EROFS')
    return `The plan cannot be written: its file, folder or drive is read-only. ${nothingWritten} Save a copy somewhere you can write to and use that.`;
  if (c === 'EACCES' || c === 'EPERM' || c.startsWith('SQLITE_CANTOPEN') || c === 'SQLITE_PERM')
    return `Permission denied: you may not read or write the file or folder it needs. ${nothingWritten} Check who owns it, or use a copy of your own.`;
  if (c.startsWith('SQLITE_IOERR') || c === 'EIO')
    return `The drive reported an input/output error (it may be failing or disconnected). ${nothingWritten} Check the drive and try again.`;
  if (c === 'SQLITE_CORRUPT' || c === 'SQLITE_NOTADB') return `The plan file is damaged. ${nothingWritten} Restore a backup of it.`;
  if (c === 'ENOENT') return `A file or folder it needs does not exist (${err instanceof Error ? err.message : c}). ${nothingWritten}`;
  return `It failed unexpectedly${c ? ` (${c})` : ''}. ${nothingWritten}`;
}
