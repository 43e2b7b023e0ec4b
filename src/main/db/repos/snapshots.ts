/**
 * Snapshots stored inside the plan, and the database-file steps that make and restore them: a
 * snapshot is the whole plan made with VACUUM INTO (never a raw copy of the live file), without
 * the snapshots and the change log's row images.
 */
import Database from 'better-sqlite3';
import type { Db } from '../connection';
import { statement } from '../statements';

export interface SnapshotMeta {
  id: number;
  name: string;
  at: string;
  user: string;
  size: number;
  schema_version: number;
  sha256: string;
}

const META_COLS = 'id, name, at, user, size, schema_version, sha256';

export function snapshotMetas(db: Db): SnapshotMeta[] {
  return statement(db, `SELECT ${META_COLS} FROM snapshot ORDER BY id DESC`).all() as SnapshotMeta[];
}

export function snapshotMeta(db: Db, id: number): SnapshotMeta | undefined {
  return statement(db, `SELECT ${META_COLS} FROM snapshot WHERE id = ?`).get(id) as SnapshotMeta | undefined;
}

export function snapshotNameTaken(db: Db, name: string): boolean {
  return statement(db, 'SELECT 1 FROM snapshot WHERE name = ? COLLATE NOCASE').get(name) !== undefined;
}

export interface NewSnapshot {
  name: string;
  at: string;
  user: string;
  schemaVersion: number;
  changeId: number | null;
  sha256: string;
  bytes: Uint8Array;
}

export function insertSnapshot(db: Db, s: NewSnapshot): number {
  return Number(
    statement(db, 'INSERT INTO snapshot (name, at, user, schema_version, change_id, size, sha256, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
      s.name,
      s.at,
      s.user,
      s.schemaVersion,
      s.changeId,
      s.bytes.byteLength,
      s.sha256,
      s.bytes,
    ).lastInsertRowid,
  );
}

export function deleteSnapshotRow(db: Db, id: number): void {
  statement(db, 'DELETE FROM snapshot WHERE id = ?').run(id);
}

export function snapshotData(db: Db, id: number): Buffer {
  return (statement(db, 'SELECT data FROM snapshot WHERE id = ?').get(id) as { data: Buffer }).data;
}

/** The latest change a snapshot taken now holds. */
export function lastActiveChangeId(db: Db): number | null {
  return (statement(db, "SELECT max(id) AS id FROM change_set WHERE state = 'active'").get() as { id: number | null }).id;
}

/**
 * Writes the plan to `file` with VACUUM INTO, then strips it to a snapshot's content (no
 * snapshots, no row images), compacts it and returns SQLite's quick_check of it.
 */
export function writeSnapshotCopy(db: Db, file: string): string {
  db.prepare('VACUUM INTO ?').run(file);
  const copy = new Database(file);
  try {
    copy.pragma('foreign_keys = OFF');
    // Snapshots never nest, and the row images of the change log are the live plan's business.
    copy.exec('DELETE FROM snapshot; DELETE FROM change_row;');
    copy.exec('VACUUM');
    copy.pragma('journal_mode = DELETE');
    return String(copy.pragma('quick_check', { simple: true }));
  } finally {
    copy.close();
  }
}

/** Runs `fn` with the database at `file` attached to `db` as `snap`. */
export function withAttached<T>(db: Db, file: string, fn: () => T): T {
  db.prepare('ATTACH DATABASE ? AS snap').run(file);
  try {
    return fn();
  } finally {
    db.prepare('DETACH DATABASE snap').run();
  }
}
