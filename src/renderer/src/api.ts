/** The renderer's client: typed from the contract, unwraps the envelope, throws ApiError. */
import type { ChannelName, InputOf, OutputOf } from '../../shared/api/contract';
import type { ErrorCode, ErrorInfo } from '../../shared/api/errors';

export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  constructor(info: ErrorInfo) {
    super(info.message);
    this.name = 'ApiError';
    this.code = info.code;
    this.fields = info.fields;
  }
}

export async function call<C extends ChannelName>(channel: C, input: InputOf<C>): Promise<OutputOf<C>> {
  const fn = window.api[channel] as (i: InputOf<C>) => Promise<{ ok: true; value: OutputOf<C> } | { ok: false; error: ErrorInfo }>;
  const envelope = await fn(input);
  if (envelope.ok) return envelope.value;
  throw new ApiError(envelope.error);
}

export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  return 'Something went wrong and the action was not completed.';
}
