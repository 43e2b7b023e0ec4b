import { z } from 'zod';
import type { HistoryState } from '../dto';
import { channel } from '../channel';

const none = z.object({}).strict();

/** Undo and redo. */
export const historyChannels = {
  'history/state': channel<HistoryState>()(none),
  'history/undo': channel<HistoryState>()(none),
  'history/redo': channel<HistoryState>()(none),
} as const;
