/** A ScenarioBook straight from engine inputs, with no plan file: for the bench and the formula tests. */
import type { ProjectionResult, ScenarioRow } from '../../../shared/api/dto';
import { evaluateTargets, projectScenario, shortageRoles, systemTotals } from '../../../shared/model';
import type { ScenarioInputs } from '../../../shared/model/types';
import type { ScenarioBook } from './board';
import { suppressionPlan } from './suppression';

const arr = (a: Float64Array): number[] => Array.from(a);

export function bookFromInputs(inputs: ScenarioInputs, scenario: ScenarioRow = { id: 1, name: 'Generated', description: '' }, suppressBelow: number | null = null): ScenarioBook {
  const p = projectScenario(inputs);
  const t = systemTotals(p);
  const result: ProjectionResult = {
    scenarioId: scenario.id,
    years: p.years,
    cells: p.cells.map((c) => ({
      orgId: c.orgId,
      roleId: c.roleId,
      opening: arr(c.opening),
      leavers: arr(c.leavers),
      retirements: arr(c.retirements),
      progressionOut: arr(c.progressionOut),
      qualified: arr(c.qualified),
      otherJoiners: arr(c.otherJoiners),
      closing: arr(c.closing),
      closingHeadcount: arr(c.closingHeadcount),
      demand: arr(c.demand),
      gap: arr(c.gap),
      vacancyRate: arr(c.vacancyRate),
      agencyCost: arr(c.agencyCost),
    })),
    pipelines: p.pipelines.map((x) => ({
      pipelineId: x.pipelineId,
      starts: arr(x.starts),
      inTraining: arr(x.inTraining),
      completers: arr(x.completers),
      joinedFte: arr(x.joinedFte),
      sourceOutFte: arr(x.sourceOutFte),
      trainingCost: arr(x.trainingCost),
    })),
    totals: {
      closing: [...t.closing],
      demand: [...t.demand],
      gap: [...t.gap],
      agencyCost: [...t.agencyCost],
      qualified: [...t.qualified],
      leavers: [...t.leavers],
      retirements: [...t.retirements],
      otherJoiners: [...t.otherJoiners],
      trainingCost: [...t.trainingCost],
    },
    targets: evaluateTargets(inputs, p, []),
    shortage: shortageRoles(inputs, p, { vacancyRateAbove: 0.1, leaverRateAbove: null, aged55PlusAbove: null, mode: 'any' }),
  };
  const pipelines = inputs.pipelines.map((x) => ({ ...x, scenarioId: scenario.id, assumptions: {} }));
  return { scenario, inputs, result, pipelines, assumptions: [], suppression: suppressionPlan(result, suppressBelow) };
}
