import type { Migration } from './types';

/**
 * Indexes that keep one edit's cost flat as a plan and its history grow: starting a change
 * drops the redo stack (`state = 'undone'`) and undo/redo look up the next change by state,
 * which without an index scan the whole change log; adding a pipeline takes the next `sort`
 * of its scenario, which without an index reads every pipeline of the scenario.
 */
export const migration0007: Migration = {
  version: 7,
  name: 'edit indexes',
  up(db) {
    db.exec(`
      CREATE INDEX change_set_state ON change_set(state, undone_seq);
      CREATE INDEX pipeline_scenario_sort ON pipeline(scenario_id, sort);
    `);
  },
};
