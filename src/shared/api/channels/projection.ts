import { z } from 'zod';
import type { RoleIntakeAnswer } from '../../model/types';
import type { ComparisonResult, PipelineRow, ProjectionResult } from '../dto';
import { channel } from '../channel';
import { id, intakeHeads, year } from '../schemas';

/** Results: the projection, required intake, scenario comparison. */
export const projectionChannels = {
  'projection/run': channel<ProjectionResult>()(z.object({ scenarioId: id }).strict()),
  /** The smallest constant yearly intake into a role's pipelines that closes its gap by a year. */
  'projection/required-intake': channel<RoleIntakeAnswer>()(
    z
      .object({
        scenarioId: id,
        roleId: id,
        orgId: id.nullable(),
        fromYear: year,
        byYear: year,
        sharing: z.enum(['gap', 'current', 'one']),
        pipelineId: id.nullable(),
      })
      .strict(),
  ),
  /** Sets each pipeline's constant intake from a year to the horizon: one undoable change. */
  'projection/apply-intake': channel<PipelineRow[]>()(
    z
      .object({
        scenarioId: id,
        fromYear: year,
        intakes: z.array(z.object({ pipelineId: id, heads: intakeHeads }).strict()).min(1, 'Choose at least one pipeline').max(1000, 'Too many pipelines at once'),
      })
      .strict(),
  ),
  'projection/compare': channel<ComparisonResult>()(z.object({ scenarioA: id, scenarioB: id }).strict()),
} as const;
