import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'identifiers', include: ['test/**/*.test.ts', 'src/**/*.test.ts'] },
});
