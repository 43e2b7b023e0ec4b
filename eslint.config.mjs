import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import local from './scripts/lint/no-import-cycle.mjs';

const banned = (extra = []) => ({
  patterns: [
    { group: ['electron', 'electron/*'], message: 'The engine is pure: no Electron.' },
    { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto'], message: 'The engine is pure: no Node built-ins.' },
    { group: ['better-sqlite3'], message: 'The engine is pure: no database.' },
    { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'ag-grid-*', 'ag-charts-*'], message: 'The engine is pure: no UI.' },
    ...extra,
  ],
});

/**
 * Layers of the main process (docs/ARCHITECTURE.md): db ← services ← ipc. A lower layer never
 * imports a higher one, and only ipc implements the contract's handler table. Tests may cross
 * layers (they drive the whole stack), so the zones cover source files only.
 */
const handlerTypes = {
  regex: '(^|/)shared/api/contract$',
  importNames: ['Handlers', 'HandlersFor'],
  message: "Only src/main/ipc implements the contract's handlers.",
};
const layer = (...patterns) => ['error', { patterns: [...patterns, handlerTypes] }];
const upward = (name, message) => ({ regex: `(^|/)(main/)?${name}(/|$)`, message });

export default tseslint.config(
  {
    ignores: [
      '**/*.d.mts',
      'out/**',
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      '.tmp/**',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      'no-restricted-syntax': ['error', { selector: "Property[key.name='nodeIntegration'][value.value=true]", message: 'nodeIntegration must stay off.' }],
      'local/no-import-cycle': 'error',
    },
    plugins: { local },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/**/*.test.ts', 'src/main/ipc/**', 'src/shared/model/**', 'src/renderer/**'],
    rules: { 'no-restricted-imports': layer() },
  },
  {
    files: ['src/main/db/**/*.ts'],
    ignores: ['src/main/db/**/*.test.ts'],
    rules: {
      'no-restricted-imports': layer(
        upward('services', 'The database layer imports no service: services call db, never the reverse.'),
        upward('ipc', 'The database layer imports nothing from ipc.'),
      ),
    },
  },
  {
    files: ['src/main/services/**/*.ts'],
    ignores: ['src/main/services/**/*.test.ts'],
    rules: { 'no-restricted-imports': layer(upward('ipc', 'Services import nothing from ipc: ipc calls services, never the reverse.')) },
  },
  {
    files: ['src/shared/model/**/*.ts'],
    ignores: ['src/shared/model/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', banned([handlerTypes])],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', 'localStorage', 'fetch'],
    },
  },
  {
    files: ['tests/e2e/**/*.ts'],
    rules: { 'no-empty-pattern': 'off' },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['electron', 'better-sqlite3', 'node:*', 'fs', 'path', '**/main/**'],
              message: 'The renderer talks to the main process only through window.api.',
            },
            handlerTypes,
          ],
        },
      ],
    },
  },
  // Layout is Prettier's (npm run lint checks it): no ESLint rule may disagree with it.
  prettier,
);
