import { describe, expect, it, vi } from 'vitest';
import path from 'node:path';
import { CHANNELS, type Handlers } from '../../shared/api/contract';
import { AppContext } from '../app-context';
import { ScriptedDialogs } from '../dialogs';
import { APP_ENTRY, APP_ORIGIN } from '../security';
import { tempDir } from '../../../tests/support/temp';
import { dispatch } from './dispatch';
import { createHandlers } from './handlers';
import { registerIpc, type IpcMainLike } from './register';

const exposed: Record<string, unknown> = {};
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
  ipcRenderer: { invoke: vi.fn(), on: vi.fn(), removeListener: vi.fn() },
}));

function context(): { ctx: AppContext; handlers: Handlers } {
  // No background backups: the temporary folder goes when the test ends.
  const ctx = new AppContext({ userDataDir: tempDir(), dialogs: new ScriptedDialogs(), appVersion: 'test', autoBackup: false });
  ctx.openAtStartup();
  return { ctx, handlers: createHandlers(ctx) };
}

describe('the IPC boundary', () => {
  it('validates payloads before the handler runs, with a plain-English reason', async () => {
    const { handlers } = context();
    const spy = vi.spyOn(handlers, 'pipelines/update');
    expect(await dispatch(handlers, 'pipelines/update', { pipelineId: 1, changes: { attrition: 2 } })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Attrition cannot be above 100 %', fields: { 'changes.attrition': 'Attrition cannot be above 100 %' } },
    });
    expect(await dispatch(handlers, 'pipelines/update', { pipelineId: '1', changes: {} })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await dispatch(handlers, 'pipelines/update', { pipelineId: 1, changes: { attrition: 0.2 }, extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
    expect(await dispatch(handlers, 'pipelines/update', JSON.parse('{"pipelineId":1,"changes":{"__proto__":{"polluted":1}}}'))).toMatchObject({ ok: false });
    expect(spy).not.toHaveBeenCalled();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('refuses unknown channels, including prototype names', async () => {
    const { handlers } = context();
    for (const name of ['nope', '__proto__', 'constructor', 'toString', 42, null]) {
      expect(await dispatch(handlers, name, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('returns a service refusal as an error envelope, never a throw', async () => {
    const { handlers } = context();
    expect(await dispatch(handlers, 'pipelines/delete', { pipelineId: 999999 })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'Pipeline 999999 does not exist (it may have been deleted).' },
    });
    expect(await dispatch(handlers, 'scenario/create', { name: 'our dorset PLAN' })).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('registers every channel once and checks the sender before dispatching', async () => {
    const { handlers } = context();
    const registered = new Map<string, Parameters<IpcMainLike['handle']>[1]>();
    registerIpc(
      {
        handle: (channel, listener) => {
          if (registered.has(channel)) throw new Error('twice');
          registered.set(channel, listener);
        },
      },
      handlers,
      [APP_ORIGIN],
    );
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort());
    const listen = registered.get('scenarios/list')!;
    expect(await listen({ senderFrame: { url: APP_ENTRY, parent: null } }, {})).toMatchObject({ ok: true });
    expect(await listen({ senderFrame: { url: APP_ENTRY, parent: {} } }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await listen({ senderFrame: { url: 'https://evil.example/', parent: null } }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(() =>
      registerIpc(
        {
          handle: (c) => {
            if (registered.has(c)) throw new Error(`second handler for ${c}`);
          },
        },
        handlers,
        [APP_ORIGIN],
      ),
    ).toThrow(/second handler/);
  });

  it('refuses to start with a channel that has no handler', () => {
    const { handlers } = context();
    const missing = { ...handlers } as Partial<typeof handlers>;
    delete missing['app/about'];
    expect(() => registerIpc({ handle: () => undefined }, missing as typeof handlers, [APP_ORIGIN])).toThrow('Channel app/about has no handler');
  });

  it('the preload exposes exactly the contract’s functions and an event listener, nothing else', async () => {
    await import('../../preload/index');
    const api = exposed['api'] as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'onEvent'].sort());
    for (const c of CHANNELS) expect(typeof api[c]).toBe('function');
    expect(Object.isFrozen(api)).toBe(true);
    expect(() => (api['onEvent'] as (n: string, l: () => void) => void)('not-an-event', () => undefined)).toThrow(/Unknown event/);
  });

  it('save-as copies the open plan with the backup API and switches to the copy', async () => {
    const { ctx, handlers } = context();
    const dialogs = ctx.dialogs as ScriptedDialogs;
    const dest = path.join(tempDir(), 'copy');
    dialogs.answer(dest);
    const result = await dispatch(handlers, 'plan/save-as', {});
    expect(result).toMatchObject({ ok: true, value: { path: `${dest}.wfplan` } });
    expect(await dispatch(handlers, 'pipelines/list', { scenarioId: 2 })).toMatchObject({ ok: true });
    expect((await dispatch(handlers, 'plan/recent', {})) as { value: { path: string }[] }).toMatchObject({ value: [{ path: `${dest}.wfplan` }, {}] });
    dialogs.answer(null);
    expect(await dispatch(handlers, 'plan/open', {})).toEqual({ ok: true, value: null });
    ctx.close();
  });

  it('opens only plans that are in the recent list by path', async () => {
    const { handlers } = context();
    expect(await dispatch(handlers, 'plan/open-recent', { path: '/etc/passwd' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
