import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Test files start real servers and databases: two at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
