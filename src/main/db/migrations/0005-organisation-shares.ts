import type { Migration } from './types';

/**
 * Organisation shares: an organisation that serves more than the plan's area (a regional
 * ambulance trust, a community trust across two systems) carries the share of it that belongs
 * to the plan, 0–1, with where that share comes from. Imports of whole-organisation figures
 * apply it. Every organisation starts at 1 (the whole of it), with no source.
 */
export const migration0005: Migration = {
  version: 5,
  name: 'organisation-shares',
  up(db) {
    db.exec(`
      ALTER TABLE organisation ADD COLUMN share REAL NOT NULL DEFAULT 1 CHECK (share > 0 AND share <= 1);
      ALTER TABLE organisation ADD COLUMN share_source TEXT NOT NULL DEFAULT '';
    `);
  },
};
