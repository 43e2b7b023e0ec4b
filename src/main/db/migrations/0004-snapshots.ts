import type { Migration } from './types';

/**
 * Snapshots: named, frozen copies of the whole plan ("Board, March 2026"), kept inside the plan
 * file so they travel with it. `data` is a complete plan database (made with VACUUM INTO, with
 * this table emptied in the copy so snapshots never nest). Bookkeeping, not plan content: the
 * table is not change-tracked, and restoring a snapshot never touches it.
 */
export const migration0004: Migration = {
  version: 4,
  name: 'snapshots',
  up(db) {
    db.exec(`
      CREATE TABLE snapshot (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        at TEXT NOT NULL,
        user TEXT NOT NULL,
        schema_version INTEGER NOT NULL,
        change_id INTEGER,
        size INTEGER NOT NULL CHECK (size > 0),
        sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
        data BLOB NOT NULL
      ) STRICT;
    `);
  },
};
