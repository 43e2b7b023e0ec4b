import { describe, expect, it } from 'vitest';
import { headingWords, isOdsCode, isOrgName, measureOfHeading, measureOfTitle, notStaffInPost, TOTAL_LABEL, totalOfLabel } from './vocabulary';

describe('heading vocabulary', () => {
  it('splits headings into whole words however they are written', () => {
    expect(headingWords('FTE_DAYS_LOST')).toEqual(['fte', 'days', 'lost']);
    expect(headingWords('TotalFTE')).toEqual(['total', 'fte']);
    expect(headingWords('FTEBudget')).toEqual(['fte', 'budget']);
    expect(headingWords('Sickness FTE %')).toEqual(['sickness', 'fte', 'percent']);
    expect(headingWords('FTE (total)')).toEqual(['fte', 'total']);
  });

  it('takes FTE and headcount only where the heading names them as the measure', () => {
    const measure = (h: string) => {
      const m = measureOfHeading(h);
      return m === null || m === 'other' ? m : `${m.measure} ${m.confidence}`;
    };
    expect(['FTE', 'WTE', 'Contracted WTE', 'FTE (total)', 'Total FTE', 'Staff in post FTE', 'Full Time Equivalent', 'TotalFTE'].map(measure)).toEqual(
      new Array(8).fill('fte sure'),
    );
    expect(['Headcount', 'Head count', 'Number of staff', 'Staff count', 'No. of staff'].map(measure)).toEqual(new Array(5).fill('headcount sure'));
    expect(['Budgeted FTE', 'FTEBudget', 'Establishment FTE'].map(measure)).toEqual(new Array(3).fill('establishment sure'));
    // Never because "fte" is part of something else.
    expect(['FTE_DAYS_LOST', 'FTE days available', 'Sickness FTE %', 'Leavers FTE', 'Mean annual basic pay per FTE', 'FTE change'].map(measure)).toEqual(
      new Array(6).fill('other'),
    );
    // Beside a word the vocabulary does not know: a question.
    expect(measure('Nursing FTE')).toBe('fte unsure');
    expect(['Total', 'Org code', 'Software', 'Often'].map(measure)).toEqual([null, null, null, null]);
  });

  it('reads the measure a title states, and says when titles disagree', () => {
    expect(measureOfTitle(['Table 1: staff by organisation, Full Time Equivalent (FTE)'])).toMatchObject({ measure: 'fte' });
    expect(measureOfTitle(['NHS staff headcount by staff group'])).toMatchObject({ measure: 'headcount' });
    expect(measureOfTitle(['Staff numbers, June 2018'])).toMatchObject({ measure: 'headcount' });
    expect(measureOfTitle(['Headcount and FTE by organisation'])).toBe('both');
    expect(measureOfTitle(['June 2018'])).toBeNull();
  });

  it('recognises files that are not staff in post, unless a staff measure is there too', () => {
    expect(notStaffInPost(['ORG_CODE', 'FTE_DAYS_LOST', 'FTE_DAYS_AVAILABLE'], [], 'baseline')?.what).toBe('sickness absence data (days lost)');
    expect(notStaffInPost(['Org code', 'A&E attendances Type 1'], [], 'baseline')?.what).toBe('activity data (attendances)');
    expect(notStaffInPost(['Org code', 'Nurses'], ['Mean annual basic pay per FTE, by staff group'], 'baseline')?.what).toBe('earnings data (pay)');
    expect(notStaffInPost(['Org code', 'Turnover rate %'], [], 'baseline')?.what).toBe('turnover data (leaver rates)');
    expect(notStaffInPost(['Org code', 'Turnover rate %'], [], 'joiners')).toBeNull();
    expect(notStaffInPost(['Assignment Number', 'Contracted WTE', 'FTE Days Lost', 'Annual Salary'], [], 'baseline')).toBeNull();
    expect(notStaffInPost(['Pipeline', '2024/25'], [], 'intakes')).toBeNull();
  });

  it('knows a total by the whole cell, never by a word inside a name', () => {
    for (const t of [
      'Total',
      'TOTAL',
      'Totals',
      'Total:',
      'Grand total',
      'Grand Total',
      'Sub-total',
      'Subtotal',
      'Sub total',
      'All staff groups',
      'All staff',
      'England',
    ])
      expect(TOTAL_LABEL.test(t), t).toBe(true);
    for (const t of ['Total Health Partnership PCN', 'Totally Nursing Ltd', 'Englandshire PCN', 'All Saints Surgery', 'RBD'])
      expect(TOTAL_LABEL.test(t), t).toBe(false);
    expect(totalOfLabel('RBD Total')).toBe('RBD');
    expect(totalOfLabel('Total Health Partnership PCN')).toBeNull();
  });

  it('recognises ODS codes and organisation names', () => {
    expect(['RBD', 'R0A', '11J', 'RYF', 'RBD01', 'QVV', 'Y56', 'U12345', 'A81001'].every(isOdsCode)).toBe(true);
    expect(['RN', 'ADMIN', 'FTE', 'Midwives', '2018', 'MW'].some(isOdsCode)).toBe(false);
    expect(isOrgName('Dorset County Hospital NHS Foundation Trust')).toBe(true);
    expect(isOrgName('Total Health Partnership PCN')).toBe(true);
    expect(isOrgName('Registered nurse')).toBe(false);
  });
});
