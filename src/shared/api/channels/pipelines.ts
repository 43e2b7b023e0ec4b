import { z } from 'zod';
import type { PipelineRow } from '../dto';
import { channel } from '../channel';
import { id, intakeHeads, pipelineChanges, pipelineFields, year } from '../schemas';

const scenarioRef = z.object({ scenarioId: id }).strict();

/** Training and recruitment pipelines. */
export const pipelineChannels = {
  'pipelines/list': channel<PipelineRow[]>()(scenarioRef),
  'pipelines/create': channel<PipelineRow>()(
    z
      .object({
        scenarioId: id,
        fields: pipelineFields.pick({ name: true, type: true, orgId: true, roleId: true }).strict(),
      })
      .strict(),
  ),
  'pipelines/update': channel<PipelineRow>()(
    z
      .object({
        pipelineId: id,
        changes: pipelineChanges.refine((c) => Object.keys(c).length > 0, 'Nothing to change'),
      })
      .strict(),
  ),
  'pipelines/set-intake': channel<PipelineRow>()(z.object({ pipelineId: id, year, heads: intakeHeads.nullable() }).strict()),
  'pipelines/delete': channel<{ deleted: number }>()(z.object({ pipelineId: id }).strict()),
} as const;
