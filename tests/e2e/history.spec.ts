import AxeBuilder from '@axe-core/playwright';
import type Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { test, expect } from './harness';
import { GridPage } from './pages/grid';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const RNDA_RBD = 'Registered nurse degree apprenticeship (RBD)';

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function openView(page: Page, name: string) {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
}

async function openHistory(page: Page, tab: 'Audit trail' | 'Snapshots' | 'Backups') {
  await openView(page, 'History');
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await page.getByRole('tab', { name: tab }).click();
  await expect(page.getByRole('tab', { name: tab })).toHaveAttribute('aria-selected', 'true');
}

async function editIntake(page: Page, value: string) {
  await openView(page, 'Pipelines');
  const grid = new GridPage(page);
  const row = await grid.rowIndexOf(RNDA_RBD);
  await grid.editCell(row, 'y2021', value);
  await expect(grid.cell(row, 'y2021')).toContainText(value);
  await expect(page.getByRole('status').filter({ hasText: 'All changes saved' })).toBeVisible();
}

function intake(db: Database.Database): number {
  return (
    db
      .prepare(
        `SELECT i.heads FROM pipeline_intake i JOIN pipeline p ON p.id = i.pipeline_id JOIN scenario s ON s.id = p.scenario_id
         WHERE p.name = ? AND s.name = 'Our Dorset plan' AND i.year = 2021`,
      )
      .get(RNDA_RBD) as { heads: number }
  ).heads;
}

test('an edit shows in the audit trail with who, how and old → new, and filters narrow it', async ({ app }) => {
  const { page } = app;
  await editIntake(page, '12');
  await openHistory(page, 'Audit trail');
  const table = page.getByRole('table');
  const first = table.getByRole('row').nth(1);
  await expect(first).toContainText('grid');
  await expect(first).toContainText(RNDA_RBD);
  await expect(first).toContainText('2021/22');
  await expect(first.locator('.old-value')).toHaveText('10');
  await expect(first.locator('.new-value')).toHaveText('12');
  await expect(first).toContainText('Our Dorset plan');
  await app.screenshot('history-audit');
  await axe(page);

  // The pipeline is Dorset County Hospital's: filtering by it keeps the change, by another hides it.
  await page.getByLabel('Organisation').selectOption({ label: 'Dorset County Hospital NHS Foundation Trust' });
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Organisation').selectOption({ index: 2 });
  await expect(page.getByText('No changes match these filters.')).toBeVisible();
  await app.screenshot('history-audit-filtered-empty');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('To', { exact: true }).fill('2000-01-01');
  await expect(page.getByText('No changes match these filters.')).toBeVisible();
});

test('save a snapshot, change something, compare, open it read-only, restore it, undo the restore', async ({ app }) => {
  const { page } = app;
  await openHistory(page, 'Snapshots');
  await expect(page.getByText('No snapshots yet.')).toBeVisible();
  await app.screenshot('history-snapshots-empty');
  await page.getByLabel('Snapshot name').fill('Board, March 2026');
  await page.getByRole('button', { name: 'Save snapshot' }).click();
  await expect(page.getByRole('cell', { name: 'Board, March 2026', exact: true })).toBeVisible();
  expect(app.readDb((db) => db.prepare('SELECT name FROM snapshot').all())).toEqual([{ name: 'Board, March 2026' }]);

  await editIntake(page, '40');
  await openHistory(page, 'Snapshots');
  await page.getByLabel('From', { exact: true }).selectOption({ label: 'Board, March 2026' });
  await page.getByLabel('To', { exact: true }).selectOption({ label: 'Now' });
  await page.getByRole('tabpanel').getByRole('button', { name: 'Compare', exact: true }).click();
  const comparison = page.getByRole('region', { name: 'Board, March 2026 → Now' });
  await expect(comparison.getByRole('heading', { name: 'Inputs changed (1)' })).toBeVisible();
  const changed = comparison.getByRole('row').filter({ hasText: RNDA_RBD });
  await expect(changed.locator('.old-value')).toHaveText('10');
  await expect(changed.locator('.new-value')).toHaveText('40');
  await expect(comparison.getByRole('table', { name: 'Supply − demand, scenario Our Dorset plan (negative = shortfall)' })).toBeVisible();
  await expect(comparison.getByRole('rowheader', { name: 'Moved by' }).first()).toBeVisible();
  await app.screenshot('history-snapshots-compare');
  await axe(page);

  const xlsx = path.join(app.userDataDir, 'comparison.xlsx');
  app.dialogs.answer(xlsx);
  await page.getByRole('button', { name: 'Save comparison as workbook…' }).click();
  await expect(page.getByText(`Saved the comparison to ${xlsx}.`)).toBeVisible();
  expect(fs.statSync(xlsx).size).toBeGreaterThan(1000);

  await page.getByRole('button', { name: 'Open Board, March 2026 read-only' }).click();
  const opened = page.getByRole('region', { name: /Board, March 2026\s+Read-only/ });
  await expect(opened).toBeVisible();
  await expect(opened.getByRole('table', { name: 'Scenario: Our Dorset plan' })).toBeVisible();
  await app.screenshot('history-snapshot-open');
  await axe(page);

  await page.getByRole('button', { name: 'Restore Board, March 2026' }).click();
  await expect(page.getByText('Restored snapshot "Board, March 2026". Undo (Ctrl+Z) brings back the plan as it was before.')).toBeVisible();
  expect(app.readDb(intake)).toBe(10);
  await app.screenshot('history-snapshot-restored');
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await expect.poll(() => app.readDb(intake)).toBe(40);
  await openHistory(page, 'Audit trail');
  await expect(page.getByRole('table').getByRole('row').nth(1)).toContainText('Undid: Restored snapshot "Board, March 2026"');
  await app.screenshot('history-audit-after-restore-undo');
});

test('backups are listed with time and size, and one restores as a new plan', async ({ app }) => {
  const { page } = app;
  await app.ctx.backups.idle();
  await openHistory(page, 'Backups');
  await page.getByRole('button', { name: 'Back up now' }).click();
  await expect(page.getByText(/^Backed up the plan \(\d+ KB\)\.$/)).toBeVisible();
  const rows = page.getByRole('table').getByRole('row');
  await expect(rows.nth(1)).toContainText(/\d+ KB/);
  await app.screenshot('history-backups');
  await axe(page);

  const before = app.readDb((db) => db.prepare('SELECT count(*) AS n FROM pipeline_intake').get());
  await rows
    .nth(1)
    .getByRole('button', { name: /^Restore the backup from / })
    .click();
  await expect(page.getByText(/^Restored the backup from .* as a new plan/)).toBeVisible();
  const info = app.ctx.info();
  expect(path.basename(info.path)).toMatch(/^Dorset ICS workforce plan \(demo\) \(restored \d{4}-\d{2}-\d{2} \d{2}-\d{2}\)\.wfplan$/);
  expect(app.ctx.db.prepare('SELECT count(*) AS n FROM pipeline_intake').get()).toEqual(before);
  await app.screenshot('history-backup-restored');
});

test('a damaged plan is refused untouched, and the window offers its newest good backup', async ({ app }) => {
  const { page } = app;
  // A second plan that has been opened once (so it has a backup), then damaged on disk.
  const other = path.join(app.userDataDir, 'plans', 'Board plan.wfplan');
  app.dialogs.answer(other);
  await page.getByRole('button', { name: 'Plan ▾' }).click();
  await page.getByRole('menuitem', { name: 'Save as…' }).click();
  await expect(page.getByText('Saved a copy; you are now working in the copy.')).toBeVisible();
  await app.ctx.backups.idle();
  expect(app.ctx.listBackups().length).toBeGreaterThan(0);
  app.ctx.openPath(app.planPath);
  await app.ctx.backups.idle();
  const bytes = fs.readFileSync(other);
  fs.writeFileSync(other, bytes.subarray(0, Math.floor(bytes.length / 2)));
  const damaged = fs.readFileSync(other);

  app.dialogs.answer(other);
  await page.getByRole('button', { name: 'Plan ▾' }).click();
  await page.getByRole('menuitem', { name: 'Open…' }).click();
  await expect(page.getByText(/^"Board plan\.wfplan" is damaged: .* open History, then Backups, and choose "Restore the newest good backup"\.$/)).toBeVisible();
  expect(fs.readFileSync(other).equals(damaged)).toBe(true);

  await openHistory(page, 'Backups');
  const offer = page.getByRole('region', { name: 'A plan could not be opened because it is damaged' });
  await expect(offer).toContainText('"Board plan.wfplan" is damaged');
  await app.screenshot('history-damaged-plan-offer');
  await axe(page);
  await offer.getByRole('button', { name: /^Restore the newest good backup/ }).click();
  await expect(
    page.getByText(/^Restored the newest good backup as “.*” \(.*Board plan \(restored .*\)\.wfplan\), now open\. The damaged file was left unchanged\.$/),
  ).toBeVisible();
  expect(path.basename(app.ctx.info().path)).toMatch(/^Board plan \(restored \d{4}-\d{2}-\d{2} \d{2}-\d{2}\)\.wfplan$/);
  expect(fs.readFileSync(other).equals(damaged)).toBe(true);
  await expect(offer).toHaveCount(0);
  await app.screenshot('history-damaged-plan-recovered');
});
