/**
 * The uncertainty channels through dispatch, as the window calls them: fill typical ranges,
 * simulate in the worker with inline progress, cancel through task/cancel, and an export whose
 * Uncertainty sheet is simulated in the worker too.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import XLSX from 'xlsx';
import { afterAll, describe, expect, it } from 'vitest';
import type { TaskProgress } from '../../../shared/api/dto';
import type { UncertaintyResult, UncertaintyView } from '../../../shared/api/channels/uncertainty';
import { tempDir } from '../../../../tests/support/temp';
import { AppContext } from '../../app-context';
import { ScriptedDialogs } from '../../dialogs';
import { runProjection } from '../../services/projection';
import { simulateHere } from '../../services/uncertainty/service';
import { dispatch } from '../dispatch';
import { createHandlers } from '../handlers';

const events: TaskProgress[] = [];
const dialogs = new ScriptedDialogs();
// One plan for the whole file (a per-test folder would go after the first test).
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'wfp-uncertainty-'));
const ctx = new AppContext({
  userDataDir: home,
  dialogs,
  appVersion: 'test',
  autoBackup: false,
  emit: (name, payload) => name === 'task/progress' && events.push(payload as TaskProgress),
});
ctx.openAtStartup();
const handlers = createHandlers(ctx);
const scenarioId = (ctx.db.prepare("SELECT id FROM scenario WHERE name = 'Our Dorset plan'").get() as { id: number }).id;
afterAll(() => {
  ctx.close();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('the uncertainty channels', () => {
  it('fill typical ranges, then simulate in the worker with inline progress: the numbers of the same simulation run here', async () => {
    const filled = await dispatch(handlers, 'ranges/fill-typical', { scenarioId });
    expect(filled).toMatchObject({ ok: true, value: { filled: expect.any(Number) as number } });
    const run = (await dispatch(handlers, 'uncertainty/run', { taskId: 'simulation-0001', scenarioId, runs: 200, seed: 5 })) as {
      ok: true;
      value: UncertaintyView;
    };
    expect(run.ok).toBe(true);
    const here: UncertaintyResult = simulateHere(ctx.db, scenarioId, 200, 5);
    const { cells, ...view } = here;
    // The window receives everything but the cells' bands, and asks for one cell's when it shows it.
    expect({ ...run.value, elapsedMs: 0 }).toEqual({ ...view, elapsedMs: 0 });
    expect('cells' in run.value).toBe(false);
    const one = cells[7]!;
    const cell = await dispatch(handlers, 'uncertainty/cell', { scenarioId, orgId: one.orgId, roleId: one.roleId });
    expect(cell).toEqual({ ok: true, value: { scenarioId, runs: 200, seed: 5, supply: one.supply, demand: one.demand, gap: one.gap } });
    expect(await dispatch(handlers, 'uncertainty/cell', { scenarioId, orgId: 999_999, roleId: one.roleId })).toEqual({ ok: true, value: null });
    const mine = events.filter((e) => e.taskId === 'simulation-0001');
    expect(mine.length).toBeGreaterThan(1);
    expect(mine.every((e) => e.inline === true)).toBe(true);
    expect(mine.at(-1)).toMatchObject({ done: true });
  });

  it('is cancelled by task/cancel, with CANCELLED, and runs again afterwards', async () => {
    const pending = dispatch(handlers, 'uncertainty/run', { taskId: 'simulation-0002', scenarioId, runs: 100_000, seed: 1 });
    // The worker's first report comes after its first run: cancel once the work is under way.
    await expect.poll(() => events.some((e) => e.taskId === 'simulation-0002' && /of 100,000 runs/.test(e.message)), { timeout: 30_000 }).toBe(true);
    expect(await dispatch(handlers, 'task/cancel', { taskId: 'simulation-0002' })).toEqual({ ok: true, value: { cancelled: true } });
    expect(await pending).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(await dispatch(handlers, 'uncertainty/run', { taskId: 'simulation-0003', scenarioId, runs: 100, seed: 1 })).toMatchObject({ ok: true });
  });

  it('answers a scenario without ranges at once, with the central projection, and no work in the worker', async () => {
    const nothing = (ctx.db.prepare("SELECT id FROM scenario WHERE name = 'Do nothing'").get() as { id: number }).id;
    const got = (await dispatch(handlers, 'uncertainty/run', { taskId: 'simulation-0006', scenarioId: nothing, runs: 1000, seed: 1 })) as {
      ok: true;
      value: UncertaintyResult;
    };
    expect(got.value.varying).toBe(0);
    const central = runProjection(ctx.db, nothing).totals;
    expect(got.value.totals.supply).toEqual({ p10: central.closing, p50: central.closing, p90: central.closing });
    expect(got.value.totals.gap.p90).toEqual(central.gap);
    expect(events.some((e) => e.taskId === 'simulation-0006')).toBe(false);
  });

  it('refuses runs or a seed out of bounds before anything starts', async () => {
    expect(await dispatch(handlers, 'uncertainty/run', { taskId: 'simulation-0004', scenarioId, runs: 50, seed: 1 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', message: 'Use at least 100 runs' },
    });
    expect(await dispatch(handlers, 'uncertainty/run', { taskId: 'simulation-0005', scenarioId, runs: 1000, seed: -3 })).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION' },
    });
  });

  it('exports a workbook whose Uncertainty sheet was simulated in the worker', async () => {
    const target = path.join(tempDir(), 'board.xlsx');
    dialogs.answer(target);
    const done = await dispatch(handlers, 'export/board', {
      taskId: 'export-00000001',
      scenarioIds: [scenarioId],
      sheets: ['summary'],
      measures: ['fte'],
      formulas: false,
      suppressBelow: null,
      uncertainty: { runs: 200, seed: 5 },
    });
    expect(done).toMatchObject({ ok: true, value: { sheets: ['Cover', 'Summary', 'Uncertainty'] } });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(fs.readFileSync(target)).Sheets['Uncertainty']!, { header: 1 });
    const expected = simulateHere(ctx.db, scenarioId, 200, 5);
    expect(rows.find((r) => r[0] === 'Supply (FTE)' && r[1] === 'P50')!.slice(2)).toEqual(expected.totals.supply.p50);
  });
});
