/**
 * The IPC contract: the ONLY place channels are put together. Each domain's channels are
 * declared in ./channels/*.ts; main registers a handler for every entry, the preload exposes
 * exactly these names, the renderer's client and the end-to-end harness are typed from this
 * table. Channel names are `domain/verb`.
 */
import type { z } from 'zod';
import type { Envelope } from './errors';
import type { MenuCommand, PlanInfo, TaskProgress } from './dto';
import { mergeChannels } from './channel';
import { auditChannels } from './channels/audit';
import { editChannels } from './channels/edits';
import { historyChannels } from './channels/history';
import { importChannels } from './channels/import';
import { inputChannels } from './channels/inputs';
import { pipelineChannels } from './channels/pipelines';
import { projectionChannels } from './channels/projection';
import { taskChannels } from './channels/tasks';
import { planChannels } from './channels/plan';
import { exportChannels } from './channels/export';
import { uncertaintyChannels } from './channels/uncertainty';
import { appChannels } from './channels/app';

export const contract = mergeChannels(
  auditChannels,
  planChannels,
  pipelineChannels,
  inputChannels,
  projectionChannels,
  historyChannels,
  taskChannels,
  editChannels,
  exportChannels,
  importChannels,
  appChannels,
  uncertaintyChannels,
);

/** Events main sends to the window (never the other way). */
export const events = {
  'plan/changed': undefined as unknown as PlanInfo,
  'menu/command': undefined as unknown as { command: MenuCommand },
  'task/progress': undefined as unknown as TaskProgress,
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

/**
 * The handlers for one or more channel tables (`HandlersFor<typeof planChannels>`, or for a
 * module serving several, `HandlersFor<typeof historyChannels & typeof taskChannels>`): a
 * handler module typed so misses a channel added to its table, and the type checker says so.
 */
export type HandlersFor<Table> = Pick<Handlers, keyof Table & ChannelName>;
