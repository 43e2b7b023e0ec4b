/**
 * Uncertainty benchmarks: 1,000 runs of the demo plan's simulation (with the typical ranges
 * filled in, so that every kind of input is drawn) beside 1,000 deterministic projections of
 * the same plan, measured in the same run; the tornado beside them; and the memory the
 * simulation holds.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { projectScenario, sensitivity, simulateScenario, SimulationWorkspace, uncertainGroups, withTypicalRanges } from '../src/shared/model';
import { loadScenarioInputs, loadTargets } from '../src/main/db/repos/model-inputs';
import { createDemoPlan } from '../src/main/services/plan-session';
import { machineLoad, timeInterleaved, type BenchResult } from './result';

const RUNS = 1000;
const f1 = (ms: number): string => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

export function benchUncertainty(): Promise<BenchResult[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-bench-'));
  const session = createDemoPlan(path.join(dir, 'demo.wfplan'));
  const scenarioId = (session.db.prepare("SELECT id FROM scenario WHERE name = 'Our Dorset plan'").get() as { id: number }).id;
  const inputs = withTypicalRanges(loadScenarioInputs(session.db, scenarioId));
  const targets = loadTargets(session.db, scenarioId);
  session.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  const groups = uncertainGroups(inputs);

  // As the app's worker does when it re-runs after an edit: the big per-run store is reused.
  const workspace = new SimulationWorkspace();
  const simulate = () => simulateScenario(inputs, targets, { runs: RUNS, seed: 42, workspace });
  const projections = () => {
    let last = null;
    for (let r = 0; r < RUNS; r++) last = projectScenario(inputs);
    return last;
  };
  const [sim, base] = timeInterleaved([simulate, projections], 9, 2);
  const [tornado, one] = timeInterleaved([() => sensitivity(inputs, targets), () => projectScenario(inputs)], 7, 2);

  // Memory: the per-run store a simulation keeps (supply and demand of every cell-year of every
  // run, 16 bytes each), the array buffers alive just after one (store and results, measured after
  // a full GC when node runs with --expose-gc), and the process's peak resident size so far.
  const result = simulate();
  const store = result.runs * result.cells.length * result.years.length * 16;
  (globalThis as { gc?: () => void }).gc?.();
  const buffers = process.memoryUsage().arrayBuffers;
  const peakRss = process.resourceUsage().maxRSS * 1024;
  const load = machineLoad();
  const ratio = sim!.cpuMs / base!.cpuMs;
  const cells = result.cells.length;
  const years = result.years.length;
  return Promise.resolve([
    {
      name: `Simulation of the demo plan, ${RUNS.toLocaleString('en-GB')} runs (${cells} cells × ${years} years, ${groups.length} groups of ranged inputs, typical ranges filled): percentiles of every cell-year and total, target chances`,
      ms: sim!.cpuMs,
      baselineName: `${RUNS.toLocaleString('en-GB')} deterministic projections of the same plan`,
      baselineMs: base!.cpuMs,
      ratio,
      target: '< 2 s and ≤ 1.2× baseline (CPU time); peak memory < 500 MB',
      pass: sim!.cpuMs < 2000 && ratio <= 1.2 && peakRss < 500 * 1024 * 1024,
      extra: `wall-clock ${f1(sim!.wallMs)} vs ${f1(base!.wallMs)}; per-run store ${mb(store)}, array buffers in use ${mb(buffers)}; peak resident size of this bench process so far ${mb(peakRss)}${load ? `; ${load}` : ''}`,
    },
    {
      name: `Tornado of the demo plan: each of ${groups.filter((g) => g.varies).length} groups of inputs at its low and its high, others central`,
      ms: tornado!.cpuMs,
      baselineName: 'one deterministic projection',
      baselineMs: one!.cpuMs,
      ratio: tornado!.cpuMs / one!.cpuMs,
      target: `≤ ${2 * groups.length + 2}× baseline (two projections per group, plus the central one)`,
      pass: tornado!.cpuMs / one!.cpuMs <= 2 * groups.length + 2,
      extra: `wall-clock ${f1(tornado!.wallMs)} vs ${f1(one!.wallMs)}`,
    },
  ]);
}
