import { defineConfig } from 'vitest/config';

// Every package is a Vitest project; each has its own vitest.config.ts.
export default defineConfig({
  test: {
    projects: ['packages/*'],
  },
});
