import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { demoSession, dumpPlan } from '../../tests/support/plans';
import { tempDir } from '../../tests/support/temp';
import { closeSession, openSession } from '../main/services/plan-session';
import { runImportCli } from './import';

function planWithFile(csv: string): { plan: string; file: string } {
  const s = demoSession();
  const plan = s.path;
  closeSession(s);
  const file = path.join(tempDir(), 'staff.csv');
  fs.writeFileSync(file, csv);
  return { plan, file };
}

const snapshot = (plan: string) => {
  const s = openSession(plan, { readOnly: true });
  try {
    return dumpPlan(s.db, []);
  } finally {
    s.db.close();
  }
};

async function run(args: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const code = await runImportCli(args, (l) => out.push(l));
  return { code, out };
}

describe('npm run import', () => {
  it('prints the validation report with sheet, row, column and reason, exits 1 and writes nothing on errors', async () => {
    const { plan, file } = planWithFile('Org Code,Job Role,FTE\nRBD,RN,1\nRBD,Nurse Band 5,2\nRBD,RN,-0.03\n');
    const before = snapshot(plan);
    const { code, out } = await run([plan, file, '--into', 'baseline']);
    expect(code).toBe(1);
    expect(out).toContain('ERROR   sheet "staff", row 4, column C (FTE): FTE −0.03 is negative.');
    expect(out).toContain("ERROR   sheet \"staff\", row 3, column B (Job Role): Role 'Nurse Band 5' is not in the plan: map it or add it (1 row).");
    expect(out.at(-1)).toBe('Nothing was written.');
    expect(snapshot(plan)).toEqual(before);
  });

  it('--dry-run never writes; without it the import is committed and recorded', async () => {
    const { plan, file } = planWithFile('Org Code,Job Role,FTE\nRBD,RN,11\nRBD,RN,12\n');
    const before = snapshot(plan);
    const dry = await run([plan, file, '--into', 'baseline', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out.at(-1)).toBe('Dry run: nothing was written.');
    expect(snapshot(plan)).toEqual(before);
    const real = await run([plan, file, '--into', 'baseline', '--save-mapping', 'Simple']);
    expect(real.code).toBe(0);
    expect(real.out.at(-1)).toMatch(/^Imported into ".+" as import 1\.$/);
    const s = openSession(plan, { readOnly: true });
    expect(s.db.prepare("SELECT b.fte FROM workforce_baseline b JOIN organisation o ON o.id = b.org_id JOIN role r ON r.id = b.role_id WHERE o.code = 'RBD' AND r.code = 'RN'").get()).toEqual({ fte: 23 });
    expect(s.db.prepare('SELECT file_name, target FROM import_history').all()).toEqual([{ file_name: 'staff.csv', target: 'baseline' }]);
    s.db.close();
    // The saved mapping is used by name.
    const again = await run([plan, file, '--into', 'baseline', '--mapping', 'Simple', '--dry-run']);
    expect(again.out[0]).toContain('saved mapping "Simple"');
  });

  it('exits 1 on a refused file and 2 on bad usage', async () => {
    const { plan } = planWithFile('');
    const bad = path.join(tempDir(), 'photo.xlsx');
    fs.writeFileSync(bad, Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    const refused = await run([plan, bad, '--into', 'baseline']);
    expect(refused.code).toBe(1);
    expect(refused.out).toEqual(['"photo.xlsx" is not a spreadsheet: its contents do not match its .xlsx extension. Open it in Excel, save it as .xlsx, and import that.']);
    expect((await run([plan, bad, '--into', 'rates'])).code).toBe(2);
    expect((await run([plan])).code).toBe(2);
  });

  it('runs as an npm script', () => {
    const { plan, file } = planWithFile('Org Code,Job Role,FTE\nRBD,RN,5\n');
    const out = execFileSync('npm', ['run', '--silent', 'import', '--', plan, file, '--into', 'baseline', '--dry-run'], { encoding: 'utf8' });
    expect(out).toContain('Dry run: nothing was written.');
  }, 30_000);
});
