import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './harness';

test('a plan found damaged at start-up is left untouched, and the window offers its newest good backup at once', async ({ app }) => {
  const { page, ctx } = app;
  // The last plan used has a backup, and is then damaged on disk while the app is closed.
  const board = path.join(app.userDataDir, 'plans', 'Board plan.wfplan');
  app.dialogs.answer(board);
  await page.getByRole('button', { name: 'Plan ▾' }).click();
  await page.getByRole('menuitem', { name: 'Save as…' }).click();
  await expect(page.getByText('Saved a copy; you are now working in the copy.')).toBeVisible();
  await ctx.backups.idle();
  ctx.close();
  const bytes = fs.readFileSync(board);
  fs.writeFileSync(board, bytes.subarray(0, Math.floor(bytes.length / 2)));
  const damaged = fs.readFileSync(board);

  // Start again: the app opens the next plan it can, and says why at once.
  ctx.openAtStartup();
  await app.reload();
  const banner = page.getByRole('alert').filter({ hasText: '"Board plan.wfplan" is damaged' });
  await expect(banner).toBeVisible();
  await app.screenshot('startup-damaged-plan');
  await banner.getByRole('button', { name: 'Restore the newest good backup' }).click();
  await expect(page.getByText(/^Restored the newest good backup of "Board plan\.wfplan" as a new plan\./)).toBeVisible();
  expect(path.basename(ctx.info().path)).toMatch(/^Board plan \(restored .*\)\.wfplan$/);
  expect(fs.readFileSync(board).equals(damaged)).toBe(true);
  await expect(banner).toHaveCount(0);
});
