/**
 * Reading a file chosen for import, from the window's file dialog or the command line. Only a
 * regular file is read: a folder, a device (/dev/zero never ends), a named pipe (which waits for
 * a writer for ever) or a socket is refused before a byte is read, and the file is opened
 * without waiting so that a pipe cannot hold the app. The size limit holds for the bytes
 * actually read, in chunks that let the main thread breathe, whatever the file's size said.
 */
import fs from 'node:fs';
import path from 'node:path';
import { MAX_IMPORT_BYTES } from '../../../shared/api/channels/import';
import { AppError } from '../../../shared/api/errors';

const CHUNK = 1024 * 1024;
const MB = 1024 * 1024;
/** 64 bytes, 12 KB, 2.5 MB, 200 MB. */
const megabytes = (n: number) => (n < 1024 ? `${n} bytes` : n < MB ? `${Math.round(n / 1024)} KB` : `${Number((n / MB).toFixed(1))} MB`);

function notAFile(name: string, st: fs.Stats): AppError | null {
  if (st.isFile()) return null;
  const what = st.isDirectory()
    ? 'a folder'
    : st.isFIFO()
      ? 'a named pipe'
      : st.isCharacterDevice() || st.isBlockDevice()
        ? 'a device'
        : st.isSocket()
          ? 'a socket'
          : 'not an ordinary file';
  return new AppError('VALIDATION', `"${name}" is ${what}, not a spreadsheet file: only files can be imported. Choose the spreadsheet itself.`);
}

/** Over the limit: by its size (`size`), or by what was read when its size said otherwise (null). */
function tooBig(name: string, size: number | null, max: number): AppError {
  return new AppError(
    'VALIDATION',
    `"${name}" is ${size !== null ? `${megabytes(size)}` : `larger than ${megabytes(max)} (more was read than its size said)`}; files over ${megabytes(max)} cannot be imported. Split it and import each part.`,
  );
}

function openFailure(name: string, err: unknown): AppError {
  const code = (err as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('NOT_FOUND', `"${name}" could not be opened: it may have been moved or deleted.`);
    case 'EACCES':
    case 'EPERM':
      return new AppError(
        'FORBIDDEN',
        `"${name}" could not be opened: you do not have permission to read it. Ask its owner for access, or save a copy of your own.`,
      );
    case 'EISDIR':
      return new AppError('VALIDATION', `"${name}" is a folder, not a spreadsheet file: only files can be imported. Choose the spreadsheet itself.`);
    case 'EBUSY':
      return new AppError('LOCKED', `"${name}" is in use by another program, which is not letting it be read. Close it there and try again.`);
    case 'EIO':
      return new AppError('IO', `"${name}" could not be read: the drive reported an input/output error (it may be failing or disconnected).`);
    default:
      return new AppError('IO', `"${name}" could not be read (${typeof code === 'string' ? code : err instanceof Error ? err.name : 'error'}).`);
  }
}

/** Reads a regular file of at most `max` bytes; anything else is refused with the reason. */
export async function readImportFile(file: string, max: number = MAX_IMPORT_BYTES): Promise<Uint8Array> {
  const name = path.basename(file);
  let handle: fs.promises.FileHandle;
  try {
    // O_NONBLOCK: opening a named pipe must not wait for a writer (it is refused just below).
    handle = await fs.promises.open(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (err) {
    throw openFailure(name, err);
  }
  try {
    const st = await handle.stat();
    const refused = notAFile(name, st);
    if (refused) throw refused;
    if (st.size > max) throw tooBig(name, st.size, max);
    // Room for the size the file says it has, and one byte more to notice that it grew.
    let buf = Buffer.allocUnsafe(Math.min(max, st.size) + 1);
    let total = 0;
    for (;;) {
      if (total === buf.length) {
        if (total > max) throw tooBig(name, null, max);
        const bigger = Buffer.allocUnsafe(Math.min(max + 1, buf.length * 2));
        buf.copy(bigger, 0, 0, total);
        buf = bigger;
      }
      const { bytesRead } = await handle.read(buf, total, Math.min(CHUNK, buf.length - total), total);
      if (bytesRead === 0) break;
      total += bytesRead;
    }
    if (total > max) throw tooBig(name, null, max);
    return new Uint8Array(buf.buffer, buf.byteOffset, total);
  } catch (err) {
    throw err instanceof AppError ? err : openFailure(name, err);
  } finally {
    await handle.close();
  }
}
