import { defineConfig } from 'vitest/config';

// One `vitest run` at the root covers every package; each project keeps its own timeouts.
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'shared', include: ['shared/test/**/*.test.ts'] } },
      {
        test: {
          name: 'server',
          include: ['server/test/**/*.test.ts'],
          // Several tests start server processes (crash, restart, scale-out); on 2 busy cores a
          // start can take most of 30 s, so a test gets a minute.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'mongo-emulator',
          include: ['packages/mongo-emulator/test/**/*.test.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
