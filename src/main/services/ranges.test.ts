/** Ranges in the plan: edited beside the central values, checked, noted, copied, filled, undone. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/api/errors';
import { TYPICAL_RULES, typicalRanges, uncertainGroups } from '../../shared/model';
import { demoSession, dumpPlan } from '../../../tests/support/plans';
import { redo, undo } from '../db/changes';
import { loadScenarioInputs } from '../db/repos/model-inputs';
import { applyEdits } from './edits';
import * as inputs from './inputs';
import { listPipelines } from '../db/repos/pipelines';
import { updatePipelineFields } from './pipelines';
import { countRanges, fillTypicalRanges, HAND_RANGE_SOURCE } from './ranges';
import { copyScenario } from './scenarios';

type Db = ReturnType<typeof demoSession>['db'];
const idOf = (db: Db, table: 'organisation' | 'role', code: string) => (db.prepare(`SELECT id FROM ${table} WHERE code = ?`).get(code) as { id: number }).id;
const PLAN = 2;

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('ranges', () => {
  it('are edited beside the central value, reach the engine, appear in the register, and undo with the edit', () => {
    const { db } = demoSession();
    const org = idOf(db, 'organisation', 'RBD');
    const role = idOf(db, 'role', 'RN');
    const before = dumpPlan(db);
    const central = inputs.listWorkforce(db, PLAN, { orgId: org, roleId: role })[0]!.leaverRate;
    const row = inputs.updateWorkforce(db, PLAN, org, role, { leaverRateLow: central - 0.02, leaverRateHigh: central + 0.03 });
    expect(row).toMatchObject({ leaverRateLow: central - 0.02, leaverRateHigh: central + 0.03 });
    const cell = loadScenarioInputs(db, PLAN).workforce.find((c) => c.orgId === org && c.roleId === role)!;
    expect(cell).toMatchObject({ leaverRateLow: central - 0.02, leaverRateHigh: central + 0.03 });
    // A range set by hand is in the register, marked illustrative until its source is recorded.
    const note = inputs.listAssumptions(db, PLAN).find((a) => a.entity === 'workforce_rate' && a.field === 'leaverRateRange');
    expect(note).toMatchObject({
      status: 'illustrative',
      source: HAND_RANGE_SOURCE,
      label: `Registered nurse, ${(db.prepare('SELECT name FROM organisation WHERE id = ?').get(org) as { name: string }).name}: leaver rate range`,
    });
    expect(note!.value).toMatch(/^\d+\.\d% to \d+\.\d% \(central \d+\.\d%\)$/);
    // Another scenario's rates have no range.
    expect(inputs.listWorkforce(db, 1, { orgId: org, roleId: role })[0]).toMatchObject({ leaverRateLow: null, leaverRateHigh: null });
    undo(db);
    expect(dumpPlan(db)).toEqual(before);
    redo(db);
    expect(inputs.listWorkforce(db, PLAN, { orgId: org, roleId: role })[0]).toMatchObject({ leaverRateLow: central - 0.02 });
    // Clearing both sides removes the range and its note.
    inputs.updateWorkforce(db, PLAN, org, role, { leaverRateLow: null, leaverRateHigh: null });
    expect(inputs.listAssumptions(db, PLAN).some((a) => a.field === 'leaverRateRange')).toBe(false);
  });

  it('must hold their central value: a range or a central value that would break it is refused, naming both, and nothing is written', () => {
    const { db } = demoSession();
    const org = idOf(db, 'organisation', 'RBD');
    const role = idOf(db, 'role', 'RN');
    const before = dumpPlan(db);
    const low = refusal(() => inputs.updateWorkforce(db, PLAN, org, role, { leaverRateLow: 0.5 }));
    expect(low.code).toBe('VALIDATION');
    expect(low.message).toMatch(/^Leaver rate: the low value \(50\.0%\) is above the central value \(\d+\.\d%\)\. A range must hold its central value/);
    inputs.updateWorkforce(db, PLAN, org, role, { leaverRateHigh: 0.2 });
    const mid = dumpPlan(db);
    const central = refusal(() => inputs.updateWorkforce(db, PLAN, org, role, { leaverRate: 0.25 }));
    expect(central.message).toMatch(/^Leaver rate: the high value \(20\.0%\) is below the central value \(25\.0%\)/);
    expect(dumpPlan(db)).toEqual(mid);
    // Both in one edit (a paste of a row) is fine.
    inputs.updateWorkforce(db, PLAN, org, role, { leaverRate: 0.25, leaverRateHigh: 0.3 });
    undo(db);
    undo(db);
    expect(dumpPlan(db)).toEqual(before);

    const p = listPipelines(db, PLAN)[0]!;
    expect(refusal(() => updatePipelineFields(db, p.id, { conversionHigh: p.conversion - 0.1 })).message).toMatch(/^Conversion to a post: the high value/);
    expect(refusal(() => updatePipelineFields(db, p.id, { attritionLow: 0.5, attritionHigh: 0.4 })).message).toMatch(
      /^Attrition: the low value \(50\.0%\) is above the high value \(40\.0%\)/,
    );
    const driver = inputs.listDemand(db, PLAN).drivers[0]!;
    expect(refusal(() => inputs.updateDriver(db, driver.id, { growthLow: driver.growth + 0.01 })).message).toMatch(/^Growth: the low value/);
    expect(dumpPlan(db)).toEqual(before);
  });

  it('are edited for pipelines, joiners and drivers, and a paste of central and range together is one change', () => {
    const { db } = demoSession();
    const p = listPipelines(db, PLAN)[0]!;
    updatePipelineFields(db, p.id, { intakeFillLow: 0.8, intakeFillHigh: 1 });
    expect(listPipelines(db, PLAN)[0]).toMatchObject({ intakeFillLow: 0.8, intakeFillHigh: 1 });
    const j = inputs.listJoiners(db, PLAN)[0]!;
    expect(inputs.updateJoiner(db, j.id, { fteLow: 0.6 })).toMatchObject({ fteLow: 0.6, fteHigh: null, kind: j.kind });
    const d = inputs.listDemand(db, PLAN).drivers[0]!;
    expect(inputs.updateDriver(db, d.id, { growthLow: 0.02, growthHigh: 0.09 })).toMatchObject({ growthLow: 0.02, growthHigh: 0.09, growth: d.growth });
    const groups = uncertainGroups(loadScenarioInputs(db, PLAN)).map((g) => g.kind);
    expect(groups).toEqual(['intake-fill', 'other-joiners', 'demand-growth']);

    const before = dumpPlan(db);
    const org = idOf(db, 'organisation', 'RDZ');
    const role = idOf(db, 'role', 'RN');
    applyEdits(db, {
      view: 'Baseline',
      scenarioId: PLAN,
      edits: [
        {
          channel: 'workforce/update',
          input: { scenarioId: PLAN, orgId: org, roleId: role, changes: { leaverRate: 0.3, leaverRateLow: 0.2, leaverRateHigh: 0.35 } },
          at: { row: 'RN', column: 'Leaver rate' },
        },
      ],
    });
    expect(inputs.listWorkforce(db, PLAN, { orgId: org, roleId: role })[0]).toMatchObject({ leaverRate: 0.3, leaverRateLow: 0.2, leaverRateHigh: 0.35 });
    undo(db);
    expect(dumpPlan(db)).toEqual(before);
  });

  it('are copied with their scenario, notes and all', () => {
    const { db } = demoSession();
    fillTypicalRanges(db, PLAN);
    const copy = copyScenario(db, PLAN, 'Plan with ranges');
    const omit = (o: object, ...keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
    const strip = (s: ReturnType<typeof loadScenarioInputs>) => ({
      workforce: s.workforce.map((c) => omit(c, 'baselineId', 'rateId')),
      pipelines: s.pipelines.map((p) => omit(p, 'id', 'lineageId')),
      otherJoiners: s.otherJoiners.map((j) => omit(j, 'id')),
      growthDrivers: s.growthDrivers.map((d) => omit(d, 'id')),
    });
    expect(strip(loadScenarioInputs(db, copy.id))).toEqual(strip(loadScenarioInputs(db, PLAN)));
    expect(countRanges(db, copy.id)).toBe(countRanges(db, PLAN));
    const notes = (s: number) =>
      inputs
        .listAssumptions(db, s)
        .filter((a) => a.field.endsWith('Range'))
        .map((a) => [a.label, a.value, a.status, a.source]);
    expect(notes(copy.id)).toEqual(notes(PLAN));
  });

  it('"Fill typical ranges" fills only empty ones, marked illustrative with their rule, as one change that one Undo removes', () => {
    const { db } = demoSession();
    const p = listPipelines(db, PLAN)[0]!;
    updatePipelineFields(db, p.id, { attritionLow: p.attrition, attritionHigh: p.attrition + 0.01 });
    const before = dumpPlan(db);
    const expected = typicalRanges(loadScenarioInputs(db, PLAN)).length;
    expect(expected).toBeGreaterThan(100);
    expect(countRanges(db, 1)).toBe(0);
    expect(fillTypicalRanges(db, PLAN)).toEqual({ filled: expected });
    // The range set by hand is kept as it was.
    expect(listPipelines(db, PLAN)[0]).toMatchObject({
      attritionLow: p.attrition,
      attritionHigh: p.attrition + 0.01,
      conversionLow: expect.any(Number) as number,
    });
    const notes = inputs.listAssumptions(db, PLAN).filter((a) => a.field.endsWith('Range'));
    expect(notes).toHaveLength(expected + 1);
    const filled = notes.filter((a) => a.source !== HAND_RANGE_SOURCE);
    expect(filled.every((a) => a.status === 'illustrative' && Object.values(TYPICAL_RULES).includes(a.source))).toBe(true);
    expect(notes.find((a) => a.field === 'growthRange')).toMatchObject({
      label: 'Demand driver: GP registered population (+5.5 % by 2028): growth range',
      value: '+2.8% to +8.3% (central +5.5%)',
    });
    // Nothing is left to fill; the other scenario is untouched.
    expect(fillTypicalRanges(db, PLAN)).toEqual({ filled: 0 });
    expect(countRanges(db, 1)).toBe(0);
    undo(db);
    expect(dumpPlan(db)).toEqual(before);
  });
});
