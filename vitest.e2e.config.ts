import { defineConfig } from 'vitest/config';

// Browser tests: Debian's /usr/bin/chromium driven by playwright-core against the built site (dist/).
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
