import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppContext } from './app-context';
import { ScriptedDialogs } from './dialogs';
import { openRequestedPlan } from './open-requested';
import { createEmptyPlan, closeSession } from './services/plan-session';
import { tempDir } from '../../tests/support/temp';

let dir: string;
let ctx: AppContext;
beforeEach(() => {
  dir = tempDir('wfp-open-');
  ctx = new AppContext({ userDataDir: path.join(dir, 'user-data'), dialogs: new ScriptedDialogs(), appVersion: '1.0.0', autoBackup: false });
});
afterEach(() => ctx.close());

describe('a plan handed over by the system', () => {
  it('opens the way Plan → Open does, and joins the recent plans', () => {
    const file = path.join(dir, 'Board plan.wfplan');
    closeSession(createEmptyPlan(file, 'Board plan'));
    const errors: string[] = [];
    const info = openRequestedPlan(ctx, file, (m) => errors.push(m));
    expect(errors).toEqual([]);
    expect(info?.path).toBe(path.resolve(file));
    expect(ctx.info().name).toBe('Board plan');
    expect(ctx.recent()[0]?.path).toBe(path.resolve(file));
  });

  it('is refused with a clear message when it is not a plan, and the file is left unchanged', () => {
    const file = path.join(dir, 'staff.xlsx');
    fs.writeFileSync(file, 'PK\u0003\u0004 not a plan');
    const before = fs.readFileSync(file);
    const shown: { message: string; detail: string }[] = [];
    expect(openRequestedPlan(ctx, file, (message, detail) => shown.push({ message, detail }))).toBeNull();
    expect(shown).toHaveLength(1);
    expect(shown[0]?.message).toBe('"staff.xlsx" could not be opened.');
    expect(shown[0]?.detail).toMatch(/"staff\.xlsx" is not a plan file/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('says so when the file has gone', () => {
    const shown: string[] = [];
    expect(openRequestedPlan(ctx, path.join(dir, 'gone.wfplan'), (_m, d) => shown.push(d))).toBeNull();
    expect(shown[0]).toMatch(/There is no plan at/);
  });
});
