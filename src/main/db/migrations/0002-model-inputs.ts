import type { Migration } from './types';

/** The engine's inputs: baseline workforce, per-scenario rates, joiners, demand, targets, criteria. */
export const migration0002: Migration = {
  version: 2,
  name: 'model-inputs',
  up(db) {
    db.exec(`
      CREATE TABLE workforce_baseline (
        id INTEGER PRIMARY KEY,
        org_id INTEGER NOT NULL REFERENCES organisation(id),
        role_id INTEGER NOT NULL REFERENCES role(id),
        fte REAL NOT NULL CHECK (fte >= 0),
        headcount REAL NOT NULL CHECK (headcount >= 0),
        establishment REAL NOT NULL CHECK (establishment >= 0),
        age_profile TEXT NOT NULL CHECK (json_valid(age_profile) AND json_array_length(age_profile) = 10),
        UNIQUE (org_id, role_id)
      ) STRICT;

      CREATE TABLE workforce_rate (
        id INTEGER PRIMARY KEY,
        scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
        org_id INTEGER NOT NULL REFERENCES organisation(id),
        role_id INTEGER NOT NULL REFERENCES role(id),
        leaver_rate REAL NOT NULL CHECK (leaver_rate BETWEEN 0 AND 1),
        retirement_by_band TEXT NOT NULL CHECK (json_valid(retirement_by_band) AND json_array_length(retirement_by_band) = 10),
        agency_share REAL NOT NULL CHECK (agency_share BETWEEN 0 AND 1),
        agency_cost_per_fte REAL NOT NULL CHECK (agency_cost_per_fte >= 0),
        UNIQUE (scenario_id, org_id, role_id)
      ) STRICT;

      CREATE TABLE other_joiner (
        id INTEGER PRIMARY KEY,
        scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
        kind TEXT NOT NULL CHECK (kind IN ('international','return-to-practice','labour-market')),
        org_id INTEGER NOT NULL REFERENCES organisation(id),
        role_id INTEGER NOT NULL REFERENCES role(id),
        entrant_age_band INTEGER NOT NULL DEFAULT 1 CHECK (entrant_age_band BETWEEN 0 AND 9),
        UNIQUE (scenario_id, kind, org_id, role_id)
      ) STRICT;

      CREATE TABLE other_joiner_fte (
        other_joiner_id INTEGER NOT NULL REFERENCES other_joiner(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        fte REAL NOT NULL CHECK (fte >= 0),
        PRIMARY KEY (other_joiner_id, year)
      ) STRICT;

      CREATE TABLE growth_driver (
        id INTEGER PRIMARY KEY,
        scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        growth REAL NOT NULL CHECK (growth > -1 AND growth <= 10),
        start_year INTEGER NOT NULL,
        end_year INTEGER NOT NULL CHECK (end_year >= start_year),
        org_id INTEGER REFERENCES organisation(id),
        role_id INTEGER REFERENCES role(id),
        staff_group TEXT
      ) STRICT;

      CREATE TABLE demand_change (
        id INTEGER PRIMARY KEY,
        scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
        org_id INTEGER NOT NULL REFERENCES organisation(id),
        role_id INTEGER NOT NULL REFERENCES role(id),
        year INTEGER NOT NULL,
        delta_fte REAL NOT NULL,
        description TEXT NOT NULL DEFAULT ''
      ) STRICT;

      -- Commitments are the plan's, not a scenario's; they count pipelines by lineage so that
      -- every scenario's copy of a pipeline is counted in that scenario.
      CREATE TABLE target (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        metric TEXT NOT NULL CHECK (metric IN ('trained-cumulative','starts-cumulative','joined-cumulative','learners-in-training','supply-fte','supply-change-fte','vacancy-rate','agency-cost')),
        org_id INTEGER REFERENCES organisation(id),
        role_id INTEGER REFERENCES role(id),
        year INTEGER NOT NULL,
        value REAL,
        comparison TEXT NOT NULL CHECK (comparison IN ('at-least','at-most')),
        sort INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE target_pipeline (
        target_id INTEGER NOT NULL REFERENCES target(id) ON DELETE CASCADE,
        lineage_id INTEGER NOT NULL,
        PRIMARY KEY (target_id, lineage_id)
      ) STRICT;

      CREATE TABLE shortage_criteria (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        vacancy_rate_above REAL CHECK (vacancy_rate_above IS NULL OR vacancy_rate_above BETWEEN -1 AND 1),
        leaver_rate_above REAL CHECK (leaver_rate_above IS NULL OR leaver_rate_above BETWEEN 0 AND 1),
        aged55_plus_above REAL CHECK (aged55_plus_above IS NULL OR aged55_plus_above BETWEEN 0 AND 1),
        mode TEXT NOT NULL CHECK (mode IN ('any','all'))
      ) STRICT;
      INSERT INTO shortage_criteria (id, vacancy_rate_above, leaver_rate_above, aged55_plus_above, mode)
        VALUES (1, 0.1, 0.12, 0.25, 'any');
    `);
  },
};
