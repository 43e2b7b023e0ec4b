/** Generated plans for benchmarks (and for tests that want a large plan). */
import { AGE_BAND_COUNT, type Pipeline, type ScenarioInputs, type WorkforceCell } from '../src/shared/model/types';
import { prng } from './result';

export interface PlanSize {
  organisations: number;
  roles: number;
  years: number;
  pipelines: number;
}

export const LARGE_PLAN: PlanSize = { organisations: 50, roles: 200, years: 15, pipelines: 2000 };

/** A plan of the given size, the same for the same seed. Every org × role has staff. */
export function generatePlan(size: PlanSize, seed = 1): ScenarioInputs {
  const rnd = prng(seed);
  const baseYear = 2024;
  const organisations = Array.from({ length: size.organisations }, (_v, i) => ({ id: i + 1, code: `O${i + 1}`, name: `Organisation ${i + 1}` }));
  const roles = Array.from({ length: size.roles }, (_v, i) => ({ id: i + 1, code: `R${i + 1}`, name: `Role ${i + 1}`, staffGroup: `Group ${(i % 12) + 1}` }));
  const workforce: WorkforceCell[] = [];
  for (const o of organisations) {
    for (const r of roles) {
      const fte = 5 + rnd() * 200;
      const profile = Array.from({ length: AGE_BAND_COUNT }, () => rnd());
      workforce.push({
        orgId: o.id,
        roleId: r.id,
        fte,
        headcount: fte / (0.7 + rnd() * 0.3),
        establishment: fte * (1 + rnd() * 0.15),
        ageProfile: profile,
        leaverRate: 0.05 + rnd() * 0.15,
        retirementByBand: [0, 0, 0, 0, 0, 0.002, 0.012, 0.07, 0.22, 0.35],
        agencyShare: rnd(),
        agencyCostPerFte: 30000 + rnd() * 60000,
      });
    }
  }
  const pipelines: Pipeline[] = Array.from({ length: size.pipelines }, (_v, i) => {
    const orgId = 1 + Math.floor(rnd() * size.organisations);
    const roleId = 1 + Math.floor(rnd() * size.roles);
    const progression = rnd() < 0.2;
    const intakes: Record<number, number> = {};
    for (let y = baseYear - 3; y < baseYear + size.years; y++) intakes[y] = Math.round(rnd() * 40);
    return {
      id: i + 1,
      name: `Pipeline ${i + 1}`,
      type: progression ? 'progression' : 'university',
      orgId,
      roleId,
      sourceRoleId: progression ? 1 + ((roleId + 1) % size.roles) : null,
      traineesLeaveSourceRole: rnd() < 0.5,
      durationYears: [1, 2, 2.5, 3, 4][Math.floor(rnd() * 5)]!,
      attrition: rnd() * 0.3,
      conversion: 0.5 + rnd() * 0.5,
      ftePerHead: 0.8 + rnd() * 0.2,
      costPerLearnerYear: rnd() * 10000,
      entrantAgeBand: Math.floor(rnd() * 4),
      intakes,
    };
  });
  const otherJoiners = workforce
    .filter((_w, i) => i % 7 === 0)
    .map((w, i) => {
      const fteByYear: Record<number, number> = {};
      for (let y = baseYear; y < baseYear + size.years; y++) fteByYear[y] = w.fte * 0.08;
      return { id: i + 1, kind: 'labour-market' as const, orgId: w.orgId, roleId: w.roleId, entrantAgeBand: 3, fteByYear };
    });
  return {
    baseYear,
    horizonYear: baseYear + size.years - 1,
    organisations,
    roles,
    workforce,
    pipelines,
    otherJoiners,
    growthDrivers: [{ id: 1, name: 'Population', growth: 0.055, startYear: baseYear, endYear: baseYear + 9, orgId: null, roleId: null, staffGroup: null }],
    demandChanges: [],
  };
}
