import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { FRESH_SCHEMA, FRESH_SCHEMA_VERSION } from '../schema';
import { LATEST_VERSION, MIGRATIONS } from './index';

function migrated(upTo: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((x) => x.version <= upTo)) db.transaction(() => m.up(db))();
  return db;
}

function describeDb(db: Database.Database) {
  const schema = db.prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name").all();
  const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map(
    (t) => t.name,
  );
  const rows = Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).all()]));
  return { schema, rows };
}

describe('migrations', () => {
  it('are numbered 1..N without gaps, in order', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('a fresh plan equals a fully migrated one (schema and seeded rows)', () => {
    expect(FRESH_SCHEMA_VERSION).toBe(LATEST_VERSION);
    const fresh = new Database(':memory:');
    fresh.exec(FRESH_SCHEMA);
    expect(describeDb(fresh)).toEqual(describeDb(migrated(LATEST_VERSION)));
  });

  it('every table is STRICT', () => {
    const db = migrated(LATEST_VERSION);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").all() as { name: string; sql: string }[];
    for (const t of tables) expect(t.sql, t.name).toMatch(/\)\s*STRICT$/);
  });

  it('0001 foundation: plans, organisations, roles, scenarios, pipelines, assumptions, the change log', () => {
    const db = migrated(1);
    const scenario = db.prepare("INSERT INTO scenario (name) VALUES ('A')").run().lastInsertRowid;
    const org = db.prepare("INSERT INTO organisation (code, name, kind) VALUES ('R0D', 'Trust', 'nhs-trust')").run().lastInsertRowid;
    const role = db.prepare("INSERT INTO role (code, name, staff_group) VALUES ('RN', 'Nurse', 'N')").run().lastInsertRowid;
    const p = db
      .prepare(
        "INSERT INTO pipeline (scenario_id, lineage_id, name, type, org_id, role_id, duration_years, attrition, conversion, fte_per_head) VALUES (?, 0, 'P', 'university', ?, ?, 3, 0.2, 0.9, 1)",
      )
      .run(scenario, org, role).lastInsertRowid;
    db.prepare('INSERT INTO pipeline_intake (pipeline_id, year, heads) VALUES (?, 2019, 50)').run(p);
    expect(() => db.prepare('INSERT INTO pipeline_intake (pipeline_id, year, heads) VALUES (?, 2020, -1)').run(p)).toThrow(/CHECK/);
    expect(() => db.prepare('UPDATE pipeline SET attrition = 1.5 WHERE id = ?').run(p)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO organisation (code, name, kind) VALUES (x'00ff', 'x', 'y')").run()).toThrow(/cannot store BLOB value in TEXT column/i);
    db.prepare('DELETE FROM scenario WHERE id = ?').run(scenario);
    expect(db.prepare('SELECT count(*) AS n FROM pipeline_intake').get()).toEqual({ n: 0 });
  });

  it('0002 model inputs: adds the engine’s tables to a version-1 plan with its data intact', () => {
    const db = migrated(1);
    db.prepare("INSERT INTO scenario (name) VALUES ('Kept')").run();
    db.transaction(() => MIGRATIONS[1]!.up(db))();
    expect(db.prepare('SELECT name FROM scenario').all()).toEqual([{ name: 'Kept' }]);
    expect(db.prepare('SELECT * FROM shortage_criteria').get()).toEqual({
      id: 1,
      vacancy_rate_above: 0.1,
      leaver_rate_above: 0.12,
      aged55_plus_above: 0.25,
      mode: 'any',
    });
    for (const t of [
      'workforce_baseline',
      'workforce_rate',
      'other_joiner',
      'other_joiner_fte',
      'growth_driver',
      'demand_change',
      'target',
      'target_pipeline',
    ]) {
      expect(db.prepare('SELECT count(*) AS n FROM sqlite_schema WHERE name = ?').get(t), t).toEqual({ n: 1 });
    }
    expect(() =>
      db.prepare("INSERT INTO workforce_baseline (org_id, role_id, fte, headcount, establishment, age_profile) VALUES (1, 1, 1, 1, 1, '[1,2]')").run(),
    ).toThrow(/CHECK/);
  });
});
