/**
 * Private working copies: a plan that cannot be written, or whose content is checked before it
 * is opened, is copied with its write-ahead log into an owner-only temporary folder.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../shared/api/errors';
import { unreadable } from './plan-file';

export interface WorkingCopy {
  dir: string;
  file: string;
  remove(): void;
}

/** Working copies not yet removed: a connection left open when the process ends still leaves no copy behind. */
const liveCopies = new Set<string>();
process.once('exit', () => {
  for (const dir of liveCopies) fs.rmSync(dir, { recursive: true, force: true });
});

function fingerprint(file: string): string {
  const st = fs.statSync(file, { throwIfNoEntry: false });
  return st ? `${st.size}:${st.mtimeMs}:${st.ino}` : 'none';
}

/**
 * Copies the plan and its write-ahead log (which holds its latest changes when another program
 * has it open, or after a crash) into a new owner-only temporary folder. The bytes are copied,
 * not opened with SQLite, so nothing is created beside the original; a copy taken while the
 * files changed is taken again.
 */
export function privateCopy(abs: string, display: string): WorkingCopy {
  let dir: string;
  try {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-open-'));
    if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
  } catch (err) {
    throw unreadable(display, abs, err);
  }
  const file = path.join(dir, 'plan.wfplan');
  liveCopies.add(dir);
  const remove = () => {
    fs.rmSync(dir, { recursive: true, force: true });
    liveCopies.delete(dir);
  };
  try {
    for (let attempt = 1; ; attempt++) {
      const before = `${fingerprint(abs)}|${fingerprint(`${abs}-wal`)}`;
      fs.rmSync(`${file}-wal`, { force: true });
      fs.copyFileSync(abs, file);
      const wal = fs.statSync(`${abs}-wal`, { throwIfNoEntry: false });
      if (wal && wal.size > 0) fs.copyFileSync(`${abs}-wal`, `${file}-wal`);
      const after = `${fingerprint(abs)}|${fingerprint(`${abs}-wal`)}`;
      if (before === after) break;
      if (attempt === 3) throw new AppError('LOCKED', `${display} is being changed by another program right now. Close it there and try again.`);
    }
    if (process.platform !== 'win32') for (const f of [file, `${file}-wal`]) if (fs.existsSync(f)) fs.chmodSync(f, 0o600);
  } catch (err) {
    remove();
    throw err instanceof AppError ? err : unreadable(display, abs, err);
  }
  return { dir, file, remove };
}
