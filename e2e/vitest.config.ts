import { defineConfig } from 'vitest/config';

/**
 * Browser journeys against the real server and the built SPA. One file at a
 * time: each file starts its own server and Chromium, which is heavy.
 */
export default defineConfig({
  test: {
    include: ['tests/**/*.e2e.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
