import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { tempDir } from '../../../tests/support/temp';
import { writeFileAtomic } from './atomic';

type WriteSync = (fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null) => number;

/**
 * A file-system shim for what a real full disk does to a write, used where no small disk can be
 * mounted (tests/reliability/full-disk.test.ts fills a real one): `answer` decides, call by call,
 * how many of the requested bytes the OS "accepts" (the rest are really written up to that count).
 */
function withWrites<T>(answer: (call: number, length: number) => number | Error, fn: () => T): T {
  const real = fs.writeSync as unknown as WriteSync;
  let call = 0;
  (fs as unknown as { writeSync: WriteSync }).writeSync = (fd, buffer, offset, length, position) => {
    const a = answer(call++, length);
    if (a instanceof Error) throw a;
    return a === 0 ? 0 : real(fd, buffer, offset, Math.min(a, length), position);
  };
  try {
    return fn();
  } finally {
    (fs as unknown as { writeSync: WriteSync }).writeSync = real;
  }
}

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

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
    expect(e.code).toBe('READ_ONLY');
    expect(e.message).toBe(
      `Could not write "board.xlsx" in ${dir}: the existing file is read-only. Nothing was replaced: any existing "board.xlsx" was left as it was. Choose another name, or clear its read-only setting, and try again.`,
    );
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
      expect(e.code).toBe('READ_ONLY');
      expect(e.message).toContain(`the folder ${folder} is read-only`);
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

  it('loops on short writes until every byte is down', () => {
    const dir = tempDir();
    const target = path.join(dir, 'board.csv');
    const data = 'x'.repeat(10_000);
    const calls = withWrites(
      () => 1000,
      () => {
        writeFileAtomic(target, data);
        return fs.readFileSync(target, 'utf8');
      },
    );
    expect(calls).toBe(data);
  });

  it('a write the disk stops taking half way (short, then nothing) is a full disk: the old file stays, no temporary is left', () => {
    const dir = tempDir();
    const target = path.join(dir, 'board.csv');
    fs.writeFileSync(target, 'old');
    const e = withWrites(
      (call, length) => (call === 0 ? Math.floor(length / 2) : 0),
      () => refusal(() => writeFileAtomic(target, 'y'.repeat(100_000))),
    );
    expect(e.code).toBe('DISK_FULL');
    expect(e.message).toMatch(/^The disk is full(: [\d.,]+ (bytes|KB|MB|GB) more is needed)?\. "board\.csv" could not be written in /);
    expect(e.message).toContain('Nothing was replaced: any existing "board.csv" was left as it was.');
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['board.csv']);
  });

  it('ENOSPC from the OS is a full disk that says how much more is needed when the OS can tell', () => {
    const dir = tempDir();
    const target = path.join(dir, 'board.csv');
    fs.writeFileSync(target, 'old');
    const statfs = fs.statfsSync;
    // The drive has 200 KB left for a 1.4 MB file: 1.2 MB more is needed.
    (fs as { statfsSync: unknown }).statfsSync = () => ({ ...statfs(dir), bavail: 50, bsize: 4096 });
    try {
      const e = withWrites(
        () => enospc(),
        () => refusal(() => writeFileAtomic(target, 'z'.repeat(204_800 + 1_258_291))),
      );
      expect(e.code).toBe('DISK_FULL');
      expect(e.message).toBe(
        `The disk is full: 1.2 MB more is needed. "board.csv" could not be written in ${dir}. Nothing was replaced: any existing "board.csv" was left as it was. Free some space, or choose another drive, and try again.`,
      );
    } finally {
      (fs as { statfsSync: unknown }).statfsSync = statfs;
    }
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(fs.readdirSync(dir)).toEqual(['board.csv']);
  });

  it('a workbook whose zip is incomplete is not renamed over the old one', () => {
    const dir = tempDir();
    const target = path.join(dir, 'board.xlsx');
    fs.writeFileSync(target, 'old');
    const zip = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'.repeat(100)), '[Content_Types].xml': strToU8('<Types/>') });
    writeFileAtomic(target, zip);
    expect(Buffer.from(fs.readFileSync(target)).equals(Buffer.from(zip))).toBe(true);
    fs.writeFileSync(target, 'old');
    for (const cut of [zip.subarray(0, zip.length - 10), zip.subarray(0, Math.floor(zip.length / 2))]) {
      const e = refusal(() => writeFileAtomic(target, cut));
      expect(e.code).toBe('IO');
      expect(e.message).toMatch(
        /^Could not write "board\.xlsx" in .*: the written workbook is not a complete zip \(.+\), so it was not saved\. Nothing was replaced/,
      );
      expect(fs.readFileSync(target, 'utf8')).toBe('old');
      expect(fs.readdirSync(dir)).toEqual(['board.xlsx']);
    }
    // A central directory that points at the wrong place is caught too.
    const moved = Buffer.from(zip);
    const eocd = moved.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    moved.writeUInt32LE(moved.readUInt32LE(eocd + 16) + 1, eocd + 16);
    expect(refusal(() => writeFileAtomic(target, moved)).message).toContain('central directory out of place');
  });

  it('a new file gets 0644 (less the umask), a replaced one keeps its mode, and a plan copy can ask for 0600', () => {
    if (process.platform === 'win32') return;
    const dir = tempDir();
    const mode = (f: string) => fs.statSync(f).mode & 0o777;
    const fresh = path.join(dir, 'fresh.csv');
    writeFileAtomic(fresh, 'a');
    expect(mode(fresh)).toBe(0o644 & ~process.umask());
    const kept = path.join(dir, 'kept.csv');
    fs.writeFileSync(kept, 'old');
    fs.chmodSync(kept, 0o640);
    writeFileAtomic(kept, 'new');
    expect(mode(kept)).toBe(0o640);
    const priv = path.join(dir, 'copy.wfplan');
    writeFileAtomic(priv, 'p', { mode: 0o600 });
    expect(mode(priv)).toBe(0o600);
  });
});
