/** Each scenario's other joiners (international, return to practice, labour market) and their FTE by year. */
import type { OtherJoinerKind } from '../../../shared/model/types';
import type { Db } from '../connection';
import { statement } from '../statements';
import { deleteAssumptions } from './assumptions';

export interface JoinerFields {
  kind: OtherJoinerKind;
  orgId: number;
  roleId: number;
  entrantAgeBand: number;
}

/** The scenario's row of this kind for a cell (other than `exceptId`), if there is one. */
export function joinerIdFor(db: Db, scenarioId: number, j: Omit<JoinerFields, 'entrantAgeBand'>, exceptId = 0): number | undefined {
  return (
    statement(db, 'SELECT id FROM other_joiner WHERE scenario_id = ? AND kind = ? AND org_id = ? AND role_id = ? AND id <> ?').get(
      scenarioId,
      j.kind,
      j.orgId,
      j.roleId,
      exceptId,
    ) as { id: number } | undefined
  )?.id;
}

export function insertJoiner(db: Db, scenarioId: number, j: JoinerFields): number {
  return Number(
    statement(db, 'INSERT INTO other_joiner (scenario_id, kind, org_id, role_id, entrant_age_band) VALUES (?, ?, ?, ?, ?)').run(
      scenarioId,
      j.kind,
      j.orgId,
      j.roleId,
      j.entrantAgeBand,
    ).lastInsertRowid,
  );
}

export function updateJoinerRow(db: Db, joinerId: number, j: JoinerFields & { fteLow: number | null; fteHigh: number | null }): void {
  statement(db, 'UPDATE other_joiner SET kind = ?, org_id = ?, role_id = ?, entrant_age_band = ?, fte_low = ?, fte_high = ? WHERE id = ?').run(
    j.kind,
    j.orgId,
    j.roleId,
    j.entrantAgeBand,
    j.fteLow,
    j.fteHigh,
    joinerId,
  );
}

/** Sets (or with null, clears) a joiner row's FTE for one year. */
export function setJoinerYear(db: Db, joinerId: number, year: number, fte: number | null): void {
  if (fte === null) statement(db, 'DELETE FROM other_joiner_fte WHERE other_joiner_id = ? AND year = ?').run(joinerId, year);
  else
    statement(
      db,
      'INSERT INTO other_joiner_fte (other_joiner_id, year, fte) VALUES (?, ?, ?) ON CONFLICT (other_joiner_id, year) DO UPDATE SET fte = excluded.fte',
    ).run(joinerId, year, fte);
}

/** Deletes a joiner row with its notes; returns the rows deleted. */
export function deleteJoinerRow(db: Db, joinerId: number): number {
  deleteAssumptions(db, 'other_joiner', joinerId);
  return statement(db, 'DELETE FROM other_joiner WHERE id = ?').run(joinerId).changes;
}

/** Every FTE figure of the scenario's joiners, with the row's kind and cell. */
export function joinerFtes(db: Db, scenarioId: number): { kind: string; o: number; r: number; year: number; fte: number }[] {
  return statement(
    db,
    'SELECT j.kind, j.org_id AS o, j.role_id AS r, f.year, f.fte FROM other_joiner j JOIN other_joiner_fte f ON f.other_joiner_id = j.id WHERE j.scenario_id = ?',
  ).all(scenarioId) as { kind: string; o: number; r: number; year: number; fte: number }[];
}
