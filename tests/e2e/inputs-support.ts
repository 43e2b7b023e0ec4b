/** Helpers shared by the input-view and paste end-to-end tests. */
import type Database from 'better-sqlite3';
import { expect, type Locator, type Page } from '@playwright/test';

export const DCH = 'Dorset County Hospital NHS Foundation Trust';
export const SWAST = 'South Western Ambulance Service NHS Foundation Trust (Dorset)';
export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function openView(page: Page, nav: string, heading = nav): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: nav, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.locator('.ag-row').first()).toBeVisible();
}

export function filterBar(page: Page): Locator {
  return page.getByRole('group', { name: 'Filter rows' });
}

export async function filterTo(page: Page, org: string | null, role: string | null): Promise<void> {
  const bar = filterBar(page);
  if (org) await bar.getByLabel('Organisation').selectOption({ label: org });
  if (role) await bar.getByLabel('Role', { exact: true }).selectOption({ label: role });
}

/** The data rows of a grid (not the pinned totals). */
export function dataRows(grid: Locator): Locator {
  return grid.locator('.ag-grid-scrolling-container .ag-row');
}

/** A body cell by row index and column id. */
export function cell(grid: Locator, rowIndex: number, colId: string): Locator {
  // The grid renders the columns in view: agcell= scrolls across to one that is not (harness.ts).
  return grid.locator(`agcell=.ag-grid-scrolling-container .ag-row[row-index="${rowIndex}"]|${colId}`).first();
}

export function totalsCell(grid: Locator, colId: string): Locator {
  return grid.locator(`agcell=.ag-grid-pinned-bottom-rows-container .ag-row|${colId}`).first();
}

/** Types into a cell the way a keyboard user does: focus, Enter, type, Enter. */
export async function typeInto(cellLocator: Locator, text: string): Promise<void> {
  await cellLocator.click();
  await cellLocator.press('Enter');
  const input = cellLocator.page().locator('.ag-cell-inline-editing input, .ag-popup-editor textarea, .ag-popup-editor input').first();
  await expect(input).toBeVisible();
  await input.fill(text);
  await input.press('Enter');
}

/** Picks a value in a cell's drop-down list with the keyboard: Enter opens it, type-ahead, Enter picks. */
export async function chooseIn(cellLocator: Locator, label: string): Promise<void> {
  await cellLocator.click();
  await cellLocator.press('Enter');
  const page = cellLocator.page();
  const option = page.getByRole('option', { name: label, exact: true });
  await expect(option).toBeVisible();
  // Keyboard only: arrow from the highlighted option to the wanted one, then Enter.
  const options = await page.getByRole('option').evaluateAll((els) => els.map((e) => [(e.textContent ?? '').trim(), e.getAttribute('aria-selected')]));
  const from = options.findIndex((o) => o[1] === 'true');
  const to = options.findIndex((o) => o[0] === label);
  for (let i = from; i < to; i++) await page.keyboard.press('ArrowDown');
  for (let i = from; i > to; i--) await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
}

/** Puts text on the clipboard and presses Ctrl+V on the focused cell, as a planner pasting from Excel does. */
export async function pasteInto(page: Page, cellLocator: Locator, text: string): Promise<void> {
  await cellLocator.click();
  await page.evaluate((t) => {
    // The paste event Chromium fires for Ctrl+V, with the clipboard text Excel writes.
    const data = new DataTransfer();
    data.setData('text/plain', t);
    const target = document.activeElement ?? document.body;
    target.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

export function ids(db: Database.Database, org: string, role: string): { orgId: number; roleId: number } {
  const orgId = (db.prepare('SELECT id FROM organisation WHERE name = ?').get(org) as { id: number }).id;
  const roleId = (db.prepare('SELECT id FROM role WHERE name = ?').get(role) as { id: number }).id;
  return { orgId, roleId };
}

export function baselineOf(db: Database.Database, org: string, role: string): { fte: number; headcount: number; establishment: number; age_profile: string } {
  const { orgId, roleId } = ids(db, org, role);
  return db.prepare('SELECT fte, headcount, establishment, age_profile FROM workforce_baseline WHERE org_id = ? AND role_id = ?').get(orgId, roleId) as {
    fte: number;
    headcount: number;
    establishment: number;
    age_profile: string;
  };
}

export function rateOf(db: Database.Database, scenario: string, org: string, role: string): { leaver_rate: number; agency_share: number } {
  const { orgId, roleId } = ids(db, org, role);
  return db
    .prepare('SELECT leaver_rate, agency_share FROM workforce_rate r JOIN scenario s ON s.id = r.scenario_id WHERE s.name = ? AND org_id = ? AND role_id = ?')
    .get(scenario, orgId, roleId) as { leaver_rate: number; agency_share: number };
}

export function changes(db: Database.Database): { id: number; source: string; summary: string; state: string }[] {
  return db.prepare("SELECT id, source, summary, state FROM change_set WHERE kind = 'edit' ORDER BY id").all() as {
    id: number;
    source: string;
    summary: string;
    state: string;
  }[];
}

/** The row index of the first body row with this text in the given column. */
export async function rowIndexOf(grid: Locator, colId: string, text: string): Promise<number> {
  const c = grid.locator(`.ag-grid-scrolling-container .ag-row [col-id="${colId}"]`, { hasText: text }).first();
  await expect(c).toBeVisible();
  const index = await c.locator('xpath=ancestor::div[@role="row"][1]').getAttribute('row-index');
  return Number(index);
}
