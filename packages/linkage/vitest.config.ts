import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'linkage', include: ['test/**/*.test.ts', 'src/**/*.test.ts'] },
});
