import { z } from 'zod';
import { channel } from '../channel';
import { inputChannels } from './inputs';
import { pipelineChannels } from './pipelines';

/**
 * The single edits a paste may carry: each reuses its own channel's input schema, so a pasted
 * value is judged by exactly the rule a typed one is.
 */
export const BATCH_EDIT_CHANNELS = [
  'pipelines/set-intake',
  'pipelines/update',
  'workforce/update',
  'joiners/set-fte',
  'joiners/update',
  'demand/update-driver',
  'demand/update-change',
  'targets/update',
  'assumptions/set',
] as const;
export type BatchEditChannel = (typeof BATCH_EDIT_CHANNELS)[number];

/** Where an edit came from in the grid, so a refusal can name the row and column. */
const at = z.object({ row: z.string().max(300), column: z.string().max(200) }).strict();

const edit = <C extends BatchEditChannel, S extends z.ZodType>(name: C, input: S) => z.object({ channel: z.literal(name), input, at }).strict();

export const singleEdit = z.discriminatedUnion('channel', [
  edit('pipelines/set-intake', pipelineChannels['pipelines/set-intake'].input),
  edit('pipelines/update', pipelineChannels['pipelines/update'].input),
  edit('workforce/update', inputChannels['workforce/update'].input),
  edit('joiners/set-fte', inputChannels['joiners/set-fte'].input),
  edit('joiners/update', inputChannels['joiners/update'].input),
  edit('demand/update-driver', inputChannels['demand/update-driver'].input),
  edit('demand/update-change', inputChannels['demand/update-change'].input),
  edit('targets/update', inputChannels['targets/update'].input),
  edit('assumptions/set', inputChannels['assumptions/set'].input),
]);
export type SingleEdit = z.input<typeof singleEdit>;
export type ParsedSingleEdit = z.output<typeof singleEdit>;

/** One refused edit of a batch. */
export interface EditProblem {
  /** Position in the batch (0-based). */
  index: number;
  row: string;
  column: string;
  reason: string;
}

export const MAX_BATCH_EDITS = 20_000;

/** A batch of single edits (a paste), applied as ONE undoable change or not at all. */
export const editChannels = {
  'edits/apply': channel<{ applied: number }>()(
    z
      .object({
        /** Where the edits were made, for the change log: "Pasted 12 cells into Baseline". */
        view: z.string().trim().min(1).max(100),
        scenarioId: z.int().min(1).nullable(),
        /** Cells pasted, when edits of one record were joined into one (ten age bands, one edit). */
        cells: z
          .int()
          .min(1)
          .max(MAX_BATCH_EDITS * 100)
          .optional(),
        edits: z
          .array(singleEdit)
          .min(1, 'There is nothing to paste')
          .max(MAX_BATCH_EDITS, `A paste can change at most ${MAX_BATCH_EDITS.toLocaleString('en-GB')} cells`),
      })
      .strict(),
  ),
} as const;
