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
import { dropDanglingImportChange, insertImportHistory, upsertMapping } from '../../db/repos/imports';
import { setIntake } from '../../db/repos/pipelines';
import { createDemandChange, createJoiner, setJoinerFte } from '../inputs';
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
  history: {
    fileName: string;
    sha256: string;
    size: number;
    sheet: string;
    rowsRead: number;
    rowsUsed: number;
    added: number;
    replaced: number;
    unchanged: number;
    warnings: number;
  };
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
    const get = db.prepare('SELECT id FROM workforce_baseline WHERE org_id = ? AND role_id = ?');
    const insert = db.prepare('INSERT INTO workforce_baseline (org_id, role_id, fte, headcount, establishment, age_profile) VALUES (?, ?, ?, ?, ?, ?)');
    const update = db.prepare('UPDATE workforce_baseline SET fte = ?, headcount = ?, establishment = ?, age_profile = coalesce(?, age_profile) WHERE id = ?');
    // Each line is written whole, as the preview showed it (share applied, headcount and establishment decided).
    for (const c of plan.baseline) {
      const age = c.age === null ? null : JSON.stringify(c.age);
      const row = get.get(c.orgId, c.roleId) as { id: number } | undefined;
      if (!row) insert.run(c.orgId, c.roleId, c.fte, c.headcount, c.establishment, age ?? JSON.stringify(ZERO_AGES()));
      else update.run(c.fte, c.headcount, c.establishment, age, row.id);
    }
    return;
  }
  for (const y of plan.yearly) {
    if (plan.target === 'intakes') setIntake(db, y.pipelineId!, y.year, y.value);
    else if (plan.target === 'joiners') {
      const kind = y.kind as 'international' | 'return-to-practice' | 'labour-market';
      const existing = db.prepare('SELECT id FROM other_joiner WHERE scenario_id = ? AND kind = ? AND org_id = ? AND role_id = ?').get(scenarioId, kind, y.orgId, y.roleId) as { id: number } | undefined;
      const joinerId = existing?.id ?? createJoiner(db, scenarioId, { kind, orgId: y.orgId!, roleId: y.roleId!, entrantAgeBand: 1 }).id;
      setJoinerFte(db, joinerId, y.year, y.value, 'import');
    } else {
      // An imported demand change replaces the scenario's changes for the same cell and year.
      db.prepare('DELETE FROM demand_change WHERE scenario_id = ? AND org_id = ? AND role_id = ? AND year = ?').run(scenarioId, y.orgId, y.roleId, y.year);
      createDemandChange(db, scenarioId, { orgId: y.orgId!, roleId: y.roleId!, year: y.year, deltaFte: y.value, description: 'Imported' });
    }
  }
}
