/**
 * The pass over a sheet's rows, in-process: grouping by the file's own key values however they
 * are spelt, wide staff-group columns, period filtering, and files with more distinct values
 * than a numeric group key holds.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnMap, ImportMapping, ImportTarget } from '../../../shared/api/channels/import';
import { loadFile } from './read';
import { readGroups } from './rows';
import { csvBytes } from './test-support';

function mappingOf(columns: ColumnMap[], target: ImportTarget = 'baseline', options: ImportMapping['options'] = {}): ImportMapping {
  return { target, sheet: 'staff', headerRow: 1, columns, values: { org: {}, role: {}, staffGroup: {}, pipeline: {} }, options };
}

async function groupsOf(csv: string, mapping: ImportMapping) {
  const file = loadFile(csvBytes(csv), 'staff.csv');
  const headers = csv.split('\n')[0]!.split(',');
  return readGroups(file, mapping, headers, () => undefined, new Date(Date.UTC(2026, 0, 1)));
}

describe('readGroups', () => {
  it('adds rows whose key values differ only in spaces into one group, and counts each value once', async () => {
    const out = await groupsOf(
      'Org,Role,FTE\n RBD ,RN,1\nRBD,RN ,0.5\nRBD,HCA,0.25\n',
      mappingOf([
        { index: 0, field: 'org_code' },
        { index: 1, field: 'job_role' },
        { index: 2, field: 'fte' },
      ]),
    );
    expect(out.groups.map((g) => [g.org, g.role, g.fte, g.rows])).toEqual([
      ['RBD', 'RN', 1.5, 2],
      ['RBD', 'HCA', 0.25, 1],
    ]);
    expect(out.distinct.org).toEqual([{ value: 'RBD', rows: 3, firstRow: 2, total: 1.75 }]);
    expect(out.distinct.role.map((s) => [s.value, s.rows])).toEqual([
      ['RN', 2],
      ['HCA', 1],
    ]);
  });

  it('keeps wide staff-group columns apart when the file has no staff group column', async () => {
    const out = await groupsOf(
      'Org,Nurses,Midwives\nRBD,10,2\nRDZ,20,\nRBD,1,1\n',
      mappingOf(
        [
          { index: 0, field: 'org_code' },
          { index: 1, field: 'value', staffGroup: 'Nurses' },
          { index: 2, field: 'value', staffGroup: 'Midwives' },
        ],
        'baseline',
        { measure: 'fte' },
      ),
    );
    expect(out.groups.map((g) => [g.org, g.staffGroup, g.fte])).toEqual([
      ['RBD', 'Nurses', 11],
      ['RBD', 'Midwives', 3],
      ['RDZ', 'Nurses', 20],
    ]);
    expect(out.distinct.staffGroup.map((s) => [s.value, s.total])).toEqual([
      ['Nurses', 31],
      ['Midwives', 3],
    ]);
  });

  it('reads only the chosen period, case aside, and lists every period seen', async () => {
    const out = await groupsOf(
      'Period,Org,Role,FTE\nJune 2018,RBD,RN,5\njune 2018,RBD,RN,1\nJune 2019,RBD,RN,7\n',
      mappingOf(
        [
          { index: 0, field: 'period' },
          { index: 1, field: 'org_code' },
          { index: 2, field: 'job_role' },
          { index: 3, field: 'fte' },
        ],
        'baseline',
        { period: 'JUNE 2018' },
      ),
    );
    expect(out.groups.map((g) => [g.period, g.fte])).toEqual([
      ['June 2018', 5],
      ['june 2018', 1],
    ]);
    expect(out.skipped.period).toBe(1);
    expect(out.examples.period).toEqual(["row 4: 'June 2019'"]);
    expect(out.distinct.period.map((s) => s.value)).toEqual(['June 2018', 'june 2018', 'June 2019']);
  });

  it('groups correctly past 131,072 distinct values of one field', async () => {
    const n = 140_000;
    let csv = 'Org,Role,FTE\n';
    // Several organisations too, so that a group key that overflowed would merge neighbours.
    for (let i = 0; i < n; i++) csv += `O${Math.floor(i / 20_000)},R${i},1\n`;
    // The first and last roles again: they join their groups.
    csv += 'O0,R0,0.5\nO6,R139999,0.25\n';
    const out = await groupsOf(
      csv,
      mappingOf([
        { index: 0, field: 'org_code' },
        { index: 1, field: 'job_role' },
        { index: 2, field: 'fte' },
      ]),
    );
    expect(out.groups).toHaveLength(n);
    expect(out.groups[0]).toMatchObject({ org: 'O0', role: 'R0', fte: 1.5, rows: 2 });
    expect(out.groups[n - 1]).toMatchObject({ org: 'O6', role: 'R139999', fte: 1.25, rows: 2 });
    expect(out.groups.reduce((a, g) => a + g.fte, 0)).toBeCloseTo(n + 0.75, 9);
  });

  it('skips a subtotal row however its label is padded, and never sums it', async () => {
    const out = await groupsOf(
      'Org,Role,FTE\nRBD,RN,1\n  Total ,,1\nRBD,Total,1\n',
      mappingOf([
        { index: 0, field: 'org_code' },
        { index: 1, field: 'job_role' },
        { index: 2, field: 'fte' },
      ]),
    );
    expect(out.skipped.total).toBe(2);
    expect(out.examples.total).toEqual(["row 3: 'Total'", "row 4: 'Total'"]);
    expect(out.groups.map((g) => g.fte)).toEqual([1]);
  });
});
