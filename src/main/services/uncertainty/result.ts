/**
 * The simulation and the tornado as the window, the export and the command line read them:
 * plain arrays, made where the work ran (in the worker, so the main process only forwards them).
 */
import type { BandsDto, UncertaintyResult } from '../../../shared/api/channels/uncertainty';
import { sensitivity, simulateScenario, SimulationStopped, type Bands, type ScenarioInputs, type SimulationOptions, type Target } from '../../../shared/model';

const arr = (a: Float64Array): number[] => Array.from(a);

function bandsOf(b: Bands, from = 0, length = b.p10.length): BandsDto {
  return { p10: arr(b.p10.subarray(from, from + length)), p50: arr(b.p50.subarray(from, from + length)), p90: arr(b.p90.subarray(from, from + length)) };
}

/** What a simulation needs: the engine's inputs and the plan's targets (with this scenario's pipeline ids). */
export interface SimulationRequest {
  scenarioId: number;
  inputs: ScenarioInputs;
  targets: Target[];
  runs: number;
  seed: number;
}

/**
 * Runs the simulation, then the tornado, and shapes both. Progress goes 0 → 0.9 over the runs
 * and 0.9 → 1 over the tornado. Throws SimulationStopped when isCancelled() says so.
 */
export function runSimulation(
  req: SimulationRequest,
  options: Pick<SimulationOptions, 'onProgress' | 'isCancelled' | 'workspace'> = {},
  clock: () => number = () => 0,
): UncertaintyResult {
  const started = clock();
  const progress = options.onProgress ?? (() => {});
  const sim = simulateScenario(req.inputs, req.targets, {
    runs: req.runs,
    seed: req.seed,
    workspace: options.workspace,
    isCancelled: options.isCancelled,
    onProgress: (f) => progress(0.9 * f),
  });
  const sens = sensitivity(req.inputs, req.targets, { isCancelled: options.isCancelled, onProgress: (f) => progress(0.9 + 0.1 * f) });
  if (!sens) throw new SimulationStopped();
  const Y = sim.years.length;
  return {
    scenarioId: req.scenarioId,
    runs: sim.runs,
    seed: sim.seed,
    years: sim.years,
    inputs: sim.inputs,
    varying: sim.inputs.filter((g) => g.varies).length,
    totals: {
      supply: bandsOf(sim.totals.supply),
      demand: bandsOf(sim.totals.demand),
      gap: bandsOf(sim.totals.gap),
      agencyCost: bandsOf(sim.totals.agencyCost),
    },
    agencyCostTotal: sim.agencyCostTotal,
    cells: sim.cells.map((c, i) => ({
      orgId: c.orgId,
      roleId: c.roleId,
      supply: bandsOf(sim.supply, i * Y, Y),
      demand: bandsOf(sim.demand, i * Y, Y),
      gap: bandsOf(sim.gap, i * Y, Y),
    })),
    targets: sim.targets.map((t) => ({ targetId: t.targetId, probability: t.probability, runsMet: t.runsMet, projected: t.projected })),
    tornado: {
      baseGap: arr(sens.baseGap),
      targetIds: sens.targetIds,
      baseTargets: sens.baseTargets,
      bars: sens.bars.map((b) => ({
        key: b.key,
        kind: b.kind,
        label: b.label,
        gapAtLow: arr(b.gapAtLow),
        gapAtHigh: arr(b.gapAtHigh),
        targetAtLow: b.targetAtLow,
        targetAtHigh: b.targetAtHigh,
      })),
    },
    elapsedMs: clock() - started,
  };
}
