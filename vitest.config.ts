import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
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
