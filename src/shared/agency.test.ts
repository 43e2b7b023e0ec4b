import { describe, expect, it } from 'vitest';
import type { CellResult, ProjectionResult, ReferenceData, WorkforceRow } from './api/dto';
import { agencyExplanation } from './agency';

const cell = (orgId: number, roleId: number, gap: number[], agencyCost: number[]): CellResult => ({
  orgId,
  roleId,
  opening: [],
  leavers: [],
  retirements: [],
  progressionOut: [],
  qualified: [],
  otherJoiners: [],
  closing: [],
  closingHeadcount: [],
  demand: [],
  gap,
  vacancyRate: [],
  agencyCost,
});
const row = (orgId: number, roleId: number, fte: number, establishment: number, agencyShare: number, agencyCostPerFte: number, source = ''): WorkforceRow => ({
  baselineId: orgId * 10 + roleId,
  rateId: 1,
  orgId,
  roleId,
  fte,
  headcount: fte,
  establishment,
  ageProfile: [],
  leaverRate: 0,
  retirementByBand: [],
  agencyShare,
  agencyCostPerFte,
  leaverRateLow: null,
  leaverRateHigh: null,
  retirementLow: null,
  retirementHigh: null,
  agencyShareLow: null,
  agencyShareHigh: null,
  assumptions: source ? { agencyCostPerFte: { status: 'illustrative', source } } : {},
});

describe('the agency-cost card’s explanation', () => {
  // A trust (1) and a care provider (2); nurses (1) cost most in the base year.
  const reference: ReferenceData = {
    organisations: [
      { id: 1, code: 'T', name: 'Trust', kind: 'nhs-trust', share: 1, shareSource: '' },
      { id: 2, code: 'C', name: 'Care', kind: 'social-care', share: 1, shareSource: '' },
    ],
    roles: [
      { id: 1, code: 'RN', name: 'Registered nurse', staffGroup: 'N' },
      { id: 2, code: 'CW', name: 'Care worker', staffGroup: 'S' },
    ],
  };
  const result = {
    years: [2019, 2020],
    cells: [cell(1, 1, [12, 10], [600_000, 500_000]), cell(2, 1, [4, 3], [200_000, 150_000]), cell(2, 2, [5, 5], [100_000, 100_000])],
    totals: { agencyCost: [900_000, 750_000] },
  } as unknown as ProjectionResult;
  const workforce = [row(1, 1, 90, 100, 0.9, 50_000, 'Chosen to match the stated £0.45m'), row(2, 1, 40, 44, 0.9, 50_000), row(2, 2, 20, 25, 0.5, 40_000)];

  it('says what it covers and adds up the base year for the costliest role at the NHS trusts', () => {
    const a = agencyExplanation(result, workforce, reference);
    expect(a.covers).toBe('Agency cost of every shortfall: every role and partner, 2019/20 to 2020/21 (2 years)');
    expect(a.detail.split('\n')).toEqual([
      '£1,650,000: what filling every shortfall with agency or bank staff would cost, for every role at every partner, added up over the 2 years 2019/20 to 2020/21.',
      'Illustrative: the share of a shortfall filled by agency or bank staff, and what one such FTE costs, are assumptions (see Assumptions).',
      '2019/20: £900k in all.',
      // (100 − 90) × 0.9 × £50,000 = £450,000 at the start; the trust's projected year end: 12 FTE, £600k; with the care provider, £800k.
      'Registered nurse, the largest part: at the NHS trusts, the shortfall at the start of 2019/20 (establishment less staff in post) is 10.0 FTE, which at the agency share and cost per FTE comes to £450k a year (£450,000).',
      'By the end of 2019/20 the projected shortfall at the NHS trusts is 12.0 FTE, £600k; with every other partner, registered nurse agency cost in 2019/20 is £800k.',
      'How the registered nurse agency cost per FTE was set (illustrative): Chosen to match the stated £0.45m.',
    ]);
  });

  it('speaks of every partner when the plan has no NHS trusts', () => {
    const none = { ...reference, organisations: reference.organisations.map((o) => ({ ...o, kind: 'other' })) };
    expect(agencyExplanation(result, workforce, none).detail).toContain(
      'across the partners, the shortfall at the start of 2019/20 (establishment less staff in post) is 14.0 FTE',
    );
  });
});
