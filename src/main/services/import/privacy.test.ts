/**
 * The privacy canary (docs/ARCHITECTURE.md, "Privacy"): a staff list full of identifiers is imported; none
 * of them may appear in any text column of the plan, in the raw plan file or its -wal, in any
 * backup, or in the log, whatever happens (validation errors included).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AppContext } from '../../app-context';
import { ScriptedDialogs } from '../../dialogs';
import { createHandlers } from '../../ipc/handlers';
import { dispatch } from '../../ipc/dispatch';
import { setLogSink } from '../../log';
import { tempDir } from '../../../../tests/support/temp';

const CANARIES = {
  name: ['Zebedee Quixworth', 'Ottoline Fennimore-Blatch'],
  ni: ['QQ123456C', 'QQ654321D'],
  nhs: ['9434765919', '9434765870'],
  dob: ['14/02/1961', '1999-07-30'],
  email: ['zebedee.quixworth@canary.nhs.net', 'ottoline.fb@canary.nhs.net'],
  assignment: ['ASG-77123401', 'ASG-77123402'],
};
const ALL = Object.values(CANARIES).flat();

const logLines: string[] = [];
afterAll(() => setLogSink((line) => process.stderr.write(`${line}\n`)));

describe('privacy canary', () => {
  it('drops names, NI and NHS numbers, dates of birth, e-mails and assignment numbers everywhere', async () => {
    setLogSink((line) => logLines.push(line));
    const dir = tempDir();
    const dialogs = new ScriptedDialogs();
    const ctx = new AppContext({ userDataDir: dir, dialogs, appVersion: 'test' });
    ctx.openAtStartup();
    const handlers = createHandlers(ctx);
    const rows = [
      'Assignment Number,Full Name,NI Number,NHS Number,Date of Birth,Email Address,Org Code,Job Role,Contracted WTE',
      `${CANARIES.assignment[0]},${CANARIES.name[0]},${CANARIES.ni[0]},${CANARIES.nhs[0]},${CANARIES.dob[0]},${CANARIES.email[0]},RBD,RN,1`,
      `${CANARIES.assignment[1]},${CANARIES.name[1]},${CANARIES.ni[1]},${CANARIES.nhs[1]},${CANARIES.dob[1]},${CANARIES.email[1]},RBD,RN,0.6`,
      // A bad row: its error message must not quote anything personal.
      `ASG-77123403,${CANARIES.name[0]},${CANARIES.ni[0]},${CANARIES.nhs[0]},not a date,${CANARIES.email[0]},RBD,RN,0.5`,
    ].join('\n');
    const bytes = new TextEncoder().encode(rows);
    const scenarioId = (ctx.db.prepare('SELECT id FROM scenario ORDER BY sort, id LIMIT 1').get() as { id: number }).id;
    const call = async (channel: string, input: unknown) => {
      const r = (await dispatch(handlers, channel, input)) as { ok: boolean; value?: unknown; error?: { message: string } };
      const text = JSON.stringify(r);
      for (const c of ALL) expect(text, `${channel} answer`).not.toContain(c);
      return r;
    };
    const analysed = (await call('import/load-bytes', { taskId: 'canary-task-1', target: 'baseline', name: 'staff list.csv', bytes })) as {
      ok: true;
      value: { token: string; proposed: unknown; sample: unknown[][] };
    };
    expect(analysed.ok).toBe(true);
    const { token, proposed } = analysed.value;
    const report = (await call('import/validate', { taskId: 'canary-task-2', token, scenarioId, mapping: proposed })) as {
      ok: true;
      value: { errors: number; warnings: number; problems: { message: string }[]; mapping: unknown };
    };
    expect(report.value.errors).toBe(0);
    expect(report.value.problems.map((p) => p.message)).toContain(
      'The date of birth is not a date between 14 and 100 years ago: the age band is left unknown.',
    );
    // Two people replace a hospital's registered nurses: a large change, confirmed here.
    const mapping = {
      ...(report.value.mapping as { options: object }),
      options: { ...(report.value.mapping as { options: object }).options, acceptLargeChanges: true },
    };
    const committed = await call('import/commit', { taskId: 'canary-task-3', token, scenarioId, mapping, saveMappingAs: 'Canary layout' });
    expect(committed.ok).toBe(true);
    // A refused commit and a failed request log nothing personal either.
    await call('import/load-bytes', { taskId: 'canary-task-4', target: 'baseline', name: 'bad.xlsx', bytes });
    const planFile = ctx.info().path;
    ctx.close();

    const scanText = (label: string, text: string) => {
      for (const c of ALL) expect(text.includes(c), `${label} holds ${c}`).toBe(false);
    };
    // Every file the app wrote: the plan, its -wal/-shm, backups, recent-plans list.
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(dir);
    expect(files.some((f) => f.endsWith('.wfplan'))).toBe(true);
    for (const f of files) scanText(f, fs.readFileSync(f).toString('latin1') + fs.readFileSync(f).toString('utf8'));
    const Database = (await import('better-sqlite3')).default;
    const db = new Database(planFile, { readonly: true });
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
    let scanned = 0;
    for (const t of tables) {
      for (const row of db.prepare(`SELECT * FROM "${t}"`).all() as Record<string, unknown>[]) {
        for (const v of Object.values(row))
          if (typeof v === 'string') {
            scanned++;
            scanText(`${t}`, v);
          }
      }
    }
    const imported = db.prepare("SELECT count(*) AS n FROM import_history WHERE file_name = 'staff list.csv'").get() as { n: number };
    db.close();
    expect(imported.n).toBe(1);
    expect(scanned).toBeGreaterThan(100);
    scanText('log', logLines.join('\n'));
  }, 60_000);
});
