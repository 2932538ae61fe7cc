import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'crm-zoho', include: ['src/**/*.test.ts'], testTimeout: 60_000 },
});
