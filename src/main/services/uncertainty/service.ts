/** A scenario's simulation: what it needs from the plan, run in the worker (the window) or here (the command line, the export, tests). */
import type { UncertaintyResult } from '../../../shared/api/channels/uncertainty';
import { AppError } from '../../../shared/api/errors';
import { MAX_RUNS, SimulationStopped, withTypicalRanges, type SimulationWorkspace, type Target } from '../../../shared/model';
import type { Db } from '../../db/connection';
import { loadTargets } from '../../db/repos/model-inputs';
import { cachedProjection } from '../projection-cache';
import { requireScenario } from '../scenarios';
import { runSimulation, type SimulationRequest } from './result';

/**
 * The request for a scenario's simulation, read from the plan. `typicalRanges` fills the empty
 * ranges with the typical ones in memory only (the command line on a plan it must not change).
 */
export function simulationRequest(db: Db, scenarioId: number, runs: number, seed: number, options: { typicalRanges?: boolean } = {}): SimulationRequest {
  requireScenario(db, scenarioId);
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS)
    throw new AppError('VALIDATION', `The number of runs must be a whole number from 1 to ${MAX_RUNS.toLocaleString('en-GB')} (got ${runs}).`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 2 ** 31 - 1)
    throw new AppError('VALIDATION', `The seed must be a whole number from 0 to ${(2 ** 31 - 1).toLocaleString('en-GB')} (got ${seed}).`);
  // The inputs kept between edits (see projection-cache): a regional plan is not read again for every run.
  const loaded = cachedProjection(db, scenarioId).inputs;
  const inputs = options.typicalRanges ? withTypicalRanges(loaded) : loaded;
  const targets: Target[] = loadTargets(db, scenarioId).map(({ lineageIds: _l, sort: _s, ...t }) => t);
  return { scenarioId, inputs, targets, runs, seed };
}

/** Runs a scenario's simulation and tornado in this thread (the command line and the export, where nothing else is waiting). */
export function simulateHere(
  db: Db,
  scenarioId: number,
  runs: number,
  seed: number,
  options: { typicalRanges?: boolean; workspace?: SimulationWorkspace; isCancelled?: () => boolean; onProgress?: (f: number) => void } = {},
): UncertaintyResult {
  try {
    return runSimulation(simulationRequest(db, scenarioId, runs, seed, options), options, () => performance.now());
  } catch (err) {
    if (err instanceof SimulationStopped) throw new AppError('CANCELLED', 'The simulation was cancelled.');
    throw err;
  }
}
