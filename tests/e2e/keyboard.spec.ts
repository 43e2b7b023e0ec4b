/**
 * The keyboard: Tab and Shift+Tab leave a grid (arrows move inside it), the Plan menu follows the
 * WAI-ARIA menu-button pattern, every view has a shortcut shown beside it, and a skip link goes
 * straight to the view's grid.
 */
import type { Page } from '@playwright/test';
import { test, expect } from './harness';
import { axe, openView } from './pages/workspace';

test.use({ viewport: { width: 1366, height: 768 } });

const focused = (page: Page) =>
  page.evaluate(() => {
    const el = document.activeElement;
    return {
      inGrid: Boolean(el?.closest('.ag-root-wrapper')),
      col: el?.closest('[col-id]')?.getAttribute('col-id') ?? null,
      row: el?.closest('[row-index]')?.getAttribute('row-index') ?? null,
      label: el?.getAttribute('aria-label') ?? el?.textContent?.trim().slice(0, 40) ?? '',
      tag: el?.tagName ?? '',
    };
  });

test('Tab and Shift+Tab leave a grid to the next and previous control; arrows move inside; Tab while editing moves on as in Excel', async ({ app }) => {
  const { page } = app;
  for (const view of ['Pipelines', 'Projection', 'Baseline']) {
    await openView(page, view);
    // Focused, not clicked: a click on a projection row opens its bridge, which takes the focus.
    const cell = page.locator('.ag-grid-scrolling-container .ag-row[row-index="1"] [col-id]').nth(1);
    await cell.focus();
    const start = await focused(page);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowDown');
    const moved = await focused(page);
    expect(moved.inGrid).toBe(true);
    expect(moved.row).toBe('2');
    expect(moved.col).not.toBe(start.col);
    // Shift+Tab: back to Find, the control before the grid.
    await page.keyboard.press('Shift+Tab');
    await expect(page.getByRole('searchbox', { name: 'Find' })).toBeFocused();
    // Tab from the grid goes past it, never to another cell.
    await cell.focus();
    await page.keyboard.press('Tab');
    expect((await focused(page)).inGrid, view).toBe(false);
  }
  // Editing: Tab commits and moves to the next cell, as in Excel.
  await openView(page, 'Pipelines');
  const y2021 = page.locator('.ag-grid-scrolling-container .ag-row[row-index="0"] [col-id="y2021"]').first();
  await y2021.click();
  await page.keyboard.type('12');
  await page.keyboard.press('Tab');
  await expect.poll(async () => (await focused(page)).col).toBe('y2022');
  await page.keyboard.press('Escape');
  await expect(y2021).toHaveText('12');
});

test('the Plan menu: a menu button with arrows, Home and End, Esc, and closing when focus leaves', async ({ app }) => {
  const { page } = app;
  const button = page.getByRole('button', { name: 'Plan ▾' });
  await expect(button).toHaveAttribute('aria-haspopup', 'menu');
  await button.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: 'Plan ▾' });
  await expect(menu).toBeVisible();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const items = menu.getByRole('menuitem');
  await expect(items.first()).toBeFocused();
  await expect(items.first()).toHaveText('New plan…');
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('End');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('Home');
  await expect(items.first()).toBeFocused();
  await app.screenshot('keyboard-plan-menu');
  await axe(page);
  // Esc closes it and returns to the button.
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  // ↑ opens it on the last item; Tab closes it as focus leaves.
  await page.keyboard.press('ArrowUp');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(menu).toBeHidden();
  // A click elsewhere closes it too.
  await button.click();
  await expect(menu).toBeVisible();
  await page.locator('#main').click({ position: { x: 5, y: 5 } });
  await expect(menu).toBeHidden();
});

test('a shortcut to each view, shown beside it; the skip link goes to the grid', async ({ app }) => {
  const { page } = app;
  const nav = page.getByRole('navigation', { name: 'Views' });
  const expectedKeys = {
    Dashboard: 'Alt+1',
    Baseline: 'Alt+2',
    Pipelines: 'Alt+3',
    'Other joiners': 'Alt+4',
    Demand: 'Alt+5',
    Targets: 'Alt+6',
    Projection: 'Alt+7',
    Compare: 'Alt+8',
    Assumptions: 'Alt+9',
    Import: 'Ctrl+I',
    History: 'Alt+0',
  };
  for (const [label, key] of Object.entries(expectedKeys)) {
    const item = nav.getByRole('button', { name: label, exact: true });
    await expect(nav.getByRole('listitem').filter({ has: page.getByRole('button', { name: label, exact: true }) })).toContainText(key);
    await expect(item).toHaveAttribute('aria-keyshortcuts', key.replace('Ctrl', 'Control'));
  }
  // The first Tab on the page reaches the skip link; on the dashboard (no grid) it skips to the content.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('#main')).toBeFocused();
  // A view's shortcut works from anywhere (a text box included) and goes straight to its grid.
  await page.keyboard.press('Alt+7');
  await expect(page.getByRole('heading', { level: 1, name: 'Projection' })).toBeVisible();
  await expect.poll(() => focused(page)).toMatchObject({ inGrid: true, row: '0', col: 'org' });
  await page.getByRole('searchbox', { name: 'Find' }).focus();
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { level: 1, name: 'Pipelines' })).toBeVisible();
  await expect.poll(() => focused(page)).toMatchObject({ inGrid: true, row: '0', col: 'name' });
  await page.keyboard.press('Control+i');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Import');
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('heading', { level: 1, name: 'Dashboard' })).toBeVisible();
  await expect(page.locator('#main')).toBeFocused();
  // Opened from the navigation, Pipelines' skip link goes to its grid's first cell.
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Pipelines', exact: true }).click();
  const skip = page.getByRole('link', { name: 'Skip to the grid' });
  await skip.focus();
  await app.screenshot('keyboard-skip-link');
  await page.keyboard.press('Enter');
  await expect.poll(() => focused(page)).toMatchObject({ inGrid: true, row: '0', col: 'name' });
  await axe(page);
});
