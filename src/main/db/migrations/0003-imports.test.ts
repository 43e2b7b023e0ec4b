import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index';
import { migration0003 } from './0003-imports';

function migratedTo(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) db.transaction(() => m.up(db))();
  return db;
}

describe('migration 0003 (imports)', () => {
  it('is listed as version 3', () => {
    expect(MIGRATIONS[2]).toBe(migration0003);
  });

  it('creates the history and saved-mapping tables with their checks', () => {
    const db = migratedTo(3);
    db.prepare("INSERT INTO change_set (id, at, user, source, summary, kind, state) VALUES (1, 'now', 'u', 'import of a.csv', 's', 'edit', 'active')").run();
    const insert = db.prepare(
      `INSERT INTO import_history (at, user, file_name, sha256, size, target, scenario_id, sheet, rows_read, rows_used, added, replaced, unchanged, warnings, change_id)
       VALUES ('now', 'u', 'a.csv', ?, 10, ?, 1, 'a', 3, 3, 1, 1, 0, 0, 1)`,
    );
    insert.run('a'.repeat(64), 'baseline');
    expect(() => insert.run('short', 'baseline')).toThrow(/CHECK/);
    expect(() => insert.run('a'.repeat(64), 'rates')).toThrow(/CHECK/);
    const map = db.prepare("INSERT INTO import_mapping (name, signature, target, mapping, updated_at) VALUES (?, 'sig', 'baseline', ?, 'now')");
    map.run('ESR staff list', '{}');
    expect(() => map.run('esr STAFF list', '{}')).toThrow(/UNIQUE/);
    expect(() => map.run('Other', 'not json')).toThrow(/CHECK/);
  });
});
