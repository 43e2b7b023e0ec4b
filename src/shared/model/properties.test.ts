/**
 * Invariants of the engine over thousands of generated plans (fast-check, fixed seed so a
 * failure reproduces).
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { projectScenario } from './projection';
import { applyConstantIntake, requiredIntake } from './required-intake';
import { AGE_BAND_COUNT, type Pipeline, type ScenarioInputs } from './types';

const RUNS = 1000;
const SEED = 20261122;
const YEARS = { baseYear: 2019, horizonYear: 2026 };

const rate = fc.double({ min: 0, max: 0.5, noNaN: true });
const profile = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: AGE_BAND_COUNT, maxLength: AGE_BAND_COUNT });
const retirement = fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: AGE_BAND_COUNT, maxLength: AGE_BAND_COUNT });
const intakes = fc.dictionary(
  fc.integer({ min: 2015, max: 2026 }).map(String),
  fc.double({ min: 0, max: 80, noNaN: true }),
  { maxKeys: 6 },
).map((d) => Object.fromEntries(Object.entries(d).map(([k, v]) => [Number(k), v])) as Record<number, number>);

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
    joiners: fc.array(fc.record({ orgId: fc.integer({ min: 1, max: 2 }), roleId: fc.integer({ min: 1, max: 3 }), band: fc.integer({ min: 0, max: 9 }), fte: intakes }), { maxLength: 2 }),
    growth: fc.option(fc.double({ min: -0.5, max: 1, noNaN: true }), { nil: null }),
    change: fc.option(fc.record({ orgId: fc.integer({ min: 1, max: 2 }), roleId: fc.integer({ min: 1, max: 3 }), year: fc.integer({ min: 2019, max: 2026 }), deltaFte: fc.double({ min: -50, max: 50, noNaN: true }) }), { nil: null }),
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
    otherJoiners: joiners.map((j, i) => ({ id: i + 1, kind: 'labour-market' as const, orgId: j.orgId, roleId: j.roleId, entrantAgeBand: j.band, fteByYear: j.fte })),
    growthDrivers: growth === null ? [] : [{ id: 1, name: 'g', growth, startYear: 2019, endYear: 2024, orgId: null, roleId: null, staffGroup: null }],
    demandChanges: change === null ? [] : [{ id: 1, ...change }],
  }));

const params = { numRuns: RUNS, seed: SEED };

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
        const more = { ...inputs, pipelines: inputs.pipelines.map((p, i) => (i === k ? { ...p, intakes: { ...p.intakes, [year]: (p.intakes[year] ?? 0) + extra } } : p)) };
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

  it('is deterministic', () => {
    fc.assert(
      fc.property(plans, (inputs) => {
        const a = projectScenario(inputs);
        const b = projectScenario(structuredClone(inputs));
        return a.cells.every((c, i) => c.closing.every((v, t) => Object.is(v, b.cells[i]!.closing[t]))) && a.pipelines.every((p, i) => p.joinedFte.every((v, t) => Object.is(v, b.pipelines[i]!.joinedFte[t])));
      }),
      params,
    );
  });

  it('required intake closes the gap it was asked to, and a little less does not', () => {
    fc.assert(
      fc.property(plans, fc.nat(), fc.integer({ min: 2019, max: 2022 }), fc.integer({ min: 2019, max: 2026 }), (inputs, pick, fromYear, byYear) => {
        if (inputs.pipelines.length === 0) return true;
        const pipeline = inputs.pipelines[pick % inputs.pipelines.length]!;
        const answer = requiredIntake(inputs, { pipelineId: pipeline.id, fromYear, byYear, scope: 'cell' });
        if (!answer.ok) return typeof answer.reason === 'string' && answer.reason.length > 0;
        const gapAt = (x: number) => {
          const p = projectScenario({ ...inputs, pipelines: inputs.pipelines.map((q) => (q.id === pipeline.id ? { ...q, intakes: applyConstantIntake(q, fromYear, inputs.horizonYear, x) } : q)) });
          const c = p.cells.find((cc) => cc.orgId === pipeline.orgId && cc.roleId === pipeline.roleId)!;
          return c.gap[byYear - inputs.baseYear]!;
        };
        const scale = Math.max(1, Math.abs(answer.gapBefore), Math.abs(gapAt(0)));
        if (gapAt(answer.exactIntake) > 1e-7 * scale) return false;
        if (answer.exactIntake > 1e-3 && gapAt(answer.exactIntake * (1 - 1e-4)) <= 0) return false;
        return true;
      }),
      { numRuns: 300, seed: SEED },
    );
  });
});
