import { defineConfig } from 'vitest/config';

/** `npm run test:fuzz`: the generated-input tests with 10,000 inputs per form and endpoint. */
export default defineConfig({
  test: {
    include: ['src/http/fuzz.test.ts'],
    globalSetup: ['src/testing/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 1,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    provide: { fuzzRuns: 10_000 },
  },
});
