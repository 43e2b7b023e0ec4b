/**
 * The app shell proven without the Electron binary: the BUILT main bundle (out/main/index.js,
 * what the installers ship) is loaded under Node with a stand-in for the `electron` module
 * (electron-stub.ts), and its start-up is checked: the single-instance lock, the app:// scheme
 * and its handler, the security guards, the window's options, a handler for every contract
 * channel, the menu, and plans handed over by the system (command line, a second launch, macOS
 * open-file). Needs `npm run build` first (npm test runs it).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { CHANNELS } from '../../../src/shared/api/contract';
import type { Envelope } from '../../../src/shared/api/errors';
import type { PlanInfo } from '../../../src/shared/api/dto';
import type { AboutInfo } from '../../../src/shared/api/channels/app';
import { APP_ENTRY, contentSecurityPolicy, STYLE_NONCE_PLACEHOLDER } from '../../../src/main/security';
import { closeSession, createEmptyPlan } from '../../../src/main/services/plan-session';
import { tempDir } from '../../support/temp';
import { createElectronStub, loadWithStub, type ElectronStub } from './electron-stub';

const MAIN = path.resolve('out/main/index.js');
const PRELOAD = path.resolve('out/preload/index.js');
const EXE = '/opt/Workforce Pipeline Planner/workforce-pipeline-planner';

beforeAll(() => {
  for (const f of [MAIN, PRELOAD]) if (!fs.existsSync(f)) throw new Error(`${path.relative(process.cwd(), f)} is missing: run npm run build first.`);
});

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Started {
  stub: ElectronStub;
  userData: string;
}
const running: ElectronStub[] = [];
afterEach(() => {
  // Closing the last window closes the plan and stops its backup timer, as in the app.
  for (const stub of running.splice(0)) for (const w of [...stub.windows]) w.close();
});

function makePlan(dir: string, name: string): string {
  const file = path.join(dir, `${name}.wfplan`);
  closeSession(createEmptyPlan(file, name));
  return file;
}

/** Loads the built main bundle as `argv` would launch it, and lets it become ready. */
async function launch(argv: string[], opts: { isPackaged?: boolean; gotTheLock?: boolean; beforeReady?: (stub: ElectronStub) => void } = {}): Promise<Started> {
  const userData = path.join(tempDir('wfp-shell-'), 'user-data');
  const stub = createElectronStub({ userDataDir: userData, isPackaged: opts.isPackaged ?? true, gotTheLock: opts.gotTheLock ?? true });
  running.push(stub);
  loadWithStub(MAIN, stub, argv);
  opts.beforeReady?.(stub);
  stub.app.emitReady();
  await settle();
  return { stub, userData };
}

async function planInfo(stub: ElectronStub): Promise<PlanInfo> {
  const reply = (await stub.invoke('plan/info', {})) as Envelope<PlanInfo>;
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value;
}

const onlyWindow = (stub: ElectronStub) => {
  expect(stub.windows).toHaveLength(1);
  const w = stub.windows[0];
  if (!w) throw new Error('no window');
  return w;
};

function findItem(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions | undefined {
  for (const item of items) {
    if (item.label === label) return item;
    if (Array.isArray(item.submenu)) {
      const found = findItem(item.submenu, label);
      if (found) return found;
    }
  }
  return undefined;
}

describe('the built main process starting up', () => {
  it('takes the single-instance lock and registers the app:// scheme before ready, and nothing that needs ready', () => {
    const stub = createElectronStub({ userDataDir: tempDir('wfp-shell-'), isPackaged: true });
    running.push(stub);
    loadWithStub(MAIN, stub, [EXE]);
    expect(stub.app.lockRequests).toHaveLength(1);
    expect(stub.app.quitCalls).toBe(0);
    expect(stub.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }]);
    for (const event of ['second-instance', 'open-file', 'web-contents-created']) expect(stub.app.listenerCount(event), event).toBe(1);
    expect(stub.ipcHandlers.size).toBe(0);
    expect(stub.windows).toHaveLength(0);
  });

  it('wires the window, the guards, every contract channel and the menu, and opens the plan named on the command line', async () => {
    const plan = makePlan(tempDir('wfp-plans-'), 'Board plan');
    const { stub } = await launch([EXE, plan]);

    // A handler for every contract channel, and no other.
    expect([...stub.ipcHandlers.keys()].sort()).toEqual([...CHANNELS].sort());

    // The plan from the command line is the one open (not the demo), through the contract.
    const info = await planInfo(stub);
    expect(info.path).toBe(path.resolve(plan));
    expect(info.name).toBe('Board plan');
    // Requests from anywhere but the app's own top frame are refused before the handler runs.
    const refused = (await stub.invoke('plan/info', {}, { url: 'https://evil.example/', parent: null })) as Envelope<PlanInfo>;
    expect(refused.ok).toBe(false);
    const framed = (await stub.invoke('plan/info', {}, { url: APP_ENTRY, parent: {} })) as Envelope<PlanInfo>;
    expect(framed.ok).toBe(false);

    // The window: hidden until ready-to-show, with the secure preferences and the built preload.
    const win = onlyWindow(stub);
    const prefs = win.options.webPreferences ?? {};
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
    });
    expect(path.isAbsolute(prefs.preload ?? '')).toBe(true);
    expect(prefs.preload).toBe(PRELOAD);
    expect(fs.existsSync(prefs.preload ?? '')).toBe(true);
    expect(win.options.show).toBe(false);
    expect(win.webContents.loadedUrls).toEqual([APP_ENTRY]);
    win.emit('ready-to-show');
    expect(win.visible).toBe(true);

    // app:// serves the built renderer with the CSP, and nothing outside it. Each load of the page
    // gets a fresh style nonce: the one its CSP header names, in the page's csp-nonce meta and tags.
    const handler = stub.protocolHandlers.get('app');
    if (!handler) throw new Error('no app:// handler');
    const nonces: string[] = [];
    let html = '';
    for (const page of [await handler(new Request(APP_ENTRY)), await handler(new Request(APP_ENTRY))]) {
      expect(page.status).toBe(200);
      const csp = page.headers.get('Content-Security-Policy') ?? '';
      const nonce = /style-src 'self' 'nonce-([A-Za-z0-9+/]+={0,2})'/.exec(csp)?.[1] ?? '';
      expect(nonce).not.toBe('');
      expect(csp).toBe(contentSecurityPolicy(nonce));
      html = await page.text();
      expect(html).toContain('<div id="root">');
      expect(html).not.toContain(STYLE_NONCE_PLACEHOLDER);
      expect(html).toContain(`<meta property="csp-nonce" nonce="${nonce}">`);
      expect([...html.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1]).filter((n) => n !== nonce)).toEqual([]);
      nonces.push(nonce);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
    // The page's script and stylesheet are served as built, under the policy without a nonce.
    const script = /src="\.\/(assets\/[^"]+\.js)"/.exec(html)?.[1] ?? '';
    const asset = await handler(new Request(`${APP_ENTRY.replace(/index\.html$/, '')}${script}`));
    expect(asset.status).toBe(200);
    expect(asset.headers.get('Content-Security-Policy')).toBe(contentSecurityPolicy());
    expect(await asset.text()).toBe(fs.readFileSync(path.resolve('out/renderer', script), 'utf8'));
    for (const bad of ['app://planner/../main/index.js', 'app://planner/%2e%2e/main/index.js', 'app://other/index.html'])
      expect((await handler(new Request(bad))).status, bad).toBe(404);

    // Permissions: every request and check refused.
    let granted: boolean | undefined;
    stub.guards.permissionRequest?.(win.webContents as never, 'media', (g) => (granted = g), { requestingUrl: APP_ENTRY, isMainFrame: true });
    expect(granted).toBe(false);
    expect(stub.guards.permissionCheck?.(null, 'clipboard-read', APP_ENTRY, { isMainFrame: true, requestingUrl: APP_ENTRY })).toBe(false);

    // No network: every http(s)/WebSocket request from the window is cancelled.
    const web = stub.guards.beforeRequest;
    if (!web) throw new Error('no webRequest guard');
    expect(web.filter.urls).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']));
    for (const url of ['https://telemetry.example/collect', 'http://localhost:5173/', 'wss://updates.example/']) {
      let answer: { cancel?: boolean } | undefined;
      web.listener({ url, method: 'GET' } as never, (r) => (answer = r));
      expect(answer, url).toEqual({ cancel: true });
    }

    // New windows: always denied; an allow-listed https link goes to the browser, nothing else does.
    const open = win.webContents.windowOpenHandler;
    if (!open) throw new Error('no window-open handler');
    expect(open({ url: 'https://evil.example/', frameName: '', features: '', disposition: 'new-window', referrer: { url: '', policy: 'default' } })).toEqual({
      action: 'deny',
    });
    expect(
      open({ url: 'https://digital.nhs.uk/data', frameName: '', features: '', disposition: 'foreground-tab', referrer: { url: '', policy: 'default' } }),
    ).toEqual({ action: 'deny' });
    expect(stub.externalOpened).toEqual(['https://digital.nhs.uk/data']);

    // Navigation away from the app, redirects and webviews are blocked; in-app navigation is not.
    expect(win.webContents.emitWillNavigate('https://evil.example/').defaultPrevented).toBe(true);
    expect(win.webContents.emitWillNavigate('app://planner.evil.example/').defaultPrevented).toBe(true);
    expect(win.webContents.emitWillNavigate('app://planner/index.html').defaultPrevented).toBe(false);
    expect(win.webContents.emitWillRedirect('https://evil.example/').defaultPrevented).toBe(true);
    expect(win.webContents.emitWillAttachWebview().defaultPrevented).toBe(true);

    // The menu: Help → About sends the typed command to the window.
    const menu = stub.Menu.applicationMenu;
    if (!menu) throw new Error('no application menu');
    const about = findItem(menu.template, 'About Workforce Pipeline Planner');
    expect(findItem(menu.template, 'Open recent')).toBeDefined();
    (about?.click as (() => void) | undefined)?.();
    expect(win.webContents.sent).toContainEqual({ channel: 'menu/command', args: [{ command: 'about' }] });

    // About: the version from package.json, the licence and the generated notices.
    const aboutReply = (await stub.invoke('app/about', {})) as Envelope<AboutInfo>;
    if (!aboutReply.ok) throw new Error(aboutReply.error.message);
    const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { version: string };
    expect(aboutReply.value.version).toBe(pkg.version);
    expect(aboutReply.value.licence).toBe('MIT');
    expect(aboutReply.value.notices.map((n) => n.name)).toEqual(expect.arrayContaining(['better-sqlite3', 'react', 'electron']));

    // Closing the window closes the plan and quits.
    win.close();
    expect(stub.app.quitCalls).toBe(1);
  });

  it('quits at once, touching nothing, when another copy holds the lock', async () => {
    const stub = createElectronStub({ userDataDir: tempDir('wfp-shell-'), isPackaged: true, gotTheLock: false });
    running.push(stub);
    loadWithStub(MAIN, stub, [EXE, '/data/Board plan.wfplan']);
    expect(stub.app.lockRequests).toHaveLength(1);
    expect(stub.app.quitCalls).toBe(1);
    expect(stub.privilegedSchemes).toEqual([]);
    expect(stub.app.listenerCount('second-instance')).toBe(0);
    stub.app.emitReady();
    await settle();
    expect(stub.windows).toHaveLength(0);
    expect(stub.ipcHandlers.size).toBe(0);
  });
});

describe('plans handed over by the system', () => {
  it('a second launch with a plan opens it in the running window and brings the window to the front', async () => {
    const dir = tempDir('wfp-plans-');
    const first = makePlan(dir, 'First');
    const second = makePlan(dir, 'Second plan');
    const { stub } = await launch([EXE, first]);
    const win = onlyWindow(stub);
    win.minimized = true;
    win.calls.length = 0;

    // Chromium adds switches to the argv it passes on; the second copy ran from another folder.
    stub.app.emitSecondInstance([EXE, '--original-process-start-time=13370000000000', 'Second plan.wfplan'], dir);
    expect((await planInfo(stub)).path).toBe(path.resolve(second));
    expect(win.calls).toEqual(['restore', 'show', 'focus']);
    expect(stub.windows).toHaveLength(1);

    // A launch with no file only brings the window forward.
    win.calls.length = 0;
    stub.app.emitSecondInstance([EXE], dir);
    expect(win.calls).toEqual(['focus']);
    expect((await planInfo(stub)).path).toBe(path.resolve(second));
  });

  it('a file that is not a plan is refused with a message, and the open plan stays', async () => {
    const dir = tempDir('wfp-plans-');
    const plan = makePlan(dir, 'Kept');
    const notPlan = path.join(dir, 'staff list.xlsx');
    fs.writeFileSync(notPlan, 'PK\u0003\u0004 a spreadsheet');
    const { stub } = await launch([EXE, plan]);
    stub.app.emitSecondInstance([EXE, notPlan], dir);
    await settle();
    expect(stub.messageBoxes).toHaveLength(1);
    expect(stub.messageBoxes[0]).toMatchObject({ type: 'error', message: '"staff list.xlsx" could not be opened.' });
    expect(stub.messageBoxes[0]?.detail).toMatch(/is not a plan file/);
    expect((await planInfo(stub)).path).toBe(path.resolve(plan));
    expect(fs.readFileSync(notPlan, 'utf8')).toBe('PK\u0003\u0004 a spreadsheet');
  });

  it('a non-plan on the command line: a message, and the app still starts on a plan', async () => {
    const dir = tempDir('wfp-plans-');
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'hello');
    const { stub } = await launch([EXE, notes]);
    expect(stub.messageBoxes[0]).toMatchObject({ type: 'error', message: '"notes.txt" could not be opened.' });
    expect((await planInfo(stub)).name).toMatch(/Dorset/);
    expect(stub.windows).toHaveLength(1);
  });

  it('macOS open-file before ready opens that plan at start-up; after ready it opens and comes to the front', async () => {
    const dir = tempDir('wfp-plans-');
    const early = makePlan(dir, 'Dropped on the Dock');
    const later = makePlan(dir, 'Double-clicked');
    let earlyEvent: { defaultPrevented: boolean } | undefined;
    const { stub } = await launch([EXE], { beforeReady: (s) => (earlyEvent = s.app.emitOpenFile(early)) });
    expect(earlyEvent?.defaultPrevented).toBe(true);
    expect((await planInfo(stub)).path).toBe(path.resolve(early));

    const win = onlyWindow(stub);
    win.calls.length = 0;
    expect(stub.app.emitOpenFile(later).defaultPrevented).toBe(true);
    expect((await planInfo(stub)).path).toBe(path.resolve(later));
    expect(win.calls).toContain('focus');
    // The recent plans in the File menu follow.
    const recent = stub.Menu.applicationMenu && findItem(stub.Menu.applicationMenu.template, 'Open recent');
    expect(JSON.stringify(recent?.submenu)).toContain('Double-clicked');
  });

  it('in development the app folder in argv is not taken for a plan', async () => {
    const plan = makePlan(tempDir('wfp-plans-'), 'Dev plan');
    const { stub } = await launch(['/x/node_modules/electron/dist/electron', '.', plan], { isPackaged: false });
    expect((await planInfo(stub)).path).toBe(path.resolve(plan));
  });
});

describe('the built preload', () => {
  it('exposes exactly the contract on window.api, each through ipcRenderer.invoke, and nothing else', async () => {
    const stub = createElectronStub({ userDataDir: tempDir('wfp-shell-'), isPackaged: true });
    loadWithStub(PRELOAD, stub, [EXE]);
    expect([...stub.exposed.keys()]).toEqual(['api']);
    const api = stub.exposed.get('api') as Record<string, (input: unknown) => Promise<unknown>> & { onEvent: (name: string, l: () => void) => () => void };
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).sort()).toEqual([...CHANNELS, 'onEvent'].sort());
    await api['plan/info']?.({});
    expect(stub.invoked).toEqual([{ channel: 'plan/info', args: [{}] }]);
    const off = api.onEvent('plan/changed', () => undefined);
    expect(stub.ipcRenderer.listenerCount('plan/changed')).toBe(1);
    off();
    expect(stub.ipcRenderer.listenerCount('plan/changed')).toBe(0);
    expect(() => api.onEvent('anything/else', () => undefined)).toThrow(/Unknown event/);
  });
});
