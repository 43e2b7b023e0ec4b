/**
 * Engine benchmarks: the projection of a large generated plan beside a bare typed-array loop
 * doing the same per-band arithmetic on the same number of cells, and the demo plan's
 * re-projection after one edited intake.
 */
import path from 'node:path';
import os from 'node:os';
import fs from 'node:fs';
import { projectScenario } from '../src/shared/model';
import { AGE_BAND_COUNT, type ScenarioInputs } from '../src/shared/model/types';
import { createDemoPlan } from '../src/main/services/plan-session';
import { loadScenarioInputs } from '../src/main/db/repos/model-inputs';
import { generatePlan, LARGE_PLAN } from './generate';
import { machineLoad, timeInterleaved, type BenchResult, type Timing } from './result';

/**
 * The same arithmetic with nothing but flat typed arrays: per cell, band and year the
 * outflows, joiners, closing, band store, headcount, demand × driver, gap, vacancy, agency
 * cost and the age roll; per pipeline and year the cohort completions (two cohorts for a
 * fractional course), joiners and learners in training.
 */
function bareLoop(cells: number, years: number, pipelines: number): number {
  const B = AGE_BAND_COUNT;
  const stock = new Float64Array(cells * B).fill(10);
  const retire = new Float64Array(cells * B).fill(0.01);
  const leaver = new Float64Array(cells).fill(0.1);
  const establishment = new Float64Array(cells).fill(105);
  const perHead = new Float64Array(cells).fill(0.9);
  const share = new Float64Array(cells).fill(0.5);
  const cost = new Float64Array(cells).fill(50000);
  const factor = new Float64Array(years).fill(1.01);
  const out = new Float64Array(cells * years * 12);
  const byBand = new Float64Array(cells * years * B);
  const intake = new Float64Array(pipelines * (years + 4)).fill(20);
  const target = new Int32Array(pipelines).map((_v, i) => (i * 7919) % cells);
  const pOut = new Float64Array(pipelines * years * 5);
  for (let t = 0; t < years; t++) {
    for (let i = 0; i < cells; i++) {
      let open = 0;
      let lv = 0;
      let rt = 0;
      const lr = leaver[i]!;
      for (let b = 0; b < B; b++) {
        const k = i * B + b;
        const s = stock[k]!;
        open += s;
        const l = s * lr;
        const r = Math.min(s * retire[k]!, s - l);
        lv += l;
        rt += r;
        stock[k] = s - l - r;
      }
      const o = (i * years + t) * 12;
      out[o] = open;
      out[o + 1] = lv;
      out[o + 2] = rt;
    }
    for (let p = 0; p < pipelines; p++) {
      const completers = 0.8 * (0.5 * intake[p * (years + 4) + t]! + 0.5 * intake[p * (years + 4) + t + 1]!);
      const joined = completers * 0.9 * 0.95;
      stock[target[p]! * B]! += joined;
      const q = (p * years + t) * 5;
      pOut[q] = intake[p * (years + 4) + t + 3]!;
      pOut[q + 1] = completers;
      pOut[q + 2] = joined;
      pOut[q + 3] = intake[p * (years + 4) + t + 2]! * 2.5;
      pOut[q + 4] = pOut[q + 3]! * 5000;
    }
    for (let i = 0; i < cells; i++) {
      let close = 0;
      for (let b = 0; b < B; b++) {
        const v = stock[i * B + b]!;
        byBand[(i * years + t) * B + b] = v;
        close += v;
      }
      const o = (i * years + t) * 12;
      const d = establishment[i]! * factor[t]!;
      const g = d - close;
      out[o + 3] = close;
      out[o + 4] = close / perHead[i]!;
      out[o + 5] = d;
      out[o + 6] = g;
      out[o + 7] = d !== 0 ? g / d : 0;
      out[o + 8] = g > 0 ? g * share[i]! * cost[i]! : 0;
      let carry = 0;
      for (let b = 0; b < B - 1; b++) {
        const k = i * B + b;
        const v = stock[k]!;
        stock[k] = v - v / 5 + carry;
        carry = v / 5;
      }
      stock[i * B + B - 1]! += carry;
    }
  }
  return out[0]! + byBand[0]! + pOut[0]!;
}

const f1 = (ms: number): string => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

/**
 * The engine section of `npm run bench`. Figures are medians over interleaved runs (engine,
 * baseline, baseline, engine, …), as CPU time of this process: the build machines are shared,
 * and wall-clock there mostly measures the queue for a core. Wall-clock medians are printed
 * beside them.
 */
export function benchEngine(): Promise<BenchResult[]> {
  const large = generatePlan(LARGE_PLAN, 7);
  const cells = large.workforce.length;
  const years = LARGE_PLAN.years;
  const progression = large.pipelines.filter((p) => p.sourceRoleId !== null).length;
  const [engine, bare] = timeInterleaved([() => projectScenario(large), () => bareLoop(cells, years, LARGE_PLAN.pipelines)], 21, 3);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-bench-'));
  const session = createDemoPlan(path.join(dir, 'demo.wfplan'));
  const demo: ScenarioInputs = loadScenarioInputs(session.db, 2);
  session.db.close();
  fs.rmSync(dir, { recursive: true, force: true });
  let n = 0;
  const edited = () => {
    // One intake edited, as after a keystroke in the grid: a new inputs object, then re-project.
    n++;
    const next = { ...demo, pipelines: demo.pipelines.map((p, i) => (i === 0 ? { ...p, intakes: { ...p.intakes, 2021: 10 + (n % 5) } } : p)) };
    return projectScenario(next);
  };
  const demoYears = demo.horizonYear - demo.baseYear + 1;
  const [demoEngine, demoBare] = timeInterleaved([edited, () => bareLoop(demo.workforce.length, demoYears, demo.pipelines.length)], 41, 5);

  const load = machineLoad();
  const wall = (a: Timing, b: Timing) => `wall-clock ${f1(a.wallMs)} vs ${f1(b.wallMs)} (${(a.wallMs / b.wallMs).toFixed(2)}×)${load ? `, ${load}` : ''}`;
  const largeRatio = engine!.cpuMs / bare!.cpuMs;
  return Promise.resolve([
    {
      name: `Projection, generated plan (${LARGE_PLAN.organisations} orgs × ${LARGE_PLAN.roles} roles = ${cells.toLocaleString('en-GB')} cells × ${AGE_BAND_COUNT} age bands × ${years} years, ${LARGE_PLAN.pipelines.toLocaleString('en-GB')} pipelines of which ${progression} progression)`,
      ms: engine!.cpuMs,
      baselineName: 'the same arithmetic in bare typed-array loops',
      baselineMs: bare!.cpuMs,
      ratio: largeRatio,
      target: '< 100 ms and ≤ 3× baseline (CPU time)',
      pass: engine!.cpuMs < 100 && largeRatio <= 3,
      extra: wall(engine!, bare!),
    },
    {
      name: `Re-projection of the demo plan after one edited intake (${demo.workforce.length} cells, ${demo.pipelines.length} pipelines, ${demoYears} years)`,
      ms: demoEngine!.cpuMs,
      baselineName: 'the same arithmetic in bare typed-array loops',
      baselineMs: demoBare!.cpuMs,
      ratio: demoEngine!.cpuMs / demoBare!.cpuMs,
      target: '< 16 ms (CPU time)',
      pass: demoEngine!.cpuMs < 16,
      extra: wall(demoEngine!, demoBare!),
    },
  ]);
}
