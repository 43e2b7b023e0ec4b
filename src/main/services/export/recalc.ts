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
 * A LibreOffice profile that recalculates every formula on loading a workbook. By default it
 * trusts the values cached beside the formulas, and the board workbook carries those: a test
 * that did not force recalculation would only read back what the app wrote.
 */
export function recalculatingProfile(dir: string): string {
  const profile = path.join(dir, 'profile');
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  const prop = (name: string) =>
    `<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="${name}" oor:op="fuse"><value>0</value></prop></item>`;
  fs.writeFileSync(
    path.join(profile, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>\n<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">${prop('OOXMLRecalcMode')}${prop('ODFRecalcMode')}</oor:items>\n`,
  );
  return `file://${profile}`;
}

type Sheets = Map<string, unknown[][]>;

/** Excel's error numbers, for a reader that leaves out the text. */
const ERRORS: Record<number, string> = { 0: '#NULL!', 7: '#DIV/0!', 15: '#VALUE!', 23: '#REF!', 29: '#NAME?', 36: '#NUM!', 42: '#N/A' };

/**
 * Sheet name → rows of cells as LibreOffice computed them. The recalculated book is saved as
 * xlsx (whose cached values are full doubles; CSV would print only 15 significant digits) and
 * read back with SheetJS.
 */
export async function recalculate(book: string): Promise<Sheets> {
  return (await recalculateAll([book]))[0]!;
}

/** Several workbooks recalculated by one LibreOffice run (it takes seconds to start). */
export async function recalculateAll(books: readonly string[]): Promise<Sheets[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-recalc-'));
  try {
    const out = path.join(dir, 'out');
    fs.mkdirSync(out);
    const sources = books.map((b, i) => {
      const src = path.join(dir, `book-${i}.xlsx`);
      fs.copyFileSync(b, src);
      return src;
    });
    // A private profile per run, so parallel runs do not share (and lock) one.
    await run(
      SOFFICE,
      [
        `-env:UserInstallation=${recalculatingProfile(dir)}`,
        '--headless',
        '--calc',
        '--convert-to',
        'xlsx:Calc MS Excel 2007 XML',
        '--outdir',
        out,
        ...sources,
      ],
      {
        timeout: 300_000,
      },
    );
    return sources.map((src, i) => {
      const done = path.join(out, path.basename(src));
      if (!fs.existsSync(done)) throw new Error(`LibreOffice did not recalculate ${books[i]}: no output in ${out}.`);
      const wb = XLSX.read(fs.readFileSync(done), { cellFormula: true });
      // An error (#N/A, #DIV/0!, …) reads back as its text, not as Excel's internal error number.
      for (const ws of Object.values(wb.Sheets)) {
        for (const [addr, cell] of Object.entries(ws)) {
          const c = cell as XLSX.CellObject;
          if (!addr.startsWith('!') && c.t === 'e') Object.assign(c, { t: 's', v: c.w ?? ERRORS[Number(c.v)] ?? '#ERROR' });
        }
      }
      const sheets: Sheets = new Map();
      for (const name of wb.SheetNames) sheets.set(name, XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[name]!, { header: 1, raw: true, defval: null }));
      return sheets;
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Prints workbooks to PDF as LibreOffice would (its own page setup: A4, landscape, fit to
 * width, print titles), one run for all; returns the PDFs' paths in `outDir`.
 */
export async function printToPdfs(books: readonly string[], outDir: string): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-print-'));
  try {
    await run(SOFFICE, [`-env:UserInstallation=file://${path.join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', outDir, ...books], {
      timeout: 300_000,
    });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return books.map((b) => {
    const pdf = path.join(outDir, `${path.basename(b, path.extname(b))}.pdf`);
    if (!fs.existsSync(pdf)) throw new Error(`LibreOffice did not print ${b} to PDF.`);
    return pdf;
  });
}

/** Pages in a PDF, read from its page tree (no PDF library needed). */
export function pdfPageCount(pdf: string): number {
  const text = fs.readFileSync(pdf).toString('latin1');
  const counts = [...text.matchAll(/\/Type\s*\/Pages\b[^>]*?\/Count\s+(\d+)/g)].map((m) => Number(m[1]));
  const alt = [...text.matchAll(/\/Count\s+(\d+)[^>]*?\/Type\s*\/Pages\b/g)].map((m) => Number(m[1]));
  const all = [...counts, ...alt];
  if (all.length === 0) throw new Error(`${pdf} has no page tree that can be read.`);
  // The root of the page tree counts every page; nested trees count fewer.
  return Math.max(...all);
}
