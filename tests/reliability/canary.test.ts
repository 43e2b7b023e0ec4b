/**
 * Privacy canary: a person's name, NI number, e-mail address and date of birth go into the
 * wizard in a person-level staff list — including a shifted row that puts the name and the NI
 * number in the organisation and role columns — through the real handlers: check, map the odd
 * values away, import with a saved mapping, save a snapshot, back up, back up again after an
 * edit. Then not one byte of the plan, its write-ahead log, its backups, the snapshot inside it
 * or the log holds any of them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/main/app-context';
import { ScriptedDialogs } from '../../src/main/dialogs';
import { dispatch } from '../../src/main/ipc/dispatch';
import { createHandlers } from '../../src/main/ipc/handlers';
import { setLogSink } from '../../src/main/log';
import type { ImportMapping, ImportReport, SheetAnalysis } from '../../src/shared/api/channels/import';
import type { Envelope } from '../../src/shared/api/errors';
import { setOwn } from '../../src/shared/own';
import { closeSession, createDemoPlan } from '../../src/main/services/plan-session';
import { tempDir } from '../support/temp';

const NAME = 'Zebedee Quixotica';
const NI = 'QQ123456C';
const EMAIL = 'zebedee.quixotica@example.org';
const DOB = '1961-02-03';
/** Every form a canary could take in bytes: as written, and each part of the name on its own. */
const CANARIES = [NAME, 'Zebedee', 'Quixotica', NI, EMAIL, 'zebedee.quixotica', DOB, '03/02/1961'];

const logged: string[] = [];
afterEach(() => setLogSink((line) => process.stderr.write(`${line}\n`)));

async function ok<T>(res: Promise<Envelope<unknown>>): Promise<T> {
  const r = await res;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value as T;
}

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

function findCanaries(label: string, bytes: Buffer): string[] {
  const found: string[] = [];
  for (const c of CANARIES) {
    for (const form of [Buffer.from(c, 'utf8'), Buffer.from(c, 'utf16le'), Buffer.from(c.toUpperCase(), 'utf8'), Buffer.from(c.toLowerCase(), 'utf8')]) {
      if (bytes.includes(form)) found.push(`${label}: ${c}`);
    }
  }
  return found;
}

describe('privacy canary', () => {
  it('a name, an NI number, an e-mail and a date of birth reach no byte of the plan, its WAL, backups, snapshots or the log', async () => {
    setLogSink((line) => logged.push(line));
    const dir = tempDir('wfp-canary-');
    const plan = path.join(dir, 'Dorset.wfplan');
    closeSession(createDemoPlan(plan));
    const ctx = new AppContext({ userDataDir: path.join(dir, 'user'), dialogs: new ScriptedDialogs(), appVersion: 'test', backupIntervalMs: 1 });
    const handlers = createHandlers(ctx);
    try {
      ctx.openPath(plan);
      const scenarioId = (ctx.db.prepare('SELECT id FROM scenario ORDER BY sort, id LIMIT 1').get() as { id: number }).id;
      const csv = [
        'Assignment Number,Employee Name,NI Number,Email Address,Date of Birth,Org Code,Job Role,Age Band,Contracted WTE',
        `10000001,${NAME},${NI},${EMAIL},${DOB},RBD,RN,50-54,1.0`,
        `10000002,Ann Other,QQ654321A,ann.other@example.org,1990-05-06,RBD,RN,30-34,0.8`,
        // Shifted two columns left: the name and NI number land in the organisation and role columns.
        `10000003,${EMAIL},${DOB},RBD,RN,${NAME},${NI},50-54,1.0`,
      ].join('\n');
      const analysis = await ok<SheetAnalysis>(
        dispatch(handlers, 'import/load-bytes', { taskId: 'canary-load', target: 'baseline', name: 'staff.csv', bytes: new TextEncoder().encode(`${csv}\n`) }),
      );
      expect(analysis.personLevel).toBe(true);
      const first = await ok<ImportReport>(
        dispatch(handlers, 'import/validate', { taskId: 'canary-check', token: analysis.token, scenarioId, mapping: analysis.proposed }),
      );
      // The shifted row's NI number is an unknown role: the planner skips it on the Values step.
      expect(first.problems.some((p) => p.severity === 'error' && p.message.startsWith(`Role '${NI}' (1 row) is not in the plan`))).toBe(true);
      const role = { ...first.mapping.values.role };
      setOwn(role, NI, null);
      const mapping: ImportMapping = { ...first.mapping, values: { ...first.mapping.values, role } };
      const report = await ok<ImportReport>(dispatch(handlers, 'import/validate', { taskId: 'canary-check', token: analysis.token, scenarioId, mapping }));
      expect(report.errors).toBe(0);
      await ok(
        dispatch(handlers, 'import/commit', {
          taskId: 'canary-commit',
          token: analysis.token,
          scenarioId,
          mapping: { ...report.mapping, options: { ...report.mapping.options, acceptLargeChanges: true } },
          saveMappingAs: 'ESR monthly',
        }),
      );
      expect((await ok<{ name: string }[]>(dispatch(handlers, 'import/mappings', {}))).map((m) => m.name)).toEqual(['ESR monthly']);
      await ok(dispatch(handlers, 'snapshots/save', { name: 'After the staff list' }));
      await ok(dispatch(handlers, 'backups/create', {}));
      await ok(dispatch(handlers, 'plan/rename', { name: 'Dorset, after the canary' }));
      await ctx.backups.backupNow();
      await ctx.backups.idle();

      // While the plan is open: the plan and its write-ahead log.
      const found: string[] = [];
      for (const f of [plan, `${plan}-wal`]) if (fs.existsSync(f)) found.push(...findCanaries(path.basename(f), fs.readFileSync(f)));
      ctx.close();
      // Closed: the plan, every backup and everything else the app wrote in its folders.
      for (const f of [...filesUnder(dir)]) found.push(...findCanaries(path.relative(dir, f), fs.readFileSync(f)));
      found.push(...findCanaries('log', Buffer.from(logged.join('\n'), 'utf8')));
      expect(filesUnder(path.join(dir, 'user', 'backups')).length).toBeGreaterThanOrEqual(2);
      expect(found).toEqual([]);
      // The snapshot is inside the plan (searched above) and holds the imported figures.
      expect(filesUnder(dir).some((f) => f.endsWith('.wfplan'))).toBe(true);
    } finally {
      ctx.close();
    }
  }, 120_000);
});
