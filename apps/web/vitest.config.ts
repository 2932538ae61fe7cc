import { fileURLToPath } from 'node:url';
import { defineProject } from 'vitest/config';

/**
 * Unit tests of the web app's plain TypeScript (db, sync engine) run in Node;
 * what needs a real browser is tested in e2e/ with Chromium.
 */
export default defineProject({
  resolve: {
    alias: { $lib: fileURLToPath(new URL('./src/lib', import.meta.url)) },
  },
  test: {
    name: 'web',
    include: ['src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
