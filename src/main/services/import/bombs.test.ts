/**
 * Bombs never take the app down (docs/ARCHITECTURE.md, "Hostile files"): files small until expanded are refused
 * within 10 s and 512 MB, before anything is expanded, by a worker whose heap is itself held to
 * 512 MB (a worker that tried to expand one would run out of memory instead, with another
 * message). A worker that does run out of memory is stopped by its resource limits: the user is
 * told the file is too large to read, and the process and the open plan carry on.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSession } from '../../../../tests/support/plans';
import { analyseImport, commitImport, ImportSessions, validateImport } from './service';
import { csvBytes } from './test-support';

const FIXTURES = path.resolve('tests/fixtures/import');
const held = new ImportSessions({ heapMb: 512, stepMs: 10_000 });
afterAll(() => held.closeAll());

/** Loads a file, sampling the process's resident memory every 10 ms; the refusal, its time and the growth in memory. */
async function refusedWithin(bytes: Uint8Array, name: string): Promise<{ message: string; ms: number; grewMb: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 10);
  const t0 = Date.now();
  try {
    await held.load(bytes, name);
  } catch (err) {
    return { message: (err as Error).message, ms: Date.now() - t0, grewMb: (Math.max(peak, process.memoryUsage.rss()) - start) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
  throw new Error(`${name} was not refused`);
}

describe('bombs', () => {
  it.each([
    [
      'ods-rows-bomb.ods',
      '"ods-rows-bomb.ods" repeats rows or cells of figures to more than 300,000 rows (a "bomb" that is small until it is expanded): it was not read. Save the sheet you need as CSV and import that.',
    ],
    [
      'ods-columns-bomb.ods',
      '"ods-columns-bomb.ods" repeats rows or cells of figures to more than 1,000 columns (a "bomb" that is small until it is expanded): it was not read. Save the sheet you need as CSV and import that.',
    ],
    [
      'deep-nesting.xlsx',
      '"deep-nesting.xlsx" has XML nested more than 256 levels deep in "xl/worksheets/sheet1.xml", which no spreadsheet needs: it was not read.',
    ],
    [
      'shared-strings-runaway.xlsx',
      '"shared-strings-runaway.xlsx" holds 20,000 pieces of text for 2 cells of text (run-away shared strings): it was not read. Save the sheet you need as CSV and import that.',
    ],
    [
      'whole-sheet-cells.xlsx',
      'Sheet "S" of "whole-sheet-cells.xlsx" has more than 300,000 rows (its last is row 1,048,576), the most the importer reads from a workbook. Save the sheet as CSV (which is read in a stream, up to 2,000,000 rows) or split it.',
    ],
  ])('%s is refused within 10 s and 512 MB, before it is expanded', async (name, message) => {
    const r = await refusedWithin(fs.readFileSync(path.join(FIXTURES, name)), name);
    expect(r.message).toBe(message);
    expect(r.ms).toBeLessThan(10_000);
    expect(r.grewMb).toBeLessThan(512);
  });

  it('the ODS bomb really asks for a row of figures repeated a billion times', async () => {
    const content = new TextDecoder().decode((await import('fflate')).unzipSync(fs.readFileSync(path.join(FIXTURES, 'ods-rows-bomb.ods')))['content.xml']);
    expect(content).toContain('table:number-rows-repeated="1000000000"');
  });

  it('stops a worker that runs out of memory: "too large to read", and the process and the open plan carry on', async () => {
    const s = demoSession();
    const hchsDir = '/work/shared/data/nhs';
    const hchs = fs.readFileSync(path.join(hchsDir, fs.readdirSync(hchsDir).find((n) => n.startsWith('hchs'))!));
    const small = new ImportSessions({ heapMb: 24, stepMs: 60_000 });
    await expect(small.load(hchs, 'hchs.xlsx')).rejects.toThrow(
      '"hchs.xlsx" is too large to read: it needs more memory than the importer allows (24 MB), so it was stopped and nothing was changed. Delete the sheets and columns you do not need, or save the sheet as CSV, and import again.',
    );
    await small.closeAll();
    // The open plan still answers, and an import into it still works.
    expect(
      s.db
        .prepare(
          "SELECT fte FROM workforce_baseline b JOIN organisation o ON o.id = b.org_id JOIN role r ON r.id = b.role_id WHERE o.code = 'RBD' AND r.code = 'MW'",
        )
        .get(),
    ).toEqual({ fte: 62.6 });
    const loaded = await held.load(csvBytes('Org Code,Job Role,FTE\nRBD,MW,63\n'), 'after.csv');
    const scenarioId = (s.db.prepare('SELECT id FROM scenario ORDER BY sort, id LIMIT 1').get() as { id: number }).id;
    const analysis = await analyseImport(s.db, loaded, 'baseline');
    const { report } = await validateImport(s.db, loaded, scenarioId, analysis.proposed);
    await commitImport(s.db, loaded, scenarioId, report.mapping);
    expect(
      s.db
        .prepare(
          "SELECT fte FROM workforce_baseline b JOIN organisation o ON o.id = b.org_id JOIN role r ON r.id = b.role_id WHERE o.code = 'RBD' AND r.code = 'MW'",
        )
        .get(),
    ).toEqual({ fte: 63 });
    s.db.close();
  }, 60_000);
});
