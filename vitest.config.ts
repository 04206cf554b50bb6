import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
    // One throwaway PostgreSQL cluster per run, for the collector's PostgreSQL backend.
    globalSetup: ['test/support/pg-global-setup.ts'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: Chromium and host processes are heavy, so files run two at a time at most.
    maxWorkers: 2,
  },
});
