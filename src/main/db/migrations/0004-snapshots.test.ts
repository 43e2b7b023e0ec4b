import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index';
import { migration0004 } from './0004-snapshots';

function migratedTo(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) db.transaction(() => m.up(db))();
  return db;
}

describe('migration 0004 (snapshots)', () => {
  it('is listed as version 4', () => {
    expect(MIGRATIONS[3]).toBe(migration0004);
  });

  it('creates the snapshot table with its checks, leaving earlier tables as they were', () => {
    const before = migratedTo(3);
    const tables = (db: Database.Database) =>
      db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as { name: string; sql: string }[];
    const db = migratedTo(4);
    expect(tables(db).filter((t) => t.name !== 'snapshot')).toEqual(tables(before));
    const insert = db.prepare("INSERT INTO snapshot (name, at, user, schema_version, size, sha256, data) VALUES (?, 'now', 'u', 4, ?, ?, x'00')");
    insert.run('Board, March 2026', 1, 'a'.repeat(64));
    expect(() => insert.run('', 1, 'a'.repeat(64))).toThrow(/CHECK/);
    expect(() => insert.run('x', 0, 'a'.repeat(64))).toThrow(/CHECK/);
    expect(() => insert.run('x', 1, 'short')).toThrow(/CHECK/);
  });
});
