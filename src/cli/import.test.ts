import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { demoSession, dumpPlan } from '../../tests/support/plans';
import { tempDir } from '../../tests/support/temp';
import { closeSession, openSession } from '../main/services/plan-session';
import { runImportCli } from './import';

const FIXTURES = path.resolve('tests/fixtures/import');

function planWithFile(csv: string, name = 'staff.csv'): { plan: string; file: string } {
  const s = demoSession();
  const plan = s.path;
  closeSession(s);
  const file = path.join(tempDir(), name);
  fs.writeFileSync(file, csv);
  return { plan, file };
}

function demoPlan(): string {
  const s = demoSession();
  closeSession(s);
  return s.path;
}

const snapshot = (plan: string) => {
  const s = openSession(plan, { readOnly: true });
  try {
    return dumpPlan(s.db, []);
  } finally {
    s.db.close();
  }
};

const baseline = (plan: string, org: string, role: string) => {
  const s = openSession(plan, { readOnly: true });
  try {
    return s.db
      .prepare(
        'SELECT b.fte, b.headcount, b.establishment FROM workforce_baseline b JOIN organisation o ON o.id = b.org_id JOIN role r ON r.id = b.role_id WHERE o.code = ? AND r.code = ?',
      )
      .get(org, role) as { fte: number; headcount: number; establishment: number } | undefined;
  } finally {
    s.db.close();
  }
};

async function run(args: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await runImportCli(args, (l) => out.push(l));
  return { code, out };
}

const initCwd = process.env['INIT_CWD'];
afterEach(() => {
  if (initCwd === undefined) delete process.env['INIT_CWD'];
  else process.env['INIT_CWD'] = initCwd;
});

describe('npm run import', () => {
  it('prints the validation report with sheet, row, column and reason, naming the option that fixes it; exits 1 and writes nothing on errors', async () => {
    const { plan, file } = planWithFile('Org Code,Job Role,FTE\nRBD,RN,1\nRBD,Nurse Band 5,2\nRBD,RN,-0.03\n');
    const before = snapshot(plan);
    const { code, out } = await run([plan, file, '--into', 'baseline']);
    expect(code).toBe(1);
    expect(out).toContain('ERROR   sheet "staff", row 4, column C (FTE): FTE −0.03 is negative: correct it, or delete the row.');
    expect(out).toContain(
      'ERROR   sheet "staff", row 3, column B (Job Role): Role \'Nurse Band 5\' (1 row) is not in the plan: use --value-map "role:Nurse Band 5=CODE" with a plan role\'s code, or =skip.',
    );
    expect(out.join('\n')).not.toMatch(/Check step|Columns step|Preview step/);
    expect(out.at(-1)).toBe('Nothing was written.');
    expect(snapshot(plan)).toEqual(before);
  });

  it('refuses large changes without --accept-large-changes; --dry-run never writes; with the option the import is committed and recorded', async () => {
    const { plan, file } = planWithFile('Org Code,Job Role,FTE\nRBD,RN,11\nRBD,RN,12\n');
    const before = snapshot(plan);
    const asked = await run([plan, file, '--into', 'baseline']);
    expect(asked.code).toBe(1);
    expect(asked.out).toContain(
      'NEEDS AN ANSWER: Registered nurse at Dorset County Hospital NHS Foundation Trust: FTE 526.3 → 23.0 (−95.6%): a change of more than 25 % and at least 5 FTE',
    );
    expect(asked.out).toContain(
      'QUESTION 1 large change needs an answer before the import (Registered nurse at Dorset County Hospital NHS Foundation Trust): check them, then run again with --accept-large-changes.',
    );
    expect(snapshot(plan)).toEqual(before);
    const dry = await run([plan, file, '--into', 'baseline', '--accept-large-changes', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out.at(-1)).toBe('Dry run: nothing was written.');
    expect(snapshot(plan)).toEqual(before);
    const real = await run([plan, file, '--into', 'baseline', '--accept-large-changes', '--save-mapping', 'Simple']);
    expect(real.code).toBe(0);
    expect(real.out.at(-1)).toMatch(/^Imported into ".+" as import 1\.$/);
    // FTE from the file; headcount scaled with it (598 × 23 ÷ 526.3); establishment kept.
    expect(baseline(plan, 'RBD', 'RN')).toEqual({ fte: 23, headcount: 26, establishment: 584.8 });
    const s = openSession(plan, { readOnly: true });
    expect(s.db.prepare('SELECT file_name, target FROM import_history').all()).toEqual([{ file_name: 'staff.csv', target: 'baseline' }]);
    s.db.close();
    // The saved mapping is used by name.
    const again = await run([plan, file, '--into', 'baseline', '--mapping', 'Simple', '--dry-run']);
    expect(again.out[0]).toContain('saved mapping "Simple"');
  });

  it('exits 1 on a refused file and 2 on bad usage, naming what would be right', async () => {
    const { plan, file } = planWithFile('Org Code,Job Role,FTE\nRBD,RN,5\n');
    const bad = path.join(tempDir(), 'photo.xlsx');
    fs.writeFileSync(bad, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    const refused = await run([plan, bad, '--into', 'baseline']);
    expect(refused.code).toBe(1);
    expect(refused.out).toEqual([
      '"photo.xlsx" is not a spreadsheet: its contents do not match its .xlsx extension. Open it in Excel, save it as .xlsx, and import that.',
    ]);
    expect((await run([plan, bad, '--into', 'rates'])).code).toBe(2);
    expect((await run([plan])).code).toBe(2);
    const usage = async (...extra: string[]) => {
      const r = await run([plan, file, '--into', 'baseline', ...extra]);
      expect(r.code, extra.join(' ')).toBe(2);
      return r.out[0]!;
    };
    expect(await usage('--measure', 'heads')).toMatch(/^--measure must be fte or headcount, not "heads"\./);
    expect(await usage('--share', 'RYF=1.5')).toBe(
      '--share "RYF=1.5" is not "ORG=share" with a share above 0 and at most 1 (or 100%): for example --share RYF=0.27.',
    );
    expect(await usage('--share', 'XXX=0.5')).toMatch(/^--share "XXX=0\.5": the plan has no organisation with the code "XXX"\. Its organisations: RBD, RDY, /);
    expect(await usage('--map', 'Grade=fte')).toBe(
      '--map "Grade=fte": sheet "staff" has no column headed "Grade". Name a column by its heading, letter or number: A (Org Code), B (Job Role), C (FTE).',
    );
    expect(await usage('--map', 'FTE=wte')).toMatch(/^--map "FTE=wte": "wte" is not a field\. Use one of: ignore, personal, org_code, /);
    expect(await usage('--value-map', 'role:RN=XYZ')).toMatch(/^--value-map "role:RN=XYZ": the plan has no role "XYZ"\. Its roles: RN, MW, /);
    expect(await usage('--skip-org', 'R0A')).toBe('--skip-org R0A: the file has no organisation "R0A". Its organisations: RBD.');
    expect(await usage('--colour', 'blue')).toMatch(/^Unknown option --colour\./);
  });

  it('reads relative paths from the folder npm was run in (INIT_CWD)', async () => {
    const dir = tempDir();
    const plan = demoPlan();
    fs.copyFileSync(plan, path.join(dir, 'My plan.wfplan'));
    fs.writeFileSync(path.join(dir, 'staff.csv'), 'Org Code,Job Role,FTE\nRBD,MW,62.6\n');
    process.env['INIT_CWD'] = dir;
    const r = await run(['My plan.wfplan', 'staff.csv', '--into', 'baseline', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe('staff.csv, sheet "staff", headings on row 1');
    const missing = await run(['My plan.wfplan', 'nowhere.csv', '--into', 'baseline']);
    expect(missing.out).toEqual([`The spreadsheet "nowhere.csv" does not exist (looked for ${path.join(dir, 'nowhere.csv')}).`]);
  });

  it('applies an organisation share, and --share for one import (1: the file holds only the plan’s part)', async () => {
    const plan = demoPlan();
    const file = path.join(FIXTURES, 'ambulance-whole-trust.csv');
    const shared = await run([plan, file, '--into', 'baseline', '--dry-run']);
    expect(shared.code).toBe(0);
    expect(shared.out).toContain(
      'Share: South Western Ambulance Service NHS Foundation Trust (Dorset): whole trust 3,890.8 FTE × 27.0% = 1,049.4 (65/241: the ratio of the extra ambulance staff "Our Dorset – Looking Forward 2019-2024" states for Dorset (65) and for the South West (241))',
    );
    expect(shared.out.at(-2)).toBe('0 errors, 0 warnings. Changes: 0 added, 0 replaced, 17 by rounding only, 0 unchanged.');
    const whole = await run([plan, file, '--into', 'baseline', '--share', 'RYF=1']);
    expect(whole.code).toBe(1);
    expect(whole.out).toContain(
      'Share: South Western Ambulance Service NHS Foundation Trust (Dorset): whole trust 3,890.8 FTE × 100.0% = 3,890.8 (given for this import: the file holds only the plan’s part)',
    );
    expect(whole.out.filter((l) => l.startsWith('NEEDS AN ANSWER: Paramedic at South Western'))).toEqual([
      'NEEDS AN ANSWER: Paramedic at South Western Ambulance Service NHS Foundation Trust (Dorset): FTE 274.8 → 1,018.8 (+270.7%): a change of more than 25 % and at least 5 FTE',
    ]);
  });

  it('asks for the measure and for what happens to FTE, each naming its option, and never stores a headcount as FTE', async () => {
    const plan = demoPlan();
    const total = await run([plan, path.join(FIXTURES, 'total-no-measure.csv'), '--into', 'baseline']);
    expect(total.code).toBe(1);
    expect(total.out).toContain(
      'ERROR   sheet "total-no-measure", column C (Total): Nothing in the file says whether the figures in column C (Total) are FTE or headcount: use --measure fte or --measure headcount.',
    );
    const heads = await run([plan, path.join(FIXTURES, 'headcount-crosstab.xlsx'), '--into', 'baseline']);
    expect(heads.code).toBe(1);
    expect(heads.out).toContain('  figures are headcount');
    expect(heads.out.find((l) => l.startsWith('QUESTION The file holds headcount'))).toBe(
      "QUESTION The file holds headcount, not FTE, for 6 lines: choose whether each keeps the plan's FTE or takes FTE derived from the plan's FTE per head (use --fte keep (keep each line’s FTE) or --fte derive (FTE from the plan’s FTE per head)). A headcount is never stored as FTE.",
    );
    const before = baseline(plan, 'RBD', 'MW')!;
    const kept = await run([plan, path.join(FIXTURES, 'headcount-crosstab.xlsx'), '--into', 'baseline', '--fte', 'keep', '--accept-large-changes']);
    expect(kept.code).toBe(0);
    expect(baseline(plan, 'RBD', 'MW')).toEqual({ fte: before.fte, headcount: 80, establishment: before.establishment });
    // Derived, on a fresh plan: the file's heads × each line's own FTE per head (RBD 62.6 FTE ÷ 78 heads, RDZ 36.1 ÷ 45).
    const fresh = demoPlan();
    const rbd = baseline(fresh, 'RBD', 'MW')!;
    const rdz = baseline(fresh, 'RDZ', 'MW')!;
    const derived = await run([fresh, path.join(FIXTURES, 'number-of-staff.csv'), '--into', 'baseline', '--fte', 'derive', '--accept-large-changes']);
    expect(derived.code).toBe(0);
    expect(baseline(fresh, 'RBD', 'MW')).toEqual({ fte: 80 * (rbd.fte / rbd.headcount), headcount: 80, establishment: rbd.establishment });
    expect(baseline(fresh, 'RDZ', 'MW')).toEqual({ fte: 150 * (rdz.fte / rdz.headcount), headcount: 150, establishment: rdz.establishment });
    expect(baseline(fresh, 'RDZ', 'MW')!.fte).toBeCloseTo(120.33, 2);
    // Run again, nothing moves.
    const again = await run([fresh, path.join(FIXTURES, 'number-of-staff.csv'), '--into', 'baseline', '--fte', 'derive']);
    expect(again.out.at(-1)).toBe('Nothing to import: the plan already holds every figure in the file.');
  });

  it('maps columns by number on a file with no headings, and values, organisations and staff groups by option', async () => {
    const plan = demoPlan();
    const headerless = await run([
      plan,
      path.join(FIXTURES, 'headerless.csv'),
      '--into',
      'baseline',
      '--map',
      '2=job_role',
      '--map',
      'C=fte',
      '--accept-large-changes',
    ]);
    expect(headerless.out[0]).toBe('headerless.csv, sheet "headerless", no heading row (columns by number)');
    expect(headerless.out.slice(1, 4)).toEqual([
      '  A (no heading) → org_code (likely: no heading; its values look like organisation codes (RBD, RDZ))',
      '  B (no heading) → job_role (given with --map)',
      '  C (no heading) → fte (given with --map)',
    ]);
    expect(headerless.code).toBe(0);
    expect(baseline(plan, 'RBD', 'RN')!.fte).toBe(512.3);
    expect(baseline(plan, 'RDZ', 'RN')!.fte).toBe(1_100.2);

    const pcn = await run([
      plan,
      path.join(FIXTURES, 'pcn-staff.csv'),
      '--into',
      'baseline',
      '--value-map',
      'org:U12345=PCN',
      '--value-map',
      'org:u23456=PCN',
      '--value-map',
      'staff_group:Nurses=RN',
      '--value-map',
      'staff_group:Admin/Non-Clinical=ADMIN',
      '--accept-large-changes',
    ]);
    expect(pcn.code).toBe(0);
    // "Total Health Partnership PCN" is a network, not a total: its rows count; the "Total" row does not.
    expect(pcn.out).toContain('Rows read 5, used 4.');
    expect(pcn.out).toContain("  skipped 1: total and subtotal rows, by their label (row 6: 'Total')");
    expect(baseline(plan, 'PCN', 'RN')!.fte).toBeCloseTo(10.5, 9);
    expect(baseline(plan, 'PCN', 'ADMIN')!.fte).toBeCloseTo(22, 9);

    const national = await run([plan, path.join(FIXTURES, 'national-bad-row.csv'), '--into', 'baseline', '--dry-run', '--json']);
    expect(national.code).toBe(0);
    const parsed = JSON.parse(national.out.join('\n')) as {
      written: null;
      report: { errors: number; notes: number; problems: { severity: string; message: string }[] };
    };
    expect(parsed.written).toBeNull();
    expect(parsed.report.errors).toBe(0);
    expect(parsed.report.notes).toBe(2);
    expect(parsed.report.problems.find((p) => p.severity === 'note')?.message).toBe(
      "2 problems in rows that are not imported (organisations not in the plan or skipped, such as 'R0A'), the first: 'n/k' is not a number. These rows are left out, so nothing needs fixing.",
    );
    const skipped = await run([plan, path.join(FIXTURES, 'staff.csv.gz'), '--into', 'baseline', '--skip-org', 'RDZ', '--dry-run']);
    expect(skipped.out).toContain("  skipped 1: rows of organisations, roles or staff groups not imported ('RDZ')");
  });

  it('lists the periods a file holds when --period names none of them', async () => {
    const { plan, file } = planWithFile('Month,Org Code,Job Role,FTE\n2017-SEP,RBD,MW,60\n2018-JUN,RBD,MW,62.6\n', 'months.csv');
    const r = await run([plan, file, '--into', 'baseline', '--period', '2018-JUNE']);
    expect(r.code).toBe(1);
    expect(r.out).toContain(
      'ERROR   sheet "months", column A (Month): The file holds no period "2018-JUNE": its periods are "2017-SEP" and "2018-JUN": use --period with one of them.',
    );
    expect((await run([plan, file, '--into', 'baseline', '--period', '2018-jun', '--dry-run'])).code).toBe(0);
  });

  it('runs as an npm script', () => {
    const { plan, file } = planWithFile('Org Code,Job Role,FTE\nRBD,MW,62.6\n');
    const out = execFileSync('npm', ['run', '--silent', 'import', '--', plan, file, '--into', 'baseline', '--dry-run'], { encoding: 'utf8' });
    expect(out).toContain('Dry run: nothing was written.');
  }, 30_000);
});
