/**
 * The victim of the crash test: writes to a plan through the real services and prints a line
 * for every change the moment it is committed ("ack …"), until the parent kills it with SIGKILL.
 *
 *   node --import tsx tests/reliability/child.ts MODE PLAN WORKDIR
 *
 * MODE: edits | migration | backup | snapshot | export
 */
import fs from 'node:fs';
import path from 'node:path';
import { recordChange } from '../../src/main/db/changes';
import { openPlanFile } from '../../src/main/db/connection';
import { openSession } from '../../src/main/services/plan-session';
import { setPipelineIntake } from '../../src/main/services/pipelines';
import { makeBackup } from '../../src/main/services/history/backups';
import { saveSnapshot } from '../../src/main/services/history/snapshots';
import { writeFileAtomic } from '../../src/main/fs/atomic';

export const CRASH_PIPELINES = 3;
export const CRASH_YEARS = [2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027, 2028, 2029];

const [mode, plan, work] = process.argv.slice(2) as [string, string, string];
const say = (line: string) => fs.writeSync(1, `${line}\n`);

/** One bulk change: every year of one pipeline set to `v` (10 rows, all or nothing). */
function bulk(db: ReturnType<typeof openSession>['db'], pipelineIds: number[], v: number): number {
  const p = pipelineIds[v % pipelineIds.length] as number;
  recordChange(db, { source: 'crash test', summary: `bulk ${v}` }, () => {
    for (const y of CRASH_YEARS) setPipelineIntake(db, p, y, v, 'crash test');
  });
  return (db.prepare('SELECT max(id) AS id FROM change_set').get() as { id: number }).id;
}

async function main(): Promise<void> {
  if (mode === 'migration') {
    say('ready');
    const conn = openPlanFile(plan, { backupDir: path.join(work, 'migration-backups') });
    say(`migrated ${conn.schemaVersion}`);
    conn.db.close();
    return;
  }
  if (mode === 'export') {
    say('ready');
    for (let n = 1; ; n++) {
      const filler = String(n % 10).repeat(1_000_000 + (n % 7) * 100_000);
      writeFileAtomic(path.join(work, 'export.csv'), `export ${n}\n${filler}\nend ${n}\n`);
      say(`ack export ${n}`);
    }
  }
  const session = openSession(plan);
  const db = session.db;
  const pipelineIds = (db.prepare('SELECT id FROM pipeline ORDER BY id LIMIT ?').all(CRASH_PIPELINES) as { id: number }[]).map((r) => r.id);
  say('ready');
  for (let v = 1; ; v++) {
    const changeId = bulk(db, pipelineIds, v);
    say(`ack change ${changeId} ${v}`);
    if (mode === 'backup' && v % 2 === 0) {
      const b = await makeBackup(db, path.join(work, 'backups'), new Date(Date.now() + v));
      say(`ack backup ${b.file}`);
    }
    if (mode === 'snapshot' && v % 2 === 0) {
      const s = saveSnapshot(db, `Snapshot ${v}`);
      say(`ack snapshot ${s.id}`);
    }
  }
}

main().catch((err: unknown) => {
  fs.writeSync(2, `${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
