/**
 * The command line as a script or a pipeline sees it: run as a separate process with its output
 * piped, every line arrives (nothing is cut off by the exit), the exit code is right, and a
 * failure names its cause (the disk is full, a read-only target, permission, a plan in use by
 * another program) instead of an error class.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, createDemoPlan } from '../../src/main/services/plan-session';
import { tempDir } from '../support/temp';
import { bundleChild, giveTo, holdWith, mountSmallDisk, otherUser, release, runAs } from './processes';

let EXPORT = '';
let ACCESS = '';
let plan = '';
const user = otherUser();

beforeAll(() => {
  EXPORT = bundleChild('src/cli/export.ts');
  ACCESS = bundleChild('tests/reliability/access-child.ts');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-cli-'));
  fs.chmodSync(dir, 0o755);
  plan = path.join(dir, 'Dorset.wfplan');
  closeSession(createDemoPlan(plan));
  fs.chmodSync(plan, 0o644);
});
afterAll(() => fs.rmSync(path.dirname(plan), { recursive: true, force: true }));

const exportArgs = (out: string) => [plan, '--scenario', 'Our Dorset plan', '--out', out, '--sheets', 'summary'];

describe('npm run export, piped', () => {
  it('writes the workbook and its last line reaches the pipe; exit 0', async () => {
    const out = path.join(tempDir('wfp-cli-out-'), 'board.xlsx');
    const r = await runAs(null, EXPORT, exportArgs(out));
    expect(r.code).toBe(0);
    expect(r.lines.at(-1)).toMatch(new RegExp(`^Wrote ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(2 sheets: Cover, Summary; \\d+ KB\\)\\.$`));
  });

  it('a read-only target: the cause in words on stderr, exit 1, the old file kept', async () => {
    const dir = tempDir('wfp-cli-out-');
    const out = path.join(dir, 'board.xlsx');
    fs.writeFileSync(out, 'old');
    fs.chmodSync(out, 0o444);
    const r = await runAs(null, EXPORT, exportArgs(out));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `Export failed: Could not write "board.xlsx" in ${dir}: the existing file is read-only. Nothing was replaced: any existing "board.xlsx" was left as it was. Choose another name, or clear its read-only setting, and try again.`,
    );
    expect(fs.readFileSync(out, 'utf8')).toBe('old');
  });

  it.skipIf(user === null || !user.switched)('a folder the user may not write: "you do not have permission", as another user', async () => {
    const dir = tempDir('wfp-cli-out-');
    fs.chmodSync(dir, 0o755);
    const r = await runAs(user, EXPORT, exportArgs(path.join(dir, 'board.xlsx')));
    expect(r.code).toBe(1);
    expect(r.stderr.trim()).toBe(
      `Export failed: Could not write "board.xlsx": you do not have permission to write in ${dir}. Nothing was replaced: any existing "board.xlsx" was left as it was. Choose a folder of your own (for example Documents) and try again.`,
    );
  });

  it('a plan another program holds locked is still exported (read from a private copy), and left as it was', async () => {
    const holder = await holdWith(null, ACCESS, ['lock-exclusive', plan], 'locked');
    try {
      const out = path.join(tempDir('wfp-cli-out-'), 'board.xlsx');
      const r = await runAs(null, EXPORT, exportArgs(out));
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(fs.existsSync(out)).toBe(true);
    } finally {
      await release(holder);
    }
  });

  describe('on a full disk', () => {
    const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-cli-disk-'));
    const disk = mountSmallDisk(parent, 1024);
    afterAll(() => {
      if ('unmount' in disk) disk.unmount();
      fs.rmSync(parent, { recursive: true, force: true });
    });
    it.skipIf(!('dir' in disk))('"The disk is full: … more is needed", exit 1', async () => {
      const dir = (disk as { dir: string }).dir;
      if (user?.switched) giveTo(user, dir);
      const st = fs.statfsSync(dir);
      fs.writeFileSync(path.join(dir, 'filler'), Buffer.alloc(Number(st.bavail) * Number(st.bsize) - 4096));
      const r = await runAs(null, EXPORT, exportArgs(path.join(dir, 'board.xlsx')));
      expect(r.code).toBe(1);
      expect(r.stderr.trim()).toMatch(
        /^Export failed: The disk is full: [\d.,]+ KB more is needed\. "board\.xlsx" could not be written in .+\. Nothing was replaced/,
      );
      expect(fs.readdirSync(dir)).toEqual(['filler']);
    });
  });
});
