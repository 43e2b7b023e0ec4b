/**
 * Files are written atomically and verified (docs/ARCHITECTURE.md, "Atomic writes"): the bytes go to a temporary
 * file in the target's own folder (so the rename never crosses a file system); every byte count
 * the OS returns is checked (a short or empty write is a failure, not a success), the file is
 * flushed to disk, read back and checked (its size; for a workbook, the zip's central
 * directory), and only then renamed over the target. A failure at any point leaves the old file
 * as it was and removes the temporary one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { writeFailure as explainWriteFailure } from './file-errors';

/** Explains a failed write in the planners' words: what, where, what to do next. */
export function writeFailure(target: string, err: unknown, bytes?: number): AppError {
  return explainWriteFailure(target, err, bytes !== undefined ? { bytes } : {});
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

/** A write the OS accepted fewer bytes of than it was given, repeatedly: the disk stopped taking data. */
class ShortWrite extends Error {
  readonly code = 'ENOSPC';
  constructor(written: number, total: number) {
    super(`the disk accepted ${written} of ${total} bytes`);
  }
}

/** Writes all of `bytes` at the start of `fd`, looping on partial writes; an empty write is a failure. */
export function writeAll(fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.byteLength) {
    const n = fs.writeSync(fd, bytes, offset, bytes.byteLength - offset, offset);
    if (!Number.isInteger(n) || n <= 0) throw new ShortWrite(offset, bytes.byteLength);
    offset += n;
  }
}

function readAt(fd: number, length: number, position: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = fs.readSync(fd, buf, got, length - got, position + got);
    if (n <= 0) break;
    got += n;
  }
  return got === length ? buf : buf.subarray(0, got);
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/**
 * Checks that the zip in `fd` (`size` bytes) is complete: its end record is found, the central
 * directory sits where the end record says and lists as many entries as it claims, and every
 * entry's local header is where the directory points. Throws with the reason otherwise.
 */
export function checkZipStructure(fd: number, size: number): void {
  const bad = (why: string) => new Error(`the written workbook is not a complete zip (${why})`);
  const tailLength = Math.min(size, 22 + 0xffff);
  const tail = readAt(fd, tailLength, size - tailLength);
  let at = -1;
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD) {
      at = i;
      break;
    }
  }
  if (at < 0) throw bad('no end of central directory');
  const eocdPos = size - tailLength + at;
  let entries = tail.readUInt16LE(at + 10);
  let cdSize = tail.readUInt32LE(at + 12);
  let cdOffset = tail.readUInt32LE(at + 16);
  let cdEnd = eocdPos;
  if (entries === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
    if (at < 20 || tail.readUInt32LE(at - 20) !== ZIP64_LOCATOR) throw bad('zip64 locator missing');
    const recPos = Number(tail.readBigUInt64LE(at - 20 + 8));
    const rec = readAt(fd, 56, recPos);
    if (rec.length < 56 || rec.readUInt32LE(0) !== ZIP64_EOCD) throw bad('zip64 end record missing');
    entries = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
    cdEnd = recPos;
  }
  if (entries === 0) throw bad('no entries');
  if (cdOffset + cdSize !== cdEnd) throw bad('central directory out of place');
  const cd = readAt(fd, cdSize, cdOffset);
  if (cd.length !== cdSize) throw bad('central directory cut short');
  let p = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CENTRAL) throw bad(`entry ${n + 1} of ${entries} missing`);
    let localOffset = cd.readUInt32LE(p + 42);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    if (localOffset === 0xffffffff) {
      // The zip64 extra field holds the offset (after any 64-bit sizes that were also too big).
      const extra = cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength);
      for (let e = 0; e + 4 <= extra.length; ) {
        const id = extra.readUInt16LE(e);
        const len = extra.readUInt16LE(e + 2);
        if (id === 0x0001) {
          let q = e + 4;
          if (cd.readUInt32LE(p + 24) === 0xffffffff) q += 8;
          if (cd.readUInt32LE(p + 20) === 0xffffffff) q += 8;
          localOffset = Number(extra.readBigUInt64LE(q));
        }
        e += 4 + len;
      }
    }
    if (localOffset >= cdOffset) throw bad(`entry ${n + 1} points past its data`);
    const local = readAt(fd, 4, localOffset);
    if (local.length !== 4 || local.readUInt32LE(0) !== LOCAL) throw bad(`entry ${n + 1} has no local header`);
    p += 46 + nameLength + extraLength + commentLength;
  }
  if (p !== cd.length) throw bad('central directory has trailing bytes');
}

const looksLikeZip = (bytes: Uint8Array): boolean => bytes.byteLength >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;

/** Flushes a folder's entries (the rename) to disk where the OS allows it (not on Windows). */
export function syncFolder(folder: string): void {
  if (process.platform === 'win32') return;
  try {
    const dfd = fs.openSync(folder, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // The file is written; a failed folder sync only weakens the guarantee after a power cut.
  }
}

export interface AtomicWriteOptions {
  /**
   * Permission bits of the new file. Default: those of the file being replaced, else 0644 (less
   * the umask). Copies of plans pass 0600.
   */
  mode?: number;
}

/** A temporary name beside `target`, never a name the app lists or opens. */
export function temporaryPathFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.${Math.random().toString(36).slice(2, 8)}.partial`);
}

/**
 * Writes `data` to `target` by way of a temporary file, a verification and a rename. An existing
 * target that is read-only is refused (a rename would silently replace it), as is a folder of
 * that name. Zip data (a workbook) is checked for a complete central directory once on disk.
 */
export function writeFileAtomic(target: string, data: Uint8Array | string, options: AtomicWriteOptions = {}): void {
  const abs = path.resolve(target);
  checkWritableTarget(abs);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const existing = fs.statSync(abs, { throwIfNoEntry: false });
  const mode = options.mode ?? (existing ? existing.mode & 0o777 : 0o644);
  const tmp = temporaryPathFor(abs);
  let fd: number | null = null;
  try {
    fd = fs.openSync(tmp, 'wx+', mode);
    if (options.mode !== undefined || existing) fs.fchmodSync(fd, mode);
    writeAll(fd, bytes);
    fs.fsyncSync(fd);
    const size = fs.fstatSync(fd).size;
    if (size !== bytes.byteLength) throw new ShortWrite(size, bytes.byteLength);
    if (looksLikeZip(bytes)) checkZipStructure(fd, size);
    fs.closeSync(fd);
    fd = null;
    fs.renameSync(tmp, abs);
  } catch (err) {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // Closing a file on a failed drive can fail too; the temporary file is removed below.
      }
    }
    fs.rmSync(tmp, { force: true });
    if (err instanceof Error && err.message.startsWith('the written workbook')) {
      throw new AppError(
        'IO',
        `Could not write "${path.basename(abs)}" in ${path.dirname(abs)}: ${err.message}, so it was not saved. Nothing was replaced: any existing "${path.basename(abs)}" was left as it was. Try again.`,
      );
    }
    throw writeFailure(abs, err, bytes.byteLength);
  }
  syncFolder(path.dirname(abs));
}
