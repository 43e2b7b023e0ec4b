/**
 * Opening plan files. A plan is one SQLite database marked with our application_id. Nothing is
 * written to a file until it has been proven to be a readable plan of a schema this version
 * understands: a PNG renamed, a truncated file or someone else's database is refused untouched.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { FRESH_SCHEMA } from './schema';

export type Db = Database.Database;

/** "WFP1" as a big-endian 32-bit integer, stored in the SQLite header (offset 68). */
export const PLAN_APPLICATION_ID = 0x57465031;
export const PLAN_EXTENSION = '.wfplan';
const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');

export interface OpenOptions {
  /** Create the file (with the fresh schema) when it does not exist. */
  create?: boolean;
  /** Open for reading only, even if the file could be written. */
  readOnly?: boolean;
  /** Where the backup taken before a migration goes; default: beside the plan. */
  backupDir?: string;
  /** Clock, for backup names. */
  now?: () => Date;
}

export interface PlanConnection {
  db: Db;
  path: string;
  readOnly: boolean;
  schemaVersion: number;
  /** Backup written before migrating, if there was a migration. */
  migrationBackup: string | null;
}

interface HeaderFacts {
  applicationId: number;
  userVersion: number;
  pageSize: number;
  pageCount: number;
  pageCountValid: boolean;
}

function readHeader(file: string, display: string): HeaderFacts {
  const stat = fs.statSync(file);
  if (!stat.isFile()) throw new AppError('NOT_A_PLAN', `${display} is not a file.`);
  if (stat.size === 0) throw new AppError('NOT_A_PLAN', `${display} is empty (0 bytes): it is not a plan file. It was left unchanged.`);
  const header = Buffer.alloc(100);
  const fd = fs.openSync(file, 'r');
  let read: number;
  try {
    read = fs.readSync(fd, header, 0, 100, 0);
  } finally {
    fs.closeSync(fd);
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
  if (facts.pageCountValid && stat.size < pageSize * pageCount) {
    throw new AppError(
      'CORRUPT',
      `${display} is damaged: it is shorter than its own header says (${stat.size.toLocaleString('en-GB')} of ${(pageSize * pageCount).toLocaleString('en-GB')} bytes). It was left unchanged; open a backup instead.`,
    );
  }
  return facts;
}

/** Refuses anything that is not a plan this version can read; returns the header facts. */
export function inspectPlanFile(file: string): HeaderFacts {
  const display = `"${path.basename(file)}"`;
  const facts = readHeader(file, display);
  if (facts.applicationId !== PLAN_APPLICATION_ID) {
    throw new AppError(
      'NOT_A_PLAN',
      `${display} is an SQLite database but not a Workforce Pipeline Planner plan. It was left unchanged.`,
    );
  }
  if (facts.userVersion > LATEST_VERSION) {
    throw new AppError(
      'NEWER_VERSION',
      `${display} was made by a newer version of Workforce Pipeline Planner (plan format ${facts.userVersion}; this version reads up to ${LATEST_VERSION}). Update the app to open it. The file was left unchanged.`,
    );
  }
  return facts;
}

/** Runs quick_check on a read-only connection; throws CORRUPT with the first problem. */
function quickCheck(file: string, display: string): void {
  let ro: Db | null = null;
  try {
    ro = new Database(file, { readonly: true, fileMustExist: true });
    const rows = ro.pragma('quick_check') as { quick_check: string }[];
    const first = rows[0]?.quick_check;
    if (first !== 'ok') {
      throw new AppError('CORRUPT', `${display} is damaged (${first ?? 'no result'}). It was left unchanged; open a backup instead.`);
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    throw new AppError('CORRUPT', `${display} is damaged and cannot be read (${message}). It was left unchanged; open a backup instead.`);
  } finally {
    ro?.close();
  }
}

/** Sets and then reads back the pragmas every connection must have. */
export function applyPragmas(db: Db, readOnly: boolean): void {
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  if (!readOnly) {
    const mode = db.pragma('journal_mode = WAL', { simple: true }) as string;
    if (mode.toLowerCase() !== 'wal') throw new AppError('IO', `Could not switch the plan to write-ahead logging (journal mode is ${mode}).`);
    db.pragma('synchronous = FULL');
    const sync = db.pragma('synchronous', { simple: true }) as number;
    if (sync !== 2) throw new AppError('IO', 'Could not set synchronous = FULL on the plan.');
  }
  if ((db.pragma('foreign_keys', { simple: true }) as number) !== 1) throw new AppError('IO', 'Could not enable foreign keys on the plan.');
  if ((db.pragma('busy_timeout', { simple: true }) as number) !== 5000) throw new AppError('IO', 'Could not set the busy timeout on the plan.');
}

function restrictPermissions(file: string): void {
  if (process.platform === 'win32') return;
  for (const f of [file, `${file}-wal`, `${file}-shm`]) {
    try {
      fs.chmodSync(f, 0o600);
    } catch {
      // The -wal/-shm files may not exist yet; the plan itself was created by us.
    }
  }
}

function isWritable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.W_OK);
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/g, '-').replace('T', '_').slice(0, 19);
}

/** Runs each pending migration in its own transaction, checking foreign keys before commit. */
export function migrate(db: Db, from: number): void {
  for (const m of MIGRATIONS) {
    if (m.version <= from) continue;
    db.transaction(() => {
      m.up(db);
      const violations = db.pragma('foreign_key_check') as unknown[];
      if (violations.length > 0) throw new AppError('INTERNAL', `Migration ${m.version} (${m.name}) left ${violations.length} broken references.`);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
}

function createPlan(file: string): Db {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
    applyPragmas(db, false);
    db.transaction(() => {
      db.exec(FRESH_SCHEMA);
      db.pragma(`user_version = ${LATEST_VERSION}`);
    })();
  } catch (err) {
    db.close();
    fs.rmSync(file, { force: true });
    throw err;
  }
  return db;
}

function translateOpenError(err: unknown, display: string): never {
  if (err instanceof AppError) throw err;
  const code = (err as { code?: string }).code ?? '';
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') {
    throw new AppError('LOCKED', `${display} is in use by another program. Close it there, then try again.`);
  }
  if (code === 'SQLITE_READONLY' || code.startsWith('SQLITE_READONLY')) {
    throw new AppError('READ_ONLY', `${display} cannot be written (${message}).`);
  }
  if (code === 'SQLITE_FULL') throw new AppError('DISK_FULL', `The disk is full: ${display} could not be opened for writing. Free some space and try again.`);
  throw new AppError('IO', `${display} could not be opened: ${message}`);
}

/**
 * Opens (or creates) a plan file: checks it, sets and verifies the pragmas, backs it up and
 * migrates it if it is older than this version.
 */
export function openPlanFile(file: string, options: OpenOptions = {}): PlanConnection {
  const abs = path.resolve(file);
  const display = `"${path.basename(abs)}"`;
  if (!fs.existsSync(abs)) {
    if (!options.create) throw new AppError('NOT_FOUND', `There is no plan at ${abs}.`);
    const db = createPlan(abs);
    restrictPermissions(abs);
    return { db, path: abs, readOnly: false, schemaVersion: LATEST_VERSION, migrationBackup: null };
  }

  const facts = inspectPlanFile(abs);
  quickCheck(abs, display);

  const readOnly = options.readOnly === true || !isWritable(abs);
  if (readOnly && facts.userVersion < LATEST_VERSION) {
    throw new AppError(
      'READ_ONLY',
      `${display} was made by an older version and needs upgrading, but it cannot be written. Save a copy somewhere you can write to, then open that.`,
    );
  }

  let db: Db;
  try {
    db = new Database(abs, { readonly: readOnly, fileMustExist: true });
  } catch (err) {
    translateOpenError(err, display);
  }
  try {
    applyPragmas(db, readOnly);
    let migrationBackup: string | null = null;
    const current = db.pragma('user_version', { simple: true }) as number;
    if (!readOnly && current < LATEST_VERSION) {
      const dir = options.backupDir ?? path.dirname(abs);
      fs.mkdirSync(dir, { recursive: true });
      const base = path.basename(abs, path.extname(abs));
      migrationBackup = path.join(dir, `${base}.before-format-${LATEST_VERSION}.${stamp((options.now ?? (() => new Date()))())}${PLAN_EXTENSION}`);
      db.prepare('VACUUM INTO ?').run(migrationBackup);
      migrate(db, current);
    }
    if (!readOnly) restrictPermissions(abs);
    return { db, path: abs, readOnly, schemaVersion: LATEST_VERSION, migrationBackup };
  } catch (err) {
    db.close();
    translateOpenError(err, display);
  }
}
