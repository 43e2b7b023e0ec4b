/**
 * Registers every contract channel with ipcMain: checks the sender (our own origin, top frame)
 * before anything else, then dispatches. A channel registered twice, or without a handler, throws.
 */
import { CHANNELS, type Handlers } from '../../shared/api/contract';
import type { Envelope } from '../../shared/api/errors';
import { isTrustedSender, type SenderFrameLike } from '../security';
import { dispatch } from './dispatch';

export interface IpcMainLike {
  handle(channel: string, listener: (event: { senderFrame: SenderFrameLike | null }, payload: unknown) => Promise<Envelope<unknown>>): void;
}

export function registerIpc(ipc: IpcMainLike, handlers: Handlers, origins: string[]): void {
  const seen = new Set<string>();
  for (const channel of CHANNELS) {
    if (seen.has(channel)) throw new Error(`Channel ${channel} registered twice`);
    if (typeof handlers[channel] !== 'function') throw new Error(`Channel ${channel} has no handler`);
    seen.add(channel);
    ipc.handle(channel, async (event, payload) => {
      if (!isTrustedSender(event.senderFrame, origins)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'Request refused: it did not come from the planner window.' } };
      }
      return dispatch(handlers, channel, payload);
    });
  }
}
