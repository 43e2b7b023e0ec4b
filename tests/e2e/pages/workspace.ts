/** Helpers for the workspace tests: views, accessibility, and where a grid's cells and scrollbars are. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Locator, type Page } from '@playwright/test';

export const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

export async function axe(page: Page): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).withTags(WCAG).analyze();
  expect(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

export async function openView(page: Page, nav: string, heading = nav): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: nav, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
}

/** The first grid on the page (or in `scope`): its root element. */
export function gridIn(scope: Page | Locator): Locator {
  return scope.locator('.ag-root-wrapper').first();
}

export interface GridGeometry {
  /** Right edge of the right-most header cell, and bottom edge of the lowest body row. */
  lastColumnRight: number;
  lastRowBottom: number;
  /** Where the grid's scrollbars start (null when not shown), and the body's own edges. */
  verticalScrollLeft: number | null;
  horizontalScrollTop: number | null;
  bodyRight: number;
  bodyBottom: number;
  scrolledRight: boolean;
  scrolledDown: boolean;
}

/** Scrolls the grid fully right and down, then measures it. */
export async function scrolledToTheEnd(grid: Locator): Promise<GridGeometry> {
  await grid.locator('.ag-grid-viewport').evaluate((vp) => {
    vp.scrollLeft = vp.scrollWidth;
    vp.scrollTop = vp.scrollHeight;
  });
  // Let the grid draw the rows and columns scrolled into view.
  await grid.page().waitForTimeout(400);
  return grid.evaluate((root) => {
    const shown = (el: Element | null) =>
      el instanceof HTMLElement && el.offsetParent !== null && !/\bag-(hidden|invisible)\b/.test(el.className) && getComputedStyle(el).display !== 'none';
    const rect = (el: Element) => el.getBoundingClientRect();
    const v = root.querySelector('.ag-body-vertical-scroll');
    const h = root.querySelector('.ag-body-horizontal-scroll');
    const vp = root.querySelector('.ag-grid-viewport') as HTMLElement;
    const headers = [...root.querySelectorAll('.ag-header-cell')].map(rect).filter((r) => r.width > 0);
    const rows = [...root.querySelectorAll('.ag-grid-scrolling-container .ag-row')].map(rect).filter((r) => r.height > 0);
    const pinnedBottom = root.querySelector('.ag-grid-pinned-bottom-rows-container .ag-row');
    const body = rect(vp);
    return {
      lastColumnRight: Math.max(...headers.map((r) => r.right)),
      lastRowBottom: Math.max(...rows.map((r) => r.bottom)),
      verticalScrollLeft: shown(v) ? rect(v!).left : null,
      horizontalScrollTop: shown(h) ? rect(h!).top : null,
      bodyRight: body.right,
      bodyBottom: pinnedBottom ? rect(pinnedBottom).top : body.bottom,
      scrolledRight: vp.scrollLeft + vp.clientWidth >= vp.scrollWidth - 1,
      scrolledDown: vp.scrollTop + vp.clientHeight >= vp.scrollHeight - 1,
    };
  });
}

/** Nothing under a scrollbar: the last column and the last row end before the scrollbars and the body's edges. */
export function expectNothingUnderScrollbars(g: GridGeometry, what: string): void {
  expect(g.scrolledRight && g.scrolledDown, `${what}: scrolled to the end`).toBe(true);
  const limitRight = Math.min(g.bodyRight, g.verticalScrollLeft ?? Infinity);
  const limitBottom = Math.min(g.bodyBottom, g.horizontalScrollTop ?? Infinity);
  expect(g.lastColumnRight, `${what}: the last column's right edge (${g.lastColumnRight}) against ${limitRight}`).toBeLessThanOrEqual(limitRight + 0.5);
  expect(g.lastRowBottom, `${what}: the last row's bottom edge (${g.lastRowBottom}) against ${limitBottom}`).toBeLessThanOrEqual(limitBottom + 0.5);
}

/** How many body rows are wholly inside the grid's visible body. */
export async function rowsFullyVisible(grid: Locator): Promise<number> {
  return grid.evaluate((root) => {
    const vp = root.querySelector('.ag-grid-viewport')!.getBoundingClientRect();
    const header = root.querySelector('.ag-header')?.getBoundingClientRect();
    const pinned = root.querySelector('.ag-grid-pinned-bottom-rows-container .ag-row')?.getBoundingClientRect();
    const h = root.querySelector('.ag-body-horizontal-scroll');
    const hTop =
      h instanceof HTMLElement && !/\bag-(hidden|invisible)\b/.test(h.className) && h.offsetParent !== null ? h.getBoundingClientRect().top : Infinity;
    const top = header ? header.bottom : vp.top;
    const bottom = Math.min(pinned ? pinned.top : vp.bottom, hTop);
    return [...root.querySelectorAll('.ag-grid-scrolling-container .ag-row')]
      .map((r) => r.getBoundingClientRect())
      .filter((r) => r.top >= top - 0.5 && r.bottom <= bottom + 0.5).length;
  });
}

/** The header cells wholly visible between the pinned columns and the body's right edge (or its scrollbar). */
export async function columnsFullyVisible(grid: Locator): Promise<string[]> {
  return grid.evaluate((root) => {
    const vp = root.querySelector('.ag-grid-viewport')!.getBoundingClientRect();
    const v = root.querySelector('.ag-body-vertical-scroll');
    const vLeft = v instanceof HTMLElement && v.offsetParent !== null && getComputedStyle(v).display !== 'none' ? v.getBoundingClientRect().left : Infinity;
    const pinnedRight = Math.max(
      vp.left,
      ...[...root.querySelectorAll('.ag-header-row-column .ag-grid-pinned-left-cells .ag-header-cell')].map((c) => c.getBoundingClientRect().right),
    );
    const right = Math.min(vp.right, vLeft);
    return [...root.querySelectorAll('.ag-header-row-column .ag-header-cell')]
      .filter((c) => !c.closest('.ag-grid-pinned-left-cells'))
      .filter((c) => {
        const r = c.getBoundingClientRect();
        return r.width > 0 && r.left >= pinnedRight - 0.5 && r.right <= right + 0.5;
      })
      .map((c) => c.getAttribute('col-id') ?? '');
  });
}
