/**
 * Plans the user cannot write or read, plans on a read-only drive and plans another program
 * holds locked, through the app's real handlers in a second process running as another user
 * (CI runs as root, which ignores permissions). Each ends with a clear message or a read-only
 * plan that still exports, compares, shows snapshots and saves a copy; and the file, its mode,
 * its modification time and its folder exactly as they were.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/main/app-context';
import { ScriptedDialogs } from '../../src/main/dialogs';
import { saveSnapshot } from '../../src/main/services/history/snapshots';
import { closeSession, createDemoPlan, openSession } from '../../src/main/services/plan-session';
import { tempDir } from '../support/temp';
import { bundleChild, giveTo, holdWith, mountSmallDisk, otherUser, release, runAs, type OtherUser } from './processes';

let CHILD = '';
let template = '';
const user = otherUser();

beforeAll(() => {
  CHILD = bundleChild('tests/reliability/access-child.ts');
  // Kept for the whole file (tempDir folders go after each test).
  template = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-access-template-')), 'template.wfplan');
  const s = createDemoPlan(template);
  saveSnapshot(s.db, 'Board, March 2026');
  closeSession(s);
});
afterAll(() => fs.rmSync(path.dirname(template), { recursive: true, force: true }));

/** The file's bytes, mode and time, and every name in its folder with theirs. */
function stateOf(file: string): string[] {
  const dir = path.dirname(file);
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => {
      const p = path.join(dir, f);
      const st = fs.statSync(p);
      const hash = st.isFile() ? crypto.createHash('sha256').update(fs.readFileSync(p)).digest('hex') : 'folder';
      return `${f} ${hash} ${(st.mode & 0o7777).toString(8)} ${st.mtimeMs} ${st.uid}`;
    });
}

interface Step {
  step: string;
  ok: boolean;
  value?: { readOnly?: boolean; readOnlyReason?: string | null; path?: string };
  error?: { code: string; message: string };
}

/** A folder tree the other user can reach, with a plan in `planDir` and a writable `out` folder of theirs. */
function layout(u: OtherUser): { root: string; planDir: string; plan: string; out: string; userData: string } {
  const root = tempDir('wfp-access-');
  fs.chmodSync(root, 0o755);
  const planDir = path.join(root, 'shared drive');
  fs.mkdirSync(planDir, { mode: 0o755 });
  const plan = path.join(planDir, 'Dorset.wfplan');
  fs.copyFileSync(template, plan);
  const out = path.join(root, 'mine');
  fs.mkdirSync(out, { mode: 0o755 });
  giveTo(u, out);
  const userData = path.join(out, 'user-data');
  fs.mkdirSync(userData, { mode: 0o700 });
  giveTo(u, userData);
  return { root, planDir, plan, out, userData };
}

async function useAs(u: OtherUser, l: ReturnType<typeof layout>): Promise<Record<string, Step>> {
  const r = await runAs(u, CHILD, ['use', l.plan, l.userData, path.join(l.out, 'board.xlsx'), path.join(l.out, 'Dorset copy.wfplan')]);
  expect(r.stderr).toBe('');
  return Object.fromEntries(r.lines.map((line) => JSON.parse(line) as Step).map((s) => [s.step, s]));
}

/** A read-only plan: everything but editing works, and the copy can be edited. */
function expectReadOnlyButUsable(steps: Record<string, Step>, reason: string, l: ReturnType<typeof layout>): void {
  expect(steps['open']).toMatchObject({ ok: true, value: { readOnly: true, readOnlyReason: reason } });
  expect(steps['export']).toMatchObject({ ok: true, value: { path: path.join(l.out, 'board.xlsx') } });
  expect(steps['compare']?.ok).toBe(true);
  expect(steps['snapshot']?.ok).toBe(true);
  expect(steps['edit']).toMatchObject({ ok: false, error: { code: 'READ_ONLY' } });
  expect(steps['save-as']).toMatchObject({ ok: true, value: { readOnly: false, path: path.join(l.out, 'Dorset copy.wfplan') } });
  expect(steps['edit-copy']?.ok).toBe(true);
  expect(fs.statSync(path.join(l.out, 'Dorset copy.wfplan')).mode & 0o777).toBe(0o600);
}

describe.skipIf(user === null)('plans the user cannot write, tested as another user', () => {
  const u = user!;

  it('a read-only file opens read-only: export, compare, snapshots and Save As work; nothing beside it changes', async () => {
    const l = layout(u);
    giveTo(u, l.planDir);
    giveTo(u, l.plan);
    fs.chmodSync(l.plan, 0o444);
    const before = stateOf(l.plan);
    expectReadOnlyButUsable(await useAs(u, l), 'read-only file', l);
    expect(stateOf(l.plan)).toEqual(before);
  });

  it('a read-only folder: the plan opens read-only, and no -wal or -shm is left in the folder', async () => {
    const l = layout(u);
    giveTo(u, l.plan);
    giveTo(u, l.planDir);
    fs.chmodSync(l.plan, 0o600);
    fs.chmodSync(l.planDir, 0o555);
    try {
      const before = stateOf(l.plan);
      expectReadOnlyButUsable(await useAs(u, l), 'read-only folder', l);
      expect(stateOf(l.plan)).toEqual(before);
    } finally {
      fs.chmodSync(l.planDir, 0o755);
    }
  });

  it.skipIf(!u.switched)('a folder the user may not write (someone else’s): read-only, for want of permission', async () => {
    const l = layout(u);
    giveTo(u, l.plan);
    fs.chmodSync(l.plan, 0o600);
    const before = stateOf(l.plan);
    expectReadOnlyButUsable(await useAs(u, l), 'no permission', l);
    expect(stateOf(l.plan)).toEqual(before);
  });

  it.skipIf(!u.switched)('a plan the user may not read is refused for that reason, never called damaged, and left as it was', async () => {
    const l = layout(u);
    fs.chmodSync(l.plan, 0o600);
    const before = stateOf(l.plan);
    const steps = await useAs(u, l);
    expect(steps['open']).toEqual({
      step: 'open',
      ok: false,
      error: {
        code: 'FORBIDDEN',
        message: `"Dorset.wfplan" cannot be opened: you do not have permission to read it (${l.plan}). Ask its owner for access, or copy it somewhere of your own.`,
      },
    });
    expect(stateOf(l.plan)).toEqual(before);
  });
});

describe('a plan on a read-only drive', () => {
  // Mounted while the tests are collected, so that a machine that cannot mount skips by name.
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-access-drive-'));
  const disk = mountSmallDisk(parent, 8192);
  if ('unavailable' in disk) console.log(`Read-only drive test skipped: ${disk.unavailable}.`);
  afterAll(() => {
    if ('unmount' in disk) disk.unmount();
    fs.rmSync(parent, { recursive: true, force: true });
  });

  it.skipIf('unavailable' in disk)('opens read-only (even for root), exports elsewhere, saves a copy elsewhere, and writes nothing to the drive', async () => {
    if (!('dir' in disk)) return;
    const plan = path.join(disk.dir, 'Dorset.wfplan');
    fs.copyFileSync(template, plan);
    disk.remountReadOnly();
    const before = stateOf(plan);
    const out = tempDir('wfp-access-out-');
    const dialogs = new ScriptedDialogs();
    const ctx = new AppContext({ userDataDir: path.join(out, 'user'), dialogs, appVersion: 'test', autoBackup: false });
    try {
      expect(ctx.openPath(plan)).toMatchObject({ readOnly: true, readOnlyReason: 'read-only drive' });
      dialogs.answer(path.join(out, 'copy.wfplan'));
      expect(await ctx.saveAsWithDialog()).toMatchObject({ readOnly: false, path: path.join(out, 'copy.wfplan') });
    } finally {
      ctx.close();
    }
    expect(stateOf(plan)).toEqual(before);
  });
});

describe('a plan another program holds locked', () => {
  for (const how of ['lock-exclusive', 'lock-transaction'] as const) {
    it(`(${how === 'lock-exclusive' ? 'exclusive locking mode and a write' : 'an exclusive transaction'}) is "in use by another program", never damaged, untouched, and opens read-only`, async () => {
      const dir = tempDir('wfp-access-lock-');
      const plan = path.join(dir, 'Dorset.wfplan');
      fs.copyFileSync(template, plan);
      const holder = await holdWith(null, CHILD, [how, plan], 'locked');
      const ctx = new AppContext({
        userDataDir: path.join(tempDir('wfp-access-user-'), 'user'),
        dialogs: new ScriptedDialogs(),
        appVersion: 'test',
        autoBackup: false,
      });
      try {
        const before = stateOf(plan);
        const started = Date.now();
        let message = '';
        try {
          ctx.openPath(plan);
        } catch (err) {
          message = err instanceof Error ? `${(err as { code?: string }).code}: ${err.message}` : String(err);
        }
        expect(message).toBe(
          'LOCKED: "Dorset.wfplan" is in use by another program, which is holding it locked. Close it there and open it again, or open it read-only to look at it, export it or save a copy.',
        );
        expect(Date.now() - started).toBeLessThan(3000);
        expect(ctx.damagedPlan()).toBeNull();
        expect(ctx.lockedPlan()).toEqual({ path: plan, message: message.replace(/^LOCKED: /, '') });
        expect(stateOf(plan)).toEqual(before);

        const info = ctx.openLockedReadOnly();
        expect(info.readOnly).toBe(true);
        // The other program's committed write is there; its uncommitted one is not.
        expect(info.name).toBe(how === 'lock-exclusive' ? 'Written by the program holding the lock' : 'Dorset ICS workforce plan (demo)');
        expect(ctx.lockedPlan()).toBeNull();
      } finally {
        ctx.close();
        await release(holder);
      }
      // Once released, the plan opens for writing as usual.
      const s = openSession(plan);
      expect(s.readOnly).toBe(false);
      closeSession(s);
    }, 30_000);
  }
});
