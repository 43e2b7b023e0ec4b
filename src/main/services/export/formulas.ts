/**
 * Live formulas: an Inputs sheet holding every engine input of a scenario, hidden working sheets
 * that reproduce src/shared/model/projection.ts step by step in Excel formulas (age bands, leavers,
 * capped retirements, progression starts and completions shared pro rata, fractional course
 * lengths, other joiners, the age roll, demand drivers and changes), and the projection, bridge
 * and pipeline sheets as formulas over them. An analyst can change an assumption on Inputs and
 * see it flow. The formula layout is fixed by the plan's years and its lists of cells, pipelines,
 * joiners, drivers and changes; their values are free to change.
 *
 * Kept in step with the engine by a test that recalculates the workbook in LibreOffice and
 * compares every projected cell with projectScenario (|Δ| < 1e-9).
 */
import type ExcelJS from 'exceljs';
import { yearLabel } from '../../../shared/format';
import { AGE_BAND_COUNT, AGE_BANDS } from '../../../shared/model/types';
import type { ScenarioBook } from './board';
import { FORMAT, SheetWriter, put } from './sheet-kit';

const B = AGE_BAND_COUNT;
/** Years of intakes before the base year kept on Inputs: enough for the longest course (10 years) and its fractional tail. */
export const LOOKBACK = 12;

/** Column number (1-based) → letters. */
export function col(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}
const q = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;
const ref = (sheet: string, c: number, r: number, abs = false) => `${q(sheet)}!${abs ? '$' : ''}${col(c)}${abs ? '$' : ''}${r}`;
const range = (sheet: string, c: number, r1: number, r2: number) => `${q(sheet)}!$${col(c)}$${r1}:$${col(c)}$${r2}`;

function formula(cell: ExcelJS.Cell, f: string, format?: string): void {
  cell.value = { formula: f };
  if (format) cell.numFmt = format;
}

/** Where everything lives, for the visible sheets to point at. */
export interface FormulaModel {
  inputs: string;
  /** Calc cells: per engine cell and year. */
  cellRef(cellIndex: number, yearIndex: number, what: CellMetric): string;
  /** A SUMIFS over every cell of a role. */
  roleSum(roleId: number, yearIndex: number, what: CellMetric): string;
  pipelineRef(pipelineIndex: number, yearIndex: number, what: PipeMetric): string;
  intakeRef(pipelineIndex: number, yearIndex: number): string;
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
const PIPE_METRICS = ['planned', 'want1', 'scale1', 'out1', 'completers', 'want2', 'scale2', 'out2', 'joined', 'learners', 'cost'] as const;
export type PipeMetric = (typeof PIPE_METRICS)[number];
const BAND_STAGES = ['S0', 'L', 'R', 'A1', 'A2', 'A3', 'V'] as const;
type BandStage = (typeof BAND_STAGES)[number];

/** Builds Inputs and the hidden working sheets for one scenario; returns where things are. */
export function addFormulaModel(wb: ExcelJS.Workbook, taken: Set<string>, book: ScenarioBook, suffix: string): FormulaModel {
  const { inputs, result } = book;
  const years = result.years;
  const Y = years.length;
  const baseYear = years[0]!;
  const cells = result.cells;
  const N = cells.length;
  const cellNo = new Map(cells.map((c, i) => [`${c.orgId}:${c.roleId}`, i + 1]));
  const work = inputs.workforce;
  const wf = new Map(work.map((w) => [`${w.orgId}:${w.roleId}`, w]));
  const orgName = new Map(inputs.organisations.map((o) => [o.id, o.name]));
  const role = new Map(inputs.roles.map((r) => [r.id, r]));

  // ---- Inputs ----
  const inp = new SheetWriter(wb, `Inputs${suffix}`, taken);
  const I = inp.ws.name;
  inp.title(`Inputs: ${book.scenario.name}`, 'Change a value here and the projection, bridge and pipeline sheets follow. Rates and shares are fractions (0.1 = 10%). Add or remove rows in the app, not here.');
  inp.line(['Base year', yearLabel(baseYear)]);
  inp.line(['Horizon', yearLabel(years[Y - 1]!)]);
  inp.gapRow();

  inp.line(['Workforce by organisation and role (FTE at the start of the base year) with this scenario’s rates'], [], { bold: true });
  const cellHead = ['Cell', 'Organisation', 'Role', 'Organisation id', 'Role id', 'Staff group', 'FTE', 'Headcount', 'Establishment (FTE)', 'Leaver rate', 'Agency share', 'Agency cost per FTE (£)'];
  for (const b of AGE_BANDS) cellHead.push(`Age profile: ${b}`);
  for (const b of AGE_BANDS) cellHead.push(`Retirement: ${b}`);
  inp.header(cellHead);
  const C0 = inp.row;
  const cellFormats = [undefined, undefined, undefined, undefined, undefined, undefined, FORMAT.fte, FORMAT.heads, FORMAT.fte, '0.0000', '0.0000', FORMAT.money, ...new Array<string>(2 * B).fill('0.0000')];
  cells.forEach((c, i) => {
    const w = wf.get(`${c.orgId}:${c.roleId}`);
    const r = role.get(c.roleId);
    const profile = Array.from({ length: B }, (_, b) => w?.ageProfile[b] ?? 0);
    const retire = Array.from({ length: B }, (_, b) => w?.retirementByBand[b] ?? 0);
    inp.line(
      [i + 1, orgName.get(c.orgId) ?? '', r?.name ?? '', c.orgId, c.roleId, r?.staffGroup ?? '', w?.fte ?? 0, w?.headcount ?? 0, w?.establishment ?? 0, w?.leaverRate ?? 0, w?.agencyShare ?? 0, w?.agencyCostPerFte ?? 0, ...profile, ...retire],
      cellFormats,
    );
  });
  const cr = (i: number) => C0 + i;
  const IC = { fte: 7, hc: 8, est: 9, lr: 10, share: 11, cost: 12, profile: 13, retire: 13 + B };
  inp.gapRow();

  const P = inputs.pipelines.length;
  const firstIntakeYear = baseYear - LOOKBACK;
  inp.line(['Pipelines (starters are heads; a course of 1.5 years completes half after one year and half after two)'], [], { bold: true });
  const pipeHead = ['Pipeline', 'Name', 'Target cell', 'Source cell (0 = none)', 'Trainees leave source role (1 = yes)', 'Progression (1 = yes)', 'Course length (years)', 'Attrition', 'Conversion', 'FTE per head', 'Cost per learner-year (£)', 'Entrant age band'];
  for (let y = firstIntakeYear; y <= years[Y - 1]!; y++) pipeHead.push(`Intake ${yearLabel(y)}`);
  inp.header(pipeHead);
  const P0 = inp.row;
  inputs.pipelines.forEach((p, k) => {
    const isProg = p.sourceRoleId !== null;
    const src = isProg ? (cellNo.get(`${p.orgId}:${p.sourceRoleId}`) ?? 0) : 0;
    const intakes: number[] = [];
    for (let y = firstIntakeYear; y <= years[Y - 1]!; y++) intakes.push(p.intakes[y] ?? 0);
    inp.line(
      [k + 1, p.name, cellNo.get(`${p.orgId}:${p.roleId}`) ?? 0, src, isProg && p.traineesLeaveSourceRole ? 1 : 0, isProg ? 1 : 0, p.durationYears, p.attrition, p.conversion, p.ftePerHead, p.costPerLearnerYear, AGE_BANDS[Math.min(B - 1, Math.max(0, Math.trunc(p.entrantAgeBand)))]!, ...intakes],
      [undefined, undefined, undefined, undefined, undefined, undefined, FORMAT.years, '0.0000', '0.0000', '0.00', FORMAT.money, undefined, ...intakes.map(() => FORMAT.heads)],
    );
  });
  const pr = (k: number) => P0 + k;
  const IP = { target: 3, source: 4, leave: 5, prog: 6, dur: 7, attr: 8, conv: 9, fph: 10, cost: 11, band: 12, intake0: 13 };
  const intakeCol = (yIndexFromLookback: number) => IP.intake0 + yIndexFromLookback;
  if (P === 0) inp.line(['No pipelines in this scenario.']);
  inp.gapRow();

  const J = inputs.otherJoiners.length;
  inp.line(['Other joiners (FTE by year)'], [], { bold: true });
  inp.header(['Joiners', 'What', 'Cell', 'Entrant age band', ...years.map((y) => `FTE ${yearLabel(y)}`)]);
  const J0 = inp.row;
  inputs.otherJoiners.forEach((j, k) => {
    const fte = years.map((y) => j.fteByYear[y] ?? 0);
    inp.line(
      [k + 1, `${j.kind.replace(/-/g, ' ')}: ${role.get(j.roleId)?.name ?? ''}, ${orgName.get(j.orgId) ?? ''}`, cellNo.get(`${j.orgId}:${j.roleId}`) ?? 0, AGE_BANDS[Math.min(B - 1, Math.max(0, Math.trunc(j.entrantAgeBand)))]!, ...fte],
      [undefined, undefined, undefined, undefined, ...fte.map(() => FORMAT.fte)],
    );
  });
  if (J === 0) inp.line(['No other joiners in this scenario.']);
  inp.gapRow();

  const D = inputs.growthDrivers.length;
  inp.line(['Demand growth drivers (blank scope = all)'], [], { bold: true });
  inp.header(['Driver', 'Name', 'Growth over the period', 'Start year', 'End year', 'Organisation id', 'Role id', 'Staff group']);
  const D0 = inp.row;
  inputs.growthDrivers.forEach((d, k) => {
    inp.line([k + 1, d.name, d.growth, d.startYear, d.endYear, d.orgId, d.roleId, d.staffGroup], [undefined, undefined, '0.0000', '0', '0']);
  });
  if (D === 0) inp.line(['No growth drivers in this scenario.']);
  inp.gapRow();

  const K = inputs.demandChanges.length;
  inp.line(['Demand changes (FTE, from the year on)'], [], { bold: true });
  inp.header(['Change', 'Organisation id', 'Role id', 'Year starting', 'Change (FTE)']);
  const K0 = inp.row;
  inputs.demandChanges.forEach((d, k) => inp.line([k + 1, d.orgId, d.roleId, d.year, d.deltaFte], [undefined, undefined, undefined, '0', FORMAT.fte]));
  if (K === 0) inp.line(['No demand changes in this scenario.']);
  inp.freeze(2, 0);
  inp.fit(24);

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
  const demandRow = (d: number) => 2 + d;

  // Headers, so the working is readable when unhidden.
  put(bandsW.ws.getCell(1, 1), 'Cell');
  put(bandsW.ws.getCell(1, 2), 'Age band');
  years.forEach((y, t) => BAND_STAGES.forEach((s) => put(bandsW.ws.getCell(1, bandCol(t, s)), `${yearLabel(y)} ${s}`)));
  ['Cell', 'Organisation id', 'Role id', 'Staff group'].forEach((h, c) => put(cellsW.ws.getCell(1, c + 1), h));
  years.forEach((y, t) => CELL_METRICS.forEach((m) => put(cellsW.ws.getCell(1, cellCol(t, m)), `${yearLabel(y)} ${m}`)));
  ['Pipeline', 'Name', 'Target cell', 'Source cell', 'Leave at start', 'Progression', 'Course length', 'Whole years', 'Fraction', 'Completing share', 'Conversion', 'FTE per head', 'Cost', 'Entrant band'].forEach((h, c) =>
    put(pipesW.ws.getCell(1, c + 1), h),
  );
  for (let yi = -LOOKBACK; yi < Y; yi++) put(pipesW.ws.getCell(1, startsCol(yi)), `Starts ${yearLabel(baseYear + yi)}`);
  years.forEach((y, t) => PIPE_METRICS.forEach((m) => put(pipesW.ws.getCell(1, pipeCol(t, m)), `${yearLabel(y)} ${m}`)));
  put(demandW.ws.getCell(1, 1), 'Driver');
  years.forEach((y, t) => put(demandW.ws.getCell(1, 2 + t), `Factor ${yearLabel(y)}`));

  // Demand driver factors (engine: driverFactor).
  for (let d = 0; d < D; d++) {
    const r = D0 + d;
    put(demandW.ws.getCell(demandRow(d), 1), d + 1);
    const g = ref(I, 3, r, true);
    const s = ref(I, 4, r, true);
    const e = ref(I, 5, r, true);
    years.forEach((y, t) => formula(demandW.ws.getCell(demandRow(d), 2 + t), `IF(AND(${y}>=${e},OR(${y}>${s},${e}=${s})),1+${g},IF(${y}<=${s},1,POWER(1+${g},(${y}-${s})/(${e}-${s}))))`));
  }

  // Pipeline helpers and pre-base starts.
  const pipeRange = (c: number) => range(SP, c, pipeRow(0), pipeRow(P - 1));
  for (let k = 0; k < P; k++) {
    const r = pipeRow(k);
    const ir = pr(k);
    const ws = pipesW.ws;
    put(ws.getCell(r, 1), k + 1);
    put(ws.getCell(r, 2), inputs.pipelines[k]!.name);
    formula(ws.getCell(r, PH.target), ref(I, IP.target, ir));
    formula(ws.getCell(r, PH.source), ref(I, IP.source, ir));
    formula(ws.getCell(r, PH.leave), `IF(AND(${ref(I, IP.prog, ir)}=1,${ref(I, IP.leave, ir)}=1),1,0)`);
    formula(ws.getCell(r, PH.prog), `IF(${ref(I, IP.prog, ir)}=1,1,0)`);
    formula(ws.getCell(r, PH.dur), `MAX(0,${ref(I, IP.dur, ir)})`);
    formula(ws.getCell(r, PH.whole), `INT(${col(PH.dur)}${r})`);
    formula(ws.getCell(r, PH.frac), `${col(PH.dur)}${r}-${col(PH.whole)}${r}`);
    formula(ws.getCell(r, PH.keep), `1-MIN(1,MAX(0,${ref(I, IP.attr, ir)}))`);
    formula(ws.getCell(r, PH.conv), `MIN(1,MAX(0,${ref(I, IP.conv, ir)}))`);
    formula(ws.getCell(r, PH.fph), `MAX(0,${ref(I, IP.fph, ir)})`);
    formula(ws.getCell(r, PH.cost), `MAX(0,${ref(I, IP.cost, ir)})`);
    formula(ws.getCell(r, PH.band), `${ref(I, IP.band, ir)}&""`);
    for (let yi = -LOOKBACK; yi < 0; yi++) {
      const x = ref(I, intakeCol(yi + LOOKBACK), ir);
      formula(ws.getCell(r, startsCol(yi)), `IF(${x}>0,${x},0)`);
    }
  }

  // Cells: ids (for role sums and driver scopes).
  for (let i = 0; i < N; i++) {
    const r = cellRow(i);
    put(cellsW.ws.getCell(r, 1), i + 1);
    formula(cellsW.ws.getCell(r, 2), ref(I, 4, cr(i)));
    formula(cellsW.ws.getCell(r, 3), ref(I, 5, cr(i)));
    formula(cellsW.ws.getCell(r, 4), `${ref(I, 6, cr(i))}&""`);
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

    // Band stages S0 → A1 (leavers and capped retirements from the opening stock).
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
        const joined = pipesInto[i]!.map((k) => `+IF(${ref(SP, PH.band, pipeRow(k), true)}=$B${r},${ref(SP, pipeCol(t, 'joined'), pipeRow(k))},0)`).join('');
        const others = joinersInto[i]!.map((j) => {
          const v = ref(I, 5 + t, J0 + j, true);
          return `+IF(AND(${ref(I, 4, J0 + j, true)}=$B${r},${v}>0),${v},0)`;
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
      set('otherJoiners', ['0', ...joinersInto[i]!.map((j) => `IF(${ref(I, 5 + t, J0 + j, true)}>0,${ref(I, 5 + t, J0 + j, true)},0)`)].join('+'));
      set('closing', bandSum(i, 'V'));
      const fte = ref(I, IC.fte, cr(i), true);
      const hc = ref(I, IC.hc, cr(i), true);
      set('closingHeadcount', `${cc(i, 'closing')}/IF(AND(${fte}>0,${hc}>0),${fte}/${hc},1)`);
      let demand = ref(I, IC.est, cr(i), true);
      for (let d = 0; d < D; d++) {
        const dr = D0 + d;
        const scope = (c: number, mine: string) => `OR(${ref(I, c, dr, true)}="",${ref(I, c, dr, true)}=${mine})`;
        demand += `*IF(AND(${scope(6, `$B${r}`)},${scope(7, `$C${r}`)},${scope(8, `$D${r}`)}),${ref(SD, 2 + t, demandRow(d))},1)`;
      }
      for (const k of changesOf[i]!) demand += `+IF(${ref(I, 4, K0 + k, true)}<=${year},${ref(I, 5, K0 + k, true)},0)`;
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

  return {
    inputs: I,
    cellRef: (i, t, m) => ref(SC, cellCol(t, m), cellRow(i)),
    roleSum: (roleId, t, m) => `SUMIFS(${cellRange(cellCol(t, m))},${cellRange(3)},${roleId})`,
    pipelineRef: (k, t, m) => ref(SP, pipeCol(t, m), pipeRow(k)),
    intakeRef: (k, t) => ref(I, intakeCol(LOOKBACK + t), pr(k)),
  };
}

/** The projection sheet as formulas over the working sheets. */
export function formulaProjection(wb: ExcelJS.Workbook, taken: Set<string>, book: ScenarioBook, model: FormulaModel, name: string, measures: readonly string[]): void {
  const s = new SheetWriter(wb, name, taken);
  const years = book.result.years;
  const org = new Map(book.inputs.organisations.map((o) => [o.id, o.name]));
  const role = new Map(book.inputs.roles.map((r) => [r.id, r.name]));
  s.title(`Projection by organisation, role and year: ${book.scenario.name}`, `Live formulas over "${model.inputs}": change an input there and these figures follow. Gap = demand − supply (positive = shortfall).`);
  const cols: { header: string; metric: CellMetric; format: string }[] = [];
  if (measures.includes('fte')) {
    cols.push(
      { header: 'Supply (FTE)', metric: 'closing', format: FORMAT.fte },
      { header: 'Demand (FTE)', metric: 'demand', format: FORMAT.fte },
      { header: 'Gap (FTE)', metric: 'gap', format: FORMAT.gap },
      { header: 'Vacancy', metric: 'vacancyRate', format: FORMAT.percent },
    );
  }
  if (measures.includes('headcount')) cols.push({ header: 'Supply (headcount)', metric: 'closingHeadcount', format: FORMAT.heads });
  cols.push({ header: 'Agency cost (£)', metric: 'agencyCost', format: FORMAT.money });
  const head = s.header(['Organisation', 'Role', 'Year', ...cols.map((c) => c.header)]);
  s.freeze(3, head);
  book.result.cells.forEach((c, i) => {
    years.forEach((y, t) => {
      const row = s.line([org.get(c.orgId) ?? `Organisation ${c.orgId}`, role.get(c.roleId) ?? `Role ${c.roleId}`, yearLabel(y)]);
      cols.forEach((x, j) => formula(row.getCell(4 + j), model.cellRef(i, t, x.metric), x.format));
    });
  });
  s.ws.autoFilter = { from: { row: head, column: 1 }, to: { row: head, column: 3 + cols.length } };
  s.fit();
  cols.forEach((_, j) => (s.ws.getColumn(4 + j).width = 16));
}

/** The bridge per role as formulas: flows out negative, so each column adds up. */
export function formulaBridge(wb: ExcelJS.Workbook, taken: Set<string>, book: ScenarioBook, model: FormulaModel, name: string): void {
  const s = new SheetWriter(wb, name, taken);
  const years = book.result.years;
  const org = new Map(book.inputs.organisations.map((o) => [o.id, o.name]));
  s.title(`Supply bridge by role (FTE): ${book.scenario.name}`, `Live formulas over "${model.inputs}". Opening → qualified by pipeline → other joiners → leavers → retirements → closing. Flows out are negative.`);
  const head = s.header(['Role', 'Flow', ...years.map(yearLabel)]);
  s.freeze(2, head);
  for (const r of book.inputs.roles) {
    if (!book.result.cells.some((c) => c.roleId === r.id)) continue;
    const lines: { label: string; f: (t: number) => string; format: string; bold?: boolean }[] = [{ label: 'Opening', f: (t) => model.roleSum(r.id, t, 'opening'), format: FORMAT.fte }];
    book.inputs.pipelines.forEach((p, k) => {
      if (p.roleId === r.id) lines.push({ label: `Qualified: ${p.name} (${org.get(p.orgId) ?? p.orgId})`, f: (t) => model.pipelineRef(k, t, 'joined'), format: FORMAT.fte });
    });
    lines.push(
      { label: 'Other joiners', f: (t) => model.roleSum(r.id, t, 'otherJoiners'), format: FORMAT.fte },
      { label: 'Leavers', f: (t) => `-${model.roleSum(r.id, t, 'leavers')}`, format: FORMAT.outflow },
      { label: 'Retirements', f: (t) => `-${model.roleSum(r.id, t, 'retirements')}`, format: FORMAT.outflow },
      { label: 'Moved to training for another role', f: (t) => `-${model.roleSum(r.id, t, 'progressionOut')}`, format: FORMAT.outflow },
      { label: 'Closing', f: (t) => model.roleSum(r.id, t, 'closing'), format: FORMAT.fte, bold: true },
    );
    for (const line of lines) {
      const row = s.line([r.name, line.label], [], { bold: line.bold ?? false });
      years.forEach((_, t) => formula(row.getCell(3 + t), line.f(t), line.format));
      if (line.bold) row.eachCell((c) => (c.border = { top: { style: 'thin' }, bottom: { style: 'double' } }));
    }
    s.gapRow();
  }
  s.fit();
  years.forEach((_, t) => (s.ws.getColumn(3 + t).width = 12));
}

/** Pipelines with intakes pointing at Inputs and results at the working sheet. */
export function formulaPipelines(wb: ExcelJS.Workbook, taken: Set<string>, book: ScenarioBook, model: FormulaModel, name: string): void {
  const s = new SheetWriter(wb, name, taken);
  const years = book.result.years;
  const org = new Map(book.inputs.organisations.map((o) => [o.id, o.name]));
  const role = new Map(book.inputs.roles.map((r) => [r.id, r.name]));
  s.title(`Pipelines and intakes: ${book.scenario.name}`, `Live formulas: intakes are read from "${model.inputs}".`);
  const head = s.header(['Pipeline', 'Organisation', 'Role', 'Measure', ...years.map(yearLabel)]);
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
  s.fit(40);
  years.forEach((_, t) => (s.ws.getColumn(5 + t).width = 12));
}
