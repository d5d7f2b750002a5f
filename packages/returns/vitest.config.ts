import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'returns', include: ['test/**/*.test.ts', 'src/**/*.test.ts'] },
});
