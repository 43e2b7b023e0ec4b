import Database from 'better-sqlite3';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSession, dumpPlan } from '../../../../tests/support/plans';
import { tempDir } from '../../../../tests/support/temp';
import { AppContext } from '../../app-context';
import { redo, undo } from '../../db/changes';
import { ScriptedDialogs } from '../../dialogs';
import { closeSession, createDemoPlan } from '../plan-session';
import { setPipelineIntake } from '../pipelines';
import * as inputs from '../inputs';
import { listAudit } from './audit';
import { applyRetention, backupName, listBackups, makeBackup, restoreBackupTo, retained } from './backups';
import { compareSnapshots, listSnapshots, openSnapshot, restoreSnapshot, saveSnapshot, writeComparison } from './snapshots';

type Db = ReturnType<typeof demoSession>['db'];
const idOf = (db: Db, table: 'organisation' | 'role', code: string) => (db.prepare(`SELECT id FROM ${table} WHERE code = ?`).get(code) as { id: number }).id;
const pipelineNamed = (db: Db, name: string, scenarioId: number) =>
  db.prepare('SELECT id, org_id, role_id FROM pipeline WHERE name = ? AND scenario_id = ?').get(name, scenarioId) as {
    id: number;
    org_id: number;
    role_id: number;
  };
const intake = (db: Db, pipelineId: number, year: number) =>
  (db.prepare('SELECT heads FROM pipeline_intake WHERE pipeline_id = ? AND year = ?').get(pipelineId, year) as { heads: number } | undefined)?.heads;
const RNDA = 'Registered nurse degree apprenticeship (RBD)';

describe('audit trail', () => {
  it('lists an edit with who, how, and old → new values, and its undo the other way round', () => {
    const { db } = demoSession();
    const p = pipelineNamed(db, RNDA, 2);
    const before = intake(db, p.id, 2021);
    expect(before).toBe(10);
    setPipelineIntake(db, p.id, 2021, 12);
    undo(db);
    const [undoEntry, edit] = listAudit(db);
    expect(edit).toMatchObject({ kind: 'edit', source: 'grid', state: 'undone', scenarioId: 2, rowCount: 1 });
    expect(edit!.user.length).toBeGreaterThan(0);
    expect(edit!.rows[0]).toMatchObject({ table: 'pipeline_intake', op: 'update', orgId: null });
    expect(edit!.rows[0]!.label).toContain(RNDA);
    expect(edit!.rows[0]!.label).toContain('2021/22');
    expect(edit!.rows[0]!.fields).toEqual([{ field: 'heads', old: '10', new: '12' }]);
    expect(undoEntry).toMatchObject({ kind: 'undo', source: 'undo' });
    expect(undoEntry!.rows[0]!.fields).toEqual([{ field: 'heads', old: '12', new: '10' }]);
  });

  it('filters by scenario, organisation (through the pipeline), role and date', () => {
    const { db } = demoSession();
    const p = pipelineNamed(db, RNDA, 2);
    setPipelineIntake(db, p.id, 2021, 12);
    const org = idOf(db, 'organisation', 'RBD');
    const other = idOf(db, 'organisation', 'PHD');
    const role = idOf(db, 'role', 'RN');
    inputs.updateWorkforce(db, 1, org, role, { leaverRate: 0.07 });
    expect(listAudit(db).length).toBe(2);
    expect(listAudit(db, { scenarioId: 2 }).map((e) => e.summary)).toHaveLength(1);
    expect(listAudit(db, { scenarioId: 1 })).toHaveLength(1);
    expect(listAudit(db, { orgId: p.org_id })).toHaveLength(p.org_id === org ? 2 : 1);
    expect(listAudit(db, { orgId: other })).toHaveLength(0);
    expect(listAudit(db, { roleId: role, scenarioId: 1 })[0]!.rows[0]!.fields).toEqual([{ field: 'leaver_rate', old: '0.085', new: '0.07' }]);
    const today = new Date().toISOString().slice(0, 10);
    expect(listAudit(db, { from: today, to: today })).toHaveLength(2);
    expect(listAudit(db, { to: '2000-01-01' })).toHaveLength(0);
  });
});

describe('snapshots', () => {
  it('saves, lists, opens read-only, compares with now, and restores as one undoable change', async () => {
    const { db } = demoSession();
    const p = pipelineNamed(db, RNDA, 2);
    const original = dumpPlan(db, ['change_set', 'change_row', 'snapshot']);
    const snap = saveSnapshot(db, 'Board, March 2026');
    expect(listSnapshots(db)).toEqual([snap]);
    expect(() => saveSnapshot(db, 'board, march 2026')).toThrow(/already a snapshot/);

    setPipelineIntake(db, p.id, 2021, 40);
    const view = openSnapshot(db, snap.id);
    expect(view.snapshot.name).toBe('Board, March 2026');
    expect(view.scenarios.length).toBeGreaterThan(0);
    expect(view.problems).toEqual([]);

    const cmp = compareSnapshots(db, snap.id, null);
    expect(cmp.labelA).toBe('Board, March 2026');
    expect(cmp.labelB).toBe('Now');
    expect(cmp.inputChanges).toHaveLength(1);
    expect(cmp.inputChanges[0]).toMatchObject({ table: 'pipeline_intake', op: 'changed', fields: [{ field: 'heads', old: '10', new: '40' }] });
    // 30 more apprentices in 2021/22 can only shrink the gap of the scenario they belong to.
    const moved = cmp.scenarios.find((s) => s.name === (db.prepare('SELECT name FROM scenario WHERE id = 2').get() as { name: string }).name)!;
    const last = moved.years.length - 1;
    expect(moved.gapB![last]!).toBeLessThan(moved.gapA![last]!);
    const untouched = cmp.scenarios.find((s) => s !== moved)!;
    expect(untouched.gapB).toEqual(untouched.gapA);

    const out = path.join(tempDir(), 'cmp.xlsx');
    await writeComparison(cmp, out);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('Comparison')!;
    expect(ws.getCell('A1').value).toBe('Comparison: Board, March 2026 → Now');
    const texts: string[] = [];
    ws.eachRow((row) => texts.push(row.getCell(1).text));
    expect(texts.some((t) => t.includes(RNDA))).toBe(true);

    restoreSnapshot(db, snap.id);
    expect(intake(db, p.id, 2021)).toBe(10);
    expect(dumpPlan(db, ['change_set', 'change_row', 'snapshot'])).toEqual(original);
    expect(listAudit(db)[0]).toMatchObject({ summary: 'Restored snapshot "Board, March 2026"', rowCount: 1 });
    undo(db);
    expect(intake(db, p.id, 2021)).toBe(40);
    redo(db);
    expect(intake(db, p.id, 2021)).toBe(10);
    // The snapshot survives its own restore and the undo.
    expect(listSnapshots(db)).toHaveLength(1);
  });

  it('brings back a deleted baseline row, with foreign keys intact, and the restore undoes exactly', () => {
    const { db } = demoSession();
    const snap = saveSnapshot(db, 'Before');
    const org = idOf(db, 'organisation', 'RBD');
    const role = idOf(db, 'role', 'RN');
    inputs.deleteWorkforce(db, org, role);
    const after = dumpPlan(db, ['change_set', 'change_row', 'snapshot']);
    restoreSnapshot(db, snap.id);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.prepare('SELECT count(*) n FROM workforce_baseline WHERE org_id = ? AND role_id = ?').get(org, role)).toEqual({ n: 1 });
    undo(db);
    expect(dumpPlan(db, ['change_set', 'change_row', 'snapshot'])).toEqual(after);
  });
});

describe('backups', () => {
  it('keeps the last hour, one a day for two weeks, one a week before that, and always the newest', () => {
    const now = new Date('2026-03-31T12:00:00Z');
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const min = 60_000;
    const day = 24 * 60 * min;
    const times = [
      ago(5 * min),
      ago(30 * min),
      ago(59 * min), // last hour: all kept
      ago(2 * 60 * min),
      ago(3 * 60 * min), // today, older than an hour: the day already has newer ones, so neither
      ago(day + 60 * min),
      ago(day + 2 * 60 * min), // 30 March: one
      ago(13 * day), // 18 March: one
      new Date('2026-03-03T10:00:00Z'),
      new Date('2026-03-04T10:00:00Z'), // same week (Mon 2 March): the newest
      new Date('2026-02-20T10:00:00Z'), // an older week
    ];
    const keep = retained(times, now);
    const kept = times.filter((t) => keep.has(t.getTime())).map((t) => t.toISOString());
    expect(kept).toEqual(
      [ago(5 * min), ago(30 * min), ago(59 * min), ago(day + 60 * min), ago(13 * day), new Date('2026-03-04T10:00:00Z'), new Date('2026-02-20T10:00:00Z')].map(
        (t) => t.toISOString(),
      ),
    );
    expect(retained([ago(400 * day)], now).size).toBe(1);
  });

  it('backs up with the backup API, lists only complete backups, thins old ones, and a restore gives back exactly the data', async () => {
    const { db, path: planPath } = demoSession();
    const folder = path.join(tempDir(), 'backups');
    const first = await makeBackup(db, folder, new Date('2026-03-01T09:00:00Z'));
    const backedUp = dumpPlan(db, []);
    setPipelineIntake(db, pipelineNamed(db, RNDA, 2).id, 2021, 33);
    // A half-written backup (an interrupted copy) is never listed.
    fs.writeFileSync(path.join(folder, `${backupName(new Date('2026-03-02T09:00:00Z'))}.partial-1-2`), 'half');
    expect(listBackups(folder).map((b) => b.file)).toEqual([first.file]);
    expect(first.size).toBeGreaterThan(10_000);

    const restored = await restoreBackupTo(folder, first.file, planPath);
    expect(path.dirname(restored)).toBe(path.dirname(planPath));
    expect(path.basename(restored)).toBe('demo (restored 2026-03-01 09-00).wfplan');
    const copy = new Database(restored, { readonly: true });
    expect(dumpPlan(copy, [])).toEqual(backedUp);
    expect(copy.pragma('application_id', { simple: true })).toBe(db.pragma('application_id', { simple: true }));
    copy.close();

    await makeBackup(db, folder, new Date('2026-03-01T09:30:00Z'));
    await makeBackup(db, folder, new Date('2026-03-01T11:00:00Z'));
    await makeBackup(db, folder, new Date('2026-03-20T11:00:00Z'));
    // On 20 March the two from 1 March 09:xx are the same day as 11:00: only the newest stays.
    expect(listBackups(folder).map((b) => b.at)).toEqual(['2026-03-20T11:00:00.000Z', '2026-03-01T11:00:00.000Z']);
    expect(applyRetention(folder, new Date('2026-03-20T11:00:00Z'))).toEqual([]);
  });
});

describe('automatic backups of the open plan', () => {
  it('backs up on open, then again only after a change and the interval', async () => {
    const dir = tempDir();
    const plan = path.join(dir, 'Auto.wfplan');
    closeSession(createDemoPlan(plan));
    const ctx = new AppContext({ userDataDir: path.join(dir, 'user'), dialogs: new ScriptedDialogs(), appVersion: 'test', backupIntervalMs: 300 });
    ctx.openPath(plan);
    await ctx.backups.idle();
    expect(ctx.listBackups()).toHaveLength(1);
    // No change: however long it waits, no new backup.
    await new Promise((r) => setTimeout(r, 700));
    await ctx.backups.idle();
    expect(ctx.listBackups()).toHaveLength(1);
    setPipelineIntake(ctx.db, pipelineNamed(ctx.db, RNDA, 2).id, 2021, 44);
    await expect.poll(() => ctx.listBackups().length, { timeout: 5000 }).toBe(2);
    await ctx.backups.idle();
    const newest = new Database(path.join(ctx.backupFolder, ctx.listBackups()[0]!.file), { readonly: true });
    expect(intake(newest, pipelineNamed(newest, RNDA, 2).id, 2021)).toBe(44);
    newest.close();
    ctx.close();
  });
});
