import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.{ts,tsx}'],
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Integration suites each create their own database; two workers match the 2-core machines.
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
