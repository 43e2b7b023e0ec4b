import { z } from 'zod';
import type { RequiredIntakeAnswer } from '../../model/types';
import type { ComparisonResult, PipelineRow, ProjectionResult } from '../dto';
import { channel } from '../channel';
import { id, intakeHeads, year } from '../schemas';

/** Results: the projection, required intake, scenario comparison. */
export const projectionChannels = {
  'projection/run': channel<ProjectionResult>()(z.object({ scenarioId: id }).strict()),
  'projection/required-intake': channel<RequiredIntakeAnswer>()(
    z.object({ scenarioId: id, pipelineId: id, fromYear: year, byYear: year, scope: z.enum(['cell', 'role']) }).strict(),
  ),
  'projection/apply-intake': channel<PipelineRow>()(z.object({ pipelineId: id, fromYear: year, heads: intakeHeads }).strict()),
  'projection/compare': channel<ComparisonResult>()(z.object({ scenarioA: id, scenarioB: id }).strict()),
} as const;
