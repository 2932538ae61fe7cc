import { defineProject } from 'vitest/config';

/**
 * The server's integration suite again, on PostgreSQL: the tests start one
 * throwaway PostgreSQL server for the run (test/postgres-global.ts) and every
 * test app makes its own database on it.
 */
export default defineProject({
  test: {
    name: 'server-postgres',
    include: ['test/**/*.test.ts'],
    env: { KANJO_TEST_DATABASE: 'postgres' },
    globalSetup: ['test/postgres-global.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
