// Options and code that must never appear in the app's source. Shared by the static scan
// (scripts/check-security.mjs, part of `npm run lint`) and its unit test.

/** webPreferences values that weaken the window. */
export const BANNED_WEB_PREFERENCES = {
  contextIsolation: false,
  nodeIntegration: true,
  nodeIntegrationInWorker: true,
  nodeIntegrationInSubFrames: true,
  sandbox: false,
  webviewTag: true,
  webSecurity: false,
  allowRunningInsecureContent: true,
  experimentalFeatures: true,
};

/** Patterns refused anywhere in src/ (the reason is printed with the file and line). */
export const BANNED_PATTERNS = [
  ...Object.entries(BANNED_WEB_PREFERENCES).map(([key, value]) => ({
    pattern: new RegExp(`\\b${key}\\s*:\\s*${value}\\b`),
    reason: `${key}: ${value} weakens the window`,
  })),
  { pattern: /\benableBlinkFeatures\b/, reason: 'enableBlinkFeatures turns on experimental browser features' },
  { pattern: /unsafe-(inline|eval)/, reason: "the CSP must not allow 'unsafe-inline' or 'unsafe-eval'" },
  { pattern: /exposeInMainWorld\([^)]*\bipcRenderer\b/, reason: 'the preload must never expose ipcRenderer' },
  { pattern: /\bexecuteJavaScript\s*\(/, reason: 'main must not run script in the page; send a typed event instead' },
  { pattern: /\bipcRenderer\.send(Sync)?\s*\(/, reason: 'use invoke through the contract, never a generic send' },
  { pattern: /\bshell\.openExternal\s*\((?![^)]*\burl\b)/, reason: 'open links only through the allow-listed helper in window.ts' },
  { pattern: /\bwebSecurity\b(?!\s*:\s*true)/, reason: 'webSecurity may only ever be set to true' },
];
