/**
 * Input ranges (low and high) on the tables that carry them: pipelines, rates, joiners and growth
 * drivers. Table and column names come from the range specifications in code, never from input.
 */
import type { Db } from '../connection';
import { statement } from '../statements';

export type RangedTable = 'workforce_rate' | 'pipeline' | 'other_joiner' | 'growth_driver';

export function setRange(db: Db, table: string, column: string, id: number, low: number | null, high: number | null): void {
  statement(db, `UPDATE ${table} SET ${column}_low = ?, ${column}_high = ? WHERE id = ?`).run(low, high, id);
}

/** How many of the scenario's rows of `table` carry a range in any of `columns`. */
export function countRanged(db: Db, table: string, columns: string[], scenarioId: number): number {
  const any = columns.map((c) => `${c}_low IS NOT NULL OR ${c}_high IS NOT NULL`).join(' OR ');
  return (statement(db, `SELECT count(*) AS n FROM ${table} WHERE scenario_id = ? AND (${any})`).get(scenarioId) as { n: number }).n;
}
