/**
 * A full disk, for real: a small tmpfs is mounted and filled, then every writer is pointed at
 * it — the board workbook, a CSV, a snapshot comparison, Save As, the automatic backups, and a
 * snapshot saved into a plan that lives on it. Each must fail with "The disk is full: … more is
 * needed", leave the old file exactly as it was and leave no temporary file behind.
 *
 * Where the machine does not allow mounting (no root, or a container without the privilege),
 * the workbook, CSV and comparison writers are driven through a file-system shim that makes
 * writes come back short and then empty, as a full disk does; SQLite's own writes (Save As,
 * backups, snapshots) cannot be shimmed from JavaScript and are skipped, saying why.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/main/app-context';
import { ScriptedDialogs } from '../../src/main/dialogs';
import { dispatch } from '../../src/main/ipc/dispatch';
import { createHandlers } from '../../src/main/ipc/handlers';
import { AppError } from '../../src/shared/api/errors';
import { exportBoard, exportCsv } from '../../src/main/services/export';
import { listBackups, makeBackup } from '../../src/main/services/history/backups';
import { compareSnapshots, openSnapshot, saveSnapshot, writeComparison } from '../../src/main/services/history/snapshots';
import { backupPlanTo, closeSession, createDemoPlan, type PlanSession } from '../../src/main/services/plan-session';
import { sha256, tempDir } from '../support/temp';
import { mountSmallDisk } from './processes';

const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-full-disk-'));
const disk = mountSmallDisk(parent, 16 * 1024);
const realDisk = 'dir' in disk;
if (!realDisk) console.log(`Full-disk tests use the short-write shim: ${disk.unavailable}.`);

let session: PlanSession;
let scenarioId = 0;

beforeAll(() => {
  session = createDemoPlan(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-full-plan-')), 'Dorset.wfplan'));
  scenarioId = (session.db.prepare('SELECT id FROM scenario ORDER BY sort, id LIMIT 1').get() as { id: number }).id;
});

afterAll(() => {
  closeSession(session);
  fs.rmSync(path.dirname(session.path), { recursive: true, force: true });
  if ('unmount' in disk) disk.unmount();
  fs.rmSync(parent, { recursive: true, force: true });
});

/** Fills the small disk until only `leave` bytes are free; returns a function that empties it again. */
function fillLeaving(dir: string, leave: number): () => void {
  const filler = path.join(dir, 'filler.bin');
  const s = fs.statfsSync(dir);
  const free = Number(s.bavail) * Number(s.bsize);
  if (free > leave) fs.writeFileSync(filler, Buffer.alloc(free - leave));
  return () => fs.rmSync(filler, { force: true });
}

async function refusal(work: () => unknown): Promise<AppError> {
  try {
    await work();
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected the write to be refused');
}

const FULL =
  /^The disk is full: [\d.,]+ (bytes|KB|MB) more is needed\. "[^"]+" could not be written in .+\. Nothing was replaced: any existing "[^"]+" was left as it was\. Free some space, or choose another drive, and try again\.$/;

/** The old file is as it was and nothing else is in its folder. */
function expectOnlyOld(dir: string, name: string, hash: string): void {
  expect(sha256(path.join(dir, name))).toBe(hash);
  expect(
    fs
      .readdirSync(dir)
      .filter((f) => f !== 'filler.bin' && f !== 'lost+found')
      .sort(),
  ).toEqual([name]);
}

type WriteSync = (fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null) => number;

/** A disk with `room` bytes left, as the OS reports it to write(): short, then nothing. */
async function withShimmedDisk<T>(room: number, work: () => Promise<T>): Promise<T> {
  const real = fs.writeSync as unknown as WriteSync;
  let left = room;
  (fs as unknown as { writeSync: WriteSync }).writeSync = (fd, buffer, offset, length, position) => {
    if (left <= 0) throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const n = real(fd, buffer, offset, Math.min(length, left), position);
    left -= n;
    return n;
  };
  try {
    return await work();
  } finally {
    (fs as unknown as { writeSync: WriteSync }).writeSync = real;
  }
}

/** A folder on the full disk (or, with the shim, an ordinary folder) holding an old file. */
function folderWithOld(name: string): { dir: string; hash: string } {
  const dir = realDisk ? fs.mkdtempSync(path.join(disk.dir, 'w-')) : tempDir('wfp-full-');
  fs.writeFileSync(path.join(dir, name), `the old ${name}, which must survive`);
  return { dir, hash: sha256(path.join(dir, name)) };
}

let cmp: ReturnType<typeof compareSnapshots> | null = null;
/** A comparison of a snapshot with now, made before the disk is filled. */
function comparison(): ReturnType<typeof compareSnapshots> {
  cmp ??= compareSnapshots(session.db, saveSnapshot(session.db, 'For comparison').id, null);
  return cmp;
}

/** Each writer, the room left on the disk (less than it needs), and how to write it. */
const writers: { name: string; file: string; room: number; write: (target: string) => Promise<unknown> }[] = [
  {
    name: 'the board workbook',
    file: 'board.xlsx',
    room: 24 * 1024,
    write: (target) =>
      exportBoard(session.db, {
        scenarioIds: [scenarioId],
        sheets: ['summary', 'bridge', 'projection', 'pipelines', 'assumptions'],
        measures: ['fte', 'headcount'],
        suppressBelow: null,
        formulas: false,
        target,
        planFile: session.path,
        readOnly: false,
        appVersion: 'test',
      }),
  },
  {
    name: 'a CSV',
    file: 'grid.csv',
    room: 24 * 1024,
    write: (target) =>
      Promise.resolve(
        exportCsv(
          target,
          ['Organisation', 'FTE'],
          Array.from({ length: 20_000 }, (_, i) => [`Organisation ${i}`, i / 10]),
        ),
      ),
  },
  {
    name: 'a snapshot comparison',
    file: 'comparison.xlsx',
    room: 1024,
    write: (target) => writeComparison(comparison(), target),
  },
];

describe('a full disk: file writers', () => {
  for (const w of writers) {
    it(`${w.name}: "the disk is full", the old file kept, no temporary left (${realDisk ? 'a real full tmpfs' : 'short writes from a shim'})`, async () => {
      if (w.file === 'comparison.xlsx') comparison();
      const { dir, hash } = folderWithOld(w.file);
      const target = path.join(dir, w.file);
      const e = realDisk
        ? await (async () => {
            const empty = fillLeaving(disk.dir, w.room);
            try {
              return await refusal(() => w.write(target));
            } finally {
              empty();
            }
          })()
        : await withShimmedDisk(w.room, () => refusal(() => w.write(target)));
      expect(e.code).toBe('DISK_FULL');
      expect(e.message).toMatch(realDisk ? FULL : /^The disk is full[.:]/);
      expectOnlyOld(dir, w.file, hash);
      // With room again, the same write goes through.
      await w.write(target);
      expect(sha256(target)).not.toBe(hash);
      fs.rmSync(dir, { recursive: true, force: true });
    }, 60_000);
  }
});

describe.skipIf(!realDisk)('a full disk: copies of the plan (SQLite writes; a real disk only)', () => {
  const small = () => (disk as { dir: string }).dir;

  it('Save As: "the disk is full" with the space needed; an existing file at the target and the open plan are untouched', async () => {
    const dir = fs.mkdtempSync(path.join(small(), 'saveas-'));
    const target = path.join(dir, 'Dorset copy.wfplan');
    fs.writeFileSync(target, 'an older copy');
    const hash = sha256(target);
    const empty = fillLeaving(small(), 64 * 1024);
    try {
      const e = await refusal(() => backupPlanTo(session.db, target));
      expect(e.code).toBe('DISK_FULL');
      expect(e.message).toMatch(FULL);
    } finally {
      empty();
    }
    expectOnlyOld(dir, 'Dorset copy.wfplan', hash);
    expect(session.db.pragma('quick_check', { simple: true })).toBe('ok');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('automatic backups: the new one fails with the reason; the earlier ones stay listed and whole', async () => {
    const folder = fs.mkdtempSync(path.join(small(), 'backups-'));
    const first = await makeBackup(session.db, folder, new Date('2026-03-01T09:00:00Z'));
    const empty = fillLeaving(small(), 64 * 1024);
    try {
      const e = await refusal(() => makeBackup(session.db, folder, new Date('2026-03-01T09:05:00Z')));
      expect(e.code).toBe('DISK_FULL');
      expect(e.message).toMatch(FULL);
    } finally {
      empty();
    }
    expect(listBackups(folder).map((b) => b.file)).toEqual([first.file]);
    expect(fs.readdirSync(folder)).toEqual([first.file]);
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('a snapshot saved into a plan on a full disk is rolled back with "the disk is full"; the plan stays whole', async () => {
    const dir = fs.mkdtempSync(path.join(small(), 'plan-'));
    const plan = path.join(dir, 'On the small disk.wfplan');
    await backupPlanTo(session.db, plan);
    const ctx = new AppContext({ userDataDir: tempDir('wfp-full-user-'), dialogs: new ScriptedDialogs(), appVersion: 'test', autoBackup: false });
    const handlers = createHandlers(ctx);
    try {
      ctx.openPath(plan);
      const listed = await dispatch(handlers, 'snapshots/list', {});
      const empty = fillLeaving(small(), 32 * 1024);
      try {
        const res = await dispatch(handlers, 'snapshots/save', { name: 'Board, March 2026' });
        expect(res).toEqual({
          ok: false,
          error: { code: 'DISK_FULL', message: 'The disk is full, so the change was not saved. Nothing was written. Free some space and try again.' },
        });
      } finally {
        empty();
      }
      expect(ctx.db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(await dispatch(handlers, 'snapshots/list', {})).toEqual(listed);
      expect((await dispatch(handlers, 'snapshots/save', { name: 'Board, March 2026' })).ok).toBe(true);
    } finally {
      ctx.close();
    }
  });

  it('opening a snapshot when the temporary folder’s disk is full says so, and nothing is left there', async () => {
    const snap = saveSnapshot(session.db, `To open ${Date.now()}`);
    const tmp = fs.mkdtempSync(path.join(small(), 'tmp-'));
    const saved = process.env['TMPDIR'];
    process.env['TMPDIR'] = tmp;
    const empty = fillLeaving(small(), 16 * 1024);
    try {
      const e = await refusal(() => openSnapshot(session.db, snap.id));
      expect(e.code).toBe('DISK_FULL');
      expect(e.message).toMatch(
        new RegExp(
          `^The disk is full: [\\d.,]+ (KB|MB) more is needed\\. Opening the snapshot needs room in the temporary folder ${tmp}\\. Nothing was changed\\.`,
        ),
      );
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      empty();
      if (saved === undefined) delete process.env['TMPDIR'];
      else process.env['TMPDIR'] = saved;
    }
    expect(openSnapshot(session.db, snap.id).snapshot.id).toBe(snap.id);
    fs.rmSync(tmp, { recursive: true, force: true });
  });
});
