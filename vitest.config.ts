import { defineConfig } from 'vitest/config';

// Server, repository, API and pure tests. scripts/test.mjs runs this once per database dialect.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
