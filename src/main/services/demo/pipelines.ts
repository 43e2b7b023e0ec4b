/**
 * The demo plan's training and recruitment pipelines. Intakes and commitments quoted from the
 * strategy are marked `stated`; everything else is `illustrative`, with the published figure or
 * reasoning it comes from named in the note.
 */
import type { AssumptionStatus, PipelineType } from '../../../shared/model/types';

export const PLAN_SOURCE = '"Our Dorset – Looking Forward 2019-2024"';
const WORKFORCE = `${PLAN_SOURCE}, "Workforce"`;

export type Note = [AssumptionStatus, string];

export interface DemoPipeline {
  /** Which scenarios hold a copy. */
  scenarios: readonly ('nothing' | 'plan')[];
  /** Intakes differ by scenario where given. */
  intakesByScenario?: Partial<Record<'nothing' | 'plan', Record<number, number>>>;
  name: string;
  type: PipelineType;
  org: string;
  role: string;
  sourceRole: string | null;
  traineesLeaveSourceRole: boolean;
  durationYears: number;
  attrition: number;
  conversion: number;
  ftePerHead: number;
  costPerLearnerYear: number;
  entrantAgeBand: number;
  intakes: Record<number, number>;
  notes: Record<string, Note>;
}

/** `n` starters a year from `from` to `to` inclusive. */
function each(from: number, to: number, n: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (let y = from; y <= to; y++) out[y] = n;
  return out;
}

/** Learners hosted, rising evenly by `growth` over `years` years from `from`, then held. */
function rising(from: number, start: number, growth: number, years: number, until: number): Record<number, number> {
  const out: Record<number, number> = {};
  for (let y = from; y <= until; y++) out[y] = Math.round(start * (1 + (growth * Math.min(y - from, years)) / years));
  return out;
}

const RNDA_NOTES: Record<string, Note> = {
  intakes: [
    'stated',
    `${WORKFORCE}: 50 registered nurse degree apprentices recruited in 2019 and 50 more every year for 5 years (an additional 250 registered nurses by 2027); split between the trusts illustratively`,
  ],
  durationYears: ['illustrative', 'Nursing degree apprenticeships usually take four years'],
  attrition: ['illustrative', 'Published national estimates put nursing degree attrition at about 24–25 %'],
  conversion: ['illustrative', 'Apprentices are employed by the trust throughout; 95 % assumed to stay on qualifying'],
  ftePerHead: ['illustrative', 'Registered nurses work about 0.9 FTE on average (assumed)'],
  costPerLearnerYear: ['illustrative', 'Apprenticeship funding band of about £26,000 over four years'],
  traineesLeaveSourceRole: ['illustrative', 'Apprentices keep working as healthcare support workers while they train'],
};

const TNA_NOTES: Record<string, Note> = {
  intakes: [
    'illustrative',
    `Commitment stated in ${WORKFORCE}: train an additional 452 nursing associates by 2025; the yearly intakes (100 a year) are assumed`,
  ],
  durationYears: ['illustrative', 'Trainee nursing associate programmes last two years'],
  attrition: ['illustrative', 'Published national estimates put nursing associate attrition at about 16 %'],
  conversion: ['illustrative', '95 % of those who qualify assumed to take a local nursing associate post'],
  ftePerHead: ['illustrative', 'Assumed 0.9 FTE per head'],
  costPerLearnerYear: ['illustrative', 'Apprenticeship funding band of about £15,000 over two years'],
  traineesLeaveSourceRole: ['illustrative', 'Trainees move into supernumerary training posts when they start'],
};

const PTECH_NOTES: Record<string, Note> = {
  intakes: [
    'illustrative',
    `Commitment stated in ${WORKFORCE}: train an additional 100 pharmacy technicians by 2025; the yearly intakes (25 a year for four years) are assumed`,
  ],
  durationYears: ['illustrative', 'Pharmacy technician apprenticeships last two years'],
  attrition: ['illustrative', 'Assumed 10 % do not complete'],
  conversion: ['illustrative', 'Assumed 90 % take a local post'],
  costPerLearnerYear: ['illustrative', 'Apprenticeship funding band of about £21,000 over two years'],
};

const PLACEMENT_NOTES = (share: string): Record<string, Note> => ({
  intakes: [
    'stated',
    `${WORKFORCE}: 2,000 learners on 35 education programmes, placements expanded by 40 % over five years (to 2,800 in 2024/25); ${share} (illustrative share)`,
  ],
  durationYears: ['illustrative', 'Counted as learners hosted for a year'],
  attrition: ['illustrative', 'Assumed 5 % of placed learners leave their course in the year'],
  conversion: [
    'illustrative',
    'Students are placed in each year of their course and about a quarter of graduates take local posts: about 8 % of learner-years convert (assumed)',
  ],
  costPerLearnerYear: ['illustrative', 'Placement costs are met by the education tariff: none to the system'],
});

const IR_NOTES: Record<string, Note> = {
  intakes: ['illustrative', 'Recruitment levels assumed; the strategy states more than 3,000 non-UK staff work in Dorset health and care'],
  durationYears: ['illustrative', 'About three months from arrival to registration (OSCE)'],
  attrition: ['illustrative', 'Assumed 5 % do not complete registration'],
  conversion: ['illustrative', 'All who register take the post they were recruited to'],
  ftePerHead: ['illustrative', 'International recruits assumed full time'],
};

const NOTHING_AND_PLAN = ['nothing', 'plan'] as const;
const PLAN_ONLY = ['plan'] as const;

const rnda = (org: string, n: number): DemoPipeline => ({
  scenarios: PLAN_ONLY,
  name: `Registered nurse degree apprenticeship (${org})`,
  type: 'apprenticeship',
  org,
  role: 'RN',
  sourceRole: 'HCA',
  traineesLeaveSourceRole: false,
  durationYears: 4,
  attrition: 0.24,
  conversion: 0.95,
  ftePerHead: 0.9,
  costPerLearnerYear: 6500,
  entrantAgeBand: 2,
  intakes: each(2019, 2023, n),
  notes: RNDA_NOTES,
});

const tna = (org: string, n: number): DemoPipeline => ({
  scenarios: PLAN_ONLY,
  name: `Trainee nursing associate (${org})`,
  type: 'progression',
  org,
  role: 'NA',
  sourceRole: 'HCA',
  traineesLeaveSourceRole: true,
  durationYears: 2,
  attrition: 0.16,
  conversion: 0.95,
  ftePerHead: 0.9,
  costPerLearnerYear: 7500,
  entrantAgeBand: 2,
  intakes: each(2019, 2023, n),
  notes: TNA_NOTES,
});

const ptech = (org: string, n: number): DemoPipeline => ({
  scenarios: PLAN_ONLY,
  name: `Pharmacy technician apprenticeship (${org})`,
  type: 'apprenticeship',
  org,
  role: 'PTECH',
  sourceRole: null,
  traineesLeaveSourceRole: false,
  durationYears: 2,
  attrition: 0.1,
  conversion: 0.9,
  ftePerHead: 1,
  costPerLearnerYear: 10500,
  entrantAgeBand: 0,
  intakes: each(2019, 2022, n),
  notes: PTECH_NOTES,
});

const nursingPlacements = (org: string, start: number, share: string): DemoPipeline => ({
  scenarios: NOTHING_AND_PLAN,
  intakesByScenario: { nothing: each(2019, 2028, start), plan: rising(2019, start, 0.4, 5, 2028) },
  name: `Clinical placements: nursing and midwifery students (${org})`,
  type: 'placement',
  org,
  role: 'RN',
  sourceRole: null,
  traineesLeaveSourceRole: false,
  durationYears: 1,
  attrition: 0.05,
  conversion: 0.08,
  ftePerHead: 0.9,
  costPerLearnerYear: 0,
  entrantAgeBand: 0,
  intakes: {},
  notes: PLACEMENT_NOTES(share),
});

const ahpPlacements = (org: string, start: number, share: string): DemoPipeline => ({
  ...nursingPlacements(org, start, share),
  name: `Clinical placements: allied health students (${org})`,
  role: 'AHP',
  ftePerHead: 1,
});

const internationalNurses = (org: string, now: number, plan: number): DemoPipeline => ({
  scenarios: NOTHING_AND_PLAN,
  intakesByScenario: { nothing: each(2019, 2028, now), plan: each(2019, 2028, plan) },
  name: `International recruitment: registered nurses (${org})`,
  type: 'international',
  org,
  role: 'RN',
  sourceRole: null,
  traineesLeaveSourceRole: false,
  durationYears: 0.25,
  attrition: 0.05,
  conversion: 1,
  ftePerHead: 1,
  costPerLearnerYear: 12000,
  entrantAgeBand: 2,
  intakes: {},
  notes: { ...IR_NOTES, costPerLearnerYear: ['illustrative', 'About £12,000 a recruit for travel, visa, OSCE and pastoral support (assumed)'] },
});

export const DEMO_PIPELINES: DemoPipeline[] = [
  rnda('RBD', 10),
  rnda('RDY', 15),
  rnda('RD3', 10),
  rnda('RDZ', 15),
  tna('RBD', 20),
  tna('RDY', 30),
  tna('RD3', 25),
  tna('RDZ', 25),
  ptech('RBD', 7),
  ptech('RD3', 8),
  ptech('RDZ', 10),
  nursingPlacements('RBD', 240, 'Dorset County Hospital hosts a fifth of the 1,200 nursing and midwifery learners'),
  nursingPlacements('RDY', 300, 'Dorset HealthCare hosts a quarter of the 1,200 nursing and midwifery learners'),
  nursingPlacements('RD3', 300, 'Poole Hospital hosts a quarter of the 1,200 nursing and midwifery learners'),
  nursingPlacements('RDZ', 360, 'Royal Bournemouth hosts 30 % of the 1,200 nursing and midwifery learners'),
  ahpPlacements('RD3', 400, 'Poole Hospital hosts half of the 800 allied health learners'),
  ahpPlacements('RDZ', 400, 'Royal Bournemouth hosts half of the 800 allied health learners'),
  internationalNurses('RD3', 15, 30),
  internationalNurses('RDZ', 20, 40),
  internationalNurses('RBD', 10, 20),
  {
    scenarios: PLAN_ONLY,
    name: 'Physician associates (primary care networks)',
    type: 'university',
    org: 'PCN',
    role: 'PA',
    sourceRole: null,
    traineesLeaveSourceRole: false,
    durationYears: 2,
    attrition: 0.1,
    conversion: 0.5,
    ftePerHead: 1,
    costPerLearnerYear: 0,
    entrantAgeBand: 0,
    intakes: { ...each(2019, 2023, 12), ...each(2024, 2028, 8) },
    notes: {
      intakes: [
        'illustrative',
        `Physician associate programmes are among the 30 new programmes stated in ${PLAN_SOURCE}, "To address staff shortages"; intakes assumed`,
      ],
      durationYears: ['illustrative', 'Physician associate postgraduate diplomas last two years'],
      conversion: ['illustrative', 'Half of graduates assumed to take a post in a Dorset primary care network'],
    },
  },
  {
    scenarios: PLAN_ONLY,
    name: 'Physician associates (Royal Bournemouth)',
    type: 'university',
    org: 'RDZ',
    role: 'PA',
    sourceRole: null,
    traineesLeaveSourceRole: false,
    durationYears: 2,
    attrition: 0.1,
    conversion: 0.5,
    ftePerHead: 1,
    costPerLearnerYear: 0,
    entrantAgeBand: 0,
    intakes: each(2019, 2023, 6),
    notes: {
      intakes: ['illustrative', 'Intakes assumed'],
      conversion: ['illustrative', 'Half of graduates assumed to take a local post'],
    },
  },
  ...(['RDY', 'RDZ', 'PCN'] as const).map(
    (org): DemoPipeline => ({
      scenarios: PLAN_ONLY,
      name: `Advanced clinical practice (${org})`,
      type: 'progression',
      org,
      role: 'ACP',
      sourceRole: 'RN',
      traineesLeaveSourceRole: false,
      durationYears: 3,
      attrition: 0.1,
      conversion: 0.9,
      ftePerHead: 1,
      costPerLearnerYear: 4000,
      entrantAgeBand: 4,
      intakes: each(2019, 2024, org === 'PCN' ? 6 : 10),
      notes: {
        intakes: ['illustrative', `Advanced clinical practice programmes are among the 30 new programmes stated in ${PLAN_SOURCE}; intakes assumed`],
        durationYears: ['illustrative', 'A part-time master’s-level apprenticeship of about three years'],
        traineesLeaveSourceRole: ['illustrative', 'Registered nurses keep their posts while they train'],
      },
    }),
  ),
  ...(['BCP', 'DC'] as const).map(
    (org): DemoPipeline => ({
      scenarios: PLAN_ONLY,
      name: `Social work degree apprenticeship (${org})`,
      type: 'progression',
      org,
      role: 'SW',
      sourceRole: 'CW',
      traineesLeaveSourceRole: false,
      durationYears: 3,
      attrition: 0.15,
      conversion: 0.9,
      ftePerHead: 1,
      costPerLearnerYear: 8000,
      entrantAgeBand: 2,
      intakes: each(2019, 2028, 10),
      notes: {
        intakes: [
          'illustrative',
          `Accredited social work apprenticeships ("grow your own") are stated in ${PLAN_SOURCE}, "To address staff shortages"; intakes assumed`,
        ],
        durationYears: ['illustrative', 'Social work degree apprenticeships last three years'],
      },
    }),
  ),
  {
    scenarios: PLAN_ONLY,
    name: 'Social prescribing link workers (primary care networks)',
    type: 'new-role',
    org: 'PCN',
    role: 'SPLW',
    sourceRole: null,
    traineesLeaveSourceRole: false,
    durationYears: 0,
    attrition: 0.1,
    conversion: 1,
    ftePerHead: 1,
    costPerLearnerYear: 0,
    entrantAgeBand: 1,
    intakes: { 2019: 18, 2020: 10, 2021: 10, ...each(2022, 2028, 4) },
    notes: {
      intakes: [
        'illustrative',
        `Additional social prescribing link workers for the 18 primary care networks are stated in ${PLAN_SOURCE}, "Integrated community and primary care services"; numbers assumed (one per network, then more, then enough to replace leavers)`,
      ],
    },
  },
  {
    scenarios: PLAN_ONLY,
    name: 'First contact physiotherapists (primary care networks)',
    type: 'new-role',
    org: 'PCN',
    role: 'PHYSIO',
    sourceRole: null,
    traineesLeaveSourceRole: false,
    durationYears: 0.5,
    attrition: 0.05,
    conversion: 1,
    ftePerHead: 1,
    costPerLearnerYear: 3000,
    entrantAgeBand: 3,
    intakes: { 2020: 6, 2021: 6, 2022: 6, 2023: 6, ...each(2024, 2028, 2) },
    notes: {
      intakes: ['illustrative', `First contact physiotherapists in primary care networks are stated in ${PLAN_SOURCE}; numbers assumed`],
      durationYears: ['illustrative', 'Six months of first-contact practitioner training (assumed)'],
    },
  },
  {
    scenarios: PLAN_ONLY,
    name: 'Community paramedics (primary care networks)',
    type: 'new-role',
    org: 'PCN',
    role: 'PARA',
    sourceRole: null,
    traineesLeaveSourceRole: false,
    durationYears: 0.5,
    attrition: 0.05,
    conversion: 1,
    ftePerHead: 1,
    costPerLearnerYear: 3000,
    entrantAgeBand: 3,
    intakes: { 2021: 5, 2022: 5, 2023: 4, ...each(2024, 2028, 1) },
    notes: {
      intakes: ['illustrative', `Community paramedics in primary care networks are stated in ${PLAN_SOURCE}; numbers assumed`],
    },
  },
  {
    scenarios: PLAN_ONLY,
    name: 'Clinical endoscopist training (Poole Hospital)',
    type: 'progression',
    org: 'RD3',
    role: 'END',
    sourceRole: 'RN',
    traineesLeaveSourceRole: false,
    durationYears: 1,
    attrition: 0.1,
    conversion: 1,
    ftePerHead: 1,
    costPerLearnerYear: 8000,
    entrantAgeBand: 4,
    intakes: {},
    notes: {
      intakes: ['stated', `${PLAN_SOURCE}, "Planned care": "Train xx endoscopists by 20xx" — the number is not yet set`],
      durationYears: ['illustrative', 'A one-year clinical endoscopist programme (assumed)'],
    },
  },
];
