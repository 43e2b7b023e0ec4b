import Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { folderHashes, tempDir } from '../../../tests/support/temp';
import { openPlanFile, PLAN_APPLICATION_ID } from './connection';
import { LATEST_VERSION, MIGRATIONS } from './migrations';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

/** A plan at schema version `version`, made by running the migrations up to it. */
export function planAtVersion(file: string, version: number): Database.Database {
  const db = new Database(file);
  db.pragma(`application_id = ${PLAN_APPLICATION_ID}`);
  db.pragma('journal_mode = WAL');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return db;
}

describe('opening plan files', () => {
  it('creates a new plan with WAL, synchronous=FULL, foreign keys and a busy timeout, read back', () => {
    const file = path.join(tempDir(), 'new.wfplan');
    const { db, schemaVersion } = openPlanFile(file, { create: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(db.pragma('application_id', { simple: true })).toBe(PLAN_APPLICATION_ID);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(schemaVersion).toBe(LATEST_VERSION);
    db.close();
  });

  it('creates the plan readable and writable by its owner only', () => {
    if (process.platform === 'win32') return;
    const file = path.join(tempDir(), 'private.wfplan');
    const { db } = openPlanFile(file, { create: true });
    db.prepare("INSERT INTO plan_meta (key, value) VALUES ('x', 'y')").run();
    for (const f of [file, `${file}-wal`]) expect(fs.statSync(f).mode & 0o777).toBe(0o600);
    db.close();
  });

  it('refuses a missing file unless asked to create it', () => {
    expect(refusal(() => openPlanFile(path.join(tempDir(), 'nope.wfplan'))).code).toBe('NOT_FOUND');
  });

  it('refuses a PNG renamed as a plan, leaving it untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'picture.wfplan');
    fs.writeFileSync(
      file,
      Buffer.from(
        '89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8ffff3f0005fe02fea7d6a4f10000000049454e44ae426082',
        'hex',
      ),
    );
    const before = folderHashes(dir);
    const err = refusal(() => openPlanFile(file));
    expect(err.code).toBe('NOT_A_PLAN');
    expect(err.message).toBe('"picture.wfplan" is not a plan file (it is not an SQLite database). It was left unchanged.');
    expect(folderHashes(dir)).toEqual(before);
  });

  it('refuses an empty file', () => {
    const file = path.join(tempDir(), 'empty.wfplan');
    fs.writeFileSync(file, '');
    expect(refusal(() => openPlanFile(file)).message).toContain('is empty (0 bytes)');
  });

  it('refuses another application’s SQLite database without modifying it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'other.db');
    const other = new Database(file);
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    other.close();
    const before = folderHashes(dir);
    const err = refusal(() => openPlanFile(file));
    expect(err.code).toBe('NOT_A_PLAN');
    expect(err.message).toContain('is an SQLite database but not a Workforce Pipeline Planner plan');
    expect(folderHashes(dir)).toEqual(before);
  });

  it('refuses a truncated plan without modifying it', () => {
    const dir = tempDir();
    const file = path.join(dir, 'cut.wfplan');
    const { db } = openPlanFile(file, { create: true });
    for (let i = 0; i < 200; i++) db.prepare('INSERT INTO plan_meta (key, value) VALUES (?, ?)').run(`k${i}`, 'x'.repeat(200));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const size = fs.statSync(file).size;
    fs.truncateSync(file, Math.floor(size / 2));
    const before = folderHashes(dir);
    const err = refusal(() => openPlanFile(file));
    expect(err.code).toBe('CORRUPT');
    expect(err.message).toContain('is damaged');
    expect(folderHashes(dir)).toEqual(before);
  });

  it('opens a plan left mid-checkpoint by a crash (header counting pages that only its log holds), with every row', () => {
    const dir = tempDir();
    const file = path.join(dir, 'grown.wfplan');
    openPlanFile(file, { create: true }).db.close();
    // A writer that never checkpoints, killed with its rows only in the log: copy the file and its log as they are.
    const writer = new Database(file);
    writer.pragma('wal_autocheckpoint = 0');
    for (let i = 0; i < 300; i++) writer.prepare('INSERT INTO plan_meta (key, value) VALUES (?, ?)').run(`k${i}`, 'x'.repeat(300));
    const copy = path.join(tempDir(), 'grown.wfplan');
    fs.copyFileSync(file, copy);
    fs.copyFileSync(`${file}-wal`, `${copy}-wal`);
    writer.close();
    // The checkpoint had written page 1 (the new page count) but not the pages after it.
    const fd = fs.openSync(copy, 'r+');
    const header = Buffer.alloc(100);
    fs.readSync(fd, header, 0, 100, 0);
    const pages = header.readUInt32BE(28);
    header.writeUInt32BE(pages + 40, 28);
    fs.writeSync(fd, header, 0, 100, 0);
    fs.closeSync(fd);
    expect(fs.statSync(copy).size).toBeLessThan((pages + 40) * header.readUInt16BE(16));
    const bare = path.join(tempDir(), 'bare.wfplan');
    fs.copyFileSync(copy, bare);
    const { db } = openPlanFile(copy);
    expect((db.prepare("SELECT count(*) AS n FROM plan_meta WHERE key LIKE 'k%'").get() as { n: number }).n).toBe(300);
    db.close();
    // Without its log, the same header is a damaged file.
    expect(refusal(() => openPlanFile(bare)).code).toBe('CORRUPT');
  });

  it('refuses a plan made by a newer version, saying so', () => {
    const file = path.join(tempDir(), 'future.wfplan');
    const db = planAtVersion(file, LATEST_VERSION);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    db.close();
    const err = refusal(() => openPlanFile(file));
    expect(err.code).toBe('NEWER_VERSION');
    expect(err.message).toContain('was made by a newer version of Workforce Pipeline Planner');
  });

  it('backs up, then migrates an older plan, keeping its data', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.wfplan');
    const old = planAtVersion(file, 1);
    old.prepare("INSERT INTO scenario (name) VALUES ('Kept')").run();
    old.close();
    const backups = path.join(dir, 'backups');
    const { db, migrationBackup } = openPlanFile(file, { backupDir: backups });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT name FROM scenario').all()).toEqual([{ name: 'Kept' }]);
    db.close();
    expect(migrationBackup).not.toBeNull();
    const backup = new Database(migrationBackup!, { readonly: true });
    expect(backup.pragma('user_version', { simple: true })).toBe(1);
    expect(backup.prepare('SELECT name FROM scenario').all()).toEqual([{ name: 'Kept' }]);
    backup.close();
  });

  it('opens read-only when asked, and refuses writes', () => {
    const file = path.join(tempDir(), 'ro.wfplan');
    openPlanFile(file, { create: true }).db.close();
    const { db, readOnly } = openPlanFile(file, { readOnly: true });
    expect(readOnly).toBe(true);
    expect(() => db.prepare("INSERT INTO plan_meta (key, value) VALUES ('a', 'b')").run()).toThrow(/readonly/i);
    db.close();
  });
});

/** The folder's files with their bytes, modes and times: proof that nothing was touched. */
function untouched(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => {
      const st = fs.statSync(path.join(dir, f));
      return `${f} ${st.isFile() ? folderHashes(dir)[f] : 'folder'} ${(st.mode & 0o777).toString(8)} ${st.mtimeMs}`;
    });
}

describe('"damaged" only when the content is proven bad, and a refused file is never modified', () => {
  it('a value that breaks a CHECK constraint: damaged, in words, untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'bad-value.wfplan');
    const db = planAtVersion(file, LATEST_VERSION);
    db.prepare("INSERT INTO scenario (name) VALUES ('A')").run();
    db.pragma('ignore_check_constraints = ON');
    db.prepare("INSERT INTO shortage_criteria (id, mode) VALUES (2, 'sometimes')").run();
    db.close();
    const before = untouched(dir);
    const err = refusal(() => openPlanFile(file));
    expect(err.code).toBe('CORRUPT');
    expect(err.message).toBe(
      '"bad-value.wfplan" is damaged: a value in table shortage_criteria breaks one of the plan\'s rules. It was left unchanged; open a backup instead.',
    );
    expect(untouched(dir)).toEqual(before);
  });

  it('a plan whose tables are not a plan’s (one missing, one without a key): damaged, and not switched to WAL or chmodded first', () => {
    const dir = tempDir();
    const file = path.join(dir, 'odd.wfplan');
    const db = planAtVersion(file, LATEST_VERSION);
    db.exec('DROP TABLE target_pipeline; CREATE TABLE notes (text TEXT)');
    db.pragma('journal_mode = DELETE');
    db.close();
    fs.chmodSync(file, 0o644);
    const before = untouched(dir);
    const err = refusal(() => openPlanFile(file));
    expect(err.code).toBe('CORRUPT');
    expect(err.message).toBe(
      `"odd.wfplan" is damaged: its tables are not those of a plan of format ${LATEST_VERSION} (missing target_pipeline; unknown notes). It was left unchanged; open a backup instead.`,
    );
    expect(untouched(dir)).toEqual(before);
    // Still a rollback-journal database with its own mode: nothing was switched.
    expect(fs.readFileSync(file).subarray(18, 20)).toEqual(Buffer.from([1, 1]));
  });

  it('another program’s live WAL database (with its -wal beside it) is refused untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'their.db');
    const other = new Database(file);
    other.pragma('journal_mode = WAL');
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    try {
      const before = untouched(dir);
      expect(before.some((f) => f.startsWith('their.db-wal '))).toBe(true);
      expect(refusal(() => openPlanFile(file)).code).toBe('NOT_A_PLAN');
      expect(untouched(dir)).toEqual(before);
    } finally {
      other.close();
    }
  });

  it('a folder named like a plan is "not a file", not damaged', () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'folder.wfplan'));
    const err = refusal(() => openPlanFile(path.join(dir, 'folder.wfplan')));
    expect(err).toMatchObject({ code: 'NOT_A_PLAN', message: '"folder.wfplan" is not a file (it is a folder or a device). Choose a .wfplan file.' });
  });

  it('an older plan that cannot be written opens read-only, upgraded in a private copy, with the file untouched', () => {
    const dir = tempDir();
    const file = path.join(dir, 'old.wfplan');
    const old = planAtVersion(file, 2);
    old.prepare("INSERT INTO scenario (name) VALUES ('Kept')").run();
    old.close();
    const before = untouched(dir);
    const conn = openPlanFile(file, { readOnly: true });
    try {
      expect(conn).toMatchObject({ readOnly: true, readOnlyReason: 'asked', schemaVersion: LATEST_VERSION, path: file });
      expect(conn.file).not.toBe(file);
      expect(conn.db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
      expect(conn.db.prepare('SELECT name FROM scenario').all()).toEqual([{ name: 'Kept' }]);
    } finally {
      conn.db.close();
      conn.dispose();
    }
    expect(fs.existsSync(path.dirname(conn.file))).toBe(false);
    expect(untouched(dir)).toEqual(before);
  });

  it('the backup taken before an upgrade is owner-only, like the plan', () => {
    if (process.platform === 'win32') return;
    const dir = tempDir();
    const file = path.join(dir, 'old.wfplan');
    planAtVersion(file, 1).close();
    const { db, migrationBackup } = openPlanFile(file);
    db.close();
    expect(fs.statSync(migrationBackup!).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir).filter((f) => f.includes('.partial'))).toEqual([]);
  });
});
