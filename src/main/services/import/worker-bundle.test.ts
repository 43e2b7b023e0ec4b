/**
 * The worker as the built app runs it: out/main/import-worker.js, bundled by electron-vite.
 * Runs after `npm run build` (as `npm test` does); skipped, saying so, when there is no build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ImportSessions } from './service';
import { csvBytes, xlsxBytes } from './test-support';
import { resolveWorkerScript } from './worker-client';

const bundled = path.resolve('out/main/import-worker.js');
const sessions = new ImportSessions({ script: bundled });
afterAll(() => sessions.closeAll());

describe('the import worker', () => {
  it('runs from the TypeScript source in tests', () => {
    expect(resolveWorkerScript()).toEqual({ file: path.resolve('src/main/services/import/worker.ts'), execArgv: ['--import', 'tsx'] });
  });

  it.skipIf(!fs.existsSync(bundled))('runs as bundled by the build, and refuses a bad file with the same message', async () => {
    const loaded = await sessions.load(
      xlsxBytes({
        Staff: [
          ['Org Code', 'FTE'],
          ['RBD', 2],
        ],
      }),
      'staff.xlsx',
    );
    expect(loaded.sheets).toEqual([{ name: 'Staff', rows: 2, columns: 2 }]);
    const csv = await sessions.load(csvBytes('Org Code,FTE\nRBD,2\n'), 'staff.csv');
    expect(csv.sheets[0]!.name).toBe('staff');
    await expect(sessions.load(new Uint8Array([1, 2, 3]), 'photo.xlsx')).rejects.toThrow('"photo.xlsx" is not a spreadsheet');
  });
});
