/**
 * The staff-group vocabulary: NHS Digital's staff groups (the groups of its HCHS workforce
 * statistics and of ESR) mapped onto the plan's roles, with the share of the group's FTE each
 * role takes. The importer proposes these when a file gives staff groups instead of roles; the
 * demo plan derives its baseline from NHS Digital's figures with the same table, so a file of
 * those figures imports onto the demo exactly.
 */
export const STAFF_GROUP_TO_ROLES: Record<string, [role: string, share: number][]> = {
  'Nurses & health visitors': [
    ['RN', 0.97],
    ['ACP', 0.03],
  ],
  Midwives: [['MW', 1]],
  'Support to doctors, nurses & midwives': [
    ['HCA', 0.72],
    ['ADMIN', 0.28],
  ],
  'HCHS doctors': [
    ['DRC', 0.55],
    ['DRT', 0.45],
  ],
  'Scientific, therapeutic & technical staff': [
    ['PHYSIO', 0.15],
    ['RAD', 0.12],
    ['AHP', 0.38],
    ['SCI', 0.2],
    ['PHARM', 0.08],
    ['PTECH', 0.07],
  ],
  'Support to ST&T staff': [['STTSW', 1]],
  'Ambulance staff': [
    ['PARA', 0.55],
    ['AMBT', 0.45],
  ],
  'Support to ambulance staff': [['AMBS', 1]],
  'Central functions': [['ADMIN', 1]],
  Managers: [['ADMIN', 1]],
  'Senior managers': [['ADMIN', 1]],
  'Hotel, property & estates': [['EST', 1]],
  // "Unknown" (under 0.3 % of FTE) is left out.
};
