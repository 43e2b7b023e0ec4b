import { dialog, type BrowserWindow } from 'electron';
import type { Dialogs, FileFilter } from './dialogs';

/** Real native dialogs, attached to the main window. */
export function electronDialogs(getWindow: () => BrowserWindow | null): Dialogs {
  return {
    async chooseFileToOpen(title: string, filters: FileFilter[]) {
      const win = getWindow();
      const options = { title, filters, properties: ['openFile' as const] };
      const r = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      return r.canceled ? null : (r.filePaths[0] ?? null);
    },
    async chooseFileToSave(title: string, defaultPath: string, filters: FileFilter[]) {
      const win = getWindow();
      const options = { title, defaultPath, filters };
      const r = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
      return r.canceled ? null : (r.filePath ?? null);
    },
  };
}
