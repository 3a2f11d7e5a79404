import { defineConfig } from 'vitest/config';

// Unit, property and golden tests: pure Node, no browser, no built site.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    testTimeout: 30_000,
    pool: 'threads',
  },
});
