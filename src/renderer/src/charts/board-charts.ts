/**
 * The two charts a board sees, built from a projection: supply against demand for the whole
 * system, and the system's bridge from the base year's opening staff to the horizon's closing
 * staff. Pure: the dashboard and the print view draw them, and the board workbook draws the same
 * SVG as a picture (see src/main/services/export/chart-images.ts).
 */
import { formatFte, yearLabel } from '../../../shared/format';
import type { PipelineType } from '../../../shared/model/types';
import type { BridgeStep } from '../views/projection/bridge';
import type { BridgeChartProps } from './BridgeChart';
import type { LineChartProps } from './LineChart';
import type { FanChartProps } from './FanChart';
import type { BandsDto } from '../../../shared/api/channels/uncertainty';

/** A bridge step's value as the charts write it: totals plain, flows with their sign. */
export const bridgeStepText = (s: BridgeStep): string =>
  s.kind === 'total' || Math.abs(s.value) < 0.05 ? formatFte(s.value) : s.value < 0 ? `−${formatFte(-s.value)}` : `+${formatFte(s.value)}`;

export function supplyDemandChart(years: readonly number[], totals: { closing: readonly number[]; demand: readonly number[] }): LineChartProps {
  const labels = years.map(yearLabel);
  const last = years.length - 1;
  return {
    title: `Supply and demand (FTE), ${labels[0] ?? ''} to ${labels[last] ?? ''}`,
    summary: `Supply goes from ${formatFte(totals.closing[0] ?? 0)} to ${formatFte(totals.closing[last] ?? 0)} FTE; demand from ${formatFte(totals.demand[0] ?? 0)} to ${formatFte(totals.demand[last] ?? 0)} FTE.`,
    categories: labels,
    yLabel: 'FTE',
    series: [
      { name: 'Supply (closing FTE)', values: [...totals.closing], colour: '#005eb8' },
      { name: 'Demand (FTE)', values: [...totals.demand], colour: '#231f20', dashed: true },
    ],
  };
}

/** The fan chart of the whole system's supply against demand from a simulation, as the window draws it. */
export function supplyDemandFan(years: readonly number[], totals: { supply: BandsDto; demand: BandsDto }, runs: number): FanChartProps {
  const labels = years.map(yearLabel);
  const last = years.length - 1;
  const { supply, demand } = totals;
  return {
    title: `Supply and demand (FTE), ${labels[0] ?? ''} to ${labels[last] ?? ''}: ${runs.toLocaleString('en-GB')} simulated runs`,
    summary: `In ${labels[last] ?? ''}, supply is between ${formatFte(supply.p10[last] ?? 0)} and ${formatFte(supply.p90[last] ?? 0)} FTE in 80 % of runs (median ${formatFte(supply.p50[last] ?? 0)}); demand's median is ${formatFte(demand.p50[last] ?? 0)} FTE.`,
    categories: labels,
    supply,
    demand,
    yLabel: 'FTE',
  };
}

const QUALIFIED_BY_TYPE: Record<PipelineType, string> = {
  university: 'Qualified: university courses',
  apprenticeship: 'Qualified: apprenticeships',
  placement: 'Qualified: clinical placements',
  international: 'Qualified: international recruitment',
  'return-to-practice': 'Qualified: return to practice',
  'new-role': 'Qualified: new roles',
  progression: 'Qualified: progression routes',
};

interface CellFlows {
  opening: readonly number[];
  closing: readonly number[];
  qualified: readonly number[];
  otherJoiners: readonly number[];
  leavers: readonly number[];
  retirements: readonly number[];
  progressionOut: readonly number[];
}

const total = (cells: readonly CellFlows[], pick: (c: CellFlows) => readonly number[]) => cells.reduce((s, c) => s + pick(c).reduce((a, v) => a + v, 0), 0);

/**
 * The whole system's bridge over the projection: opening staff in the base year, those qualifying
 * (by kind of pipeline), other joiners, leavers, retirements and progression out, and closing
 * staff in the horizon year. Qualified FTE not traced to a listed pipeline is its own step, so the
 * bridge always adds up.
 */
export function systemBridgeSteps(
  years: readonly number[],
  cells: readonly CellFlows[],
  pipelines: readonly { pipelineId: number; joinedFte: readonly number[] }[],
  types: ReadonlyMap<number, PipelineType>,
): BridgeStep[] {
  const last = years.length - 1;
  const steps: BridgeStep[] = [{ label: `Opening, ${yearLabel(years[0] ?? 0)}`, kind: 'total', value: cells.reduce((s, c) => s + (c.opening[0] ?? 0), 0) }];
  const byType = new Map<PipelineType, number>();
  let traced = 0;
  for (const p of pipelines) {
    const type = types.get(p.pipelineId);
    if (!type) continue;
    const joined = p.joinedFte.reduce((a, v) => a + v, 0);
    traced += joined;
    byType.set(type, (byType.get(type) ?? 0) + joined);
  }
  for (const [type, value] of byType) if (Math.abs(value) >= 1e-9) steps.push({ label: QUALIFIED_BY_TYPE[type], kind: 'flow', value });
  const untraced = total(cells, (c) => c.qualified) - traced;
  if (Math.abs(untraced) >= 1e-6) steps.push({ label: 'Qualified (other pipelines)', kind: 'flow', value: untraced });
  steps.push(
    { label: 'Other joiners', kind: 'flow', value: total(cells, (c) => c.otherJoiners) },
    { label: 'Leavers', kind: 'flow', value: -total(cells, (c) => c.leavers) },
    { label: 'Retirements', kind: 'flow', value: -total(cells, (c) => c.retirements) },
    { label: 'Progression out', kind: 'flow', value: -total(cells, (c) => c.progressionOut) },
    { label: `Closing, ${yearLabel(years[last] ?? 0)}`, kind: 'total', value: cells.reduce((s, c) => s + (c.closing[last] ?? 0), 0) },
  );
  return steps;
}

/** The system bridge as a chart. */
export function systemBridgeChart(years: readonly number[], steps: BridgeStep[]): BridgeChartProps {
  const last = years.length - 1;
  return {
    title: `Supply bridge, all organisations (FTE), ${yearLabel(years[0] ?? 0)} to ${yearLabel(years[last] ?? 0)}`,
    summary: steps.map((s) => `${s.label} ${bridgeStepText(s)}`).join('; '),
    steps,
    format: bridgeStepText,
  };
}
