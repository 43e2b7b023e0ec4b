/** A page object over one AG Grid: find rows by text, read and edit cells by column id. */
import { expect, type Locator, type Page } from '@playwright/test';

export class GridPage {
  readonly root: Locator;
  constructor(
    readonly page: Page,
    scope?: Locator,
  ) {
    this.root = (scope ?? page.locator('body')).locator('.ag-root-wrapper').first();
  }

  /** Narrows the grid with the view's Find box. */
  async find(text: string): Promise<void> {
    await this.page.getByRole('searchbox').fill(text);
  }

  /** The row index (AG Grid's row-index attribute) of the first row whose pinned/first cell has this text. */
  async rowIndexOf(text: string, colId = 'name'): Promise<string> {
    const cell = this.root.locator(`.ag-row [col-id="${colId}"]`, { hasText: text }).first();
    await expect(cell).toBeVisible();
    const row = cell.locator('xpath=ancestor::*[contains(concat(" ", normalize-space(@class), " "), " ag-row ")][1]');
    const index = await row.getAttribute('row-index');
    if (index === null) throw new Error(`No row index for ${text}`);
    return index;
  }

  /** A cell by row index and column id (the centre part of the row, or the pinned part). */
  cell(rowIndex: string, colId: string): Locator {
    // The grid renders the columns in view: agcell= scrolls across to one that is not (harness.ts).
    return this.root.locator(`agcell=.ag-row[row-index="${rowIndex}"]|${colId}`).first();
  }

  /** One cell per row the grid shows after its quick filter (pinned total rows excluded). */
  rows(colId = 'name'): Locator {
    return this.root.locator(`.ag-row:not(.ag-row-pinned) [col-id="${colId}"]`);
  }

  /**
   * Opens the cell's editor, types and commits. AG Grid may redraw a row just after a data
   * refresh (a reload after an add, a filter applying), detaching the element found a moment
   * before; opening the editor is retried on a fresh lookup until the editor shows.
   */
  async editCell(rowIndex: string, colId: string, text: string): Promise<void> {
    const cell = this.cell(rowIndex, colId);
    const input = cell.locator('input, textarea').first();
    await expect(async () => {
      await cell.dblclick({ timeout: 2000 });
      await expect(input).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 10_000 });
    await input.fill(text);
    await input.press('Enter');
  }
}
