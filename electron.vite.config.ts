import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  main: {
    build: {
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          'import-worker': resolve(import.meta.dirname, 'src/main/services/import/worker.ts'),
          'simulation-worker': resolve(import.meta.dirname, 'src/main/services/uncertainty/worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload cannot require packages: bundle everything into it.
    build: { externalizeDeps: false },
  },
  renderer: {
    root: resolve(import.meta.dirname, 'src/renderer'),
    build: {
      rollupOptions: { input: resolve(import.meta.dirname, 'src/renderer/index.html') },
      chunkSizeWarningLimit: 4000,
    },
    plugins: [react()],
  },
});
