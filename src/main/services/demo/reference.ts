/**
 * The Dorset demo plan's organisations and roles. Organisation names are the ICS partners named
 * in "Our Dorset – Looking Forward 2019-2024"; NHS codes are the ODS codes used in NHS Digital's
 * workforce statistics. Primary care and independent social care providers are included as
 * organisations because the strategy covers both.
 */

export interface DemoOrganisation {
  code: string;
  name: string;
  kind: 'nhs-trust' | 'commissioner' | 'local-authority' | 'public-health' | 'primary-care' | 'social-care';
  /** The part of the organisation that is Dorset's, when it serves a wider area. */
  share?: { value: number; source: string };
}

/**
 * The South Western Ambulance Service covers the whole South West: Dorset's share is taken as
 * 65/241, the ratio of the extra ambulance staff the strategy states for Dorset (65) and for
 * the South West (241).
 */
export const AMBULANCE_DORSET_SHARE = 65 / 241;
const AMBULANCE_SHARE_SOURCE =
  '65/241: the ratio of the extra ambulance staff "Our Dorset – Looking Forward 2019-2024" states for Dorset (65) and for the South West (241)';

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  { code: 'RBD', name: 'Dorset County Hospital NHS Foundation Trust', kind: 'nhs-trust' },
  { code: 'RDY', name: 'Dorset HealthCare University NHS Foundation Trust', kind: 'nhs-trust' },
  { code: 'RD3', name: 'Poole Hospital NHS Foundation Trust', kind: 'nhs-trust' },
  { code: 'RDZ', name: 'The Royal Bournemouth and Christchurch Hospitals NHS Foundation Trust', kind: 'nhs-trust' },
  {
    code: 'RYF',
    name: 'South Western Ambulance Service NHS Foundation Trust (Dorset)',
    kind: 'nhs-trust',
    share: { value: AMBULANCE_DORSET_SHARE, source: AMBULANCE_SHARE_SOURCE },
  },
  { code: '11J', name: 'Dorset Clinical Commissioning Group', kind: 'commissioner' },
  { code: 'BCP', name: 'Bournemouth, Christchurch and Poole Council', kind: 'local-authority' },
  { code: 'DC', name: 'Dorset Council', kind: 'local-authority' },
  { code: 'PHD', name: 'Public Health Dorset', kind: 'public-health' },
  { code: 'PCN', name: 'Primary care (18 primary care networks)', kind: 'primary-care' },
  { code: 'ASC', name: 'Independent social care providers', kind: 'social-care' },
];

export interface DemoRole {
  code: string;
  name: string;
  staffGroup: string;
}

export const DEMO_ROLES: DemoRole[] = [
  { code: 'RN', name: 'Registered nurse', staffGroup: 'Nursing and Midwifery Registered' },
  { code: 'MW', name: 'Midwife', staffGroup: 'Nursing and Midwifery Registered' },
  { code: 'ACP', name: 'Advanced clinical practitioner', staffGroup: 'Nursing and Midwifery Registered' },
  { code: 'NA', name: 'Nursing associate', staffGroup: 'Additional Clinical Services' },
  { code: 'HCA', name: 'Healthcare support worker', staffGroup: 'Additional Clinical Services' },
  { code: 'STTSW', name: 'Therapy and scientific support worker', staffGroup: 'Additional Clinical Services' },
  { code: 'DRC', name: 'Consultant and career-grade doctor', staffGroup: 'Medical and Dental' },
  { code: 'DRT', name: 'Doctor in training', staffGroup: 'Medical and Dental' },
  { code: 'GP', name: 'General practitioner', staffGroup: 'Medical and Dental' },
  { code: 'PA', name: 'Physician associate', staffGroup: 'Additional Professional Scientific and Technical' },
  { code: 'PHARM', name: 'Pharmacist', staffGroup: 'Additional Professional Scientific and Technical' },
  { code: 'PTECH', name: 'Pharmacy technician', staffGroup: 'Additional Professional Scientific and Technical' },
  { code: 'PHYSIO', name: 'Physiotherapist', staffGroup: 'Allied Health Professionals' },
  { code: 'RAD', name: 'Radiographer', staffGroup: 'Allied Health Professionals' },
  { code: 'AHP', name: 'Other allied health professional', staffGroup: 'Allied Health Professionals' },
  { code: 'PARA', name: 'Paramedic', staffGroup: 'Allied Health Professionals' },
  { code: 'AMBT', name: 'Ambulance technician and emergency care assistant', staffGroup: 'Additional Clinical Services' },
  { code: 'AMBS', name: 'Ambulance control and support', staffGroup: 'Administrative and Clerical' },
  { code: 'SCI', name: 'Healthcare scientist', staffGroup: 'Healthcare Scientists' },
  { code: 'END', name: 'Clinical endoscopist', staffGroup: 'Nursing and Midwifery Registered' },
  { code: 'SPLW', name: 'Social prescribing link worker', staffGroup: 'Primary Care Direct Patient Care' },
  { code: 'SW', name: 'Social worker', staffGroup: 'Social Care' },
  { code: 'SCM', name: 'Social care manager', staffGroup: 'Social Care' },
  { code: 'CW', name: 'Care worker', staffGroup: 'Social Care' },
  { code: 'ADMIN', name: 'Administration, management and central functions', staffGroup: 'Administrative and Clerical' },
  { code: 'EST', name: 'Estates and ancillary', staffGroup: 'Estates and Ancillary' },
];

export const DEMO_SCENARIOS = [
  {
    key: 'nothing',
    name: 'Do nothing',
    description: 'Existing supply only: placements held at 2019/20 levels, recruitment as now, none of the new programmes.',
  },
  { key: 'plan', name: 'Our Dorset plan', description: 'The commitments of "Our Dorset – Looking Forward 2019-2024".' },
] as const;

export const DEMO_PLAN_NAME = 'Dorset ICS workforce plan (demo)';
export const DEMO_BASE_YEAR = 2019;
export const DEMO_HORIZON_YEAR = 2028;
