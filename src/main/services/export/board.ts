/**
 * The Workforce Action Board's workbook: cover, summary, bridge per role, projection by
 * organisation × role × year, pipelines with their intakes, and the assumptions register.
 * Every number comes from the engine via runScenario; nothing here recomputes the model.
 */
import ExcelJS from 'exceljs';
import type { AssumptionRow, CellResult, PipelineRow, ProjectionResult, ScenarioRow, TargetDto } from '../../../shared/api/dto';
import { BOARD_SHEETS, MEASURES, type BoardSheet, type Measure } from '../../../shared/api/channels/export';
import { AppError } from '../../../shared/api/errors';
import { yearLabel } from '../../../shared/format';
import type { ScenarioInputs } from '../../../shared/model/types';
import type { Db } from '../../db/connection';
import { getPlanSettings } from '../../db/repos/meta';
import { listPipelines } from '../../db/repos/pipelines';
import { listScenarios } from '../../db/repos/scenarios';
import { listAssumptions, listTargets } from '../inputs';
import { runScenario } from '../projection';
import { addFormulaModel, formulaBridge, formulaPipelines, formulaProjection } from './formulas';
import { spliceBulkRows } from './fast-rows';
import { FORMAT, SheetWriter, type BulkRows } from './sheet-kit';
import { suppressionPlan, type Suppression } from './suppression';
import { summaryFan, uncertaintyCover, uncertaintySheet, type UncertaintyOptions } from './uncertainty-sheet';
import type { UncertaintyResult } from '../../../shared/api/channels/uncertainty';

export { BOARD_SHEETS, MEASURES, type BoardSheet, type Measure };

export interface BoardOptions {
  /** The scenarios, the first being the one the board is asked to agree; more are compared. */
  scenarioIds: number[];
  /** Sheets beside the cover (which is always written). */
  sheets: readonly BoardSheet[];
  /** Which measures the projection sheet carries. */
  measures: readonly Measure[];
  /** Headcounts under this are shown as "<n" for publication; null = no suppression. */
  suppressBelow: number | null;
  /** Projection, bridge and pipelines as live Excel formulas over an Inputs sheet. */
  formulas: boolean;
  /** Simulate each scenario's ranges for an Uncertainty sheet and the Summary's fan; null/missing = none. */
  uncertainty?: UncertaintyOptions | null;
}

export interface BoardMeta {
  /** What the app calls itself with its version, e.g. "Workforce Pipeline Planner 0.1.0". */
  appVersion: string;
  /** SHA-256 (hex) of the plan file the numbers come from. */
  planHash: string;
  planFile: string;
  /** When the workbook was made (injectable so that tests are repeatable). */
  now: Date;
}

export interface ScenarioBook {
  scenario: ScenarioRow;
  inputs: ScenarioInputs;
  result: ProjectionResult;
  pipelines: PipelineRow[];
  assumptions: AssumptionRow[];
  suppression: Suppression;
  /** The simulation, when the workbook has an Uncertainty sheet. */
  uncertainty?: UncertaintyResult;
}

export type Progress = (fraction: number, message: string) => void;

/** Plan-level facts the workbook shows beside the scenarios. */
export interface PlanFacts {
  name: string;
  baseYear: number;
  horizonYear: number;
  targets: TargetDto[];
}

export function planFacts(db: Db): PlanFacts {
  return { ...getPlanSettings(db), targets: listTargets(db) };
}

const METRIC_WORDS: Record<string, string> = {
  'trained-cumulative': 'Trained (cumulative, heads)',
  'starts-cumulative': 'Starters (cumulative, heads)',
  'joined-cumulative': 'Joined (cumulative, FTE)',
  'learners-in-training': 'Learners in training (heads)',
  'supply-fte': 'Supply (FTE)',
  'supply-change-fte': 'Change in supply (FTE)',
  'vacancy-rate': 'Vacancy rate',
  'agency-cost': 'Agency cost (£)',
};
const METRIC_FORMAT: Record<string, string> = {
  'trained-cumulative': FORMAT.heads,
  'starts-cumulative': FORMAT.heads,
  'learners-in-training': FORMAT.heads,
  'vacancy-rate': FORMAT.percent,
  'agency-cost': FORMAT.money,
};

/** Loads everything the workbook shows for each scenario, checking the options first. */
export function loadBoard(db: Db, options: BoardOptions): ScenarioBook[] {
  if (options.scenarioIds.length === 0) throw new AppError('VALIDATION', 'Choose at least one scenario to export.');
  if (new Set(options.scenarioIds).size !== options.scenarioIds.length) throw new AppError('VALIDATION', 'A scenario is chosen twice: choose each scenario once.');
  if (options.formulas && options.suppressBelow !== null) {
    // Live formulas carry every input, so a suppressed figure could be recomputed from them.
    throw new AppError('VALIDATION', 'Live formulas and small-number suppression cannot be combined: the Inputs sheet would reveal the suppressed figures. Turn one of them off.');
  }
  const scenarios = new Map(listScenarios(db).map((s) => [s.id, s]));
  return options.scenarioIds.map((id) => {
    const scenario = scenarios.get(id);
    if (!scenario) throw new AppError('NOT_FOUND', `Scenario ${id} is not in this plan. Choose one of: ${[...scenarios.values()].map((s) => `"${s.name}"`).join(', ')}.`);
    const run = runScenario(db, id);
    return {
      scenario,
      inputs: run.inputs,
      result: run.result,
      pipelines: listPipelines(db, id),
      assumptions: listAssumptions(db, id),
      suppression: suppressionPlan(run.result, options.suppressBelow),
    };
  });
}

const names = (inputs: ScenarioInputs) => ({
  org: new Map(inputs.organisations.map((o) => [o.id, o.name])),
  role: new Map(inputs.roles.map((r) => [r.id, r.name])),
});

function cover(wb: ExcelJS.Workbook, taken: Set<string>, plan: PlanFacts, books: ScenarioBook[], options: BoardOptions, meta: BoardMeta): void {
  const s = new SheetWriter(wb, 'Cover', taken);
  s.title(plan.name, 'Workforce plan: board workbook');
  const compared = books.length > 1;
  const rows: [string, string][] = [
    ['Plan', plan.name],
    [compared ? 'Scenarios compared' : 'Scenario', books.map((b) => b.scenario.name).join('; ')],
    ['Base year', yearLabel(plan.baseYear)],
    ['Horizon', yearLabel(plan.horizonYear)],
    ['Made on', meta.now.toLocaleString('en-GB', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/London' })],
    ['Made with', meta.appVersion],
    ['Plan file', meta.planFile],
    ['Plan file SHA-256', meta.planHash],
    ['Units', 'FTE = whole-time equivalents, to one decimal; headcount = people; money in £; rates as %; financial years April to March, written 2024/25.'],
    ['Gap', 'Demand minus supply: a positive gap is a shortfall and is shown in red with the word "short".'],
    ['Sheets', ['Cover', ...options.sheets.map((x) => x[0]!.toUpperCase() + x.slice(1)), ...(options.uncertainty ? ['Uncertainty'] : [])].join(', ')],
  ];
  const suppressed = books.reduce((n, b) => n + b.suppression.count, 0);
  if (options.suppressBelow !== null) {
    rows.push([
      'Small numbers',
      suppressed === 0
        ? `Headcounts under ${options.suppressBelow} are suppressed for publication; none occurred in this workbook.`
        : `Headcounts under ${options.suppressBelow} are suppressed for publication: ${suppressed} organisation × role × year rows show "<${options.suppressBelow}" for headcount and "suppressed" for supply, gap, vacancy and agency cost. Where only one row of a role and year was small, the next smallest row of that role and year is suppressed too, so that role totals cannot reveal it. Demand is not suppressed.`,
    ]);
  } else rows.push(['Small numbers', 'Not suppressed: this workbook is for internal use.']);
  rows.push(...uncertaintyCover(books, options.uncertainty));
  if (options.formulas) {
    rows.push([
      'Live formulas',
      'The projection, bridge and pipeline sheets are Excel formulas over the Inputs sheet (with hidden working sheets Calc bands, Calc cells, Calc pipelines and Calc demand): change an input and they follow. The Summary shows the values as exported.',
    ]);
  }
  s.header(['Item', 'Detail']);
  for (const [k, v] of rows) s.line([k, v], [], {}).getCell(1).font = { bold: true };
  s.ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  s.fit(90);
}

function summary(wb: ExcelJS.Workbook, taken: Set<string>, plan: PlanFacts, books: ScenarioBook[]): void {
  const s = new SheetWriter(wb, 'Summary', taken);
  const first = books[0]!;
  const targets = plan.targets;
  const { role, org } = names(first.inputs);
  const years = first.result.years;
  s.title('Summary', books.length > 1 ? `Scenarios: ${books.map((b) => b.scenario.name).join(' vs ')}` : `Scenario: ${first.scenario.name}`);

  // Targets: one row per target, projected and RAG per scenario side by side.
  s.line(['Targets'], [], { bold: true });
  const tHeader: string[] = ['Target', 'Measure', 'By', 'Target value'];
  for (const b of books) tHeader.push(`Projected: ${b.scenario.name}`, `Status: ${b.scenario.name}`, `Why: ${b.scenario.name}`);
  const headerRow = s.header(tHeader);
  s.freeze(1, headerRow);
  for (const t of targets) {
    const fmt = METRIC_FORMAT[t.metric] ?? FORMAT.fte;
    const values: (string | number | null)[] = [t.name, METRIC_WORDS[t.metric] ?? t.metric, yearLabel(t.year), t.value ?? 'not set'];
    const formats: (string | undefined)[] = [undefined, undefined, undefined, fmt];
    for (const b of books) {
      const p = b.result.targets.find((x) => x.targetId === t.id);
      const hidden = p && b.suppression.hidesTarget(t);
      values.push(hidden ? 'suppressed' : (p?.projected ?? 'not set'), null, hidden ? 'Suppressed: the target is one small organisation × role.' : (p?.explanation ?? ''));
      formats.push(fmt, undefined, undefined);
    }
    const r = s.line(values, formats);
    books.forEach((b, i) => {
      const p = b.result.targets.find((x) => x.targetId === t.id);
      s.rag(r.number, 5 + i * 3 + 1, p?.status ?? 'unknown');
    });
  }
  if (targets.length === 0) s.line(['No targets are set in this plan.']);
  s.gapRow();

  // System totals per year, per scenario.
  s.line(['System totals by year'], [], { bold: true });
  s.header(['Scenario', 'Measure', ...years.map(yearLabel)]);
  for (const b of books) {
    const t = b.result.totals;
    const hide = (values: number[]) => values.map((v, i) => (b.suppression.totalYearHidden(i) ? 'suppressed' : v));
    s.line([b.scenario.name, 'Supply (FTE)', ...hide(t.closing)], [undefined, undefined, ...years.map(() => FORMAT.fte)]);
    s.line([b.scenario.name, 'Demand (FTE)', ...t.demand], [undefined, undefined, ...years.map(() => FORMAT.fte)]);
    s.line([b.scenario.name, 'Gap (FTE)', ...hide(t.gap)], [undefined, undefined, ...years.map(() => FORMAT.gap)]);
    s.line([b.scenario.name, 'Agency cost implied by the gap (£)', ...hide(t.agencyCost)], [undefined, undefined, ...years.map(() => FORMAT.money)]);
    s.line([b.scenario.name, 'Training cost (£)', ...t.trainingCost], [undefined, undefined, ...years.map(() => FORMAT.money)]);
  }
  s.gapRow();
  summaryFan(s, books);

  // Shortage roles, per scenario.
  for (const b of books) {
    const rn = names(b.inputs).role;
    s.line([`Shortage roles: ${b.scenario.name}`], [], { bold: true });
    s.header(['Role', 'Shortage?', 'Peak vacancy', 'Peak year', 'Leaver rate', 'Aged 55 and over', 'Criteria met']);
    const list = [...b.result.shortage].sort((x, y) => Number(y.isShortage) - Number(x.isShortage) || y.peakVacancyRate - x.peakVacancyRate);
    for (const r of list) {
      const met = [r.met.vacancyRate ? 'vacancy rate' : '', r.met.leaverRate ? 'leaver rate' : '', r.met.aged55Plus ? 'aged 55+' : ''].filter(Boolean).join(', ');
      s.line([rn.get(r.roleId) ?? `Role ${r.roleId}`, r.isShortage ? 'Shortage' : 'No', r.peakVacancyRate, yearLabel(r.peakVacancyYear), r.leaverRate, r.aged55PlusShare, met || 'none'], [
        undefined,
        undefined,
        FORMAT.percent,
        undefined,
        FORMAT.percent,
        FORMAT.percent,
      ]);
    }
    s.gapRow();
  }

  // Largest gaps in the horizon year, per scenario (suppressed rows are left out).
  const last = years.length - 1;
  for (const b of books) {
    s.line([`Largest gaps in ${yearLabel(years[last]!)}: ${b.scenario.name}`], [], { bold: true });
    s.header(['Organisation', 'Role', 'Supply (FTE)', 'Demand (FTE)', 'Gap (FTE)', 'Vacancy', 'Agency cost (£)']);
    const cells = b.result.cells.filter((c) => (c.gap[last] ?? 0) > 0 && !b.suppression.isHidden(c, last)).sort((x, y) => (y.gap[last] ?? 0) - (x.gap[last] ?? 0));
    for (const c of cells.slice(0, 10)) {
      s.line([org.get(c.orgId) ?? `Organisation ${c.orgId}`, role.get(c.roleId) ?? `Role ${c.roleId}`, c.closing[last], c.demand[last], c.gap[last], c.vacancyRate[last], c.agencyCost[last]], [
        undefined,
        undefined,
        FORMAT.fte,
        FORMAT.fte,
        FORMAT.gap,
        FORMAT.percent,
        FORMAT.money,
      ]);
    }
    if (cells.length === 0) s.line(['No shortfall in the horizon year.']);
    s.gapRow();
  }
  s.fit();
  s.ws.getColumn(1).width = Math.max(s.ws.getColumn(1).width ?? 10, 28);
}

/** Sums a flow across the cells of one role. */
function sumBy(cells: readonly CellResult[], pick: (c: CellResult) => number[], n: number): number[] {
  const out = new Array<number>(n).fill(0);
  for (const c of cells) pick(c).forEach((v, i) => (out[i] = out[i]! + v));
  return out;
}

/** The rows of one role's bridge, as the sheet shows them: flows out written negative. */
export interface BridgeLine {
  label: string;
  values: number[];
  kind: 'stock' | 'in' | 'out';
}

export function bridgeLines(book: ScenarioBook, roleId: number): BridgeLine[] {
  const n = book.result.years.length;
  const cells = book.result.cells.filter((c) => c.roleId === roleId);
  const byPipeline = new Map(book.result.pipelines.map((p) => [p.pipelineId, p]));
  const lines: BridgeLine[] = [{ label: 'Opening', values: sumBy(cells, (c) => c.opening, n), kind: 'stock' }];
  const orgName = names(book.inputs).org;
  for (const p of book.inputs.pipelines.filter((x) => x.roleId === roleId)) {
    const r = byPipeline.get(p.id);
    if (r) lines.push({ label: `Qualified: ${p.name} (${orgName.get(p.orgId) ?? p.orgId})`, values: [...r.joinedFte], kind: 'in' });
  }
  lines.push({ label: 'Other joiners', values: sumBy(cells, (c) => c.otherJoiners, n), kind: 'in' });
  lines.push({ label: 'Leavers', values: sumBy(cells, (c) => c.leavers, n).map((v) => -v), kind: 'out' });
  lines.push({ label: 'Retirements', values: sumBy(cells, (c) => c.retirements, n).map((v) => -v), kind: 'out' });
  lines.push({ label: 'Moved to training for another role', values: sumBy(cells, (c) => c.progressionOut, n).map((v) => -v), kind: 'out' });
  lines.push({ label: 'Closing', values: sumBy(cells, (c) => c.closing, n), kind: 'stock' });
  return lines;
}

function bridge(wb: ExcelJS.Workbook, taken: Set<string>, book: ScenarioBook, compared: boolean): void {
  const s = new SheetWriter(wb, compared ? `Bridge ${book.scenario.name}` : 'Bridge', taken);
  const years = book.result.years;
  s.title(`Supply bridge by role (FTE): ${book.scenario.name}`, 'Opening → qualified by pipeline → other joiners → leavers → retirements → closing, summed over organisations. Flows out are negative.');
  const head = s.header(['Role', 'Flow', ...years.map(yearLabel)]);
  s.freeze(2, head);
  const suppressedCols = (roleId: number): Set<number> => {
    const out = new Set<number>();
    years.forEach((_, i) => {
      if (book.suppression.roleYearHidden(roleId, i)) out.add(i);
    });
    return out;
  };
  for (const r of book.inputs.roles) {
    if (!book.result.cells.some((c) => c.roleId === r.id)) continue;
    const hidden = suppressedCols(r.id);
    for (const line of bridgeLines(book, r.id)) {
      // A hidden year hides its whole column, and the next year's opening (which equals it).
      const values = line.values.map((v, i) => (hidden.has(i) || (line.label === 'Opening' && hidden.has(i - 1)) ? 'suppressed' : v));
      const row = s.line([r.name, line.label, ...values], [undefined, undefined, ...years.map(() => (line.kind === 'out' ? FORMAT.outflow : FORMAT.fte))], { bold: line.label === 'Closing' });
      if (line.label === 'Closing') row.eachCell((c) => (c.border = { top: { style: 'thin' }, bottom: { style: 'double' } }));
    }
    s.gapRow();
  }
  s.fit();
}

function projection(wb: ExcelJS.Workbook, taken: Set<string>, book: ScenarioBook, compared: boolean, measures: readonly Measure[], suppressBelow: number | null, progress: Progress, bulk: BulkRows[]): void {
  const s = new SheetWriter(wb, compared ? `Projection ${book.scenario.name}` : 'Projection', taken);
  const { org, role } = names(book.inputs);
  const years = book.result.years;
  s.title(`Projection by organisation, role and year: ${book.scenario.name}`, 'Supply is the closing position of each year. Gap = demand − supply (positive = shortfall).');
  const cols: { header: string; format?: string }[] = [{ header: 'Organisation' }, { header: 'Role' }, { header: 'Year' }];
  const fte = measures.includes('fte');
  const heads = measures.includes('headcount');
  if (fte) cols.push({ header: 'Supply (FTE)', format: FORMAT.fte }, { header: 'Demand (FTE)', format: FORMAT.fte }, { header: 'Gap (FTE)', format: FORMAT.gap }, { header: 'Vacancy', format: FORMAT.percent });
  if (heads) cols.push({ header: 'Supply (headcount)', format: FORMAT.heads });
  cols.push({ header: 'Agency cost (£)', format: FORMAT.money });
  const head = s.header(cols);
  s.freeze(3, head);
  const formats = cols.map((c) => c.format);
  const small = suppressBelow === null ? '' : `<${suppressBelow}`;
  const total = book.result.cells.length;
  const labels = years.map(yearLabel);
  const rows: (string | number | undefined)[][] = [];
  book.result.cells.forEach((c, k) => {
    const o = org.get(c.orgId) ?? `Organisation ${c.orgId}`;
    const r = role.get(c.roleId) ?? `Role ${c.roleId}`;
    for (let i = 0; i < years.length; i++) {
      const hidden = book.suppression.isHidden(c, i);
      const v: (string | number | undefined)[] = [o, r, labels[i]];
      if (fte) v.push(hidden ? 'suppressed' : c.closing[i], c.demand[i], hidden ? 'suppressed' : c.gap[i], hidden ? 'suppressed' : c.vacancyRate[i]);
      if (heads) v.push(hidden ? (book.suppression.isSmall(c, i) ? small : 'suppressed') : c.closingHeadcount[i]);
      v.push(hidden ? 'suppressed' : c.agencyCost[i]);
      rows.push(v);
    }
    if (k % 500 === 0) progress(k / total, `Projection: ${book.scenario.name}`);
  });
  s.bulk(rows, [formats], bulk, head);
  s.ws.autoFilter = { from: { row: head, column: 1 }, to: { row: Math.max(head + 1, s.row - 1), column: cols.length } };
  s.fit();
}

function pipelinesSheet(wb: ExcelJS.Workbook, taken: Set<string>, book: ScenarioBook, compared: boolean, bulk: BulkRows[]): void {
  const s = new SheetWriter(wb, compared ? `Pipelines ${book.scenario.name}` : 'Pipelines', taken);
  const { org, role } = names(book.inputs);
  const years = book.result.years;
  const byId = new Map(book.result.pipelines.map((p) => [p.pipelineId, p]));
  s.title(`Pipelines and intakes: ${book.scenario.name}`, 'Intakes are starters (heads) by the year they start; joined FTE is what reaches the workforce.');
  const head = s.header(['Pipeline', 'Type', 'Organisation', 'Role', 'From role', 'Years', 'Attrition', 'Conversion', 'FTE per head', 'Cost per learner-year (£)', 'Measure', ...years.map(yearLabel), 'Total']);
  s.freeze(1, head);
  const fixedFormats = [undefined, undefined, undefined, undefined, undefined, FORMAT.years, FORMAT.rate, FORMAT.rate, '0.00', FORMAT.money, undefined];
  // Four kinds of row per pipeline, each with its own formats.
  const formats = [
    [...fixedFormats, ...years.map(() => FORMAT.heads), FORMAT.heads],
    [...fixedFormats, ...years.map(() => FORMAT.fte), FORMAT.fte],
    [...fixedFormats, ...years.map(() => FORMAT.fte), FORMAT.fte],
    [...fixedFormats, ...years.map(() => FORMAT.money), FORMAT.money],
  ];
  const rows: (string | number | null)[][] = [];
  const kinds: number[] = [];
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  for (const p of book.pipelines) {
    const r = byId.get(p.id);
    const fixed = [p.name, p.type.replace(/-/g, ' '), org.get(p.orgId) ?? '', role.get(p.roleId) ?? '', p.sourceRoleId === null ? '' : (role.get(p.sourceRoleId) ?? ''), p.durationYears, p.attrition, p.conversion, p.ftePerHead, p.costPerLearnerYear];
    const intakes = years.map((y) => p.intakes[y] ?? 0);
    rows.push([...fixed, 'Intake (heads)', ...intakes, sum(intakes)]);
    kinds.push(0);
    if (r) {
      const blank: (string | null)[] = fixed.map(() => null);
      blank[0] = p.name;
      rows.push([...blank, 'Completers (heads)', ...r.completers, sum(r.completers)], [...blank, 'Joined (FTE)', ...r.joinedFte, sum(r.joinedFte)], [...blank, 'Training cost (£)', ...r.trainingCost, sum(r.trainingCost)]);
      kinds.push(1, 2, 3);
    }
  }
  if (book.pipelines.length === 0) s.line(['This scenario has no pipelines.']);
  else if (kinds.slice(0, 4).join() === '0,1,2,3') s.bulk(rows, formats, bulk, null, kinds);
  else rows.forEach((r, i) => s.line(r, formats[kinds[i]!]));
  s.fit(40);
}

function assumptionsSheet(wb: ExcelJS.Workbook, taken: Set<string>, books: ScenarioBook[]): void {
  const s = new SheetWriter(wb, 'Assumptions', taken);
  s.title('Assumptions register', 'Every number’s source. Stated = from a document; derived = calculated from stated numbers; illustrative = assumed, to be confirmed.');
  const head = s.header(['What', 'Value', 'Status', 'Source', 'Applies to']);
  s.freeze(1, head);
  const seen = new Set<string>();
  for (const b of books) {
    for (const a of b.assumptions) {
      const key = `${a.entity}:${a.entityId}:${a.field}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const row = s.line([a.label, a.value, a.status[0]!.toUpperCase() + a.status.slice(1), a.source, a.scenarioId === null ? 'Whole plan' : b.scenario.name]);
      if (a.status === 'illustrative') row.getCell(3).font = { bold: true, color: { argb: 'FF7C2855' } };
    }
  }
  if (seen.size === 0) s.line(['No sources are recorded yet.']);
  s.fit(80);
  s.ws.getColumn(4).alignment = { wrapText: true, vertical: 'top' };
}

export interface BoardWorkbook {
  wb: ExcelJS.Workbook;
  /** Rows to splice in when writing (the projection of a large plan). */
  bulk: BulkRows[];
}

/** The workbook as xlsx bytes. */
export async function boardBytes(book: BoardWorkbook): Promise<Uint8Array> {
  return spliceBulkRows(new Uint8Array(await book.wb.xlsx.writeBuffer()), book.bulk);
}

/** Builds the workbook in memory. */
export function buildBoardWorkbook(plan: PlanFacts, books: ScenarioBook[], options: BoardOptions, meta: BoardMeta, progress: Progress = () => {}): BoardWorkbook {
  const wb = new ExcelJS.Workbook();
  const bulk: BulkRows[] = [];
  wb.creator = meta.appVersion;
  wb.created = meta.now;
  wb.modified = meta.now;
  const taken = new Set<string>();
  const compared = books.length > 1;
  cover(wb, taken, plan, books, options, meta);
  const want = new Set(options.sheets);
  if (want.has('summary')) summary(wb, taken, plan, books);
  progress(0.1, 'Summary');
  books.forEach((b, i) => {
    const share = (x: number) => 0.1 + (0.7 * (i + x)) / books.length;
    if (options.formulas) {
      const suffix = compared ? ` ${b.scenario.name}` : '';
      const model = addFormulaModel(wb, taken, b, suffix);
      if (want.has('bridge')) formulaBridge(wb, taken, b, model, `Bridge${suffix}`);
      if (want.has('projection')) formulaProjection(wb, taken, b, model, `Projection${suffix}`, options.measures);
      if (want.has('pipelines')) formulaPipelines(wb, taken, b, model, `Pipelines${suffix}`);
      progress(share(1), `Formulas: ${b.scenario.name}`);
      return;
    }
    if (want.has('bridge')) bridge(wb, taken, b, compared);
    if (want.has('projection')) projection(wb, taken, b, compared, options.measures, options.suppressBelow, (f, m) => progress(share(f), m), bulk);
    if (want.has('pipelines')) pipelinesSheet(wb, taken, b, compared, bulk);
  });
  for (const b of books) if (b.uncertainty) uncertaintySheet(wb, taken, plan, b, b.uncertainty, compared, options.suppressBelow !== null);
  if (want.has('assumptions')) assumptionsSheet(wb, taken, books);
  progress(0.8, 'Assumptions');
  return { wb, bulk };
}
