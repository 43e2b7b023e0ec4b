import type { Page } from '@playwright/test';
import { test, expect } from './harness';

/** Where keyboard focus is: the grid cell's column id and row index, if it is on a body cell. */
async function focusedCell(page: Page): Promise<{ colId: string | null; row: string | null; inGrid: boolean }> {
  return page.evaluate(() => {
    const el = document.activeElement;
    const cell = el?.closest('[role="gridcell"]');
    const row = el?.closest('[role="row"]');
    return { colId: cell?.getAttribute('col-id') ?? null, row: row?.getAttribute('row-index') ?? null, inGrid: Boolean(el?.closest('.ag-root-wrapper')) };
  });
}

/** Keyboard only: open the view from the navigation, narrow it with Find, Tab into the grid, arrow to the column. */
async function reachCell(page: Page, nav: string, find: string, colId: string): Promise<void> {
  const button = page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: nav, exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: nav })).toBeVisible();
  const findBox = page.getByRole('searchbox').first();
  await findBox.focus();
  await page.keyboard.type(find);
  await expect(page.locator('.ag-grid-scrolling-container .ag-row').first()).toBeVisible();
  for (let i = 0; i < 12 && !(await focusedCell(page)).inGrid; i++) await page.keyboard.press('Tab');
  // Tab lands on the grid's header or first cell; arrow down into the first body row.
  for (let i = 0; i < 4 && (await focusedCell(page)).row !== '0'; i++) await page.keyboard.press('ArrowDown');
  expect((await focusedCell(page)).row).toBe('0');
  for (let i = 0; i < 20 && (await focusedCell(page)).colId !== 'name' && (await focusedCell(page)).colId !== null; i++) await page.keyboard.press('ArrowLeft');
  for (let i = 0; i < 60 && (await focusedCell(page)).colId !== colId; i++) await page.keyboard.press('ArrowRight');
  expect((await focusedCell(page)).colId).toBe(colId);
}

const JOURNEYS = [
  { nav: 'Baseline', find: 'Paramedic', colId: 'headcount', value: '77', shown: '77' },
  { nav: 'Pipelines', find: 'Registered nurse degree apprenticeship (RBD)', colId: 'y2024', value: '33', shown: '33' },
  { nav: 'Other joiners', find: 'Paramedic', colId: 'y2024', value: '9', shown: '9.0' },
  { nav: 'Demand', find: 'GP registered population', colId: 'growth', value: '6%', shown: '6.0%' },
  { nav: 'Targets', find: 'Endoscopists', colId: 'value', value: '30', shown: '30' },
  { nav: 'Assumptions', find: 'Paramedic, South Western', colId: 'source', value: 'SWAST board paper', shown: 'SWAST board paper' },
];

for (const j of JOURNEYS) {
  test(`${j.nav}: keyboard only — Tab, arrows, Enter or F2 to edit, Esc to cancel`, async ({ app }) => {
    const { page } = app;
    await reachCell(page, j.nav, j.find, j.colId);
    const cell = page.locator(`.ag-grid-scrolling-container .ag-row[row-index="0"] [col-id="${j.colId}"]`).first();
    const before = (await cell.textContent()) ?? '';

    // Esc cancels: nothing is sent, nothing changes.
    const changesBefore = app.readDb((db) => (db.prepare('SELECT count(*) n FROM change_set').get() as { n: number }).n);
    await page.keyboard.press('F2');
    await page.keyboard.press('Control+a');
    await page.keyboard.type('123456');
    await page.keyboard.press('Escape');
    await expect(cell).toHaveText(before);
    expect(app.readDb((db) => (db.prepare('SELECT count(*) n FROM change_set').get() as { n: number }).n)).toBe(changesBefore);

    // Enter edits and Enter commits.
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+a');
    await page.keyboard.type(j.value);
    await page.keyboard.press('Enter');
    await expect(cell).toContainText(j.shown);
    await expect.poll(() => app.readDb((db) => (db.prepare('SELECT count(*) n FROM change_set').get() as { n: number }).n)).toBe(changesBefore + 1);
    // Undo from the keyboard too.
    await page.keyboard.press('Control+z');
    await expect(cell).toHaveText(before);
  });
}
