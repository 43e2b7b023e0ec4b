/**
 * The bridge of one organisation × role over a range of years: opening FTE at the start of the
 * first year, each flow summed over the years, closing FTE at the end of the last. Because
 * opening(t + 1) = closing(t), the flows telescope: opening + joiners − leavers = closing.
 */
import type { CellResult, PipelineResult, PipelineRow } from '../../../../shared/api/dto';

export interface BridgeStep {
  label: string;
  /** 'total' bars stand on zero; 'flow' bars float from the running total. */
  kind: 'total' | 'flow';
  /** FTE: the total for a total bar; the signed change for a flow (joiners +, leavers −). */
  value: number;
}

const sum = (values: number[], from: number, to: number): number => {
  let s = 0;
  for (let i = from; i <= to; i++) s += values[i] ?? 0;
  return s;
};

/**
 * `fromIndex`/`toIndex` are year indexes (year − base year), inclusive. Pipelines that bring
 * nobody in over the range are left out; any qualified FTE not traced to a listed pipeline is
 * shown as "Qualified (other pipelines)" so the bridge always adds up.
 */
export function bridgeSteps(cell: CellResult, pipelines: PipelineResult[], pipelineRows: PipelineRow[], fromIndex: number, toIndex: number): BridgeStep[] {
  const steps: BridgeStep[] = [{ label: 'Opening', kind: 'total', value: cell.opening[fromIndex] ?? 0 }];
  let traced = 0;
  for (const row of pipelineRows) {
    if (row.orgId !== cell.orgId || row.roleId !== cell.roleId) continue;
    const result = pipelines.find((p) => p.pipelineId === row.id);
    if (!result) continue;
    const joined = sum(result.joinedFte, fromIndex, toIndex);
    if (Math.abs(joined) < 1e-9) continue;
    traced += joined;
    steps.push({ label: `Qualified: ${row.name}`, kind: 'flow', value: joined });
  }
  const untraced = sum(cell.qualified, fromIndex, toIndex) - traced;
  if (Math.abs(untraced) >= 1e-6) steps.push({ label: 'Qualified (other pipelines)', kind: 'flow', value: untraced });
  steps.push(
    { label: 'Other joiners', kind: 'flow', value: sum(cell.otherJoiners, fromIndex, toIndex) },
    { label: 'Leavers', kind: 'flow', value: -sum(cell.leavers, fromIndex, toIndex) },
    { label: 'Retirements', kind: 'flow', value: -sum(cell.retirements, fromIndex, toIndex) },
    { label: 'Progression out', kind: 'flow', value: -sum(cell.progressionOut, fromIndex, toIndex) },
    { label: 'Closing', kind: 'total', value: cell.closing[toIndex] ?? 0 },
  );
  return steps;
}
