/**
 * Opening plan files. A plan is one SQLite database marked with our application_id. Nothing is
 * written to a file until it has been proven to be a readable plan of a schema this version
 * understands: its content is checked on a private copy, so a PNG renamed, a truncated file or
 * someone else's database is refused with not a byte of it, its mode or its folder changed.
 *
 * A plan that cannot be written (a read-only file, folder or drive, no permission, or one the
 * user chose to open read-only) is opened from a private working copy in a temporary folder:
 * SQLite never creates a -wal or -shm file beside it. A plan held locked by another program is
 * refused with "in use by another program", never called damaged; it can be opened read-only.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { vacuumDatabaseTo } from './copy';
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

/** Why a plan is open read-only, in a few words for the banner. */
export type ReadOnlyReason = 'asked' | 'read-only file' | 'read-only folder' | 'read-only drive' | 'no permission';

export interface PlanConnection {
  db: Db;
  /** The plan file the user opened. */
  path: string;
  /** The file SQLite has open: `path`, or a private working copy of it when read-only. */
  file: string;
  readOnly: boolean;
  readOnlyReason: ReadOnlyReason | null;
  schemaVersion: number;
  /** Backup written before migrating, if there was a migration. */
  migrationBackup: string | null;
  /** Removes the private working copy (if any) once the connection is closed. */
  dispose(): void;
}

interface HeaderFacts {
  applicationId: number;
  userVersion: number;
  pageSize: number;
  pageCount: number;
  pageCountValid: boolean;
}

const codeOf = (err: unknown): string => {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
};

/**
 * The operating system's reason a plan could not be read, in words (never "damaged": nothing
 * about its content is known).
 */
function unreadable(display: string, where: string, err: unknown): AppError {
  const code = codeOf(err);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('NOT_FOUND', `There is no plan at ${where}. It may have been moved, renamed or deleted.`);
    case 'EACCES':
    case 'EPERM':
      return new AppError('FORBIDDEN', `${display} cannot be opened: you do not have permission to read it (${where}). Ask its owner for access, or copy it somewhere of your own.`);
    case 'EBUSY':
      return new AppError('LOCKED', `${display} is in use by another program, which is not letting it be read. Close it there and try again.`);
    case 'EIO':
    case 'SQLITE_IOERR':
      return new AppError('IO', `${display} could not be read: the drive reported an input/output error (it may be failing or disconnected). Check the drive and try again; the file was left unchanged.`);
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

function refuseForeign(display: string, applicationId: number, userVersion: number): void {
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

// ---------------------------------------------------------------- private copies

interface WorkingCopy {
  dir: string;
  file: string;
  remove(): void;
}

/** Working copies not yet removed: a connection left open when the process ends still leaves no copy behind. */
const liveCopies = new Set<string>();
process.once('exit', () => {
  for (const dir of liveCopies) fs.rmSync(dir, { recursive: true, force: true });
});

function fingerprint(file: string): string {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  return st ? `${st.size}:${st.mtimeMs}:${st.ino}` : 'none';
}

/**
 * Copies the plan and its write-ahead log (which holds its latest changes when another program
 * has it open, or after a crash) into a new owner-only temporary folder. The bytes are copied,
 * not opened with SQLite, so nothing is created beside the original; a copy taken while the
 * files changed is taken again.
 */
function privateCopy(abs: string, display: string): WorkingCopy {
  let dir: string;
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-open-'));
    if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
  } catch (err) {
    throw unreadable(display, abs, err);
  }
  const file = path.join(dir, 'plan.wfplan');
  liveCopies.add(dir);
  const remove = () => {
    fs.rmSync(dir, { recursive: true, force: true });
    liveCopies.delete(dir);
  };
  try {
    for (let attempt = 1; ; attempt++) {
      const before = `${fingerprint(abs)}|${fingerprint(`${abs}-wal`)}`;
      fs.rmSync(`${file}-wal`, { force: true });
      fs.copyFileSync(abs, file);
      const wal = fs.statSync(`${abs}-wal`, { throwIfNoEntry: false });
      if (wal && wal.size > 0) fs.copyFileSync(`${abs}-wal`, `${file}-wal`);
      const after = `${fingerprint(abs)}|${fingerprint(`${abs}-wal`)}`;
      if (before === after) break;
      if (attempt === 3) throw new AppError('LOCKED', `${display} is being changed by another program right now. Close it there and try again.`);
    }
    if (process.platform !== 'win32') for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  } catch (err) {
    remove();
    throw err instanceof AppError ? err : unreadable(display, abs, err);
  }
  return { dir, file, remove };
}

// ---------------------------------------------------------------- content checks

/** The tables and columns a plan of schema `version` has: the migrations run on an empty database. */
const expectedSchemas = new Map<number, Map<string, string[]>>();
function expectedSchema(version: number): Map<string, string[]> {
  const cached = expectedSchemas.get(version);
  if (cached) return cached;
  const mem = new Database(':memory:');
  try {
    for (const m of MIGRATIONS) if (m.version <= version) mem.transaction(() => m.up(mem))();
    const schema = tablesOf(mem);
    expectedSchemas.set(version, schema);
    return schema;
  } finally {
    mem.close();
  }
}

function tablesOf(db: Db): Map<string, string[]> {
  const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
  return new Map(names.map((n) => [n, (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(n) as { name: string }[]).map((c) => c.name)]));
}

/** Words for SQLite's first quick_check finding. */
function describeCheck(first: string): string {
  if (/^CHECK constraint failed in (\S+)/.test(first)) return `a value in table ${first.replace(/^CHECK constraint failed in /, '')} breaks one of the plan's rules`;
  if (/^NOT NULL constraint failed/.test(first)) return `a required value is missing (${first.replace(/^NOT NULL constraint failed: /, '')})`;
  return `its pages do not read back correctly (SQLite: ${first.length > 160 ? `${first.slice(0, 160)}…` : first})`;
}

/**
 * Proves the content of a plan (the private copy of it): SQLite reads it, quick_check passes
 * (page structure and every table's CHECK and NOT NULL constraints), and its tables are those
 * of a plan of its schema version. Anything else that goes wrong is the OS's reason, in words.
 */
function checkContent(file: string, display: string, where: string): number {
  let db: Db | null = null;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
    const applicationId = db.pragma('application_id', { simple: true }) as number;
    const userVersion = db.pragma('user_version', { simple: true }) as number;
    refuseForeign(display, applicationId, userVersion);
    const rows = db.pragma('quick_check(1)') as { quick_check: string }[];
    const first = rows[0]?.quick_check ?? 'no result';
    if (first !== 'ok') throw new AppError('CORRUPT', `${display} is damaged: ${describeCheck(first)}. It was left unchanged; open a backup instead.`);
    const expected = expectedSchema(userVersion);
    const actual = tablesOf(db);
    const missing = [...expected.keys()].filter((t) => !actual.has(t));
    const extra = [...actual.keys()].filter((t) => !expected.has(t));
    const changed = [...expected.keys()].filter((t) => actual.has(t) && actual.get(t)!.join(',') !== expected.get(t)!.join(','));
    if (missing.length + extra.length + changed.length > 0) {
      const parts = [
        missing.length ? `missing ${missing.slice(0, 3).join(', ')}${missing.length > 3 ? ', …' : ''}` : '',
        changed.length ? `changed ${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''}` : '',
        extra.length ? `unknown ${extra.slice(0, 3).join(', ')}${extra.length > 3 ? ', …' : ''}` : '',
      ].filter(Boolean);
      throw new AppError('CORRUPT', `${display} is damaged: its tables are not those of a plan of format ${userVersion} (${parts.join('; ')}). It was left unchanged; open a backup instead.`);
    }
    return userVersion;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = codeOf(err);
    if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      throw new AppError('CORRUPT', `${display} is damaged and cannot be read (SQLite: ${err instanceof Error ? err.message : code}). It was left unchanged; open a backup instead.`);
    }
    throw unreadable(display, where, code.startsWith('SQLITE_IOERR') ? Object.assign(new Error(code), { code: 'EIO' }) : err);
  } finally {
    db?.close();
  }
}

// ---------------------------------------------------------------- pragmas, permissions

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

/**
 * Why the plan cannot be written, or null when it can. Mode bits count as well as access(): an
 * administrator (or root) may bypass permissions, but a file or folder someone marked read-only
 * is a statement that it must not be changed.
 */
export function readOnlyReason(file: string): ReadOnlyReason | null {
  const folder = path.dirname(file);
  for (const [target, what] of [
    [file, 'read-only file'],
    [folder, 'read-only folder'],
  ] as const) {
    try {
      if (process.platform !== 'win32' && (fs.statSync(target).mode & 0o222) === 0) return what;
      fs.accessSync(target, fs.constants.W_OK);
    } catch (err) {
      const code = codeOf(err);
      if (code === 'EROFS') return 'read-only drive';
      if (code === 'EACCES' || code === 'EPERM') return 'no permission';
      return what;
    }
  }
  return null;
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
  const display = `"${path.basename(file)}"`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Created owner-only before SQLite writes a byte; its -wal and -shm files inherit the mode.
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
    if (process.platform !== 'win32') fs.chmodSync(file, 0o600);
  } catch (err) {
    throw translateOpenError(err, display, file);
  }
  let db: Db | null = null;
  try {
    db = new Database(file);
    db.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
    applyPragmas(db, false);
    db.transaction(() => {
      db!.exec(FRESH_SCHEMA);
      db!.pragma(`user_version = ${LATEST_VERSION}`);
    })();
  } catch (err) {
    db?.close();
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    throw translateOpenError(err, display, file);
  }
  return db;
}

/** An open or write of the plan that failed, in the operating system's words. */
function translateOpenError(err: unknown, display: string, file: string): AppError {
  if (err instanceof AppError) return err;
  const code = codeOf(err);
  if (code === 'SQLITE_BUSY' || code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED' || code === 'EBUSY') return inUse(display);
  if (code.startsWith('SQLITE_READONLY') || code === 'EROFS') {
    return new AppError('READ_ONLY', `${display} cannot be written: its file, folder or drive is read-only. Open it read-only, or save a copy somewhere you can write to.`);
  }
  if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') {
    return new AppError('READ_ONLY', `${display} cannot be written: you do not have permission to write in ${path.dirname(file)}. Choose a folder of your own (for example Documents).`);
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC') return new AppError('DISK_FULL', `The disk is full: ${display} could not be opened for writing. Free some space and try again. The file was left unchanged.`);
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return unreadable(display, file, Object.assign(new Error(code), { code: 'EIO' }));
  return new AppError('IO', `${display} could not be opened (${code || (err instanceof Error ? err.message : String(err))}).`);
}

function inUse(display: string): AppError {
  return new AppError('LOCKED', `${display} is in use by another program, which is holding it locked. Close it there and open it again, or open it read-only to look at it, export it or save a copy.`);
}

/**
 * Throws LOCKED when another program holds the plan: reading needs a shared lock (refused by a
 * program in exclusive locking mode) and starting a write needs the write lock (refused while
 * another program writes). Nothing is written; the probe does not wait.
 */
function probeLocks(db: Db, display: string): void {
  try {
    db.pragma('schema_version', { simple: true });
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
  } catch (err) {
    throw translateOpenError(err, display, db.name);
  }
}

/**
 * Opens (or creates) a plan file: checks it, sets and verifies the pragmas, backs it up and
 * migrates it if it is older than this version. A plan that cannot be written opens read-only
 * from a private working copy (upgraded there if it is older).
 */
export function openPlanFile(file: string, options: OpenOptions = {}): PlanConnection {
  const abs = path.resolve(file);
  const display = `"${path.basename(abs)}"`;
  let exists: fs.Stats | undefined;
  try {
    exists = fs.statSync(abs, { throwIfNoEntry: false });
  } catch (err) {
    throw unreadable(display, abs, err);
  }
  if (!exists) {
    if (!options.create) throw new AppError('NOT_FOUND', `There is no plan at ${abs}.`);
    const db = createPlan(abs);
    return { db, path: abs, file: abs, readOnly: false, readOnlyReason: null, schemaVersion: LATEST_VERSION, migrationBackup: null, dispose: () => undefined };
  }

  inspectPlanFile(abs);
  const reason: ReadOnlyReason | null = options.readOnly === true ? 'asked' : readOnlyReason(abs);
  const work = privateCopy(abs, display);
  let version: number;
  try {
    version = checkContent(work.file, display, abs);
  } catch (err) {
    work.remove();
    throw err;
  }
  if (reason !== null) return openWorkingCopy(abs, work, version, reason, display);
  work.remove();

  let db: Db;
  try {
    db = new Database(abs, { fileMustExist: true, timeout: 0 });
  } catch (err) {
    throw translateOpenError(err, display, abs);
  }
  try {
    probeLocks(db, display);
    applyPragmas(db, false);
    let migrationBackup: string | null = null;
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current < LATEST_VERSION) {
      const dir = options.backupDir ?? path.dirname(abs);
      fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
      const base = path.basename(abs, path.extname(abs));
      migrationBackup = path.join(dir, `${base}.before-format-${LATEST_VERSION}.${stamp((options.now ?? (() => new Date()))())}${PLAN_EXTENSION}`);
      vacuumDatabaseTo(db, migrationBackup);
      migrate(db, current);
    }
    restrictPermissions(abs);
    return { db, path: abs, file: abs, readOnly: false, readOnlyReason: null, schemaVersion: LATEST_VERSION, migrationBackup, dispose: () => undefined };
  } catch (err) {
    db.close();
    throw translateOpenError(err, display, abs);
  }
}

/** A read-only session over the private copy: upgraded in the copy if older, then opened read-only. */
function openWorkingCopy(abs: string, work: WorkingCopy, version: number, reason: ReadOnlyReason, display: string): PlanConnection {
  let db: Db | null = null;
  try {
    if (version < LATEST_VERSION) {
      const rw = new Database(work.file, { fileMustExist: true });
      try {
        applyPragmas(rw, false);
        migrate(rw, version);
      } finally {
        rw.close();
      }
    }
    db = new Database(work.file, { readonly: true, fileMustExist: true });
    applyPragmas(db, true);
    return { db, path: abs, file: work.file, readOnly: true, readOnlyReason: reason, schemaVersion: LATEST_VERSION, migrationBackup: null, dispose: () => work.remove() };
  } catch (err) {
    db?.close();
    work.remove();
    throw translateOpenError(err, display, abs);
  }
}
