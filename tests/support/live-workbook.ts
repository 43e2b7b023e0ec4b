/**
 * Reading a live-formula workbook against the engine: where each projected number sits, a Check
 * sheet that LibreOffice computes (the sheet's cell minus the engine's value, at full precision),
 * and the differences that fail.
 */
import type ExcelJS from 'exceljs';
import { expect } from 'vitest';
import { bridgeLines, type BoardOptions, type ScenarioBook } from '../../src/main/services/export/board';
import { projectionSections } from '../../src/main/services/export/board-kit';

export interface Expect {
  sheet: string;
  row: number;
  col: number;
  value: number;
  what: string;
}
export interface ExpectText {
  sheet: string;
  row: number;
  col: number;
  text: string;
  what: string;
}

export const text = (c: ExcelJS.Cell) => (typeof c.value === 'string' ? c.value : null);
export function rowsOf(wb: ExcelJS.Workbook, sheet: string): ExcelJS.Row[] {
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`No sheet ${sheet}`);
  const rows: ExcelJS.Row[] = [];
  ws.eachRow((r) => rows.push(r));
  return rows;
}

/** Where each projected number sits in the formula sheets, with the engine's value for it. */
export function expectations(
  wb: ExcelJS.Workbook,
  book: ScenarioBook,
  measures: BoardOptions['measures'],
  names: { projection: string; bridge: string | null; pipelines: string } = { projection: 'Projection', bridge: 'Bridge', pipelines: 'Pipelines' },
): Expect[] {
  const out: Expect[] = [];
  const years = book.result.years;
  const orgName = new Map(book.inputs.organisations.map((o) => [o.id, o.name]));
  const roleName = new Map(book.inputs.roles.map((r) => [r.id, r.name]));
  // Projection: sections of rows; a row's organisation and role say which cell it is.
  const sections = projectionSections(measures);
  const series = (c: ScenarioBook['result']['cells'][number], metric: (typeof sections)[number]['metric']) =>
    metric === 'supplyMinusDemand' ? c.closing.map((v, t) => v - c.demand[t]!) : c[metric];
  let section: (typeof sections)[number] | null = null;
  let sectionsSeen = 0;
  let detail = 0;
  for (const r of rowsOf(wb, names.projection)) {
    const a = text(r.getCell(1));
    const b = text(r.getCell(2));
    const found = sections.find((s) => s.label === a);
    if (found && b === null) {
      section = found;
      sectionsSeen++;
      continue;
    }
    if (!section || a === null || b === null || a === 'Organisation') continue;
    const cells = book.result.cells.filter(
      (c) => (a === 'All organisations' || orgName.get(c.orgId) === a) && (b === 'All roles' || b === 'System total' || roleName.get(c.roleId) === b),
    );
    expect(cells.length, `${a} / ${b}`).toBeGreaterThan(0);
    if (b !== 'All roles' && b !== 'System total') detail++;
    years.forEach((y, t) =>
      out.push({
        sheet: names.projection,
        row: r.number,
        col: 3 + t,
        value: cells.reduce((s, c) => s + series(c, section!.metric)[t]!, 0),
        what: `${section!.label}: ${a}, ${b}, ${y}`,
      }),
    );
  }
  expect(sectionsSeen).toBe(sections.length);
  expect(detail).toBe(book.result.cells.length * sections.length);
  // Bridge: find each role's lines by their labels.
  const bridge = names.bridge === null ? [] : rowsOf(wb, names.bridge);
  for (const role of names.bridge === null ? [] : book.inputs.roles) {
    if (!book.result.cells.some((c) => c.roleId === role.id)) continue;
    for (const line of bridgeLines(book, role.id)) {
      const row = bridge.find((r) => text(r.getCell(1)) === role.name && text(r.getCell(2)) === line.label);
      expect(row, `${role.name} ${line.label}`).toBeDefined();
      line.values.forEach((v, t) =>
        out.push({ sheet: names.bridge!, row: row!.number, col: 3 + t, value: v, what: `bridge ${role.name} ${line.label} ${years[t]}` }),
      );
    }
  }
  // Pipelines: intake, completers, joined, cost.
  const pipes = rowsOf(wb, names.pipelines);
  book.inputs.pipelines.forEach((p, k) => {
    const r = book.result.pipelines[k]!;
    const measuresOf: [string, number[]][] = [
      ['Intake (heads)', years.map((y) => p.intakes[y] ?? 0)],
      ['Completers (heads)', r.completers],
      ['Joined (FTE)', r.joinedFte],
      ['Training cost (£)', r.trainingCost],
    ];
    for (const [label, values] of measuresOf) {
      const row = pipes.find((x) => text(x.getCell(1)) === p.name && text(x.getCell(4)) === label)!;
      values.forEach((v, t) => out.push({ sheet: names.pipelines, row: row.number, col: 5 + t, value: v, what: `${p.name} ${label} ${years[t]}` }));
    }
  });
  return out;
}

/** Adds the Check sheet (cell − engine value, computed by LibreOffice), ready to recalculate. */
export async function withChecks(wb: ExcelJS.Workbook, checks: Expect[], file: string): Promise<void> {
  const ws = wb.addWorksheet('Check');
  checks.forEach((c, k) => {
    const letters = ws.getColumn(c.col).letter;
    ws.getCell(k + 1, 2).value = c.value;
    ws.getCell(k + 1, 1).value = { formula: `'${c.sheet.replace(/'/g, "''")}'!${letters}${c.row}-B${k + 1}` };
  });
  await wb.xlsx.writeFile(file);
}

export function failures(sheets: Map<string, unknown[][]>, checks: Expect[], words: ExpectText[] = []): string[] {
  const got = sheets.get('Check')!;
  const bad: string[] = [];
  checks.forEach((c, k) => {
    const d = got[k]?.[0];
    if (typeof d !== 'number' || !(Math.abs(d) <= 1e-9 * Math.max(1, Math.abs(c.value))))
      bad.push(`${c.what}: ${c.sheet}!R${c.row}C${c.col} differs by ${String(d)} (engine ${c.value})`);
  });
  for (const w of words) {
    const v = sheets.get(w.sheet)?.[w.row - 1]?.[w.col - 1];
    if (v !== w.text) bad.push(`${w.what}: ${w.sheet}!R${w.row}C${w.col} is ${JSON.stringify(v)}, not ${JSON.stringify(w.text)}`);
  }
  return bad;
}
