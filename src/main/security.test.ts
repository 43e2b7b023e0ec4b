import { FuseV1Options } from '@electron/fuses';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUSE_CONFIG } from './fuses';
import { BANNED_PATTERNS, BANNED_WEB_PREFERENCES } from '../../scripts/security-rules.mjs';
import {
  APP_ENTRY,
  APP_ORIGIN,
  contentSecurityPolicy,
  isAllowedExternal,
  isPage,
  isAllowedNavigation,
  isAllowedRequest,
  isTrustedSender,
  NETWORK_REQUEST_FILTER,
  permissionCheckHandler,
  permissionRequestHandler,
  resolveAppPath,
  secureWebPreferences,
  servePage,
  STYLE_NONCE_PLACEHOLDER,
} from './security';

describe('window security', () => {
  it('isolates, sandboxes and keeps Node out of the page', () => {
    const prefs = secureWebPreferences('/app/preload.js');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      sandbox: true,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
    });
    for (const [key, bad] of Object.entries(BANNED_WEB_PREFERENCES)) expect((prefs as Record<string, unknown>)[key], key).not.toBe(bad);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
  });

  it('the static scan catches each banned option and call', () => {
    const caught = (line: string) => BANNED_PATTERNS.some(({ pattern }) => pattern.test(line));
    for (const bad of [
      'nodeIntegration: true,',
      'contextIsolation: false,',
      'sandbox: false',
      'webSecurity: false',
      'webviewTag: true',
      'allowRunningInsecureContent: true',
      'enableBlinkFeatures: "x"',
      "script-src 'self' 'unsafe-inline'",
      "contextBridge.exposeInMainWorld('ipc', ipcRenderer)",
      'win.webContents.executeJavaScript("x")',
      "ipcRenderer.send('anything')",
    ]) {
      expect(caught(bad), bad).toBe(true);
    }
    for (const good of ['nodeIntegration: false,', 'sandbox: true,', 'webSecurity: true,', 'ipcRenderer.invoke(channel, input)'])
      expect(caught(good), good).toBe(false);
  });

  const directives = (csp: string): Record<string, string> =>
    Object.fromEntries(
      csp.split(';').map((p) => {
        const [k, ...v] = p.trim().split(/\s+/);
        return [k ?? '', v.join(' ')];
      }),
    );

  it('has a CSP with no inline script, no eval and no other origins', () => {
    for (const csp of [contentSecurityPolicy(), contentSecurityPolicy('abc123')]) {
      const d = directives(csp);
      expect(d['default-src']).toBe("'self'");
      expect(d['script-src']).toBe("'self'");
      expect(d['object-src']).toBe("'none'");
      expect(d['base-uri']).toBe("'none'");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
    }
    expect(directives(contentSecurityPolicy())['style-src']).toBe("'self'");
    expect(directives(contentSecurityPolicy('abc123'))['style-src']).toBe("'self' 'nonce-abc123'");
  });

  it('gives every load of a page a fresh style nonce, the same in its CSP header and in the page', () => {
    const built = `<head><meta property="csp-nonce" nonce="${STYLE_NONCE_PLACEHOLDER}"><link rel="stylesheet" nonce="${STYLE_NONCE_PLACEHOLDER}" href="./a.css"></head>`;
    const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(directives(csp)['style-src'] ?? '')?.[1];
    const loads = [servePage(built), servePage(built)];
    const nonces = loads.map((l) => nonceOf(l.csp));
    for (const [i, load] of loads.entries()) {
      const nonce = nonces[i] ?? '';
      expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/); // 128 random bits
      expect(load.html).not.toContain(STYLE_NONCE_PLACEHOLDER);
      expect([...load.html.matchAll(/nonce="([^"]*)"/g)].map((m) => m[1])).toEqual([nonce, nonce]);
    }
    expect(nonces[0]).not.toBe(nonces[1]);
    expect(isPage('/out/renderer/index.html')).toBe(true);
    expect(isPage('/out/renderer/assets/index.js')).toBe(false);
  });

  it('answers IPC only from the top frame of our own origin', () => {
    const origins = [APP_ORIGIN];
    expect(isTrustedSender({ url: APP_ENTRY, parent: null }, origins)).toBe(true);
    expect(isTrustedSender({ url: APP_ENTRY, parent: {} }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'app://evil/index.html', parent: null }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'app://planner.evil.com/', parent: null }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'https://planner/', parent: null }, origins)).toBe(false);
    expect(isTrustedSender({ url: 'file:///etc/passwd', parent: null }, origins)).toBe(false);
    expect(isTrustedSender(null, origins)).toBe(false);
  });

  it('compares navigation by origin, not by prefix', () => {
    const origins = [APP_ORIGIN, 'http://localhost:5173'];
    expect(isAllowedNavigation('app://planner/pipelines', origins)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173/x', origins)).toBe(true);
    expect(isAllowedNavigation('http://localhost:5173.evil.com/', origins)).toBe(false);
    expect(isAllowedNavigation('http://localhost:51730/', origins)).toBe(false);
    expect(isAllowedNavigation('https://example.com/', origins)).toBe(false);
    expect(isAllowedNavigation('not a url', origins)).toBe(false);
  });

  it('lets the window reach no network, except the dev server in development', () => {
    expect(NETWORK_REQUEST_FILTER.urls).toEqual(['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*']);
    const packaged = [APP_ORIGIN];
    for (const url of ['https://digital.nhs.uk/', 'http://localhost:5173/', 'wss://example.com/socket', 'http://127.0.0.1/'])
      expect(isAllowedRequest(url, packaged), url).toBe(false);
    const dev = [APP_ORIGIN, 'http://localhost:5173'];
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/', dev)).toBe(true);
    expect(isAllowedRequest('http://localhost:5174/', dev)).toBe(false);
    expect(isAllowedRequest('https://localhost:5173/', dev)).toBe(false);
    expect(isAllowedRequest('not a url', dev)).toBe(false);
  });

  it('opens only https links to listed hosts', () => {
    expect(isAllowedExternal('https://digital.nhs.uk/data')).toBe(true);
    expect(isAllowedExternal('http://digital.nhs.uk/data')).toBe(false);
    expect(isAllowedExternal('https://digital.nhs.uk.evil.com/')).toBe(false);
    expect(isAllowedExternal('https://user:pw@digital.nhs.uk/')).toBe(false);
    expect(isAllowedExternal('file:///C:/Windows/system32/calc.exe')).toBe(false);
    expect(isAllowedExternal('javascript:alert(1)')).toBe(false);
  });

  it('serves app:// paths only from inside the renderer folder', () => {
    const root = path.resolve('/srv/renderer');
    expect(resolveAppPath(root, 'app://planner/index.html')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://planner/')).toBe(path.join(root, 'index.html'));
    expect(resolveAppPath(root, 'app://planner/assets/a.js')).toBe(path.join(root, 'assets/a.js'));
    for (const bad of [
      'app://planner/../secret',
      'app://planner/assets/../../secret',
      'app://planner/%2e%2e/secret',
      'app://planner/%2E%2E%2Fsecret',
      'app://planner/..%2fsecret',
      'app://planner/..%5csecret',
      'app://planner/C:/Windows/win.ini',
      'app://planner/%5c%5cserver%5cshare',
      'app://planner/a%00b',
      'app://other/index.html',
      'file:///etc/passwd',
    ]) {
      expect(resolveAppPath(root, bad), bad).toBeNull();
    }
  });

  it('denies every permission request and check', () => {
    let granted: boolean | undefined;
    permissionRequestHandler(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(permissionCheckHandler()).toBe(false);
  });

  it('flips the fuses that close Node and debugging routes into the app', () => {
    expect(FUSE_CONFIG[FuseV1Options.RunAsNode]).toBe(false);
    expect(FUSE_CONFIG[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(FUSE_CONFIG[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(FUSE_CONFIG[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(FUSE_CONFIG[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(FUSE_CONFIG[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
  });
});
