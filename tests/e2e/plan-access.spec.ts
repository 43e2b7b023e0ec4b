/**
 * Plans the app cannot write, and plans another program holds: a read-only plan opens read-only
 * with a banner that stays, and export, Compare, snapshot viewing and Save As all work without a
 * byte (or a side file) written beside it; a plan locked elsewhere is "in use by another
 * program", never "damaged", and opens read-only on request.
 */
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { saveSnapshot } from '../../src/main/services/history/snapshots';
import { closeSession, createDemoPlan } from '../../src/main/services/plan-session';
import { test, expect } from './harness';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

const openView = (page: Page, name: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();

/** Every file beside the plan, with its size and modification time: proof nothing was written. */
function folderState(dir: string): string[] {
  return fs
    .readdirSync(dir)
    .sort()
    .map((f) => {
      const st = fs.statSync(path.join(dir, f));
      return `${f} ${st.size} ${st.mtimeMs} ${(st.mode & 0o777).toString(8)}`;
    });
}

test.use({ viewport: { width: 1366, height: 768 } });

test('a read-only plan opens read-only with a banner; export, compare, snapshots and Save As work; nothing is written beside it', async ({ app }, testInfo) => {
  const { page, ctx } = app;
  saveSnapshot(ctx.writableDb, 'Board, March 2026');
  ctx.close();
  const folder = path.dirname(app.planPath);
  fs.chmodSync(app.planPath, 0o444);
  try {
    const before = folderState(folder);
    ctx.openPath(app.planPath);
    await app.reload();

    const banner = page.getByRole('status', { name: 'Read-only plan' });
    await expect(banner).toContainText('Read-only: changes cannot be saved. Save As… to edit a copy.');
    await expect(banner).toContainText('(The file is read-only.)');
    await expect(page.getByRole('contentinfo', { name: 'Status' })).toContainText('Read-only: nothing is written to this plan');
    await app.screenshot('read-only-plan');
    await axe(page);

    // Export works.
    const target = testInfo.outputPath('board.xlsx');
    await page.getByRole('button', { name: 'Export…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Export board workbook' });
    app.dialogs.answer(target);
    await dialog.getByRole('button', { name: 'Export…' }).click();
    await expect(page.getByText(`Saved the board workbook to ${target}`)).toBeVisible({ timeout: 30_000 });

    // Snapshots can be compared and opened (not saved or restored).
    await openView(page, 'History');
    await page.getByRole('tab', { name: 'Snapshots' }).click();
    await expect(page.getByRole('button', { name: 'Save snapshot' })).toBeDisabled();
    await page.getByLabel('From', { exact: true }).selectOption({ label: 'Board, March 2026' });
    await page.getByLabel('To', { exact: true }).selectOption({ label: 'Now' });
    await page.getByRole('tabpanel').getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(page.getByRole('region', { name: 'Board, March 2026 → Now' }).getByRole('heading', { name: 'Inputs changed (0)' })).toBeVisible();
    await page.getByRole('button', { name: 'Open Board, March 2026 read-only' }).click();
    await expect(page.getByRole('region', { name: /Board, March 2026\s+Read-only/ }).getByRole('table', { name: 'Scenario: Our Dorset plan' })).toBeVisible();

    expect(folderState(folder)).toEqual(before);

    // Save As makes a copy that can be edited.
    const copy = path.join(app.userDataDir, 'plans', 'Dorset copy.wfplan');
    app.dialogs.answer(copy);
    await banner.getByRole('button', { name: 'Save As…' }).click();
    await expect(page.getByText('Saved a copy; you are now working in the copy.')).toBeVisible();
    await expect(banner).toHaveCount(0);
    expect(ctx.info()).toMatchObject({ path: copy, readOnly: false });
    expect(fs.statSync(copy).mode & 0o777).toBe(0o600);
    ctx.close();
    // Not a byte, mode or side file changed beside the read-only plan.
    expect(folderState(folder).filter((f) => !f.startsWith('Dorset copy.wfplan'))).toEqual(before);
  } finally {
    fs.chmodSync(app.planPath, 0o600);
  }
});

test('a plan another program holds locked is "in use by another program" (never damaged) and opens read-only on request', async ({ app }) => {
  const { page, ctx } = app;
  const shared = path.join(app.userDataDir, 'plans', 'Shared plan.wfplan');
  closeSession(createDemoPlan(shared));
  // Another program takes the plan in exclusive locking mode and writes to it.
  const other = new Database(shared);
  try {
    other.pragma('locking_mode = EXCLUSIVE');
    other.prepare("INSERT OR REPLACE INTO plan_meta (key, value) VALUES ('name', 'Shared plan, as the other program left it')").run();

    app.dialogs.answer(shared);
    await page.getByRole('button', { name: 'Plan ▾' }).click();
    await page.getByRole('menuitem', { name: 'Open…' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'in use by another program' });
    await expect(alert).toContainText('"Shared plan.wfplan" is in use by another program, which is holding it locked.');
    await expect(page.getByText(/damaged/)).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Restore the newest good backup' })).toHaveCount(0);
    await app.screenshot('plan-in-use');
    await axe(page);

    await alert.getByRole('button', { name: 'Open read-only' }).click();
    await expect(page.getByText('Opened "Shared plan.wfplan" read-only. Nothing will be written to it.')).toBeVisible();
    await expect(page.getByRole('status', { name: 'Read-only plan' })).toContainText('(It was opened read-only.)');
    await expect(alert).toHaveCount(0);
    // The other program's last committed change is what the app shows.
    expect(ctx.info()).toMatchObject({ path: shared, readOnly: true, name: 'Shared plan, as the other program left it' });
    await app.screenshot('plan-in-use-opened-read-only');
  } finally {
    other.close();
  }
});
