/**
 * The workbook's uncertainty read back with SheetJS: the Uncertainty sheet's percentiles,
 * chances and tornado equal the simulation's; the Summary's fan; the cover; suppression.
 */
import fs from 'node:fs';
import path from 'node:path';
import XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { yearLabel } from '../../../shared/format';
import { rankForGap } from '../../../shared/model/sensitivity';
import { demoSession } from '../../../../tests/support/plans';
import { tempDir } from '../../../../tests/support/temp';
import { listScenarios } from '../../db/repos/scenarios';
import { fillTypicalRanges } from '../ranges';
import { simulateHere } from '../uncertainty/service';
import { exportBoard, type ExportBoardRequest } from './index';
import { BOARD_SHEETS } from './board';

const rowsOf = (ws: XLSX.WorkSheet) => XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });

function setup() {
  const session = demoSession();
  const scenarios = listScenarios(session.db);
  const plan = scenarios.find((s) => s.name === 'Our Dorset plan')!;
  const nothing = scenarios.find((s) => s.name === 'Do nothing')!;
  fillTypicalRanges(session.db, plan.id);
  const dir = tempDir();
  const request = (over: Partial<ExportBoardRequest> = {}): ExportBoardRequest => ({
    target: path.join(dir, 'board.xlsx'),
    planFile: session.path,
    readOnly: false,
    appVersion: 'Workforce Pipeline Planner 0.1.0',
    scenarioIds: [plan.id],
    sheets: [...BOARD_SHEETS],
    measures: ['fte'],
    suppressBelow: null,
    formulas: false,
    uncertainty: { runs: 300, seed: 7 },
    now: new Date('2026-03-31T09:30:00Z'),
    ...over,
  });
  return { session, plan, nothing, request };
}

describe('the Uncertainty sheet', () => {
  it('carries the simulation’s percentiles, each target’s chance and the tornado; the Summary carries the fan; the cover says how', async () => {
    const { session, plan, request } = setup();
    const done = await exportBoard(session.db, request());
    expect(done.sheets).toEqual(['Cover', 'Summary', 'Bridge', 'Projection', 'Pipelines', 'Uncertainty', 'Assumptions']);
    const expected = simulateHere(session.db, plan.id, 300, 7);
    const last = expected.years.length - 1;
    const wb = XLSX.read(fs.readFileSync(done.path));
    const rows = rowsOf(wb.Sheets['Uncertainty']!);
    const find = (a: string, b: string) => rows.find((r) => r[0] === a && r[1] === b)!;
    expect(find('Supply (FTE)', 'P10')[2 + last]).toBe(expected.totals.supply.p10[last]);
    expect(find('Supply (FTE)', 'P90')[2 + last]).toBe(expected.totals.supply.p90[last]);
    // Supply − demand, as the workbook writes a gap: the simulated gap (demand − supply) turned round.
    expect(find('Supply − demand (FTE)', 'P50')[2]).toBe(0 - expected.totals.gap.p50[0]!);
    expect(find('Supply − demand (FTE)', 'P10')[2 + last]).toBe(0 - expected.totals.gap.p90[last]!);
    expect(find('Supply − demand (FTE)', 'P90')[2 + last]).toBe(0 - expected.totals.gap.p10[last]!);
    expect(find('Agency cost over the horizon (£)', 'P90')[2]).toBe(expected.agencyCostTotal.p90);
    const names = new Map((session.db.prepare('SELECT id, name FROM target').all() as { id: number; name: string }[]).map((t) => [t.id, t.name]));
    for (const t of expected.targets) {
      const row = rows.find((r) => r[0] === names.get(t.targetId) && r.length > 7)!;
      expect(row[7]).toBe(t.probability ?? 'cannot be judged');
    }
    const ranked = rankForGap(expected.tornado, last, 15);
    const head = rows.findIndex(
      (r) => typeof r[0] === 'string' && r[0].startsWith(`Which assumption matters most: supply − demand in ${yearLabel(expected.years[last]!)}`),
    );
    expect(rows[head + 3]!.slice(0, 3)).toEqual([ranked[0]!.label, 0 - ranked[0]!.atLow, 0 - ranked[0]!.atHigh]);
    // Every organisation × role: three measures × three percentiles.
    expect(rows.filter((r) => r[3] === 'P50' && r[2] === 'Supply (FTE)')).toHaveLength(expected.cells.length);

    const summary = rowsOf(wb.Sheets['Summary']!);
    expect(summary.find((r) => r[0] === 'Supply P90 (FTE)')!.slice(1, 1 + expected.years.length)).toEqual(expected.totals.supply.p90);
    expect(
      summary.some((r) => typeof r[0] === 'string' && r[0].startsWith('Fan chart: supply against demand, all organisations (simulated: 300 runs, seed 7;')),
    ).toBe(true);
    const cover = rowsOf(wb.Sheets['Cover']!);
    expect(cover.find((r) => r[0] === 'Uncertainty')![1]).toMatch(/^300 simulated runs, seed 7\. Assumptions with a range: Our Dorset plan: \d+\./);
  });

  it('says so when a scenario has no ranges, gives one sheet per scenario compared, and leaves out the organisations’ percentiles when small numbers are suppressed', async () => {
    const { session, plan, nothing, request } = setup();
    const done = await exportBoard(session.db, request({ scenarioIds: [plan.id, nothing.id], suppressBelow: 5, sheets: ['summary'] }));
    expect(done.sheets).toEqual(['Cover', 'Summary', 'Uncertainty Our Dorset plan', 'Uncertainty Do nothing']);
    const wb = XLSX.read(fs.readFileSync(done.path));
    const flat = rowsOf(wb.Sheets['Uncertainty Do nothing']!);
    expect(flat.some((r) => typeof r[0] === 'string' && r[0].startsWith('No input of this scenario has a range'))).toBe(true);
    const ranged = rowsOf(wb.Sheets['Uncertainty Our Dorset plan']!);
    expect(ranged.some((r) => typeof r[0] === 'string' && r[0].startsWith('Left out: this workbook suppresses small numbers'))).toBe(true);
    expect(ranged.some((r) => r[2] === 'Supply (FTE)' && r[3] === 'P50')).toBe(false);
  });

  it('is left out when no simulation is asked for', async () => {
    const { session, request } = setup();
    const done = await exportBoard(session.db, request({ uncertainty: null }));
    expect(done.sheets).not.toContain('Uncertainty');
    const wb = XLSX.read(fs.readFileSync(done.path));
    expect(rowsOf(wb.Sheets['Summary']!).some((r) => r[0] === 'Supply P90 (FTE)')).toBe(false);
  });

  it('on the live-formula Summary, the fan’s numbers are values labelled with their runs and seed, beside the formulas', { timeout: 300_000 }, async () => {
    const { session, plan, request } = setup();
    const done = await exportBoard(session.db, request({ formulas: true, sheets: ['summary'], uncertainty: { runs: 200, seed: 42 } }));
    expect(done.sheets.slice(0, 2)).toEqual(['Cover', 'Summary']);
    expect(done.sheets).toContain('Uncertainty');
    const expected = simulateHere(session.db, plan.id, 200, 42);
    const wb = XLSX.read(fs.readFileSync(done.path), { cellFormula: true });
    const ws = wb.Sheets['Summary']!;
    const rows = rowsOf(ws);
    const at = rows.findIndex((r) => r[0] === 'Supply P50 (FTE)');
    expect(rows[at]!.slice(1, 1 + expected.years.length)).toEqual(expected.totals.supply.p50);
    // Values, not formulas; the system totals above them are formulas.
    for (let c = 1; c <= expected.years.length; c++) expect((ws[XLSX.utils.encode_cell({ r: at, c })] as XLSX.CellObject).f).toBeUndefined();
    const supplyRow = rows.findIndex((r) => r[0] === 'Supply (FTE)');
    expect((ws[XLSX.utils.encode_cell({ r: supplyRow, c: 1 })] as XLSX.CellObject).f).toMatch(/^SUM\(/);
    expect(rows.some((r) => typeof r[0] === 'string' && r[0].includes('simulated: 200 runs, seed 42'))).toBe(true);
    expect(rows.some((r) => r[0] === 'These are the simulation’s results as exported, not formulas: they do not change when Inputs change.')).toBe(true);
  });
});
