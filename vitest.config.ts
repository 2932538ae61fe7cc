import { defineConfig } from 'vitest/config';

/** One vitest run covers every workspace's unit and integration tests. */
export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'apps/server',
      // The server's integration suite again, on a throwaway PostgreSQL.
      'apps/server/vitest.postgres.config.ts',
      'apps/web',
      'apps/crm-emulator',
    ],
  },
});
