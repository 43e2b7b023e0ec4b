/**
 * Every file in ../shared/fixtures/spreadsheets through the importer: each either yields rows or
 * one clear message, within 10 s and a bounded heap, never a crash or a hang. The csv-spectrum
 * files must read exactly as their expected JSON says.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CellValue } from '../../../shared/api/channels/import';
import { AppError } from '../../../shared/api/errors';
import type { Analysis } from './engine';
import type { SheetSummary } from '../../../shared/api/channels/import';
import { forEachRow, headRows, loadFile } from './read';
import { ImportWorker } from './worker-client';

const ROOT = '/work/shared/fixtures/spreadsheets';
const files = fs
  .readFileSync(path.join(ROOT, 'MANIFEST.tsv'), 'utf8')
  .split('\n')
  .slice(1)
  .filter((l) => l.trim() !== '')
  .map((l) => l.split('\t')[0]!);

/** Workers are reused from file to file (a load replaces the last file); a stopped one is replaced. */
const idle: ImportWorker[] = [];
const all: ImportWorker[] = [];
afterAll(async () => {
  for (const w of all) await w.terminate();
});

function takeWorker(): ImportWorker {
  const w = idle.pop() ?? new ImportWorker('fixture', { stepMs: 10_000, heapMb: 512 });
  if (!all.includes(w)) all.push(w);
  return w;
}

type Outcome = { file: string; ms: number } & ({ kind: 'rows'; sheets: number; sample: number } | { kind: 'message'; message: string });

async function importOne(file: string): Promise<Outcome> {
  const bytes = fs.readFileSync(path.join(ROOT, file));
  const worker = takeWorker();
  const started = Date.now();
  try {
    const sheets = await worker.request<SheetSummary[]>({ type: 'load', bytes, fileName: path.basename(file) });
    const biggest = [...sheets].sort((a, b) => b.rows - a.rows)[0]!;
    const a = await worker.request<Analysis>({ type: 'analyse', sheet: biggest.name, staffGroups: [] });
    return { file, ms: Date.now() - started, kind: 'rows', sheets: sheets.length, sample: a.sample.length };
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { file, ms: Date.now() - started, kind: 'message', message: err.message.replace('"fixture"', `"${path.basename(file)}"`) };
  } finally {
    if (worker.alive) idle.push(worker);
  }
}

async function pool<T, R>(items: T[], width: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]!);
      }
    }),
  );
  return out;
}

describe('the fixture spreadsheets', () => {
  it(`each of the ${files.length} files yields rows or one clear message within 10 s`, async () => {
    const outcomes = await pool(files, 4, importOne);
    for (const o of outcomes) {
      expect(o.ms, o.file).toBeLessThan(10_500);
      if (o.kind === 'message') {
        // One message: names the file, says what to do, and is not a stack trace.
        expect(o.message, o.file).toMatch(/"[^"]+"/);
        expect(o.message, o.file).not.toMatch(/\n\s+at /);
        expect(o.message.length, o.file).toBeLessThan(400);
      }
    }
    const rows = outcomes.filter((o) => o.kind === 'rows').length;
    const refused = outcomes.filter((o) => o.kind === 'message');
    // Most real workbooks in the corpus must read.
    expect(rows).toBeGreaterThan(100);
    expect(refused.length + rows).toBe(files.length);
  }, 240_000);

  const spectrum = files.filter((f) => f.startsWith('csv-spectrum/csvs/'));
  it.each(spectrum)('%s reads as its expected JSON', async (file) => {
    const expected = JSON.parse(fs.readFileSync(path.join(ROOT, file.replace('/csvs/', '/json/').replace(/\.csv$/, '.json')), 'utf8')) as Record<
      string,
      string
    >[];
    // The parse itself, in-process (the worker's sample hides columns that look personal, such as "address").
    const parsed = loadFile(fs.readFileSync(path.join(ROOT, file)), path.basename(file));
    const [headers = [], ...rows] = headRows(parsed, path.basename(file, '.csv'), 100);
    const text = (v: CellValue) => (v === null ? '' : String(v));
    const got = rows.map((r) => Object.fromEntries(headers.map((h, i) => [String(h), text(r[i] ?? null)])));
    expect(got).toEqual(expected);
    // The streaming path reads the same.
    const streamed: CellValue[][] = [];
    await forEachRow(
      parsed,
      path.basename(file, '.csv'),
      2,
      (r) => streamed.push(r),
      () => undefined,
    );
    expect(streamed).toEqual(rows);
  });
});
