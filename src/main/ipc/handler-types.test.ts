/**
 * Each handler module is typed from its channel table (HandlersFor): a table's channel with no
 * handler, or a handler for a channel of another table, is a type error. The `@ts-expect-error`
 * lines below fail `npm run typecheck` if that stops being so.
 */
import { describe, expect, it } from 'vitest';
import type { historyChannels } from '../../shared/api/channels/history';
import type { taskChannels } from '../../shared/api/channels/tasks';
import { CHANNELS, type HandlersFor } from '../../shared/api/contract';
import { createHandlers } from './handlers';
import type { AppContext } from '../app-context';

const state = { canUndo: false, undoLabel: null, canRedo: false, redoLabel: null };

describe('handler modules typed from their channel tables', () => {
  it('refuses a module that misses a channel of its tables, and one that handles a channel of another table', () => {
    // @ts-expect-error 'task/cancel' (of taskChannels) has no handler
    const missing: HandlersFor<typeof historyChannels & typeof taskChannels> = {
      'history/state': () => state,
      'history/undo': () => state,
      'history/redo': () => state,
    };
    const stray: HandlersFor<typeof historyChannels> = {
      'history/state': () => state,
      'history/undo': () => state,
      'history/redo': () => state,
      // @ts-expect-error 'plan/info' is not a channel of historyChannels
      'plan/info': () => null,
    };
    expect(Object.keys(missing)).toEqual(['history/state', 'history/undo', 'history/redo']);
    expect(Object.keys(stray)).toContain('plan/info');
  });

  it('joins the modules into one handler for every channel of the contract, and nothing else', () => {
    // The handlers only close over the context; none is called here.
    const handlers = createHandlers({} as AppContext);
    expect(Object.keys(handlers).sort()).toEqual([...CHANNELS].sort());
  });
});
