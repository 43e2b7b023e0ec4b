/**
 * Writing a checked import into the plan: the figures, the import history row and the saved
 * mapping, as ONE recorded change. Everything here was worked out and checked before (see
 * commit.ts); this part only writes, on whatever connection it is given — the plan worker's in
 * the app, so that the window is never held while a big import is written, or the CLI's own.
 * It is plain data in and a history id out, so that it can be sent to a worker.
 */
import type { ImportTarget } from '../../../shared/api/channels/import';
import type { Db } from '../../db/connection';
import { currentChangeId, currentUser, recordChange } from '../../db/changes';
import { dropDanglingImportChange, insertImportHistory, upsertMapping, type ImportHistoryFigures } from '../../db/repos/imports';
import { deleteDemandChangesAt } from '../../db/repos/demand';
import { joinerIdFor } from '../../db/repos/joiners';
import { setIntake } from '../../db/repos/pipelines';
import { baselineIdOf, insertBaseline, replaceBaseline } from '../../db/repos/workforce';
import { createDemandChange } from '../inputs/demand';
import { createJoiner, setJoinerFte } from '../inputs/joiners';
import { ZERO_AGES, type BaselineWrite, type YearlyCell } from './plan-changes';

export interface CommitPlan {
  target: ImportTarget;
  baseline: BaselineWrite[];
  yearly: YearlyCell[];
}

/** A mapping to save under a name, already cut down to what may be kept (see mappings.ts). */
export interface MappingToSave {
  name: string;
  signature: string;
  target: ImportTarget;
  json: string;
}

export interface ImportCommit {
  scenarioId: number;
  source: string;
  summary: string;
  plan: CommitPlan;
  history: ImportHistoryFigures;

  saveMapping: MappingToSave | null;
}

/** Writes the import as one recorded change (all of it or nothing); returns its import history id. */
export function writeImportCommit(db: Db, commit: ImportCommit): number {
  const h = commit.history;
  const historyId = recordChange(db, { source: commit.source, summary: commit.summary, scenarioId: commit.scenarioId }, () => {
    writePlan(db, commit.scenarioId, commit.plan);
    const id = insertImportHistory(db, { ...h, user: currentUser(), target: commit.plan.target, scenarioId: commit.scenarioId, changeId: currentChangeId(db) });
    if (commit.saveMapping) upsertMapping(db, commit.saveMapping);
    return id;
  });
  dropDanglingImportChange(db, historyId);
  return historyId;
}

function writePlan(db: Db, scenarioId: number, plan: CommitPlan): void {
  if (plan.target === 'baseline') {
    // Each line is written whole, as the preview showed it (share applied, headcount and establishment decided).
    for (const c of plan.baseline) {
      const age = c.age === null ? null : JSON.stringify(c.age);
      const baselineId = baselineIdOf(db, c.orgId, c.roleId);
      if (baselineId === undefined)
        insertBaseline(db, c.orgId, c.roleId, {
          fte: c.fte,
          headcount: c.headcount,
          establishment: c.establishment,
          ageProfile: age ?? JSON.stringify(ZERO_AGES()),
        });
      else replaceBaseline(db, baselineId, { fte: c.fte, headcount: c.headcount, establishment: c.establishment, ageProfile: age });
    }
    return;
  }
  for (const y of plan.yearly) {
    if (plan.target === 'intakes') setIntake(db, y.pipelineId!, y.year, y.value);
    else if (plan.target === 'joiners') {
      const kind = y.kind as 'international' | 'return-to-practice' | 'labour-market';
      const joiner = { kind, orgId: y.orgId!, roleId: y.roleId! };
      const joinerId = joinerIdFor(db, scenarioId, joiner) ?? createJoiner(db, scenarioId, { ...joiner, entrantAgeBand: 1 }).id;
      setJoinerFte(db, joinerId, y.year, y.value, 'import');
    } else {
      // An imported demand change replaces the scenario's changes for the same cell and year.
      deleteDemandChangesAt(db, scenarioId, y.orgId!, y.roleId!, y.year);
      createDemandChange(db, scenarioId, { orgId: y.orgId!, roleId: y.roleId!, year: y.year, deltaFte: y.value, description: 'Imported' });
    }
  }
}
