/**
 * The IPC contract: the ONLY place a channel is named. Main registers a handler for every
 * entry, the preload exposes exactly these names, the renderer's client and the end-to-end
 * harness are typed from this table. Channel names are `domain/verb`.
 */
import { z } from 'zod';
import type { Envelope } from './errors';
import type {
  HistoryState,
  MenuCommand,
  PipelineRow,
  PlanInfo,
  RecentPlan,
  ReferenceData,
  ScenarioRow,
} from './dto';
import { id, intakeHeads, name, pipelineFields, year } from './schemas';

interface ChannelDef<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output: O;
}

/** Declares a channel: `channel<Output>()(inputSchema)`. */
function channel<O>() {
  return <I extends z.ZodType>(input: I): ChannelDef<I, O> => ({ input, output: undefined as O });
}

const none = z.object({}).strict();
const scenarioRef = z.object({ scenarioId: id }).strict();

export const contract = {
  'app/info': channel<{ name: string; version: string }>()(none),

  'plan/info': channel<PlanInfo>()(none),
  'plan/new': channel<PlanInfo | null>()(none),
  'plan/open': channel<PlanInfo | null>()(none),
  'plan/open-recent': channel<PlanInfo>()(z.object({ path: z.string().min(1).max(4096) }).strict()),
  'plan/save-as': channel<PlanInfo | null>()(none),
  'plan/recent': channel<RecentPlan[]>()(none),
  'plan/rename': channel<PlanInfo>()(z.object({ name: name('Plan name') }).strict()),

  'reference/list': channel<ReferenceData>()(none),

  'scenarios/list': channel<ScenarioRow[]>()(none),
  'scenario/create': channel<ScenarioRow>()(z.object({ name: name('Scenario name', 80) }).strict()),
  'scenario/copy': channel<ScenarioRow>()(z.object({ scenarioId: id, name: name('Scenario name', 80) }).strict()),
  'scenario/rename': channel<ScenarioRow>()(z.object({ scenarioId: id, name: name('Scenario name', 80) }).strict()),
  'scenario/delete': channel<{ deleted: number }>()(scenarioRef),

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
        changes: pipelineFields.partial().strict().refine((c) => Object.keys(c).length > 0, 'Nothing to change'),
      })
      .strict(),
  ),
  'pipelines/set-intake': channel<PipelineRow>()(
    z.object({ pipelineId: id, year, heads: intakeHeads.nullable() }).strict(),
  ),
  'pipelines/delete': channel<{ deleted: number }>()(z.object({ pipelineId: id }).strict()),

  'history/state': channel<HistoryState>()(none),
  'history/undo': channel<HistoryState>()(none),
  'history/redo': channel<HistoryState>()(none),
} as const;

/** Events main sends to the window (never the other way). */
export const events = {
  'plan/changed': undefined as unknown as PlanInfo,
  'menu/command': undefined as unknown as { command: MenuCommand },
} as const;

export type ChannelName = keyof typeof contract;
export type InputOf<C extends ChannelName> = z.input<(typeof contract)[C]['input']>;
export type ParsedInputOf<C extends ChannelName> = z.output<(typeof contract)[C]['input']>;
export type OutputOf<C extends ChannelName> = (typeof contract)[C]['output'];
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = (typeof events)[E];

export const CHANNELS = Object.freeze(Object.keys(contract) as ChannelName[]);
export const EVENTS = Object.freeze(Object.keys(events) as EventName[]);

/** What the preload puts on `window.api`: one function per channel, plus a filtered event listener. */
export type WindowApi = {
  readonly [C in ChannelName]: (input: InputOf<C>) => Promise<Envelope<OutputOf<C>>>;
} & {
  readonly onEvent: <E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void) => () => void;
};

/** Server side: one implementation per channel, given the parsed input. */
export type Handlers = {
  [C in ChannelName]: (input: ParsedInputOf<C>) => OutputOf<C> | Promise<OutputOf<C>>;
};
