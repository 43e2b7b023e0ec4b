/**
 * The app's log: errors only, and never plan contents or spreadsheet cells (which may hold
 * personal data): a context, the error's class and code, and where it was thrown (the stack's
 * frames). An error's message is never written: a library's message may quote a value.
 */
type Sink = (line: string) => void;
let sink: Sink = (line) => process.stderr.write(`${line}\n`);

export function setLogSink(next: Sink): void {
  sink = next;
}

/** The stack's frames only ("    at f (file:line)"), without the first line, which repeats the message. */
function frames(stack: string | undefined): string {
  return (stack ?? '')
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .join('\n');
}

export function logError(context: string, err: unknown): void {
  const e = err instanceof Error ? err : null;
  const code = (err as { code?: unknown } | null)?.code;
  sink(`${new Date().toISOString()} ERROR ${context}: ${e ? e.name : typeof err}${typeof code === 'string' ? ` (${code})` : ''}\n${frames(e?.stack)}`);
}

export function logInfo(message: string): void {
  sink(`${new Date().toISOString()} INFO ${message}`);
}
