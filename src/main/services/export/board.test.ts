/**
 * The board workbook read back with SheetJS: sheet names, values against the engine, number
 * formats, no formula anywhere, safe text, suppression, the cover.
 */
import fs from 'node:fs';
import path from 'node:path';
import XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { yearLabel } from '../../../shared/format';
import { demoSession } from '../../../../tests/support/plans';
import { sha256, tempDir } from '../../../../tests/support/temp';
import { listScenarios } from '../../db/repos/scenarios';
import { updatePipelineFields } from '../pipelines';
import { runScenario } from '../projection';
import { exportBoard, type ExportBoardRequest } from './index';
import { BOARD_SHEETS } from './board';
import { recalculate } from './recalc';
import { safeSheetName } from './sheet-kit';

const NOW = new Date('2026-03-31T09:30:00Z');

function setup() {
  const session = demoSession();
  const scenarios = listScenarios(session.db);
  const plan = scenarios.find((s) => s.name === 'Our Dorset plan')!;
  const nothing = scenarios.find((s) => s.name === 'Do nothing')!;
  const dir = tempDir();
  const request = (over: Partial<ExportBoardRequest> = {}): ExportBoardRequest => ({
    target: path.join(dir, 'board.xlsx'),
    planFile: session.path,
    readOnly: false,
    appVersion: 'Workforce Pipeline Planner 0.1.0',
    scenarioIds: [plan.id],
    sheets: [...BOARD_SHEETS],
    measures: ['fte', 'headcount'],
    suppressBelow: null,
    formulas: false,
    now: NOW,
    ...over,
  });
  return { session, plan, nothing, dir, request };
}

const rowsOf = (ws: XLSX.WorkSheet) => XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null, blankrows: true });

function allCells(wb: XLSX.WorkBook): { sheet: string; addr: string; cell: XLSX.CellObject }[] {
  const out: { sheet: string; addr: string; cell: XLSX.CellObject }[] = [];
  for (const name of wb.SheetNames) {
    const ws = wb.Sheets[name]!;
    for (const addr of Object.keys(ws)) if (!addr.startsWith('!')) out.push({ sheet: name, addr, cell: ws[addr] as XLSX.CellObject });
  }
  return out;
}

describe('board workbook', () => {
  it('has the sheets, the cover facts and no formula anywhere', async () => {
    const { session, request } = setup();
    const done = await exportBoard(session.db, request());
    expect(done.sheets).toEqual(['Cover', 'Summary', 'Bridge', 'Projection', 'Pipelines', 'Assumptions']);
    const wb = XLSX.read(fs.readFileSync(done.path), { cellFormula: true, cellStyles: true, sheetStubs: true });
    expect(wb.SheetNames).toEqual(done.sheets);
    for (const { sheet, addr, cell } of allCells(wb)) expect(cell.f, `${sheet}!${addr}`).toBeUndefined();
    const cover: Record<string, unknown> = Object.fromEntries(rowsOf(wb.Sheets['Cover']!).filter((r) => typeof r[0] === 'string' && r[1] !== null).map((r) => [String(r[0]), r[1]]));
    expect(cover['Plan']).toBe('Dorset ICS workforce plan (demo)');
    expect(cover['Scenario']).toBe('Our Dorset plan');
    expect(cover['Base year']).toBe('2019/20');
    expect(cover['Horizon']).toBe('2028/29');
    expect(cover['Made on']).toBe('31 March 2026 at 10:30');
    expect(cover['Made with']).toBe('Workforce Pipeline Planner 0.1.0');
    // The hash is of the checkpointed plan file: the same file hashes the same outside the app.
    expect(cover['Plan file SHA-256']).toBe(sha256(session.path));
    expect(cover['Plan file SHA-256']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('projection: every value equals the engine, years written 2024/25, formats FTE 0.0 / £ / %', async () => {
    const { session, plan, request } = setup();
    const done = await exportBoard(session.db, request());
    const wb = XLSX.read(fs.readFileSync(done.path), { cellNF: true });
    const ws = wb.Sheets['Projection']!;
    const rows = rowsOf(ws);
    const head = rows.findIndex((r) => r[0] === 'Organisation');
    expect(rows[head]).toEqual(['Organisation', 'Role', 'Year', 'Supply (FTE)', 'Demand (FTE)', 'Gap (FTE)', 'Vacancy', 'Supply (headcount)', 'Agency cost (£)']);
    const run = runScenario(session.db, plan.id);
    const org = new Map(run.inputs.organisations.map((o) => [o.id, o.name]));
    const role = new Map(run.inputs.roles.map((r) => [r.id, r.name]));
    let k = head + 1;
    for (const c of run.result.cells) {
      run.result.years.forEach((y, t) => {
        const r = rows[k]!;
        expect(r.slice(0, 3)).toEqual([org.get(c.orgId), role.get(c.roleId), yearLabel(y)]);
        expect(r.slice(3)).toEqual([c.closing[t], c.demand[t], c.gap[t], c.vacancyRate[t], c.closingHeadcount[t], c.agencyCost[t]]);
        k++;
      });
    }
    expect(rows.length).toBe(k);
    // The first data row is written by exceljs, the rest spliced in: both carry the formats.
    for (const r of [head + 2, head + 3, rows.length]) {
      expect((ws[`D${r}`] as XLSX.CellObject).z, `row ${r}`).toBe('#,##0.0;-#,##0.0;0.0');
      expect((ws[`I${r}`] as XLSX.CellObject).z, `row ${r}`).toBe('£#,##0;-£#,##0;£0');
    }
    expect(ws['!ref']).toBe(`A1:I${rows.length}`);
    const fmt = (col: string) => (ws[`${col}${head + 2}`] as XLSX.CellObject).z;
    expect(fmt('D')).toBe('#,##0.0;-#,##0.0;0.0');
    expect(fmt('F')).toBe('[Red]#,##0.0" short";#,##0.0" over";0.0');
    expect(fmt('G')).toBe('0.0%');
    expect(fmt('H')).toBe('#,##0');
    expect(fmt('I')).toBe('£#,##0;-£#,##0;£0');
    // Frozen below the header and right of the labels.
    expect(ws['!autofilter']).toBeDefined();
  });

  it('bridge: opening + flows = closing for every role and year, and matches the engine', async () => {
    const { session, plan, request } = setup();
    const done = await exportBoard(session.db, request({ sheets: ['bridge'] }));
    const rows = rowsOf(XLSX.read(fs.readFileSync(done.path)).Sheets['Bridge']!);
    const run = runScenario(session.db, plan.id);
    const head = rows.findIndex((r) => r[0] === 'Role' && r[1] === 'Flow');
    expect(rows[head]!.slice(2)).toEqual(run.result.years.map(yearLabel));
    let checked = 0;
    for (const role of run.inputs.roles) {
      const block = rows.filter((r) => r[0] === role.name);
      if (block.length === 0) continue;
      expect(block[0]![1]).toBe('Opening');
      expect(block.at(-1)![1]).toBe('Closing');
      const cells = run.result.cells.filter((c) => c.roleId === role.id);
      run.result.years.forEach((_, t) => {
        const col = 2 + t;
        const sum = block.slice(0, -1).reduce((a, r) => a + Number(r[col]), 0);
        expect(Math.abs(sum - Number(block.at(-1)![col]))).toBeLessThan(1e-6);
        const closing = cells.reduce((a, c) => a + c.closing[t]!, 0);
        expect(Math.abs(Number(block.at(-1)![col]) - closing)).toBeLessThan(1e-9);
        const leavers = cells.reduce((a, c) => a + c.leavers[t]!, 0);
        expect(Math.abs(Number(block.find((r) => r[1] === 'Leavers')![col]) + leavers)).toBeLessThan(1e-9);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('summary: targets with RAG as words, shortage roles, largest gaps and agency cost', async () => {
    const { session, plan, request } = setup();
    const done = await exportBoard(session.db, request({ sheets: ['summary'] }));
    const wb = XLSX.read(fs.readFileSync(done.path), { cellStyles: true });
    const rows = rowsOf(wb.Sheets['Summary']!);
    const run = runScenario(session.db, plan.id);
    const flat = rows.map((r) => r.join('|'));
    expect(flat.some((l) => l.startsWith('Targets'))).toBe(true);
    expect(flat.some((l) => l.startsWith('Shortage roles: Our Dorset plan'))).toBe(true);
    expect(flat.some((l) => l.startsWith('Largest gaps in 2028/29'))).toBe(true);
    const agency = rows.find((r) => r[1] === 'Agency cost implied by the gap (£)')!;
    expect(agency.slice(2)).toEqual(run.result.totals.agencyCost);
    const ragWords = rows.flatMap((r) => r).filter((v) => typeof v === 'string' && /^(Green: met|Amber: close|Red: missed|Not set)$/.test(v));
    expect(ragWords.length).toBe(run.result.targets.length);
  });

  it('compares scenarios with sheet names Excel accepts', async () => {
    const { session, plan, nothing, request } = setup();
    const done = await exportBoard(session.db, request({ scenarioIds: [plan.id, nothing.id] }));
    expect(done.sheets).toEqual(['Cover', 'Summary', 'Bridge Our Dorset plan', 'Projection Our Dorset plan', 'Pipelines Our Dorset plan', 'Bridge Do nothing', 'Projection Do nothing', 'Pipelines Do nothing', 'Assumptions']);
    for (const n of done.sheets) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[[\]:*?/\\]/);
    }
  });

  it('writes planners’ formula-like text as text, never as a formula', async () => {
    const { session, plan, request } = setup();
    const p = session.db.prepare('SELECT id FROM pipeline WHERE scenario_id = ? ORDER BY id LIMIT 1').get(plan.id) as { id: number };
    updatePipelineFields(session.db, p.id, { name: '=HYPERLINK("http://evil","click")' });
    const done = await exportBoard(session.db, request());
    const wb = XLSX.read(fs.readFileSync(done.path), { cellFormula: true, sheetStubs: true });
    const hits = allCells(wb).filter(({ cell }) => cell.v === '=HYPERLINK("http://evil","click")');
    expect(hits.length).toBeGreaterThan(0);
    for (const { cell } of hits) {
      expect(cell.t).toBe('s');
      expect(cell.f).toBeUndefined();
    }
    for (const { cell } of allCells(wb)) expect(cell.f).toBeUndefined();
  });

  it('suppresses small headcounts for publication, with complementary suppression, and says so on the cover', async () => {
    const { session, plan, request } = setup();
    const done = await exportBoard(session.db, request({ suppressBelow: 5, sheets: ['projection', 'bridge'] }));
    expect(done.suppressedRows).toBeGreaterThan(0);
    const wb = XLSX.read(fs.readFileSync(done.path));
    const rows = rowsOf(wb.Sheets['Projection']!);
    const head = rows.findIndex((r) => r[0] === 'Organisation');
    const data = rows.slice(head + 1);
    const run = runScenario(session.db, plan.id);
    // No visible headcount under 5 (other than 0).
    for (const r of data) if (typeof r[7] === 'number') expect(r[7] === 0 || r[7] >= 5).toBe(true);
    const small = data.filter((r) => r[7] === '<5');
    expect(small.length).toBeGreaterThan(0);
    for (const r of small) expect([r[3], r[5], r[6], r[8]]).toEqual(['suppressed', 'suppressed', 'suppressed', 'suppressed']);
    // Demand is never suppressed.
    for (const r of data) expect(typeof r[4]).toBe('number');
    // No role-year has exactly one hidden row with a visible role total: it could be recovered.
    const bridge = rowsOf(wb.Sheets['Bridge']!);
    const years = run.result.years.map(yearLabel);
    for (const role of run.inputs.roles) {
      const roleRows = data.filter((r) => r[1] === role.name);
      years.forEach((y, t) => {
        const hidden = roleRows.filter((r) => r[2] === y && r[3] === 'suppressed').length;
        const closing = bridge.find((r) => r[0] === role.name && r[1] === 'Closing');
        if (hidden === 1) expect(closing?.[2 + t]).toBe('suppressed');
      });
    }
    const cover = rowsOf(wb.Sheets['Cover']!).find((r) => r[0] === 'Small numbers')!;
    expect(String(cover[1])).toContain(`Headcounts under 5 are suppressed for publication: ${done.suppressedRows}`);
  });

  it('refuses live formulas with suppression, a missing scenario, and a non-.xlsx name', async () => {
    const { session, request } = setup();
    await expect(exportBoard(session.db, request({ formulas: true, suppressBelow: 5 }))).rejects.toThrow(/cannot be combined/);
    await expect(exportBoard(session.db, request({ scenarioIds: [999] }))).rejects.toThrow(/Scenario 999 is not in this plan. Choose one of: "Do nothing", "Our Dorset plan"/);
    const e = await exportBoard(session.db, request({ target: path.join(tempDir(), 'board.txt') })).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toContain('does not end in .xlsx');
  });

  it('an export to a read-only target leaves the old workbook', async () => {
    const { session, dir, request } = setup();
    const target = path.join(dir, 'board.xlsx');
    fs.writeFileSync(target, 'the old board papers');
    fs.chmodSync(target, 0o444);
    const e = await exportBoard(session.db, request({ target })).catch((x: unknown) => x);
    expect((e as AppError).code).toBe('READ_ONLY');
    expect(fs.readFileSync(target, 'utf8')).toBe('the old board papers');
  });
});

describe('board workbook opened by LibreOffice', () => {
  it('reads the same projection and pipelines back (the rows spliced in for speed are well formed)', { timeout: 300_000 }, async () => {
    const { session, plan, request } = setup();
    const done = await exportBoard(session.db, request({ sheets: ['projection', 'pipelines'] }));
    const mine = XLSX.read(fs.readFileSync(done.path));
    const theirs = await recalculate(done.path);
    // LibreOffice keeps 15 significant digits when it saves: numbers agree to that, text exactly.
    for (const sheet of ['Projection', 'Pipelines']) {
      const a = theirs.get(sheet)!;
      const b = rowsOf(mine.Sheets[sheet]!);
      expect(a.length, sheet).toBe(b.length);
      b.forEach((row, i) => {
        expect(a[i]!.length, `${sheet} row ${i + 1}`).toBe(row.length);
        row.forEach((v, j) => {
          const w = a[i]![j];
          if (typeof v === 'number' && typeof w === 'number') expect(Math.abs(w - v), `${sheet} R${i + 1}C${j + 1}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v)));
          else expect(w, `${sheet} R${i + 1}C${j + 1}`).toEqual(v);
        });
      });
    }
    // Pipelines: each pipeline's joined FTE total is the engine's.
    const run = runScenario(session.db, plan.id);
    const rows = rowsOf(mine.Sheets['Pipelines']!);
    const joined = rows.filter((r) => r[10] === 'Joined (FTE)');
    expect(joined.length).toBe(run.result.pipelines.length);
    const byName = new Map(run.inputs.pipelines.map((p) => [p.name, run.result.pipelines.find((x) => x.pipelineId === p.id)!]));
    for (const r of joined) expect(r.slice(11, 11 + run.result.years.length)).toEqual(byName.get(String(r[0]))!.joinedFte);
  });
});

describe('sheet names', () => {
  it('are at most 31 characters, without []:*?/\\, unique and never "History"', () => {
    const taken = new Set<string>();
    expect(safeSheetName('Projection: A/B [draft]?', taken)).toBe('Projection A B draft');
    expect(safeSheetName('Projection: A/B [draft]?', taken)).toBe('Projection A B draft (2)');
    expect(safeSheetName("'quoted'", taken)).toBe('quoted');
    expect(safeSheetName('History', taken)).toBe('History (1)');
    expect(safeSheetName('', taken)).toBe('Sheet (1)');
    const long = safeSheetName('Projection Our very long scenario name indeed', taken);
    expect(long).toBe('Projection Our very long scenar');
    expect(safeSheetName('Projection Our very long scenario name indeed', taken)).toBe('Projection Our very long sc (2)');
    for (const n of taken) expect(n.length).toBeLessThanOrEqual(31);
  });
});
