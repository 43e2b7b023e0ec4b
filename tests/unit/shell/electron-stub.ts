/**
 * A stand-in for the `electron` module, for loading the BUILT main and preload bundles under
 * Node where the Electron binary cannot run. Every member the app uses is typed with Electron's
 * own declarations (node_modules/electron/electron.d.ts), so a call with the wrong shape fails
 * the typecheck; events are emitted with the arguments Electron passes; and what Electron
 * refuses is refused here too: protocol.registerSchemesAsPrivileged after 'ready', protocol,
 * session and BrowserWindow before it, a second ipcMain.handle for one channel. Any member the
 * stub does not have throws when the bundle reads it, so a new Electron API in the app is noticed.
 */
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type {
  App,
  BrowserWindowConstructorOptions,
  CallbackResponse,
  ContextBridge,
  CustomScheme,
  Dialog,
  HandlerDetails,
  IpcMain,
  IpcMainInvokeEvent,
  IpcRenderer,
  MenuItemConstructorOptions,
  MessageBoxOptions,
  MessageBoxReturnValue,
  Net,
  OnBeforeRequestListenerDetails,
  Protocol,
  Session,
  Shell,
  WebContents,
  WebRequestFilter,
  WindowOpenHandlerResponse,
} from 'electron';

/** Electron's Event: preventDefault and defaultPrevented, plus the event's own fields. */
export interface StubEvent {
  preventDefault(): void;
  readonly defaultPrevented: boolean;
}

export function makeEvent<P extends object>(params: P = {} as P): StubEvent & P {
  let prevented = false;
  return Object.assign(
    {
      preventDefault: () => {
        prevented = true;
      },
      get defaultPrevented() {
        return prevented;
      },
    },
    params,
  );
}

export interface StubOptions {
  userDataDir: string;
  isPackaged: boolean;
  /** What requestSingleInstanceLock answers (false: another copy already runs). */
  gotTheLock?: boolean;
}

type ProtocolHandler = Parameters<Protocol['handle']>[1];
type PermissionRequestHandler = Parameters<Session['setPermissionRequestHandler']>[0];
type PermissionCheckHandler = Parameters<Session['setPermissionCheckHandler']>[0];
type BeforeRequestListener = (details: OnBeforeRequestListenerDetails, callback: (response: CallbackResponse) => void) => void;
type InvokeListener = Parameters<IpcMain['handle']>[1];

const projectRequire = createRequire(import.meta.url);
const appPackage = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, '../../../package.json'), 'utf8')) as {
  name: string;
  productName: string;
  version: string;
};

export function createElectronStub(options: StubOptions) {
  let ready = false;
  const mustBeReady = (what: string) => {
    if (!ready) throw new Error(`${what} cannot be used before the app is ready`);
  };

  // ---- app ----
  let resolveReady: () => void = () => undefined;
  const readyPromise = new Promise<void>((resolve) => {
    resolveReady = resolve;
  });
  class StubApp
    extends EventEmitter
    implements Pick<App, 'isPackaged' | 'requestSingleInstanceLock' | 'quit' | 'whenReady' | 'isReady' | 'getPath' | 'getVersion' | 'getName'>
  {
    readonly isPackaged = options.isPackaged;
    lockRequests: (Record<string, unknown> | undefined)[] = [];
    quitCalls = 0;
    requestSingleInstanceLock(additionalData?: Record<string, unknown>): boolean {
      this.lockRequests.push(additionalData);
      return options.gotTheLock ?? true;
    }
    quit(): void {
      this.quitCalls++;
    }
    whenReady(): Promise<void> {
      return readyPromise;
    }
    isReady(): boolean {
      return ready;
    }
    getPath(name: Parameters<App['getPath']>[0]): string {
      if (name === 'userData') return options.userDataDir;
      throw new Error(`The stub has no app.getPath('${name}'): add it if the app needs it`);
    }
    getVersion(): string {
      return appPackage.version;
    }
    getName(): string {
      return appPackage.productName;
    }
    /** Electron's start-up: 'ready' (event, launchInfo), and whenReady() resolves. */
    emitReady(): void {
      ready = true;
      this.emit('ready', makeEvent(), {});
      resolveReady();
    }
    /** What the running copy receives when the app is launched again. */
    emitSecondInstance(argv: string[], workingDirectory: string, additionalData: unknown = {}): StubEvent {
      const event = makeEvent();
      this.emit('second-instance', event, argv, workingDirectory, additionalData);
      return event;
    }
    /** macOS: a document opened with the app (double-click, dropped on the Dock icon). */
    emitOpenFile(file: string): StubEvent {
      const event = makeEvent();
      this.emit('open-file', event, file);
      return event;
    }
  }
  const app = new StubApp();

  // ---- webContents and BrowserWindow ----
  class StubWebContents extends EventEmitter implements Pick<WebContents, 'setWindowOpenHandler' | 'send' | 'loadURL'> {
    windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;
    sent: { channel: string; args: unknown[] }[] = [];
    loadedUrls: string[] = [];
    setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
      this.windowOpenHandler = handler;
    }
    send(channel: string, ...args: unknown[]): void {
      this.sent.push({ channel, args });
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrls.push(url);
      return Promise.resolve();
    }
    /** 'will-navigate' as Electron 45 emits it: details event, then the deprecated positional url, isInPlace, isMainFrame, frame ids. */
    emitWillNavigate(url: string): StubEvent {
      const event = makeEvent({ url, isSameDocument: false, isMainFrame: true, frame: null, initiator: null });
      this.emit('will-navigate', event, url, false, true, 1, 1);
      return event;
    }
    emitWillRedirect(url: string): StubEvent {
      const event = makeEvent({ url, isSameDocument: false, isMainFrame: true, frame: null, initiator: null });
      this.emit('will-redirect', event, url, false, true, 1, 1);
      return event;
    }
    emitWillAttachWebview(): StubEvent {
      const event = makeEvent();
      this.emit('will-attach-webview', event, {}, {});
      return event;
    }
  }

  const windows: StubBrowserWindow[] = [];
  class StubBrowserWindow extends EventEmitter {
    readonly options: BrowserWindowConstructorOptions;
    readonly webContents = new StubWebContents();
    minimized = false;
    visible = false;
    calls: string[] = [];
    constructor(options: BrowserWindowConstructorOptions = {}) {
      super();
      mustBeReady('BrowserWindow');
      this.options = options;
      this.visible = options.show !== false;
      windows.push(this);
      app.emit('web-contents-created', makeEvent(), this.webContents);
    }
    loadURL(url: string): Promise<void> {
      return this.webContents.loadURL(url);
    }
    isMinimized(): boolean {
      return this.minimized;
    }
    restore(): void {
      this.calls.push('restore');
      this.minimized = false;
    }
    isVisible(): boolean {
      return this.visible;
    }
    show(): void {
      this.calls.push('show');
      this.visible = true;
    }
    focus(): void {
      this.calls.push('focus');
    }
    /** Closing the last window: 'closed' on it, then the app's 'window-all-closed'. */
    close(): void {
      this.emit('close', makeEvent());
      windows.splice(windows.indexOf(this), 1);
      this.emit('closed');
      if (windows.length === 0) app.emit('window-all-closed');
    }
  }

  // ---- protocol, session, net ----
  const privilegedSchemes: CustomScheme[] = [];
  const protocolHandlers = new Map<string, ProtocolHandler>();
  const protocol: Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'> = {
    registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
      if (ready) throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
      privilegedSchemes.push(...customSchemes);
    },
    handle(scheme: string, handler: ProtocolHandler): void {
      mustBeReady('protocol.handle');
      if (protocolHandlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
      protocolHandlers.set(scheme, handler);
    },
  };

  const guards = {
    permissionRequest: null as PermissionRequestHandler,
    permissionCheck: null as PermissionCheckHandler,
    beforeRequest: null as { filter: WebRequestFilter; listener: BeforeRequestListener } | null,
  };
  const defaultSession = {
    setPermissionRequestHandler(handler: PermissionRequestHandler): void {
      guards.permissionRequest = handler;
    },
    setPermissionCheckHandler(handler: PermissionCheckHandler): void {
      guards.permissionCheck = handler;
    },
    webRequest: {
      // Both of Electron's forms: (filter, listener) and (listener) for every URL.
      onBeforeRequest(filterOrListener: WebRequestFilter | BeforeRequestListener | null, maybeListener?: BeforeRequestListener | null): void {
        const filter = typeof filterOrListener === 'function' || filterOrListener === null ? { urls: ['<all_urls>'] } : filterOrListener;
        const listener = typeof filterOrListener === 'function' ? filterOrListener : (maybeListener ?? null);
        guards.beforeRequest = listener ? { filter, listener } : null;
      },
    },
  } satisfies Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'> & { webRequest: Pick<Session['webRequest'], 'onBeforeRequest'> };
  const session = {
    get defaultSession() {
      mustBeReady('session.defaultSession');
      return defaultSession;
    },
  };

  /** net.fetch for the file: URLs protocol.ts serves from (Node's fetch has no file: scheme). */
  const net: Pick<Net, 'fetch'> = {
    async fetch(input: string | Request): Promise<Response> {
      const url = typeof input === 'string' ? input : input.url;
      if (!url.startsWith('file:')) throw new Error(`The stub's net.fetch only reads file: URLs, not ${url}`);
      try {
        const body = await fs.promises.readFile(fileURLToPath(url));
        return new Response(body, { status: 200 });
      } catch {
        return new Response(null, { status: 404 });
      }
    },
  };

  // ---- ipcMain, dialog, Menu, shell ----
  const ipcHandlers = new Map<string, InvokeListener>();
  const ipcMain: Pick<IpcMain, 'handle'> = {
    handle(channel: string, listener: InvokeListener): void {
      if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      ipcHandlers.set(channel, listener);
    },
  };
  /** Calls a registered handler as ipcRenderer.invoke would, from a frame at `url`. */
  const invoke = async (
    channel: string,
    payload: unknown,
    frame: { url: string; parent: unknown } = { url: 'app://planner/index.html', parent: null },
  ): Promise<unknown> => {
    const listener = ipcHandlers.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    const event = { senderFrame: frame } as unknown as IpcMainInvokeEvent;
    return (await listener(event, payload)) as unknown;
  };

  const messageBoxes: MessageBoxOptions[] = [];
  const dialog: Pick<Dialog, 'showMessageBox' | 'showOpenDialog' | 'showSaveDialog' | 'showErrorBox'> = {
    showMessageBox(windowOrOptions: unknown, maybeOptions?: MessageBoxOptions): Promise<MessageBoxReturnValue> {
      messageBoxes.push((maybeOptions ?? windowOrOptions) as MessageBoxOptions);
      return Promise.resolve({ response: 0, checkboxChecked: false });
    },
    showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
    showSaveDialog: () => Promise.resolve({ canceled: true, filePath: '' }),
    showErrorBox(title: string, content: string): void {
      messageBoxes.push({ title, message: content, type: 'error' });
    },
  };

  class StubMenu {
    constructor(readonly template: MenuItemConstructorOptions[]) {}
    static applicationMenu: StubMenu | null = null;
    static buildFromTemplate(template: MenuItemConstructorOptions[]): StubMenu {
      return new StubMenu(template);
    }
    static setApplicationMenu(menu: StubMenu | null): void {
      StubMenu.applicationMenu = menu;
    }
  }

  const externalOpened: string[] = [];
  const shell: Pick<Shell, 'openExternal'> = {
    openExternal(url: string): Promise<void> {
      externalOpened.push(url);
      return Promise.resolve();
    },
  };

  // ---- preload side ----
  const exposed = new Map<string, unknown>();
  const contextBridge: Pick<ContextBridge, 'exposeInMainWorld'> = {
    exposeInMainWorld(apiKey: string, api: unknown): void {
      if (exposed.has(apiKey)) throw new Error(`Cannot bind an API on top of an existing property on the window object: ${apiKey}`);
      exposed.set(apiKey, api);
    },
  };
  const invoked: { channel: string; args: unknown[] }[] = [];
  class StubIpcRenderer extends EventEmitter implements Pick<IpcRenderer, 'invoke'> {
    invoke(channel: string, ...args: unknown[]): Promise<unknown> {
      invoked.push({ channel, args });
      return Promise.resolve({ ok: true, value: null });
    }
  }
  const ipcRenderer = new StubIpcRenderer();

  const members: Record<string, unknown> = {
    app,
    BrowserWindow: StubBrowserWindow,
    protocol,
    session,
    net,
    ipcMain,
    dialog,
    Menu: StubMenu,
    shell,
    contextBridge,
    ipcRenderer,
  };
  /** What require('electron') returns: a read of any member the stub lacks throws. */
  const module = new Proxy(members, {
    get(target, key) {
      if (typeof key !== 'string' || key === '__esModule' || key === 'default' || key === 'then') return undefined;
      if (!(key in target)) throw new Error(`The electron stub has no "${key}": the app uses an Electron API the shell test does not know`);
      return target[key];
    },
  });

  return {
    module,
    app,
    windows,
    privilegedSchemes,
    protocolHandlers,
    guards,
    net,
    ipcHandlers,
    invoke,
    messageBoxes,
    Menu: StubMenu,
    externalOpened,
    exposed,
    ipcRenderer,
    invoked,
  };
}

export type ElectronStub = ReturnType<typeof createElectronStub>;

/**
 * Loads a built CommonJS bundle with `require('electron')` answered by the stub. Node resolves
 * 'electron' from the bundle to node_modules/electron/index.js: the stub is put in the require
 * cache under that name, so the bundle is loaded exactly as built, with no rewriting.
 */
export function loadWithStub(bundle: string, stub: ElectronStub, argv: string[]): void {
  const electronEntry = projectRequire.resolve('electron');
  const outDir = path.dirname(path.dirname(bundle));
  for (const key of Object.keys(projectRequire.cache)) if (key.startsWith(outDir + path.sep)) delete projectRequire.cache[key];
  const savedArgv = process.argv;
  const savedEntry = projectRequire.cache[electronEntry];
  projectRequire.cache[electronEntry] = { id: electronEntry, filename: electronEntry, loaded: true, exports: stub.module } as unknown as NodeJS.Module;
  process.argv = argv;
  try {
    projectRequire(bundle);
  } finally {
    process.argv = savedArgv;
    if (savedEntry) projectRequire.cache[electronEntry] = savedEntry;
    else delete projectRequire.cache[electronEntry];
  }
}
