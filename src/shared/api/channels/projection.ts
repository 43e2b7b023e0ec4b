import { z } from 'zod';
import type { RequiredIntakeAnswer } from '../../model/types';
import { PROJECTION_SERIES, type ComparisonResult, type PipelineRow, type ProjectionResult, type ProjectionRows, type ProjectionSummary } from '../dto';
import { channel } from '../channel';
import { id, intakeHeads, year } from '../schemas';

/** Results: the projection, required intake, scenario comparison. */
export const projectionChannels = {
  'projection/run': channel<ProjectionResult>()(z.object({ scenarioId: id }).strict()),
  /** Totals, targets, the worst shortage roles and the biggest gaps: what the dashboard shows. */
  'projection/summary': channel<ProjectionSummary>()(
    z
      .object({
        scenarioId: id,
        shortageLimit: z.int().min(1).max(100_000).optional(),
        gapLimit: z.int().min(1).max(1000).optional(),
      })
      .strict(),
  ),
  /** The rows and years a view shows, as typed arrays (fewer rows than asked when they would pass 1 MB). */
  'projection/rows': channel<ProjectionRows>()(
    z
      .object({
        scenarioId: id,
        series: z.array(z.enum(PROJECTION_SERIES)).min(1).max(PROJECTION_SERIES.length),
        offset: z.int().min(0).max(10_000_000),
        limit: z.int().min(1).max(100_000),
        fromYear: year.optional(),
        toYear: year.optional(),
      })
      .strict(),
  ),
  'projection/required-intake': channel<RequiredIntakeAnswer>()(
    z.object({ scenarioId: id, pipelineId: id, fromYear: year, byYear: year, scope: z.enum(['cell', 'role']) }).strict(),
  ),
  'projection/apply-intake': channel<PipelineRow>()(z.object({ pipelineId: id, fromYear: year, heads: intakeHeads }).strict()),
  'projection/compare': channel<ComparisonResult>()(z.object({ scenarioA: id, scenarioB: id }).strict()),
} as const;
