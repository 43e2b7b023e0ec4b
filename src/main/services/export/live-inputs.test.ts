/**
 * The live model cannot mislead: every column of the Inputs sheet either drives the model, so
 * that an edit there (made in the file, recalculated by LibreOffice) moves the projection exactly
 * as the same edit made in the app (through the real handlers, validation, SQLite and engine),
 * or is locked, grey and labelled fixed. Enumerated inputs are lists, and a value that is not on
 * its list shows as an error in the projection instead of silently dropping a number.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import type { ChannelName } from '../../../shared/api/contract';
import { yearLabel } from '../../../shared/format';
import { AGE_BANDS, AGE_BAND_COUNT } from '../../../shared/model/types';
import { expectations, failures, withChecks } from '../../../../tests/support/live-workbook';
import { tempDir } from '../../../../tests/support/temp';
import { AppContext } from '../../app-context';
import { ScriptedDialogs } from '../../dialogs';
import { listScenarios } from '../../db/repos/scenarios';
import { dispatch } from '../../ipc/dispatch';
import { createHandlers } from '../../ipc/handlers';
import { runScenario } from '../projection';
import { loadBoard, type BoardOptions } from './board';
import { LOOKBACK } from './formulas';
import { exportBoard } from './index';
import { recalculateAll } from './recalc';

const GREY = 'FFE8EDEE';
const OPTIONS: BoardOptions = { scenarioIds: [], sheets: ['projection', 'pipelines'], measures: ['fte', 'headcount'], suppressBelow: null, formulas: true };

/** One edit, made both ways: in the workbook's Inputs and in the app. */
interface Edit {
  column: string;
  workbook: (ws: ExcelJS.Worksheet) => void;
  app: { channel: ChannelName; input: unknown };
}

/** The Inputs sheet's sections: heading row, first and last data row. */
function sections(ws: ExcelJS.Worksheet): { title: string; head: number; first: number; last: number }[] {
  const starts = ['Organisation (fixed)', 'Pipeline (fixed)', 'Joiners (fixed)', 'Driver (fixed)', 'Organisation (fixed)'];
  const out: { title: string; head: number; first: number; last: number }[] = [];
  let r = 1;
  for (const title of starts) {
    while (r <= ws.rowCount && ws.getCell(r, 1).value !== title) r++;
    expect(r, `section ${title}`).toBeLessThanOrEqual(ws.rowCount);
    const head = r;
    let last = head;
    while (ws.getCell(last + 1, 1).value !== null && ws.getCell(last + 1, 1).value !== undefined) last++;
    out.push({ title, head, first: head + 1, last });
    r = last + 1;
  }
  return out;
}

const textOf = (v: ExcelJS.CellValue): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');
const headerOf = (ws: ExcelJS.Worksheet, head: number, c: number) => textOf(ws.getCell(head, c).value);
const lastColumn = (ws: ExcelJS.Worksheet, head: number) => {
  let c = 1;
  while (ws.getCell(head, c + 1).value) c++;
  return c;
};

describe('the live model’s Inputs', () => {
  it('every column moves the projection exactly as the same edit in the app, or is locked, grey and labelled fixed', { timeout: 600_000 }, async () => {
    const ctx = new AppContext({ userDataDir: tempDir(), dialogs: new ScriptedDialogs(), appVersion: 'test', autoBackup: false });
    ctx.openAtStartup();
    const handlers = createHandlers(ctx);
    const scenario = listScenarios(ctx.db).find((s) => s.name === 'Our Dorset plan')!;
    const dir = tempDir();
    const base = path.join(dir, 'live.xlsx');
    await exportBoard(ctx.db, { ...OPTIONS, scenarioIds: [scenario.id], target: base, planFile: ctx.session.path, readOnly: false, appVersion: 'test' });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(base);
    const ws = wb.getWorksheet('Inputs')!;
    const [work, pipes, joiners, drivers, changes] = sections(ws) as [
      ReturnType<typeof sections>[number],
      ReturnType<typeof sections>[number],
      ReturnType<typeof sections>[number],
      ReturnType<typeof sections>[number],
      ReturnType<typeof sections>[number],
    ];

    // 1. Every cell: locked cells are grey and say they are fixed; the rest are in the catalogue below.
    const editable = new Map<string, Set<string>>();
    for (const s of [work, pipes, joiners, drivers, changes]) {
      const cols = lastColumn(ws, s.head);
      for (let r = s.first; r <= s.last; r++) {
        for (let c = 1; c <= cols; c++) {
          const cell = ws.getCell(r, c);
          const header = headerOf(ws, s.head, c);
          if (cell.protection?.locked === false) {
            if (!editable.has(s.title + s.head)) editable.set(s.title + s.head, new Set());
            editable.get(s.title + s.head)!.add(header);
          } else {
            expect((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor?.argb, `${header} row ${r} is locked, so grey`).toBe(GREY);
            expect(`${header} ${textOf(cell.value)}`, `${header} row ${r} is locked, so labelled fixed`).toMatch(/fixed/);
          }
        }
      }
    }

    const run = runScenario(ctx.db, scenario.id);
    const { inputs, result } = run;
    const years = result.years;
    const base0 = years[0]!;
    // A workforce row with a shortfall (so agency cost moves) and staff in every band.
    const w = result.cells.findIndex((c) => {
      const row = inputs.workforce.find((x) => x.orgId === c.orgId && x.roleId === c.roleId);
      return row && row.fte > 100 && row.agencyShare > 0 && c.gap.some((g) => g > 1) && row.ageProfile.every((v) => v > 0.02);
    });
    expect(w).toBeGreaterThanOrEqual(0);
    const cell = result.cells[w]!;
    const wf = inputs.workforce.find((x) => x.orgId === cell.orgId && x.roleId === cell.roleId)!;
    const wRow = work.first + w;
    const A = inputs.pipelines.findIndex((p) => p.sourceRoleId === null && p.durationYears >= 1 && Object.values(p.intakes).some((v) => v > 0));
    const B = inputs.pipelines.findIndex((p) => p.sourceRoleId !== null);
    expect(A).toBeGreaterThanOrEqual(0);
    expect(B).toBeGreaterThanOrEqual(0);
    const pa = inputs.pipelines[A]!;
    const pb = inputs.pipelines[B]!;
    const J = inputs.otherJoiners.findIndex((j) => years.some((y) => (j.fteByYear[y] ?? 0) > 0));
    const jn = inputs.otherJoiners[J]!;
    const d1 = inputs.growthDrivers[0]!;
    const d2 = inputs.growthDrivers[1] ?? d1;
    const k1 = inputs.demandChanges[0]!;
    const orgName = new Map(inputs.organisations.map((o) => [o.id, o.name]));
    const roleName = new Map(inputs.roles.map((r) => [r.id, r.name]));
    const group = inputs.roles.find((r) => r.id === cell.roleId)!.staffGroup;
    const otherOrg = inputs.organisations.find((o) => o.id !== cell.orgId && o.id !== d1.orgId)!.id;

    // 2. The catalogue: one edit per column that drives the model, in the sheet's order.
    const col = (s: typeof work, header: string) => {
      for (let c = 1; c <= lastColumn(ws, s.head); c++) if (headerOf(ws, s.head, c) === header) return c;
      throw new Error(`No column "${header}"`);
    };
    const set = (s: typeof work, row: number, header: string, value: ExcelJS.CellValue) => (sheet: ExcelJS.Worksheet) =>
      (sheet.getCell(row, col(s, header)).value = value);
    const wfUpdate = (changes: Record<string, unknown>) => ({
      channel: 'workforce/update' as const,
      input: { scenarioId: scenario.id, orgId: cell.orgId, roleId: cell.roleId, changes },
    });
    const edits: Edit[] = [];
    const wfNumber = (header: string, field: 'fte' | 'headcount' | 'establishment' | 'leaverRate' | 'agencyShare' | 'agencyCostPerFte', to: number) =>
      edits.push({ column: `Workforce: ${header}`, workbook: set(work, wRow, header, to), app: wfUpdate({ [field]: to }) });
    wfNumber('FTE', 'fte', wf.fte + 37.5);
    wfNumber('Headcount', 'headcount', wf.headcount + 20);
    wfNumber('Establishment (FTE)', 'establishment', wf.establishment + 25);
    wfNumber('Leaver rate', 'leaverRate', wf.leaverRate + 0.01);
    wfNumber('Agency share', 'agencyShare', Math.min(1, wf.agencyShare + 0.05));
    wfNumber('Agency cost per FTE (£)', 'agencyCostPerFte', wf.agencyCostPerFte + 1000);
    const profile = [...wf.ageProfile];
    AGE_BANDS.forEach((band, b) => {
      // A hundredth moved between this band and the oldest (or youngest) one: the shares still add up to 100 %.
      const other = b === AGE_BAND_COUNT - 1 ? 0 : AGE_BAND_COUNT - 1;
      profile[b] = profile[b]! - 0.01;
      profile[other] = profile[other]! + 0.01;
      const now = [...profile];
      edits.push({
        column: `Workforce: Age profile: ${band}`,
        workbook: (sheet) => {
          sheet.getCell(wRow, col(work, `Age profile: ${band}`)).value = now[b]!;
          sheet.getCell(wRow, col(work, `Age profile: ${AGE_BANDS[other]}`)).value = now[other]!;
        },
        app: wfUpdate({ ageProfile: now }),
      });
    });
    const retire = [...wf.retirementByBand];
    AGE_BANDS.forEach((band, b) => {
      retire[b] = Math.min(1, retire[b]! + 0.05);
      edits.push({
        column: `Workforce: Retirement: ${band}`,
        workbook: set(work, wRow, `Retirement: ${band}`, retire[b]),
        app: wfUpdate({ retirementByBand: [...retire] }),
      });
    });
    const pRow = (k: number) => pipes.first + k;
    const pUpdate = (id: number, changes: Record<string, unknown>) => ({ channel: 'pipelines/update' as const, input: { pipelineId: id, changes } });
    edits.push({
      column: 'Pipelines: Trainees leave their role',
      workbook: set(pipes, pRow(B), 'Trainees leave their role', pb.traineesLeaveSourceRole ? 'No' : 'Yes'),
      app: pUpdate(pb.id, { traineesLeaveSourceRole: !pb.traineesLeaveSourceRole }),
    });
    // A long course first, so that every year of intakes on the sheet reaches the projection.
    edits.push({
      column: 'Pipelines: Course length (years)',
      workbook: set(pipes, pRow(A), 'Course length (years)', 9.5),
      app: pUpdate(pa.id, { durationYears: 9.5 }),
    });
    edits.push({
      column: 'Pipelines: Attrition',
      workbook: set(pipes, pRow(A), 'Attrition', Math.min(1, pa.attrition + 0.05)),
      app: pUpdate(pa.id, { attrition: Math.min(1, pa.attrition + 0.05) }),
    });
    edits.push({
      column: 'Pipelines: Conversion',
      workbook: set(pipes, pRow(A), 'Conversion', pa.conversion - 0.05),
      app: pUpdate(pa.id, { conversion: pa.conversion - 0.05 }),
    });
    edits.push({
      column: 'Pipelines: FTE per head',
      workbook: set(pipes, pRow(A), 'FTE per head', pa.ftePerHead - 0.1),
      app: pUpdate(pa.id, { ftePerHead: pa.ftePerHead - 0.1 }),
    });
    edits.push({
      column: 'Pipelines: Cost per learner-year (£)',
      workbook: set(pipes, pRow(A), 'Cost per learner-year (£)', pa.costPerLearnerYear + 500),
      app: pUpdate(pa.id, { costPerLearnerYear: pa.costPerLearnerYear + 500 }),
    });
    for (let y = base0 - LOOKBACK; y <= years.at(-1)!; y++) {
      const heads = (pa.intakes[y] ?? 0) + 7;
      edits.push({
        column: `Pipelines: Intake ${yearLabel(y)}`,
        workbook: set(pipes, pRow(A), `Intake ${yearLabel(y)}`, heads),
        app: { channel: 'pipelines/set-intake', input: { pipelineId: pa.id, year: y, heads } },
      });
    }
    // After the intakes, so that the pipeline's joiners arrive within the projection.
    const band = pa.entrantAgeBand === AGE_BAND_COUNT - 2 ? 0 : AGE_BAND_COUNT - 2;
    edits.push({
      column: 'Pipelines: Entrant age band',
      workbook: set(pipes, pRow(A), 'Entrant age band', AGE_BANDS[band]),
      app: pUpdate(pa.id, { entrantAgeBand: band }),
    });
    const jRow = joiners.first + J;
    const jBand = jn.entrantAgeBand === AGE_BAND_COUNT - 1 ? 0 : AGE_BAND_COUNT - 1;
    edits.push({
      column: 'Joiners: Entrant age band',
      workbook: set(joiners, jRow, 'Entrant age band', AGE_BANDS[jBand]),
      app: { channel: 'joiners/update', input: { joinerId: jn.id, changes: { entrantAgeBand: jBand } } },
    });
    for (const y of years) {
      const fte = (jn.fteByYear[y] ?? 0) + 1.5;
      edits.push({
        column: `Joiners: FTE ${yearLabel(y)}`,
        workbook: set(joiners, jRow, `FTE ${yearLabel(y)}`, fte),
        app: { channel: 'joiners/set-fte', input: { joinerId: jn.id, year: y, fte } },
      });
    }
    const dRow = (id: number) => drivers.first + inputs.growthDrivers.findIndex((d) => d.id === id);
    const dUpdate = (id: number, changes: Record<string, unknown>) => ({ channel: 'demand/update-driver' as const, input: { driverId: id, changes } });
    edits.push({
      column: 'Drivers: Growth over the period',
      workbook: set(drivers, dRow(d1.id), 'Growth over the period', d1.growth + 0.01),
      app: dUpdate(d1.id, { growth: d1.growth + 0.01 }),
    });
    edits.push({
      column: 'Drivers: Start year',
      workbook: set(drivers, dRow(d1.id), 'Start year', yearLabel(d1.startYear - 1)),
      app: dUpdate(d1.id, { startYear: d1.startYear - 1 }),
    });
    edits.push({
      column: 'Drivers: End year',
      workbook: set(drivers, dRow(d1.id), 'End year', yearLabel(d1.endYear + 2)),
      app: dUpdate(d1.id, { endYear: d1.endYear + 2 }),
    });
    edits.push({ column: 'Drivers: Staff group', workbook: set(drivers, dRow(d1.id), 'Staff group', group), app: dUpdate(d1.id, { staffGroup: group }) });
    edits.push({
      column: 'Drivers: Organisation',
      workbook: set(drivers, dRow(d1.id), 'Organisation', orgName.get(otherOrg)),
      app: dUpdate(d1.id, { orgId: otherOrg }),
    });
    edits.push({
      column: 'Drivers: Role',
      workbook: set(drivers, dRow(d2.id), 'Role', roleName.get(cell.roleId)),
      app: dUpdate(d2.id, { roleId: cell.roleId }),
    });
    const kRow = changes.first + inputs.demandChanges.findIndex((k) => k.id === k1.id);
    edits.push({
      column: 'Changes: Year starting',
      workbook: set(changes, kRow, 'Year starting', yearLabel(k1.year + 1)),
      app: { channel: 'demand/update-change', input: { changeId: k1.id, changes: { year: k1.year + 1 } } },
    });
    edits.push({
      column: 'Changes: Change (FTE)',
      workbook: set(changes, kRow, 'Change (FTE)', k1.deltaFte + 3),
      app: { channel: 'demand/update-change', input: { changeId: k1.id, changes: { deltaFte: k1.deltaFte + 3 } } },
    });

    // Every editable column has its edit, and every edit is of an editable column.
    const prefix: Record<string, string> = {
      [work.title + work.head]: 'Workforce',
      [pipes.title + pipes.head]: 'Pipelines',
      [joiners.title + joiners.head]: 'Joiners',
      [drivers.title + drivers.head]: 'Drivers',
      [changes.title + changes.head]: 'Changes',
    };
    const editableColumns = [...editable].flatMap(([s, headers]) => [...headers].map((h) => `${prefix[s]}: ${h}`)).sort();
    expect([...new Set(edits.map((e) => e.column))].sort()).toEqual(editableColumns);

    // 3. Each edit, made in the app, moves the projection (so the column drives something).
    const snapshot = () =>
      JSON.stringify({ cells: runScenario(ctx.db, scenario.id).result.cells, pipelines: runScenario(ctx.db, scenario.id).result.pipelines });
    let before = snapshot();
    const still: string[] = [];
    for (const e of edits) {
      const reply = await dispatch(handlers, e.app.channel, e.app.input);
      expect(reply, e.column).toMatchObject({ ok: true });
      const after = snapshot();
      if (after === before) still.push(e.column);
      before = after;
    }
    expect(still, 'edits that did not move the projection in the app').toEqual([]);

    // 4. The same edits in the workbook, recalculated by LibreOffice, give the app's numbers.
    for (const e of edits) e.workbook(ws);
    const edited = path.join(dir, 'edited.xlsx');
    const after = loadBoard(ctx.db, { ...OPTIONS, scenarioIds: [scenario.id] })[0]!;
    const checks = expectations(wb, after, OPTIONS.measures, { projection: 'Projection', bridge: null, pipelines: 'Pipelines' });
    await withChecks(wb, checks, edited);

    // And a value that is not on its list: "30-34" typed (or pasted) for the age band "30–34".
    const typo = new ExcelJS.Workbook();
    await typo.xlsx.readFile(base);
    const typoInputs = typo.getWorksheet('Inputs')!;
    typoInputs.getCell(pipes.first + A, col(pipes, 'Entrant age band')).value = '30-34';
    expect(typoInputs.getCell(pipes.first + A, col(pipes, 'Entrant age band')).dataValidation).toMatchObject({
      type: 'list',
      showErrorMessage: true,
      errorStyle: 'stop',
    });
    const typoFile = path.join(dir, 'typo.xlsx');
    await typo.xlsx.writeFile(typoFile);

    const [recalculated, typoed] = await recalculateAll([edited, typoFile]);
    expect(failures(recalculated!, checks)).toEqual([]);
    // The pipeline's organisation × role row shows an error rather than a smaller number.
    const projection = typoed!.get('Projection')!;
    const target = `${roleName.get(pa.roleId)}`;
    const shown = projection.filter((r) => r[0] === orgName.get(pa.orgId) && r[1] === target);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.some((r) => r.slice(2).some((v) => typeof v === 'string' && v.startsWith('#')))).toBe(true);
  });
});
