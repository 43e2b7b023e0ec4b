/**
 * Invariants of the engine over thousands of generated plans (fast-check, fixed seed so a
 * failure reproduces).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CELL_SERIES, projectScenario } from './projection';
import { applyConstantIntake, requiredIntake, requiredRoleIntake } from './required-intake';
import { AGE_BAND_COUNT, type IntakeSharing, type Pipeline, type ScenarioInputs } from './types';

const RUNS = 1000;
const SEED = 20261122;
const YEARS = { baseYear: 2019, horizonYear: 2026 };

const rate = fc.double({ min: 0, max: 0.5, noNaN: true });
const profile = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: AGE_BAND_COUNT, maxLength: AGE_BAND_COUNT });
const retirement = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: AGE_BAND_COUNT, maxLength: AGE_BAND_COUNT });
const intakes = fc
  .dictionary(fc.integer({ min: 2015, max: 2026 }).map(String), fc.double({ min: 0, max: 80, noNaN: true }), { maxKeys: 6 })
  .map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [Number(k), v])) as Record<number, number>);

/** A plan of up to 2 organisations × 3 roles with pipelines (some progression), joiners and demand. */
const plans: fc.Arbitrary<ScenarioInputs> = fc
  .record({
    cells: fc.uniqueArray(
      fc.record({
        orgId: fc.integer({ min: 1, max: 2 }),
        roleId: fc.integer({ min: 1, max: 3 }),
        fte: fc.double({ min: 0, max: 500, noNaN: true }),
        perHead: fc.double({ min: 0.5, max: 1, noNaN: true }),
        establishment: fc.double({ min: 0, max: 600, noNaN: true }),
        ageProfile: profile,
        leaverRate: rate,
        retirementByBand: retirement,
        agencyShare: fc.double({ min: 0, max: 1, noNaN: true }),
        agencyCostPerFte: fc.double({ min: 0, max: 100000, noNaN: true }),
      }),
      { minLength: 1, maxLength: 6, selector: (c) => `${c.orgId}:${c.roleId}` },
    ),
    pipelines: fc.array(
      fc.record({
        orgId: fc.integer({ min: 1, max: 2 }),
        roleId: fc.integer({ min: 1, max: 3 }),
        source: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
        leave: fc.boolean(),
        durationYears: fc.double({ min: 0, max: 4, noNaN: true }),
        attrition: fc.double({ min: 0, max: 1, noNaN: true }),
        conversion: fc.double({ min: 0, max: 1, noNaN: true }),
        ftePerHead: fc.double({ min: 0.1, max: 1.5, noNaN: true }),
        entrantAgeBand: fc.integer({ min: 0, max: AGE_BAND_COUNT - 1 }),
        intakes,
      }),
      { maxLength: 4 },
    ),
    joiners: fc.array(
      fc.record({ orgId: fc.integer({ min: 1, max: 2 }), roleId: fc.integer({ min: 1, max: 3 }), band: fc.integer({ min: 0, max: 9 }), fte: intakes }),
      { maxLength: 2 },
    ),
    growth: fc.option(fc.double({ min: -0.5, max: 1, noNaN: true }), { nil: null }),
    change: fc.option(
      fc.record({
        orgId: fc.integer({ min: 1, max: 2 }),
        roleId: fc.integer({ min: 1, max: 3 }),
        year: fc.integer({ min: 2019, max: 2026 }),
        deltaFte: fc.double({ min: -50, max: 50, noNaN: true }),
      }),
      { nil: null },
    ),
  })
  .map(({ cells, pipelines, joiners, growth, change }) => ({
    ...YEARS,
    organisations: [
      { id: 1, code: 'A', name: 'A' },
      { id: 2, code: 'B', name: 'B' },
    ],
    roles: [
      { id: 1, code: 'R1', name: 'R1', staffGroup: 'G1' },
      { id: 2, code: 'R2', name: 'R2', staffGroup: 'G1' },
      { id: 3, code: 'R3', name: 'R3', staffGroup: 'G2' },
    ],
    workforce: cells.map((c) => ({ ...c, headcount: c.fte / c.perHead })),
    pipelines: pipelines.map(
      (p, i): Pipeline => ({
        id: i + 1,
        name: `P${i + 1}`,
        type: p.source !== null && p.source !== p.roleId ? 'progression' : 'university',
        orgId: p.orgId,
        roleId: p.roleId,
        sourceRoleId: p.source !== null && p.source !== p.roleId ? p.source : null,
        traineesLeaveSourceRole: p.leave,
        durationYears: p.durationYears,
        attrition: p.attrition,
        conversion: p.conversion,
        ftePerHead: p.ftePerHead,
        costPerLearnerYear: 1000,
        entrantAgeBand: p.entrantAgeBand,
        intakes: p.intakes,
      }),
    ),
    otherJoiners: joiners.map((j, i) => ({
      id: i + 1,
      kind: 'labour-market' as const,
      orgId: j.orgId,
      roleId: j.roleId,
      entrantAgeBand: j.band,
      fteByYear: j.fte,
    })),
    growthDrivers: growth === null ? [] : [{ id: 1, name: 'g', growth, startYear: 2019, endYear: 2024, orgId: null, roleId: null, staffGroup: null }],
    demandChanges: change === null ? [] : [{ id: 1, ...change }],
  }));

const params = { numRuns: RUNS, seed: SEED };
const PIPELINE_SERIES = ['starts', 'inTraining', 'completers', 'joinedFte', 'sourceOutFte', 'trainingCost'] as const;

/**
 * A required-intake question that needs a real answer: a plan as above plus one more pipeline
 * (sometimes a progression, so caps can bind), a step up in demand for its target so there is
 * a gap to close, and a start year no later than the target year.
 */
const questions = fc
  .record({
    plan: plans,
    orgId: fc.integer({ min: 1, max: 2 }),
    roleId: fc.integer({ min: 1, max: 3 }),
    source: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null, freq: 2 }),
    leave: fc.boolean(),
    durationYears: fc.constantFrom(0, 0.5, 1, 1.5, 2, 2.25, 3),
    attrition: fc.double({ min: 0, max: 0.6, noNaN: true }),
    conversion: fc.double({ min: 0.2, max: 1, noNaN: true }),
    ftePerHead: fc.double({ min: 0.3, max: 1.2, noNaN: true }),
    gap: fc.double({ min: 1, max: 300, noNaN: true }),
    fromYear: fc.integer({ min: 2019, max: 2022 }),
    span: fc.integer({ min: 0, max: 2 }),
    scope: fc.constantFrom('cell' as const, 'role' as const),
  })
  .map(({ plan, orgId, roleId, source, gap, fromYear, span, scope, ...course }) => {
    const id = plan.pipelines.length + 1;
    const sourceRoleId = source !== null && source !== roleId ? source : null;
    const asked: Pipeline = {
      id,
      name: `Asked ${id}`,
      type: sourceRoleId === null ? 'university' : 'progression',
      orgId,
      roleId,
      sourceRoleId,
      traineesLeaveSourceRole: course.leave,
      durationYears: course.durationYears,
      attrition: course.attrition,
      conversion: course.conversion,
      ftePerHead: course.ftePerHead,
      costPerLearnerYear: 0,
      entrantAgeBand: 1,
      intakes: {},
    };
    const inputs: ScenarioInputs = {
      ...plan,
      pipelines: [...plan.pipelines, asked],
      demandChanges: [...plan.demandChanges, { id: 99, orgId, roleId, year: 2019, deltaFte: gap + 600 }],
    };
    // Mostly leave time for the course to finish; the refusals are checked elsewhere.
    return { inputs, question: { pipelineId: id, fromYear, byYear: Math.min(2026, fromYear + Math.ceil(course.durationYears) + span), scope } };
  });

describe('engine invariants', () => {
  it('conserves FTE in every cell and year: closing = opening + qualified + joiners − leavers − retirements − progression out', () => {
    fc.assert(
      fc.property(plans, (inputs) => {
        const p = projectScenario(inputs);
        for (const c of p.cells) {
          for (let t = 0; t < p.years.length; t++) {
            const expected = c.opening[t]! + c.qualified[t]! + c.otherJoiners[t]! - c.leavers[t]! - c.retirements[t]! - c.progressionOut[t]!;
            const scale = Math.max(1, c.opening[t]!, c.closing[t]!);
            if (Math.abs(c.closing[t]! - expected) > 1e-9 * scale) return false;
            if (t > 0 && Math.abs(c.opening[t]! - c.closing[t - 1]!) > 1e-9 * scale) return false;
          }
        }
        return true;
      }),
      params,
    );
  });

  it('never holds negative stock in any band', () => {
    fc.assert(
      fc.property(plans, (inputs) => projectScenario(inputs).cells.every((c) => c.closingByBand.every((v) => v >= 0) && c.closing.every((v) => v >= 0))),
      params,
    );
  });

  it('more intake never means less supply (outside the roles progression draws on)', () => {
    fc.assert(
      fc.property(plans, fc.nat(), fc.integer({ min: 2015, max: 2026 }), fc.double({ min: 0.1, max: 50, noNaN: true }), (inputs, pick, year, extra) => {
        if (inputs.pipelines.length === 0) return true;
        const k = pick % inputs.pipelines.length;
        const more = {
          ...inputs,
          pipelines: inputs.pipelines.map((p, i) => (i === k ? { ...p, intakes: { ...p.intakes, [year]: (p.intakes[year] ?? 0) + extra } } : p)),
        };
        const a = projectScenario(inputs);
        const b = projectScenario(more);
        const changed = inputs.pipelines[k]!;
        // A progression pipeline's extra starters leave their source role, and take a share of
        // it from other progression pipelines drawing on the same role: those cells may fall.
        const exempt = new Set<string>();
        if (changed.sourceRoleId !== null) {
          for (const p of inputs.pipelines) {
            if (p.sourceRoleId === null || p.orgId !== changed.orgId) continue;
            exempt.add(`${p.orgId}:${p.sourceRoleId}`);
            if (p.sourceRoleId === changed.sourceRoleId) exempt.add(`${p.orgId}:${p.roleId}`);
          }
        }
        return a.cells.every((c, i) => {
          if (exempt.has(`${c.orgId}:${c.roleId}`)) return true;
          const d = b.cells[i]!;
          return c.closing.every((v, t) => d.closing[t]! >= v - 1e-9 * Math.max(1, v));
        });
      }),
      params,
    );
  });

  it('more intake never lowers the system total when nobody drops out or goes elsewhere', () => {
    // With no attrition and full conversion, a starter is either in post, in training or has left
    // as an ordinary leaver: raising one intake can move people between roles, never lose them.
    fc.assert(
      fc.property(plans, fc.nat(), fc.integer({ min: 2015, max: 2026 }), fc.double({ min: 0.1, max: 50, noNaN: true }), (plan, pick, year, extra) => {
        if (plan.pipelines.length === 0) return true;
        const inputs = { ...plan, pipelines: plan.pipelines.map((p) => ({ ...p, attrition: 0, conversion: 1, ftePerHead: 1 })) };
        const k = pick % inputs.pipelines.length;
        const more = {
          ...inputs,
          pipelines: inputs.pipelines.map((p, i) => (i === k ? { ...p, intakes: { ...p.intakes, [year]: (p.intakes[year] ?? 0) + extra } } : p)),
        };
        const total = (p: ReturnType<typeof projectScenario>, t: number) => p.cells.reduce((s, c) => s + c.closing[t]!, 0);
        const a = projectScenario(inputs);
        const b = projectScenario(more);
        return a.years.every((_y, t) => total(b, t) >= total(a, t) - 1e-9 * Math.max(1, total(a, t)));
      }),
      params,
    );
  });

  it('with no rates, no intake and no joiners, the baseline stays as it is', () => {
    fc.assert(
      fc.property(plans, (inputs) => {
        const still = {
          ...inputs,
          workforce: inputs.workforce.map((w) => ({ ...w, leaverRate: 0, retirementByBand: new Array<number>(AGE_BAND_COUNT).fill(0) })),
          pipelines: inputs.pipelines.map((p) => ({ ...p, intakes: {} })),
          otherJoiners: [],
        };
        const p = projectScenario(still);
        return p.cells.every((c, i) => {
          const fte = still.workforce[i]?.fte ?? 0;
          return c.closing.every((v) => Math.abs(v - fte) <= 1e-9 * Math.max(1, fte));
        });
      }),
      params,
    );
  });

  it('is deterministic: every number of two projections of the same plan is bit-identical', () => {
    const same = (x: Float64Array, y: Float64Array) => x.length === y.length && x.every((v, t) => Object.is(v, y[t]));
    fc.assert(
      fc.property(plans, (inputs) => {
        const a = projectScenario(inputs);
        const b = projectScenario(structuredClone(inputs));
        if (a.cells.length !== b.cells.length || a.pipelines.length !== b.pipelines.length) return false;
        const cellsSame = a.cells.every((c, i) => {
          const d = b.cells[i]!;
          return c.orgId === d.orgId && c.roleId === d.roleId && CELL_SERIES.every((k) => same(c[k], d[k])) && same(c.closingByBand, d.closingByBand);
        });
        const pipesSame = a.pipelines.every((p, i) => {
          const q = b.pipelines[i]!;
          return p.pipelineId === q.pipelineId && PIPELINE_SERIES.every((k) => same(p[k], q[k]));
        });
        return cellsSame && pipesSame;
      }),
      params,
    );
  });

  it('required intake closes the gap it was asked to, and a little less does not (checked by re-projecting)', () => {
    let solved = 0;
    fc.assert(
      fc.property(questions, ({ inputs, question }) => {
        const answer = requiredIntake(inputs, question);
        if (!answer.ok) return answer.reason.length > 0;
        const pipeline = inputs.pipelines.find((p) => p.id === question.pipelineId)!;
        const gapAt = (x: number) => {
          const p = projectScenario({
            ...inputs,
            pipelines: inputs.pipelines.map((q) =>
              q.id === pipeline.id ? { ...q, intakes: applyConstantIntake(q, question.fromYear, inputs.horizonYear, x) } : q,
            ),
          });
          return p.cells
            .filter((c) => c.roleId === pipeline.roleId && (question.scope === 'role' || c.orgId === pipeline.orgId))
            .reduce((g, c) => g + c.gap[question.byYear - inputs.baseYear]!, 0);
        };
        const scale = Math.max(1, Math.abs(answer.gapBefore), Math.abs(gapAt(0)));
        if (Math.abs(gapAt(answer.exactIntake) - answer.gapAfter) > 1e-9 * scale) return false;
        if (gapAt(answer.exactIntake) > 1e-9 * scale) return false;
        if (answer.exactIntake > 0) {
          solved++;
          if (gapAt(answer.exactIntake * (1 - 1e-6)) <= 0) return false;
        } else if (gapAt(0) > 1e-9 * scale) return false;
        return answer.wholeIntake === Math.ceil(answer.exactIntake - 1e-9);
      }),
      params,
    );
    // Most questions must really be solved, or the property proves little.
    expect(solved).toBeGreaterThan(RUNS / 2);
  });

  it('role-wide required intake, however it is shared, closes the gap and a little less does not; shares add up to 1', () => {
    let solved = 0;
    const shared = fc.tuple(questions, fc.constantFrom<IntakeSharing>('gap', 'current', 'one'));
    fc.assert(
      fc.property(shared, ([{ inputs, question }, sharing]) => {
        const asked = inputs.pipelines.find((p) => p.id === question.pipelineId)!;
        const orgId = question.scope === 'cell' ? asked.orgId : null;
        const answer = requiredRoleIntake(inputs, {
          roleId: asked.roleId,
          orgId,
          fromYear: question.fromYear,
          byYear: question.byYear,
          sharing,
          pipelineId: asked.id,
        });
        if (!answer.ok) return answer.reason.length > 0 && !/e[+-]\d/.test(answer.reason);
        const shareSum = answer.allocations.reduce((s, a) => s + a.share, 0);
        if (answer.allocations.length > 0 && Math.abs(shareSum - 1) > 1e-9) return false;
        if (answer.exactTotal > answer.limit) return false;
        const gapAt = (total: number) => {
          const share = new Map(answer.allocations.map((a) => [a.pipelineId, a.share]));
          const p = projectScenario({
            ...inputs,
            pipelines: inputs.pipelines.map((q) =>
              share.has(q.id) ? { ...q, intakes: applyConstantIntake(q, question.fromYear, inputs.horizonYear, total * share.get(q.id)!) } : q,
            ),
          });
          return p.cells
            .filter((c) => c.roleId === asked.roleId && (orgId === null || c.orgId === orgId))
            .reduce((g, c) => g + c.gap[question.byYear - inputs.baseYear]!, 0);
        };
        const scale = Math.max(1, Math.abs(answer.gapBefore), Math.abs(gapAt(0)));
        if (gapAt(answer.exactTotal) > 1e-9 * scale) return false;
        if (Math.abs(gapAt(answer.exactTotal) - answer.gapAfterExact) > 1e-9 * scale) return false;
        if (answer.exactTotal > 0) {
          solved++;
          if (gapAt(answer.exactTotal * (1 - 1e-6)) <= 0) return false;
        }
        return answer.allocations.every(
          (a) =>
            a.wholeIntake === Math.ceil(a.exactIntake - 1e-9) && Math.abs(a.exactIntake - a.share * answer.exactTotal) <= 1e-9 * Math.max(1, a.exactIntake),
        );
      }),
      params,
    );
    expect(solved).toBeGreaterThan(RUNS / 2);
  });
});
