import { defineConfig } from 'vitest/config';

// The CLI and worker tests encode and link small files end to end: allow for a busy 2-core machine.
export default defineConfig({
  test: { name: 'pprl', include: ['test/**/*.test.ts'], testTimeout: 60_000 },
});
