/**
 * The demo plan's baseline workforce, rates, other joiners, demand and targets.
 *
 * Baseline FTE of the five NHS trusts and the CCG is DERIVED from NHS Digital's June 2018
 * workforce statistics (resources/demo/nhs-hchs-fte-2018-06.json, made by
 * scripts/derive-demo-baseline.ts), mapped from NHS Digital staff groups to the demo's roles by
 * STAFF_GROUP_TO_ROLES (src/shared/model/staff-groups.ts, the importer's vocabulary too). The South Western Ambulance Service covers the whole South West:
 * only Dorset's share is counted, 65/241, the ratio of the extra staff the strategy states for
 * Dorset (65) and for the South West (241); the organisation carries that share in the plan, so
 * an import of the whole trust's figures applies it too. Everything else is illustrative, with
 * its source.
 */
import type { Db } from '../../db/connection';
import { setAssumption } from '../../db/repos/assumptions';
import nhsBaseline from '../../../../resources/demo/nhs-hchs-fte-2018-06.json';
import { yearLabel } from '../../../shared/format';
import { STAFF_GROUP_TO_ROLES } from '../../../shared/model/staff-groups';
import type { AssumptionStatus, TargetMetric } from '../../../shared/model/types';
import { DEMO_PIPELINES, PLAN_SOURCE } from './pipelines';
import { AMBULANCE_DORSET_SHARE, DEMO_ORGANISATIONS } from './reference';
import type { DemoIds } from './ids';

type Note = [AssumptionStatus, string];

export { AMBULANCE_DORSET_SHARE };
const NHS_DERIVED = `Derived from ${nhsBaseline.source}, ${nhsBaseline.month}: FTE summed over nationalities and mapped from staff groups to roles (shares in the demo's mapping table, illustrative)`;

/** Illustrative baselines for partners not in the NHS file: FTE by role. */
const OTHER_BASELINES: Record<string, Record<string, number>> = {
  PCN: { GP: 450, RN: 310, HCA: 160, PHARM: 25, PA: 4, PHYSIO: 2, PARA: 3, ADMIN: 1450 },
  BCP: { SW: 260, SCM: 70, CW: 320, ADMIN: 210 },
  DC: { SW: 230, SCM: 65, CW: 380, ADMIN: 190 },
  PHD: { ADMIN: 55 },
  ASC: { CW: 9800, RN: 640, SCM: 720, ADMIN: 650 },
};

/** FTE per head by role (illustrative, from typical part-time working in each group). */
const FTE_PER_HEAD: Record<string, number> = { RN: 0.88, MW: 0.8, HCA: 0.85, NA: 0.9, CW: 0.72, GP: 0.75, ADMIN: 0.85, EST: 0.82, DRT: 1, DRC: 0.95 };
/** Vacancy rate assumed in the base year: establishment = FTE ÷ (1 − rate). */
const VACANCY: Record<string, number> = { RN: 0.1, MW: 0.06, HCA: 0.07, GP: 0.08, SW: 0.12, SCM: 0.1, CW: 0.1, PARA: 0.08, RAD: 0.1, PHARM: 0.08, DRC: 0.07 };
/** Leaver rate excluding retirement (illustrative). */
const LEAVER_RATE: Record<string, number> = {
  RN: 0.085,
  MW: 0.08,
  HCA: 0.11,
  NA: 0.08,
  CW: 0.28,
  SW: 0.14,
  SCM: 0.12,
  GP: 0.06,
  DRT: 0.3,
  ADMIN: 0.1,
  EST: 0.1,
  PARA: 0.08,
  AMBT: 0.09,
};
const LEAVER_SOURCE: Record<string, string> = {
  RN: 'NHS nurse leaver rate about 10 % a year including retirement (published national figure); 8.5 % excluding retirement assumed',
  CW: 'Skills for Care reports care worker turnover around 30 % a year; 28 % excluding retirement assumed',
  DRT: 'Doctors in training rotate between employers: 30 % a year assumed',
};

/** Share of in-post FTE by age band, by role group (illustrative; the strategy says "a high proportion of our workforce is over 50"). */
const AGE_PROFILES: Record<string, number[]> = {
  nursing: [0.05, 0.1, 0.11, 0.11, 0.11, 0.12, 0.15, 0.15, 0.08, 0.02],
  support: [0.12, 0.1, 0.09, 0.09, 0.1, 0.11, 0.13, 0.13, 0.09, 0.04],
  medical: [0.02, 0.12, 0.16, 0.16, 0.15, 0.13, 0.11, 0.09, 0.05, 0.01],
  care: [0.14, 0.09, 0.09, 0.09, 0.1, 0.11, 0.12, 0.12, 0.09, 0.05],
  default: [0.06, 0.11, 0.12, 0.12, 0.12, 0.12, 0.13, 0.12, 0.08, 0.02],
};
const AGE_GROUP: Record<string, keyof typeof AGE_PROFILES> = {
  RN: 'nursing',
  MW: 'nursing',
  ACP: 'nursing',
  END: 'nursing',
  HCA: 'support',
  STTSW: 'support',
  NA: 'support',
  AMBT: 'support',
  DRC: 'medical',
  DRT: 'medical',
  GP: 'medical',
  CW: 'care',
  SCM: 'care',
  SW: 'care',
};

/** Yearly probability of retiring by age band (illustrative: NHS pension ages 55–68). */
const RETIREMENT_BY_BAND = [0, 0, 0, 0, 0, 0.002, 0.012, 0.07, 0.22, 0.35];

/** Yearly cost of an agency or bank FTE (illustrative). */
const AGENCY_COST: Record<string, number> = {
  RN: 62000,
  MW: 64000,
  HCA: 34000,
  DRC: 180000,
  DRT: 110000,
  GP: 150000,
  PARA: 60000,
  RAD: 65000,
  PHARM: 70000,
  SW: 70000,
  CW: 30000,
};
const AGENCY_SHARE: Record<string, number> = {
  RN: 0.9,
  HCA: 0.8,
  DRC: 0.8,
  DRT: 0.8,
  GP: 0.6,
  SW: 0.7,
  CW: 0.5,
  MW: 0.8,
  PARA: 0.6,
  RAD: 0.7,
  ADMIN: 0.15,
  EST: 0.15,
};
const DEFAULT_AGENCY_SHARE = 0.3;
/** The NHS trusts, whose nursing agency spend the strategy states (£24m a year). */
const NURSING_AGENCY_TRUSTS = DEMO_ORGANISATIONS.filter((o) => o.kind === 'nhs-trust').map((o) => o.code);
export const STATED_NURSING_AGENCY_SPEND = 24_000_000;

/** Expected share of a cell retiring in a year, from its age profile. */
function expectedRetirement(profile: readonly number[]): number {
  return profile.reduce((s, share, b) => s + share * (RETIREMENT_BY_BAND[b] ?? 0), 0);
}

const r1 = (v: number) => Math.round(v * 10) / 10;

interface CellSeed {
  org: string;
  role: string;
  fte: number;
  note: Note;
}

function baselineCells(): CellSeed[] {
  const cells = new Map<string, CellSeed>();
  const add = (org: string, role: string, fte: number, note: Note) => {
    const key = `${org}|${role}`;
    const c = cells.get(key);
    if (c) c.fte += fte;
    else cells.set(key, { org, role, fte, note });
  };
  const nhs = nhsBaseline.fte as Record<string, Record<string, number>>;
  for (const [org, groups] of Object.entries(nhs)) {
    const scale = org === 'RYF' ? AMBULANCE_DORSET_SHARE : 1;
    const note: Note = [
      'derived',
      org === 'RYF'
        ? `${NHS_DERIVED}; Dorset's share of the South Western Ambulance Service taken as 65/241, the ratio of the extra staff the strategy states for Dorset and for the South West`
        : NHS_DERIVED,
    ];
    for (const [group, fte] of Object.entries(groups)) {
      for (const [role, share] of STAFF_GROUP_TO_ROLES[group] ?? []) add(org, role, fte * share * scale, note);
    }
  }
  for (const [org, roles] of Object.entries(OTHER_BASELINES)) {
    for (const [role, fte] of Object.entries(roles)) {
      add(org, role, fte, [
        'illustrative',
        `Not in the NHS workforce statistics: an assumed size for ${org === 'ASC' ? 'independent social care providers' : 'this partner'}; the strategy states more than 30,000 people work in local health and social care`,
      ]);
    }
  }
  // New roles start from nothing in the NHS trusts that train them.
  for (const org of ['RBD', 'RDY', 'RD3', 'RDZ'])
    add(org, 'NA', 0, ['illustrative', 'The first nursing associates qualified in 2019: none in post at the base']);
  add('RD3', 'END', 0, ['illustrative', 'No clinical endoscopists in post at the base (assumed)']);
  add('RDZ', 'PA', 0, ['illustrative', 'No physician associates in post at the base (assumed)']);
  add('PCN', 'SPLW', 0, ['illustrative', 'A new role in primary care networks from 2019']);
  add('11J', 'PHARM', 0, ['illustrative', 'Care home pharmacists are new posts in 2019']);
  return [...cells.values()].map((c) => ({ ...c, fte: r1(c.fte) }));
}

export function seedModelInputs(db: Db, ids: DemoIds): void {
  const id = (map: Map<string, number>, key: string) => {
    const v = map.get(key);
    if (v === undefined) throw new Error(`Demo inputs name an unknown code ${key}`);
    return v;
  };
  const org = (code: string) => id(ids.org, code);
  const role = (code: string) => id(ids.role, code);
  const scenarios = [...ids.scenario.entries()];

  const insertBaseline = db.prepare('INSERT INTO workforce_baseline (org_id, role_id, fte, headcount, establishment, age_profile) VALUES (?, ?, ?, ?, ?, ?)');
  const insertRate = db.prepare(
    'INSERT INTO workforce_rate (scenario_id, org_id, role_id, leaver_rate, retirement_by_band, agency_share, agency_cost_per_fte) VALUES (?, ?, ?, ?, ?, ?, ?)',
  );
  const insertJoiner = db.prepare('INSERT INTO other_joiner (scenario_id, kind, org_id, role_id, entrant_age_band) VALUES (?, ?, ?, ?, ?)');
  const insertJoinerFte = db.prepare('INSERT INTO other_joiner_fte (other_joiner_id, year, fte) VALUES (?, ?, ?)');

  const cells = baselineCells();
  // What the existing pipelines ("do nothing") already bring into each cell in a typical year:
  // ordinary recruitment is the rest of what replaces leavers, so it is not counted twice.
  const existingSupply = new Map<string, number>();
  for (const p of DEMO_PIPELINES) {
    const base = p.intakesByScenario?.nothing?.[2019];
    if (!p.scenarios.includes('nothing') || base === undefined) continue;
    const key = `${p.org}|${p.role}`;
    existingSupply.set(key, (existingSupply.get(key) ?? 0) + base * (1 - p.attrition) * p.conversion * p.ftePerHead);
  }
  // The agency cost of a registered nurse is set so that the shortfall at the NHS trusts at the
  // start of the base year, filled at the assumed agency share, costs what the strategy states.
  const nurseShortfall = cells
    .filter((c) => c.role === 'RN' && NURSING_AGENCY_TRUSTS.includes(c.org))
    .reduce((sum, c) => sum + (r1(c.fte / (1 - (VACANCY['RN'] ?? 0))) - c.fte) * (AGENCY_SHARE['RN'] ?? 0), 0);
  const nurseAgencyCost = Math.round(STATED_NURSING_AGENCY_SPEND / nurseShortfall / 100) * 100;
  for (const c of cells) {
    const perHead = FTE_PER_HEAD[c.role] ?? 0.9;
    const vacancy = VACANCY[c.role] ?? 0.05;
    const profile = AGE_PROFILES[AGE_GROUP[c.role] ?? 'default']!;
    const baselineId = Number(
      insertBaseline.run(org(c.org), role(c.role), c.fte, Math.round(c.fte / perHead), r1(c.fte / (1 - vacancy)), JSON.stringify(profile)).lastInsertRowid,
    );
    setAssumption(db, 'workforce_baseline', baselineId, 'fte', c.note[0], c.note[1]);
    setAssumption(db, 'workforce_baseline', baselineId, 'headcount', 'illustrative', `FTE ÷ ${perHead} FTE per head (assumed for this role)`);
    setAssumption(
      db,
      'workforce_baseline',
      baselineId,
      'establishment',
      'illustrative',
      `FTE ÷ (1 − ${Math.round(vacancy * 100)} % vacancy rate assumed for this role)`,
    );
    setAssumption(
      db,
      'workforce_baseline',
      baselineId,
      'ageProfile',
      'illustrative',
      'Assumed age profile for the role group; the strategy says a high proportion of the workforce is over 50',
    );

    const leaver = LEAVER_RATE[c.role] ?? 0.09;
    for (const [key, scenarioId] of scenarios) {
      // The plan's retention work is assumed to cut leaving by a tenth; "do nothing" keeps today's rate.
      const rate = key === 'plan' ? r1(leaver * 0.9 * 1000) / 1000 : leaver;
      const rateId = Number(
        insertRate.run(
          scenarioId,
          org(c.org),
          role(c.role),
          rate,
          JSON.stringify(RETIREMENT_BY_BAND),
          AGENCY_SHARE[c.role] ?? DEFAULT_AGENCY_SHARE,
          c.role === 'RN' ? nurseAgencyCost : (AGENCY_COST[c.role] ?? 45000),
        ).lastInsertRowid,
      );
      setAssumption(
        db,
        'workforce_rate',
        rateId,
        'leaverRate',
        'illustrative',
        `${LEAVER_SOURCE[c.role] ?? 'Assumed leaver rate excluding retirement'}${key === 'plan' ? '; reduced by a tenth for the plan’s retention work (assumed)' : ''}`,
      );
      setAssumption(
        db,
        'workforce_rate',
        rateId,
        'retirementByBand',
        'illustrative',
        'Assumed retirement probabilities by age band (NHS pension ages 55 to 68)',
      );
      setAssumption(db, 'workforce_rate', rateId, 'agencyShare', 'illustrative', 'Assumed share of a shortfall covered by agency or bank staff');
      setAssumption(
        db,
        'workforce_rate',
        rateId,
        'agencyCostPerFte',
        'illustrative',
        c.role === 'RN'
          ? `Chosen so that the registered nurse shortfall at the NHS trusts at the start of the base year (establishment less staff in post), filled at the assumed agency share, costs the £24m a year of NHS nursing agency spend the strategy states`
          : 'Assumed yearly cost of an agency or bank FTE',
      );

      // Ordinary recruitment, which the pipelines add to: replaces leavers and half of the
      // expected retirements at today's level (less in the nationally short professions), so
      // that without the plan the ageing workforce shrinks, as the strategy warns.
      const replace = c.role === 'RN' || c.role === 'GP' ? 0.95 : 1;
      const joinFte = r1(Math.max(0, c.fte * (leaver + expectedRetirement(profile) / 2) * replace - (existingSupply.get(`${c.org}|${c.role}`) ?? 0)));
      if (joinFte > 0) {
        const joinerId = Number(insertJoiner.run(scenarioId, 'labour-market', org(c.org), role(c.role), 3).lastInsertRowid);
        for (let y = 2019; y <= 2028; y++) insertJoinerFte.run(joinerId, y, joinFte);
        setAssumption(
          db,
          'other_joiner',
          joinerId,
          'fte',
          'illustrative',
          `Recruitment from the wider labour market assumed to replace ${Math.round(replace * 100)} % of the base year's leavers and half its expected retirements every year, less what the existing placements and international recruitment already bring`,
        );
      }
    }
  }

  const planScenario = ids.scenario.get('plan');
  if (planScenario !== undefined) {
    const extra = (
      kind: 'labour-market' | 'return-to-practice' | 'international',
      orgCode: string,
      roleCode: string,
      fteByYear: Record<number, number>,
      note: Note,
    ) => {
      const { id: jid } = db
        .prepare(
          'INSERT INTO other_joiner (scenario_id, kind, org_id, role_id, entrant_age_band) VALUES (?, ?, ?, ?, ?) ON CONFLICT (scenario_id, kind, org_id, role_id) DO UPDATE SET entrant_age_band = excluded.entrant_age_band RETURNING id',
        )
        .get(planScenario, kind, org(orgCode), role(roleCode), 3) as { id: number };
      for (const [y, fte] of Object.entries(fteByYear)) {
        db.prepare(
          'INSERT INTO other_joiner_fte (other_joiner_id, year, fte) VALUES (?, ?, ?) ON CONFLICT (other_joiner_id, year) DO UPDATE SET fte = other_joiner_fte.fte + excluded.fte',
        ).run(jid, Number(y), fte);
      }
      const prior = db.prepare("SELECT source FROM assumption WHERE entity = 'other_joiner' AND entity_id = ? AND field = 'fte'").get(jid) as
        | { source: string }
        | undefined;
      setAssumption(db, 'other_joiner', jid, 'fte', note[0], prior ? `${prior.source}; plus ${note[1]}` : note[1]);
    };
    const AMB = `${PLAN_SOURCE}, "Ambulance services": 65 additional staff in Dorset in 2020/21`;
    extra('labour-market', 'RYF', 'PARA', { 2020: 40 }, ['stated', `${AMB}; 40 paramedics and 25 technicians is an assumed split`]);
    extra('labour-market', 'RYF', 'AMBT', { 2020: 25 }, ['stated', `${AMB}; 40 paramedics and 25 technicians is an assumed split`]);
    extra('labour-market', '11J', 'PHARM', { 2019: 5 }, [
      'stated',
      `${PLAN_SOURCE}, "Pharmacy and medicines": 5 care home pharmacist posts (Medicines Optimisation in Care Homes)`,
    ]);
    for (const o of ['RBD', 'RD3', 'RDZ', 'RDY']) {
      extra('return-to-practice', o, 'RN', { 2019: 4, 2020: 4, 2021: 4, 2022: 4, 2023: 4, 2024: 4, 2025: 4, 2026: 4, 2027: 4, 2028: 4 }, [
        'illustrative',
        'Return-to-practice nurses: 4 a year per trust assumed',
      ]);
    }
  }

  for (const [, scenarioId] of scenarios) {
    const driver = db
      .prepare(
        'INSERT INTO growth_driver (scenario_id, name, growth, start_year, end_year, org_id, role_id, staff_group) VALUES (?, ?, ?, ?, ?, NULL, NULL, NULL)',
      )
      .run(scenarioId, 'GP registered population (+5.5 % by 2028)', 0.055, 2019, 2028).lastInsertRowid;
    setAssumption(
      db,
      'growth_driver',
      Number(driver),
      'growth',
      'stated',
      `${PLAN_SOURCE}, "Health and wellbeing gap": a registered population of just over 804,000, expected to grow by 5.5 % by 2028; demand assumed to grow with it`,
    );
    const cancer = db
      .prepare(
        'INSERT INTO growth_driver (scenario_id, name, growth, start_year, end_year, org_id, role_id, staff_group) VALUES (?, ?, ?, ?, ?, NULL, ?, NULL)',
      )
      .run(scenarioId, 'Urgent cancer referrals (+8 % in 2019/20)', 0.08, 2019, 2020, role('RAD')).lastInsertRowid;
    setAssumption(
      db,
      'growth_driver',
      Number(cancer),
      'growth',
      'stated',
      `${PLAN_SOURCE}, "Cancer services": urgent cancer referrals up a further 8 % in 2019/20; radiographer demand assumed to follow`,
    );
  }

  const change = (scenarioKey: 'plan' | 'nothing', orgCode: string, roleCode: string, year: number, delta: number, description: string, note: Note) => {
    const scenarioId = ids.scenario.get(scenarioKey);
    if (scenarioId === undefined) return;
    const changeId = Number(
      db
        .prepare('INSERT INTO demand_change (scenario_id, org_id, role_id, year, delta_fte, description) VALUES (?, ?, ?, ?, ?, ?)')
        .run(scenarioId, org(orgCode), role(roleCode), year, delta, description).lastInsertRowid,
    );
    setAssumption(db, 'demand_change', changeId, 'deltaFte', note[0], note[1]);
  };
  for (const key of ['nothing', 'plan'] as const) {
    const AMB = `${PLAN_SOURCE}, "Ambulance services": 10 more ambulances and 65 additional staff in Dorset; 40 paramedics and 25 technicians is an assumed split`;
    change(key, 'RYF', 'PARA', 2020, 40, '10 more ambulances: paramedics', ['stated', AMB]);
    change(key, 'RYF', 'AMBT', 2020, 25, '10 more ambulances: technicians and emergency care assistants', ['stated', AMB]);
    change(key, '11J', 'PHARM', 2019, 5, 'Care home pharmacists (Medicines Optimisation in Care Homes)', [
      'stated',
      `${PLAN_SOURCE}, "Pharmacy and medicines": 5 pharmacist posts`,
    ]);
    const PCN = `${PLAN_SOURCE}, "Integrated community and primary care services": additional roles in the 18 primary care networks by 2023/24; numbers assumed`;
    change(key, 'PCN', 'SPLW', 2019, 18, 'Social prescribing link workers: one per network', ['illustrative', PCN]);
    change(key, 'PCN', 'SPLW', 2021, 20, 'Social prescribing link workers: more per network', ['illustrative', PCN]);
    change(key, 'PCN', 'PHYSIO', 2020, 24, 'First contact physiotherapists', ['illustrative', PCN]);
    change(key, 'PCN', 'PA', 2021, 24, 'Physician associates in networks', ['illustrative', PCN]);
    change(key, 'PCN', 'PARA', 2021, 14, 'Community paramedics', ['illustrative', PCN]);
    change(key, 'RD3', 'END', 2020, 6, 'Clinical endoscopists (the strategy leaves the number blank: "xx")', [
      'illustrative',
      `${PLAN_SOURCE}, "Planned care": "Train xx endoscopists by 20xx"; 6 posts assumed`,
    ]);
  }
  // Posts for the new roles the plan trains, so that no role it trains into has no demand.
  const NA_POSTS = `${PLAN_SOURCE}, "Workforce": train an additional 452 nursing associates by 2025 (stated). Posts assumed: each trust creates posts for its share of the trainees (its share of the yearly intakes) as the cohorts qualify, a fifth a year from 2021/22 to 2025/26, at the 0.9 FTE per head assumed for the course`;
  const tnaIntake = new Map(DEMO_PIPELINES.filter((p) => p.role === 'NA').map((p) => [p.org, p.intakes[2019] ?? 0]));
  const tnaTotal = [...tnaIntake.values()].reduce((a, b) => a + b, 0);
  for (const [trust, intake] of tnaIntake) {
    const perYear = r1(((452 * 0.9) / 5) * (intake / tnaTotal));
    for (let y = 2021; y <= 2025; y++)
      change('plan', trust, 'NA', y, perYear, `Nursing associate posts for qualifying trainees (${yearLabel(y)})`, ['illustrative', NA_POSTS]);
  }
  for (let y = 2021; y <= 2025; y++) {
    change('plan', 'RDZ', 'PA', y, 3, 'Physician associate posts at Royal Bournemouth', [
      'illustrative',
      `Physician associate programmes are among the 30 new programmes stated in ${PLAN_SOURCE}; 3 posts a year from 2021/22 assumed, for the graduates expected to stay (6 a year, 90 % completing, half staying)`,
    ]);
  }
  for (let y = 2022; y <= 2024; y++) {
    change('plan', 'PCN', 'ACP', y, 6, 'Advanced clinical practitioner posts in primary care networks', [
      'illustrative',
      `${PLAN_SOURCE}, "Integrated community and primary care services": new roles in the 18 primary care networks; one advanced clinical practitioner per network by 2024/25 assumed, 6 posts a year as the first cohorts qualify`,
    ]);
  }

  const target = (name: string, metric: TargetMetric, year: number, value: number | null, lineages: string[], orgCode: string | null, note: Note) => {
    const targetId = Number(
      db
        .prepare(
          "INSERT INTO target (name, metric, org_id, role_id, year, value, comparison, sort) VALUES (?, ?, ?, NULL, ?, ?, 'at-least', (SELECT coalesce(max(sort), 0) + 1 FROM target))",
        )
        .run(name, metric, orgCode ? org(orgCode) : null, year, value).lastInsertRowid,
    );
    for (const l of lineages) db.prepare('INSERT INTO target_pipeline (target_id, lineage_id) VALUES (?, ?)').run(targetId, id(ids.lineage, l));
    setAssumption(db, 'target', targetId, 'value', note[0], note[1]);
  };
  const named = (prefix: string) => [...ids.lineage.keys()].filter((n) => n.startsWith(prefix));
  const W = `${PLAN_SOURCE}, "Workforce"`;
  target(
    'Additional registered nurses through degree apprenticeships',
    'trained-cumulative',
    2027,
    250,
    named('Registered nurse degree apprenticeship'),
    null,
    ['stated', `${W}: an additional 250 registered nurses by 2027`],
  );
  target('Additional nursing associates trained', 'trained-cumulative', 2025, 452, named('Trainee nursing associate'), null, [
    'stated',
    `${W}: train an additional 452 nursing associates by 2025`,
  ]);
  target('Additional pharmacy technicians trained', 'trained-cumulative', 2025, 100, named('Pharmacy technician apprenticeship'), null, [
    'stated',
    `${W}: train an additional 100 pharmacy technicians by 2025`,
  ]);
  target('Learners on clinical placement (+40 % on 2,000)', 'learners-in-training', 2024, 2800, named('Clinical placements'), null, [
    'stated',
    `${W}: expand placements by 40 % over five years from 2,000 learners`,
  ]);
  target('Additional ambulance staff in Dorset', 'supply-change-fte', 2020, 65, [], 'RYF', [
    'stated',
    `${PLAN_SOURCE}, "Ambulance services": 65 additional staff in 2020/21`,
  ]);
  target('Endoscopists trained', 'trained-cumulative', 2024, null, named('Clinical endoscopist'), null, [
    'stated',
    `${PLAN_SOURCE}, "Planned care": "Train xx endoscopists by 20xx": the number and year are not yet set (2024/25 assumed for the year)`,
  ]);
}
