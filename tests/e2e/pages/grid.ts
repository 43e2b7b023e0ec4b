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
    return this.root.locator(`.ag-row[row-index="${rowIndex}"] [col-id="${colId}"]`).first();
  }

  async editCell(rowIndex: string, colId: string, text: string): Promise<void> {
    const cell = this.cell(rowIndex, colId);
    await cell.scrollIntoViewIfNeeded();
    await cell.dblclick();
    const input = cell.locator('input, textarea').first();
    await expect(input).toBeVisible();
    await input.fill(text);
    await input.press('Enter');
  }
}
