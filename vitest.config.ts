import { defineConfig } from 'vitest/config';
import { timeFactor } from './tests/helpers/time.js';

// Measured once here, inherited by the test workers (see tests/helpers/time.ts).
process.env.TEST_TIME_FACTOR = String(timeFactor());
const factor = Number(process.env.TEST_TIME_FACTOR);

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // The search index, built once for the whole run (tests/helpers/global-setup.ts).
    globalSetup: ['tests/helpers/global-setup.ts'],
    // Time-outs stretched on a slow or busy machine; a test's own time-out uses patient() from tests/helpers/time.ts.
    testTimeout: Math.round(30_000 * factor),
    hookTimeout: Math.round(60_000 * factor),
    // Test files start real servers and databases: two at a time suits a 2-core machine.
    maxWorkers: 2,
  },
});
