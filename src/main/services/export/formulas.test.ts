/**
 * The live-formula workbook recalculated by headless LibreOffice equals the engine: every
 * projected cell (projection, bridge, pipelines) within 1e-9, for the demo plan and for plans
 * generated with a seeded generator (progression pipelines that leave or stay in their role and
 * compete for one source, fractional course lengths, intakes before the base year, joiners,
 * scoped growth drivers, demand changes).
 *
 * LibreOffice writes results with 15 significant digits, too few to compare £ millions to 1e-9
 * from outside. So the expected values go INTO the recalculated workbook (a Check sheet: the
 * sheet's cell minus the engine's value) and LibreOffice computes each difference at full
 * double precision.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AGE_BAND_COUNT, type ScenarioInputs } from '../../../shared/model/types';
import { demoSession } from '../../../../tests/support/plans';
import { tempDir } from '../../../../tests/support/temp';
import { listScenarios } from '../../db/repos/scenarios';
import { runScenario } from '../projection';
import { bridgeLines, loadBoard, type ScenarioBook } from './board';
import { addFormulaModel, formulaBridge, formulaPipelines, formulaProjection } from './formulas';
import { exportBoard } from './index';
import { recalculate } from './recalc';
import { bookFromInputs } from './book';

interface Expect {
  sheet: string;
  row: number;
  col: number;
  value: number;
  what: string;
}

const PROJECTION_METRICS = ['closing', 'demand', 'gap', 'vacancyRate', 'closingHeadcount', 'agencyCost'] as const;

/** Where each projected number sits in the formula sheets, with the engine's value for it. */
function expectations(wb: ExcelJS.Workbook, book: ScenarioBook, names = { projection: 'Projection', bridge: 'Bridge', pipelines: 'Pipelines' }): Expect[] {
  const out: Expect[] = [];
  const years = book.result.years;
  const text = (c: ExcelJS.Cell) => (typeof c.value === 'string' ? c.value : null);
  const findRows = (sheet: string) => {
    const ws = wb.getWorksheet(sheet)!;
    const rows: ExcelJS.Row[] = [];
    ws.eachRow((r) => rows.push(r));
    return rows;
  };
  // Projection: rows in engine order after the header.
  const proj = findRows(names.projection);
  const head = proj.find((r) => text(r.getCell(1)) === 'Organisation')!.number;
  book.result.cells.forEach((c, i) =>
    years.forEach((y, t) =>
      PROJECTION_METRICS.forEach((m, j) => out.push({ sheet: names.projection, row: head + 1 + i * years.length + t, col: 4 + j, value: c[m][t]!, what: `${m} cell ${i} ${y}` })),
    ),
  );
  // Bridge: find each role's lines by their labels.
  const bridge = findRows(names.bridge);
  for (const role of book.inputs.roles) {
    if (!book.result.cells.some((c) => c.roleId === role.id)) continue;
    for (const line of bridgeLines(book, role.id)) {
      const row = bridge.find((r) => text(r.getCell(1)) === role.name && text(r.getCell(2)) === line.label);
      expect(row, `${role.name} ${line.label}`).toBeDefined();
      line.values.forEach((v, t) => out.push({ sheet: names.bridge, row: row!.number, col: 3 + t, value: v, what: `bridge ${role.name} ${line.label} ${years[t]}` }));
    }
  }
  // Pipelines: intake, completers, joined, cost.
  const pipes = findRows(names.pipelines);
  book.inputs.pipelines.forEach((p, k) => {
    const r = book.result.pipelines[k]!;
    const measures: [string, number[]][] = [
      ['Intake (heads)', years.map((y) => p.intakes[y] ?? 0)],
      ['Completers (heads)', r.completers],
      ['Joined (FTE)', r.joinedFte],
      ['Training cost (£)', r.trainingCost],
    ];
    for (const [label, values] of measures) {
      const row = pipes.find((x) => text(x.getCell(1)) === p.name && text(x.getCell(4)) === label)!;
      values.forEach((v, t) => out.push({ sheet: names.pipelines, row: row.number, col: 5 + t, value: v, what: `${p.name} ${label} ${years[t]}` }));
    }
  });
  return out;
}

/** Adds the Check sheet, recalculates in LibreOffice, and returns the differences that fail. */
async function recalculatedDifferences(wb: ExcelJS.Workbook, checks: Expect[]): Promise<string[]> {
  const ws = wb.addWorksheet('Check');
  checks.forEach((c, k) => {
    const addr = `'${c.sheet}'!${ws.getCell(c.row, c.col).address.replace(/\d+$/, '')}${c.row}`.replace(/!([A-Z]+)\d+$/, (_m, letters: string) => `!${letters}${c.row}`);
    ws.getCell(k + 1, 2).value = c.value;
    ws.getCell(k + 1, 1).value = { formula: `${addr}-B${k + 1}` };
  });
  const file = path.join(tempDir(), 'check.xlsx');
  await wb.xlsx.writeFile(file);
  const sheets = await recalculate(file);
  const got = sheets.get('Check')!;
  const bad: string[] = [];
  checks.forEach((c, k) => {
    const d = got[k]?.[0];
    if (typeof d !== 'number' || !(Math.abs(d) < 1e-9)) bad.push(`${c.what}: ${c.sheet}!R${c.row}C${c.col} differs by ${String(d)} (engine ${c.value})`);
  });
  return bad;
}

/** mulberry32: a small seeded generator, so a failing plan can be rebuilt from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePlan(seed: number): ScenarioInputs {
  const r = rng(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const num = (lo: number, hi: number) => lo + (hi - lo) * r();
  const baseYear = 2019;
  const horizonYear = baseYear + 4 + Math.floor(r() * 5);
  const organisations = [1, 2, 3].map((id) => ({ id, code: `O${id}`, name: `Org ${id}` }));
  const roles = [1, 2, 3, 4].map((id) => ({ id, code: `R${id}`, name: `Role ${id}`, staffGroup: id <= 2 ? 'Nursing' : 'Support' }));
  const workforce: ScenarioInputs['workforce'] = [];
  for (const o of organisations)
    for (const ro of roles) {
      if (r() < 0.2) continue;
      const fte = r() < 0.1 ? 0 : num(1, 400);
      workforce.push({
        orgId: o.id,
        roleId: ro.id,
        fte,
        headcount: fte === 0 ? 0 : fte / num(0.6, 1),
        establishment: num(0, 450),
        ageProfile: r() < 0.15 ? new Array<number>(AGE_BAND_COUNT).fill(0) : Array.from({ length: AGE_BAND_COUNT }, () => (r() < 0.2 ? 0 : r())),
        leaverRate: num(0, 0.2),
        retirementByBand: Array.from({ length: AGE_BAND_COUNT }, (_, b) => (b >= 6 ? num(0, 0.9) : num(0, 0.02))),
        agencyShare: num(0, 1),
        agencyCostPerFte: num(20000, 90000),
      });
    }
  const intakes = () => {
    const out: Record<number, number> = {};
    for (let y = baseYear - 4; y <= horizonYear; y++) if (r() < 0.7) out[y] = Math.round(num(0, 60) * 4) / 4;
    return out;
  };
  const pipelines: ScenarioInputs['pipelines'] = Array.from({ length: 3 + Math.floor(r() * 4) }, (_, k) => {
    const progression = r() < 0.45;
    const roleId = pick(roles).id;
    return {
      id: 100 + k,
      name: `Pipeline ${k + 1}`,
      type: progression ? 'progression' : pick(['university', 'apprenticeship', 'international'] as const),
      orgId: pick(organisations).id,
      roleId,
      sourceRoleId: progression ? pick(roles.filter((x) => x.id !== roleId)).id : null,
      traineesLeaveSourceRole: r() < 0.5,
      durationYears: pick([0, 0.5, 1, 1.5, 2, 2.25, 3, 4]),
      attrition: num(0, 0.4),
      conversion: num(0.5, 1),
      ftePerHead: num(0.5, 1.2),
      costPerLearnerYear: num(0, 20000),
      entrantAgeBand: Math.floor(r() * AGE_BAND_COUNT),
      intakes: intakes(),
    };
  });
  const otherJoiners: ScenarioInputs['otherJoiners'] = Array.from({ length: Math.floor(r() * 3) }, (_, k) => {
    const fteByYear: Record<number, number> = {};
    for (let y = baseYear; y <= horizonYear; y++) if (r() < 0.6) fteByYear[y] = num(0, 20);
    return { id: 200 + k, kind: pick(['international', 'return-to-practice', 'labour-market'] as const), orgId: pick(organisations).id, roleId: pick(roles).id, entrantAgeBand: Math.floor(r() * AGE_BAND_COUNT), fteByYear };
  });
  const growthDrivers: ScenarioInputs['growthDrivers'] = Array.from({ length: Math.floor(r() * 4) }, (_, k) => {
    const startYear = baseYear + Math.floor(r() * 3);
    return {
      id: 300 + k,
      name: `Driver ${k + 1}`,
      growth: num(-0.1, 0.3),
      startYear,
      endYear: startYear + Math.floor(r() * 5),
      orgId: r() < 0.3 ? pick(organisations).id : null,
      roleId: r() < 0.3 ? pick(roles).id : null,
      staffGroup: r() < 0.3 ? pick(['Nursing', 'Support']) : null,
    };
  });
  const demandChanges: ScenarioInputs['demandChanges'] = Array.from({ length: Math.floor(r() * 4) }, (_, k) => ({
    id: 400 + k,
    orgId: pick(organisations).id,
    roleId: pick(roles).id,
    year: baseYear - 1 + Math.floor(r() * 6),
    deltaFte: num(-30, 60),
  }));
  return { baseYear, horizonYear, organisations, roles, workforce, pipelines, otherJoiners, growthDrivers, demandChanges };
}

const bookOf = (inputs: ScenarioInputs): ScenarioBook => bookFromInputs(inputs);

describe('live formulas, recalculated by LibreOffice', () => {
  it('reproduce the engine for the demo plan, exported end to end', { timeout: 300_000 }, async () => {
    const session = demoSession();
    const plan = listScenarios(session.db).find((s) => s.name === 'Our Dorset plan')!;
    const target = path.join(tempDir(), 'board.xlsx');
    const options = { scenarioIds: [plan.id], sheets: ['summary', 'bridge', 'projection', 'pipelines', 'assumptions'] as const, measures: ['fte', 'headcount'] as const, suppressBelow: null, formulas: true };
    await exportBoard(session.db, { ...options, sheets: [...options.sheets], measures: [...options.measures], target, planFile: session.path, readOnly: false, appVersion: 'test' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    expect(wb.worksheets.filter((w) => w.state === 'hidden').map((w) => w.name)).toEqual(['Calc bands', 'Calc cells', 'Calc pipelines', 'Calc demand']);
    const book = loadBoard(session.db, { ...options, sheets: [...options.sheets], measures: [...options.measures] })[0]!;
    expect(book.result).toEqual(runScenario(session.db, plan.id).result);
    const checks = expectations(wb, book);
    expect(checks.length).toBeGreaterThan(5000);
    expect(await recalculatedDifferences(wb, checks)).toEqual([]);
  });

  for (const seed of [1, 2, 3]) {
    it(`reproduce the engine for generated plan ${seed}`, { timeout: 300_000 }, async () => {
      const inputs = generatePlan(seed);
      const book = bookOf(inputs);
      const wb = new ExcelJS.Workbook();
      const taken = new Set<string>();
      const model = addFormulaModel(wb, taken, book, '');
      formulaBridge(wb, taken, book, model, 'Bridge');
      formulaProjection(wb, taken, book, model, 'Projection', ['fte', 'headcount']);
      formulaPipelines(wb, taken, book, model, 'Pipelines');
      // The plan exercises what it should: progression of both kinds, caps, fractional courses.
      expect(inputs.pipelines.some((p) => p.sourceRoleId !== null)).toBe(true);
      const checks = expectations(wb, book);
      expect(await recalculatedDifferences(wb, checks)).toEqual([]);
    });
  }

  it('flow when an analyst changes an input: doubling a leaver rate changes supply', { timeout: 300_000 }, async () => {
    const inputs = generatePlan(4);
    const book = bookOf(inputs);
    const wb = new ExcelJS.Workbook();
    const taken = new Set<string>();
    const model = addFormulaModel(wb, taken, book, '');
    formulaBridge(wb, taken, book, model, 'Bridge');
    formulaProjection(wb, taken, book, model, 'Projection', ['fte', 'headcount']);
    formulaPipelines(wb, taken, book, model, 'Pipelines');
    // Change the first cell's leaver rate on Inputs, and expect what the engine says for that.
    const ws = wb.getWorksheet('Inputs')!;
    let rateCell: ExcelJS.Cell | null = null;
    ws.eachRow((row) => {
      if (!rateCell && row.getCell(1).value === 1 && typeof row.getCell(2).value === 'string' && row.getCell(10).type === ExcelJS.ValueType.Number) rateCell = row.getCell(10);
    });
    expect(rateCell).not.toBeNull();
    const changed = structuredClone(inputs);
    const first = bookOf(inputs).result.cells[0]!;
    const w = changed.workforce.find((x) => x.orgId === first.orgId && x.roleId === first.roleId)!;
    w.leaverRate = Math.min(1, w.leaverRate * 2 + 0.05);
    rateCell!.value = w.leaverRate;
    const after = bookOf(changed);
    expect(after.result.cells[0]!.closing.at(-1)).not.toBeCloseTo(first.closing.at(-1)!, 3);
    expect(await recalculatedDifferences(wb, expectations(wb, after))).toEqual([]);
  });
});


