import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS } from './index';
import { migration0006 } from './0006-input-ranges';

function migratedTo(version: number): Database.Database {
  const db = new Database(':memory:');
  db.pragma('foreign_keys = ON');
  for (const m of MIGRATIONS.filter((x) => x.version <= version)) db.transaction(() => m.up(db))();
  return db;
}

describe('migration 0006 (input ranges)', () => {
  it('is listed as version 6', () => {
    expect(MIGRATIONS[5]).toBe(migration0006);
  });

  it('adds empty ranges to a version-5 plan, leaving its rows as they were', () => {
    const db = migratedTo(5);
    db.exec(`
      INSERT INTO scenario (id, name) VALUES (1, 'A');
      INSERT INTO organisation (id, code, name, kind) VALUES (1, 'R0D', 'Trust', 'nhs-trust');
      INSERT INTO role (id, code, name, staff_group) VALUES (1, 'RN', 'Nurse', 'N');
      INSERT INTO workforce_rate (scenario_id, org_id, role_id, leaver_rate, retirement_by_band, agency_share, agency_cost_per_fte) VALUES (1, 1, 1, 0.1, '[0,0,0,0,0,0,0,0,0,0]', 0.3, 50000);
      INSERT INTO pipeline (scenario_id, lineage_id, name, type, org_id, role_id, duration_years, attrition, conversion, fte_per_head) VALUES (1, 1, 'P', 'university', 1, 1, 3, 0.2, 0.9, 1);
      INSERT INTO other_joiner (scenario_id, kind, org_id, role_id) VALUES (1, 'international', 1, 1);
      INSERT INTO growth_driver (scenario_id, name, growth, start_year, end_year) VALUES (1, 'Pop', 0.055, 2019, 2028);
    `);
    db.transaction(() => migration0006.up(db))();
    expect(
      db
        .prepare(
          'SELECT leaver_rate, leaver_rate_low, leaver_rate_high, retirement_low, retirement_high, agency_share_low, agency_share_high FROM workforce_rate',
        )
        .get(),
    ).toEqual({
      leaver_rate: 0.1,
      leaver_rate_low: null,
      leaver_rate_high: null,
      retirement_low: null,
      retirement_high: null,
      agency_share_low: null,
      agency_share_high: null,
    });
    expect(db.prepare('SELECT attrition_low, conversion_high, intake_fill_low FROM pipeline').get()).toEqual({
      attrition_low: null,
      conversion_high: null,
      intake_fill_low: null,
    });
    expect(db.prepare('SELECT fte_low, fte_high FROM other_joiner').get()).toEqual({ fte_low: null, fte_high: null });
    expect(db.prepare('SELECT growth, growth_low, growth_high FROM growth_driver').get()).toEqual({ growth: 0.055, growth_low: null, growth_high: null });
  });

  it('refuses a range that does not hold its central value, or goes outside what the input can be', () => {
    const db = migratedTo(6);
    db.exec(`
      INSERT INTO scenario (id, name) VALUES (1, 'A');
      INSERT INTO organisation (id, code, name, kind) VALUES (1, 'R0D', 'Trust', 'nhs-trust');
      INSERT INTO role (id, code, name, staff_group) VALUES (1, 'RN', 'Nurse', 'N');
      INSERT INTO workforce_rate (scenario_id, org_id, role_id, leaver_rate, retirement_by_band, agency_share, agency_cost_per_fte) VALUES (1, 1, 1, 0.1, '[0,0,0,0,0,0,0,0,0,0]', 0.3, 50000);
      INSERT INTO pipeline (scenario_id, lineage_id, name, type, org_id, role_id, duration_years, attrition, conversion, fte_per_head) VALUES (1, 1, 'P', 'university', 1, 1, 3, 0.2, 0.9, 1);
      INSERT INTO other_joiner (scenario_id, kind, org_id, role_id) VALUES (1, 'international', 1, 1);
      INSERT INTO growth_driver (scenario_id, name, growth, start_year, end_year) VALUES (1, 'Pop', 0.055, 2019, 2028);
    `);
    const ok = (sql: string) => expect(() => db.prepare(sql).run()).not.toThrow();
    const refused = (sql: string) => expect(() => db.prepare(sql).run(), sql).toThrow(/CHECK/);
    ok(
      'UPDATE workforce_rate SET leaver_rate_low = 0.08, leaver_rate_high = 0.12, retirement_low = 0.8, retirement_high = 1.25, agency_share_low = 0.3, agency_share_high = 0.4',
    );
    refused('UPDATE workforce_rate SET leaver_rate_low = 0.11');
    refused('UPDATE workforce_rate SET leaver_rate_high = 0.09');
    refused('UPDATE workforce_rate SET leaver_rate = 0.2');
    refused('UPDATE workforce_rate SET retirement_low = 1.1');
    refused('UPDATE workforce_rate SET retirement_high = 0.9');
    refused('UPDATE workforce_rate SET agency_share_high = 1.2');
    ok(
      'UPDATE pipeline SET attrition_low = 0.1, attrition_high = 0.3, conversion_low = 0.8, conversion_high = 1, intake_fill_low = 0.85, intake_fill_high = 1',
    );
    refused('UPDATE pipeline SET attrition_low = -0.1');
    refused('UPDATE pipeline SET conversion_low = 0.95');
    refused('UPDATE pipeline SET intake_fill_high = 0.9');
    refused('UPDATE pipeline SET intake_fill_high = 2.5');
    ok('UPDATE other_joiner SET fte_low = 0.7, fte_high = 1.1');
    refused('UPDATE other_joiner SET fte_low = 1.2');
    ok('UPDATE growth_driver SET growth_low = 0.03, growth_high = 0.08');
    refused('UPDATE growth_driver SET growth_low = 0.06');
    refused('UPDATE growth_driver SET growth = 0.09');
  });
});
