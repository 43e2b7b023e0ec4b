/** Each scenario's other joiners: read, add, change, set a year's FTE, remove. */
import type { OtherJoinerRow } from '../../../shared/api/dto';
import { AppError } from '../../../shared/api/errors';
import { formatFte, yearLabel } from '../../../shared/format';
import type { Db } from '../../db/connection';
import { recordChange } from '../../db/changes';
import { assumptionsFor, assumptionsOf } from '../../db/repos/assumptions';
import { deleteJoinerRow, insertJoiner, joinerIdFor, setJoinerYear, updateJoinerRow, type JoinerFields } from '../../db/repos/joiners';
import { otherJoiner, otherJoiners } from '../../db/repos/model-inputs';
import { checkRanges, JOINER_RANGES, syncRangeNotes } from '../ranges';
import { requireScenario } from '../scenarios';
import { assertYearInPlan, orgName, roleName } from './common';

type JoinerRanges = { fteLow: number | null; fteHigh: number | null };

export function listJoiners(db: Db, scenarioId: number): OtherJoinerRow[] {
  requireScenario(db, scenarioId);
  const notes = assumptionsFor(db, 'other_joiner');
  return otherJoiners(db, scenarioId).map((j) => ({ ...j, scenarioId, assumptions: notes.get(j.id) ?? {} }));
}

/** One joiner row, read on its own: a change to one row costs the same however many rows there are. */
function requireJoiner(db: Db, joinerId: number): OtherJoinerRow {
  const row = otherJoiner(db, joinerId);
  if (!row) throw new AppError('NOT_FOUND', `Joiner row ${joinerId} does not exist (it may have been deleted).`);
  return { ...row, assumptions: assumptionsOf(db, 'other_joiner', joinerId) };
}

function joinerLabel(db: Db, j: { kind: string; orgId: number; roleId: number }): string {
  return `${j.kind.replace(/-/g, ' ')} joiners: ${roleName(db, j.roleId)} at ${orgName(db, j.orgId)}`;
}

function uniqueJoinerError(db: Db, j: JoinerFields): AppError {
  return new AppError('CONFLICT', `There is already a row of ${joinerLabel(db, j)} in this scenario: change that row instead.`);
}

export function createJoiner(db: Db, scenarioId: number, fields: JoinerFields): OtherJoinerRow {
  requireScenario(db, scenarioId);
  const label = joinerLabel(db, fields);
  if (joinerIdFor(db, scenarioId, fields) !== undefined) throw uniqueJoinerError(db, fields);
  const id = recordChange(db, { source: 'grid', summary: `Added ${label}`, scenarioId }, () => insertJoiner(db, scenarioId, fields));
  return requireJoiner(db, id);
}

export function updateJoiner(db: Db, joinerId: number, changes: Partial<JoinerFields & JoinerRanges>): OtherJoinerRow {
  const before = requireJoiner(db, joinerId);
  const next = { ...before, ...changes };
  joinerLabel(db, next);
  checkRanges(JOINER_RANGES, next);
  if (joinerIdFor(db, before.scenarioId, next, joinerId) !== undefined) throw uniqueJoinerError(db, next);
  recordChange(db, { source: 'grid', summary: `Changed ${joinerLabel(db, before)}`, scenarioId: before.scenarioId }, () => {
    updateJoinerRow(db, joinerId, next);
    syncRangeNotes(db, 'other_joiner', joinerId, JOINER_RANGES, before as unknown as Record<string, unknown>, next);
  });
  return requireJoiner(db, joinerId);
}

export function setJoinerFte(db: Db, joinerId: number, year: number, fte: number | null, source = 'grid'): OtherJoinerRow {
  const before = requireJoiner(db, joinerId);
  assertYearInPlan(db, year);
  const old = before.fteByYear[year];
  recordChange(
    db,
    {
      source,
      summary: `${joinerLabel(db, before)} ${yearLabel(year)}: ${old === undefined ? 'none' : formatFte(old)} → ${fte === null ? 'none' : formatFte(fte)}`,
      scenarioId: before.scenarioId,
    },
    () => setJoinerYear(db, joinerId, year, fte),
  );
  return requireJoiner(db, joinerId);
}

export function deleteJoiner(db: Db, joinerId: number): { deleted: number } {
  const before = requireJoiner(db, joinerId);
  const deleted = recordChange(db, { source: 'grid', summary: `Deleted ${joinerLabel(db, before)}`, scenarioId: before.scenarioId }, () =>
    deleteJoinerRow(db, joinerId),
  );
  return { deleted };
}
