/**
 * One call through the contract: look the channel up, validate the payload with its schema,
 * run the handler, and wrap the result in the envelope. Never throws: every failure becomes
 * {ok: false, error} with a message a user can act on.
 */
import { contract, type ChannelName, type Handlers } from '../../shared/api/contract';
import { AppError, type Envelope, type ErrorInfo } from '../../shared/api/errors';
import { describeIssues } from '../../shared/api/schemas';
import { logError } from '../log';

const isChannel = (name: unknown): name is ChannelName => typeof name === 'string' && Object.hasOwn(contract, name);

/** Turns anything thrown into the error half of the envelope. */
export function toErrorInfo(err: unknown, channel: string): ErrorInfo {
  if (err instanceof AppError) return err.toInfo();
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string' && code.startsWith('SQLITE_')) {
    if (code === 'SQLITE_FULL')
      return { code: 'DISK_FULL', message: 'The disk is full, so the change was not saved. Nothing was written. Free some space and try again.' };
    if (code.startsWith('SQLITE_READONLY'))
      return { code: 'READ_ONLY', message: 'The plan file cannot be written (it is read-only), so the change was not saved.' };
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED')
      return { code: 'LOCKED', message: 'The plan is in use by another program, so the change was not saved. Close it there and try again.' };
    if (code.startsWith('SQLITE_CONSTRAINT')) return { code: 'VALIDATION', message: 'The change breaks a rule of the plan and was not saved.' };
    if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB')
      return { code: 'CORRUPT', message: 'The plan file is damaged. Nothing was written; restore a backup from History.' };
  }
  logError(`Unexpected error on ${channel}`, err);
  return { code: 'INTERNAL', message: 'Something went wrong and the action was not completed. Nothing was changed.' };
}

export async function dispatch(handlers: Handlers, channel: unknown, payload: unknown): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) return { ok: false, error: { code: 'FORBIDDEN', message: 'Unknown request.' } };
  let parsed: ReturnType<(typeof contract)[typeof channel]['input']['safeParse']>;
  try {
    parsed = contract[channel].input.safeParse(payload ?? {});
  } catch {
    // Validation itself can fail on a pathological payload (e.g. stack depth): still an envelope.
    return { ok: false, error: { code: 'VALIDATION', message: 'The request could not be read: it is too large or too deeply nested.' } };
  }
  if (!parsed.success) {
    const { message, fields } = describeIssues(parsed.error);
    return { ok: false, error: { code: 'VALIDATION', message, fields } };
  }
  try {
    const handler = handlers[channel] as (input: unknown) => unknown;
    const value = await handler(parsed.data);
    return { ok: true, value };
  } catch (err) {
    return { ok: false, error: toErrorInfo(err, channel) };
  }
}
