import type { Migration } from './types';

export const migration0001: Migration = {
  version: 1,
  name: 'foundation',
  up(db) {
    db.exec(`
      CREATE TABLE plan_meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE organisation (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        sort INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE role (
        id INTEGER PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        staff_group TEXT NOT NULL,
        sort INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE scenario (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        description TEXT NOT NULL DEFAULT '',
        sort INTEGER NOT NULL DEFAULT 0
      ) STRICT;

      CREATE TABLE pipeline (
        id INTEGER PRIMARY KEY,
        scenario_id INTEGER NOT NULL REFERENCES scenario(id) ON DELETE CASCADE,
        lineage_id INTEGER NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('university','apprenticeship','placement','international','return-to-practice','new-role','progression')),
        org_id INTEGER NOT NULL REFERENCES organisation(id),
        role_id INTEGER NOT NULL REFERENCES role(id),
        source_role_id INTEGER REFERENCES role(id),
        trainees_leave_source INTEGER NOT NULL DEFAULT 0 CHECK (trainees_leave_source IN (0, 1)),
        duration_years REAL NOT NULL CHECK (duration_years BETWEEN 0 AND 10),
        attrition REAL NOT NULL CHECK (attrition BETWEEN 0 AND 1),
        conversion REAL NOT NULL CHECK (conversion BETWEEN 0 AND 1),
        fte_per_head REAL NOT NULL CHECK (fte_per_head > 0 AND fte_per_head <= 1.5),
        cost_per_learner_year REAL NOT NULL DEFAULT 0 CHECK (cost_per_learner_year >= 0),
        entrant_age_band INTEGER NOT NULL DEFAULT 0 CHECK (entrant_age_band BETWEEN 0 AND 9),
        sort INTEGER NOT NULL DEFAULT 0
      ) STRICT;
      CREATE INDEX pipeline_scenario ON pipeline(scenario_id);

      CREATE TABLE pipeline_intake (
        pipeline_id INTEGER NOT NULL REFERENCES pipeline(id) ON DELETE CASCADE,
        year INTEGER NOT NULL,
        heads REAL NOT NULL CHECK (heads >= 0),
        PRIMARY KEY (pipeline_id, year)
      ) STRICT;

      -- Where a number comes from: one note per entity, row and field.
      CREATE TABLE assumption (
        entity TEXT NOT NULL,
        entity_id INTEGER NOT NULL,
        field TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('stated','derived','illustrative')),
        source TEXT NOT NULL,
        PRIMARY KEY (entity, entity_id, field)
      ) STRICT;

      -- Every change to the plan: what, when, who, how. Rows hold before/after images so a
      -- change can be undone and redone, and so the audit trail can show old and new values.
      CREATE TABLE change_set (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        source TEXT NOT NULL,
        summary TEXT NOT NULL,
        scenario_id INTEGER,
        kind TEXT NOT NULL CHECK (kind IN ('edit','undo','redo')),
        target_change_id INTEGER REFERENCES change_set(id),
        state TEXT NOT NULL CHECK (state IN ('active','undone','dropped')),
        undone_seq INTEGER
      ) STRICT;

      CREATE TABLE change_row (
        id INTEGER PRIMARY KEY,
        change_id INTEGER NOT NULL REFERENCES change_set(id) ON DELETE CASCADE,
        tbl TEXT NOT NULL,
        op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
        pk TEXT NOT NULL,
        before TEXT,
        after TEXT
      ) STRICT;
      CREATE INDEX change_row_change ON change_row(change_id);
    `);
  },
};
