/** Error codes that survive the IPC boundary; the renderer decides what to show from them. */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'NOT_A_PLAN',
  'NEWER_VERSION',
  'CORRUPT',
  'READ_ONLY',
  'LOCKED',
  'DISK_FULL',
  'IO',
  'CANCELLED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  code: ErrorCode;
  /** Plain English: what happened, where, and what to do next. */
  message: string;
  /** Per-field reasons for validation errors: path ("changes.attrition") → reason. */
  fields?: Record<string, string>;
}

/** An error a service raises on purpose; its message is shown to the user as it is. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  constructor(code: ErrorCode, message: string, fields?: Record<string, string>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.fields = fields;
  }
  toInfo(): ErrorInfo {
    return this.fields ? { code: this.code, message: this.message, fields: this.fields } : { code: this.code, message: this.message };
  }
}

export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };
