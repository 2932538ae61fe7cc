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
    // Each CRM write is a round trip to another process here, not a call into SQLite.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
