import { defineConfig } from 'vitest/config';

// Integration tests on a real database: PGlite in a temporary directory, or PostgreSQL when
// INDEX_TEST_POSTGRES_URL (or DATABASE_URL) is set. Allow for a busy 2-core machine.
export default defineConfig({
  test: { name: 'index', include: ['test/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
});
