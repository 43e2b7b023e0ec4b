/**
 * Exposes exactly the contract's channels on window.api, one named function each, plus a
 * listener for the contract's events. Never ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS, type EventName, type WindowApi } from '../shared/api/contract';

const api: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
for (const channel of CHANNELS) {
  api[channel] = (input: unknown) => ipcRenderer.invoke(channel, input);
}
api['onEvent'] = (name: EventName, listener: (payload: unknown) => void) => {
  if (!EVENTS.includes(name)) throw new Error(`Unknown event ${String(name)}`);
  const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
  ipcRenderer.on(name, wrapped);
  return () => {
    ipcRenderer.removeListener(name, wrapped);
  };
};

const exposed: WindowApi = Object.freeze(api) as unknown as WindowApi;
contextBridge.exposeInMainWorld('api', exposed);
