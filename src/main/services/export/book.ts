/** A ScenarioBook straight from engine inputs, with no plan file: for the bench and the formula tests. */
import type { ProjectionResult, ScenarioRow } from '../../../shared/api/dto';
import { evaluateTargets, projectScenario, shortageRoles } from '../../../shared/model';
import { toProjectionResult } from '../projection';
import type { ScenarioInputs } from '../../../shared/model/types';
import type { ScenarioBook } from './board';
import { suppressionPlan } from './suppression';

export function bookFromInputs(inputs: ScenarioInputs, scenario: ScenarioRow = { id: 1, name: 'Generated', description: '' }, suppressBelow: number | null = null): ScenarioBook {
  const p = projectScenario(inputs);
  const result: ProjectionResult = toProjectionResult(
    scenario.id,
    p,
    evaluateTargets(inputs, p, []),
    shortageRoles(inputs, p, { vacancyRateAbove: 0.1, leaverRateAbove: null, aged55PlusAbove: null, mode: 'any' }),
  );
  const noRanges = { attritionLow: null, attritionHigh: null, conversionLow: null, conversionHigh: null, intakeFillLow: null, intakeFillHigh: null };
  const pipelines = inputs.pipelines.map((x) => ({ ...noRanges, ...x, scenarioId: scenario.id, assumptions: {} }));
  return { scenario, inputs, result, pipelines, assumptions: [], suppression: suppressionPlan(result, suppressBelow) };
}
