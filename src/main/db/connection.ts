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
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { vacuumDatabaseTo } from './copy';
import { LATEST_VERSION, MIGRATIONS } from './migrations';
import { FRESH_SCHEMA } from './schema';
import { codeOf, inspectPlanFile, PLAN_APPLICATION_ID, PLAN_EXTENSION, refuseForeign, unreadable } from './plan-file';
import { privateCopy, type WorkingCopy } from './working-copy';

export { inspectPlanFile, PLAN_APPLICATION_ID, PLAN_EXTENSION } from './plan-file';

export type Db = Database.Database;

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
  const names = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );
  return new Map(names.map((n) => [n, (db.prepare('SELECT name FROM pragma_table_info(?) ORDER BY cid').all(n) as { name: string }[]).map((c) => c.name)]));
}

/** Words for SQLite's first quick_check finding. */
function describeCheck(first: string): string {
  if (/^CHECK constraint failed in (\S+)/.test(first))
    return `a value in table ${first.replace(/^CHECK constraint failed in /, '')} breaks one of the plan's rules`;
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
      throw new AppError(
        'CORRUPT',
        `${display} is damaged: its tables are not those of a plan of format ${userVersion} (${parts.join('; ')}). It was left unchanged; open a backup instead.`,
      );
    }
    return userVersion;
  } catch (err) {
    if (err instanceof AppError) throw err;
    const code = codeOf(err);
    if (code === 'SQLITE_CORRUPT' || code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
      throw new AppError(
        'CORRUPT',
        `${display} is damaged and cannot be read (SQLite: ${err instanceof Error ? err.message : code}). It was left unchanged; open a backup instead.`,
      );
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
    return new AppError(
      'READ_ONLY',
      `${display} cannot be written: its file, folder or drive is read-only. Open it read-only, or save a copy somewhere you can write to.`,
    );
  }
  if (code === 'EACCES' || code === 'EPERM' || code.startsWith('SQLITE_CANTOPEN') || code === 'SQLITE_PERM') {
    return new AppError(
      'READ_ONLY',
      `${display} cannot be written: you do not have permission to write in ${path.dirname(file)}. Choose a folder of your own (for example Documents).`,
    );
  }
  if (code === 'SQLITE_FULL' || code === 'ENOSPC')
    return new AppError(
      'DISK_FULL',
      `The disk is full: ${display} could not be opened for writing. Free some space and try again. The file was left unchanged.`,
    );
  if (code.startsWith('SQLITE_IOERR') || code === 'EIO') return unreadable(display, file, Object.assign(new Error(code), { code: 'EIO' }));
  return new AppError('IO', `${display} could not be opened (${code || (err instanceof Error ? err.message : String(err))}).`);
}

function inUse(display: string): AppError {
  return new AppError(
    'LOCKED',
    `${display} is in use by another program, which is holding it locked. Close it there and open it again, or open it read-only to look at it, export it or save a copy.`,
  );
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
    return {
      db,
      path: abs,
      file: work.file,
      readOnly: true,
      readOnlyReason: reason,
      schemaVersion: LATEST_VERSION,
      migrationBackup: null,
      dispose: () => work.remove(),
    };
  } catch (err) {
    db?.close();
    work.remove();
    throw translateOpenError(err, display, abs);
  }
}
