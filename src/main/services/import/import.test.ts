import { afterAll, describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import type { ImportMapping, ImportTarget } from '../../../shared/api/channels/import';
import { demoSession, dumpPlan } from '../../../../tests/support/plans';
import { historyState, undo } from '../../db/changes';
import { buildHeaders, findHeaderRow, yearFromHeader } from './headers';
import { analyseImport, commitImport, ImportSessions, listImportHistory, listMappings, undoImport, validateImport } from './service';
import { csvBytes, xlsxBytes } from './test-support';
import { ageBandFromText } from './rows';

const sessions = new ImportSessions();
afterAll(() => sessions.closeAll());

function scenarioOf(db: ReturnType<typeof demoSession>['db']): number {
  return (db.prepare('SELECT id FROM scenario ORDER BY sort, id LIMIT 1').get() as { id: number }).id;
}

async function prepare(bytes: Uint8Array, name: string, target: ImportTarget = 'baseline') {
  const s = demoSession();
  const loaded = await sessions.load(bytes, name);
  const analysis = await analyseImport(s.db, loaded, target);
  return { s, db: s.db, loaded, analysis, scenarioId: scenarioOf(s.db) };
}

const baseline = (db: ReturnType<typeof demoSession>['db'], org: string, role: string) =>
  db
    .prepare(
      'SELECT b.fte, b.headcount, b.establishment, b.age_profile FROM workforce_baseline b JOIN organisation o ON o.id = b.org_id JOIN role r ON r.id = b.role_id WHERE o.code = ? AND r.code = ?',
    )
    .get(org, role) as { fte: number; headcount: number; establishment: number; age_profile: string } | undefined;

describe('SheetJS', () => {
  it('is 0.20.2 or later (CVE-2023-30533, CVE-2024-22363)', () => {
    const [maj, min, patch] = XLSX.version.split('.').map(Number) as [number, number, number];
    expect(maj * 1e6 + min * 1e3 + patch).toBeGreaterThanOrEqual(20_002);
  });
});

describe('headers', () => {
  it('skips title and notes rows and joins a two-row cross-tab header, filling merged groups across', () => {
    const rows = [
      ['NHS staff from EU by organisation, September 2018'],
      [],
      ['Source: NHS Digital'],
      [null, null, 'European Union1', null, 'All nationalities', null],
      ['Org code', 'Org name', 'All staff', 'Nurses & health visitors', 'All staff', 'Nurses & health visitors'],
      ['RBD', 'Dorset County', 10, 5, 100, 50],
    ];
    const i = findHeaderRow(rows, new Set(['Nurses & health visitors']));
    expect(i).toBe(4);
    const { headers, headerRows } = buildHeaders(rows, i, 6);
    expect(headerRows).toBe(2);
    expect(headers).toEqual([
      'Org code',
      'Org name',
      'European Union All staff',
      'European Union Nurses & health visitors',
      'All nationalities All staff',
      'All nationalities Nurses & health visitors',
    ]);
  });

  it('reads financial years in the usual spellings', () => {
    expect(['2019/20', '2019-20', '2019', '2019/2020', 'FY2019'].map(yearFromHeader)).toEqual([2019, 2019, 2019, 2019, 2019]);
    expect(yearFromHeader('2019/22')).toBeNull();
    expect(yearFromHeader('Total')).toBeNull();
  });

  it('reads age bands from ESR and NHS Digital labels', () => {
    expect(['Under 25', '<=20 Years', '21-25', '25-29', '26-30', '55 - 59', '65 and over', '65+', 'Unknown'].map(ageBandFromText)).toEqual([
      0,
      0,
      0,
      1,
      1,
      7,
      9,
      9,
      null,
    ]);
  });
});

describe('CSV reading', () => {
  const body = 'Org Code;Job Role;FTE\nRBD;RN;1,5\n';
  it.each([
    ['UTF-8 with BOM, comma', new Uint8Array([0xef, 0xbb, 0xbf, ...csvBytes('Org Code,Job Role,FTE\r\nRBD,RN,2\r\n"RBD","Midwife",3\r\n')])],
    ['tab-separated', csvBytes('Org Code\tJob Role\tFTE\nRBD\tRN\t2\nRBD\tMidwife\t3\n')],
    ['semicolon', csvBytes('Org Code;Job Role;FTE\nRBD;RN;2\nRBD;Midwife;3\n')],
  ])('%s: finds the delimiter and the headings', async (_label, bytes) => {
    const { db, loaded, analysis, scenarioId } = await prepare(bytes, 'staff.csv');
    expect(analysis.columns.map((c) => c.field)).toEqual(['org_code', 'job_role', 'fte']);
    const { report } = await validateImport(db, loaded, scenarioId, analysis.proposed);
    expect(report.errors).toBe(0);
    expect(report.preview.map((r) => [r.role, r.after.split(',')[0]])).toEqual([
      ['Registered nurse', 'FTE 2.0'],
      ['Midwife', 'FTE 3.0'],
    ]);
    expect(body).toContain(';');
  });

  it('reads Windows-1252 text (£ and é) and quoted newlines', async () => {
    const text = 'Org Code,Job Role,FTE,Notes\nRBD,RN,2,"Caf\xe9 £5\nsecond line"\n';
    const bytes = new Uint8Array([...text].map((c) => (c.charCodeAt(0) === 0xa3 ? 0xa3 : c.charCodeAt(0))));
    const { db, loaded, analysis, scenarioId } = await prepare(bytes, 'legacy.csv');
    expect(analysis.sample[0]?.[3]).toBe('Café £5\nsecond line');
    const { report } = await validateImport(db, loaded, scenarioId, analysis.proposed);
    expect(report.rowsRead).toBe(1);
  });
});

describe('validation', () => {
  it('lists every problem with file, sheet, row, column and reason, errors apart from warnings, and writes nothing', async () => {
    const rows: (string | number | null)[][] = [['Staff list, March 2025'], [], ['Organisation code', 'Job Role', 'Staff Group', 'FTE', 'Assignment Number']];
    rows.push(['RBD', 'RN', 'Nursing and Midwifery Registered', -0.03, 'A1']);
    rows.push(['RBD', 'Nurse Band 5', 'Nursing and Midwifery Registered', 1, 'A2']);
    rows.push(['RBD', 'RN', 'Nursing and Midwifery Registered', 'N/A', 'A3']);
    rows.push(['RBD', 'RN', 'Nursing Made Up', 1.6, 'A4']);
    rows.push([null, null, null, null, null]);
    rows.push(['Total', null, null, 2.57, null]);
    const { db, loaded, analysis, scenarioId } = await prepare(xlsxBytes({ Staff: rows }), 'staff.xlsx');
    expect(analysis.headerRow).toBe(3);
    expect(analysis.personLevel).toBe(true);
    const before = dumpPlan(db);
    const { report } = await validateImport(db, loaded, scenarioId, analysis.proposed);
    const lines = report.problems.map((p) => `${p.severity} ${p.file} ${p.sheet} ${p.row ?? '-'} ${p.column ?? '-'}: ${p.message}`);
    expect(lines).toEqual([
      'error staff.xlsx Staff 4 D (FTE): FTE −0.03 is negative: correct it, or delete the row.',
      "error staff.xlsx Staff 6 D (FTE): 'N/A' is not a number: type the figure, or clear the cell.",
      'error staff.xlsx Staff 5 B (Job Role): Role \'Nurse Band 5\' (1 row) is not in the plan: map it to a plan role on the Check step, or choose "Skip these rows".',
      'warning staff.xlsx Staff 7 D (FTE): FTE 1.60 is above 1.5 for one person: check the contract.',
      "warning staff.xlsx Staff 7 C (Staff Group): Staff group 'Nursing Made Up' is not one the plan knows: check it (rows are imported by role).",
    ]);
    expect(report.rowsSkipped).toMatchObject({ blank: 1, subtotal: 1 });
    expect(report.skipped.map((k) => [k.reason, k.rows, k.examples])).toEqual([
      ['blank', 1, []],
      ['total', 1, ["row 9: 'Total'"]],
      ['unmapped', 1, ["'Nurse Band 5' (not mapped)"]],
    ]);
    expect(report.canCommit).toBe(false);
    await expect(commitImport(db, loaded, scenarioId, analysis.proposed)).rejects.toThrow(/2 errors? to fix first|3 errors to fix first/);
    expect(dumpPlan(db)).toEqual(before);
  });

  it('a bad row 999 of 1000 writes nothing, and the message names the row, the column and the reason', async () => {
    const rows: (string | number)[][] = [['Org Code', 'Job Role', 'FTE']];
    for (let i = 0; i < 1000; i++) rows.push(['RBD', 'RN', i === 997 ? 'lots' : 1]);
    const { db, loaded, analysis, scenarioId } = await prepare(xlsxBytes({ S: rows }), 'big.xlsx');
    const before = dumpPlan(db);
    await expect(commitImport(db, loaded, scenarioId, analysis.proposed)).rejects.toThrow(
      '"big.xlsx" was not imported: 1 error to fix first (sheet "S", row 999, column C (FTE): \'lots\' is not a number: type the figure, or clear the cell.). Nothing was changed.',
    );
    expect(dumpPlan(db)).toEqual(before);
  });
});

describe('person-level staff list', () => {
  it('aggregates to organisation × role × age band, counts heads, maps values, commits as one undoable change', async () => {
    const csv = [
      'Employee Number,Full Name,Org Code,Job Role,Age Band,Contracted WTE',
      '1,A,RBD,Registered nurse,25-29,1',
      '2,B,RBD,Registered nurse,25-29,0.5',
      '3,C,RBD,Registered nurse,55-59,1',
      '4,D,rbd,MW,Under 25,0.8',
      '5,E,XYZ,MW,Under 25,0.8',
    ].join('\n');
    const { db, loaded, analysis, scenarioId } = await prepare(csvBytes(csv), 'esr.csv');
    expect(analysis.columns.map((c) => c.field)).toEqual(['personal', 'personal', 'org_code', 'job_role', 'age_band', 'fte']);
    expect(analysis.sample[0]).toEqual(['•••', '•••', 'RBD', 'Registered nurse', '25-29', '1']);
    const { report } = await validateImport(db, loaded, scenarioId, analysis.proposed);
    expect(report.errors).toBe(0);
    expect(report.problems.map((p) => p.message)).toEqual([
      "1 organisation is not in the plan or skipped ('XYZ'): 1 row is left out. To include it, map it to a plan organisation on the Check step.",
    ]);
    expect(report.counts).toEqual({ added: 0, replaced: 2, rounding: 0, unchanged: 0, excluded: 0, flagged: 2 });
    // A five-person list replacing whole roles: each line waits for an answer.
    expect(report.preview.map((r) => r.flag?.kind)).toEqual(['large', 'large']);
    expect(report.canCommit).toBe(false);
    await expect(commitImport(db, loaded, scenarioId, report.mapping)).rejects.toThrow(/2 large changes need an answer before the import/);
    const beforeMw = baseline(db, 'RBD', 'MW')!;
    const answered = {
      ...report.mapping,
      options: { ...report.mapping.options, decisions: Object.fromEntries(report.preview.map((r) => [r.key, 'import' as const])) },
    };
    const { history } = await commitImport(db, loaded, scenarioId, answered, { saveMappingAs: 'ESR staff list' });
    const rn = baseline(db, 'RBD', 'RN')!;
    expect(rn.fte).toBeCloseTo(2.5, 10);
    expect(rn.headcount).toBe(3);
    expect(JSON.parse(rn.age_profile)).toEqual([0, 0.6, 0, 0, 0, 0, 0, 0.4, 0, 0]);
    expect(baseline(db, 'RBD', 'MW')).toMatchObject({ fte: 0.8, headcount: 1, establishment: beforeMw.establishment });
    expect(history).toMatchObject({ fileName: 'esr.csv', target: 'baseline', rowsRead: 5, added: 0, replaced: 2, size: csv.length, state: 'active' });
    expect(history.sha256).toMatch(/^[a-f0-9]{64}$/);
    expect(listMappings(db).map((m) => m.name)).toEqual(['ESR staff list']);
    expect(historyState(db).undoLabel).toBe('Imported baseline from esr.csv: 0 added, 2 replaced');

    // Next time the same layout gets the saved mapping, with the values mapped onto the plan;
    // values left unmapped (here the unknown 'XYZ') are not kept: they are the file's own text.
    const again = await sessions.load(csvBytes(csv), 'esr-april.csv');
    const a2 = await analyseImport(db, again, 'baseline');
    expect(a2.savedMapping).toBe('ESR staff list');
    expect(Object.hasOwn(a2.proposed.values.org, 'XYZ')).toBe(false);
    expect((db.prepare('SELECT mapping FROM import_mapping').get() as { mapping: string }).mapping).not.toContain('XYZ');
    // Answers about one file's lines are not saved with the layout.
    expect(a2.proposed.options.decisions).toBeUndefined();

    // Undo of the import restores every figure.
    undoImport(db, history.id);
    expect(baseline(db, 'RBD', 'MW')).toEqual(beforeMw);
    expect(listImportHistory(db)[0]!.state).toBe('undone');
    expect(() => undoImport(db, history.id)).toThrow(/already been undone/);
  });

  it('refuses to undo an import when a later change touched the same rows', async () => {
    const { db, loaded, analysis, scenarioId } = await prepare(csvBytes('Org Code,Job Role,FTE\nRBD,RN,7\n'), 'one.csv');
    const { history } = await commitImport(db, loaded, scenarioId, { ...analysis.proposed, options: { acceptLargeChanges: true } });
    db.prepare(
      "UPDATE workforce_baseline SET fte = 8 WHERE org_id = (SELECT id FROM organisation WHERE code = 'RBD') AND role_id = (SELECT id FROM role WHERE code = 'RN')",
    ).run();
    const { recordChange } = await import('../../db/changes');
    recordChange(db, { source: 'grid', summary: 'RN at RBD: 7 → 9' }, () => {
      db.prepare(
        "UPDATE workforce_baseline SET fte = 9 WHERE org_id = (SELECT id FROM organisation WHERE code = 'RBD') AND role_id = (SELECT id FROM role WHERE code = 'RN')",
      ).run();
    });
    expect(() => undoImport(db, history.id)).toThrow(/a later change \("RN at RBD: 7 → 9"\) edited the same figures/);
    // The ordinary undo stack still works, and undoing the import's change shows in its history.
    undo(db);
    undo(db);
    expect(listImportHistory(db)[0]!.state).toBe('undone');
  });
});

describe('other targets', () => {
  it('imports intakes from a wide file with a column per year', async () => {
    const s0 = demoSession();
    const pipe = s0.db.prepare('SELECT p.name FROM pipeline p WHERE p.scenario_id = ? ORDER BY p.id LIMIT 1').get(scenarioOf(s0.db)) as { name: string };
    s0.db.close();
    const rows = [
      ['Pipeline', '2026/27', '2027-28', '2028'],
      [pipe.name, 10, 12, 14],
    ];
    const { db, loaded, analysis, scenarioId } = await prepare(xlsxBytes({ Intakes: rows }), 'intakes.xlsx', 'intakes');
    expect(analysis.columns.map((c) => [c.field, c.year])).toEqual([
      ['pipeline', undefined],
      ['value', 2026],
      ['value', 2027],
      ['value', 2028],
    ]);
    const { report } = await validateImport(db, loaded, scenarioId, analysis.proposed);
    expect(report.problems).toEqual([]);
    expect(report.preview.map((r) => [r.year, r.after])).toEqual([
      [2026, '10.0'],
      [2027, '12.0'],
      [2028, '14.0'],
    ]);
    // Each year more than halves the demo's intake: a large change to confirm, line by line.
    expect(report.preview.map((r) => r.flag?.kind ?? null)).toEqual(['large', 'large', 'large']);
    expect(report.questions.map((q) => q.kind)).toEqual(['large-changes']);
    const decisions = Object.fromEntries(report.preview.map((r) => [r.key, 'import' as const]));
    await commitImport(db, loaded, scenarioId, { ...report.mapping, options: { ...report.mapping.options, decisions } });
    const heads = db
      .prepare(
        'SELECT i.year, i.heads FROM pipeline_intake i JOIN pipeline p ON p.id = i.pipeline_id WHERE p.scenario_id = ? AND p.name = ? AND i.year BETWEEN 2026 AND 2028 ORDER BY i.year',
      )
      .all(scenarioId, pipe.name);
    expect(heads).toEqual([
      { year: 2026, heads: 10 },
      { year: 2027, heads: 12 },
      { year: 2028, heads: 14 },
    ]);
  });

  it('imports demand changes (negative allowed) and joiners from long files', async () => {
    const demand = await prepare(
      csvBytes('Org Code,Role,Year,Change FTE,Description\nRBD,RN,2027/28,-4.5,ward closure\nRBD,RN,2027/28,1.5,\n'),
      'demand.csv',
      'demand',
    );
    const d = await validateImport(demand.db, demand.loaded, demand.scenarioId, demand.analysis.proposed);
    expect(d.report.errors).toBe(0);
    expect(d.report.preview.map((r) => r.after)).toEqual(['-3.0']);
    await commitImport(demand.db, demand.loaded, demand.scenarioId, d.report.mapping);
    expect(demand.db.prepare("SELECT delta_fte FROM demand_change WHERE year = 2027 AND description = 'Imported'").all()).toEqual([{ delta_fte: -3 }]);

    const joiners = await prepare(csvBytes('Org Code,Role,Route,Year,FTE\nRBD,RN,International recruitment,2026/27,12\n'), 'joiners.csv', 'joiners');
    const j = await validateImport(joiners.db, joiners.loaded, joiners.scenarioId, joiners.analysis.proposed);
    expect(j.report.problems).toEqual([]);
    await commitImport(joiners.db, joiners.loaded, joiners.scenarioId, j.report.mapping);
    expect(
      joiners.db
        .prepare(
          "SELECT f.fte FROM other_joiner j JOIN other_joiner_fte f ON f.other_joiner_id = j.id JOIN organisation o ON o.id = j.org_id WHERE o.code = 'RBD' AND j.kind = 'international' AND f.year = 2026 AND j.scenario_id = ?",
        )
        .get(joiners.scenarioId),
    ).toEqual({ fte: 12 });
  });

  it('reads a long file with a measure column (Data Type = FTE / Headcount)', async () => {
    const csv = 'Date,Org Code,Staff Group,Data Type,Total\n2025-03,RBD,Midwives,FTE,60\n2025-03,RBD,Midwives,Headcount,70\n2025-03,RBD,Midwives,Leavers,3\n';
    const { db, loaded, analysis, scenarioId } = await prepare(csvBytes(csv), 'nwfs.csv');
    expect(analysis.columns.map((c) => c.field)).toEqual(['period', 'org_code', 'staff_group', 'measure', 'value']);
    const { report } = await validateImport(db, loaded, scenarioId, analysis.proposed);
    expect(report.errors).toBe(0);
    expect(report.preview.map((r) => [r.role, r.after])).toEqual([['Midwife', 'FTE 60.0, headcount 70, establishment 66.6']]);
    expect(report.preview[0]!.notes).toEqual(['establishment kept']);
    expect(report.rowsSkipped.filtered).toBe(1);
    expect(report.skipped.find((k) => k.reason === 'measure')?.examples).toEqual(["row 4: 'Leavers'"]);
  });
});

export type { ImportMapping };
