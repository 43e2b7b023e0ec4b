import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const banned = (extra = []) => ({
  patterns: [
    { group: ['electron', 'electron/*'], message: 'The engine is pure: no Electron.' },
    { group: ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'crypto'], message: 'The engine is pure: no Node built-ins.' },
    { group: ['better-sqlite3'], message: 'The engine is pure: no database.' },
    { group: ['react', 'react-dom', 'react/*', 'react-dom/*', 'ag-grid-*', 'ag-charts-*'], message: 'The engine is pure: no UI.' },
    ...extra,
  ],
});

export default tseslint.config(
  { ignores: ['**/*.d.mts', 'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench/results/**', '.tmp/**', '**/*.mjs', '**/*.cjs'] },
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
    },
  },
  {
    files: ['src/shared/model/**/*.ts'],
    ignores: ['src/shared/model/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', banned()],
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
      'no-restricted-imports': ['error', { patterns: [
        { group: ['electron', 'better-sqlite3', 'node:*', 'fs', 'path', '**/main/**'], message: 'The renderer talks to the main process only through window.api.' },
      ] }],
    },
  },
);
