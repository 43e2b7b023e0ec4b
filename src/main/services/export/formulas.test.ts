/**
 * The live-formula workbook recalculated by headless LibreOffice equals the engine: every
 * projected number (Projection with its subtotals, Bridge, Pipelines) and every number on the
 * Summary (headline figures, targets, system totals, shortage roles, biggest gaps) within 1e-9
 * (relative to the number's size), and the Summary's words (status, shortage, worst year) exactly;
 * for the demo plan, and for plans generated with a seeded generator (progression pipelines that
 * leave or stay in their role and compete for one source, fractional course lengths, intakes
 * before the base year, joiners, scoped growth drivers, demand changes). Every formula carries the
 * value the app computed.
 *
 * LibreOffice writes results with 15 significant digits, too few to compare £ millions to 1e-9
 * from outside. So the expected values go INTO the recalculated workbook (a Check sheet: the
 * sheet's cell minus the engine's value) and LibreOffice computes each difference at full
 * double precision. The LibreOffice profile is set to recalculate every formula on loading.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import { yearLabel } from '../../../shared/format';
import { biggestGaps, criteriaMet } from '../../../shared/model';
import type { ScenarioInputs } from '../../../shared/model/types';
import { closeSession, createDemoPlan, type PlanSession } from '../plan-session';
import { generatePlan } from '../../../../tests/support/generated-plans';
import { tempDir } from '../../../../tests/support/temp';
import { listScenarios } from '../../db/repos/scenarios';
import { runScenario } from '../projection';
import { boardBytes, buildBoardWorkbook, loadBoard, planFacts, type BoardOptions, type PlanFacts, type ScenarioBook } from './board';
import { expectations, failures, rowsOf, text, withChecks, type Expect, type ExpectText } from '../../../../tests/support/live-workbook';
import { bookFromInputs } from './book';
import { exportBoard } from './index';
import { recalculateAll } from './recalc';

const RAG_WORDS = { green: 'Green: met', amber: 'Amber: close', red: 'Red: missed', unknown: 'Not set' } as const;

/** The Summary's numbers and words, from the engine. */
function summaryExpectations(wb: ExcelJS.Workbook, book: ScenarioBook, plan: PlanFacts): { numbers: Expect[]; words: ExpectText[] } {
  const numbers: Expect[] = [];
  const words: ExpectText[] = [];
  const rows = rowsOf(wb, 'Summary');
  const years = book.result.years;
  const last = years.length - 1;
  const t = book.result.totals;
  const find = (label: string, after = 0) => {
    const r = rows.find((x) => x.number > after && text(x.getCell(1)) === label);
    expect(r, label).toBeDefined();
    return r!.number;
  };
  const sum = (xs: number[]) => xs.reduce((a, v) => a + v, 0);
  const num = (row: number, col: number, value: number, what: string) => numbers.push({ sheet: 'Summary', row, col, value, what });
  const horizon = yearLabel(years[last]!);
  const span = `${yearLabel(years[0]!)} to ${horizon}`;
  num(find(`Supply in ${horizon} (FTE)`), 2, t.closing[last]!, 'headline supply');
  num(find(`Demand in ${horizon} (FTE)`), 2, t.demand[last]!, 'headline demand');
  num(find(`Supply − demand in ${horizon} (FTE)`), 2, -t.gap[last]!, 'headline supply − demand');
  num(find(`Agency cost implied by the shortfall, ${span} (£)`), 2, sum(t.agencyCost), 'headline agency cost');
  num(find(`Training cost, ${span} (£)`), 2, sum(t.trainingCost), 'headline training cost');
  const totals = find('System totals by year');
  years.forEach((y, i) => {
    num(find('Supply (FTE)', totals), 2 + i, t.closing[i]!, `supply ${y}`);
    num(find('Demand (FTE)', totals), 2 + i, t.demand[i]!, `demand ${y}`);
    num(find('Supply − demand (FTE)', totals), 2 + i, t.closing[i]! - t.demand[i]!, `supply − demand ${y}`);
    num(find('Agency cost implied by the shortfall (£)', totals), 2 + i, t.agencyCost[i]!, `agency ${y}`);
    num(find('Training cost (£)', totals), 2 + i, t.trainingCost[i]!, `training ${y}`);
  });
  const targets = find('Targets');
  for (const target of plan.targets) {
    const p = book.result.targets.find((x) => x.targetId === target.id)!;
    const row = find(target.name, targets);
    if (p.projected !== null) num(row, 4, p.projected, `target ${target.name}`);
    words.push({ sheet: 'Summary', row, col: 5, text: RAG_WORDS[p.status], what: `status of ${target.name}` });
  }
  const roleName = new Map(book.inputs.roles.map((r) => [r.id, r.name]));
  const shortage = find('Shortage roles');
  for (const s of book.result.shortage) {
    const row = find(roleName.get(s.roleId)!, shortage);
    num(row, 2, s.peakVacancyRate, `peak vacancy ${s.roleId}`);
    num(row, 4, s.leaverRate, `leaver rate ${s.roleId}`);
    num(row, 5, s.aged55PlusShare, `aged 55+ ${s.roleId}`);
    words.push({ sheet: 'Summary', row, col: 3, text: yearLabel(s.peakVacancyYear), what: `peak year ${s.roleId}` });
    words.push({ sheet: 'Summary', row, col: 6, text: s.isShortage ? 'Shortage' : 'No', what: `shortage ${s.roleId}` });
    words.push({ sheet: 'Summary', row, col: 7, text: criteriaMet(s.met), what: `criteria ${s.roleId}` });
  }
  const gapsHead = find('Biggest gaps: each organisation and role at its largest shortfall') + 1;
  const orgName = new Map(book.inputs.organisations.map((o) => [o.id, o.name]));
  const gaps = biggestGaps(book.result.cells, 10);
  expect(gaps.length).toBeGreaterThan(0);
  gaps.forEach((g, k) => {
    const row = gapsHead + 1 + k;
    const c = book.result.cells[g.cellIndex]!;
    const i = g.yearIndex;
    words.push({ sheet: 'Summary', row, col: 1, text: `${roleName.get(c.roleId)}, ${orgName.get(c.orgId)}`, what: `gap ${k + 1} label` });
    words.push({ sheet: 'Summary', row, col: 2, text: yearLabel(years[i]!), what: `gap ${k + 1} year` });
    num(row, 3, c.closing[i]!, `gap ${k + 1} supply`);
    num(row, 4, c.demand[i]!, `gap ${k + 1} demand`);
    num(row, 5, c.closing[i]! - c.demand[i]!, `gap ${k + 1} supply − demand`);
    num(row, 6, c.vacancyRate[i]!, `gap ${k + 1} vacancy`);
    num(row, 7, c.agencyCost[i]!, `gap ${k + 1} agency`);
  });
  return { numbers, words };
}

const PLAN: PlanFacts = {
  name: 'Generated',
  baseYear: 2019,
  horizonYear: 2028,
  targets: [],
  criteria: { vacancyRateAbove: 0.1, leaverRateAbove: 0.1, aged55PlusAbove: null, mode: 'any' },
};
const LIVE: BoardOptions = {
  scenarioIds: [1],
  sheets: ['summary', 'bridge', 'projection', 'pipelines'],
  measures: ['fte', 'headcount'],
  suppressBelow: null,
  formulas: true,
};

/** A generated plan's live workbook, built by the same code as an export (no charts). */
async function generatedWorkbook(inputs: ScenarioInputs): Promise<{ wb: ExcelJS.Workbook; book: ScenarioBook }> {
  const book = bookFromInputs(inputs, { id: 1, name: 'Generated', description: '' }, null, PLAN.criteria);
  const built = buildBoardWorkbook({ ...PLAN, baseYear: inputs.baseYear, horizonYear: inputs.horizonYear }, [book], LIVE, {
    appVersion: 'test',
    planHash: '0'.repeat(64),
    planFile: 'generated',
    now: new Date(0),
  });
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await boardBytes(built)) as unknown as ExcelJS.Buffer);
  return { wb, book };
}

/** The demo's live workbook, exported once for the tests below (an export takes seconds). */
let demo: { session: PlanSession; plan: { id: number }; target: string; dir: string; options: BoardOptions } | null = null;
async function demoExport() {
  if (demo) return demo;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-live-'));
  const session = createDemoPlan(path.join(dir, 'demo.wfplan'));
  const plan = listScenarios(session.db).find((s) => s.name === 'Our Dorset plan')!;
  const target = path.join(dir, 'board.xlsx');
  const options: BoardOptions = { ...LIVE, scenarioIds: [plan.id], sheets: [...LIVE.sheets, 'assumptions'] };
  await exportBoard(session.db, { ...options, target, planFile: session.path, readOnly: false, appVersion: 'test' });
  demo = { session, plan, target, dir, options };
  return demo;
}
afterAll(() => {
  if (!demo) return;
  closeSession(demo.session);
  fs.rmSync(demo.dir, { recursive: true, force: true });
});

describe('live formulas, recalculated by LibreOffice', () => {
  it('reproduce the engine, Summary included, for the demo plan exported end to end and for generated plans', { timeout: 600_000 }, async () => {
    const { session, plan, target, options } = await demoExport();
    const dir = tempDir();
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      'Cover',
      'Summary',
      'Inputs',
      'Lists',
      'Calc bands',
      'Calc cells',
      'Calc pipelines',
      'Calc demand',
      'Calc summary',
      'Bridge',
      'Projection',
      'Pipelines',
      'Assumptions',
    ]);
    expect(wb.worksheets.filter((w) => w.state === 'hidden').map((w) => w.name)).toEqual([
      'Lists',
      'Calc bands',
      'Calc cells',
      'Calc pipelines',
      'Calc demand',
      'Calc summary',
    ]);
    const book = loadBoard(session.db, options)[0]!;
    expect(book.result).toEqual(runScenario(session.db, plan.id).result);
    const checks = expectations(wb, book, options.measures);
    expect(checks.length).toBeGreaterThan(5000);
    const { numbers, words } = summaryExpectations(wb, book, planFacts(session.db));
    expect(numbers.length).toBeGreaterThan(100);
    const files = [path.join(dir, 'demo-check.xlsx')];
    await withChecks(wb, [...checks, ...numbers], files[0]!);

    // Generated plans, in the same LibreOffice run.
    const generated: { book: ScenarioBook; checks: Expect[]; words: ExpectText[] }[] = [];
    for (const seed of [1, 2, 3]) {
      const inputs = generatePlan(seed);
      // The plans exercise what they should: progression of both kinds, caps, fractional courses.
      if (seed === 1) expect(inputs.pipelines.some((p) => p.sourceRoleId !== null)).toBe(true);
      const g = await generatedWorkbook(inputs);
      const c = expectations(g.wb, g.book, LIVE.measures);
      const s = summaryExpectations(g.wb, g.book, PLAN);
      const file = path.join(dir, `generated-${seed}.xlsx`);
      await withChecks(g.wb, [...c, ...s.numbers], file);
      files.push(file);
      generated.push({ book: g.book, checks: [...c, ...s.numbers], words: s.words });
    }
    const recalculated = await recalculateAll(files);
    expect(failures(recalculated[0]!, [...checks, ...numbers], words)).toEqual([]);
    generated.forEach((g, i) => expect(failures(recalculated[i + 1]!, g.checks, g.words), `generated plan ${i + 1}`).toEqual([]));
    // The Check sheet was recalculated (its formulas carry no cached value), and a wrong word shows.
    expect(typeof recalculated[0]!.get('Check')![0]![0]).toBe('number');
    expect(failures(recalculated[0]!, [], [{ ...words[0]!, text: 'something else' }])).toHaveLength(1);
  });
});

describe('the values cached beside the formulas', () => {
  it('are there for every formula cell, and are the engine’s numbers', { timeout: 300_000 }, async () => {
    const { session, plan, target } = await demoExport();
    const read = XLSX.read(fs.readFileSync(target), { cellFormula: true, sheetStubs: true });
    let formulas = 0;
    const missing: string[] = [];
    for (const name of read.SheetNames) {
      const ws = read.Sheets[name]!;
      for (const [addr, cell] of Object.entries(ws)) {
        if (addr.startsWith('!')) continue;
        const c = cell as XLSX.CellObject;
        if (c.f === undefined) continue;
        formulas++;
        if (c.v === undefined || c.v === null) missing.push(`${name}!${addr}`);
      }
    }
    expect(formulas).toBeGreaterThan(100_000);
    expect(missing).toEqual([]);
    // The cached numbers are the engine's: the Projection's and the Summary's.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(target);
    const book = loadBoard(session.db, { ...LIVE, scenarioIds: [plan.id] })[0]!;
    const all = [...expectations(wb, book, LIVE.measures), ...summaryExpectations(wb, book, planFacts(session.db)).numbers];
    const off = all.filter((e) => {
      const v = (read.Sheets[e.sheet]![XLSX.utils.encode_cell({ r: e.row - 1, c: e.col - 1 })] as XLSX.CellObject | undefined)?.v;
      return typeof v !== 'number' || Math.abs(v - e.value) > 1e-9 * Math.max(1, Math.abs(e.value));
    });
    expect(off.map((e) => e.what)).toEqual([]);
    // The live Summary carries the app's two charts as pictures too, and no other sheet does.
    expect(wb.getWorksheet('Summary')!.getImages()).toHaveLength(2);
    expect(wb.worksheets.filter((w) => w.name !== 'Summary' && w.getImages().length > 0).map((w) => w.name)).toEqual([]);
    // Every sheet is protected, without a password; Excel is asked to recalculate on opening.
    for (const ws of wb.worksheets) {
      const protection = (ws as unknown as { sheetProtection?: { sheet?: boolean; hashValue?: string } }).sheetProtection;
      expect(protection?.sheet, ws.name).toBe(true);
      expect(protection?.hashValue, ws.name).toBeUndefined();
    }
    expect(strFromU8(unzipSync(new Uint8Array(fs.readFileSync(target)))['xl/workbook.xml']!)).toMatch(/<calcPr[^>]*fullCalcOnLoad="1"/);
  });
});
