/**
 * A second process for the access tests, run as another user (so that file permissions apply
 * even when the tests run as root) or as "another program" holding a plan locked:
 *
 *   node access-child.cjs use PLAN USERDATA EXPORT COPY   open the plan through the app's handlers,
 *        export the board workbook to EXPORT, compare and open the first snapshot, edit, and
 *        Save As to COPY; prints one JSON line per step: {"step", "ok", "value" | "error"}
 *   node access-child.cjs lock-exclusive PLAN              PRAGMA locking_mode = EXCLUSIVE and a write
 *   node access-child.cjs lock-transaction PLAN            BEGIN EXCLUSIVE and a write, not committed
 *
 * The lock modes print "locked" and hold the lock until their stdin closes.
 */
import Database from 'better-sqlite3';
import fs from 'node:fs';
import { AppContext } from '../../src/main/app-context';
import { ScriptedDialogs } from '../../src/main/dialogs';
import { dispatch } from '../../src/main/ipc/dispatch';
import { createHandlers } from '../../src/main/ipc/handlers';

const [mode, plan, ...rest] = process.argv.slice(2) as [string, string, ...string[]];
const say = (line: string) => fs.writeSync(1, `${line}\n`);

async function use(userData: string, exportTo: string, copyTo: string): Promise<void> {
  const dialogs = new ScriptedDialogs();
  const ctx = new AppContext({ userDataDir: userData, dialogs, appVersion: 'access-test', autoBackup: false });
  const handlers = createHandlers(ctx);
  const step = async (name: string, channel: string, payload: unknown) => {
    const res = await dispatch(handlers, channel, payload);
    say(JSON.stringify(res.ok ? { step: name, ok: true, value: res.value } : { step: name, ok: false, error: res.error }));
    return res;
  };
  dialogs.answer(plan);
  const opened = await step('open', 'plan/open', {});
  if (!opened.ok) return;
  const scenarios = (await dispatch(handlers, 'scenarios/list', {})) as { ok: true; value: { id: number }[] };
  dialogs.answer(exportTo);
  await step('export', 'export/board', {
    taskId: 'access-export',
    scenarioIds: [scenarios.value[0]!.id],
    sheets: ['summary'],
    measures: ['fte'],
    formulas: false,
    suppressBelow: null,
  });
  const snaps = (await dispatch(handlers, 'snapshots/list', {})) as { ok: true; value: { id: number }[] };
  const first = snaps.value[0]?.id;
  if (first !== undefined) {
    await step('compare', 'snapshots/compare', { a: first, b: null });
    await step('snapshot', 'snapshots/open', { snapshotId: first });
  }
  await step('edit', 'plan/rename', { name: 'Renamed by the access test' });
  dialogs.answer(copyTo);
  await step('save-as', 'plan/save-as', {});
  await step('edit-copy', 'plan/rename', { name: 'Edited in the copy' });
  ctx.close();
}

function holdLock(how: 'exclusive' | 'transaction'): void {
  const db = new Database(plan);
  if (how === 'exclusive') {
    db.pragma('locking_mode = EXCLUSIVE');
    db.prepare("INSERT OR REPLACE INTO plan_meta (key, value) VALUES ('name', 'Written by the program holding the lock')").run();
  } else {
    db.exec('BEGIN EXCLUSIVE');
    db.prepare("INSERT OR REPLACE INTO plan_meta (key, value) VALUES ('name', 'Not committed by the program holding the lock')").run();
  }
  say('locked');
  process.stdin.resume();
  process.stdin.on('end', () => {
    if (how === 'transaction') db.exec('ROLLBACK');
    db.close();
    process.exit(0);
  });
}

async function main(): Promise<void> {
  if (mode === 'use') await use(rest[0]!, rest[1]!, rest[2]!);
  else if (mode === 'lock-exclusive') holdLock('exclusive');
  else if (mode === 'lock-transaction') holdLock('transaction');
  else throw new Error(`unknown mode ${mode}`);
}

main().catch((err: unknown) => {
  fs.writeSync(2, `${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
});
