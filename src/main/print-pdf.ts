/**
 * Printing the window to PDF in the app: Electron's webContents.printToPDF over whatever the
 * window shows (the board summary's print view), with the same settings the tests give
 * Chromium's page.pdf. No Electron import: the window is passed in, so this is tested without
 * the Electron binary.
 */
import { AppError } from '../shared/api/errors';
import { electronPdfOptions, type PagePrinter } from './services/export/board-summary';

export interface PrintableWindow {
  isDestroyed(): boolean;
  webContents: { printToPDF(options: ReturnType<typeof electronPdfOptions>): Promise<Uint8Array> };
}

export function electronPrinter(getWindow: () => PrintableWindow | null): PagePrinter {
  return async (settings) => {
    const win = getWindow();
    if (!win || win.isDestroyed()) throw new AppError('NOT_FOUND', 'The planner window is closed: open it and save the board summary again.');
    return new Uint8Array(await win.webContents.printToPDF(electronPdfOptions(settings)));
  };
}
