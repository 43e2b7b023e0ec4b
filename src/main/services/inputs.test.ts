import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { demoSession, dumpPlan } from '../../../tests/support/plans';
import { undo } from '../db/changes';
import * as inputs from './inputs';
import { copyScenario } from './scenarios';

const code = (db: ReturnType<typeof demoSession>['db'], table: 'organisation' | 'role', c: string) =>
  (db.prepare(`SELECT id FROM ${table} WHERE code = ?`).get(c) as { id: number }).id;

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('engine inputs', () => {
  it('changes baseline and rates as one undoable change; rates belong to the scenario', () => {
    const { db } = demoSession();
    const org = code(db, 'organisation', 'RBD');
    const role = code(db, 'role', 'RN');
    const before = dumpPlan(db);
    const row = inputs.updateWorkforce(db, 2, org, role, { fte: 600, leaverRate: 0.05 });
    expect(row).toMatchObject({ fte: 600, leaverRate: 0.05 });
    // The baseline is the plan's; the leaver rate is only this scenario's.
    expect(inputs.listWorkforce(db, 1, { orgId: org, roleId: role })[0]).toMatchObject({ fte: 600, leaverRate: 0.085 });
    undo(db);
    expect(dumpPlan(db)).toEqual(before);
  });

  it('gives a cell without rates in this scenario its rates on first edit', () => {
    const { db } = demoSession();
    const org = code(db, 'organisation', 'PHD');
    const role = code(db, 'role', 'GP');
    inputs.createWorkforce(db, 2, org, role);
    const row = inputs.listWorkforce(db, 2, { orgId: org, roleId: role })[0]!;
    expect(row).toMatchObject({ fte: 0, rateId: null, leaverRate: 0 });
    expect(inputs.updateWorkforce(db, 2, org, role, { agencyShare: 0.5 })).toMatchObject({ agencyShare: 0.5, leaverRate: 0 });
    expect(refusal(() => inputs.createWorkforce(db, 2, org, role)).code).toBe('CONFLICT');
  });

  it('sets joiners by year, refuses a year outside the plan and a duplicate row', () => {
    const { db } = demoSession();
    const j = inputs.listJoiners(db, 2)[0]!;
    expect(inputs.setJoinerFte(db, j.id, 2024, 12.5).fteByYear[2024]).toBe(12.5);
    expect(inputs.setJoinerFte(db, j.id, 2024, null).fteByYear[2024]).toBeUndefined();
    expect(refusal(() => inputs.setJoinerFte(db, j.id, 2040, 1)).message).toBe('2040/41 is outside the plan (2019/20 to 2028/29).');
    expect(refusal(() => inputs.createJoiner(db, 2, { kind: j.kind, orgId: j.orgId, roleId: j.roleId, entrantAgeBand: 1 })).code).toBe('CONFLICT');
  });

  it('keeps a growth driver’s years in order', () => {
    const { db } = demoSession();
    const d = inputs.listDemand(db, 2).drivers[0]!;
    expect(refusal(() => inputs.updateDriver(db, d.id, { endYear: 2010 })).message).toContain('ends (2010/11) before it starts (2019/20)');
  });

  it('holds a target whose value is not yet known as null, and can set it', () => {
    const { db } = demoSession();
    const t = inputs.listTargets(db).find((x) => x.name === 'Endoscopists trained')!;
    expect(t.value).toBeNull();
    expect(inputs.updateTarget(db, t.id, { value: 12 }).value).toBe(12);
    expect(inputs.updateTarget(db, t.id, { value: null }).value).toBeNull();
  });

  it('lists the assumptions register with labels and values, scenario by scenario', () => {
    const { db } = demoSession();
    const plan = inputs.listAssumptions(db, 2);
    const rnda = plan.find((a) => a.label === 'Registered nurse degree apprenticeship (RBD): attrition')!;
    expect(rnda).toMatchObject({ status: 'illustrative', value: '24.0%' });
    expect(rnda.source).toContain('24–25 %');
    const nothing = inputs.listAssumptions(db, 1);
    expect(nothing.some((a) => a.label.startsWith('Registered nurse degree apprenticeship'))).toBe(false);
    const target = plan.find((a) => a.label.startsWith('Target: Endoscopists trained'))!;
    expect(target.value).toBe('not set');
    inputs.setAssumptionNote(db, 2, { entity: rnda.entity, entityId: rnda.entityId, field: 'attrition', status: 'stated', source: 'Local HEI data, 2019' });
    expect(inputs.listAssumptions(db, 2).find((a) => a.label === rnda.label)).toMatchObject({ status: 'stated', source: 'Local HEI data, 2019' });
  });

  it('reads one note back whichever scenario owns its number, and says so when the number is gone', () => {
    const { db } = demoSession();
    const rnda = inputs.listAssumptions(db, 2).find((a) => a.label === 'Registered nurse degree apprenticeship (RBD): attrition')!;
    expect(inputs.getAssumption(db, rnda.entity, rnda.entityId, 'attrition')).toEqual(rnda);
    expect(rnda.scenarioId).toBe(2);
    const baseline = inputs.listAssumptions(db, 2).find((a) => a.entity === 'workforce_baseline')!;
    expect(inputs.getAssumption(db, baseline.entity, baseline.entityId, baseline.field)).toMatchObject({ label: baseline.label, scenarioId: null });
    expect(() => inputs.getAssumption(db, 'pipeline', 999_999, 'attrition')).toThrow('no longer in the plan');
  });

  it('copies rates, joiners and demand with a scenario, notes included', () => {
    const { db } = demoSession();
    const copy = copyScenario(db, 2, 'Stretch');
    expect(inputs.listWorkforce(db, copy.id).map((r) => r.leaverRate)).toEqual(inputs.listWorkforce(db, 2).map((r) => r.leaverRate));
    expect(inputs.listJoiners(db, copy.id).length).toBe(inputs.listJoiners(db, 2).length);
    expect(inputs.listDemand(db, copy.id).changes.length).toBe(inputs.listDemand(db, 2).changes.length);
    expect(inputs.listAssumptions(db, copy.id).length).toBe(inputs.listAssumptions(db, 2).length);
  });
});
