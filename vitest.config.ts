import { defineConfig } from 'vitest/config';

/**
 * Two files at a time for the unit and API tests, whatever the cores: Vitest's default is one worker fewer than
 * the cores, which on the 2-core machines CI runs on is one, and most of an API test's time is spent waiting on
 * PostgreSQL, another process. The bench smoke test and the browser tests keep one file at a time (no file
 * parallelism: Vitest runs them in a group of their own, after these).
 */
const TWO_AT_A_TIME = 2;

export default defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'], maxWorkers: TWO_AT_A_TIME },
      },
      {
        extends: true,
        test: { name: 'api', include: ['test/api/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 120_000, maxWorkers: TWO_AT_A_TIME },
      },
      {
        extends: true,
        test: { name: 'bench', include: ['test/bench/**/*.test.ts'], testTimeout: 200_000, fileParallelism: false },
      },
      {
        extends: true,
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          // One Chromium and one server at a time on a 2-core machine.
          fileParallelism: false,
        },
      },
    ],
  },
});
