/**
 * What the board workbook's sheet builders share: the options and facts they work from, the
 * page layout of year-across sheets, and the projection's sections. No workbook is built here.
 */
import type ExcelJS from 'exceljs';
import type { AssumptionRow, CellResult, PipelineRow, ProjectionResult, ScenarioRow, TargetDto } from '../../../shared/api/dto';
import type { BoardSheet, Measure } from '../../../shared/api/channels/export';
import { formatMadeOn, yearLabel } from '../../../shared/format';
import type { ScenarioInputs, ShortageCriteria, Target } from '../../../shared/model/types';
import { FORMAT, type BulkRows, type PageFurniture } from './sheet-kit';
import type { Suppression } from './suppression';
import type { UncertaintyResult } from '../../../shared/api/channels/uncertainty';

export interface BoardOptions {
  /** The scenarios, the first being the one the board is asked to agree; more are compared. */
  scenarioIds: number[];
  /** Sheets beside the cover (which is always written). */
  sheets: readonly BoardSheet[];
  /** Which measures the projection sheet carries. */
  measures: readonly Measure[];
  /** Headcounts under this are shown as "<n" for publication; null = no suppression. */
  suppressBelow: number | null;
  /** Summary, projection, bridge and pipelines as live Excel formulas over an Inputs sheet. */
  formulas: boolean;
  /** Simulate each scenario's ranges for an Uncertainty sheet and the Summary's fan; null/missing = none. */
  uncertainty?: UncertaintyOptions | null;
}

/** How to simulate for the workbook. */
export interface UncertaintyOptions {
  runs: number;
  seed: number;
  /** Fill empty ranges with the typical (illustrative) ones for this workbook only; the plan is not changed. */
  typicalRanges?: boolean;
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
  /** The plan's targets as the engine evaluates them for this scenario (its pipelines). */
  targets: Target[];
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
  criteria: ShortageCriteria;
}

export const METRIC_WORDS: Record<string, string> = {
  'trained-cumulative': 'Trained (cumulative, heads)',
  'starts-cumulative': 'Starters (cumulative, heads)',
  'joined-cumulative': 'Joined (cumulative, FTE)',
  'learners-in-training': 'Learners in training (heads)',
  'supply-fte': 'Supply (FTE)',
  'supply-change-fte': 'Change in supply (FTE)',
  'vacancy-rate': 'Vacancy rate',
  'agency-cost': 'Agency cost (£)',
};
export const METRIC_FORMAT: Record<string, string> = {
  'trained-cumulative': FORMAT.fte,
  'starts-cumulative': FORMAT.fte,
  'learners-in-training': FORMAT.fte,
  'vacancy-rate': FORMAT.percent,
  'agency-cost': FORMAT.money,
};

/** A target value's format when the target is a ceiling: "at most 5.0%". */
export const atMost = (format: string): string =>
  format
    .split(';')
    .map((section) => `"at most "${section}`)
    .join(';');

export const names = (inputs: ScenarioInputs) => ({
  org: new Map(inputs.organisations.map((o) => [o.id, o.name])),
  role: new Map(inputs.roles.map((r) => [r.id, r.name])),
});

/**
 * Supply − demand, as every user-facing number shows a gap (the engine's `gap` is demand −
 * supply, positive = shortfall): a shortfall is negative. Worked out from supply and demand,
 * as the live formulas do.
 */
export const supplyMinusDemand = (supply: readonly number[], demand: readonly number[]): number[] => supply.map((v, t) => v - demand[t]!);

/** Everything a sheet builder needs. */
export interface BoardContext {
  wb: ExcelJS.Workbook;
  taken: Set<string>;
  plan: PlanFacts;
  books: ScenarioBook[];
  options: BoardOptions;
  meta: BoardMeta;
  page: PageFurniture;
  bulk: BulkRows[];
}

export const madeOn = (now: Date) => formatMadeOn(now);

/** Column widths of the summary and the year-across sheets: every year column the same. */
export const YEAR_WIDTH = 12;
export const LABEL_WIDTH = 46;

/**
 * Rough row height for wrapped text (Arial 10: about 1.2 characters per unit of column width),
 * so that printed rows show all their lines in Excel too, which does not fit rows on opening.
 */
export function wrapHeight(texts: readonly [string, number][], lineHeight = 13): number | undefined {
  let lines = 1;
  for (const [text, width] of texts) lines = Math.max(lines, Math.ceil(text.length / Math.max(1, width * 1.2 - 2)));
  return lines > 1 ? lines * lineHeight + 2 : undefined;
}

/** Header cells for year columns: right-aligned over their numbers. */
export const yearColumns = (years: readonly number[], format: string = FORMAT.fte) => years.map((y) => ({ header: yearLabel(y), format }));

/** Sets the label columns' widths and every year column to the same width. */
export function yearWidths(ws: ExcelJS.Worksheet, labelWidths: readonly number[], yearCount: number, width = YEAR_WIDTH): void {
  labelWidths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  for (let t = 0; t < yearCount; t++) ws.getColumn(labelWidths.length + 1 + t).width = width;
}

/** A measure the projection shows, one section each, years across. */
export interface Section {
  label: string;
  /** The engine's series it shows; 'supplyMinusDemand' is closing − demand. */
  metric: 'closing' | 'demand' | 'supplyMinusDemand' | 'closingHeadcount' | 'agencyCost';
  format: string;
  pick: (c: CellResult) => number[];
  /** Shown as "suppressed" (or "<n") where the row is suppressed for publication. */
  suppressible: 'no' | 'yes' | 'headcount';
}

export function projectionSections(measures: readonly Measure[]): Section[] {
  const out: Section[] = [];
  if (measures.includes('fte')) {
    out.push(
      { label: 'Supply: FTE in post at the year end', metric: 'closing', format: FORMAT.fte, pick: (c) => c.closing, suppressible: 'yes' },
      { label: 'Demand: FTE needed', metric: 'demand', format: FORMAT.fte, pick: (c) => c.demand, suppressible: 'no' },
      {
        label: 'Supply − demand (FTE)',
        metric: 'supplyMinusDemand',
        format: FORMAT.gap,
        pick: (c) => supplyMinusDemand(c.closing, c.demand),
        suppressible: 'yes',
      },
    );
  }
  if (measures.includes('headcount'))
    out.push({
      label: 'Supply: headcount at the year end',
      metric: 'closingHeadcount',
      format: FORMAT.heads,
      pick: (c) => c.closingHeadcount,
      suppressible: 'headcount',
    });
  out.push({ label: 'Agency cost implied by the shortfall (£)', metric: 'agencyCost', format: FORMAT.money, pick: (c) => c.agencyCost, suppressible: 'yes' });
  return out;
}

/** Organisations in plan order, each with the indexes of its cells in the projection. */
export function cellsByOrganisation(book: Pick<ScenarioBook, 'inputs' | 'result'>): { orgId: number; name: string; cells: number[] }[] {
  const out = book.inputs.organisations.map((o) => ({ orgId: o.id, name: o.name, cells: [] as number[] }));
  const at = new Map(out.map((o, i) => [o.orgId, i]));
  book.result.cells.forEach((c, i) => {
    const k = at.get(c.orgId);
    if (k === undefined) {
      at.set(c.orgId, out.length);
      out.push({ orgId: c.orgId, name: `Organisation ${c.orgId}`, cells: [i] });
    } else out[k]!.cells.push(i);
  });
  return out.filter((o) => o.cells.length > 0);
}
