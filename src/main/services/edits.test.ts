import { describe, expect, it } from 'vitest';
import { contract } from '../../shared/api/contract';
import { AppError } from '../../shared/api/errors';
import { demoSession, dumpPlan } from '../../../tests/support/plans';
import { undo } from '../db/changes';
import { applyEdits } from './edits';
import * as inputs from './inputs';

type Db = ReturnType<typeof demoSession>['db'];
const idOf = (db: Db, table: 'organisation' | 'role', c: string) => (db.prepare(`SELECT id FROM ${table} WHERE code = ?`).get(c) as { id: number }).id;
const parse = (payload: unknown) => contract['edits/apply'].input.parse(payload);
const changeCount = (db: Db) => (db.prepare('SELECT count(*) n FROM change_set').get() as { n: number }).n;

describe('edits/apply (a paste)', () => {
  it('applies many cells as one change that one undo removes', () => {
    const { db } = demoSession();
    const org = idOf(db, 'organisation', 'RBD');
    const rn = idOf(db, 'role', 'RN');
    const before = dumpPlan(db);
    const changes = changeCount(db);
    const batch = parse({
      view: 'Baseline',
      scenarioId: 1,
      edits: [
        { channel: 'workforce/update', input: { scenarioId: 1, orgId: org, roleId: rn, changes: { fte: 1234 } }, at: { row: 'RN at DCH', column: 'FTE' } },
        {
          channel: 'workforce/update',
          input: { scenarioId: 1, orgId: org, roleId: rn, changes: { leaverRate: 0.12 } },
          at: { row: 'RN at DCH', column: 'Leaver rate' },
        },
      ],
    });
    expect(applyEdits(db, batch)).toEqual({ applied: 2 });
    expect(changeCount(db)).toBe(changes + 1);
    const last = db.prepare('SELECT source, summary FROM change_set ORDER BY id DESC LIMIT 1').get();
    expect(last).toEqual({ source: 'paste', summary: 'Pasted 2 cells into Baseline' });
    expect(inputs.listWorkforce(db, 1, { orgId: org, roleId: rn })[0]).toMatchObject({ fte: 1234, leaverRate: 0.12 });
    undo(db);
    expect(dumpPlan(db)).toEqual(before);
  });

  it('refuses the whole batch, naming every bad cell, and writes nothing', () => {
    const { db } = demoSession();
    const org = idOf(db, 'organisation', 'RBD');
    const rn = idOf(db, 'role', 'RN');
    const before = dumpPlan(db);
    const changes = changeCount(db);
    const batch = parse({
      view: 'Other joiners',
      scenarioId: 1,
      edits: [
        { channel: 'workforce/update', input: { scenarioId: 1, orgId: org, roleId: rn, changes: { fte: 999 } }, at: { row: 'Good row', column: 'FTE' } },
        { channel: 'joiners/set-fte', input: { joinerId: 999_999, year: 2025, fte: 3 }, at: { row: 'Gone row', column: '2025/26' } },
        { channel: 'demand/update-change', input: { changeId: 999_998, changes: { deltaFte: 3 } }, at: { row: 'Other gone row', column: 'Change (FTE)' } },
      ],
    });
    let err: unknown;
    try {
      applyEdits(db, batch);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    const e = err as AppError;
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(
      /^The paste into Other joiners was refused and nothing was changed: 2 cells are not valid\. Gone row, 2025\/26: .+; Other gone row, Change \(FTE\): .+\. Correct them in Excel and paste again\.$/,
    );
    expect(Object.keys(e.fields ?? {})).toEqual(['edits.1', 'edits.2']);
    // The valid first edit was rolled back with the rest.
    expect(dumpPlan(db)).toEqual(before);
    expect(changeCount(db)).toBe(changes);
  });

  it('validates every edit with its own channel schema at the boundary', () => {
    const bad = contract['edits/apply'].input.safeParse({
      view: 'Pipelines',
      scenarioId: 1,
      edits: [{ channel: 'pipelines/set-intake', input: { pipelineId: 1, year: 2025, heads: -5 }, at: { row: 'x', column: 'y' } }],
    });
    expect(bad.success).toBe(false);
    const unknown = contract['edits/apply'].input.safeParse({
      view: 'Pipelines',
      scenarioId: 1,
      edits: [{ channel: 'plan/delete-everything', input: {}, at: { row: 'x', column: 'y' } }],
    });
    expect(unknown.success).toBe(false);
  });
});
