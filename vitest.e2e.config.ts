import { defineConfig } from 'vitest/config';

// Browser journeys in real Chromium (playwright-core), against the real server as a child process.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    // Long journeys also audit every page they reach (axe-core at two widths in two modes).
    testTimeout: 360_000,
    hookTimeout: 300_000,
  },
});
