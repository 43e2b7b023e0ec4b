/** Application lifecycle only: everything else lives in the modules it wires together. */
import { app, dialog, ipcMain, session, type BrowserWindow } from 'electron';
import path from 'node:path';
import { AppContext } from './app-context';
import { electronDialogs } from './dialogs-electron';
import { createHandlers } from './ipc/handlers';
import { registerIpc } from './ipc/register';
import { logError } from './log';
import { electronPrinter } from './print-pdf';
import { installMenu } from './menu';
import { planFileFromArgv } from './open-args';
import { openRequestedPlan } from './open-requested';
import { registerAppScheme, serveRenderer } from './protocol';
import { NETWORK_REQUEST_FILTER, isAllowedRequest, permissionCheckHandler, permissionRequestHandler, trustedOrigins } from './security';
import { createMainWindow } from './window';

const devServerUrl = !app.isPackaged ? process.env['ELECTRON_RENDERER_URL'] : undefined;
const origins = trustedOrigins(devServerUrl);
let mainWindow: BrowserWindow | null = null;
/** A plan the OS asked for (double-click, "Open with") before the app was ready: opened at start-up instead of the last plan. */
let requestedPlan: string | null = planFileFromArgv(process.argv, { isPackaged: app.isPackaged, cwd: process.cwd() });
/** Set once the app is ready: opens a plan the OS asks for while the app runs. */
let openPlan: ((file: string) => void) | null = null;

function bringToFront(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  if (!mainWindow.isVisible()) mainWindow.show();
  mainWindow.focus();
}

function requestPlan(file: string): void {
  if (openPlan) {
    openPlan(file);
    bringToFront();
  } else {
    requestedPlan = file;
  }
}

if (!app.requestSingleInstanceLock()) {
  // Another copy is running: it receives 'second-instance' with this argv and opens the plan.
  app.quit();
} else {
  registerAppScheme();
  app.on('second-instance', (_event, argv, workingDirectory) => {
    const file = planFileFromArgv(argv, { isPackaged: app.isPackaged, cwd: workingDirectory });
    if (file) requestPlan(file);
    else bringToFront();
  });
  // macOS hands over documents with this event, also before 'ready' when it launches the app.
  app.on('open-file', (event, file) => {
    event.preventDefault();
    requestPlan(file);
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
  session.defaultSession.webRequest.onBeforeRequest(NETWORK_REQUEST_FILTER, (details, callback) =>
    callback({ cancel: !isAllowedRequest(details.url, origins) }),
  );
  serveRenderer(path.join(__dirname, '../renderer'));

  const ctx = new AppContext({
    userDataDir: app.getPath('userData'),
    dialogs: electronDialogs(() => mainWindow),
    appVersion: app.getVersion(),
    emit: (event, payload) => mainWindow?.webContents.send(event, payload),
    printPdf: electronPrinter(() => mainWindow),
  });
  registerIpc(ipcMain, createHandlers(ctx), origins);

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
  const showOpenError = (message: string, detail: string): void => {
    const options = { type: 'error' as const, title: 'Open plan', message, detail };
    void (mainWindow ? dialog.showMessageBox(mainWindow, options) : dialog.showMessageBox(options));
  };

  mainWindow = createMainWindow(origins, devServerUrl);
  mainWindow.on('closed', () => {
    mainWindow = null;
  });

  const first = requestedPlan;
  requestedPlan = null;
  if (!first || !openRequestedPlan(ctx, first, showOpenError)) {
    try {
      ctx.openAtStartup();
    } catch (err) {
      logError('Opening the plan at start-up', err);
    }
  }
  refreshMenu();
  openPlan = (file) => {
    openRequestedPlan(ctx, file, showOpenError);
    refreshMenu();
  };

  app.on('window-all-closed', () => {
    ctx.close();
    app.quit();
  });
}
