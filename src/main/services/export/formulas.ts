/**
 * Live formulas: an Inputs sheet holding every engine input of a scenario, hidden working sheets
 * that reproduce src/shared/model/projection.ts step by step in Excel formulas (age bands, leavers,
 * capped retirements, progression starts and completions shared pro rata, fractional course
 * lengths, other joiners, the age roll, demand drivers and changes), and the projection, bridge
 * and pipeline sheets as formulas over them. An analyst can change an assumption on Inputs and
 * see it flow.
 *
 * A model that cannot mislead: every Inputs cell either drives the model (white, unlocked) or is
 * fixed (grey, locked, "fixed" in its heading). What is fixed is the plan's structure: which
 * organisation × role rows, pipelines, joiners and demand changes there are, and what each
 * feeds; change that in the app. Organisations, roles, staff groups, age bands, financial years
 * and yes/no are chosen from lists (data validation), and a value that is not on its list makes
 * the figures show #N/A rather than silently drop a number. Every sheet is protected without a
 * password.
 *
 * Kept in step with the engine by a test that recalculates the workbook in LibreOffice and
 * compares every projected cell with projectScenario, and by checkFormulaModel at export time.
 */
import type ExcelJS from 'exceljs';
import { yearLabel } from '../../../shared/format';
import { AppError } from '../../../shared/api/errors';
import { MAX_YEAR, MIN_YEAR } from '../../../shared/api/schemas';
import { AGE_BAND_COUNT, AGE_BANDS } from '../../../shared/model/types';
import { cellsByOrganisation, names, projectionSections, yearColumns, yearWidths, type BoardContext, type ScenarioBook } from './board-kit';
import type { FormulaValues } from './formula-values';
import { DETAIL_LEVEL, FONT, FORMAT, SheetWriter, TOTAL_BORDER, put } from './sheet-kit';

const B = AGE_BAND_COUNT;
/**
 * Years of intakes before the base year kept on Inputs: exactly those a course of up to 10 years
 * (the most the app allows) can bring into the projection, so that every intake column drives it.
 */
export const LOOKBACK = 10;

/** Column number (1-based) → letters. */
export function col(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
const q = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const ref = (sheet: string, c: number, r: number, abs = false) => `${q(sheet)}!${abs ? '$' : ''}${col(c)}${abs ? '$' : ''}${r}`;
const range = (sheet: string, c: number, r1: number, r2: number) => `${q(sheet)}!$${col(c)}$${r1}:$${col(c)}$${r2}`;

/** A formula cell (its cached value is filled in once the whole workbook is built). */
export function formula(cell: ExcelJS.Cell, f: string, format?: string): void {
  cell.value = { formula: f };
  if (format) cell.numFmt = format;
}

const FIXED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EDEE' } };
const FIXED_FONT: Partial<ExcelJS.Font> = { ...FONT, color: { argb: 'FF425563' } };

/** A fixed Inputs cell: grey, locked (the sheet is protected). */
function fixed(cell: ExcelJS.Cell): void {
  cell.fill = FIXED_FILL;
  cell.font = FIXED_FONT;
  cell.protection = { locked: true };
}

/** An Inputs cell the model reads: white and unlocked, with the rule the app applies to it. */
function editable(cell: ExcelJS.Cell, validation?: ExcelJS.DataValidation): void {
  cell.protection = { locked: false };
  if (validation) cell.dataValidation = validation;
}

const decimal = (min: number, max: number, what: string, exclusiveMin = false): ExcelJS.DataValidation => ({
  type: 'decimal',
  operator: 'between',
  formulae: [exclusiveMin ? min + 1e-9 : min, max],
  allowBlank: false,
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: 'Not allowed',
  error: `${what} must be a number from ${exclusiveMin ? 'above ' : ''}${min.toLocaleString('en-GB')} to ${max.toLocaleString('en-GB')}.`,
});
const fraction = (what: string) => ({ ...decimal(0, 1, what), error: `${what} must be a fraction from 0 to 1 (0.1 = 10 %).` });
const fromList = (listRange: string, what: string, allowBlank = false): ExcelJS.DataValidation => ({
  type: 'list',
  formulae: [listRange],
  allowBlank,
  showErrorMessage: true,
  errorStyle: 'stop',
  errorTitle: 'Choose from the list',
  error: `${what}: choose one of the values in the list${allowBlank ? ', or leave it blank for all' : ''}.`,
});

/** Where everything lives, for the visible sheets (and the checks) to point at. */
export interface FormulaModel {
  book: ScenarioBook;
  inputs: string;
  calcCells: string;
  calcPipelines: string;
  lists: string;
  /** Calc cells: per engine cell and year. */
  cellRef(cellIndex: number, yearIndex: number, what: CellMetric): string;
  cellAt(cellIndex: number, yearIndex: number, what: CellMetric): { sheet: string; row: number; col: number };
  /** A metric over every cell in one year, as a column range. */
  cellColumn(yearIndex: number, what: CellMetric): string;
  /** The column of cells' role positions (1-based in the role list), and a role's position. */
  roleColumn: string;
  orgColumn: string;
  roleIndex(roleId: number): number;
  orgIndex(orgId: number): number;
  /** A SUMIFS over every cell of a role. */
  roleSum(roleId: number, yearIndex: number, what: CellMetric): string;
  pipelineRef(pipelineIndex: number, yearIndex: number, what: PipeMetric): string;
  startsRef(pipelineIndex: number, yearIndex: number): string;
  pipelineColumn(yearIndex: number, what: PipeMetric): string;
  intakeRef(pipelineIndex: number, yearIndex: number): string;
  /** Inputs: a workforce field of a cell (fte, leaverRate, or an age band's share). */
  inputRef(cellIndex: number, field: 'fte' | 'leaverRate' | { profileBand: number }): string;
  /** Lists: financial year labels, for INDEX by position. */
  yearLabels: string;
}

const CELL_METRICS = [
  'opening',
  'leavers',
  'retirements',
  'total1',
  'removed1',
  'keep1',
  'total2',
  'removed2',
  'keep2',
  'progressionOut',
  'qualified',
  'otherJoiners',
  'closing',
  'closingHeadcount',
  'demand',
  'gap',
  'vacancyRate',
  'agencyCost',
] as const;
export type CellMetric = (typeof CELL_METRICS)[number];
/** Headings on the working sheet; the engine's gap is demand − supply, so it is named as such there. */
const CELL_METRIC_HEADINGS: Partial<Record<CellMetric, string>> = { gap: 'shortfall (demand − supply)' };
const PIPE_METRICS = ['planned', 'want1', 'scale1', 'out1', 'completers', 'want2', 'scale2', 'out2', 'joined', 'learners', 'cost'] as const;
export type PipeMetric = (typeof PIPE_METRICS)[number];
const BAND_STAGES = ['S0', 'L', 'R', 'A1', 'A2', 'A3', 'V'] as const;
type BandStage = (typeof BAND_STAGES)[number];

/** A name unique within its list: a repeated name gets its code in brackets. */
function uniqueNames<T extends { id: number; name: string; code?: string }>(items: readonly T[]): Map<number, string> {
  const count = new Map<string, number>();
  for (const x of items) count.set(x.name, (count.get(x.name) ?? 0) + 1);
  return new Map(items.map((x) => [x.id, (count.get(x.name) ?? 0) > 1 ? `${x.name} (${x.code ?? x.id})` : x.name]));
}

/** Builds Lists, Inputs and the hidden working sheets for one scenario; returns where things are. */
export function addFormulaModel(ctx: BoardContext, book: ScenarioBook, suffix: string): FormulaModel {
  const { wb, taken } = ctx;
  const { inputs, result } = book;
  const years = result.years;
  const Y = years.length;
  const baseYear = years[0]!;
  const cells = result.cells;
  const N = cells.length;
  const cellNo = new Map(cells.map((c, i) => [`${c.orgId}:${c.roleId}`, i + 1]));
  const wf = new Map(inputs.workforce.map((w) => [`${w.orgId}:${w.roleId}`, w]));
  const role = new Map(inputs.roles.map((r) => [r.id, r]));

  // ---- Lists (hidden): what the enumerated inputs may be (after Inputs in the workbook) ----
  const inp = new SheetWriter(wb, `Inputs${suffix}`, taken);
  const lists = new SheetWriter(wb, `Lists${suffix}`, taken);
  const L = lists.ws.name;
  lists.ws.state = 'hidden';
  const orgNames = uniqueNames(inputs.organisations);
  const roleNames = uniqueNames(inputs.roles);
  const orgOrder = inputs.organisations.map((o) => o.id);
  const roleOrder = inputs.roles.map((r) => r.id);
  const staffGroups = [...new Set(inputs.roles.map((r) => r.staffGroup))].sort((a, b) => a.localeCompare(b, 'en-GB'));
  const listYears: number[] = [];
  for (let y = MIN_YEAR; y <= MAX_YEAR; y++) listYears.push(y);
  const columns: [string, (string | number)[]][] = [
    ['Age band', [...AGE_BANDS]],
    ['Organisation', orgOrder.map((id) => orgNames.get(id)!)],
    ['Role', roleOrder.map((id) => roleNames.get(id)!)],
    ['Staff group', staffGroups],
    ['Financial year', listYears.map(yearLabel)],
    ['Year', listYears],
    ['Yes or no', ['Yes', 'No']],
  ];
  const listRange: string[] = [];
  columns.forEach(([head, values], c) => {
    put(lists.ws.getCell(1, c + 1), head);
    values.forEach((v, r) => put(lists.ws.getCell(r + 2, c + 1), v));
    listRange[c] = range(L, c + 1, 2, Math.max(2, values.length + 1));
  });
  const [BANDS, ORGS, ROLES, GROUPS, YEAR_LABELS, YEAR_NUMBERS, YES_NO] = listRange as [string, string, string, string, string, string, string];
  const orgIndex = (id: number) => orgOrder.indexOf(id) + 1;
  const roleIndex = (id: number) => roleOrder.indexOf(id) + 1;
  const groupIndex = (g: string) => staffGroups.indexOf(g) + 1;
  /** A list value's position, or #N/A when it is not on the list. */
  const position = (cellRef: string, list: string) => `MATCH(${cellRef},${list},0)`;
  const yearOf = (cellRef: string) => `INDEX(${YEAR_NUMBERS},${position(cellRef, YEAR_LABELS)})`;

  // ---- Inputs ----
  const I = inp.ws.name;
  inp.title(
    `Inputs: ${book.scenario.name}`,
    'White cells drive the model: change one and every sheet follows. Grey cells are fixed (the plan’s structure): change them in the app and export again. Rates and shares are fractions (0.1 = 10 %).',
  );
  const furniture = (label: string, value: string) => {
    const r = inp.line([label, value]);
    fixed(r.getCell(1));
    fixed(r.getCell(2));
  };
  furniture('Base year (fixed)', yearLabel(baseYear));
  furniture('Horizon (fixed)', yearLabel(years[Y - 1]!));
  inp.gapRow();

  inp.line(['Workforce by organisation and role: FTE at the start of the base year, with this scenario’s rates'], [], { bold: true });
  const cellHead = [
    { header: 'Organisation (fixed)' },
    { header: 'Role (fixed)' },
    { header: 'Staff group (fixed)' },
    { header: 'FTE', format: FORMAT.fte },
    { header: 'Headcount', format: FORMAT.heads },
    { header: 'Establishment (FTE)', format: FORMAT.fte },
    { header: 'Leaver rate', format: '0.0000' },
    { header: 'Agency share', format: '0.0000' },
    { header: 'Agency cost per FTE (£)', format: FORMAT.money },
    ...AGE_BANDS.map((b) => ({ header: `Age profile: ${b}`, format: '0.0000' })),
    ...AGE_BANDS.map((b) => ({ header: `Retirement: ${b}`, format: '0.0000' })),
  ];
  inp.header(cellHead);
  const C0 = inp.row;
  const IC = { org: 1, role: 2, group: 3, fte: 4, hc: 5, est: 6, lr: 7, share: 8, cost: 9, profile: 10, retire: 10 + B };
  cells.forEach((c) => {
    const w = wf.get(`${c.orgId}:${c.roleId}`);
    const r = role.get(c.roleId);
    const profile = Array.from({ length: B }, (_, b) => w?.ageProfile[b] ?? 0);
    const retire = Array.from({ length: B }, (_, b) => w?.retirementByBand[b] ?? 0);
    const row = inp.line(
      [
        orgNames.get(c.orgId) ?? '',
        roleNames.get(c.roleId) ?? '',
        r?.staffGroup ?? '',
        w?.fte ?? 0,
        w?.headcount ?? 0,
        w?.establishment ?? 0,
        w?.leaverRate ?? 0,
        w?.agencyShare ?? 0,
        w?.agencyCostPerFte ?? 0,
        ...profile,
        ...retire,
      ],
      cellHead.map((h) => h.format),
    );
    for (const k of [IC.org, IC.role, IC.group]) fixed(row.getCell(k));
    editable(row.getCell(IC.fte), decimal(0, 1_000_000, 'FTE'));
    editable(row.getCell(IC.hc), decimal(0, 1_000_000, 'Headcount'));
    editable(row.getCell(IC.est), decimal(0, 1_000_000, 'Establishment'));
    editable(row.getCell(IC.lr), fraction('Leaver rate'));
    editable(row.getCell(IC.share), fraction('Agency share'));
    editable(row.getCell(IC.cost), decimal(0, 10_000_000, 'Agency cost per FTE'));
    for (let b = 0; b < B; b++) {
      editable(row.getCell(IC.profile + b), fraction('An age band’s share'));
      editable(row.getCell(IC.retire + b), fraction('A retirement probability'));
    }
  });
  const cr = (i: number) => C0 + i;
  inp.gapRow();

  const P = inputs.pipelines.length;
  const firstIntakeYear = baseYear - LOOKBACK;
  inp.line(['Pipelines: starters are heads; a course of 1.5 years completes half after one year and half after two'], [], { bold: true });
  const pipeHead = [
    { header: 'Pipeline (fixed)' },
    { header: 'Organisation (fixed)' },
    { header: 'Role (fixed)' },
    { header: 'From role (fixed)' },
    { header: 'Trainees leave their role' },
    { header: 'Course length (years)', format: FORMAT.years },
    { header: 'Attrition', format: '0.0000' },
    { header: 'Conversion', format: '0.0000' },
    { header: 'FTE per head', format: '0.00' },
    { header: 'Cost per learner-year (£)', format: FORMAT.money },
    { header: 'Entrant age band' },
  ];
  for (let y = firstIntakeYear; y <= years[Y - 1]!; y++) pipeHead.push({ header: `Intake ${yearLabel(y)}`, format: FORMAT.heads });
  inp.header(pipeHead);
  const P0 = inp.row;
  const IP = { name: 1, org: 2, role: 3, from: 4, leave: 5, dur: 6, attr: 7, conv: 8, fph: 9, cost: 10, band: 11, intake0: 12 };
  const intakeCol = (yIndexFromLookback: number) => IP.intake0 + yIndexFromLookback;
  const bandLabel = (b: number) => AGE_BANDS[Math.min(B - 1, Math.max(0, Math.trunc(b)))]!;
  inputs.pipelines.forEach((p) => {
    const isProg = p.sourceRoleId !== null;
    const intakes: number[] = [];
    for (let y = firstIntakeYear; y <= years[Y - 1]!; y++) intakes.push(p.intakes[y] ?? 0);
    const row = inp.line(
      [
        p.name,
        orgNames.get(p.orgId) ?? '',
        roleNames.get(p.roleId) ?? '',
        isProg ? (roleNames.get(p.sourceRoleId!) ?? '') : 'none',
        isProg ? (p.traineesLeaveSourceRole ? 'Yes' : 'No') : 'fixed: not a progression route',
        p.durationYears,
        p.attrition,
        p.conversion,
        p.ftePerHead,
        p.costPerLearnerYear,
        bandLabel(p.entrantAgeBand),
        ...intakes,
      ],
      pipeHead.map((h) => h.format),
    );
    for (const k of [IP.name, IP.org, IP.role, IP.from]) fixed(row.getCell(k));
    if (isProg) editable(row.getCell(IP.leave), fromList(YES_NO, 'Trainees leave their role'));
    else fixed(row.getCell(IP.leave));
    editable(row.getCell(IP.dur), decimal(0, 10, 'Course length'));
    editable(row.getCell(IP.attr), fraction('Attrition'));
    editable(row.getCell(IP.conv), fraction('Conversion'));
    editable(row.getCell(IP.fph), decimal(0, 1.5, 'FTE per head', true));
    editable(row.getCell(IP.cost), decimal(0, 10_000_000, 'Cost per learner-year'));
    editable(row.getCell(IP.band), fromList(BANDS, 'Entrant age band'));
    intakes.forEach((_, j) => editable(row.getCell(intakeCol(j)), decimal(0, 100_000, 'An intake')));
  });
  const pr = (k: number) => P0 + k;
  if (P === 0) inp.line(['No pipelines in this scenario.']);
  inp.gapRow();

  const J = inputs.otherJoiners.length;
  inp.line(['Other joiners: FTE by year'], [], { bold: true });
  inp.header([{ header: 'Joiners (fixed)' }, { header: 'Entrant age band' }, ...years.map((y) => ({ header: `FTE ${yearLabel(y)}`, format: FORMAT.fte }))]);
  const J0 = inp.row;
  const IJ = { what: 1, band: 2, fte0: 3 };
  inputs.otherJoiners.forEach((j) => {
    const fte = years.map((y) => j.fteByYear[y] ?? 0);
    const row = inp.line(
      [`${j.kind.replace(/-/g, ' ')}: ${roleNames.get(j.roleId) ?? ''}, ${orgNames.get(j.orgId) ?? ''}`, bandLabel(j.entrantAgeBand), ...fte],
      [undefined, undefined, ...fte.map(() => FORMAT.fte)],
    );
    fixed(row.getCell(IJ.what));
    editable(row.getCell(IJ.band), fromList(BANDS, 'Entrant age band'));
    fte.forEach((_, t) => editable(row.getCell(IJ.fte0 + t), decimal(0, 100_000, 'Joiners (FTE)')));
  });
  if (J === 0) inp.line(['No other joiners in this scenario.']);
  inp.gapRow();

  const D = inputs.growthDrivers.length;
  inp.line(['Demand growth drivers: growth compounds evenly from the start year to the end year, then holds; a blank scope means all'], [], { bold: true });
  inp.header([
    { header: 'Driver (fixed)' },
    { header: 'Growth over the period', format: '0.0000' },
    { header: 'Start year' },
    { header: 'End year' },
    { header: 'Organisation' },
    { header: 'Role' },
    { header: 'Staff group' },
  ]);
  const D0 = inp.row;
  const ID = { name: 1, growth: 2, start: 3, end: 4, org: 5, role: 6, group: 7 };
  inputs.growthDrivers.forEach((d) => {
    const row = inp.line(
      [
        d.name,
        d.growth,
        yearLabel(d.startYear),
        yearLabel(d.endYear),
        d.orgId === null ? null : (orgNames.get(d.orgId) ?? ''),
        d.roleId === null ? null : (roleNames.get(d.roleId) ?? ''),
        d.staffGroup,
      ],
      [undefined, '0.0000'],
    );
    fixed(row.getCell(ID.name));
    editable(row.getCell(ID.growth), { ...decimal(-1, 10, 'Growth', true), error: 'Growth must be a fraction above −1 (−100 %) and at most 10 (1,000 %).' });
    editable(row.getCell(ID.start), fromList(YEAR_LABELS, 'Start year'));
    editable(row.getCell(ID.end), fromList(YEAR_LABELS, 'End year'));
    editable(row.getCell(ID.org), fromList(ORGS, 'Organisation', true));
    editable(row.getCell(ID.role), fromList(ROLES, 'Role', true));
    editable(row.getCell(ID.group), fromList(GROUPS, 'Staff group', true));
  });
  if (D === 0) inp.line(['No growth drivers in this scenario.']);
  inp.gapRow();

  const K = inputs.demandChanges.length;
  inp.line(['Demand changes: FTE added from the year on'], [], { bold: true });
  inp.header([{ header: 'Organisation (fixed)' }, { header: 'Role (fixed)' }, { header: 'Year starting' }, { header: 'Change (FTE)', format: FORMAT.fte }]);
  const K0 = inp.row;
  const IK = { org: 1, role: 2, year: 3, delta: 4 };
  inputs.demandChanges.forEach((d) => {
    const row = inp.line(
      [orgNames.get(d.orgId) ?? '', roleNames.get(d.roleId) ?? '', yearLabel(d.year), d.deltaFte],
      [undefined, undefined, undefined, FORMAT.fte],
    );
    fixed(row.getCell(IK.org));
    fixed(row.getCell(IK.role));
    editable(row.getCell(IK.year), fromList(YEAR_LABELS, 'Year starting'));
    editable(row.getCell(IK.delta), decimal(-100_000, 100_000, 'A change'));
  });
  if (K === 0) inp.line(['No demand changes in this scenario.']);
  inp.freeze(2, 0);
  inp.ws.getColumn(1).width = 44;
  inp.ws.getColumn(2).width = 40;
  inp.ws.getColumn(3).width = 30;
  inp.ws.getColumn(4).width = 22;
  inp.ws.getColumn(5).width = 22;
  for (let c = 6; c <= Math.max(IC.retire + B, IP.intake0 + LOOKBACK + Y); c++) inp.ws.getColumn(c).width = 13;
  // The sheet has a heading row per section, so the rows repeated on every page are its title and
  // the note on which cells drive the model.
  inp.finish(ctx.page, { titleRows: [1, 2] });

  // ---- Working sheets (hidden) ----
  const bandsW = new SheetWriter(wb, `Calc bands${suffix}`, taken);
  const cellsW = new SheetWriter(wb, `Calc cells${suffix}`, taken);
  const pipesW = new SheetWriter(wb, `Calc pipelines${suffix}`, taken);
  const demandW = new SheetWriter(wb, `Calc demand${suffix}`, taken);
  const SB = bandsW.ws.name;
  const SC = cellsW.ws.name;
  const SP = pipesW.ws.name;
  const SD = demandW.ws.name;
  for (const w of [bandsW, cellsW, pipesW, demandW]) w.ws.state = 'hidden';

  const bandRow = (i: number, b: number) => 2 + i * B + b;
  const bandCol = (t: number, stage: BandStage) => 3 + t * BAND_STAGES.length + BAND_STAGES.indexOf(stage);
  const cellRow = (i: number) => 2 + i;
  const cellCol = (t: number, m: CellMetric) => 5 + t * CELL_METRICS.length + CELL_METRICS.indexOf(m);
  const pipeRow = (k: number) => 2 + k;
  const PH = { target: 3, source: 4, leave: 5, prog: 6, dur: 7, whole: 8, frac: 9, keep: 10, conv: 11, fph: 12, cost: 13, band: 14, starts0: 15 };
  /** Starts column for a year (index from the base year; negative = before it). */
  const startsCol = (yIndex: number) => PH.starts0 + LOOKBACK + yIndex;
  const lastStartsCol = startsCol(Y - 1);
  const pipeCol = (t: number, m: PipeMetric) => lastStartsCol + 1 + t * PIPE_METRICS.length + PIPE_METRICS.indexOf(m);
  const driverRow = (d: number) => 2 + d;
  const DC = { org: 2, role: 3, group: 4, factor0: 5 };
  const changeRow = (k: number) => D + 4 + k;
  const KC = { year: 2 };

  // Headers, so the working is readable when unhidden.
  put(bandsW.ws.getCell(1, 1), 'Cell');
  put(bandsW.ws.getCell(1, 2), 'Age band');
  years.forEach((y, t) => BAND_STAGES.forEach((s) => put(bandsW.ws.getCell(1, bandCol(t, s)), `${yearLabel(y)} ${s}`)));
  ['Cell', 'Organisation (position in the list)', 'Role (position)', 'Staff group (position)'].forEach((h, c) => put(cellsW.ws.getCell(1, c + 1), h));
  years.forEach((y, t) => CELL_METRICS.forEach((m) => put(cellsW.ws.getCell(1, cellCol(t, m)), `${yearLabel(y)} ${CELL_METRIC_HEADINGS[m] ?? m}`)));
  [
    'Pipeline',
    'Name',
    'Target cell',
    'Source cell',
    'Leave at start',
    'Progression',
    'Course length',
    'Whole years',
    'Fraction',
    'Completing share',
    'Conversion',
    'FTE per head',
    'Cost',
    'Entrant band',
  ].forEach((h, c) => put(pipesW.ws.getCell(1, c + 1), h));
  for (let yi = -LOOKBACK; yi < Y; yi++) put(pipesW.ws.getCell(1, startsCol(yi)), `Starts ${yearLabel(baseYear + yi)}`);
  years.forEach((y, t) => PIPE_METRICS.forEach((m) => put(pipesW.ws.getCell(1, pipeCol(t, m)), `${yearLabel(y)} ${m}`)));
  ['Driver', 'Organisation', 'Role', 'Staff group'].forEach((h, c) => put(demandW.ws.getCell(1, c + 1), h));
  years.forEach((y, t) => put(demandW.ws.getCell(1, DC.factor0 + t), `Factor ${yearLabel(y)}`));
  put(demandW.ws.getCell(D + 3, 1), 'Change');
  put(demandW.ws.getCell(D + 3, KC.year), 'Year starting');

  // Demand driver factors (engine: driverFactor) and scopes (0 = all).
  for (let d = 0; d < D; d++) {
    const r = D0 + d;
    const ws = demandW.ws;
    put(ws.getCell(driverRow(d), 1), d + 1);
    const scope = (c: number, list: string) => `IF(${ref(I, c, r, true)}="",0,${position(ref(I, c, r, true), list)})`;
    formula(ws.getCell(driverRow(d), DC.org), scope(ID.org, ORGS));
    formula(ws.getCell(driverRow(d), DC.role), scope(ID.role, ROLES));
    formula(ws.getCell(driverRow(d), DC.group), scope(ID.group, GROUPS));
    const g = ref(I, ID.growth, r, true);
    const s = yearOf(ref(I, ID.start, r, true));
    const e = yearOf(ref(I, ID.end, r, true));
    years.forEach((y, t) =>
      formula(
        ws.getCell(driverRow(d), DC.factor0 + t),
        `IF(AND(${y}>=${e},OR(${y}>${s},${e}=${s})),1+${g},IF(${y}<=${s},1,POWER(1+${g},(${y}-${s})/(${e}-${s}))))`,
      ),
    );
  }
  for (let k = 0; k < K; k++) {
    put(demandW.ws.getCell(changeRow(k), 1), k + 1);
    formula(demandW.ws.getCell(changeRow(k), KC.year), yearOf(ref(I, IK.year, K0 + k, true)));
  }

  // Pipeline helpers and pre-base starts. What a pipeline feeds is fixed; how is live.
  const pipeRange = (c: number) => range(SP, c, pipeRow(0), pipeRow(P - 1));
  for (let k = 0; k < P; k++) {
    const r = pipeRow(k);
    const ir = pr(k);
    const ws = pipesW.ws;
    const p = inputs.pipelines[k]!;
    const isProg = p.sourceRoleId !== null;
    put(ws.getCell(r, 1), k + 1);
    put(ws.getCell(r, 2), p.name);
    put(ws.getCell(r, PH.target), cellNo.get(`${p.orgId}:${p.roleId}`) ?? 0);
    put(ws.getCell(r, PH.source), isProg ? (cellNo.get(`${p.orgId}:${p.sourceRoleId}`) ?? 0) : 0);
    put(ws.getCell(r, PH.prog), isProg ? 1 : 0);
    if (isProg) formula(ws.getCell(r, PH.leave), `2-${position(ref(I, IP.leave, ir), YES_NO)}`);
    else put(ws.getCell(r, PH.leave), 0);
    formula(ws.getCell(r, PH.dur), `MAX(0,${ref(I, IP.dur, ir)})`);
    formula(ws.getCell(r, PH.whole), `INT(${col(PH.dur)}${r})`);
    formula(ws.getCell(r, PH.frac), `${col(PH.dur)}${r}-${col(PH.whole)}${r}`);
    formula(ws.getCell(r, PH.keep), `1-MIN(1,MAX(0,${ref(I, IP.attr, ir)}))`);
    formula(ws.getCell(r, PH.conv), `MIN(1,MAX(0,${ref(I, IP.conv, ir)}))`);
    formula(ws.getCell(r, PH.fph), `MAX(0,${ref(I, IP.fph, ir)})`);
    formula(ws.getCell(r, PH.cost), `MAX(0,${ref(I, IP.cost, ir)})`);
    formula(ws.getCell(r, PH.band), position(ref(I, IP.band, ir), BANDS));
    for (let yi = -LOOKBACK; yi < 0; yi++) {
      const x = ref(I, intakeCol(yi + LOOKBACK), ir);
      formula(ws.getCell(r, startsCol(yi)), `IF(${x}>0,${x},0)`);
    }
  }

  // Cells: their organisation, role and staff group as positions in the lists (fixed).
  for (let i = 0; i < N; i++) {
    const r = cellRow(i);
    const c = cells[i]!;
    put(cellsW.ws.getCell(r, 1), i + 1);
    put(cellsW.ws.getCell(r, 2), orgIndex(c.orgId));
    put(cellsW.ws.getCell(r, 3), roleIndex(c.roleId));
    put(cellsW.ws.getCell(r, 4), groupIndex(role.get(c.roleId)?.staffGroup ?? ''));
  }
  const cellRange = (c: number) => range(SC, c, cellRow(0), cellRow(N - 1));

  // Additions in the engine's order (pipelines, then joiners, then demand changes, each in input
  // order), as chains of + rather than SUMIFS, whose compensated sum is not the same double.
  // Which cell each feeds is fixed by the layout; their values, years and age bands are live.
  const pipesInto = cells.map(() => [] as number[]);
  inputs.pipelines.forEach((p, k) => pipesInto[(cellNo.get(`${p.orgId}:${p.roleId}`) ?? 0) - 1]?.push(k));
  const joinersInto = cells.map(() => [] as number[]);
  inputs.otherJoiners.forEach((j, k) => joinersInto[(cellNo.get(`${j.orgId}:${j.roleId}`) ?? 0) - 1]?.push(k));
  const changesOf = cells.map(() => [] as number[]);
  inputs.demandChanges.forEach((c, k) => changesOf[(cellNo.get(`${c.orgId}:${c.roleId}`) ?? 0) - 1]?.push(k));

  for (let t = 0; t < Y; t++) {
    const year = years[t]!;
    const pc = (k: number, m: PipeMetric) => `${col(pipeCol(t, m))}${pipeRow(k)}`;
    const cc = (i: number, m: CellMetric) => `${col(cellCol(t, m))}${cellRow(i)}`;

    // Band stages S0 → V (leavers and capped retirements from the opening stock).
    for (let i = 0; i < N; i++) {
      const ir = cr(i);
      const lr = `MIN(1,MAX(0,${ref(I, IC.lr, ir, true)}))`;
      for (let b = 0; b < B; b++) {
        const r = bandRow(i, b);
        const ws = bandsW.ws;
        if (t === 0) {
          put(ws.getCell(r, 1), i + 1);
          put(ws.getCell(r, 2), AGE_BANDS[b]);
          const sum = Array.from({ length: B }, (_, bb) => `MAX(0,${ref(I, IC.profile + bb, ir, true)})`).join('+');
          const fte = `MAX(0,${ref(I, IC.fte, ir, true)})`;
          formula(ws.getCell(r, bandCol(0, 'S0')), `IF((${sum})>0,(${fte}*MAX(0,${ref(I, IC.profile + b, ir, true)}))/(${sum}),${fte}/${B})`);
        } else {
          // The age roll: a fifth of every band but the last moves up one band.
          const v = (bb: number) => `${col(bandCol(t - 1, 'V'))}${bandRow(i, bb)}`;
          const f = b === 0 ? `${v(0)}-${v(0)}/5` : b < B - 1 ? `${v(b)}-${v(b)}/5+${v(b - 1)}/5` : `${v(b)}+${v(b - 1)}/5`;
          formula(ws.getCell(r, bandCol(t, 'S0')), f);
        }
        const s0 = `${col(bandCol(t, 'S0'))}${r}`;
        const l = `${col(bandCol(t, 'L'))}${r}`;
        formula(ws.getCell(r, bandCol(t, 'L')), `${s0}*${lr}`);
        formula(ws.getCell(r, bandCol(t, 'R')), `MIN(${s0}*MIN(1,MAX(0,${ref(I, IC.retire + b, ir, true)})),${s0}-${l})`);
        formula(ws.getCell(r, bandCol(t, 'A1')), `${s0}-${l}-${col(bandCol(t, 'R'))}${r}`);
        formula(ws.getCell(r, bandCol(t, 'A2')), `${col(bandCol(t, 'A1'))}${r}*${ref(SC, cellCol(t, 'keep1'), cellRow(i))}`);
        formula(ws.getCell(r, bandCol(t, 'A3')), `${col(bandCol(t, 'A2'))}${r}*${ref(SC, cellCol(t, 'keep2'), cellRow(i))}`);
        const joined = pipesInto[i]!.map((k) => `+IF(${ref(SP, PH.band, pipeRow(k), true)}=${b + 1},${ref(SP, pipeCol(t, 'joined'), pipeRow(k))},0)`).join('');
        const others = joinersInto[i]!.map((j) => {
          const v = ref(I, IJ.fte0 + t, J0 + j, true);
          return `+IF(AND(${position(ref(I, IJ.band, J0 + j, true), BANDS)}=${b + 1},${v}>0),${v},0)`;
        }).join('');
        formula(ws.getCell(r, bandCol(t, 'V')), `${col(bandCol(t, 'A3'))}${r}${joined}${others}`);
      }
    }

    // Cell sums of the band stages.
    // Band totals as a plain chain of additions in band order, as the engine adds them: SUM
    // in LibreOffice uses compensated summation, which is more exact but not the same double.
    const bandSum = (i: number, stage: BandStage) => Array.from({ length: B }, (_, b) => `${q(SB)}!${col(bandCol(t, stage))}${bandRow(i, b)}`).join('+');
    for (let i = 0; i < N; i++) {
      const ws = cellsW.ws;
      const r = cellRow(i);
      const set = (m: CellMetric, f: string) => formula(ws.getCell(r, cellCol(t, m)), f);
      set('opening', bandSum(i, 'S0'));
      set('leavers', bandSum(i, 'L'));
      set('retirements', bandSum(i, 'R'));
      set('total1', bandSum(i, 'A1'));
      // What progression takes from this cell: all it is asked for, or all it has if less.
      set('removed1', P > 0 ? `MIN(${cc(i, 'total1')},SUMIFS(${pipeRange(pipeCol(t, 'want1'))},${pipeRange(PH.source)},$A${r}))` : '0');
      set('keep1', `IF(${cc(i, 'removed1')}>0,MAX(0,1-${cc(i, 'removed1')}/${cc(i, 'total1')}),1)`);
      set('total2', bandSum(i, 'A2'));
      set('removed2', P > 0 ? `MIN(${cc(i, 'total2')},SUMIFS(${pipeRange(pipeCol(t, 'want2'))},${pipeRange(PH.source)},$A${r}))` : '0');
      set('keep2', `IF(${cc(i, 'removed2')}>0,MAX(0,1-${cc(i, 'removed2')}/${cc(i, 'total2')}),1)`);
      set('progressionOut', `IF(${cc(i, 'removed1')}>0,${cc(i, 'removed1')},0)+IF(${cc(i, 'removed2')}>0,${cc(i, 'removed2')},0)`);
      set('qualified', ['0', ...pipesInto[i]!.map((k) => `${ref(SP, pipeCol(t, 'joined'), pipeRow(k))}`)].join('+'));
      set('otherJoiners', ['0', ...joinersInto[i]!.map((j) => `IF(${ref(I, IJ.fte0 + t, J0 + j, true)}>0,${ref(I, IJ.fte0 + t, J0 + j, true)},0)`)].join('+'));
      set('closing', bandSum(i, 'V'));
      const fte = ref(I, IC.fte, cr(i), true);
      const hc = ref(I, IC.hc, cr(i), true);
      set('closingHeadcount', `${cc(i, 'closing')}/IF(AND(${fte}>0,${hc}>0),${fte}/${hc},1)`);
      let demand = ref(I, IC.est, cr(i), true);
      for (let d = 0; d < D; d++) {
        const scope = (c: number, mine: string) => `OR(${ref(SD, c, driverRow(d), true)}=0,${ref(SD, c, driverRow(d), true)}=${mine})`;
        demand += `*IF(AND(${scope(DC.org, `$B${r}`)},${scope(DC.role, `$C${r}`)},${scope(DC.group, `$D${r}`)}),${ref(SD, DC.factor0 + t, driverRow(d))},1)`;
      }
      for (const k of changesOf[i]!) demand += `+IF(${ref(SD, KC.year, changeRow(k), true)}<=${year},${ref(I, IK.delta, K0 + k, true)},0)`;
      set('demand', demand);
      set('gap', `${cc(i, 'demand')}-${cc(i, 'closing')}`);
      set('vacancyRate', `IF(${cc(i, 'demand')}<>0,${cc(i, 'gap')}/${cc(i, 'demand')},0)`);
      set('agencyCost', `IF(${cc(i, 'gap')}>0,${cc(i, 'gap')}*${ref(I, IC.share, cr(i), true)}*${ref(I, IC.cost, cr(i), true)},0)`);
    }

    // Pipelines: starts, completions, what progression takes from the source role, joiners.
    for (let k = 0; k < P; k++) {
      const ws = pipesW.ws;
      const r = pipeRow(k);
      const h = (c: number) => `$${col(c)}${r}`;
      const set = (m: PipeMetric, f: string) => formula(ws.getCell(r, pipeCol(t, m)), f);
      const intake = ref(I, intakeCol(LOOKBACK + t), pr(k));
      set('planned', `IF(${intake}>0,${intake},0)`);
      // Trainees who leave their role at the start: what they ask of the source, the share granted.
      set('want1', `IF(${h(PH.leave)}=1,${pc(k, 'planned')}*${h(PH.fph)},0)`);
      const total1 = `INDEX(${cellRange(cellCol(t, 'total1'))},${h(PH.source)},1)`;
      const req1 = `SUMIFS(${pipeRange(pipeCol(t, 'want1'))},${pipeRange(PH.source)},${h(PH.source)})`;
      set('scale1', `IF(${h(PH.leave)}=1,IF(${pc(k, 'want1')}>0,IF(${h(PH.source)}>0,MIN(1,${total1}/${req1}),0),1),1)`);
      set('out1', `IF(${h(PH.leave)}=1,${pc(k, 'want1')}*${pc(k, 'scale1')},0)`);
      formula(ws.getCell(r, startsCol(t)), `IF(${h(PH.leave)}=1,${pc(k, 'planned')}*${pc(k, 'scale1')},${pc(k, 'planned')})`);
      const startsRow = `$${col(PH.starts0)}${r}:$${col(lastStartsCol)}${r}`;
      const pos = LOOKBACK + t + 1;
      set(
        'completers',
        `${h(PH.keep)}*((1-${h(PH.frac)})*INDEX(${startsRow},1,${pos}-${h(PH.whole)})+IF(${h(PH.frac)}>0,${h(PH.frac)}*INDEX(${startsRow},1,${pos}-${h(PH.whole)}-1),0))`,
      );
      // Trainees who stayed in their role leave it on completing.
      const stays = `AND(${h(PH.prog)}=1,${h(PH.leave)}=0)`;
      set('want2', `IF(${stays},${pc(k, 'completers')}*${h(PH.fph)},0)`);
      const total2 = `INDEX(${cellRange(cellCol(t, 'total2'))},${h(PH.source)},1)`;
      const req2 = `SUMIFS(${pipeRange(pipeCol(t, 'want2'))},${pipeRange(PH.source)},${h(PH.source)})`;
      set('scale2', `IF(${pc(k, 'want2')}>0,IF(${h(PH.source)}>0,MIN(1,${total2}/${req2}),0),1)`);
      set('out2', `IF(${stays},${pc(k, 'want2')}*${pc(k, 'scale2')},0)`);
      set('joined', `IF(${stays},${pc(k, 'out2')}*${h(PH.conv)},${pc(k, 'completers')}*${h(PH.conv)}*${h(PH.fph)})`);
      // Learner-years: each cohort that started up to ten years back, by its overlap with this year.
      const terms: string[] = [];
      for (let j = 0; j <= 10; j++) terms.push(`IF(${j}<${h(PH.dur)},INDEX(${startsRow},1,${pos - j})*MIN(1,${h(PH.dur)}-${j}),0)`);
      set('learners', terms.join('+'));
      set('cost', `${pc(k, 'learners')}*${h(PH.cost)}`);
    }
  }

  const inputCol = (field: 'fte' | 'leaverRate' | { profileBand: number }) =>
    field === 'fte' ? IC.fte : field === 'leaverRate' ? IC.lr : IC.profile + field.profileBand;
  return {
    book,
    inputs: I,
    calcCells: SC,
    calcPipelines: SP,
    lists: L,
    cellRef: (i, t, m) => ref(SC, cellCol(t, m), cellRow(i)),
    cellAt: (i, t, m) => ({ sheet: SC, row: cellRow(i), col: cellCol(t, m) }),
    cellColumn: (t, m) => cellRange(cellCol(t, m)),
    roleColumn: cellRange(3),
    orgColumn: cellRange(2),
    roleIndex,
    orgIndex,
    roleSum: (roleId, t, m) => `SUMIFS(${cellRange(cellCol(t, m))},${cellRange(3)},${roleIndex(roleId)})`,
    pipelineRef: (k, t, m) => ref(SP, pipeCol(t, m), pipeRow(k)),
    startsRef: (k, t) => ref(SP, startsCol(t), pipeRow(k)),
    pipelineColumn: (t, m) => pipeRange(pipeCol(t, m)),
    intakeRef: (k, t) => ref(I, intakeCol(LOOKBACK + t), pr(k)),
    inputRef: (i, field) => ref(I, inputCol(field), cr(i), true),
    yearLabels: YEAR_LABELS,
  };
}

/**
 * Checks the formulas' values (as worked out for the cached values) against the engine, cell by
 * cell: supply and demand in every year. A difference means the workbook would mislead, so the
 * export stops with a message rather than write it.
 */
export function checkFormulaModel(values: FormulaValues, book: ScenarioBook, model: FormulaModel): void {
  const years = book.result.years;
  book.result.cells.forEach((c, i) => {
    years.forEach((y, t) => {
      for (const m of ['closing', 'demand'] as const) {
        const at = model.cellAt(i, t, m);
        const got = values.valueOf(at.sheet, at.row, at.col);
        const want = c[m][t]!;
        if (typeof got !== 'number' || Math.abs(got - want) > 1e-6 * Math.max(1, Math.abs(want))) {
          throw new AppError(
            'INTERNAL',
            `The live-formula workbook would not match the app: ${m === 'closing' ? 'supply' : 'demand'} of row ${i + 1} in ${yearLabel(y)} is ${typeof got === 'object' && got !== null ? JSON.stringify(got) : String(got)} in the formulas and ${want} in the app. The workbook was not written; export without live formulas instead.`,
          );
        }
      }
    });
  });
}

/** The projection sheet as formulas: the same layout as the static sheet, years across. */
export function formulaProjection(ctx: BoardContext, book: ScenarioBook, model: FormulaModel, name: string): void {
  const s = new SheetWriter(ctx.wb, name, ctx.taken);
  const years = book.result.years;
  const { role } = names(book.inputs);
  s.title(
    `Projection by organisation, role and year: ${book.scenario.name}`,
    `Live formulas over "${model.inputs}". Each organisation and role at each year end, with each organisation’s subtotal and the system total.`,
  );
  const head = s.header([{ header: 'Organisation' }, { header: 'Role' }, ...yearColumns(years)]);
  s.freeze(2, head);
  const sections = projectionSections(ctx.options.measures);
  const orgs = cellsByOrganisation(book);
  const kinds = sections.map((sec) => ({
    sec,
    f: (i: number, t: number) =>
      sec.metric === 'supplyMinusDemand' ? `${model.cellRef(i, t, 'closing')}-${model.cellRef(i, t, 'demand')}` : model.cellRef(i, t, sec.metric),
  }));
  for (const { sec, f } of kinds) {
    s.line([sec.label], [], { bold: true });
    const subtotals: number[] = [];
    for (const o of orgs) {
      const first = s.row;
      for (const i of o.cells) {
        const c = book.result.cells[i]!;
        const row = s.line([o.name, role.get(c.roleId) ?? `Role ${c.roleId}`], [], { outlineLevel: DETAIL_LEVEL });
        years.forEach((_, t) => formula(row.getCell(3 + t), f(i, t), sec.format));
      }
      const last = s.row - 1;
      const sub = s.line([o.name, 'All roles'], [], { bold: true });
      years.forEach((_, t) => formula(sub.getCell(3 + t), `SUM(${col(3 + t)}${first}:${col(3 + t)}${last})`, sec.format));
      subtotals.push(sub.number);
    }
    const total = s.line(['All organisations', 'System total'], [], { bold: true });
    years.forEach((_, t) => formula(total.getCell(3 + t), subtotals.map((r) => `${col(3 + t)}${r}`).join('+') || '0', sec.format));
    total.eachCell({ includeEmpty: true }, (c) => (c.border = TOTAL_BORDER));
    s.gapRow();
  }
  yearWidths(s.ws, [56, 50], years.length);
  s.finish(ctx.page, { titleRows: [head, head] });
}

/** The bridge per role as formulas: flows out negative, so each column adds up. */
export function formulaBridge(ctx: BoardContext, book: ScenarioBook, model: FormulaModel, name: string): void {
  const s = new SheetWriter(ctx.wb, name, ctx.taken);
  const years = book.result.years;
  const org = new Map(book.inputs.organisations.map((o) => [o.id, o.name]));
  s.title(
    `Supply bridge by role (FTE): ${book.scenario.name}`,
    `Live formulas over "${model.inputs}". Opening → qualified by pipeline → other joiners → leavers → retirements → closing. Flows out are negative.`,
  );
  const head = s.header([{ header: 'Role' }, { header: 'Flow' }, ...yearColumns(years)]);
  s.freeze(2, head);
  for (const r of book.inputs.roles) {
    if (!book.result.cells.some((c) => c.roleId === r.id)) continue;
    const lines: { label: string; f: (t: number) => string; format: string; stock?: boolean }[] = [
      { label: 'Opening', f: (t) => model.roleSum(r.id, t, 'opening'), format: FORMAT.fte, stock: true },
    ];
    book.inputs.pipelines.forEach((p, k) => {
      if (p.roleId === r.id)
        lines.push({ label: `Qualified: ${p.name} (${org.get(p.orgId) ?? p.orgId})`, f: (t) => model.pipelineRef(k, t, 'joined'), format: FORMAT.fte });
    });
    lines.push(
      { label: 'Other joiners', f: (t) => model.roleSum(r.id, t, 'otherJoiners'), format: FORMAT.fte },
      { label: 'Leavers', f: (t) => `-${model.roleSum(r.id, t, 'leavers')}`, format: FORMAT.outflow },
      { label: 'Retirements', f: (t) => `-${model.roleSum(r.id, t, 'retirements')}`, format: FORMAT.outflow },
      { label: 'Moved to training for another role', f: (t) => `-${model.roleSum(r.id, t, 'progressionOut')}`, format: FORMAT.outflow },
      { label: 'Closing', f: (t) => model.roleSum(r.id, t, 'closing'), format: FORMAT.fte, stock: true },
    );
    for (const line of lines) {
      const closing = line.label === 'Closing';
      const row = s.line([r.name, line.label], [], { bold: closing, outlineLevel: line.stock ? 0 : DETAIL_LEVEL });
      years.forEach((_, t) => formula(row.getCell(3 + t), line.f(t), line.format));
      if (closing) row.eachCell((c) => (c.border = TOTAL_BORDER));
    }
    s.gapRow();
  }
  yearWidths(s.ws, [34, 62], years.length);
  s.finish(ctx.page, { titleRows: [head, head] });
}

/** Pipelines with intakes pointing at Inputs and results at the working sheet. */
export function formulaPipelines(ctx: BoardContext, book: ScenarioBook, model: FormulaModel, name: string): void {
  const s = new SheetWriter(ctx.wb, name, ctx.taken);
  const years = book.result.years;
  const org = new Map(book.inputs.organisations.map((o) => [o.id, o.name]));
  const role = new Map(book.inputs.roles.map((r) => [r.id, r.name]));
  s.title(`Pipelines and intakes: ${book.scenario.name}`, `Live formulas: intakes are read from "${model.inputs}".`);
  const head = s.header([{ header: 'Pipeline' }, { header: 'Organisation' }, { header: 'Role' }, { header: 'Measure' }, ...yearColumns(years)]);
  s.freeze(1, head);
  book.inputs.pipelines.forEach((p, k) => {
    const rows: { label: string; f: (t: number) => string; format: string }[] = [
      { label: 'Intake (heads)', f: (t) => model.intakeRef(k, t), format: FORMAT.heads },
      { label: 'Completers (heads)', f: (t) => model.pipelineRef(k, t, 'completers'), format: FORMAT.fte },
      { label: 'Joined (FTE)', f: (t) => model.pipelineRef(k, t, 'joined'), format: FORMAT.fte },
      { label: 'Training cost (£)', f: (t) => model.pipelineRef(k, t, 'cost'), format: FORMAT.money },
    ];
    for (const x of rows) {
      const row = s.line([p.name, org.get(p.orgId) ?? '', role.get(p.roleId) ?? '', x.label]);
      years.forEach((_, t) => formula(row.getCell(5 + t), x.f(t), x.format));
    }
  });
  if (book.inputs.pipelines.length === 0) s.line(['This scenario has no pipelines.']);
  yearWidths(s.ws, [40, 34, 30, 18], years.length);
  s.finish(ctx.page, { titleRows: [head, head] });
}

/**
 * Protects every sheet without a password, so that a formula cannot be overtyped by accident;
 * on Inputs only the white cells (unlocked) can be changed. Columns and rows may be resized.
 */
export function protectLiveWorkbook(wb: ExcelJS.Workbook): void {
  // Excel recalculates on opening; the cached values are for viewers that do not.
  wb.calcProperties.fullCalcOnLoad = true;
  // protect() sets the sheet's protection at once (its promise only signals completion).
  for (const ws of wb.worksheets)
    void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, autoFilter: true });
}
