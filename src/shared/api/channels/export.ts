import { z } from 'zod';
import { channel } from '../channel';
import { id } from '../schemas';
import { taskId } from './tasks';

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

const cellValue = z.union([z.string().max(10_000), z.number(), z.boolean(), z.null()]);

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
        suppressBelow: z.int('The threshold must be a whole number').min(1, 'The threshold must be at least 1').max(100, 'The threshold must be at most 100').nullable(),
        /** An Uncertainty sheet (and the Summary's fan) from this many simulated runs with this seed; null or missing: none. */
        uncertainty: z
          .object({
            runs: z.int('The number of runs must be a whole number').min(100, 'Use at least 100 runs').max(100_000, 'Use at most 100,000 runs'),
            seed: z.int('The seed must be a whole number').min(0, 'The seed cannot be negative').max(2 ** 31 - 1, 'The seed is too large'),
          })
          .strict()
          .nullable()
          .optional(),
      })
      .strict(),
  ),
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
