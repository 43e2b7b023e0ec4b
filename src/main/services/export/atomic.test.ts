import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { tempDir } from '../../../../tests/support/temp';
import { writeFileAtomic } from './atomic';

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('atomic writing', () => {
  it('replaces a file through a temporary file and leaves no temporary behind', () => {
    const dir = tempDir();
    const target = path.join(dir, 'board.xlsx');
    fs.writeFileSync(target, 'old');
    writeFileAtomic(target, 'new');
    expect(fs.readFileSync(target, 'utf8')).toBe('new');
    expect(fs.readdirSync(dir)).toEqual(['board.xlsx']);
  });

  it('refuses a folder with the target name, and leaves it', () => {
    const dir = tempDir();
    const target = path.join(dir, 'board.xlsx');
    fs.mkdirSync(target);
    const e = refusal(() => writeFileAtomic(target, 'x'));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toContain('board.xlsx');
    expect(e.message).toContain('Choose another file name');
    expect(fs.statSync(target).isDirectory()).toBe(true);
  });

  it('refuses an existing read-only file: the old file survives', () => {
    const dir = tempDir();
    const target = path.join(dir, 'board.xlsx');
    fs.writeFileSync(target, 'old');
    fs.chmodSync(target, 0o444);
    const e = refusal(() => writeFileAtomic(target, 'new'));
    expect(e.code).toBe('LOCKED');
    expect(e.message).toMatch(/open in another program.*read-only.*left as it was/s);
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['board.xlsx']);
  });

  it('refuses a read-only folder: the old file survives', () => {
    const dir = tempDir();
    const folder = path.join(dir, 'papers');
    fs.mkdirSync(folder);
    const target = path.join(folder, 'board.xlsx');
    fs.writeFileSync(target, 'old');
    fs.chmodSync(folder, 0o555);
    try {
      const e = refusal(() => writeFileAtomic(target, 'new'));
      expect(e.code).toBe('LOCKED');
      expect(fs.readFileSync(target, 'utf8')).toBe('old');
    } finally {
      fs.chmodSync(folder, 0o755);
    }
  });

  it('refuses a folder that does not exist, naming it', () => {
    const dir = tempDir();
    const e = refusal(() => writeFileAtomic(path.join(dir, 'nope', 'board.xlsx'), 'x'));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain(path.join(dir, 'nope'));
  });

  it('a write that fails half way (rename refused) leaves the old file and no temporary', () => {
    const dir = tempDir();
    const target = path.join(dir, 'board.xlsx');
    fs.writeFileSync(target, 'old');
    const rename = fs.renameSync;
    (fs as { renameSync: typeof fs.renameSync }).renameSync = () => {
      throw Object.assign(new Error('EBUSY: resource busy or locked'), { code: 'EBUSY' });
    };
    try {
      const e = refusal(() => writeFileAtomic(target, 'new'));
      expect(e.code).toBe('LOCKED');
    } finally {
      (fs as { renameSync: typeof fs.renameSync }).renameSync = rename;
    }
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['board.xlsx']);
  });
});
