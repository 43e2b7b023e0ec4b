/**
 * The traps in tests/fixtures/import/, each a small file made to look like a real NHS
 * publication or HR export: each imports with the numbers asserted here, or is refused with its
 * message. Nothing is guessed: units, shares, subtotals and large changes are checked line by
 * line against the demo plan.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ImportMapping, ImportOptions, ImportProblem, ImportTarget } from '../../../shared/api/channels/import';
import { demoSession } from '../../../../tests/support/plans';
import { analyseImport, commitImport, ImportSessions, validateImport } from './service';

const FIXTURES = path.resolve('tests/fixtures/import');
const sessions = new ImportSessions();
afterAll(() => sessions.closeAll());
/** Every message the traps produce, checked for English at the end; and the preview's notes. */
const messages: string[] = [];
const notes: string[] = [];
/** "FTE 1,100.0, headcount …" → "FTE 1,100.0". */
const fteOf = (after: string) => /^FTE [\d,]+\.\d/.exec(after)?.[0];

async function open(name: string, target: ImportTarget = 'baseline') {
  const s = demoSession();
  const loaded = await sessions.load(fs.readFileSync(path.join(FIXTURES, name)), name);
  const analysis = await analyseImport(s.db, loaded, target);
  const scenarioId = (s.db.prepare('SELECT id FROM scenario ORDER BY sort, id LIMIT 1').get() as { id: number }).id;
  const check = async (mapping: ImportMapping = analysis.proposed) => {
    const { report } = await validateImport(s.db, loaded, scenarioId, mapping);
    messages.push(...report.problems.map((p: ImportProblem) => p.message), ...report.questions.map((q) => q.message));
    notes.push(...report.preview.flatMap((r) => [...r.notes, r.flag?.reason ?? '']));
    return report;
  };
  const withOptions = (options: ImportOptions, mapping: ImportMapping = analysis.proposed): ImportMapping => ({
    ...mapping,
    options: { ...mapping.options, ...options },
  });
  const cell = (org: string, role: string) =>
    s.db
      .prepare(
        'SELECT b.fte, b.headcount, b.establishment FROM workforce_baseline b JOIN organisation o ON o.id = b.org_id JOIN role r ON r.id = b.role_id WHERE o.code = ? AND r.code = ?',
      )
      .get(org, role) as {
      fte: number;
      headcount: number;
      establishment: number;
    };
  return { db: s.db, loaded, analysis, scenarioId, check, withOptions, cell, commit: (m: ImportMapping) => commitImport(s.db, loaded, scenarioId, m) };
}

async function refusal(name: string, target: ImportTarget = 'baseline'): Promise<string> {
  const s = demoSession();
  try {
    const loaded = await sessions.load(fs.readFileSync(path.join(FIXTURES, name)), name);
    await analyseImport(s.db, loaded, target);
  } catch (err) {
    messages.push((err as Error).message);
    return (err as Error).message;
  } finally {
    s.db.close();
  }
  throw new Error(`${name} was not refused`);
}

describe('units are never guessed', () => {
  it('takes FTE only from a heading that names it by whole words; FTE_DAYS_LOST and salary columns are not staff FTE', async () => {
    const { analysis, check, withOptions, commit, cell } = await open('esr-staff-list.xlsx');
    expect(analysis.headerRow).toBe(3);
    expect(analysis.columns.map((c) => [c.header, c.field, c.confidence])).toEqual([
      ['Assignment Number', 'personal', 'sure'],
      ['Full Name', 'personal', 'sure'],
      ['NI Number', 'personal', 'sure'],
      ['Date of Birth', 'date_of_birth', 'sure'],
      ['Org Code', 'org_code', 'sure'],
      ['Staff Group', 'staff_group', 'sure'],
      ['Job Role', 'job_role', 'sure'],
      ['Contracted WTE', 'fte', 'sure'],
      ['FTE Days Lost', 'ignore', 'sure'],
      ['Annual Salary', 'ignore', 'sure'],
    ]);
    expect(analysis.columns[8]!.reason).toBe('measures something other than staff in post');
    const report = await check(withOptions({ acceptLargeChanges: true }));
    expect(report.errors).toBe(0);
    await commit(report.mapping);
    expect(cell('RBD', 'RN')).toMatchObject({ fte: 1.6, headcount: 2 });
    expect(cell('RBD', 'MW')).toMatchObject({ fte: 0.8, headcount: 1 });
  });

  it('asks what a "Total" column counts when nothing says, and reads it as told', async () => {
    const { analysis, check, withOptions } = await open('total-no-measure.csv');
    expect(analysis.columns[2]).toMatchObject({ field: 'value', confidence: 'likely' });
    expect(analysis.measure).toEqual({ proposed: null, confidence: 'unsure', reason: 'no title or heading says whether the figures are FTE or headcount' });
    const asked = await check();
    expect(asked.problems.map((p) => p.message)).toEqual([
      'Nothing in the file says whether the figures in column C (Total) are FTE or headcount: say which on the Columns step.',
    ]);
    const fte = await check(withOptions({ measure: 'fte' }));
    expect(fte.errors).toBe(0);
    expect(fte.preview.map((r) => [r.label, r.after, r.status])).toEqual([
      ['Midwife at Dorset County Hospital NHS Foundation Trust', 'FTE 62.6, headcount 78, establishment 66.6', 'unchanged'],
    ]);
  });

  it('imports a cross-tab of headcount as headcount: FTE is kept or derived, never the headcount itself', async () => {
    const { analysis, check, withOptions, commit, cell } = await open('headcount-crosstab.xlsx');
    expect(analysis.measure).toMatchObject({ proposed: 'headcount', confidence: 'sure' });
    expect(analysis.proposed.options.measure).toBe('headcount');
    const asked = await check();
    expect(asked.unit).toEqual({ measure: 'headcount', headcountOnly: true, fteOnly: false, establishment: false });
    expect(asked.questions.map((q) => q.kind)).toEqual(['fte-from-headcount', 'large-changes']);
    expect(asked.canCommit).toBe(false);
    const rn = asked.preview.find((r) => r.label === 'Registered nurse at Dorset County Hospital NHS Foundation Trust')!;
    // 600 nurses & health visitors × 97 % to registered nurses = 582 heads; FTE 526.3 kept, or 582 × 526.3 ÷ 598.
    expect(rn.notes).toEqual([
      `FTE: keep 526.3, or derive ${(582 * (526.3 / 598)).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} (0.88 FTE per head)`,
      'establishment kept',
    ]);
    const before = cell('RBD', 'RN');
    await commit(withOptions({ fteFromHeadcount: 'keep', acceptLargeChanges: true }, asked.mapping));
    expect(cell('RBD', 'RN')).toEqual({ fte: before.fte, headcount: 582, establishment: before.establishment });
  });

  it('reads "Number of staff" as headcount', async () => {
    const { analysis } = await open('number-of-staff.csv');
    expect(analysis.columns[2]).toMatchObject({ field: 'headcount', confidence: 'sure', reason: 'the heading names headcount' });
  });

  it('refuses files that are not staff in post, saying what they look like', async () => {
    expect(await refusal('sickness-absence.csv')).toBe(
      'This looks like sickness absence data (days lost), not staff in post: sheet "sickness-absence" of "sickness-absence.csv" has the headings "FTE_DAYS_LOST", "FTE_DAYS_AVAILABLE" and "SICKNESS_ABSENCE_RATE_PERCENT". Import a file of staff in post (FTE or headcount by organisation and role) instead.',
    );
    expect(await refusal('sickness-by-group.csv')).toMatch(
      /^This looks like sickness absence data \(days lost\), not staff in post: .* "FTE days available" and "Sickness FTE %"\./,
    );
    expect(await refusal('ae-attendances.csv')).toMatch(/^This looks like activity data \(attendances\), not staff in post: /);
    expect(await refusal('earnings.csv')).toMatch(/^This looks like earnings data \(pay\), not staff in post: .*"Mean annual basic pay per FTE"/);
    expect(await refusal('turnover.csv')).toMatch(/^This looks like turnover data \(leaver rates\), not staff in post: .*"Turnover rate %"/);
    // Not demand changes either.
    expect(await refusal('ae-attendances.csv', 'demand')).toMatch(/^This looks like activity data \(attendances\), not demand changes: /);
  });
});

describe('subtotals and skipped rows', () => {
  it('skips totals by the whole cell, a blank key under a filled one and a row equal to the sum above; lists them with examples', async () => {
    const { check, withOptions } = await open('subtotals.csv');
    const report = await check(withOptions({ acceptLargeChanges: true }));
    expect(report.rowsUsed).toBe(4);
    expect(report.skipped.map((k) => [k.reason, k.rows, k.examples])).toEqual([
      ['total', 2, ["row 5: 'RBD Total'", "row 9: 'Grand Total'"]],
      ['blank-key', 1, ["row 4: no Job Role under 'MW'"]],
      ['sum', 1, ['row 8: equals the sum of rows 6 to 7']],
    ]);
    expect(report.preview.map((r) => [r.label.split(' at ')[0], fteOf(r.after)])).toEqual([
      ['Registered nurse', 'FTE 500.0'],
      ['Midwife', 'FTE 60.0'],
      ['Registered nurse', 'FTE 1,100.0'],
      ['Midwife', 'FTE 140.0'],
    ]);
    // Told that such rows are data, the sum row is read, and its role needs mapping.
    const kept = await check(withOptions({ keepSumRows: true, acceptLargeChanges: true }));
    expect(kept.problems.map((p) => p.message)).toContain(
      'Role \'Nursing and midwifery\' (1 row) is not in the plan: map it to a plan role on the Check step, or choose "Skip these rows".',
    );
  });

  it('counts "Total Health Partnership PCN" as a network, not a total', async () => {
    const { check } = await open('pcn-staff.csv');
    const report = await check();
    expect(report.rowsUsed).toBe(4);
    expect(report.skipped.find((k) => k.reason === 'total')).toEqual({
      reason: 'total',
      label: 'total and subtotal rows, by their label',
      rows: 1,
      examples: ["row 6: 'Total'"],
    });
    expect(report.values.filter((v) => v.kind === 'org').map((v) => [v.value, v.rows])).toEqual([
      ['U12345', 2],
      ['U23456', 2],
    ]);
  });

  it('lets only imported rows block: a bad value of an organisation not in the plan is a counted note', async () => {
    const { check } = await open('national-bad-row.csv');
    const report = await check();
    expect(report.errors).toBe(0);
    expect(report.notes).toBe(2);
    expect(report.problems.at(-1)).toMatchObject({ severity: 'note', row: 2, column: 'C (FTE)' });
    // Mapped into the plan, the same rows block.
    const mapped = await check({
      ...report.mapping,
      values: { ...report.mapping.values, org: { ...report.mapping.values.org, R0A: report.mapping.values.org['RBD']! } },
    });
    expect(mapped.errors).toBe(1);
    expect(mapped.problems[0]).toMatchObject({
      severity: 'error',
      row: 2,
      column: 'C (FTE)',
      message: "'n/k' is not a number: type the figure, or clear the cell.",
    });
    expect(mapped.notes).toBe(1);
  });
});

describe('organisation shares', () => {
  it('applies the plan’s share of a regional ambulance trust, so its whole workforce changes nothing but rounding', async () => {
    const { check, withOptions } = await open('ambulance-whole-trust.csv');
    const report = await check();
    expect(report.shares.map((s) => [s.code, s.share, s.text])).toEqual([['RYF', 65 / 241, 'whole trust 3,890.8 FTE × 27.0% = 1,049.4']]);
    expect(report.counts).toEqual({ added: 0, replaced: 0, rounding: 17, unchanged: 0, excluded: 0, flagged: 0 });
    const para = report.preview.find((r) => r.label.startsWith('Paramedic'))!;
    expect(para.notes[0]).toBe('whole trust 1,018.8 FTE × 27.0% = 274.8');
    // Told the file holds only the plan's part, every line is a large change to confirm.
    const whole = await check(withOptions({ shares: { RYF: 1 } }));
    expect(whole.shares[0]).toMatchObject({ share: 1, planShare: 65 / 241, source: 'given for this import: the file holds only the plan’s part' });
    expect(whole.preview.filter((r) => r.flag?.kind === 'large').length).toBeGreaterThan(3);
    expect(whole.canCommit).toBe(false);
  });
});

describe('large changes and partial files', () => {
  it('flags a four-row list replacing 526.3 registered-nurse FTE with 2.8, and imports or leaves it out as answered', async () => {
    const { check, withOptions, commit, cell } = await open('four-nurses.csv');
    const report = await check();
    expect(report.preview[0]!.key).toMatch(/^b:\d+:\d+$/);
    expect(report.preview).toMatchObject([
      {
        status: 'replaced',
        flag: { kind: 'large', reason: 'FTE 526.3 → 2.8 (−99.5%): a change of more than 25 % and at least 5 FTE' },
        decision: null,
      },
    ]);
    expect(report.canCommit).toBe(false);
    const key = report.preview[0]!.key;
    const left = await check(withOptions({ decisions: { [key]: 'exclude' } }));
    expect(left.preview[0]!.status).toBe('excluded');
    await expect(commit(left.mapping)).rejects.toThrow(
      '"four-nurses.csv" was not imported: the plan already holds every figure in it that was not left out, so there is nothing to change.',
    );
    const taken = await check(withOptions({ decisions: { [key]: 'import' } }));
    expect(taken.canCommit).toBe(true);
    await commit(taken.mapping);
    // Four people of a person-level list: 2.8 FTE, 4 heads; establishment kept.
    expect(cell('RBD', 'RN')).toEqual({ fte: 2.8000000000000003, headcount: 4, establishment: 584.8 });
  });

  it('flags a line that replaces only part of a role: a staff group the role takes a share of is missing for that organisation', async () => {
    const { check } = await open('part-of-a-role.csv');
    const report = await check();
    const flagged = report.preview.filter((r) => r.flag);
    expect(flagged.map((r) => [r.label, r.flag!.kind, r.status])).toEqual([
      ['Administration, management and central functions at The Royal Bournemouth and Christchurch Hospitals NHS Foundation Trust', 'partial', 'replaced'],
    ]);
    expect(flagged[0]!.flag!.reason).toBe(
      'the file has no "Senior managers" for The Royal Bournemouth and Christchurch Hospitals NHS Foundation Trust, which its Administration, management and central functions figures take a share of elsewhere in the file: this line would replace only part of the role',
    );
    // The same groups in full for Dorset County Hospital: its lines move by rounding only.
    expect(report.preview.filter((r) => r.org.startsWith('Dorset County')).map((r) => r.status)).toEqual(['rounding', 'rounding']);
    expect(report.questions.map((q) => q.message)).toEqual([
      '1 line that replaces only part of a role needs an answer before the import (Administration, management and central functions at The Royal Bournemouth and Christchurch Hospitals NHS Foundation Trust): import or leave out each flagged line on the Preview step.',
    ]);
  });

  it('keeps, scales or clears headcount and establishment an FTE-only file does not hold', async () => {
    const { check, withOptions } = await open('staff.csv.gz');
    const by = async (options: ImportOptions) => (await check(withOptions({ acceptLargeChanges: true, ...options }))).preview[0]!;
    // RBD midwives: 62.6 FTE, 78 heads, 66.6 establishment → 61 FTE.
    expect((await by({})).after).toBe('FTE 61.0, headcount 76, establishment 66.6');
    expect((await by({})).notes).toEqual(['headcount scaled with FTE', 'establishment kept']);
    expect((await by({ headcount: 'keep', establishment: 'scale' })).after).toBe(`FTE 61.0, headcount 78, establishment ${((66.6 * 61) / 62.6).toFixed(1)}`);
    expect((await by({ headcount: 'clear', establishment: 'clear' })).after).toBe('FTE 61.0, headcount 0, establishment 0.0');
  });
});

describe('real layouts', () => {
  it('reads a two-row cross-tab whose code and name columns have no heading, from their values', async () => {
    const { analysis, check } = await open('eu-nationals-crosstab.xlsx');
    expect([analysis.headerRow, analysis.headerRows]).toEqual([5, 2]);
    expect(analysis.measure).toMatchObject({ proposed: 'fte', confidence: 'sure' });
    expect(analysis.columns.map((c) => [c.letter, c.field, c.confidence])).toEqual([
      ['A', 'org_code', 'likely'],
      ['B', 'org_name', 'likely'],
      ['C', 'ignore', 'sure'],
      ['D', 'ignore', 'likely'],
      ['E', 'ignore', 'sure'],
      ['F', 'value', 'likely'],
    ]);
    expect(analysis.columns[0]!.reason).toBe('no heading; its values look like organisation codes (RBD, RDZ, R0A)');
    expect(analysis.columns[3]!.reason).toBe('part of column F ("All nationalities Nurses & health visitors"), which holds all of the staff group');
    const report = await check();
    expect(report.errors).toBe(0);
    expect(report.skipped.map((k) => [k.reason, k.rows])).toEqual([
      ['blank', 1],
      ['notes', 2],
      ['total', 1],
      ['blank-key', 2],
      ['unmapped', 1],
    ]);
    // Nurses & health visitors × 97 % to registered nurses.
    expect(report.preview.filter((r) => r.role === 'Registered nurse').map((r) => fteOf(r.after))).toEqual([
      'FTE 523.8',
      `FTE ${(1_200.5 * 0.97).toLocaleString('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })}`,
    ]);
  });

  it('says a CSV has no heading row, offers its columns by number, and reads the first row as data', async () => {
    const { analysis, check } = await open('headerless.csv');
    expect(analysis).toMatchObject({ headerless: true, headerRow: 0 });
    expect(analysis.columns.map((c) => [c.header, c.field])).toEqual([
      ['', 'org_code'],
      ['', 'ignore'],
      ['', 'ignore'],
    ]);
    const mapping: ImportMapping = {
      ...analysis.proposed,
      columns: [
        { index: 0, field: 'org_code' },
        { index: 1, field: 'job_role' },
        { index: 2, field: 'fte' },
      ],
      options: { acceptLargeChanges: true },
    };
    const report = await check(mapping);
    expect(report.rowsRead).toBe(3);
    expect(report.preview.map((r) => fteOf(r.after))).toEqual(['FTE 512.3', 'FTE 60.4', 'FTE 1,100.2']);
  });

  it('reads the real ODS "etrust" file: a .csv.gz with no heading row', async () => {
    const s = demoSession();
    const loaded = await sessions.load(fs.readFileSync('/work/shared/data/nhs/etrust.csv.gz'), 'etrust.csv.gz');
    expect(loaded.sheets.map((x) => x.name)).toEqual(['etrust']);
    const analysis = await analyseImport(s.db, loaded, 'baseline');
    expect(analysis.headerless).toBe(true);
    expect(analysis.columns[0]).toMatchObject({ field: 'org_code', confidence: 'likely' });
    // Its first row is data, shown as data: R0A, Manchester University NHS Foundation Trust.
    expect(analysis.sample[0]!.slice(0, 2)).toEqual(['R0A', 'MANCHESTER UNIVERSITY NHS FOUNDATION TRUST']);
    s.db.close();
  });

  it('reads a .csv.gz, a .zip holding one spreadsheet, and an OOXML package with its parts at the root', async () => {
    for (const [name, sheet] of [
      ['staff.csv.gz', 'staff'],
      ['staff-in-a.zip', 'Staff'],
      ['root-parts-backslashes.xlsx', 'Staff'],
    ] as const) {
      const { analysis, check } = await open(name);
      expect(analysis.sheet, name).toBe(sheet);
      const report = await check(analysis.proposed);
      expect(fteOf(report.preview[0]!.after), name).toBe('FTE 61.0');
    }
  });

  it('reads a declared whole-sheet dimension and LibreOffice’s repeated empty rows as the few cells that are there', async () => {
    for (const name of ['whole-sheet-dimension.xlsx', 'ods-empty-repeats.ods']) {
      const loaded = await sessions.load(fs.readFileSync(path.join(FIXTURES, name)), name);
      expect(loaded.sheets[0], name).toMatchObject({ rows: 2, columns: 2 });
    }
  });

  it('calls a password-protected ODS password-protected, not damaged', async () => {
    await expect(sessions.load(fs.readFileSync(path.join(FIXTURES, 'password.ods')), 'password.ods')).rejects.toThrow(
      '"password.ods" is password-protected. Open it in LibreOffice, save a copy without the password (File → Save As, untick "Save with password"), and import that.',
    );
  });
});

describe('messages', () => {
  it('are correct English with thousands separators', () => {
    expect(messages.length).toBeGreaterThan(15);
    for (const m of [...messages, ...notes].filter((x) => x !== '')) {
      expect(m, m).not.toMatch(/\b(a|an|no) (a|an)\b|\s{2}|\.\.(?!\.)|\b1 (rows|errors|lines|organisations)\b/);
      // Large numbers are grouped: 81,603, never 81603 (codes such as U12345 are not numbers).
      expect(m, m).not.toMatch(/(?<![\w.,])\d{5,}(?![\w])/);
    }
    // Messages are sentences; notes are phrases.
    for (const m of messages) expect(m, m).toMatch(/[.)]$/);
  });
});
