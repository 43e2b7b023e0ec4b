import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { bundledPackages } from './scripts/bundled-packages';
import { STYLE_NONCE_PLACEHOLDER } from './src/main/security';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(root, 'src/main/index.ts'),
          'import-worker': resolve(root, 'src/main/services/import/worker.ts'),
          'plan-worker': resolve(root, 'src/main/services/plan-worker/worker.ts'),
          'simulation-worker': resolve(root, 'src/main/services/uncertainty/worker.ts'),
        },
      },
    },
    // React (bundled for the board workbook's charts, drawn by react-dom/server) in its
    // production build: the development build is not shipped.
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    plugins: [bundledPackages('main', root)],
  },
  preload: {
    // A sandboxed preload cannot require packages: bundle everything into it.
    build: { externalizeDeps: false },
    plugins: [bundledPackages('preload', root)],
  },
  renderer: {
    root: resolve(root, 'src/renderer'),
    // The page's tags and its <meta property="csp-nonce"> carry this placeholder; whatever serves
    // the page replaces it with a fresh nonce, the one its CSP header names (src/main/security.ts).
    html: { cspNonce: STYLE_NONCE_PLACEHOLDER },
    build: {
      rollupOptions: { input: resolve(root, 'src/renderer/index.html') },
      chunkSizeWarningLimit: 4000,
    },
    plugins: [react(), bundledPackages('renderer', root)],
  },
});
