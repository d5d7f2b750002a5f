import { defineConfig } from 'vitest/config';

// Training and the CLI tests run whole (small) linkage jobs: allow for a busy 2-core machine.
export default defineConfig({
  test: { name: 'linkage', include: ['test/**/*.test.ts', 'src/**/*.test.ts'], testTimeout: 60_000 },
});
