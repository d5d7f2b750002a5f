import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'redaction', include: ['test/**/*.test.ts', 'src/**/*.test.ts'] },
});
