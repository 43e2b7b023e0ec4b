import { z } from 'zod';
import type { RoleIntakeAnswer } from '../../model/types';
import {
  PROJECTION_SERIES,
  type ComparisonResult,
  type PipelineRow,
  type ProjectionResult,
  type ProjectionRows,
  type ProjectionSummary,
  type ScopeGap,
} from '../dto';
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
  /** Supply − demand over one organisation, role or staff group (null: all), now and before the last change: the impact strip. */
  'projection/scope': channel<ScopeGap>()(
    z
      .object({
        scenarioId: id,
        orgId: id.nullable(),
        roleId: id.nullable(),
        staffGroup: z.string().max(200).nullable(),
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
        intakes: z
          .array(z.object({ pipelineId: id, heads: intakeHeads }).strict())
          .min(1, 'Choose at least one pipeline')
          .max(1000, 'Too many pipelines at once'),
      })
      .strict(),
  ),
  'projection/compare': channel<ComparisonResult>()(z.object({ scenarioA: id, scenarioB: id }).strict()),
} as const;
