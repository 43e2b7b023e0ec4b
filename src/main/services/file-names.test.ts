import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSession } from '../../../tests/support/plans';
import { historyState } from '../db/changes';
import { getPlanSettings } from '../db/repos/meta';
import { listScenarios } from '../db/repos/scenarios';
import { boardWorkbookPath, comparisonPath, csvPath, fileSafe, summaryPdfPath, withExtension } from './file-names';
import { renamePlan } from './plan-session';

describe('file names proposed by save dialogs', () => {
  const plan = path.join('/plans', 'Dorset: plan.wfplan');

  it("keeps planners' words but not the characters file systems refuse", () => {
    expect(fileSafe('Q1/Q2 <draft>\u0007  "final"')).toBe('Q1 Q2 draft final');
    expect(fileSafe(' / ')).toBe('export');
    expect(fileSafe('x'.repeat(150))).toHaveLength(100);
    expect(withExtension('table.CSV', '.csv')).toBe('table.CSV');
    expect(withExtension('table', '.csv')).toBe('table.csv');
  });

  it('names each export beside the plan', () => {
    const { db } = demoSession();
    renamePlan(db, 'Dorset ICS: 2024');
    const ids = listScenarios(db).map((s) => s.id);
    expect(boardWorkbookPath(db, plan, ids)).toBe(path.join('/plans', 'Dorset ICS 2024 - Do nothing vs Our Dorset plan.xlsx'));
    expect(summaryPdfPath(plan, 'Board summary | Do nothing.pdf')).toBe(path.join('/plans', 'Board summary Do nothing.pdf'));
    expect(csvPath(plan, 'Baseline?')).toBe(path.join('/plans', 'Baseline.csv'));
    expect(comparisonPath(db, plan, null, 99)).toBe(path.join('/plans', 'Dorset plan - Now vs Snapshot 99.xlsx'));
  });
});

describe('renaming a plan', () => {
  it('renames it as one undoable change that says what it was', () => {
    const { db } = demoSession();
    const before = getPlanSettings(db).name;
    renamePlan(db, 'Stretch plan');
    expect(getPlanSettings(db).name).toBe('Stretch plan');
    expect(historyState(db).undoLabel).toBe(`Renamed plan "${before}" to "Stretch plan"`);
  });
});
