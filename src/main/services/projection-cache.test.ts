import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { demoSession } from '../../../tests/support/plans';
import { prng } from '../../../bench/result';
import { CELL_SERIES, projectScenario, type Projection } from '../../shared/model';
import { AppError } from '../../shared/api/errors';
import { redo, undo } from '../db/changes';
import { loadScenarioInputs } from '../db/repos/model-inputs';
import { listPipelines } from '../db/repos/pipelines';
import type { Db } from '../db/connection';
import { applyEdits } from './edits';
import { listJoiners, listWorkforce, setJoinerFte, updateJoiner, updateWorkforce } from './inputs';
import { setPipelineIntake, updatePipelineFields } from './pipelines';
import { cachedProjection, type Refresh } from './projection-cache';
import { copyScenario } from './scenarios';

const bytes = (a: Float64Array): Buffer => Buffer.from(a.buffer, a.byteOffset, a.byteLength);

/** The first difference between two projections, bit for bit, or null when there is none. */
function firstDifference(a: Projection, b: Projection): string | null {
  if (a.cells.length !== b.cells.length) return `${a.cells.length} cells against ${b.cells.length}`;
  if (a.pipelines.length !== b.pipelines.length) return `${a.pipelines.length} pipelines against ${b.pipelines.length}`;
  for (let i = 0; i < a.cells.length; i++) {
    const x = a.cells[i]!;
    const y = b.cells[i]!;
    if (x.orgId !== y.orgId || x.roleId !== y.roleId) return `cell ${i} is ${x.orgId}×${x.roleId} against ${y.orgId}×${y.roleId}`;
    for (const key of [...CELL_SERIES, 'closingByBand'] as const) if (!bytes(x[key]).equals(bytes(y[key]))) return `cell ${x.orgId}×${x.roleId} ${key}`;
  }
  for (let k = 0; k < a.pipelines.length; k++) {
    const x = a.pipelines[k]!;
    const y = b.pipelines[k]!;
    if (x.pipelineId !== y.pipelineId) return `pipeline ${k} is ${x.pipelineId} against ${y.pipelineId}`;
    for (const key of ['starts', 'inTraining', 'completers', 'joinedFte', 'sourceOutFte', 'trainingCost'] as const) {
      if (!bytes(x[key]).equals(bytes(y[key]))) return `pipeline ${x.pipelineId} ${key}`;
    }
  }
  return null;
}

const fresh = (db: Db, scenarioId: number): Projection => projectScenario(loadScenarioInputs(db, scenarioId));

describe('projection kept between edits', () => {
  it('equals a full projection, bit for bit, after each of 2,000 generated edits, undos, redos, pastes and a scenario copy', () => {
    const { db } = demoSession();
    // Durability is not what is tested here: no flush to disk at each of the 2,000 commits.
    db.pragma('synchronous = OFF');
    const rnd = prng(18);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
    const roles = (db.prepare('SELECT id FROM role').all() as { id: number }[]).map((r) => r.id);
    const scenarios = [2, 1];
    // The generator never adds or removes a pipeline: each scenario's are listed once.
    const pipelinesOf = new Map(scenarios.map((id) => [id, listPipelines(db, id).map((x) => x.id)]));
    const joinersOf = new Map(scenarios.map((id) => [id, listJoiners(db, id).map((x) => x.id)]));
    const cells = listWorkforce(db, 2).map((c) => ({ orgId: c.orgId, roleId: c.roleId }));
    const counts: Record<Refresh, number> = { cached: 0, incremental: 0, full: 0 };
    let copied = false;
    for (let step = 0; step < 2000; step++) {
      const scenarioId = pick(scenarios);
      const pipelines = pipelinesOf.get(scenarioId)!;
      const pipelineId = pick(pipelines);
      const r = rnd();
      const what: string[] = [];
      try {
        if (r < 0.45) {
          const year = 2016 + Math.floor(rnd() * 13);
          const heads = rnd() < 0.15 ? null : Math.round(rnd() * 60);
          what.push(`intake ${pipelineId} ${year} ${heads}`);
          setPipelineIntake(db, pipelineId, year, heads);
        } else if (r < 0.6) {
          const changes = pick([
            { durationYears: pick([0, 0.5, 1, 1.5, 2, 3, 4.5]) },
            { attrition: Math.round(rnd() * 50) / 100 },
            { conversion: Math.round(rnd() * 100) / 100 },
            { traineesLeaveSourceRole: rnd() < 0.5 },
            { sourceRoleId: rnd() < 0.3 ? null : pick(roles) },
            { roleId: pick(roles) },
          ]);
          what.push(`update ${pipelineId} ${JSON.stringify(changes)}`);
          updatePipelineFields(db, pipelineId, changes);
        } else if (r < 0.7) {
          what.push('undo');
          undo(db);
        } else if (r < 0.77) {
          what.push('redo');
          redo(db);
        } else if (r < 0.85) {
          const edits = Array.from({ length: 1 + Math.floor(rnd() * 6) }, (_v, i) => ({
            channel: 'pipelines/set-intake' as const,
            input: { pipelineId: pick(pipelines), year: 2019 + Math.floor(rnd() * 10), heads: Math.round(rnd() * 40) },
            at: { row: `row ${i + 1}`, column: 'intake' },
          }));
          what.push(`paste ${JSON.stringify(edits.map((e) => e.input))}`);
          applyEdits(db, { view: 'Pipelines', scenarioId, edits });
        } else if (r < 0.92) {
          const cell = pick(cells);
          const changes = pick([
            { leaverRate: Math.round(rnd() * 30) / 100 },
            { fte: Math.round(rnd() * 5000) / 10 },
            { agencyShare: Math.round(rnd() * 100) / 100 },
          ]);
          what.push(`workforce ${cell.orgId}×${cell.roleId} ${JSON.stringify(changes)}`);
          updateWorkforce(db, scenarioId, cell.orgId, cell.roleId, changes);
        } else if (r < 0.97) {
          const joiner = { id: pick(joinersOf.get(scenarioId)!) };
          if (rnd() < 0.7) {
            what.push(`joiner ${joiner.id} FTE`);
            setJoinerFte(db, joiner.id, 2019 + Math.floor(rnd() * 10), rnd() < 0.1 ? null : Math.round(rnd() * 20));
          } else {
            const changes = pick([{ entrantAgeBand: Math.floor(rnd() * 10) }, { roleId: pick(roles) }]);
            what.push(`joiner ${joiner.id} ${JSON.stringify(changes)}`);
            updateJoiner(db, joiner.id, changes);
          }
        } else if (!copied && step > 1000) {
          copied = true;
          const copy = copyScenario(db, scenarioId, 'Copy for the property test');
          scenarios.push(copy.id);
          pipelinesOf.set(
            copy.id,
            listPipelines(db, copy.id).map((x) => x.id),
          );
          joinersOf.set(
            copy.id,
            listJoiners(db, copy.id).map((x) => x.id),
          );
          what.push(`copy ${scenarioId} → ${copy.id}`);
        }
      } catch (err) {
        // A refused edit (a pipeline moved onto a role it cannot have, say) writes nothing: still compared.
        if (!(err instanceof AppError)) throw err;
      }
      const viewed = pick(scenarios);
      const run = cachedProjection(db, viewed);
      counts[run.refresh]++;
      const diff = firstDifference(run.projection, fresh(db, viewed));
      if (diff !== null) throw new Error(`Step ${step} (${what.join('; ')}), scenario ${viewed}: ${diff}`);
    }
    expect(copied).toBe(true);
    // Most edits were brought in by re-projecting only what they reach.
    expect(counts.incremental).toBeGreaterThan(900);
    expect(counts.full).toBeGreaterThan(10);
  }, 120_000);

  it('projects again only the cells an intake edit reaches, and notices a write by another connection', () => {
    const { db, path: file } = demoSession();
    const p = listPipelines(db, 2).find((x) => x.sourceRoleId === null)!;
    expect(cachedProjection(db, 2).refresh).toBe('full');
    expect(cachedProjection(db, 2).refresh).toBe('cached');
    setPipelineIntake(db, p.id, 2024, (p.intakes[2024] ?? 0) + 10);
    const after = cachedProjection(db, 2);
    expect(after.refresh).toBe('incremental');
    expect(firstDifference(after.projection, fresh(db, 2))).toBeNull();

    const other = new Database(file);
    other.prepare('UPDATE pipeline_intake SET heads = heads + 1 WHERE pipeline_id = ?').run(p.id);
    other.close();
    const seen = cachedProjection(db, 2);
    expect(seen.refresh).toBe('full');
    expect(firstDifference(seen.projection, fresh(db, 2))).toBeNull();
  });
});
