import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/build/**',
      '**/dist/**',
      '**/.svelte-kit/**',
      '**/.turbo/**',
      'data/**',
      'e2e/artifacts/**',
    ],
  },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
      parserOptions: {
        projectService: {
          allowDefaultProject: [
            'eslint.config.js',
            'apps/web/svelte.config.js',
            'apps/web/vitest.config.ts',
            // SvelteKit keeps the service worker out of the app's tsconfig (other globals).
            'apps/web/src/service-worker.ts',
            // Plain Node scripts npm start and npm test run before anything is built.
            'apps/server/scripts/start.mjs',
            'e2e/scripts/machine-check.mjs',
          ],
        },
        extraFileExtensions: ['.svelte'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      parserOptions: { parser: ts.parser },
    },
  },
  {
    files: ['packages/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'node:*',
                'fs',
                'path',
                'crypto',
                'dexie',
                'better-sqlite3',
                'kysely',
                'hono',
              ],
              message: 'packages/core is pure: no I/O.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'packages/core does no I/O.' },
        { name: 'process', message: 'packages/core reads no environment.' },
        { name: 'crypto', message: 'ids and randomness are passed in.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'time is passed in.' },
        { object: 'Math', property: 'random', message: 'randomness is passed in.' },
      ],
    },
  },
  {
    // The PWA ships to browsers: it talks to the server over HTTP only. Tests that
    // need the real server in process import it from apps/web/test, outside src.
    files: ['apps/web/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['@kanjo/server', '@kanjo/server/*', '**/apps/server/**', '**/server/src/**'],
              message:
                'The PWA never imports the server; test helpers that do live in apps/web/test.',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read JSON responses loosely; the assertions are the type check.
    files: ['**/test/**/*.ts', '**/*.test.ts', 'e2e/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: [
      '**/*.config.{js,ts}',
      'e2e/**',
      'bench/**',
      '.ci/**',
      'apps/server/src/main.ts',
      'apps/server/src/log.ts',
    ],
    rules: { 'no-console': 'off' },
  },
);
