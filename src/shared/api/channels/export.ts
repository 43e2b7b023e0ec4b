import { z } from 'zod';
import type { AssumptionStatus, RagStatus, TargetMetric } from '../../model/types';
import { channel } from '../channel';
import { id } from '../schemas';
import { taskId } from './tasks';
import type { BandsDto } from './uncertainty';

/** The board workbook's sheets beside the cover (always written). */
export const BOARD_SHEETS = ['summary', 'bridge', 'projection', 'pipelines', 'assumptions'] as const;
export type BoardSheet = (typeof BOARD_SHEETS)[number];
export const MEASURES = ['fte', 'headcount'] as const;
export type Measure = (typeof MEASURES)[number];

/** What an export wrote; null when the planner cancelled the save dialog. */
export interface ExportDone {
  path: string;
  sheets: string[];
  bytes: number;
  suppressedRows: number;
}

/** One bar of a bridge chart: a total stands on zero, a flow floats from the running total. */
export interface BoardBridgeStep {
  label: string;
  kind: 'total' | 'flow';
  /** FTE: the total, or the signed change (joiners +, leavers −). */
  value: number;
}

/**
 * Everything the board summary (the PDF) shows for one scenario, worked out in main so that the
 * app's print view and the command line draw the same page from the same numbers.
 */
export interface BoardSummaryData {
  planName: string;
  scenarioName: string;
  /** When it was made, ISO 8601. */
  madeAt: string;
  appVersion: string;
  planFile: string;
  planHash: string;
  years: number[];
  /** System totals by year (FTE, £). */
  totals: { closing: number[]; demand: number[]; agencyCost: number[]; trainingCost: number[] };
  bridge: BoardBridgeStep[];
  targets: {
    name: string;
    year: number;
    metric: TargetMetric;
    comparison: 'at-least' | 'at-most';
    value: number | null;
    projected: number | null;
    status: RagStatus;
    explanation: string;
  }[];
  shortage: {
    criteria: string;
    roles: { role: string; peakVacancyRate: number; peakYear: number; leaverRate: number; aged55PlusShare: number; criteriaMet: string }[];
    /** Shortage roles beyond those listed (the list shows the worst first). */ more: number;
  };
  /** Each organisation × role at its largest shortfall, the largest first. */
  gaps: { organisation: string; role: string; year: number; supply: number; demand: number; vacancyRate: number; agencyCost: number }[];
  /** The assumptions register in groups, with how many numbers of each status it holds. */
  assumptions: { groups: { what: string; status: AssumptionStatus; count: number; source: string }[]; counts: Record<AssumptionStatus, number> };
  /**
   * The simulation, when one was asked for and the scenario has ranges: the fan chart's bands and
   * each target's chance of being met (null: it cannot be judged). Null: nothing is said about chances.
   */
  uncertainty: {
    runs: number;
    seed: number;
    varying: number;
    supply: BandsDto;
    demand: BandsDto;
    chances: { name: string; year: number; probability: number | null }[];
  } | null;
}

const cellValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

/** Runs and seed of a simulation for an export; null or missing: none. */
const simulationOption = z
  .object({
    runs: z.int('The number of runs must be a whole number').min(100, 'Use at least 100 runs').max(100_000, 'Use at most 100,000 runs'),
    seed: z
      .int('The seed must be a whole number')
      .min(0, 'The seed cannot be negative')
      .max(2 ** 31 - 1, 'The seed is too large'),
  })
  .strict()
  .nullable()
  .optional();

/** Board workbooks and CSV files. */
export const exportChannels = {
  'export/board': channel<ExportDone | null>()(
    z
      .object({
        taskId,
        scenarioIds: z.array(id).min(1, 'Choose at least one scenario').max(4, 'Compare at most four scenarios'),
        sheets: z.array(z.enum(BOARD_SHEETS)).max(BOARD_SHEETS.length),
        measures: z.array(z.enum(MEASURES)).min(1, 'Choose FTE, headcount or both').max(2),
        formulas: z.boolean(),
        suppressBelow: z
          .int('The threshold must be a whole number')
          .min(1, 'The threshold must be at least 1')
          .max(100, 'The threshold must be at most 100')
          .nullable(),
        /** An Uncertainty sheet (and the Summary's fan) from this many simulated runs with this seed; null or missing: none. */
        uncertainty: simulationOption,
      })
      .strict(),
  ),
  /** The board summary's content, for the print view; with `uncertainty`, the fan and each target's chance when the scenario has ranges. */
  'export/summary': channel<BoardSummaryData>()(z.object({ scenarioId: id, uncertainty: simulationOption }).strict()),
  /** Prints the print view on screen to PDF (A4 landscape) and saves it where the planner chooses. */
  'export/summary-pdf': channel<ExportDone | null>()(z.object({ scenarioId: id }).strict()),
  'export/csv': channel<ExportDone | null>()(
    z
      .object({
        /** Suggested file name, without folder. */
        fileName: z.string().min(1).max(120),
        headers: z.array(z.string().max(200)).min(1).max(500),
        rows: z.array(z.array(cellValue).max(500)).max(200_000),
      })
      .strict(),
  ),
} as const;
