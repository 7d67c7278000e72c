import { defineConfig } from 'vitest/config';

/**
 * Browser journeys against the real server (`npm run test:e2e`). One server for the whole
 * run, one browser per file, files run one after the other.
 */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    globalSetup: ['test/e2e/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    teardownTimeout: 60_000,
  },
});
