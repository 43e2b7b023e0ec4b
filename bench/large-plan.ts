/**
 * A regional plan through the real handlers: 50 organisations × 200 roles, 2,000 pipelines with
 * ten years of intakes, two scenarios, built in a temporary folder through the services (the
 * path an import takes: one recorded change), then edited, projected and sent as the window
 * would ask, each figure beside a baseline measured in the same run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import v8 from 'node:v8';
import Database from 'better-sqlite3';
import type { Handlers } from '../src/shared/api/contract';
import type { ParsedSingleEdit } from '../src/shared/api/channels/edits';
import { projectScenario, type ScenarioInputs } from '../src/shared/model';
import { AppContext } from '../src/main/app-context';
import { recordChange } from '../src/main/db/changes';
import type { Db } from '../src/main/db/connection';
import { loadScenarioInputs } from '../src/main/db/repos/model-inputs';
import { ScriptedDialogs } from '../src/main/dialogs';
import { dispatch } from '../src/main/ipc/dispatch';
import { createHandlers } from '../src/main/ipc/handlers';
import { createDriver, createJoiner, createWorkforce, setJoinerFte, updateWorkforce } from '../src/main/services/inputs';
import { closeSession, createEmptyPlan } from '../src/main/services/plan-session';
import { createPipeline, setPipelineIntake, updatePipelineFields } from '../src/main/services/pipelines';
import { copyScenario } from '../src/main/services/scenarios';
import { generatePlan } from './generate';
import { machineLoad, type BenchResult } from './result';

const SIZE = { organisations: 50, roles: 200, years: 10, pipelines: 2000 };
const MB = 1024 * 1024;

/** Organisations and roles are the plan's reference data (an import maps onto them): written as they are. */
function writeReference(db: Db, inputs: ScenarioInputs): void {
  db.transaction(() => {
    const org = db.prepare('INSERT INTO organisation (id, code, name, kind, sort) VALUES (?, ?, ?, ?, ?)');
    inputs.organisations.forEach((o, i) => org.run(o.id, o.code, o.name, 'trust', i));
    const role = db.prepare('INSERT INTO role (id, code, name, staff_group, sort) VALUES (?, ?, ?, ?, ?)');
    inputs.roles.forEach((r, i) => role.run(r.id, r.code, r.name, r.staffGroup, i));
  })();
}

/** The whole plan through the services as one recorded change, then the second scenario as a copy; peak RSS sampled as it goes. */
function buildThroughServices(db: Db, inputs: ScenarioInputs): { peak: number } {
  let peak = process.memoryUsage().rss;
  let calls = 0;
  const sample = () => {
    if (++calls % 2000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
  };
  writeReference(db, inputs);
  recordChange(db, { source: 'import of generated plan', summary: 'Generated regional plan', scenarioId: 1 }, () => {
    for (const w of inputs.workforce) {
      createWorkforce(db, 1, w.orgId, w.roleId);
      updateWorkforce(db, 1, w.orgId, w.roleId, {
        fte: w.fte,
        headcount: w.headcount,
        establishment: w.establishment,
        ageProfile: w.ageProfile,
        leaverRate: w.leaverRate,
        retirementByBand: w.retirementByBand,
        agencyShare: w.agencyShare,
        agencyCostPerFte: w.agencyCostPerFte,
      });
      sample();
    }
    for (const p of inputs.pipelines) {
      const row = createPipeline(db, 1, { name: p.name, type: p.type, orgId: p.orgId, roleId: p.roleId });
      updatePipelineFields(db, row.id, {
        sourceRoleId: p.sourceRoleId,
        traineesLeaveSourceRole: p.traineesLeaveSourceRole,
        durationYears: p.durationYears,
        attrition: p.attrition,
        conversion: p.conversion,
        ftePerHead: p.ftePerHead,
        costPerLearnerYear: p.costPerLearnerYear,
        entrantAgeBand: p.entrantAgeBand,
      });
      for (const [year, heads] of Object.entries(p.intakes)) {
        setPipelineIntake(db, row.id, Number(year), heads);
        sample();
      }
    }
    for (const j of inputs.otherJoiners) {
      const row = createJoiner(db, 1, { kind: j.kind, orgId: j.orgId, roleId: j.roleId, entrantAgeBand: j.entrantAgeBand });
      for (const [year, fte] of Object.entries(j.fteByYear)) {
        setJoinerFte(db, row.id, Number(year), fte);
        sample();
      }
    }
    for (const d of inputs.growthDrivers)
      createDriver(db, 1, {
        name: d.name,
        growth: d.growth,
        startYear: d.startYear,
        endYear: d.endYear,
        orgId: d.orgId,
        roleId: d.roleId,
        staffGroup: d.staffGroup,
      });
  });
  copyScenario(db, 1, 'Scenario B');
  peak = Math.max(peak, process.memoryUsage().rss);
  return { peak };
}

/** The same rows written with bare prepared INSERTs in one transaction: no checks, no change log. */
export function buildBare(db: Db, inputs: ScenarioInputs): void {
  writeReference(db, inputs);
  db.transaction(() => {
    const base = db.prepare('INSERT INTO workforce_baseline (org_id, role_id, fte, headcount, establishment, age_profile) VALUES (?, ?, ?, ?, ?, ?)');
    const rate = db.prepare(
      'INSERT INTO workforce_rate (scenario_id, org_id, role_id, leaver_rate, retirement_by_band, agency_share, agency_cost_per_fte) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const pipe = db.prepare(
      `INSERT INTO pipeline (scenario_id, lineage_id, name, type, org_id, role_id, source_role_id, trainees_leave_source, duration_years, attrition, conversion, fte_per_head, cost_per_learner_year, entrant_age_band, sort)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const intake = db.prepare('INSERT INTO pipeline_intake (pipeline_id, year, heads) VALUES (?, ?, ?)');
    const joiner = db.prepare('INSERT INTO other_joiner (scenario_id, kind, org_id, role_id, entrant_age_band) VALUES (?, ?, ?, ?, ?)');
    const fte = db.prepare('INSERT INTO other_joiner_fte (other_joiner_id, year, fte) VALUES (?, ?, ?)');
    const scenario2 = Number(db.prepare("INSERT INTO scenario (name) VALUES ('Scenario B')").run().lastInsertRowid);
    for (const w of inputs.workforce) base.run(w.orgId, w.roleId, w.fte, w.headcount, w.establishment, JSON.stringify(w.ageProfile));
    for (const s of [1, scenario2]) {
      for (const w of inputs.workforce) rate.run(s, w.orgId, w.roleId, w.leaverRate, JSON.stringify(w.retirementByBand), w.agencyShare, w.agencyCostPerFte);
      inputs.pipelines.forEach((p, i) => {
        const id = Number(
          pipe.run(
            s,
            p.id,
            p.name,
            p.type,
            p.orgId,
            p.roleId,
            p.sourceRoleId,
            p.traineesLeaveSourceRole ? 1 : 0,
            p.durationYears,
            p.attrition,
            p.conversion,
            p.ftePerHead,
            p.costPerLearnerYear,
            p.entrantAgeBand,
            i,
          ).lastInsertRowid,
        );
        for (const [year, heads] of Object.entries(p.intakes)) intake.run(id, Number(year), heads);
      });
      for (const j of inputs.otherJoiners) {
        const id = Number(joiner.run(s, j.kind, j.orgId, j.roleId, j.entrantAgeBand).lastInsertRowid);
        for (const [year, v] of Object.entries(j.fteByYear)) fte.run(id, Number(year), v);
      }
    }
  })();
}

async function call(handlers: Handlers, channel: string, payload: unknown): Promise<unknown> {
  const envelope = await dispatch(handlers, channel, payload);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  return envelope;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1]!;
};

/** Per-edit times of `n` single intake edits through the handler, cycling over the scenario's pipelines and years. */
async function intakeEdits(handlers: Handlers, pipelineIds: number[], years: number[], n: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const pipelineId = pipelineIds[(i * 7919) % pipelineIds.length]!;
    const year = years[i % years.length]!;
    const t0 = performance.now();
    await call(handlers, 'pipelines/set-intake', { pipelineId, year, heads: (i % 50) + 1 });
    times.push(performance.now() - t0);
  }
  return times;
}

function openContext(dir: string, file: string): { ctx: AppContext; handlers: Handlers } {
  const ctx = new AppContext({ userDataDir: path.join(dir, 'user-data'), dialogs: new ScriptedDialogs(), appVersion: 'bench', autoBackup: false });
  ctx.openPath(file);
  return { ctx, handlers: createHandlers(ctx) };
}

const fmtMs = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;

export async function benchLargePlan(): Promise<BenchResult[]> {
  const out: BenchResult[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-bench-large-'));
  try {
    const inputs = generatePlan(SIZE);
    const file = path.join(dir, 'regional.wfplan');
    const bareFile = path.join(dir, 'bare.wfplan');

    // 1. Create: through the services, and the bare rows.
    (globalThis as { gc?: () => void }).gc?.();
    const rss0 = process.memoryUsage().rss;
    let t0 = performance.now();
    const session = createEmptyPlan(file, 'Regional plan', inputs.baseYear, inputs.horizonYear);
    const { peak } = buildThroughServices(session.db, inputs);
    closeSession(session);
    const createMs = performance.now() - t0;
    t0 = performance.now();
    const bare = createEmptyPlan(bareFile, 'Bare plan', inputs.baseYear, inputs.horizonYear);
    buildBare(bare.db, inputs);
    closeSession(bare);
    const bareMs = performance.now() - t0;
    const sizeMb = fs.statSync(file).size / MB;
    out.push({
      name: `Build the plan through the services (${inputs.workforce.length.toLocaleString('en-GB')} cells, ${inputs.pipelines.length.toLocaleString('en-GB')} pipelines × ${Object.keys(inputs.pipelines[0]!.intakes).length} intakes, two scenarios; ${sizeMb.toFixed(0)} MB)`,
      ms: createMs,
      baselineName: 'bare INSERTs of the same rows',
      baselineMs: bareMs,
      ratio: createMs / bareMs,
      target: '< 30 s and < 1 GB',
      pass: createMs < 30_000 && peak < 1024 * MB,
      extra: `peak RSS ${(peak / MB).toFixed(0)} MB (${((peak - rss0) / MB).toFixed(0)} MB above the start) ${machineLoad()}`,
    });

    // 2. Edits: 10,000 single intake edits, each its own committed change, against the demo plan's.
    const { ctx, handlers } = openContext(dir, file);
    const pipelineIds = (ctx.db.prepare('SELECT id FROM pipeline WHERE scenario_id = 1 ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const years = Array.from({ length: 10 }, (_v, i) => inputs.baseYear + i);
    const edits = await intakeEdits(handlers, pipelineIds, years, 10_000);
    const demo = new AppContext({ userDataDir: path.join(dir, 'demo-data'), dialogs: new ScriptedDialogs(), appVersion: 'bench', autoBackup: false });
    demo.openAtStartup();
    const demoHandlers = createHandlers(demo);
    const demoPipelines = (demo.db.prepare('SELECT id FROM pipeline WHERE scenario_id = 1 ORDER BY id').all() as { id: number }[]).map((r) => r.id);
    const demoYears = Array.from({ length: 10 }, (_v, i) => demo.info().baseYear + i);
    const demoEdits = await intakeEdits(demoHandlers, demoPipelines, demoYears, 1000);
    const first = median(edits.slice(0, 1000));
    const last = median(edits.slice(-1000));
    const demoMedian = median(demoEdits);
    out.push({
      name: '10,000 single intake edits through the handler (median of the last 1,000)',
      ms: last,
      baselineName: 'the same edit on the demo plan',
      baselineMs: demoMedian,
      ratio: last / demoMedian,
      target: 'flat: last 1,000 ≤ 1.5× first 1,000 and ≤ 2× the demo plan',
      pass: last <= 1.5 * first && last <= 2 * demoMedian,
      extra: `first 1,000 ${fmtMs(first)}, last 1,000 ${fmtMs(last)}; slowest 1 % ${fmtMs(median(edits.sort((a, b) => a - b).slice(-100)))}; every edit is committed to disk`,
    });

    // 3. Projection: an intake edit, then the dashboard's summary, beside the bare engine on the loaded inputs.
    const db = ctx.db;
    t0 = performance.now();
    await call(handlers, 'projection/summary', { scenarioId: 1 });
    const coldMs = performance.now() - t0;
    const loaded = loadScenarioInputs(db, 1);
    let k = 0;
    const cpuNow = () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    };
    const timed = async (fn: () => unknown): Promise<{ wall: number; cpu: number }> => {
      const c0 = cpuNow();
      const w0 = performance.now();
      await fn();
      return { wall: performance.now() - w0, cpu: cpuNow() - c0 };
    };
    const summaryTimes: { wall: number; cpu: number }[] = [];
    const engineTimes: { wall: number; cpu: number }[] = [];
    for (let r = 0; r < 21; r++) {
      k++;
      await call(handlers, 'pipelines/set-intake', {
        pipelineId: pipelineIds[(k * 104729) % pipelineIds.length]!,
        year: years[k % years.length]!,
        heads: k % 40,
      });
      summaryTimes.push(await timed(() => call(handlers, 'projection/summary', { scenarioId: 1 })));
      engineTimes.push(await timed(() => projectScenario(loaded)));
    }
    const summaryMs = median(summaryTimes.map((x) => x.cpu));
    const engineMs = median(engineTimes.map((x) => x.cpu));
    out.push({
      name: 'Project after an intake edit: projection/summary through the handler (kept inputs, reachable cells only), CPU time',
      ms: summaryMs,
      baselineName: 'the bare engine on loaded inputs, CPU time',
      baselineMs: engineMs,
      ratio: summaryMs / engineMs,
      target: '< 50 ms',
      pass: summaryMs < 50,
      extra: `wall-clock ${fmtMs(median(summaryTimes.map((x) => x.wall)))} against ${fmtMs(median(engineTimes.map((x) => x.wall)))} (the difference is waiting for a core); first projection after opening (load and project all): ${fmtMs(coldMs)}`,
    });
    // Switching scenario: the other scenario is loaded once, then kept as well.
    t0 = performance.now();
    await call(handlers, 'projection/summary', { scenarioId: 2 });
    const switchCold = performance.now() - t0;
    const switches: { wall: number; cpu: number }[] = [];
    for (let r = 0; r < 11; r++) switches.push(await timed(() => call(handlers, 'projection/summary', { scenarioId: 1 + (r % 2) })));
    const switchMs = median(switches.map((x) => x.cpu));
    out.push({
      name: 'Switch scenario: projection/summary of the other scenario once both are kept, CPU time',
      ms: switchMs,
      baselineName: 'the bare engine on loaded inputs, CPU time',
      baselineMs: engineMs,
      ratio: switchMs / engineMs,
      target: '< 50 ms',
      pass: switchMs < 50,
      extra: `wall-clock ${fmtMs(median(switches.map((x) => x.wall)))}; first visit of the second scenario (load and project all): ${fmtMs(switchCold)}`,
    });

    // 4. What crosses IPC, measured with V8's serializer (the structured clone Electron uses).
    const size = (v: unknown) => v8.serialize(v).length;
    const summarySize = size(await call(handlers, 'projection/summary', { scenarioId: 1 }));
    const rowsSize = size(
      await call(handlers, 'projection/rows', {
        scenarioId: 1,
        series: [
          'opening',
          'leavers',
          'retirements',
          'progressionOut',
          'qualified',
          'otherJoiners',
          'closing',
          'closingHeadcount',
          'demand',
          'gap',
          'vacancyRate',
          'agencyCost',
        ],
        offset: 0,
        limit: 200,
      }),
    );
    t0 = performance.now();
    const runEnvelope = await call(handlers, 'projection/run', { scenarioId: 1 });
    const runMs = performance.now() - t0;
    const runSize = size(runEnvelope);
    const largest = Math.max(summarySize, rowsSize);
    out.push({
      name: `Largest message for a view: the dashboard's summary ${(summarySize / 1024).toFixed(0)} KB, 200 grid rows × 12 series × 10 years ${(rowsSize / 1024).toFixed(0)} KB`,
      unit: 'KB',
      ms: largest / 1024,
      baselineName: `the whole projection (projection/run, ${fmtMs(runMs)})`,
      baselineMs: runSize / 1024,
      ratio: largest / runSize,
      target: '< 1 MB',
      pass: largest < MB,
    });

    // 5. A paste of 1,000 intake cells as one change, beside the same rows written bare.
    const pasteEdits: ParsedSingleEdit[] = Array.from({ length: 1000 }, (_v, i) => ({
      channel: 'pipelines/set-intake',
      input: { pipelineId: pipelineIds[i % 100]!, year: years[Math.floor(i / 100)]!, heads: (i % 30) + 1 },
      at: { row: `row ${(i % 100) + 1}`, column: String(years[Math.floor(i / 100)]) },
    }));
    t0 = performance.now();
    await call(handlers, 'edits/apply', { view: 'Pipelines', scenarioId: 1, edits: pasteEdits });
    const pasteMs = performance.now() - t0;
    const raw = new Database(bareFile);
    const upsert = raw.prepare(
      'INSERT INTO pipeline_intake (pipeline_id, year, heads) VALUES (?, ?, ?) ON CONFLICT (pipeline_id, year) DO UPDATE SET heads = excluded.heads',
    );
    t0 = performance.now();
    raw.transaction(() => {
      for (const e of pasteEdits) if (e.channel === 'pipelines/set-intake') upsert.run(e.input.pipelineId, e.input.year, e.input.heads);
    })();
    const rawMs = performance.now() - t0;
    raw.close();
    t0 = performance.now();
    await call(handlers, 'projection/summary', { scenarioId: 1 });
    const afterPaste = performance.now() - t0;
    out.push({
      name: 'Paste 1,000 intake cells (100 pipelines × 10 years) through edits/apply, one undoable change',
      ms: pasteMs,
      baselineName: 'bare upserts of the same cells',
      baselineMs: rawMs,
      ratio: pasteMs / rawMs,
      target: '< 1 s',
      pass: pasteMs < 1000,
      extra: `then projection/summary: ${fmtMs(afterPaste)}`,
    });
    ctx.close();
    demo.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
