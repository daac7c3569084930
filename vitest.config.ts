import { availableParallelism } from 'node:os';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    // Test files spend much of their time waiting (PostgreSQL, MQTT, child processes): one per core, where Vitest's
    // default (cores − 1) runs them one at a time on a 2-core machine.
    maxWorkers: Math.max(2, availableParallelism()),
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default'],
    projects: [
      {
        extends: true,
        test: {
          name: 'platform',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          // One migrated template database per run; each test file's fresh database copies it.
          globalSetup: ['test/global-setup.ts'],
        },
      },
      {
        // The web console: components in a simulated DOM; a file may ask for Node with `// @vitest-environment node`.
        extends: true,
        plugins: [react()],
        test: {
          name: 'console',
          include: ['web/src/**/*.test.{ts,tsx}'],
          environment: 'happy-dom',
          setupFiles: ['web/src/test/setup.ts'],
        },
      },
    ],
  },
});
