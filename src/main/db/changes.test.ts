import { describe, expect, it } from 'vitest';
import { demoSession, dumpPlan } from '../../../tests/support/plans';
import { currentChangeId, historyState, recordChange, redo, revertChange, undo } from './changes';
import { listPipelines } from './repos/pipelines';
import { copyScenario, deleteScenario } from '../services/scenarios';
import { deletePipeline, setPipelineIntake, updatePipelineFields } from '../services/pipelines';

describe('the change log', () => {
  it('undoes and redoes an edit exactly, including values that are not round in binary', () => {
    const { db } = demoSession();
    const before = dumpPlan(db);
    const p = listPipelines(db, 2)[0]!;
    updatePipelineFields(db, p.id, { attrition: 1 / 3, conversion: 0.1 + 0.2 });
    const after = dumpPlan(db);
    expect(after).not.toEqual(before);
    expect(historyState(db)).toMatchObject({ canUndo: true, canRedo: false });
    undo(db);
    expect(dumpPlan(db)).toEqual(before);
    redo(db);
    expect(dumpPlan(db)).toEqual(after);
    const again = listPipelines(db, 2)[0]!;
    expect(again.attrition).toBe(1 / 3);
    expect(again.conversion).toBe(0.1 + 0.2);
  });

  it('restores cascaded rows: deleting a scenario and undoing brings back every pipeline, intake and note', () => {
    const { db } = demoSession();
    const before = dumpPlan(db);
    deleteScenario(db, 2);
    expect(db.prepare('SELECT count(*) AS n FROM pipeline WHERE scenario_id = 2').get()).toEqual({ n: 0 });
    undo(db);
    expect(dumpPlan(db)).toEqual(before);
    expect(db.pragma('foreign_key_check')).toEqual([]);
  });

  it('undoes a scenario copy completely, and redoes it', () => {
    const { db } = demoSession();
    const before = dumpPlan(db);
    copyScenario(db, 2, 'Stretch');
    const after = dumpPlan(db);
    undo(db);
    expect(dumpPlan(db)).toEqual(before);
    redo(db);
    expect(dumpPlan(db)).toEqual(after);
  });

  it('walks back several changes in order and forward again; a new edit drops the redo stack', () => {
    const { db } = demoSession();
    const p = listPipelines(db, 2)[0]!;
    const states = [dumpPlan(db)];
    setPipelineIntake(db, p.id, 2020, 11);
    states.push(dumpPlan(db));
    setPipelineIntake(db, p.id, 2020, 12);
    states.push(dumpPlan(db));
    deletePipeline(db, p.id);
    states.push(dumpPlan(db));
    for (let i = states.length - 2; i >= 0; i--) {
      undo(db);
      expect(dumpPlan(db)).toEqual(states[i]);
    }
    expect(undo(db)).toBeNull();
    redo(db);
    expect(dumpPlan(db)).toEqual(states[1]);
    setPipelineIntake(db, p.id, 2021, 99);
    expect(historyState(db).canRedo).toBe(false);
    expect(redo(db)).toBeNull();
  });

  it('records nothing for a change that writes nothing', () => {
    const { db } = demoSession();
    const n = () => (db.prepare('SELECT count(*) AS n FROM change_set').get() as { n: number }).n;
    const before = n();
    const p = listPipelines(db, 2)[0]!;
    updatePipelineFields(db, p.id, { attrition: p.attrition });
    expect(n()).toBe(before);
  });

  it('rolls back everything when the work inside a change throws', () => {
    const { db } = demoSession();
    const before = dumpPlan(db, []);
    expect(() =>
      recordChange(db, { source: 'test', summary: 'half' }, () => {
        db.prepare("UPDATE pipeline SET name = 'half done' WHERE id = 1").run();
        throw new Error('stop');
      }),
    ).toThrow('stop');
    expect(dumpPlan(db, [])).toEqual(before);
  });

  it('labels undo and redo with what they will do, and keeps who and how', () => {
    const { db } = demoSession();
    const p = listPipelines(db, 2)[0]!;
    setPipelineIntake(db, p.id, 2021, 12);
    expect(historyState(db).undoLabel).toBe(`${p.name} intake 2021/22: 10 → 12`);
    const row = db.prepare("SELECT user, source, kind FROM change_set WHERE kind = 'edit' ORDER BY id DESC LIMIT 1").get() as { user: string; source: string };
    expect(row.source).toBe('grid');
    expect(row.user.length).toBeGreaterThan(0);
    undo(db);
    expect(historyState(db).redoLabel).toBe(`${p.name} intake 2021/22: 10 → 12`);
  });

  it('knows the change being recorded only while it is recorded', () => {
    const { db } = demoSession();
    const p = listPipelines(db, 2)[0]!;
    expect(currentChangeId(db)).toBeNull();
    const inside = recordChange(db, { source: 'test', summary: 'rename' }, () => {
      db.prepare('UPDATE pipeline SET name = ? WHERE id = ?').run('Renamed', p.id);
      return currentChangeId(db);
    });
    expect(inside).toBe((db.prepare('SELECT max(id) AS id FROM change_set').get() as { id: number }).id);
    expect(currentChangeId(db)).toBeNull();
  });

  const lastChange = (db: ReturnType<typeof demoSession>['db']) =>
    db.prepare('SELECT id, summary, source, kind, state FROM change_set ORDER BY id DESC LIMIT 1').get() as {
      id: number;
      summary: string;
      source: string;
      kind: string;
      state: string;
    };
  const logOf = (db: ReturnType<typeof demoSession>['db'], id: number) =>
    db.prepare('SELECT tbl, op, pk, before, after FROM change_row WHERE change_id = ? ORDER BY id').all(id) as {
      tbl: string;
      op: string;
      pk: string;
      before: string | null;
      after: string | null;
    }[];

  it('reverts one earlier change exactly, as a new change, and keeps a later change to other rows', () => {
    const { db } = demoSession();
    const [a, b] = listPipelines(db, 2);
    const before = dumpPlan(db);
    updatePipelineFields(db, a!.id, { attrition: 1 / 3, conversion: 0.1 + 0.2 });
    const first = lastChange(db);
    setPipelineIntake(db, b!.id, 2021, 77);
    const both = dumpPlan(db);
    const r = revertChange(db, first.id);
    const revert = lastChange(db);
    expect(r).toEqual({ reverted: true, changeId: revert.id });
    const after = dumpPlan(db);
    // Every table is as before the reverted change, but for the later intake, which stands.
    expect(after['pipeline_intake']).toEqual(both['pipeline_intake']);
    expect({ ...after, pipeline_intake: null }).toEqual({ ...before, pipeline_intake: null });
    // The log: the revert is an edit of its own whose rows are the reverted change's, swapped.
    expect(revert).toMatchObject({ summary: `Reverted: ${first.summary}`, source: 'revert', kind: 'edit', state: 'active' });
    expect(logOf(db, revert.id)).toEqual(logOf(db, first.id).map((x) => ({ ...x, before: x.after, after: x.before })));
    expect(lastChange(db).id).toBe(revert.id);
    expect((db.prepare('SELECT state FROM change_set WHERE id = ?').get(first.id) as { state: string }).state).toBe('active');
    // The revert is undone like any edit.
    expect(historyState(db).undoLabel).toBe(`Reverted: ${first.summary}`);
    undo(db);
    expect(dumpPlan(db)).toEqual(both);
  });

  it('refuses, writing nothing, to revert a change whose rows a later change edited again', () => {
    const { db } = demoSession();
    const p = listPipelines(db, 2)[0]!;
    const original = p.intakes[2021];
    setPipelineIntake(db, p.id, 2021, 20);
    const first = lastChange(db);
    setPipelineIntake(db, p.id, 2021, 30);
    const later = lastChange(db);
    const before = dumpPlan(db, []);
    expect(revertChange(db, first.id)).toEqual({ reverted: false, blockedBy: later.summary });
    expect(dumpPlan(db, [])).toEqual(before);
    // Once the later change is undone, the earlier one reverts.
    undo(db);
    expect(revertChange(db, first.id)).toMatchObject({ reverted: true });
    expect(listPipelines(db, 2)[0]!.intakes[2021]).toBe(original);
    expect(original).not.toBe(20);
  });

  it('says what is wrong with a change that cannot be reverted', () => {
    const { db } = demoSession();
    const p = listPipelines(db, 2)[0]!;
    setPipelineIntake(db, p.id, 2021, 20);
    const first = lastChange(db);
    undo(db);
    expect(() => revertChange(db, first.id)).toThrow(/has been undone already/);
    expect(() => revertChange(db, 999_999)).toThrow(/Change 999999 is not in this plan's history/);
  });
});
