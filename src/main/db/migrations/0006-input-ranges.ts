import type { Migration } from './types';

/**
 * Ranges on the uncertain inputs of each scenario: a low and a high value beside the central one.
 * NULL means that side is the central value (no range). Rates and shares are fractions; the
 * retirement, intake-fill and joiners ranges are multipliers of the plan's own numbers (central
 * 1). Low ≤ central ≤ high is a CHECK, so no write can store a range that does not hold its
 * central value.
 */
export const migration0006: Migration = {
  version: 6,
  name: 'input-ranges',
  up(db) {
    const fraction = (table: string, column: string, central: string) => `
      ALTER TABLE ${table} ADD COLUMN ${column}_low REAL CHECK (${column}_low IS NULL OR (${column}_low >= 0 AND ${column}_low <= ${central}));
      ALTER TABLE ${table} ADD COLUMN ${column}_high REAL CHECK (${column}_high IS NULL OR (${column}_high >= ${central} AND ${column}_high <= 1));`;
    const multiplier = (table: string, column: string, max: number) => `
      ALTER TABLE ${table} ADD COLUMN ${column}_low REAL CHECK (${column}_low IS NULL OR (${column}_low >= 0 AND ${column}_low <= 1));
      ALTER TABLE ${table} ADD COLUMN ${column}_high REAL CHECK (${column}_high IS NULL OR (${column}_high >= 1 AND ${column}_high <= ${max}));`;
    db.exec(`
      ${fraction('workforce_rate', 'leaver_rate', 'leaver_rate')}
      ${multiplier('workforce_rate', 'retirement', 5)}
      ${fraction('workforce_rate', 'agency_share', 'agency_share')}
      ${fraction('pipeline', 'attrition', 'attrition')}
      ${fraction('pipeline', 'conversion', 'conversion')}
      ${multiplier('pipeline', 'intake_fill', 2)}
      ${multiplier('other_joiner', 'fte', 5)}
      ALTER TABLE growth_driver ADD COLUMN growth_low REAL CHECK (growth_low IS NULL OR (growth_low > -1 AND growth_low <= growth));
      ALTER TABLE growth_driver ADD COLUMN growth_high REAL CHECK (growth_high IS NULL OR (growth_high >= growth AND growth_high <= 10));
    `);
  },
};
