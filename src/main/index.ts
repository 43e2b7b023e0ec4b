/** Application lifecycle only: everything else lives in the modules it wires together. */
import { app, ipcMain, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { AppContext } from './app-context';
import { electronDialogs } from './dialogs-electron';
import { createHandlers } from './ipc/handlers';
import { registerIpc } from './ipc/register';
import { logError } from './log';
import { electronPrinter } from './print-pdf';
import { installMenu } from './menu';
import { registerAppScheme, serveRenderer } from './protocol';
import { permissionCheckHandler, permissionRequestHandler, trustedOrigins } from './security';
import { createMainWindow } from './window';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const origins = trustedOrigins(devServerUrl);
let mainWindow: BrowserWindow | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', () => {
    if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });
  app.on('web-contents-created', (_e, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  void app.whenReady().then(start);
}

function start(): void {
  session.defaultSession.setPermissionRequestHandler(permissionRequestHandler);
  session.defaultSession.setPermissionCheckHandler(permissionCheckHandler);
  serveRenderer(path.join(__dirname, '../renderer'));

  const ctx = new AppContext({
    userDataDir: app.getPath('userData'),
    dialogs: electronDialogs(() => mainWindow),
    appVersion: app.getVersion(),
    emit: (event, payload) => mainWindow?.webContents.send(event, payload),
    printPdf: electronPrinter(() => mainWindow),
  });
  registerIpc(ipcMain, createHandlers(ctx), origins);
  try {
    ctx.openAtStartup();
  } catch (err) {
    logError('Opening the plan at start-up', err);
  }

  const refreshMenu = (): void =>
    installMenu(mainWindow, ctx.recent(), {
      command: (command) => mainWindow?.webContents.send('menu/command', { command }),
      openRecent: (file) => {
        try {
          ctx.openPath(file);
        } catch (err) {
          logError('Opening a recent plan', err);
        }
        refreshMenu();
      },
    });
  mainWindow = createMainWindow(origins, devServerUrl);
  refreshMenu();
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
  app.on('window-all-closed', () => {
    ctx.close();
    app.quit();
  });
}
