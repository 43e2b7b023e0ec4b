/**
 * The board workbook read back with SheetJS: sheet names, values against the engine, number
 * formats, no formula anywhere, safe text, suppression, the cover.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
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
import { pdfPageCount, printToPdfs, recalculate } from './recalc';
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

describe('board workbook', { timeout: 120_000 }, () => {
  it('has the sheets, the cover facts and no formula anywhere', async () => {
    const { session, request } = setup();
    const done = await exportBoard(session.db, request());
    expect(done.sheets).toEqual(['Cover', 'Summary', 'Bridge', 'Projection', 'Pipelines', 'Assumptions']);
    const wb = XLSX.read(fs.readFileSync(done.path), { cellFormula: true, cellStyles: true, sheetStubs: true });
    expect(wb.SheetNames).toEqual(done.sheets);
    for (const { sheet, addr, cell } of allCells(wb)) expect(cell.f, `${sheet}!${addr}`).toBeUndefined();
    const cover: Record<string, unknown> = Object.fromEntries(
      rowsOf(wb.Sheets['Cover']!)
        .filter((r) => typeof r[0] === 'string' && r[1] !== null)
        .map((r) => [String(r[0]), r[1]]),
    );
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

  it('projection: years across, a section per measure, organisation subtotals and a system total, equal to the engine', async () => {
    const { session, plan, request } = setup();
    const done = await exportBoard(session.db, request());
    const wb = XLSX.read(fs.readFileSync(done.path), { cellNF: true });
    const ws = wb.Sheets['Projection']!;
    const rows = rowsOf(ws);
    const run = runScenario(session.db, plan.id);
    const years = run.result.years;
    const head = rows.findIndex((r) => r[0] === 'Organisation');
    expect(rows[head]).toEqual(['Organisation', 'Role', ...years.map(yearLabel)]);
    const org = new Map(run.inputs.organisations.map((o) => [o.id, o.name]));
    const role = new Map(run.inputs.roles.map((r) => [r.id, r.name]));
    const sections: [string, (c: (typeof run.result.cells)[number]) => number[], string][] = [
      ['Supply: FTE in post at the year end', (c) => c.closing, '#,##0.0;-#,##0.0;0.0'],
      ['Demand: FTE needed', (c) => c.demand, '#,##0.0;-#,##0.0;0.0'],
      ['Supply − demand (FTE)', (c) => c.closing.map((v, t) => v - c.demand[t]!), '"+"#,##0.0;[Red]"−"#,##0.0;0.0'],
      ['Supply: headcount at the year end', (c) => c.closingHeadcount, '#,##0'],
      ['Agency cost implied by the shortfall (£)', (c) => c.agencyCost, '£#,##0;-£#,##0;£0'],
    ];
    let k = head + 1;
    for (const [label, pick, format] of sections) {
      expect(rows[k]![0]).toBe(label);
      k++;
      const total = new Array<number>(years.length).fill(0);
      const orgIds = [...new Set(run.result.cells.map((c) => c.orgId))].sort(
        (a, b) => run.inputs.organisations.findIndex((o) => o.id === a) - run.inputs.organisations.findIndex((o) => o.id === b),
      );
      for (const orgId of orgIds) {
        const sub = new Array<number>(years.length).fill(0);
        for (const c of run.result.cells.filter((x) => x.orgId === orgId)) {
          expect(rows[k]!.slice(0, 2)).toEqual([org.get(c.orgId), role.get(c.roleId)]);
          expect(rows[k]!.slice(2)).toEqual(pick(c));
          expect((ws[`C${k + 1}`] as XLSX.CellObject).z, `${label} row ${k + 1}`).toBe(format);
          pick(c).forEach((v, t) => (sub[t] = sub[t]! + v));
          k++;
        }
        expect(rows[k]!.slice(0, 2)).toEqual([org.get(orgId), 'All roles']);
        (rows[k]!.slice(2) as number[]).forEach((v, t) => expect(Math.abs(v - sub[t]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(sub[t]!))));
        sub.forEach((v, t) => (total[t] = total[t]! + v));
        k++;
      }
      expect(rows[k]!.slice(0, 2)).toEqual(['All organisations', 'System total']);
      (rows[k]!.slice(2) as number[]).forEach((v, t) => expect(Math.abs(v - total[t]!)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(total[t]!))));
      k += 2;
    }
    // A shortfall is written negative (supply − demand), as the app shows it: −982.7, not "982.7 short".
    const sd = rows.find(
      (r) => r[0] === 'All organisations' && typeof r[2] === 'number' && Math.abs(r[2] - (run.result.totals.closing[0]! - run.result.totals.demand[0]!)) < 1e-6,
    );
    expect(sd).toBeDefined();
    expect(run.result.totals.closing[0]! - run.result.totals.demand[0]!).toBeLessThan(0);
    expect(XLSX.utils.format_cell({ t: 'n', v: -982.66, z: '"+"#,##0.0;[Red]"−"#,##0.0;0.0' })).toBe('−982.7');
    // Years are headings right-aligned over their numbers, in columns of one width; detail rows
    // sit one outline level below their organisation's subtotal.
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(done.path);
    const p = book.getWorksheet('Projection')!;
    const widths = years.map((_, t) => p.getColumn(3 + t).width);
    expect(new Set(widths).size).toBe(1);
    years.forEach((_, t) => expect(p.getCell(head + 1, 3 + t).alignment?.horizontal).toBe('right'));
    expect(p.getCell(head + 1, 1).alignment?.horizontal).toBe('left');
    expect(p.getRow(head + 3).outlineLevel).toBe(1);
    const subtotal = rows.findIndex((r) => r[1] === 'All roles');
    expect(p.getRow(subtotal + 1).outlineLevel ?? 0).toBe(0);
    // Rows spliced in for speed carry the outline level too.
    expect(p.getRow(rows.length - 3).outlineLevel).toBe(1);
  });

  it('every sheet prints as a board paper: A4 landscape, one page wide, headings repeated, plan, scenario, date and page x of y', async () => {
    const { session, request } = setup();
    const done = await exportBoard(session.db, request({ uncertainty: { runs: 200, seed: 42, typicalRanges: true } }));
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(done.path);
    expect(book.worksheets.map((w) => w.name)).toContain('Uncertainty');
    for (const ws of book.worksheets) {
      const p = ws.pageSetup;
      expect(p.paperSize, ws.name).toBe(9);
      expect(p.orientation, ws.name).toBe('landscape');
      expect(p.fitToPage, ws.name).toBe(true);
      expect(p.fitToWidth, ws.name).toBe(1);
      expect(p.fitToHeight, ws.name).toBe(['Cover', 'Summary'].includes(ws.name) ? 1 : 0);
      if (!['Cover', 'Summary'].includes(ws.name)) expect(p.printTitlesRow, ws.name).toMatch(/^\d+:\d+$/);
      expect(ws.headerFooter.oddHeader, ws.name).toBe('&L&BDorset ICS workforce plan (demo)&B&COur Dorset plan&RMade 31 March 2026 at 10:30');
      expect(ws.headerFooter.oddFooter, ws.name).toBe('&L&A&RPage &P of &N');
    }
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
    expect(flat.some((l) => l.startsWith('Shortage roles'))).toBe(true);
    const agency = rows.find((r) => r[0] === 'Agency cost implied by the shortfall (£)')!;
    expect(agency.slice(1, 1 + run.result.years.length)).toEqual(run.result.totals.agencyCost);
    const sd = rows.find((r) => r[0] === 'Supply − demand (FTE)')!;
    expect(sd.slice(1, 1 + run.result.years.length)).toEqual(run.result.totals.closing.map((v, t) => v - run.result.totals.demand[t]!));
    expect(flat.some((l) => l.startsWith('Biggest gaps'))).toBe(true);
    // Only the shortage roles are listed, each with the criteria it meets.
    const shortage = run.result.shortage.filter((x) => x.isShortage);
    const roleNames = new Map(run.inputs.roles.map((r) => [r.id, r.name]));
    const start = rows.findIndex((r) => r[0] === 'Shortage roles');
    const listed = rows.slice(start).filter((r) => typeof r[1] === 'number' && typeof r[2] === 'string' && /^\d{4}\/\d{2}$/.test(r[2]));
    expect(listed.map((r) => r[0])).toEqual(shortage.map((x) => roleNames.get(x.roleId)));
    const ragWords = rows.flatMap((r) => r).filter((v) => typeof v === 'string' && /^(Green: met|Amber: close|Red: missed|Not set)$/.test(v));
    expect(ragWords.length).toBe(run.result.targets.length);
  });

  it('compares scenarios with sheet names Excel accepts', async () => {
    const { session, plan, nothing, request } = setup();
    const done = await exportBoard(session.db, request({ scenarioIds: [plan.id, nothing.id] }));
    expect(done.sheets).toEqual([
      'Cover',
      'Summary',
      'Bridge Our Dorset plan',
      'Projection Our Dorset plan',
      'Pipelines Our Dorset plan',
      'Bridge Do nothing',
      'Projection Do nothing',
      'Pipelines Do nothing',
      'Assumptions',
    ]);
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
    const section = (label: string) => {
      const from = rows.findIndex((r) => r[0] === label);
      const to = rows.findIndex((r, i) => i > from && r[0] === 'All organisations');
      return rows.slice(from + 1, to + 1);
    };
    const heads = section('Supply: headcount at the year end');
    const supply = section('Supply: FTE in post at the year end');
    const demand = section('Demand: FTE needed');
    const run = runScenario(session.db, plan.id);
    const years = run.result.years;
    // No visible headcount under 5 (other than 0), in any organisation × role row.
    for (const r of heads)
      for (const v of r.slice(2)) if (typeof v === 'number' && r[1] !== 'All roles' && r[0] !== 'All organisations') expect(v === 0 || v >= 5).toBe(true);
    const small = heads.flatMap((r) => r.slice(2)).filter((v) => v === '<5');
    expect(small.length).toBeGreaterThan(0);
    // Where a headcount is small, that row's supply is suppressed too, and so is its organisation's subtotal.
    heads.forEach((r, i) =>
      years.forEach((_, t) => {
        if (r[2 + t] !== '<5') return;
        expect(supply[i]![2 + t]).toBe('suppressed');
        const subtotal = supply.find((x, j) => j > i && x[0] === r[0] && x[1] === 'All roles')!;
        expect(subtotal[2 + t]).toBe('suppressed');
      }),
    );
    // Demand is never suppressed.
    for (const r of demand) for (const v of r.slice(2)) expect(typeof v).toBe('number');
    // No role-year has exactly one hidden row with a visible role total: it could be recovered.
    const bridge = rowsOf(wb.Sheets['Bridge']!);
    for (const role of run.inputs.roles) {
      const roleRows = supply.filter((r) => r[1] === role.name);
      years.forEach((_, t) => {
        const hidden = roleRows.filter((r) => r[2 + t] === 'suppressed').length;
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
    await expect(exportBoard(session.db, request({ scenarioIds: [999] }))).rejects.toThrow(
      /Scenario 999 is not in this plan. Choose one of: "Do nothing", "Our Dorset plan"/,
    );
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
          if (typeof v === 'number' && typeof w === 'number')
            expect(Math.abs(w - v), `${sheet} R${i + 1}C${j + 1}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v)));
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

describe('the board workbook printed (LibreOffice, to PDF)', () => {
  it('the demo prints on at most 40 A4 landscape pages, the Summary on one; the live-formula workbook prints as sensibly', { timeout: 300_000 }, async () => {
    const { session, request, dir } = setup();
    const staticBook = await exportBoard(session.db, request({ target: path.join(dir, 'board.xlsx') }));
    // The live workbook with a simulation: its Summary has three pictures and the fan's numbers, and it has an Uncertainty sheet.
    const liveBook = await exportBoard(
      session.db,
      request({ target: path.join(dir, 'board-live.xlsx'), formulas: true, uncertainty: { runs: 200, seed: 42, typicalRanges: true } }),
    );
    // Kept under test-results so the printed pages can be looked at.
    const out = path.resolve('test-results/print');
    fs.mkdirSync(out, { recursive: true });
    const [pdf, livePdf] = await printToPdfs([staticBook.path, liveBook.path], out);
    const pages = pdfPageCount(pdf!);
    const livePages = pdfPageCount(livePdf!);
    expect(pages).toBeGreaterThanOrEqual(10);
    expect(pages).toBeLessThanOrEqual(40);
    expect(livePages).toBeLessThanOrEqual(40);
    // Which sheet each page belongs to, from the footer ("<sheet> … Page x of y"), and its size.
    const run = promisify(execFile);
    const printed: [string, readonly string[]][] = [
      [pdf!, staticBook.sheets],
      [livePdf!, ['Cover', 'Summary', 'Inputs', 'Bridge', 'Projection', 'Pipelines', 'Uncertainty', 'Assumptions']],
    ];
    for (const [file, sheets] of printed) {
      const { stdout } = await run('pdftotext', ['-layout', file, '-']);
      const perPage = stdout.split('\f').filter((p) => p.trim() !== '');
      const sheetOf = perPage.map((p) => {
        const footer = p.trimEnd().split('\n').at(-1)!.trim();
        return sheets.find((s) => footer.startsWith(`${s} `)) ?? `? ${footer}`;
      });
      expect(sheetOf.filter((s) => s === 'Summary')).toHaveLength(1);
      expect(sheetOf.filter((s) => s === 'Cover')).toHaveLength(1);
      if (file === livePdf) expect(sheetOf.filter((s) => s === 'Uncertainty').length).toBeGreaterThanOrEqual(1);
      // No working sheet is printed; every page is one of the workbook's visible sheets.
      expect(sheetOf.filter((s) => !sheets.includes(s))).toEqual([]);
      const { stdout: info } = await run('pdfinfo', [file]);
      expect(info).toMatch(/Page size:\s+841\.89 x 595\.\d+ pts \(A4\)/);
    }
  });
});
