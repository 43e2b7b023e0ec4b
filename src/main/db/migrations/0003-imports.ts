import type { Migration } from './types';

/**
 * Imports: a history of every committed import (what file, which change set, so that it can be
 * undone) and the column mappings planners saved, keyed by a signature of the header row so
 * that the next file of the same layout is mapped the same way. Neither holds cell values:
 * only headings, the file's own codes and names of organisations, roles and staff groups, and
 * counts.
 */
export const migration0003: Migration = {
  version: 3,
  name: 'imports',
  up(db) {
    db.exec(`
      CREATE TABLE import_history (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        file_name TEXT NOT NULL,
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        size INTEGER NOT NULL CHECK (size >= 0),
        target TEXT NOT NULL CHECK (target IN ('baseline','intakes','joiners','demand')),
        scenario_id INTEGER,
        sheet TEXT NOT NULL,
        rows_read INTEGER NOT NULL,
        rows_used INTEGER NOT NULL,
        added INTEGER NOT NULL,
        replaced INTEGER NOT NULL,
        unchanged INTEGER NOT NULL,
        warnings INTEGER NOT NULL,
        change_id INTEGER REFERENCES change_set(id),
        undo_change_id INTEGER REFERENCES change_set(id)
      ) STRICT;

      CREATE TABLE import_mapping (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        signature TEXT NOT NULL,
        target TEXT NOT NULL CHECK (target IN ('baseline','intakes','joiners','demand')),
        mapping TEXT NOT NULL CHECK (json_valid(mapping)),
        updated_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX import_mapping_signature ON import_mapping(signature, target);
    `);
  },
};
