/**
 * The app's log: errors only, and never plan contents or spreadsheet cells (which may hold
 * personal data): a message, the error's class and code, and its stack.
 */
type Sink = (line: string) => void;
let sink: Sink = (line) => process.stderr.write(`${line}\n`);

export function setLogSink(next: Sink): void {
  sink = next;
}

export function logError(context: string, err: unknown): void {
  const e = err instanceof Error ? err : new Error(String(err));
  const code = (err as { code?: unknown }).code;
  sink(`${new Date().toISOString()} ERROR ${context}: ${e.name}${typeof code === 'string' ? ` (${code})` : ''}\n${e.stack ?? ''}`);
}

export function logInfo(message: string): void {
  sink(`${new Date().toISOString()} INFO ${message}`);
}
