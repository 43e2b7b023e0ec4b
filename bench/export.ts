/**
 * Export benchmark: writing the board workbook (all sheets, FTE and headcount) of the large
 * generated plan, to a file, atomically — beside exceljs writing the same number of plain cells
 * with no styles, number formats or sheet furniture. Target: under 5 s.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { BOARD_SHEETS } from '../src/shared/api/channels/export';
import { writeFileAtomic } from '../src/main/fs/atomic';
import { boardBytes, buildBoardWorkbook, type BoardOptions } from '../src/main/services/export/board';
import { bookFromInputs } from '../src/main/services/export/book';
import { generatePlan, LARGE_PLAN } from './generate';
import type { BenchResult } from './result';

const TARGET_MS = 5000;

async function timeOnce(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/** Median of three timed runs after one untimed run (each run takes seconds). */
async function median3(fn: () => Promise<unknown>): Promise<number> {
  await fn();
  const times = [await timeOnce(fn), await timeOnce(fn), await timeOnce(fn)].sort((a, b) => a - b);
  return times[1]!;
}

export async function benchExport(): Promise<BenchResult[]> {
  const inputs = generatePlan(LARGE_PLAN);
  const book = bookFromInputs(inputs, { id: 1, name: 'Large generated plan', description: '' });
  const options: BoardOptions = { scenarioIds: [1], sheets: [...BOARD_SHEETS], measures: ['fte', 'headcount'], suppressBelow: null, formulas: false };
  const plan = {
    name: 'Large generated plan',
    baseYear: inputs.baseYear,
    horizonYear: inputs.horizonYear,
    targets: [],
    criteria: { vacancyRateAbove: 0.1, leaverRateAbove: null, aged55PlusAbove: null, mode: 'any' as const },
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-bench-export-'));
  try {
    let cells = 0;
    let bytes = 0;
    const board = async () => {
      const built = buildBoardWorkbook(plan, [book], options, { appVersion: 'bench', planHash: '0'.repeat(64), planFile: 'generated', now: new Date(0) });
      const buffer = await boardBytes(built);
      writeFileAtomic(path.join(dir, 'board.xlsx'), buffer);
      cells = 0;
      for (const ws of built.wb.worksheets) ws.eachRow((r) => (cells += r.cellCount));
      for (const b of built.bulk) for (const r of b.rows) cells += r.length;
      bytes = buffer.byteLength;
    };
    const ms = await median3(board);
    const plain = async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Plain');
      const width = 9;
      const rows = Math.ceil(cells / width);
      for (let r = 0; r < rows; r++) ws.addRow([`Organisation ${r % 50}`, `Role ${r % 200}`, '2024/25', r * 1.5, r * 1.6, r * 0.1, 0.05, r, r * 1000]);
      writeFileAtomic(path.join(dir, 'plain.xlsx'), new Uint8Array(await wb.xlsx.writeBuffer()));
    };
    const baselineMs = await median3(plain);
    return [
      {
        name: `Board workbook of the large plan (${LARGE_PLAN.organisations} orgs × ${LARGE_PLAN.roles} roles × ${book.result.years.length} years), written`,
        ms,
        baselineName: 'exceljs, the same number of plain cells, no styles',
        baselineMs,
        ratio: ms / baselineMs,
        target: '< 5 s',
        pass: ms < TARGET_MS,
        extra: `${cells.toLocaleString('en-GB')} cells, ${(bytes / 1e6).toFixed(1)} MB`,
      },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  benchExport().then(
    (r) => console.log(r),
    (e: unknown) => {
      console.error(e);
      process.exitCode = 1;
    },
  );
}
