import { describe, expect, it } from 'vitest';
import { baselineFields, rateFields } from '../../../shared/api/schemas';
import { numberCell, type CellParser } from './edits';
import { planPaste, type PasteColumn } from './paste';
import { parseTsv } from './tsv';

interface Row {
  orgId: number;
  roleId: number;
  name: string;
  fte: number;
  leaverRate: number;
  ageProfile: number[];
}

const fte: CellParser<Row> = numberCell(
  baselineFields.shape.fte,
  (d, v) => ({
    draft: { ...d, fte: v ?? 0 },
    edit: { channel: 'workforce/update', input: { scenarioId: 1, orgId: d.orgId, roleId: d.roleId, changes: { fte: v ?? 0 } } },
  }),
  { label: 'FTE' },
);
const leaver: CellParser<Row> = numberCell(
  rateFields.shape.leaverRate,
  (d, v) => ({
    draft: { ...d, leaverRate: v ?? 0 },
    edit: { channel: 'workforce/update', input: { scenarioId: 1, orgId: d.orgId, roleId: d.roleId, changes: { leaverRate: v ?? 0 } } },
  }),
  { percent: true, label: 'Leaver rate' },
);
const band = (i: number): CellParser<Row> =>
  numberCell(
    rateFields.shape.agencyShare,
    (d, v) => {
      const ageProfile = d.ageProfile.map((x, j) => (j === i ? (v ?? 0) : x));
      return {
        draft: { ...d, ageProfile },
        edit: { channel: 'workforce/update', input: { scenarioId: 1, orgId: d.orgId, roleId: d.roleId, changes: { ageProfile } } },
      };
    },
    { percent: true },
  );

const rows: Row[] = [
  { orgId: 1, roleId: 1, name: 'Nurse at A', fte: 10, leaverRate: 0.1, ageProfile: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
  { orgId: 1, roleId: 2, name: 'Doctor at A', fte: 20, leaverRate: 0.2, ageProfile: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
  { orgId: 2, roleId: 1, name: 'Nurse at B', fte: 30, leaverRate: 0.3, ageProfile: [1, 0, 0, 0, 0, 0, 0, 0, 0, 0] },
];
const columns: PasteColumn<Row>[] = [
  { colId: 'name', header: 'Row' },
  { colId: 'fte', header: 'FTE', parse: fte },
  { colId: 'leaverRate', header: 'Leaver rate', parse: leaver },
  ...Array.from({ length: 10 }, (_x, i) => ({ colId: `age${i}`, header: `Band ${i}`, parse: band(i) })),
];
const plan = (text: string, startRow = 0, startColumn = 1) =>
  planPaste({ block: parseTsv(text), rows, columns, startRow, startColumn, rowName: (r) => r.name });

describe('planPaste', () => {
  it('maps a block from the focused cell onto rows and columns, reading 1,234 and 12%', () => {
    const p = plan('1,234\t12%\r\n5\t7.5\r\n', 1);
    expect(p).toEqual({
      ok: true,
      cells: 4,
      edits: [
        {
          edit: { channel: 'workforce/update', input: { scenarioId: 1, orgId: 1, roleId: 2, changes: { fte: 1234, leaverRate: 0.12 } } },
          at: { row: 'Doctor at A', column: 'FTE, Leaver rate' },
        },
        {
          edit: { channel: 'workforce/update', input: { scenarioId: 1, orgId: 2, roleId: 1, changes: { fte: 5, leaverRate: 0.075 } } },
          at: { row: 'Nurse at B', column: 'FTE, Leaver rate' },
        },
      ],
    });
  });

  it('names every bad cell and plans nothing', () => {
    const p = plan('abc\t12%\r\n-5\t150%\r\n');
    expect(p).toEqual({
      ok: false,
      problems: [
        { row: 'Nurse at A', column: 'FTE', reason: '"abc" is not a number' },
        { row: 'Doctor at A', column: 'FTE', reason: 'FTE cannot be negative' },
        { row: 'Doctor at A', column: 'Leaver rate', reason: 'Leaver rate cannot be above 100 %' },
      ],
    });
  });

  it('refuses blank cells where a value is required', () => {
    const p = plan('\t12%\r\n');
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems).toEqual([{ row: 'Nurse at A', column: 'FTE', reason: 'FTE cannot be blank' }]);
  });

  it('refuses a block that runs past the rows or columns shown', () => {
    const p = plan('1\r\n2\r\n3\r\n', 1);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems[0]!.reason).toMatch(/^The block has 3 rows but only 2 rows are shown/);
    const wide = plan('1\t2\t3\t4\t5\t6\t7\t8\t9\t10\t11\t12\t13\n', 0, 1);
    expect(wide.ok).toBe(false);
    if (!wide.ok) expect(wide.problems[0]!.reason).toBe('The block has 13 columns but only 12 columns are to the right of the selected cell');
  });

  it('refuses pasting over a read-only column', () => {
    const p = plan('x\t1\n', 0, 0);
    expect(p.ok).toBe(false);
    if (!p.ok) expect(p.problems).toEqual([{ row: 'Nurse at A', column: 'Row', reason: 'this column cannot be edited' }]);
  });

  it('joins the age bands of a row into one profile, checked whole for its 100 % sum', () => {
    const good = plan('10%\t20%\t30%\t40%\t0\t0\t0\t0\t0\t0\n', 0, 3);
    expect(good.ok).toBe(true);
    if (good.ok) {
      expect(good.edits).toHaveLength(1);
      expect(good.edits[0]!.edit.input).toMatchObject({ changes: { ageProfile: [0.1, 0.2, 0.3, 0.4, 0, 0, 0, 0, 0, 0] } });
    }
    const bad = plan('10%\t20%\n', 0, 3);
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems).toEqual([{ row: 'Nurse at A', column: 'Band 0, Band 1', reason: 'The age profile’s shares must add up to 100 %' }]);
  });
});
