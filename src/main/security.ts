/**
 * The window's security settings, as plain values and pure functions so that tests can check
 * them without the Electron binary. window.ts, protocol.ts and index.ts apply them.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/** The custom scheme the UI is served from. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'planner';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * The placeholder the build writes wherever the page's style nonce goes (Vite's html.cspNonce:
 * the nonce attributes of the page's own tags and its `<meta property="csp-nonce">`, which the
 * renderer reads once at start-up and gives to the grid for the <style> elements it injects).
 */
export const STYLE_NONCE_PLACEHOLDER = '__STYLE_NONCE__';

/** A fresh nonce: 128 random bits, base64. */
export function newStyleNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The page's Content Security Policy: no inline script, no eval, nothing from elsewhere. Styles
 * come from 'self', plus, for a page, the <style> elements that carry that page load's nonce.
 */
export function contentSecurityPolicy(styleNonce?: string): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    styleNonce ? `style-src 'self' 'nonce-${styleNonce}'` : "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Whether a built file is a page (which gets a nonce of its own each time it is served). */
export function isPage(file: string): boolean {
  return path.extname(file).toLowerCase() === '.html';
}

/**
 * Serves one load of a page: a fresh nonce, put in the CSP header and in place of the build's
 * placeholder, so the two always agree. Every response that serves a page goes through here.
 */
export function servePage(html: string): { html: string; csp: string } {
  const nonce = newStyleNonce();
  return { html: html.split(STYLE_NONCE_PLACEHOLDER).join(nonce), csp: contentSecurityPolicy(nonce) };
}

/** webPreferences for every window. */
export function secureWebPreferences(preloadPath: string) {
  return {
    preload: preloadPath,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    sandbox: true,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

/** Same origin, also for custom schemes (whose WHATWG origin is the opaque "null"). */
export function sameOrigin(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.protocol === y.protocol && x.host === y.host && x.port === y.port;
  } catch {
    return false;
  }
}

/** The origins the UI may be served from: the app scheme, plus the dev server in development. */
export function trustedOrigins(devServerUrl: string | undefined): string[] {
  return devServerUrl ? [APP_ORIGIN, devServerUrl] : [APP_ORIGIN];
}

export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

/** IPC is answered only for the top frame of our own page. */
export function isTrustedSender(frame: SenderFrameLike | null | undefined, origins: string[]): boolean {
  if (!frame || frame.parent !== null) return false;
  return origins.some((o) => sameOrigin(frame.url, o));
}

/** In-window navigation is allowed only within our own origin. */
export function isAllowedNavigation(url: string, origins: string[]): boolean {
  return origins.some((o) => sameOrigin(url, o));
}

/**
 * Network requests from the window: the UI comes from app:// and never needs the network, so every
 * http(s) and WebSocket request is cancelled, except to the dev server in development. The app
 * works the same with the network unplugged.
 */
export const NETWORK_REQUEST_FILTER = { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'] };

export function isAllowedRequest(url: string, origins: string[]): boolean {
  return origins.some((o) => /^(https?|wss?):/.test(o) && sameOrigin(url.replace(/^ws(s?):/, 'http$1:'), o));
}

/** Hosts that links may open in the user's browser (https only). */
export const EXTERNAL_HOSTS = new Set(['www.england.nhs.uk', 'digital.nhs.uk', 'www.skillsforcare.org.uk', 'www.ourdorset.nhs.uk']);

export function isAllowedExternal(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && EXTERNAL_HOSTS.has(u.hostname) && u.username === '' && u.password === '';
  } catch {
    return false;
  }
}

/**
 * Maps an app:// request to a file under `root`, or null when the path tries to leave it
 * (../, encoded dots, absolute or UNC paths, backslashes, NUL).
 */
export function resolveAppPath(root: string, requestUrl: string): string | null {
  // WHATWG parsing folds "../" away before we could see it: look at the raw text first.
  const rest = requestUrl.replace(/^[a-z]+:\/\//i, '');
  if (/(^|[/\\])\.{1,2}([/\\?#]|$)/.test(rest) || /%2e|%2f|%5c|%00/i.test(rest)) return null;
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  const raw = url.pathname;
  if (/%2e|%2f|%5c|%00/i.test(raw) || raw.includes('\\') || raw.includes('\0')) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const segments = decoded.split('/').filter((s) => s.length > 0);
  if (segments.some((s) => s === '..' || s === '.' || /^[a-zA-Z]:$/.test(s))) return null;
  const relative = segments.length === 0 ? 'index.html' : segments.join('/');
  const rootAbs = path.resolve(root);
  const full = path.resolve(rootAbs, relative);
  if (full !== rootAbs && !full.startsWith(rootAbs + path.sep)) return null;
  return full;
}

/** Permission requests (camera, notifications, …) and checks are all refused. */
export const permissionRequestHandler = (_wc: unknown, _permission: string, callback: (granted: boolean) => void): void => callback(false);
export const permissionCheckHandler = (): boolean => false;
