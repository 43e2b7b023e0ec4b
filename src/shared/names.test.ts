import { describe, expect, it } from 'vitest';
import { shortName, shortNames } from './names';

describe('short names', () => {
  it('drops legal suffixes, writes CCG, and turns long proper names into initials', () => {
    expect(shortName('Dorset County Hospital NHS Foundation Trust')).toBe('Dorset County Hospital');
    expect(shortName('Dorset HealthCare University NHS Foundation Trust')).toBe('Dorset HealthCare');
    expect(shortName('Poole Hospital NHS Foundation Trust')).toBe('Poole Hospital');
    expect(shortName('The Royal Bournemouth and Christchurch Hospitals NHS Foundation Trust')).toBe('RBCH');
    expect(shortName('South Western Ambulance Service NHS Foundation Trust (Dorset)')).toBe('SWAS (Dorset)');
    expect(shortName('Dorset Clinical Commissioning Group')).toBe('Dorset CCG');
    expect(shortName('Bournemouth, Christchurch and Poole Council')).toBe('BCP Council');
    expect(shortName('Leeds Teaching Hospitals NHS Trust')).toBe('Leeds Teaching Hospitals');
  });

  it('keeps a name that fits, and cuts a long ordinary phrase after a whole word', () => {
    expect(shortName('Dorset Council')).toBe('Dorset Council');
    expect(shortName('Primary care (18 primary care networks)')).toBe('Primary care');
    expect(shortName('Independent social care providers')).toBe('Independent social care…');
    expect(shortName('Ambulance technician and emergency care assistant', 26)).toBe('Ambulance technician…');
    expect(shortName('Therapy and scientific support worker', 26)).toBe('Therapy and scientific…');
    expect(shortName('Advanced clinical practitioner', 26)).toBe('Advanced clinical…');
    expect(shortName('Registered nurse', 26)).toBe('Registered nurse');
    expect(shortName('Consultant and career-grade doctor', 26)).toBe('Consultant and career…');
    // Too little would be left at a word: the cut goes inside one.
    expect(shortName('Administration, management and central functions', 26)).toBe('Administration, managemen…');
    for (const n of ['Administration, management and central functions', 'Consultant and career-grade doctor', 'A'.repeat(60)])
      expect(shortName(n).length).toBeLessThanOrEqual(24);
  });

  it('gives clashing short names their codes', () => {
    const names = shortNames([
      { id: 1, code: 'RX1', name: 'Northern General Hospital NHS Foundation Trust' },
      { id: 2, code: 'RX2', name: 'Northern General Hospital NHS Trust' },
      { id: 3, code: 'RX3', name: 'South Hospital NHS Trust' },
    ]);
    expect([...names.values()]).toEqual(['NGH (RX1)', 'NGH (RX2)', 'South Hospital NHS Trust']);
    expect(
      shortNames([
        { id: 1, name: 'Northern General Hospital NHS Trust' },
        { id: 2, name: 'Northern General Hospital NHS Foundation Trust' },
      ]).get(2),
    ).toBe('Northern General Hospital NHS Foundation Trust');
  });
});
