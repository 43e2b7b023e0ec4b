/**
 * A batch of single edits (a paste from Excel) applied as ONE undoable change. Each edit goes
 * through the same service function a typed edit does; their own recordChange calls join the
 * outer one. Any refused edit refuses the whole batch: every problem is reported with its row
 * and column, and nothing is written.
 */
import type { EditProblem, ParsedSingleEdit } from '../../shared/api/channels/edits';
import { AppError } from '../../shared/api/errors';
import type { Db } from '../db/connection';
import { recordChange } from '../db/changes';
import * as inputs from './inputs';
import { setPipelineIntake, updatePipelineFields } from './pipelines';

const SOURCE = 'paste';

function applyOne(db: Db, edit: ParsedSingleEdit): void {
  switch (edit.channel) {
    case 'pipelines/set-intake':
      setPipelineIntake(db, edit.input.pipelineId, edit.input.year, edit.input.heads, SOURCE);
      return;
    case 'pipelines/update':
      updatePipelineFields(db, edit.input.pipelineId, edit.input.changes, SOURCE);
      return;
    case 'workforce/update':
      inputs.updateWorkforce(db, edit.input.scenarioId, edit.input.orgId, edit.input.roleId, edit.input.changes, SOURCE);
      return;
    case 'joiners/set-fte':
      inputs.setJoinerFte(db, edit.input.joinerId, edit.input.year, edit.input.fte, SOURCE);
      return;
    case 'joiners/update':
      inputs.updateJoiner(db, edit.input.joinerId, edit.input.changes);
      return;
    case 'demand/update-driver':
      inputs.updateDriver(db, edit.input.driverId, edit.input.changes);
      return;
    case 'demand/update-change':
      inputs.updateDemandChange(db, edit.input.changeId, edit.input.changes);
      return;
    case 'targets/update':
      inputs.updateTarget(db, edit.input.targetId, edit.input.changes);
      return;
    case 'assumptions/set':
      inputs.setAssumptionNote(db, null, edit.input);
      return;
  }
}

/** Thrown inside the transaction so that better-sqlite3 rolls the whole batch back. */
class BatchRefused extends Error {
  constructor(readonly problems: EditProblem[]) {
    super('batch refused');
  }
}

export function describeProblems(view: string, problems: EditProblem[]): string {
  const shown = problems.slice(0, 8).map((p) => `${p.row}, ${p.column}: ${p.reason}`);
  const more = problems.length > shown.length ? `; and ${problems.length - shown.length} more` : '';
  const n = problems.length;
  return `The paste into ${view} was refused and nothing was changed: ${n === 1 ? '1 cell is' : `${n} cells are`} not valid. ${shown.join('; ')}${more}. Correct ${n === 1 ? 'it' : 'them'} in Excel and paste again.`;
}

export function applyEdits(
  db: Db,
  batch: { view: string; scenarioId: number | null; cells?: number | undefined; edits: ParsedSingleEdit[] },
): { applied: number } {
  const n = batch.cells ?? batch.edits.length;
  const summary = `Pasted ${n} ${n === 1 ? 'cell' : 'cells'} into ${batch.view}`;
  try {
    recordChange(db, { source: SOURCE, summary, scenarioId: batch.scenarioId }, () => {
      const problems: EditProblem[] = [];
      batch.edits.forEach((edit, index) => {
        try {
          // A savepoint per edit: a refused one leaves no half-written rows behind while the
          // rest are still checked, so every problem can be reported at once.
          db.transaction(() => applyOne(db, edit))();
        } catch (err) {
          if (!(err instanceof AppError)) throw err;
          problems.push({ index, row: edit.at.row, column: edit.at.column, reason: err.message.replace(/\.$/, '') });
        }
      });
      if (problems.length > 0) throw new BatchRefused(problems);
    });
  } catch (err) {
    if (err instanceof BatchRefused) {
      const fields: Record<string, string> = Object.create(null) as Record<string, string>;
      for (const p of err.problems) fields[`edits.${p.index}`] = `${p.row}, ${p.column}: ${p.reason}`;
      throw new AppError('VALIDATION', describeProblems(batch.view, err.problems), fields);
    }
    throw err;
  }
  return { applied: batch.edits.length };
}
