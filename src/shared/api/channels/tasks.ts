import { z } from 'zod';
import { channel } from '../channel';

/** A task id the window makes up for a long request, so that it can follow and cancel it. */
export const taskId = z.string().regex(/^[a-zA-Z0-9-]{8,64}$/, 'Not a task id');

export const taskChannels = {
  'task/cancel': channel<{ cancelled: boolean }>()(z.object({ taskId }).strict()),
} as const;
