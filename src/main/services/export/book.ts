/** A ScenarioBook straight from engine inputs, with no plan file: for the bench and the formula tests. */
import type { ProjectionResult, ScenarioRow } from '../../../shared/api/dto';
import { evaluateTargets, projectScenario, shortageRoles } from '../../../shared/model';
import { toProjectionResult } from '../projection';
import type { ScenarioInputs, ShortageCriteria } from '../../../shared/model/types';
import type { ScenarioBook } from './board-kit';
import { suppressionPlan } from './suppression';

export function bookFromInputs(
  inputs: ScenarioInputs,
  scenario: ScenarioRow = { id: 1, name: 'Generated', description: '' },
  suppressBelow: number | null = null,
  criteria: ShortageCriteria = { vacancyRateAbove: 0.1, leaverRateAbove: null, aged55PlusAbove: null, mode: 'any' },
): ScenarioBook {
  const p = projectScenario(inputs);
  const result: ProjectionResult = toProjectionResult(scenario.id, p, evaluateTargets(inputs, p, []), shortageRoles(inputs, p, criteria));
  const noRanges = { attritionLow: null, attritionHigh: null, conversionLow: null, conversionHigh: null, intakeFillLow: null, intakeFillHigh: null };
  const pipelines = inputs.pipelines.map((x) => ({ ...noRanges, ...x, scenarioId: scenario.id, assumptions: {} }));
  return { scenario, inputs, result, targets: [], pipelines, assumptions: [], suppression: suppressionPlan(result, suppressBelow) };
}
