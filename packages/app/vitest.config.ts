import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'app',
    // test/postgres holds tests that only mean something on PostgreSQL: they run when DATABASE_URL is set.
    include: [
      'test/integration/**/*.test.ts',
      'test/cli/**/*.test.ts',
      'src/**/*.test.ts',
      ...(process.env.DATABASE_URL ? ['test/postgres/**/*.test.ts'] : []),
    ],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
