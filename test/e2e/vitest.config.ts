import { defineConfig } from 'vitest/config';

/** End-to-end: the built console in Debian's Chromium against the whole platform on a fresh PGlite database. */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    pool: 'forks',
    fileParallelism: false,
    // Browser profiles the sweep runs side by side: more starve a 2-core machine.
    maxConcurrency: 3,
    testTimeout: 120_000,
    hookTimeout: 240_000,
    reporters: ['default'],
  },
});
