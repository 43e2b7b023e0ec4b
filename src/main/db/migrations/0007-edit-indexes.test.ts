import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index';
import { migration0007 } from './0007-edit-indexes';

function migratedTo(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) db.transaction(() => m.up(db))();
  return db;
}

const plan = (db: Database.Database, sql: string): string =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join('; ');

describe('migration 0007 (edit indexes)', () => {
  it('is listed as version 7', () => {
    expect(MIGRATIONS[6]).toBe(migration0007);
  });

  it('adds only indexes, leaving the tables as they were', () => {
    const tables = (db: Database.Database) => db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' ORDER BY name").all();
    expect(tables(migratedTo(7))).toEqual(tables(migratedTo(6)));
  });

  it('lets the redo stack and the next sort of a scenario be found without scanning', () => {
    const before = migratedTo(6);
    const after = migratedTo(7);
    const dropRedo = "UPDATE change_set SET state = 'dropped' WHERE state = 'undone'";
    const nextSort = 'SELECT coalesce(max(sort), 0) + 1 AS s FROM pipeline WHERE scenario_id = 1';
    expect(plan(before, dropRedo)).toMatch(/SCAN change_set/);
    expect(plan(after, dropRedo)).toMatch(/SEARCH change_set USING (COVERING )?INDEX change_set_state/);
    expect(plan(after, nextSort)).toMatch(/pipeline_scenario_sort/);
  });
});
