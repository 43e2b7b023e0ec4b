/**
 * How sure we are: the simulation of a scenario's ranges (run in a worker, with progress and
 * cancel through the task channels) and "Fill typical ranges". The result's shapes are shared by
 * main, the worker, the window, the export and the command line.
 */
import { z } from 'zod';
import type { UncertainKind } from '../../model/uncertainty-inputs';
import { channel } from '../channel';
import { id } from '../schemas';
import { taskId } from './tasks';

/** Numbers of runs the window offers; the command line takes any from 1 to 100,000. */
export const RUN_CHOICES = [1000, 5000, 10_000] as const;

/** P10, P50 and P90, each per year (index: year − base year). */
export interface BandsDto {
  p10: number[];
  p50: number[];
  p90: number[];
}

export interface PercentilesDto {
  p10: number;
  p50: number;
  p90: number;
}

export interface TornadoBarDto {
  key: string;
  kind: UncertainKind;
  label: string;
  /** System gap (FTE) per year with this input at its low values, and at its high values. */
  gapAtLow: number[];
  gapAtHigh: number[];
  /** Each target's projected value (in the order of UncertaintyResult.tornado.targetIds) with this input low, and high. */
  targetAtLow: (number | null)[];
  targetAtHigh: (number | null)[];
}

export interface UncertaintyResult {
  scenarioId: number;
  runs: number;
  seed: number;
  years: number[];
  /** Groups of ranged inputs that share a draw, and how many of them have a range with width. */
  inputs: { key: string; kind: UncertainKind; label: string; varies: boolean }[];
  varying: number;
  /** System totals: supply, demand and gap in FTE, agency cost in £. */
  totals: { supply: BandsDto; demand: BandsDto; gap: BandsDto; agencyCost: BandsDto };
  /** Agency cost summed over the horizon, £. */
  agencyCostTotal: PercentilesDto;
  /** Per organisation × role, in the projection's order. */
  cells: { orgId: number; roleId: number; supply: BandsDto; demand: BandsDto; gap: BandsDto }[];
  /** Each target's chance of being met (null: it cannot be judged) and its projected value's percentiles. */
  targets: { targetId: number; probability: number | null; runsMet: number; projected: PercentilesDto | null }[];
  /** The tornado: every input with width at its low and its high, the others central. */
  tornado: { baseGap: number[]; targetIds: number[]; baseTargets: (number | null)[]; bars: TornadoBarDto[] };
  /** How long the work took, ms (for the status line). */
  elapsedMs: number;
}

/** What the window receives of a simulation: everything but the bands of every organisation × role (uncertainty/cell gives one). */
export type UncertaintyView = Omit<UncertaintyResult, 'cells'>;

/** One organisation × role's bands from the last simulation of its scenario. */
export interface CellBands {
  scenarioId: number;
  runs: number;
  seed: number;
  supply: BandsDto;
  demand: BandsDto;
  gap: BandsDto;
}

export const uncertaintyChannels = {
  /** Runs the simulation and the tornado of a scenario; cancel with task/cancel. Kept in main for uncertainty/cell. */
  'uncertainty/run': channel<UncertaintyView>()(
    z
      .object({
        taskId,
        scenarioId: id,
        runs: z.int('The number of runs must be a whole number').min(100, 'Use at least 100 runs').max(100_000, 'Use at most 100,000 runs'),
        seed: z
          .int('The seed must be a whole number')
          .min(0, 'The seed cannot be negative')
          .max(2 ** 31 - 1, 'The seed is too large'),
      })
      .strict(),
  ),
  /** One organisation × role's bands from the scenario's last simulation (null: none has finished, or no such cell). */
  'uncertainty/cell': channel<CellBands | null>()(z.object({ scenarioId: id, orgId: id, roleId: id }).strict()),
  /** Fills every empty range of a scenario with the typical (illustrative) one: one undoable change. */
  'ranges/fill-typical': channel<{ filled: number }>()(z.object({ scenarioId: id }).strict()),
} as const;
