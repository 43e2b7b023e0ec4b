/**
 * Recalculates a workbook with headless LibreOffice and reads each sheet's computed values back
 * (TOOLCHAIN.md "Recalculating a workbook outside the app"). Used by the tests of the live
 * formulas; not needed by the app itself.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import XLSX from 'xlsx';

const run = promisify(execFile);
export const SOFFICE = process.env['SOFFICE'] ?? '/usr/bin/soffice';

/**
 * Sheet name → rows of cells as LibreOffice computed them. The recalculated book is saved as
 * xlsx (whose cached values are full doubles; CSV would print only 15 significant digits) and
 * read back with SheetJS.
 */
export async function recalculate(book: string): Promise<Map<string, unknown[][]>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-recalc-'));
  try {
    // A private profile per run, so parallel runs do not share (and lock) one.
    const profile = path.join(dir, 'profile');
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const src = path.join(dir, 'book.xlsx');
    fs.copyFileSync(book, src);
    await run(
      SOFFICE,
      [`-env:UserInstallation=file://${profile}`, '--headless', '--calc', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', out, src],
      { timeout: 120_000 },
    );
    const done = path.join(out, 'book.xlsx');
    if (!fs.existsSync(done)) throw new Error(`LibreOffice did not recalculate ${book}: no output in ${out}.`);
    const wb = XLSX.read(fs.readFileSync(done), { cellFormula: true });
    const sheets = new Map<string, unknown[][]>();
    for (const name of wb.SheetNames) sheets.set(name, XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, raw: true, defval: null }));
    return sheets;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
