import type Database from 'better-sqlite3';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './harness';

const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

async function axe(page: Page) {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

type Db = Database.Database;
const names = (db: Db) => (db.prepare('SELECT name FROM scenario ORDER BY id').all() as { name: string }[]).map((s) => s.name);
const pipelineCount = (db: Db, scenario: string) =>
  (db.prepare('SELECT count(*) AS n FROM pipeline p JOIN scenario s ON s.id = p.scenario_id WHERE s.name = ?').get(scenario) as { n: number }).n;

test('create, copy, rename and delete (with confirmation) scenarios from the top bar, each undoable', async ({ app }) => {
  const { page } = app;
  const picker = page.getByRole('combobox', { name: 'Scenario' });
  await page.getByRole('button', { name: 'Manage scenarios…' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Manage scenarios' });
  await expect(dialog).toBeVisible();
  await app.screenshot('scenarios-manage');
  await axe(page);

  // Copy "Our Dorset plan": everything it owns comes with it, and the copy is selected.
  await dialog.getByRole('button', { name: 'Copy Our Dorset plan' }).click();
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toHaveValue('Our Dorset plan (copy)');
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Stretch');
  await dialog.getByRole('button', { name: 'Copy', exact: true }).click();
  await expect(dialog.getByRole('rowheader', { name: /Stretch/ })).toBeVisible();
  await expect(picker.locator('option:checked')).toHaveText('Stretch');
  expect(app.readDb(names)).toEqual(['Do nothing', 'Our Dorset plan', 'Stretch']);
  expect(app.readDb((db) => pipelineCount(db, 'Stretch'))).toBe(app.readDb((db) => pipelineCount(db, 'Our Dorset plan')));

  // A name already used is refused with the reason, and nothing changes.
  await dialog.getByRole('button', { name: 'Rename Stretch' }).click();
  await dialog.getByRole('textbox', { name: 'New name' }).fill('Do nothing');
  await dialog.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('There is already a scenario called "Do nothing". Choose another name.');
  await dialog.getByRole('textbox', { name: 'New name' }).fill('Stretch 2026');
  await dialog.getByRole('button', { name: 'Rename', exact: true }).click();
  await expect(dialog.getByRole('rowheader', { name: /Stretch 2026/ })).toBeVisible();
  expect(app.readDb(names)).toContain('Stretch 2026');

  // Create an empty one.
  await dialog.getByRole('button', { name: 'New scenario…' }).click();
  await dialog.getByRole('textbox', { name: 'Name' }).fill('Blank');
  await dialog.getByRole('button', { name: 'Create' }).click();
  await expect(dialog.getByRole('rowheader', { name: /Blank/ })).toBeVisible();
  expect(app.readDb((db) => pipelineCount(db, 'Blank'))).toBe(0);

  // Delete asks first; "Keep it" keeps it; Esc closes only the confirmation.
  await dialog.getByRole('button', { name: 'Delete Stretch 2026' }).click();
  const confirm = page.getByRole('alertdialog', { name: 'Delete "Stretch 2026"?' });
  await expect(confirm).toBeVisible();
  await app.screenshot('scenarios-delete-confirm');
  await axe(page);
  await confirm.getByRole('button', { name: 'Keep it' }).click();
  await expect(confirm).toBeHidden();
  expect(app.readDb(names)).toContain('Stretch 2026');
  await dialog.getByRole('button', { name: 'Delete Stretch 2026' }).click();
  await page.keyboard.press('Escape');
  await expect(confirm).toBeHidden();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Delete Stretch 2026' }).click();
  await confirm.getByRole('button', { name: 'Delete scenario' }).click();
  await expect(dialog.getByRole('rowheader', { name: /Stretch 2026/ })).toHaveCount(0);
  expect(app.readDb(names)).toEqual(['Do nothing', 'Our Dorset plan', 'Blank']);

  // Esc closes the panel; Ctrl+Z brings the deleted scenario back with its pipelines.
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.locator('#main').focus();
  await page.keyboard.press('Control+z');
  await expect.poll(() => app.readDb(names)).toEqual(['Do nothing', 'Our Dorset plan', 'Stretch 2026', 'Blank']);
  expect(app.readDb((db) => pipelineCount(db, 'Stretch 2026'))).toBe(app.readDb((db) => pipelineCount(db, 'Our Dorset plan')));
  await expect(picker.locator('option')).toHaveText(['Do nothing', 'Our Dorset plan', 'Stretch 2026', 'Blank']);
});

test('keyboard only: open the panel, copy a scenario, and close it, with focus back on the button', async ({ app }) => {
  const { page } = app;
  const open = page.getByRole('button', { name: 'Manage scenarios…' }).first();
  await open.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Manage scenarios' });
  await expect(dialog).toBeVisible();
  // Focus is inside the dialog; Tab to "Copy Do nothing" and press Enter.
  const copy = dialog.getByRole('button', { name: 'Copy Do nothing' });
  for (let i = 0; i < 12 && !(await copy.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(copy).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('textbox', { name: 'Name' })).toBeFocused();
  await page.keyboard.type(' again');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('rowheader', { name: /Do nothing \(copy\) again/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(open).toBeFocused();
});
