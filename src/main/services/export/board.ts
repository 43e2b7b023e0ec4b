/**
 * The Workforce Action Board's workbook: cover, summary, bridge per role, projection (years
 * across, organisation subtotals), pipelines with their intakes, and the assumptions register.
 * Every number comes from the engine via runScenario; nothing here recomputes the model. Each
 * sheet is built by its own function and set up to print as a board paper (see printSetup).
 */
import ExcelJS from 'exceljs';
import type { ProjectionResult } from '../../../shared/api/dto';
import { BOARD_SHEETS, MEASURES, type BoardSheet, type Measure } from '../../../shared/api/channels/export';
import { AppError } from '../../../shared/api/errors';
import { yearLabel } from '../../../shared/format';
import { biggestGaps, criteriaMet, describeShortageCriteria } from '../../../shared/model';
import type { Db } from '../../db/connection';
import { getPlanSettings } from '../../db/repos/meta';
import { loadTargets } from '../../db/repos/model-inputs';
import { listPipelines } from '../../db/repos/pipelines';
import { listScenarios } from '../../db/repos/scenarios';
import { getShortageCriteria, listAssumptions, listTargets } from '../inputs';
import { runScenario } from '../projection';
import { addSummaryCharts, type ChartImages } from './chart-images';
import { addFormulaModel, checkFormulaModel, formulaBridge, formulaPipelines, formulaProjection, protectLiveWorkbook } from './formulas';
import { formulaSummary } from './formula-summary';
import { fillCachedValues } from './formula-values';
import { spliceBulkRows } from './fast-rows';
import { FORMAT, SheetWriter, colLetter, type BulkRows, type PageFurniture } from './sheet-kit';
import { suppressionPlan } from './suppression';
import {
  LABEL_WIDTH,
  METRIC_FORMAT,
  atMost,
  madeOn,
  names,
  supplyMinusDemand,
  wrapHeight,
  yearColumns,
  yearWidths,
  type BoardContext,
  type BoardMeta,
  type BoardOptions,
  type PlanFacts,
  type Progress,
  type ScenarioBook,
} from './board-kit';

export { BOARD_SHEETS, MEASURES, type BoardSheet, type Measure };
export type { BoardMeta, BoardOptions, PlanFacts, Progress, ScenarioBook } from './board-kit';
import { summaryFan, uncertaintyCover, uncertaintySheet } from './uncertainty-sheet';
import { assumptionsSheet, bridge, pipelinesSheet, projection } from './board-sheets';

export { bridgeLines, type BridgeLine } from './board-sheets';

export function planFacts(db: Db): PlanFacts {
  return { ...getPlanSettings(db), targets: listTargets(db), criteria: getShortageCriteria(db) };
}

/** Loads everything the workbook shows for each scenario, checking the options first. */
export function loadBoard(db: Db, options: BoardOptions): ScenarioBook[] {
  if (options.scenarioIds.length === 0) throw new AppError('VALIDATION', 'Choose at least one scenario to export.');
  if (new Set(options.scenarioIds).size !== options.scenarioIds.length)
    throw new AppError('VALIDATION', 'A scenario is chosen twice: choose each scenario once.');
  if (options.formulas && options.suppressBelow !== null) {
    // Live formulas carry every input, so a suppressed figure could be recomputed from them.
    throw new AppError(
      'VALIDATION',
      'Live formulas and small-number suppression cannot be combined: the Inputs sheet would reveal the suppressed figures. Turn one of them off.',
    );
  }
  const scenarios = new Map(listScenarios(db).map((s) => [s.id, s]));
  return options.scenarioIds.map((id) => {
    const scenario = scenarios.get(id);
    if (!scenario)
      throw new AppError('NOT_FOUND', `Scenario ${id} is not in this plan. Choose one of: ${[...scenarios.values()].map((s) => `"${s.name}"`).join(', ')}.`);
    const run = runScenario(db, id);
    return {
      scenario,
      inputs: run.inputs,
      result: run.result,
      targets: loadTargets(db, id),
      pipelines: listPipelines(db, id),
      assumptions: listAssumptions(db, id),
      suppression: suppressionPlan(run.result, options.suppressBelow),
    };
  });
}

function cover(ctx: BoardContext): void {
  const { wb, taken, plan, books, options, meta } = ctx;
  const s = new SheetWriter(wb, 'Cover', taken);
  s.title(plan.name, 'Workforce plan: board workbook');
  const compared = books.length > 1;
  const rows: [string, string][] = [
    ['Plan', plan.name],
    [compared ? 'Scenarios compared' : 'Scenario', books.map((b) => b.scenario.name).join('; ')],
    ['Base year', yearLabel(plan.baseYear)],
    ['Horizon', yearLabel(plan.horizonYear)],
    ['Made on', madeOn(meta.now)],
    ['Made with', meta.appVersion],
    ['Plan file', meta.planFile],
    ['Plan file SHA-256', meta.planHash],
    ['Units', 'FTE = whole-time equivalents, to one decimal; headcount = people; money in £; rates as %; financial years April to March, written 2024/25.'],
    [
      'Gap',
      'Supply minus demand, in FTE. A shortfall is negative: red, with a minus sign (−12.3); a surplus has a plus sign (+4.0). The app, this workbook and the board summary PDF all write a gap this way.',
    ],
    ['Sheets', ['Cover', ...options.sheets.map((x) => x[0]!.toUpperCase() + x.slice(1)), ...(options.uncertainty ? ['Uncertainty'] : [])].join(', ')],
    [
      'Printing',
      'Every sheet prints on A4 landscape, one page wide, with its headings repeated on each page, the plan, scenario and date at the top and "Page x of y" at the foot; the Summary fits on one page. The Projection and Bridge have an outline: the buttons 1 and 2 at the left collapse each organisation (or role) to its total.',
    ],
  ];
  const suppressed = books.reduce((n, b) => n + b.suppression.count, 0);
  if (options.suppressBelow !== null) {
    rows.push([
      'Small numbers',
      suppressed === 0
        ? `Headcounts under ${options.suppressBelow} are suppressed for publication; none occurred in this workbook.`
        : `Headcounts under ${options.suppressBelow} are suppressed for publication: ${suppressed} organisation × role × year rows show "<${options.suppressBelow}" for headcount and "suppressed" for supply, gap and agency cost. Where only one row of a role and year was small, the next smallest row of that role and year is suppressed too, so that role totals cannot reveal it; an organisation's subtotal is suppressed in a year where any of its rows is. Demand is not suppressed.`,
    ]);
  } else rows.push(['Small numbers', 'Not suppressed: this workbook is for internal use.']);
  rows.push(...uncertaintyCover(books, options.uncertainty));
  if (options.formulas) {
    rows.push(
      [
        'Live formulas',
        'The Summary, Projection, Bridge and Pipelines are Excel formulas over the Inputs sheet (through hidden working sheets Calc bands, Calc cells, Calc pipelines and Calc demand): change a white cell on Inputs and they follow. Every formula also carries the value the app computed, so viewers that do not calculate show the numbers.',
      ],
      [
        'Locked cells',
        'Grey cells on Inputs are fixed and say so in their heading: they describe the plan’s structure (which organisations, roles, pipelines and joiners there are). Change those in the app and export again. Organisations, roles, staff groups, age bands, financial years and yes/no answers are chosen from lists, so a value the model cannot use cannot be typed. Every sheet is protected without a password, so a formula cannot be overtyped by accident: Review → Unprotect Sheet unlocks one (needed, too, to use the outline buttons in Excel).',
      ],
      ['Charts', 'The charts on the Summary are pictures of the numbers as exported: they do not change when Inputs change.'],
    );
  }
  s.header(['Item', 'Detail']);
  for (const [k, v] of rows) {
    const row = s.line([k, v], [], {});
    row.getCell(1).font = { bold: true };
    row.getCell(1).alignment = { vertical: 'top' };
    const h = wrapHeight([[v, 110]]);
    if (h) row.height = h;
  }
  s.ws.getColumn(1).width = 22;
  s.ws.getColumn(2).width = 110;
  s.ws.getColumn(2).alignment = { wrapText: true, vertical: 'top' };
  s.finish(ctx.page, { onePage: true });
}

/** The static summary: headline figures, targets, system totals, shortage roles, biggest gaps. */
function summary(ctx: BoardContext, images: ChartImages | null): void {
  const { wb, taken, plan, books } = ctx;
  const s = new SheetWriter(wb, 'Summary', taken);
  const first = books[0]!;
  const years = first.result.years;
  const Y = years.length;
  const last = Y - 1;
  const horizon = yearLabel(years[last]!);
  const span = `${yearLabel(years[0]!)} to ${horizon}`;
  const compared = books.length > 1;
  s.title('Summary', compared ? `Scenarios: ${books.map((b) => b.scenario.name).join(' vs ')}` : `Scenario: ${first.scenario.name}`);

  // Headline figures: one column per scenario.
  s.line(['At a glance'], [], { bold: true });
  s.header([{ header: 'Measure' }, ...books.map((b) => ({ header: compared ? b.scenario.name : 'Value', format: FORMAT.fte }))]);
  const total = (b: ScenarioBook, pick: (t: ProjectionResult['totals']) => number[]) => pick(b.result.totals).reduce((a, v) => a + v, 0);
  const hidden = (b: ScenarioBook) => b.suppression.totalYearHidden(last);
  const headline: [string, string, (b: ScenarioBook) => number | string][] = [
    [`Supply in ${horizon} (FTE)`, FORMAT.fte, (b) => (hidden(b) ? 'suppressed' : b.result.totals.closing[last]!)],
    [`Demand in ${horizon} (FTE)`, FORMAT.fte, (b) => b.result.totals.demand[last]!],
    [`Supply − demand in ${horizon} (FTE)`, FORMAT.gap, (b) => (hidden(b) ? 'suppressed' : b.result.totals.closing[last]! - b.result.totals.demand[last]!)],
    [`Agency cost implied by the shortfall, ${span} (£)`, FORMAT.money, (b) => (b.suppression.count > 0 ? 'suppressed' : total(b, (t) => t.agencyCost))],
    [`Training cost, ${span} (£)`, FORMAT.money, (b) => total(b, (t) => t.trainingCost)],
  ];
  for (const [label, fmt, value] of headline) s.line([label, ...books.map(value)], [undefined, ...books.map(() => fmt)]);
  s.gapRow();

  // Targets: projected against target with status (words and colour) and why.
  s.line(['Targets'], [], { bold: true });
  for (const b of books) {
    if (compared) s.line([`Scenario: ${b.scenario.name}`], [], { bold: true });
    s.header([
      { header: 'Target' },
      { header: 'By' },
      { header: 'Target value', format: FORMAT.fte },
      { header: 'Projected', format: FORMAT.fte },
      { header: 'Status' },
      { header: 'Why' },
    ]);
    for (const t of plan.targets) {
      const fmt = METRIC_FORMAT[t.metric] ?? FORMAT.fte;
      const p = b.result.targets.find((x) => x.targetId === t.id);
      const hide = p && b.suppression.hidesTarget(t);
      const r = s.line(
        [
          t.name,
          yearLabel(t.year),
          t.value ?? 'not set',
          hide ? 'suppressed' : (p?.projected ?? 'not set'),
          null,
          hide ? 'Suppressed: the target is one small organisation × role.' : (p?.explanation ?? ''),
        ],
        [undefined, undefined, t.comparison === 'at-most' ? atMost(fmt) : fmt, fmt],
        { top: true },
      );
      r.getCell(6).alignment = { vertical: 'top', wrapText: false };
      s.rag(r.number, 5, p?.status ?? 'unknown');
      const h = wrapHeight([[t.name, LABEL_WIDTH]]);
      if (h) r.height = h;
    }
    if (plan.targets.length === 0) s.line(['No targets are set in this plan.'], [], { overflow: true });
  }
  s.gapRow();

  // System totals per year.
  s.line(['System totals by year'], [], { bold: true });
  for (const b of books) {
    s.header([{ header: compared ? `Measure: ${b.scenario.name}` : 'Measure' }, ...yearColumns(years)]);
    const t = b.result.totals;
    const hide = (values: number[]) => values.map((v, i) => (b.suppression.totalYearHidden(i) ? 'suppressed' : v));
    s.line(['Supply (FTE)', ...hide(t.closing)], [undefined, ...years.map(() => FORMAT.fte)]);
    s.line(['Demand (FTE)', ...t.demand], [undefined, ...years.map(() => FORMAT.fte)]);
    s.line(['Supply − demand (FTE)', ...hide(supplyMinusDemand(t.closing, t.demand))], [undefined, ...years.map(() => FORMAT.gap)]);
    s.line(['Agency cost implied by the shortfall (£)', ...hide(t.agencyCost)], [undefined, ...years.map(() => FORMAT.money)]);
    s.line(['Training cost (£)', ...t.trainingCost], [undefined, ...years.map(() => FORMAT.money)]);
  }
  s.gapRow();
  summaryFan(s, books);

  // Shortage roles by the plan's criteria.
  s.line(['Shortage roles'], [], { bold: true });
  s.line([describeShortageCriteria(plan.criteria)], [], { overflow: true });
  for (const b of books) {
    const rn = names(b.inputs).role;
    const list = b.result.shortage.filter((r) => r.isShortage);
    s.header([
      { header: compared ? `Role: ${b.scenario.name}` : 'Role' },
      { header: 'Peak vacancy', format: FORMAT.percent },
      { header: 'Peak year' },
      { header: 'Leaver rate', format: FORMAT.percent },
      { header: 'Aged 55+', format: FORMAT.percent },
      { header: 'Criteria met' },
    ]);
    for (const r of list) {
      s.line(
        [rn.get(r.roleId) ?? `Role ${r.roleId}`, r.peakVacancyRate, yearLabel(r.peakVacancyYear), r.leaverRate, r.aged55PlusShare, criteriaMet(r.met)],
        [undefined, FORMAT.percent, undefined, FORMAT.percent, FORMAT.percent],
      );
    }
    if (list.length === 0) s.line(['No role meets the shortage criteria in this scenario.'], [], { overflow: true });
  }
  s.gapRow();

  // Biggest gaps: each organisation × role at its largest shortfall (suppressed rows are left out).
  s.line(['Biggest gaps: each organisation and role at its largest shortfall'], [], { bold: true });
  for (const b of books) {
    const { org, role } = names(b.inputs);
    s.header([
      { header: compared ? `Organisation and role: ${b.scenario.name}` : 'Organisation and role' },
      { header: 'Worst year' },
      { header: 'Supply (FTE)', format: FORMAT.fte },
      { header: 'Demand (FTE)', format: FORMAT.fte },
      { header: 'Supply − demand (FTE)', format: FORMAT.gap },
      { header: 'Vacancy', format: FORMAT.percent },
      { header: 'Agency cost (£)', format: FORMAT.money },
    ]);
    const visible = b.result.cells.map((c) => ({ gap: c.gap.map((g, t) => (b.suppression.isHidden(c, t) ? Number.NEGATIVE_INFINITY : g)) }));
    const gaps = biggestGaps(visible, 10);
    for (const g of gaps) {
      const c = b.result.cells[g.cellIndex]!;
      const t = g.yearIndex;
      const label = `${role.get(c.roleId) ?? `Role ${c.roleId}`}, ${org.get(c.orgId) ?? `Organisation ${c.orgId}`}`;
      const r = s.line(
        [label, yearLabel(years[t]!), c.closing[t], c.demand[t], c.closing[t]! - c.demand[t]!, c.vacancyRate[t], c.agencyCost[t]],
        [undefined, undefined, FORMAT.fte, FORMAT.fte, FORMAT.gap, FORMAT.percent, FORMAT.money],
        {
          top: true,
        },
      );
      const h = wrapHeight([[label, LABEL_WIDTH]]);
      if (h) r.height = h;
    }
    if (gaps.length === 0) s.line(['No organisation and role is short of staff in any year.'], [], { overflow: true });
  }
  yearWidths(s.ws, [LABEL_WIDTH], Y);
  const reach = images ? addSummaryCharts(wb, s.ws, images, Y + 3) : { lastRow: 0, lastCol: Y + 1 };
  s.ws.pageSetup.printArea = `A1:${colLetter(reach.lastCol)}${Math.max(s.row, reach.lastRow)}`;
  s.finish(ctx.page, { onePage: true });
}

/** An Uncertainty sheet for each scenario that was simulated. */
function uncertaintySheets(ctx: BoardContext): void {
  for (const b of ctx.books) if (b.uncertainty) uncertaintySheet(ctx, b, b.uncertainty);
}

export interface BoardWorkbook {
  wb: ExcelJS.Workbook;
  /** Rows to splice in when writing (the projection of a large plan). */
  bulk: BulkRows[];
}

/**
 * The workbook as xlsx bytes. exceljs writes its parts uncompressed; they are compressed by
 * Node's native zlib when the bulk rows are spliced in (a JavaScript deflate of the tens of
 * megabytes of XML a live-formula workbook makes takes seconds).
 */
export async function boardBytes(book: BoardWorkbook): Promise<Uint8Array> {
  return spliceBulkRows(new Uint8Array(await book.wb.xlsx.writeBuffer({ zip: { compression: 'STORE' } })), book.bulk);
}

/** What every printed page's header says. */
export function pageFurniture(plan: PlanFacts, books: ScenarioBook[], meta: BoardMeta): PageFurniture {
  return { plan: plan.name, scenario: books.map((b) => b.scenario.name).join(' vs '), made: `Made ${madeOn(meta.now)}` };
}

/** Builds the workbook in memory; `images` are the Summary's charts (none: no pictures). */
export function buildBoardWorkbook(
  plan: PlanFacts,
  books: ScenarioBook[],
  options: BoardOptions,
  meta: BoardMeta,
  progress: Progress = () => {},
  images: ChartImages | null = null,
): BoardWorkbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = meta.appVersion;
  wb.created = meta.now;
  wb.modified = meta.now;
  const ctx: BoardContext = { wb, taken: new Set<string>(), plan, books, options, meta, page: pageFurniture(plan, books, meta), bulk: [] };
  const compared = books.length > 1;
  cover(ctx);
  const want = new Set(options.sheets);
  if (options.formulas) {
    // The Summary's sheet first, so that it follows the Cover; its formulas once the model is built.
    const summarySheet = want.has('summary') ? new SheetWriter(wb, 'Summary', ctx.taken) : null;
    const models = books.map((b) => addFormulaModel(ctx, b, compared ? ` ${b.scenario.name}` : ''));
    if (summarySheet) formulaSummary(ctx, summarySheet, models, images);
    books.forEach((b, i) => {
      const suffix = compared ? ` ${b.scenario.name}` : '';
      const model = models[i]!;
      if (want.has('bridge')) formulaBridge(ctx, b, model, `Bridge${suffix}`);
      if (want.has('projection')) formulaProjection(ctx, b, model, `Projection${suffix}`);
      if (want.has('pipelines')) formulaPipelines(ctx, b, model, `Pipelines${suffix}`);
      progress(0.1 + (0.4 * (i + 1)) / books.length, `Formulas: ${b.scenario.name}`);
    });
    uncertaintySheets(ctx);
    if (want.has('assumptions')) assumptionsSheet(ctx);
    progress(0.55, 'Working out every formula’s value');
    const values = fillCachedValues(wb);
    books.forEach((b, i) => checkFormulaModel(values, b, models[i]!));
    protectLiveWorkbook(wb);
  } else {
    if (want.has('summary')) summary(ctx, images);
    progress(0.1, 'Summary');
    books.forEach((b, i) => {
      const share = (x: number) => 0.1 + (0.6 * (i + x)) / books.length;
      if (want.has('bridge')) bridge(ctx, b);
      if (want.has('projection')) projection(ctx, b, (f, m) => progress(share(f), m));
      if (want.has('pipelines')) pipelinesSheet(ctx, b);
    });
    uncertaintySheets(ctx);
    if (want.has('assumptions')) assumptionsSheet(ctx);
  }
  progress(0.8, 'Assumptions');
  return { wb, bulk: ctx.bulk };
}
