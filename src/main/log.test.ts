import { afterEach, describe, expect, it } from 'vitest';
import { logError, setLogSink } from './log';

afterEach(() => setLogSink((line) => process.stderr.write(`${line}\n`)));

describe('the log', () => {
  it('writes the context, class, code and where, never the message (which may quote a cell)', () => {
    const lines: string[] = [];
    setLogSink((l) => lines.push(l));
    logError('Importing', Object.assign(new TypeError('Cannot read "Jane Smith, AB123456C"'), { code: 'ERR_X' }));
    logError('Something', 'a bare string with jane@example.org');
    const text = lines.join('\n');
    expect(text).toMatch(/ERROR Importing: TypeError \(ERR_X\)\n\s+at /);
    expect(text).toContain('ERROR Something: string');
    expect(text).not.toMatch(/Jane Smith|AB123456C|jane@example\.org|Cannot read/);
  });
});
