/** Plans generated from a seed, to exercise the live-formula workbook beyond the demo. */
import { AGE_BAND_COUNT, type ScenarioInputs } from '../../src/shared/model/types';

/** mulberry32: a small seeded generator, so a failing plan can be rebuilt from its seed. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generatePlan(seed: number): ScenarioInputs {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const num = (lo: number, hi: number) => lo + (hi - lo) * r();
  const baseYear = 2019;
  const horizonYear = baseYear + 4 + Math.floor(r() * 5);
  const organisations = [1, 2, 3].map((id) => ({ id, code: `O${id}`, name: `Org ${id}` }));
  const roles = [1, 2, 3, 4].map((id) => ({ id, code: `R${id}`, name: `Role ${id}`, staffGroup: id <= 2 ? 'Nursing' : 'Support' }));
  const workforce: ScenarioInputs['workforce'] = [];
  for (const o of organisations)
    for (const ro of roles) {
      if (r() < 0.2) continue;
      const fte = r() < 0.1 ? 0 : num(1, 400);
      workforce.push({
        orgId: o.id,
        roleId: ro.id,
        fte,
        headcount: fte === 0 ? 0 : fte / num(0.6, 1),
        establishment: num(0, 450),
        ageProfile: r() < 0.15 ? new Array<number>(AGE_BAND_COUNT).fill(0) : Array.from({ length: AGE_BAND_COUNT }, () => (r() < 0.2 ? 0 : r())),
        leaverRate: num(0, 0.2),
        retirementByBand: Array.from({ length: AGE_BAND_COUNT }, (_, b) => (b >= 6 ? num(0, 0.9) : num(0, 0.02))),
        agencyShare: num(0, 1),
        agencyCostPerFte: num(20000, 90000),
      });
    }
  const intakes = () => {
    const out: Record<number, number> = {};
    for (let y = baseYear - 4; y <= horizonYear; y++) if (r() < 0.7) out[y] = Math.round(num(0, 60) * 4) / 4;
    return out;
  };
  const pipelines: ScenarioInputs['pipelines'] = Array.from({ length: 3 + Math.floor(r() * 4) }, (_, k) => {
    const progression = r() < 0.45;
    const roleId = pick(roles).id;
    return {
      id: 100 + k,
      name: `Pipeline ${k + 1}`,
      type: progression ? 'progression' : pick(['university', 'apprenticeship', 'international'] as const),
      orgId: pick(organisations).id,
      roleId,
      sourceRoleId: progression ? pick(roles.filter((x) => x.id !== roleId)).id : null,
      traineesLeaveSourceRole: r() < 0.5,
      durationYears: pick([0, 0.5, 1, 1.5, 2, 2.25, 3, 4]),
      attrition: num(0, 0.4),
      conversion: num(0.5, 1),
      ftePerHead: num(0.5, 1.2),
      costPerLearnerYear: num(0, 20000),
      entrantAgeBand: Math.floor(r() * AGE_BAND_COUNT),
      intakes: intakes(),
    };
  });
  const otherJoiners: ScenarioInputs['otherJoiners'] = Array.from({ length: Math.floor(r() * 3) }, (_, k) => {
    const fteByYear: Record<number, number> = {};
    for (let y = baseYear; y <= horizonYear; y++) if (r() < 0.6) fteByYear[y] = num(0, 20);
    return {
      id: 200 + k,
      kind: pick(['international', 'return-to-practice', 'labour-market'] as const),
      orgId: pick(organisations).id,
      roleId: pick(roles).id,
      entrantAgeBand: Math.floor(r() * AGE_BAND_COUNT),
      fteByYear,
    };
  });
  const growthDrivers: ScenarioInputs['growthDrivers'] = Array.from({ length: Math.floor(r() * 4) }, (_, k) => {
    const startYear = baseYear + Math.floor(r() * 3);
    return {
      id: 300 + k,
      name: `Driver ${k + 1}`,
      growth: num(-0.1, 0.3),
      startYear,
      endYear: startYear + Math.floor(r() * 5),
      orgId: r() < 0.3 ? pick(organisations).id : null,
      roleId: r() < 0.3 ? pick(roles).id : null,
      staffGroup: r() < 0.3 ? pick(['Nursing', 'Support']) : null,
    };
  });
  const demandChanges: ScenarioInputs['demandChanges'] = Array.from({ length: Math.floor(r() * 4) }, (_, k) => ({
    id: 400 + k,
    orgId: pick(organisations).id,
    roleId: pick(roles).id,
    year: baseYear - 1 + Math.floor(r() * 6),
    deltaFte: num(-30, 60),
  }));
  return { baseYear, horizonYear, organisations, roles, workforce, pipelines, otherJoiners, growthDrivers, demandChanges };
}
