import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/api/errors';
import { failureMessage } from './failure';

const coded = (code: string) => Object.assign(new Error(`${code}: what the library said`), { name: 'SqliteError', code });

describe('command-line failure messages', () => {
  it('name the cause in words, never the error class', () => {
    const cases: [string, RegExp][] = [
      ['SQLITE_FULL', /^The disk is full\. Nothing was written\./],
      ['ENOSPC', /^The disk is full\./],
      ['SQLITE_BUSY', /^The plan is in use by another program, which is holding it locked\./],
      ['SQLITE_LOCKED', /in use by another program/],
      ['SQLITE_READONLY_DIRECTORY', /^The plan cannot be written: its file, folder or drive is read-only\./],
      ['EROFS', /read-only/],
      ['EACCES', /^Permission denied/],
      ['SQLITE_CANTOPEN', /^Permission denied/],
      ['SQLITE_IOERR_WRITE', /input\/output error/],
      ['SQLITE_CORRUPT', /damaged/],
    ];
    for (const [code, words] of cases) {
      const m = failureMessage(coded(code));
      expect(m, code).toMatch(words);
      expect(m, code).not.toContain('SqliteError');
      expect(m, code).not.toContain('what the library said');
    }
    expect(failureMessage(coded('SQLITE_FULL'), 'Nothing was imported.')).toBe('The disk is full. Nothing was imported. Free some space and try again.');
    expect(failureMessage(new AppError('LOCKED', 'Said by the app.'))).toBe('Said by the app.');
    expect(failureMessage(new TypeError('x'))).toBe('It failed unexpectedly. Nothing was written.');
  });
});
