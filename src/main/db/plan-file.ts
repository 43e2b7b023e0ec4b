/**
 * What a file must be before anything opens it: an SQLite database (its header), of this
 * application and of a schema this version reads, long enough for its own header, or its
 * write-ahead log there to finish it. The operating system's refusals in words.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { LATEST_VERSION } from './migrations';

/** "WFP1" as a big-endian 32-bit integer, stored in the SQLite header (offset 68). */
export const PLAN_APPLICATION_ID = 0x57465031;
export const PLAN_EXTENSION = '.wfplan';
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface HeaderFacts {
  applicationId: number;
  userVersion: number;
  pageSize: number;
  pageCount: number;
  pageCountValid: boolean;
}

export const codeOf = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/**
 * The operating system's reason a plan could not be read, in words (never "damaged": nothing
 * about its content is known).
 */
export function unreadable(display: string, where: string, err: unknown): AppError {
  const code = codeOf(err);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('NOT_FOUND', `There is no plan at ${where}. It may have been moved, renamed or deleted.`);
    case 'EACCES':
    case 'EPERM':
      return new AppError(
        'FORBIDDEN',
        `${display} cannot be opened: you do not have permission to read it (${where}). Ask its owner for access, or copy it somewhere of your own.`,
      );
    case 'EBUSY':
      return new AppError('LOCKED', `${display} is in use by another program, which is not letting it be read. Close it there and try again.`);
    case 'EIO':
    case 'SQLITE_IOERR':
      return new AppError(
        'IO',
        `${display} could not be read: the drive reported an input/output error (it may be failing or disconnected). Check the drive and try again; the file was left unchanged.`,
      );
    case 'ENOSPC':
      return new AppError('DISK_FULL', `${display} could not be opened: the disk holding the app's temporary files is full. Free some space and try again.`);
    default:
      return new AppError('IO', `${display} could not be read (${code || (err instanceof Error ? err.message : String(err))}). The file was left unchanged.`);
  }
}

function readHeader(file: string, display: string): HeaderFacts {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (err) {
    throw unreadable(display, file, err);
  }
  if (!stat.isFile()) throw new AppError('NOT_A_PLAN', `${display} is not a file (it is a folder or a device). Choose a .wfplan file.`);
  if (stat.size === 0) throw new AppError('NOT_A_PLAN', `${display} is empty (0 bytes): it is not a plan file. It was left unchanged.`);
  const header = Buffer.alloc(100);
  let read: number;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      read = fs.readSync(fd, header, 0, 100, 0);
    } finally {
      fs.closeSync(fd);
    }
  } catch (err) {
    throw unreadable(display, file, err);
  }
  if (read < 16 || !header.subarray(0, 16).equals(SQLITE_MAGIC)) {
    throw new AppError('NOT_A_PLAN', `${display} is not a plan file (it is not an SQLite database). It was left unchanged.`);
  }
  if (read < 100) {
    throw new AppError('CORRUPT', `${display} is damaged: the file is truncated. It was left unchanged; open a backup instead.`);
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const changeCounter = header.readUInt32BE(24);
  const pageCount = header.readUInt32BE(28);
  const validFor = header.readUInt32BE(92);
  const facts: HeaderFacts = {
    applicationId: header.readUInt32BE(68),
    userVersion: header.readUInt32BE(60),
    pageSize,
    pageCount,
    pageCountValid: pageCount > 0 && changeCounter === validFor,
  };
  // A crash in the middle of a checkpoint can leave the header's new page count written before the
  // pages it counts; the write-ahead log beside the file still holds them and SQLite replays it on
  // opening. Only a plan with no log to finish it is short.
  const wal = fs.statSync(`${file}-wal`, { throwIfNoEntry: false });
  if (facts.pageCountValid && stat.size < pageSize * pageCount && !(wal && wal.size > 0)) {
    throw new AppError(
      'CORRUPT',
      `${display} is damaged: it is shorter than its own header says (${stat.size.toLocaleString('en-GB')} of ${(pageSize * pageCount).toLocaleString('en-GB')} bytes). It was left unchanged; open a backup instead.`,
    );
  }
  return facts;
}

export function refuseForeign(display: string, applicationId: number, userVersion: number): void {
  if (applicationId !== PLAN_APPLICATION_ID) {
    throw new AppError('NOT_A_PLAN', `${display} is an SQLite database but not a Workforce Pipeline Planner plan. It was left unchanged.`);
  }
  if (userVersion > LATEST_VERSION) {
    throw new AppError(
      'NEWER_VERSION',
      `${display} was made by a newer version of Workforce Pipeline Planner (plan format ${userVersion}; this version reads up to ${LATEST_VERSION}). Update the app to open it. The file was left unchanged.`,
    );
  }
}

/** Refuses anything that is not a plan this version can read; returns the header facts. */
export function inspectPlanFile(file: string): HeaderFacts {
  const display = `"${path.basename(file)}"`;
  const facts = readHeader(file, display);
  refuseForeign(display, facts.applicationId, facts.userVersion);
  return facts;
}
