/**
 * Only regular files are imported. A folder, a device (/dev/zero never ends), a named pipe (which
 * waits for a writer for ever) are refused before a byte is read, without waiting; the size
 * limit holds for the bytes actually read, also when a file says it is smaller than it is (a
 * file growing while read; /proc files say 0 bytes and read as many). Through the window's
 * handler (the file dialog) and the command line, run as a separate process with piped output.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/main/app-context';
import { ScriptedDialogs } from '../../src/main/dialogs';
import { dispatch } from '../../src/main/ipc/dispatch';
import { createHandlers } from '../../src/main/ipc/handlers';
import { readImportFile } from '../../src/main/services/import/file-guard';
import type { SheetAnalysis } from '../../src/shared/api/channels/import';
import { closeSession, createDemoPlan } from '../../src/main/services/plan-session';
import { tempDir } from '../support/temp';
import { bundleChild, runAs } from './processes';

const CSV = 'Org Code,Job Role,FTE\nRBD,RN,7\n';

function fifo(dir: string): string {
  const p = path.join(dir, 'staff.csv');
  execFileSync('mkfifo', [p]);
  return p;
}

/** Refused within a second: a pipe or a device must never be waited on or read to its end. */
async function refusedQuickly(file: string, max?: number): Promise<string> {
  const started = Date.now();
  const err = await readImportFile(file, max).then(
    () => null,
    (e: unknown) => e,
  );
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(err).toBeInstanceOf(Error);
  return (err as Error).message;
}

describe('readImportFile', () => {
  it('reads a regular file whole, byte for byte', async () => {
    const file = path.join(tempDir('wfp-guard-'), 'staff.csv');
    const bytes = Buffer.alloc(3 * 1024 * 1024 + 17, 'a'); // more than one chunk
    fs.writeFileSync(file, bytes);
    expect(Buffer.from(await readImportFile(file)).equals(bytes)).toBe(true);
  });

  it('refuses a named pipe without waiting for a writer', async () => {
    const p = fifo(tempDir('wfp-guard-'));
    expect(await refusedQuickly(p)).toBe('"staff.csv" is a named pipe, not a spreadsheet file: only files can be imported. Choose the spreadsheet itself.');
  });

  it('refuses /dev/zero and /dev/null as devices, before reading', async () => {
    expect(await refusedQuickly('/dev/zero')).toBe('"zero" is a device, not a spreadsheet file: only files can be imported. Choose the spreadsheet itself.');
    expect(await refusedQuickly('/dev/null')).toMatch(/^"null" is a device/);
  });

  it('refuses a folder', async () => {
    const dir = tempDir('wfp-guard-');
    fs.mkdirSync(path.join(dir, 'Staff.xlsx'));
    expect(await refusedQuickly(path.join(dir, 'Staff.xlsx'))).toBe(
      '"Staff.xlsx" is a folder, not a spreadsheet file: only files can be imported. Choose the spreadsheet itself.',
    );
  });

  it('refuses a file over the limit by its size, and one exactly at the limit is read', async () => {
    const dir = tempDir('wfp-guard-');
    const max = 2 * 1024 * 1024;
    fs.writeFileSync(path.join(dir, 'at.csv'), Buffer.alloc(max, 'x'));
    fs.writeFileSync(path.join(dir, 'over.csv'), Buffer.alloc(max + 512 * 1024, 'x'));
    fs.writeFileSync(path.join(dir, 'one-more.csv'), Buffer.alloc(max + 1, 'x'));
    expect((await readImportFile(path.join(dir, 'at.csv'), max)).length).toBe(max);
    expect(await refusedQuickly(path.join(dir, 'over.csv'), max)).toBe(
      '"over.csv" is 2.5 MB; files over 2 MB cannot be imported. Split it and import each part.',
    );
    expect(await refusedQuickly(path.join(dir, 'one-more.csv'), max)).toMatch(/^"one-more\.csv" is 2 MB; files over 2 MB cannot be imported/);
  });

  it('counts the bytes read, not the size the file gives: /proc files say 0 bytes', async () => {
    expect(fs.statSync('/proc/self/status').size).toBe(0);
    // Under the limit it is read whole, growing its buffer past the size it gave.
    expect(Buffer.from(await readImportFile('/proc/self/status')).toString('utf8')).toMatch(/^Name:/);
    // Over the limit it is refused once more than the limit has been read.
    expect(await refusedQuickly('/proc/self/status', 64)).toBe(
      '"status" is larger than 64 bytes (more was read than its size said); files over 64 bytes cannot be imported. Split it and import each part.',
    );
  });

  it('refuses a file that grows past the limit while it is read', async () => {
    const file = path.join(tempDir('wfp-guard-'), 'growing.csv');
    const max = 8 * 1024 * 1024;
    fs.writeFileSync(file, Buffer.alloc(1024 * 1024, 'a'));
    // Another process appends 16 MB, a megabyte at a time, while the file is read.
    const writer = fs.openSync(file, 'a');
    const chunk = Buffer.alloc(1024 * 1024, 'b');
    const grown = new Promise<void>((resolve) => {
      let appended = 0;
      const step = () => {
        fs.writeSync(writer, chunk);
        if (++appended < 16) setImmediate(step);
        else resolve();
      };
      setImmediate(step);
    });
    const reading = readImportFile(file, max).then(
      (b) => `read ${b.length}`,
      (e: unknown) => (e as Error).message,
    );
    const [result] = await Promise.all([reading, grown]);
    fs.closeSync(writer);
    // Either the file was read before it grew (never more than the limit) or it was refused.
    if (result.startsWith('read ')) expect(Number(result.slice(5))).toBeLessThanOrEqual(max);
    else expect(result).toMatch(/^"growing\.csv" is (larger than 8 MB \(more was read than its size said\)|[\d.]+ MB); files over 8 MB cannot be imported/);
    // And once it has grown past the limit, it is refused.
    expect(await refusedQuickly(file, max)).toMatch(/^"growing\.csv" is 17 MB; files over 8 MB cannot be imported/);
  });

  it('says a file is not there', async () => {
    expect(await refusedQuickly(path.join(tempDir('wfp-guard-'), 'gone.csv'))).toBe('"gone.csv" could not be opened: it may have been moved or deleted.');
  });
});

describe('the window: a file chosen in the dialog', () => {
  let ctx: AppContext | null = null;
  afterEach(() => {
    ctx?.close();
    ctx = null;
  });

  it('refuses a pipe, a device and a folder, and reads a spreadsheet', async () => {
    const dir = tempDir('wfp-guard-');
    const plan = path.join(dir, 'Dorset.wfplan');
    closeSession(createDemoPlan(plan));
    const dialogs = new ScriptedDialogs();
    ctx = new AppContext({ userDataDir: path.join(dir, 'user'), dialogs, appVersion: 'test', autoBackup: false });
    ctx.openPath(plan);
    const handlers = createHandlers(ctx);
    const folder = path.join(dir, 'folder.csv');
    fs.mkdirSync(folder);
    const good = path.join(dir, 'good.csv');
    fs.writeFileSync(good, CSV);
    dialogs.answer(fifo(dir), '/dev/zero', folder, good);
    const choose = () => dispatch(handlers, 'import/choose-file', { taskId: 'guard-choose', target: 'baseline' });
    const messages: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await choose();
      expect(r.ok).toBe(false);
      if (!r.ok) messages.push(`${r.error.code}: ${r.error.message}`);
    }
    expect(messages).toEqual([
      'VALIDATION: "staff.csv" is a named pipe, not a spreadsheet file: only files can be imported. Choose the spreadsheet itself.',
      'VALIDATION: "zero" is a device, not a spreadsheet file: only files can be imported. Choose the spreadsheet itself.',
      'VALIDATION: "folder.csv" is a folder, not a spreadsheet file: only files can be imported. Choose the spreadsheet itself.',
    ]);
    const r = await choose();
    expect(r.ok ? (r.value as SheetAnalysis | null)?.fileName : r.error.message).toBe('good.csv');
  });
});

describe('npm run import, piped', () => {
  let IMPORT = '';
  let plan = '';
  beforeAll(() => {
    IMPORT = bundleChild('src/cli/import.ts');
    // Made once for both tests (tempDir folders go after each test).
    plan = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-guard-cli-')), 'Dorset.wfplan');
    closeSession(createDemoPlan(plan));
  });
  afterAll(() => fs.rmSync(path.dirname(plan), { recursive: true, force: true }));

  it('refuses a named pipe at once, exit 1, with the reason as its last line', async () => {
    const p = fifo(path.dirname(plan));
    const started = Date.now();
    const r = await runAs(null, IMPORT, [plan, p, '--into', 'baseline', '--dry-run']);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(r.code).toBe(1);
    expect(r.lines.at(-1)).toBe('"staff.csv" is a named pipe, not a spreadsheet file: only files can be imported. Choose the spreadsheet itself.');
  });

  it('refuses /dev/zero as a device, exit 1', async () => {
    const r = await runAs(null, IMPORT, [plan, '/dev/zero', '--into', 'baseline', '--dry-run']);
    expect(r.code).toBe(1);
    expect(r.lines.at(-1)).toBe('"zero" is a device, not a spreadsheet file: only files can be imported. Choose the spreadsheet itself.');
  });
});
